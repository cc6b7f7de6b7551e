// Command domaingen suggests domain names for a business description, serves
// them over HTTP, and holds the tools to fine-tune and evaluate the model.
//
// Usage:
//
//	domaingen <command> [flags] [args]
//
// Run "domaingen help" for the list of commands and "domaingen <command>
// --help" for each one's flags.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"

	"domaingen/suggest"
)

// command is one subcommand. run parses args itself (with a flag.FlagSet
// whose output goes to stderr) and returns an error wrapping errUsage for
// bad flags or arguments, so main can exit with status 2.
type command struct {
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

// errUsage marks errors caused by how the command was called (exit status 2).
var errUsage = errors.New("usage")

// usageError wraps a message as a usage error.
func usageError(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errUsage, fmt.Sprintf(format, args...))
}

// parseFlags parses args with fs, marking bad flags as usage errors (exit
// status 2); -h/--help returns flag.ErrHelp (exit status 0).
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	return nil
}

// commands is filled by each subcommand's file in its init function.
var commands = map[string]command{}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command line and returns the process exit status:
// 0 on success, 2 for usage errors and invalid input, 1 for everything else.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		printUsage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "domaingen: unknown command %q\n\n", args[0])
		printUsage(stderr)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := cmd.run(ctx, args[1:], stdout, stderr)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage), errors.Is(err, suggest.ErrInvalidInput):
		fmt.Fprintf(stderr, "domaingen %s: %v\n", args[0], err)
		return 2
	default:
		fmt.Fprintf(stderr, "domaingen %s: %v\n", args[0], err)
		return 1
	}
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, `domaingen suggests brandable, valid domain names for a business description,
using a small language model (SmolLM2-135M-Instruct by default) run in-process
through llama.cpp, and holds the tools to fine-tune and evaluate that model.

Usage:
  domaingen <command> [flags] [args]

Commands:
`)
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-10s %s\n", name, commands[name].summary)
	}
	fmt.Fprint(w, `
Run "domaingen <command> --help" for a command's flags.

Environment:
  DOMAINGEN_MODEL    path of the GGUF model (default models/SmolLM2-135M-Instruct.Q4_1.gguf)
  DOMAINGEN_ADAPTER  path of a LoRA adapter GGUF applied on top of the model
  DOMAINGEN_THREADS  threads for llama.cpp (default: number of free cores)
  DOMAINGEN_TEMPERATURE  sampling temperature (default 0.8)
  DOMAINGEN_BACKEND  base URL of a remote llama-server or OpenAI-compatible server
                     (serve, suggest, eval; same as --backend; docs/backends.md)
  DOMAINGEN_BACKEND_PROTOCOL  llama, openai or auto (same as --backend-protocol)
  DOMAINGEN_BACKEND_MODEL     OpenAI "model" field (same as --backend-model)
  DOMAINGEN_BACKEND_API_KEY   bearer token sent to the backend (environment only)
`)
}

package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"

	"domaingen/engine"
	"domaingen/prompt"
	"domaingen/suggest"
)

func init() {
	commands["suggest"] = command{summary: "suggest domain names for a business description", run: runSuggest}
}

// modelFlags registers the flags shared by every command that loads the model.
func modelFlags(fs *flag.FlagSet, cfg *engine.Config) {
	fs.StringVar(&cfg.Model, "model", "", "GGUF model `path` (default $DOMAINGEN_MODEL or "+engine.DefaultModel+")")
	fs.StringVar(&cfg.Adapter, "adapter", "", "LoRA adapter GGUF `path` applied on top of the model, or \"none\" (default $DOMAINGEN_ADAPTER, else "+engine.DefaultAdapter+" with the default model when it exists)")
	fs.IntVar(&cfg.Threads, "threads", 0, "threads for llama.cpp (default $DOMAINGEN_THREADS or the number of free cores)")
	fs.IntVar(&cfg.GPULayers, "gpu-layers", 0, "layers to offload to a GPU (Metal on darwin/arm64, or the --ggml-backend module; 99: all; default 0: CPU only; docs/backends.md)")
	fs.StringVar(&cfg.GGMLBackend, "ggml-backend", "", "ggml backend module `path` to load, e.g. libggml-cuda.so built by scripts/build-ggml-cuda.sh (docs/backends.md)")
	fs.StringVar(&cfg.Calibration, "confidence-map", "", "confidence map `file`, or \"none\" for raw scores (default: confidence.json next to the adapter, else calibration/<model file>.json; a map fitted for another model or adapter is refused)")
	fs.StringVar(&cfg.Prompt, "prompt", "", "chat layout: fewshot, compact or auto (default $DOMAINGEN_PROMPT, else auto: compact with an adapter, fewshot without)")
	fs.Func("temperature", "sampling temperature (default 0.8; lower is more conservative)", func(v string) error {
		t, err := strconv.ParseFloat(v, 32)
		if err != nil || t <= 0 || t > 2 {
			return fmt.Errorf("want a number in (0, 2], got %q", v)
		}
		cfg.Temperature = float32(t)
		return nil
	})
}

func runSuggest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("suggest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		ecfg    engine.Config
		count   = fs.Int("n", suggest.DefaultCount, fmt.Sprintf("number of suggestions (%d-%d)", suggest.MinCount, suggest.MaxCount))
		tlds    = fs.String("tlds", "", "comma-separated TLDs to use, e.g. com,io (default: com, io, co, ai, app, dev, net, org)")
		seed    = fs.Uint("seed", 1, "sampling seed: the same seed gives the same suggestions")
		asJSON  = fs.Bool("json", false, "print the API's JSON response instead of a table")
		verbose = fs.Bool("v", false, "log llama.cpp and timing details to stderr")
		check   = fs.Bool("check", false, "check each name's availability (DNS, RDAP, WHOIS)")
		avail   = fs.Bool("available", false, "show only names found available, generating more rounds to find -n of them")
		af      availabilityFlags
		bf      backendFlags
	)
	modelFlags(fs, &ecfg)
	af.register(fs)
	bf.register(fs)
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: domaingen suggest [flags] "business description"

Suggests domain names for a business description with the local model, or
with --backend URL (or $DOMAINGEN_BACKEND) on a remote llama-server or
OpenAI-compatible server (docs/backends.md). The description may also come
from standard input with "-".

Examples:
  domaingen suggest "organic coffee shop downtown"
  domaingen suggest -n 15 --tlds com,io --seed 7 "bike repair shop with student discounts"
  echo "florist in Lyon" | domaingen suggest --json -
  domaingen suggest --available "organic coffee shop downtown"    # only names that can be registered

Exit status: 0 success (also for a blocked request), 2 invalid input or flags, 1 other errors.

Flags:
`)
		fs.PrintDefaults()
	}
	if err := parseInterspersed(fs, args); err != nil {
		return err
	}
	setVerbose(*verbose, stderr)
	desc := strings.Join(fs.Args(), " ")
	if fs.NArg() == 1 && fs.Arg(0) == "-" {
		data, err := io.ReadAll(io.LimitReader(os.Stdin, 1<<20))
		if err != nil {
			return fmt.Errorf("read description from stdin: %w", err)
		}
		desc = string(data)
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageError("a business description is required")
	}
	if _, err := prompt.Clean(desc); err != nil {
		return fmt.Errorf("%w: %w", suggest.ErrInvalidInput, err)
	}
	req := suggest.Request{Description: desc, Count: *count, Seed: uint32(*seed), TLDs: splitList(*tlds),
		CheckAvailability: *check || *avail, OnlyAvailable: *avail}
	if *count < suggest.MinCount || *count > suggest.MaxCount {
		return usageError("-n must be between %d and %d", suggest.MinCount, suggest.MaxCount)
	}
	g, err := openGenerator(ecfg, &bf, nil, slog.New(slog.NewTextHandler(stderr, nil)))
	if err != nil {
		return err
	}
	defer g.close()
	var svc suggest.Suggester = suggest.New(g.gen, g.config)
	if req.CheckAvailability {
		chk, err := af.checker(nil)
		if err != nil {
			return err
		}
		svc = suggest.NewAvailable(svc, chk, suggest.AvailabilityLimits{})
	}
	resp, err := svc.Suggest(ctx, req)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		return enc.Encode(resp)
	}
	printResponse(stdout, resp)
	return nil
}

func printResponse(w io.Writer, resp suggest.Response) {
	if resp.Status == suggest.StatusBlocked {
		fmt.Fprintf(w, "blocked: %s (category: %s)\n", resp.Message, resp.Category)
		return
	}
	for i, s := range resp.Suggestions {
		bar := strings.Repeat("█", int(s.Confidence*20+0.5))
		avail := ""
		if a := s.Availability; a != nil {
			avail = fmt.Sprintf("  %-9s %s", a.Status, a.Method)
			if a.Status == "unknown" && a.Reason != "" {
				avail += " (" + truncateReason(a.Reason, 60) + ")"
			}
		}
		conf := fmt.Sprintf("%5.3f", s.Confidence)
		if s.ConfidenceSource == suggest.ConfidenceNone {
			conf, bar = "  n/a", "(no log-probs)"
		}
		fmt.Fprintf(w, "%2d. %-32s %s %-20s %-8s%s\n", i+1, s.Domain, conf, bar, s.Source, avail)
	}
	if len(resp.Suggestions) > 0 {
		if resp.ConfidenceCalibrated {
			fmt.Fprintln(w, "confidence: the validated judge's estimate that a rater would shortlist the name (docs/api.md)")
		} else {
			fmt.Fprintln(w, "confidence: raw scores, not calibrated (no confidence map for this model and adapter)")
		}
	}
	if a := resp.Availability; a != nil {
		fmt.Fprintf(w, "availability: %d checked, %d available, %d could not be verified, %d round(s)\n", a.Checked, a.Available, a.Unverified, a.Rounds)
	}
	if resp.Message != "" {
		fmt.Fprintln(w, resp.Message)
	}
}

// truncateReason shortens a reason for the table.
func truncateReason(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// splitList splits "a, b,c" into [a b c], dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// parseInterspersed parses flags that may come before or after positional
// arguments ("suggest 'coffee shop' -n 5" works too).
func parseInterspersed(fs *flag.FlagSet, args []string) error {
	var positional []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return err
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "-" && len(args) == 1 {
			positional = append(positional, args[0])
			break
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
	return fs.Parse(append([]string{"--"}, positional...))
}

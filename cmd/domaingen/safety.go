package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"domaingen/safety"
)

func init() {
	commands["safety"] = command{summary: "label JSONL descriptions with the safety policy (block/allow)", run: runSafety}
}

// safetyStdin is where "--in -" reads from; tests replace it.
var safetyStdin io.Reader = os.Stdin

// runSafety labels a JSONL file of descriptions with safety.LabelJSONL.
func runSafety(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("safety", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		in     = fs.String("in", "", "input JSONL `file` with a \"description\" field per record (\"-\" = stdin; required)")
		out    = fs.String("out", "", "output JSONL `file` (default stdout)")
		report = fs.Bool("report", false, "print counts, recall and over-refusal (Wilson 95% intervals) and the misses to stderr")
		asJSON = fs.Bool("json", false, "with --report, print the statistics as JSON")
	)
	fs.Usage = func() {
		fmt.Fprintf(stderr, `Usage: domaingen safety --in FILE.jsonl [--out FILE] [--report]

Runs the input safety policy (%s) over JSON Lines records and writes each
record back with every field kept, plus "label" ("block" or "allow") and
"category". A record that already had "label" keeps it as "expected_label";
--report then also gives block recall and over-refusal.

Examples:
  domaingen safety --in testdata/safety.jsonl --out labelled.jsonl --report
  echo '{"description":"florist in Lyon"}' | domaingen safety --in -

Flags:
`, safety.PolicyVersion)
		fs.PrintDefaults()
	}
	if err := parseInterspersed(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("unexpected arguments %q", fs.Args())
	}
	if *in == "" {
		fs.Usage()
		return usageError("--in is required")
	}
	var r io.Reader = safetyStdin
	if *in != "-" {
		f, err := os.Open(*in)
		if err != nil {
			return fmt.Errorf("open input %s: %w", *in, err)
		}
		defer f.Close()
		r = f
	}
	w := stdout
	var outFile *os.File
	if *out != "" && *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			return fmt.Errorf("create output %s: %w", *out, err)
		}
		outFile = f
		w = f
	}
	st, err := safety.LabelJSONL(contextReader{ctx, r}, w)
	if outFile != nil {
		if cerr := outFile.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close output %s: %w", *out, cerr)
		}
	}
	if err != nil {
		return err
	}
	if *report {
		if *asJSON {
			enc := json.NewEncoder(stderr)
			enc.SetIndent("", "  ")
			return enc.Encode(st)
		}
		fmt.Fprint(stderr, st.String())
	}
	return nil
}

// contextReader stops reading once ctx is done (Ctrl-C on a long file).
type contextReader struct {
	ctx context.Context
	r   io.Reader
}

func (c contextReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

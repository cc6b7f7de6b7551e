package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"domaingen/edgecase"
	"domaingen/engine"
	"domaingen/suggest"
)

func init() {
	commands["edgecases"] = command{summary: "check edge-case inputs and metamorphic properties of the suggestion pipeline", run: runEdgeCases}
}

func runEdgeCases(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("edgecases", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var ecfg engine.Config
	modelFlags(fs, &ecfg)
	var (
		in       = fs.String("in", "testdata/edge_cases.jsonl", "edge cases `file` (JSONL: id, input, kind, expect); empty for none")
		generate = fs.Bool("generate", false, "also run the generated edge cases")
		seed     = fs.Uint64("seed", 1, "seed of the generator and of the word-order shuffles: the same seed gives the same cases")
		outMD    = fs.String("out-md", "", "write the result as a markdown section to `file`: counts by class and by kind, examples (for docs/edge-cases.md)")
		timeout  = fs.Duration("timeout", 30*time.Second, "limit of one Suggest call; a slower call is a crash-timeout failure")
		examples = fs.Int("examples", 3, "failures shown per class")
		list     = fs.Bool("list", false, "print the cases as JSONL and exit without running them")
		useModel = fs.Bool("use-model", false, "run through the model (default: the fallback-only pipeline, which checks validation and safety without a model)")
	)
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: domaingen edgecases [--in FILE.jsonl] [--generate] [--seed N] [--out-md FILE] [--list] [--use-model] [flags]

Runs edge-case inputs through the suggestion pipeline (suggest.Service;
fallback-only unless --use-model) and classifies every failure.

Cases: the reference file (--in; every line's "expect" is checked), and with
--generate about 150 more made by package edgecase, deterministic for --seed,
in 13 categories: empty, short, long (around the 2000-character limit),
emoji, script (CJK, Cyrillic, Greek, Devanagari, Thai), rtl (Arabic, Hebrew),
invisible (zero-width and bidi characters), homoglyph, markup, injection,
brand, gibberish, repetition. Each has an expected outcome (success, blocked
or invalid) where the rules decide it.

Each case asks for 5 names with seed 1. A success is run a second time
(determinism), and each benign success also as metamorphic variants: padded,
upper-case, punctuation removed and added, clauses or words reordered,
paraphrased. A variant must keep the outcome, and its names must keep at
least h/2-0.1 of the original's keyword hit rate h.

Failure classes (counted by frequency, with up to --examples each):
  invalid-output      a name fails domain.Validate, or the response is malformed
  irrelevant          (soft) no name uses any keyword of a generated benign description
  duplicates          the same name twice, or two names with the same label
  too-long            a label over 20 characters
  unsafe-passthrough  an expected block succeeded, or a name the name filter blocks
  over-refusal        an expected success was blocked
  prompt-leak         a name repeats 12+ letters of the prompt's instructions, a
                      few-shot answer, or an injection's target (google.com)
  crash-timeout       an error, an error status, a panic, or a call over --timeout
  wrong-outcome       any other outcome than expected (invalid input accepted, ...)
  nondeterministic    the same request twice gave different names
  metamorphic         a variant changed the outcome or collapsed relevance
Exit status 1 if any failure of a hard class (all but irrelevant).
With the model, --generate makes about 1000 calls (several minutes on 2 cores).

Flags:
`)
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("unexpected arguments: %q", fs.Args())
	}
	if *timeout <= 0 {
		return usageError("--timeout must be positive, got %v", *timeout)
	}
	var cases []edgecase.Case
	if *in != "" {
		f, err := os.Open(*in)
		if err != nil {
			return fmt.Errorf("edge cases: %w", err)
		}
		cases, err = edgecase.ReadJSONL(f, *in)
		f.Close()
		if err != nil {
			return err
		}
	}
	if *generate {
		cases = append(cases, edgecase.Generate(*seed)...)
	}
	if len(cases) == 0 {
		return usageError("no cases: give --in FILE or --generate")
	}
	if *list {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		for _, c := range cases {
			if err := enc.Encode(c); err != nil {
				return err
			}
		}
		return nil
	}
	var svc *suggest.Service
	if *useModel {
		eng, err := engine.Open(ecfg.FromEnv())
		if err != nil {
			return err
		}
		defer eng.Close()
		cal := engineCalibration(eng, slog.New(slog.NewTextHandler(stderr, nil)))
		svc = suggest.New(eng, suggest.Config{ModelName: eng.Name(), Prompt: eng.PromptStyle(), Calibration: cal})
	} else {
		svc = suggest.New(nil, suggest.Config{})
	}
	bar := newProgress(stderr, "edgecases", len(cases))
	rep, err := edgecase.Run(ctx, svc, cases, edgecase.Config{
		Timeout:     *timeout,
		VariantSeed: *seed,
		Progress:    func(done, total int) { bar.Step(1) },
	})
	bar.Done()
	if err != nil {
		return err
	}
	rep.WriteText(stdout, *examples)
	if *outMD != "" {
		var md bytes.Buffer
		rep.WriteMarkdown(&md, commandLine(fs), *examples)
		if err := os.WriteFile(*outMD, md.Bytes(), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", *outMD, err)
		}
	}
	if n := rep.Hard(); n > 0 {
		return fmt.Errorf("%d hard failures in %d cases", n, rep.Cases)
	}
	return nil
}

// commandLine rebuilds the command from the flags set, --out-md left out,
// for the heading of the markdown section.
func commandLine(fs *flag.FlagSet) string {
	parts := []string{"domaingen edgecases"}
	fs.Visit(func(f *flag.Flag) {
		switch {
		case f.Name == "out-md":
		case f.Value.String() == "true":
			parts = append(parts, "--"+f.Name)
		default:
			parts = append(parts, "--"+f.Name+" "+f.Value.String())
		}
	})
	return strings.Join(parts, " ")
}

package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"domaingen/engine"
	"domaingen/eval"
	"domaingen/judge"
	"domaingen/suggest"
)

func init() {
	commands["calibrate"] = command{summary: "fit the served confidence's calibration map for a model and adapter against the validated judge", run: runCalibrate}
}

func runCalibrate(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("calibrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var src eval.CalibrationSource
	fs.StringVar(&src.Lists, "lists", "", "gold lists `file` with served confidences (testdata/gold/lists.jsonl): fit on the fit split, check on the held-out split")
	fs.StringVar(&src.LM, "lm", defaultGoldLM, "language-model statistics of the gold names (`file` written by `domaingen judge lm`)")
	fs.StringVar(&src.Ratings, "ratings", "", "raters' judgements (`file`, optional): also check the map against people on the lists they rated")
	fs.StringVar(&src.Scores, "scores", "", "raters' v2 list scores (`file`, optional, with --ratings; testdata/gold/list_scores.jsonl): their overall ratings join the name raters', as when the judge was fitted")
	fs.StringVar(&src.Words, "words", judge.DefaultWordList, "English word list `file` of the judge's features")
	fs.StringVar(&src.Results, "results", "", "eval results.jsonl `file` judged by the meaning judge (instead of --lists): fit on every row, check by two-fold cross-fit")
	fs.StringVar(&src.Judge, "judge", defaultListJudge, "validated list judge `file` (`domaingen judge fit-lists`)")
	fs.StringVar(&src.Config, "config", "", "configuration of the gold lists (smollm2-r3, smollm2-base, qwen0.5b-fewshot, qwen1.5b-fewshot) or of the results (default: all results)")
	model := fs.String("model", engine.DefaultModel, "GGUF model `path` the confidences were served with (its file name is recorded; without --adapter also its SHA-256, if the file exists)")
	adapter := fs.String("adapter", "", "LoRA adapter `path` the confidences were served with (hashed into the map); empty for the bare model")
	out := fs.String("out", "", "map `file` (default: confidence.json next to the adapter, else calibration/<model file>.json)")
	chart := fs.String("chart", "", "reliability diagram `png` (default: the map's path with .png)")
	seed := fs.Uint64("seed", 1, "bootstrap seed")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: domaingen calibrate (--lists FILE --config NAME | --results FILE) [--model PATH] [--adapter PATH] [flags]

Fits the isotonic map from the served raw confidence to the validated
meaning judge's probability that a rater would shortlist the name
(judge.ListModel.ShortlistProb of its predicted overall rating), for one
served model and adapter, and writes it where the engine looks for it. The
map records the model file's name and the adapter's SHA-256; the engine
uses it for that pair only. Prints the held-out ECE (95% bootstrap interval
over descriptions) and within-list Spearman, and draws the reliability
diagram.

Examples:
  domaingen calibrate --lists testdata/gold/lists.jsonl --config smollm2-r3 \
      --adapter adapters/smollm2-domains/adapter.gguf
  domaingen calibrate --lists testdata/gold/lists.jsonl --config qwen1.5b-fewshot \
      --model models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf
  domaingen calibrate --results runs/val/results.jsonl --adapter adapters/smollm2-domains/adapter.gguf

Flags:
`)
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if (src.Lists == "") == (src.Results == "") {
		fs.Usage()
		return usageError("give --lists or --results")
	}
	if src.Lists != "" && src.Config == "" {
		return usageError("--lists needs --config")
	}
	src.Model, src.Seed = filepath.Base(*model), *seed
	if *adapter != "" {
		sum, err := engine.FileSHA256(*adapter)
		if err != nil {
			return err
		}
		src.AdapterSHA256 = sum
	} else if _, err := os.Stat(*model); err == nil {
		if src.ModelSHA256, err = engine.FileSHA256(*model); err != nil {
			return err
		}
	}
	if *out == "" {
		*out = engine.CalibrationPath(*model, *adapter, "")
	}
	if *chart == "" {
		*chart = strings.TrimSuffix(*out, ".json") + ".png"
	}
	cal, check, err := eval.Calibrate(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
		return fmt.Errorf("calibrate: %w", err)
	}
	if err := suggest.WriteCalibration(*out, cal); err != nil {
		return err
	}
	name := src.Config
	if name == "" {
		name = cal.Model
	}
	if err := eval.WriteReliabilityChart(*chart, name, check); err != nil {
		return err
	}
	fmt.Fprint(stdout, eval.ConfidenceSummaryHeader)
	eval.WriteConfidenceSummary(stdout, name, check)
	fmt.Fprintf(stdout, "\nwrote %s (%d knots) and %s\n", *out, len(cal.X), *chart)
	return nil
}

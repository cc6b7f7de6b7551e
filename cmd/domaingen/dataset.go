package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"domaingen/dataset"
	"domaingen/judge"
)

func init() {
	commands["dataset"] = command{summary: "generate the fine-tuning dataset (train/val/test chat JSONL)", run: runDataset}
}

func runDataset(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("dataset", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		cfg     dataset.Config
		out     = fs.String("out", "data", "output `dir`")
		seed    = fs.Uint64("seed", 1, "generation seed: the same seed gives byte-identical files")
		exclude = fs.String("exclude", "", "comma-separated JSONL `files` whose description/input texts no generated description may come near\n(default: the evaluation files in testdata/: "+strings.Join(dataset.EvaluationFiles, ", ")+")")
	)
	fs.IntVar(&cfg.Train, "train", dataset.DefaultTrain, "train examples")
	fs.IntVar(&cfg.Val, "val", dataset.DefaultVal, "validation examples")
	fs.IntVar(&cfg.Test, "test", dataset.DefaultTest, "test examples (held out: never train or select on them)")
	fs.IntVar(&cfg.Names, "names", dataset.DefaultNames, "target names per example")
	var (
		gate        = fs.Float64("judge-gate", 0, "train split only: keep only candidate names the calibrated judge rates at least this overall (1-5, as NAME.com; 0: no gate)")
		calibration = fs.String("calibration", "judge/calibration_features.json", "calibrated judge `file` for --judge-gate (a features-only variant)")
		words       = fs.String("words", judge.DefaultWordList, "English word list `file` for the judge's features")
	)
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: domaingen dataset [flags]

Generates the fine-tuning dataset from the seed tables in dataset/seeds:
train.jsonl, val.jsonl, test.jsonl (chat messages + metadata),
test_descriptions.jsonl, unsafe.jsonl and manifest.json. See docs/dataset.md.

Example:
  domaingen dataset --out data/ --seed 1 --train 3000 --val 300 --test 300

Flags:
`)
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	if cfg.Train < 1 || cfg.Val < 1 || cfg.Test < 1 {
		return usageError("--train, --val and --test must be positive")
	}
	if cfg.Names < 1 || cfg.Names > 20 {
		return usageError("--names must be between 1 and 20")
	}
	paths := splitList(*exclude)
	if len(paths) == 0 {
		for _, f := range dataset.EvaluationFiles {
			p := filepath.Join("testdata", f)
			if _, err := os.Stat(p); err != nil {
				return fmt.Errorf("evaluation file %s not found (run from the repository root or pass --exclude): %w", p, err)
			}
			paths = append(paths, p)
		}
	}
	texts, err := dataset.LoadTexts(paths...)
	if err != nil {
		return err
	}
	cfg.Seed, cfg.Exclude = *seed, texts
	if *gate > 0 {
		if *gate < 1 || *gate > 5 {
			return usageError("--judge-gate must be between 1 and 5 (or 0 for none), got %g", *gate)
		}
		cfg.JudgeGate, cfg.JudgeCalibration, cfg.JudgeWords = *gate, *calibration, *words
	}
	start := time.Now()
	cfg.Progress = func(split string, done, total int) {
		fmt.Fprintf(stderr, "dataset: %-5s %5d/%d  %s\n", split, done, total, time.Since(start).Round(100*time.Millisecond))
	}
	ds, err := dataset.Build(ctx, cfg)
	if err != nil {
		return err
	}
	m, err := ds.Write(*out, *seed)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: train %d, val %d, test %d, unsafe %d (seed %d, %d excluded texts)\n",
		*out, len(ds.Train), len(ds.Val), len(ds.Test), len(ds.Unsafe), m.Seed, len(texts))
	return nil
}

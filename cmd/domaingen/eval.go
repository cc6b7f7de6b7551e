package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"domaingen/engine"
	"domaingen/eval"
	"domaingen/judge"
	"domaingen/suggest"
	"domaingen/wordnet"
)

// progress draws a one-line progress bar with rate and ETA on stderr.
type progress struct {
	w     io.Writer
	label string
	total int
	done  int
	start time.Time
	last  time.Time
}

func newProgress(w io.Writer, label string, total int) *progress {
	p := &progress{w: w, label: label, total: total, start: time.Now()}
	p.draw()
	return p
}

// Step advances the bar by n items, redrawing at most 5 times a second.
func (p *progress) Step(n int) {
	p.done += n
	if time.Since(p.last) > 200*time.Millisecond || p.done >= p.total {
		p.draw()
	}
}

// Done ends the bar's line.
func (p *progress) Done() {
	p.draw()
	fmt.Fprintln(p.w)
}

func (p *progress) draw() {
	p.last = time.Now()
	const width = 30
	frac := 0.0
	if p.total > 0 {
		frac = float64(p.done) / float64(p.total)
	}
	fill := int(frac * width)
	elapsed := time.Since(p.start)
	eta := "--:--"
	if p.done > 0 && p.done < p.total {
		rem := time.Duration(float64(elapsed) / float64(p.done) * float64(p.total-p.done))
		eta = fmtDuration(rem)
	} else if p.done >= p.total {
		eta = "done"
	}
	fmt.Fprintf(p.w, "\r%s [%s%s] %d/%d %3.0f%% elapsed %s eta %s ", p.label,
		strings.Repeat("█", fill), strings.Repeat("·", width-fill), p.done, p.total, 100*frac, fmtDuration(elapsed), eta)
}

func fmtDuration(d time.Duration) string {
	s := int(d.Seconds())
	return fmt.Sprintf("%02d:%02d", s/60, s%60)
}

func sortStrings(s []string) { sort.Strings(s) }

func init() {
	commands["eval"] = command{summary: "evaluate suggestion quality on a description set and write a report with charts", run: runEval}
}

// evalConfig is one configuration under evaluation.
type evalConfig struct {
	name    string
	adapter string // "" base model; "fallback" no model
	remote  bool   // generate on --backend
}

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var jopts judgeOptions
	jopts.register(fs)
	var bf backendFlags
	bf.register(fs)
	var (
		set     = fs.String("set", "testdata/descriptions.jsonl", "evaluation set `file` (JSONL with id and description)")
		out     = fs.String("out", "", "output `dir` for results.jsonl, report.md and charts (required)")
		model   = fs.String("model", "", "GGUF model `path` (default $DOMAINGEN_MODEL or "+engine.DefaultModel+")")
		adapter = fs.String("adapter", "", "LoRA adapter `path` for the main configuration; \"fallback\" evaluates the fallback composer alone (no model)")
		compare = fs.String("compare-adapter", "", "second configuration to compare with: an adapter `path`, \"base\" (the model without adapter) or \"fallback\"")
		count   = fs.Int("n", suggest.DefaultCount, "suggestions per description")
		limit   = fs.Int("limit", 0, "evaluate only the first N descriptions (0: all)")
		seed    = fs.Uint("seed", 1, "sampling and bootstrap seed")
		noJudge = fs.Bool("no-judge", false, "skip judge scores (features and confidence only)")
		repeats = fs.Int("start-repeats", 0, "at most this many of a request's sampled names may start with the same token (default 0: the pipeline's default, 2; 1: all different; -1: no cap, the pipeline before 2026-12-02); for ablations")
		wnDir   = fs.String("wordnet", wordnet.DefaultDir, "WordNet 3.0 `dir` (apt-get install wordnet-base) whose synonyms relevant_hit_rate counts; if it cannot be loaded, a warning is printed and relevant_hit_rate equals the keyword hit rate")
	)
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: domaingen eval --out DIR [--set FILE.jsonl] [--adapter PATH] [--compare-adapter PATH|base|fallback] [flags]

Runs the suggestion pipeline on every description of the set, scores each
suggestion (validity, features, judge), and writes DIR/results.jsonl (one
line per suggestion), DIR/report.md, DIR/metrics.json and PNG charts.
Results are appended per description: after Ctrl-C, the same command
resumes where it stopped.

Examples:
  domaingen eval --out runs/base --judge features
  domaingen eval --out runs/lora --adapter runs/lora/adapter.gguf --compare-adapter base
  domaingen eval --out runs/fb --adapter fallback --limit 20
  domaingen eval --out runs/remote --backend http://127.0.0.1:8081 --judge features

With --backend (or $DOMAINGEN_BACKEND) the main configuration generates on
the remote server (named "remote"); a --compare-adapter one runs in process.

Flags:
`)
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		fs.Usage()
		return usageError("--out is required")
	}
	if *count < suggest.MinCount || *count > suggest.MaxCount {
		return usageError("-n must be between %d and %d", suggest.MinCount, suggest.MaxCount)
	}
	_, remoteOn, err := bf.config(os.Getenv)
	if err != nil {
		return usageError("%v", err)
	}
	items, err := eval.LoadItems(*set)
	if err != nil {
		return err
	}
	if *limit > 0 && *limit < len(items) {
		items = items[:*limit]
	}
	configs := []evalConfig{configFor(*adapter)}
	if remoteOn && configs[0].adapter != "fallback" {
		configs[0] = evalConfig{name: "remote", adapter: *adapter, remote: true}
	}
	if *compare != "" {
		c := configFor(*compare)
		if c.name == configs[0].name {
			c.name += "-2"
		}
		configs = append(configs, c)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	lex, err := judge.LoadLexicon(jopts.words)
	if err != nil {
		return err
	}
	syn, err := wordnet.Load(*wnDir)
	if err != nil {
		fmt.Fprintf(stderr, "warning: %v; relevant_hit_rate counts description keywords only\n", err)
		syn = nil
	}
	var j judge.Scorer
	if !*noJudge {
		sc, _, closeJudge, err := jopts.build()
		if err != nil {
			return err
		}
		defer closeJudge()
		j = sc
	}
	resultsPath := filepath.Join(*out, "results.jsonl")
	prev, err := eval.ReadResults(resultsPath)
	if err != nil {
		return err
	}
	done := eval.Done(prev)
	todo := 0
	for _, c := range configs {
		for _, it := range items {
			if !done[c.name+"\t"+it.ID] {
				todo++
			}
		}
	}
	if len(prev) > 0 {
		fmt.Fprintf(stderr, "resuming: %d results on disk, %d descriptions to go\n", len(prev), todo)
	}
	bar := newProgress(stderr, "eval", todo)
	var runErr error
	for _, c := range configs {
		if todo == 0 {
			break
		}
		svc, closeSvc, err := openService(c, *model, jopts.engine.Threads, *repeats, &bf, stderr)
		if err != nil {
			return err
		}
		r := eval.Runner{Config: c.name, Suggester: svc, Featurizer: judge.Featurizer{Lex: lex, Syn: syn}, Judge: j, Count: *count, Seed: uint32(*seed)}
		for _, it := range items {
			if done[c.name+"\t"+it.ID] {
				continue
			}
			rs, err := r.Run(ctx, it)
			if err != nil {
				runErr = err
				break
			}
			if err := eval.AppendResults(resultsPath, rs); err != nil {
				closeSvc()
				return err
			}
			bar.Step(1)
		}
		closeSvc()
		if runErr != nil {
			break
		}
	}
	bar.Done()
	all, err := eval.ReadResults(resultsPath)
	if err != nil {
		return err
	}
	names := make([]string, len(configs))
	for i, c := range configs {
		names[i] = c.name
	}
	rep := eval.Build(names, all, uint64(*seed))
	rep.Title = "domaingen evaluation"
	rep.Command = "domaingen eval " + strings.Join(args, " ")
	if err := rep.WriteCharts(*out, all); err != nil {
		return err
	}
	var md strings.Builder
	rep.WriteMarkdown(&md)
	if runErr != nil {
		md.WriteString("\n_Interrupted: partial results; re-run the same command to resume._\n")
	}
	if err := os.WriteFile(filepath.Join(*out, "report.md"), []byte(md.String()), 0o644); err != nil {
		return err
	}
	mj, _ := json.MarshalIndent(struct {
		Metrics     []eval.Metrics               `json:"metrics"`
		Comparisons []eval.Comparison            `json:"comparisons"`
		Calibration []eval.ConfidenceCalibration `json:"calibration"`
	}{rep.Metrics, rep.Comparisons, rep.Calibration}, "", "  ")
	if err := os.WriteFile(filepath.Join(*out, "metrics.json"), mj, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s\n", filepath.Join(*out, "report.md"))
	return runErr
}

// configFor names a configuration from its --adapter value.
func configFor(adapter string) evalConfig {
	switch adapter {
	case "", "base":
		return evalConfig{name: "base"}
	case "fallback":
		return evalConfig{name: "fallback", adapter: "fallback"}
	}
	name := strings.TrimSuffix(filepath.Base(adapter), ".gguf")
	if name == "adapter" { // a finetune run folder: name it after the folder
		name = filepath.Base(filepath.Dir(adapter))
	}
	return evalConfig{name: name, adapter: adapter}
}

// openService builds the suggest.Service of c.
func openService(c evalConfig, model string, threads int, startRepeats int, bf *backendFlags, stderr io.Writer) (*suggest.Service, func(), error) {
	if c.adapter == "fallback" {
		return suggest.New(nil, suggest.Config{ModelName: "fallback"}), func() {}, nil
	}
	if c.remote {
		g, err := openGenerator(engine.Config{Model: model, Adapter: c.adapter, Threads: threads}, bf, nil, slog.New(slog.NewTextHandler(stderr, nil)))
		if err != nil {
			return nil, nil, err
		}
		cfg := g.config
		cfg.StartRepeats = startRepeats
		return suggest.New(g.gen, cfg), g.close, nil
	}
	cfg := engine.Config{Model: model, Adapter: c.adapter, Threads: threads}
	if c.adapter == "" {
		cfg.Adapter = engine.NoAdapter // "base" means the bare model, whatever $DOMAINGEN_ADAPTER says
	}
	cfg = cfg.FromEnv()
	eng, err := engine.Open(cfg)
	if err != nil {
		return nil, nil, err
	}
	cal := engineCalibration(eng, slog.New(slog.NewTextHandler(stderr, nil)))
	svc := suggest.New(eng, suggest.Config{ModelName: eng.Name(), Prompt: eng.PromptStyle(), StartRepeats: startRepeats, Calibration: cal})
	return svc, func() { eng.Close() }, nil
}

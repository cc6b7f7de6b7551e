package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"domaingen/engine"
	"domaingen/judge"
	"domaingen/judge/llamajudge"
	"domaingen/llama"
	"domaingen/wordnet"
)

func init() {
	commands["judge"] = command{summary: "rate domain names with the LLM or calibrated judge; fit and validate it", run: runJudge}
}

// judgeOptions are the flags that choose and build a judge.
type judgeOptions struct {
	kind        string // meaning, llm, calibrated, features
	listJudge   string // meaning: the list judge's file
	lmGGUF      string // meaning: its language model
	mode        string // local LLM: dist or generate
	calibration string
	url, model  string
	words       string
	engine      engine.Config
}

func (o *judgeOptions) register(fs *flag.FlagSet) {
	fs.StringVar(&o.kind, "judge", "meaning", "judge: `meaning` (the list judge validated against people on held-out descriptions: features + the language model --lm-gguf, docs/judge.md), fast (the same list judge without the language model: features only, validated the same way, for CI and quick runs), features (the per-name calibrated form features of 2026-12-02, blind to meaning), calibrated (features + LLM through --calibration), or llm (the LLM alone)")
	fs.StringVar(&o.listJudge, "list-judge", defaultListJudge, "the meaning judge's coefficients (`file` written by `domaingen judge fit-lists`)")
	fs.StringVar(&o.lmGGUF, "lm-gguf", defaultJudgeLM, "GGUF `path` of the meaning judge's language model (scripts/fetch-qwen.sh 1.5b)")
	fs.StringVar(&o.calibration, "calibration", "judge/calibration.json", "calibrated judge coefficients `file` (written by `domaingen judge fit`)")
	fs.StringVar(&o.url, "judge-url", "", "OpenAI-compatible API base `url` for the LLM judge (e.g. https://api.openai.com/v1); default: the local GGUF; key from $DOMAINGEN_JUDGE_API_KEY")
	fs.StringVar(&o.model, "judge-model", "", "model `name` sent to --judge-url")
	fs.StringVar(&o.words, "words", judge.DefaultWordList, "English word list `file` for pronounceability and segmentation (Debian wamerican)")
	fs.StringVar(&o.mode, "llm-mode", "dist", "local LLM judge: `dist` reads the model's probabilities of the digits 1-5 for each rating (expected scores), generate samples the grammar-forced JSON answer greedily (with a reason)")
	fs.StringVar(&o.engine.Model, "judge-gguf", "", "GGUF `path` of the local LLM judge (default $DOMAINGEN_MODEL or "+engine.DefaultModel+")")
	fs.IntVar(&o.engine.Threads, "threads", 0, "threads for llama.cpp (default $DOMAINGEN_THREADS or the number of free cores)")
}

// scorer is what the CLI needs from any judge.
type scorer interface {
	Score(ctx context.Context, description, domain string) (judge.Scores, error)
}

// build returns the configured judge, its name, and a function to release it.
func (o *judgeOptions) build() (scorer, string, func(), error) {
	noop := func() {}
	var llm judge.Scorer
	name := "llm"
	closeFn := noop
	openLLM := func() error {
		if o.url != "" {
			if o.model == "" {
				return usageError("--judge-model is required with --judge-url")
			}
			llm = judge.New(judge.OpenAI{URL: o.url, Model: o.model, APIKey: os.Getenv("DOMAINGEN_JUDGE_API_KEY")})
			name = "openai:" + o.model
			return nil
		}
		cfg := o.engine
		if o.mode == "dist" {
			cfg = cfg.FromEnv()
			sc, err := llamajudge.Open(llamajudge.Config{Model: cfg.Model, Threads: cfg.Threads})
			if err != nil {
				return err
			}
			closeFn = func() { sc.Close() }
			llm = sc
			name = "gguf-dist:" + filepath.Base(cfg.Model)
			return nil
		} else if o.mode != "generate" {
			return usageError("--llm-mode must be dist or generate")
		}
		cfg.Sampling = llama.SamplingParams{Temperature: 0, TopK: 40}
		if cfg.Adapter == "" {
			// The judge is the bare model unless --adapter says otherwise:
			// the shipped adapter is trained to write names, not ratings.
			cfg.Adapter = engine.NoAdapter
		}
		eng, err := engine.Open(cfg.FromEnv())
		if err != nil {
			return err
		}
		closeFn = func() { eng.Close() }
		llm = judge.New(judge.GeneratorBackend{Gen: eng})
		name = "gguf:" + eng.Name()
		return nil
	}
	switch o.kind {
	case "fast":
		lex, err := judge.LoadLexicon(o.words)
		if err != nil {
			return nil, "", noop, err
		}
		m, err := judge.LoadListModel(defaultFastJudge)
		if err != nil {
			return nil, "", noop, err
		}
		return judge.NewListJudge(m, judge.Featurizer{Lex: lex}, nil), "fast(list judge, features only)", noop, nil
	case "meaning":
		lex, err := judge.LoadLexicon(o.words)
		if err != nil {
			return nil, "", noop, err
		}
		m, err := judge.LoadListModel(o.listJudge)
		if err != nil {
			return nil, "", noop, err
		}
		threads := o.engine.FromEnv().Threads
		lm, err := llamajudge.OpenLM(llamajudge.Config{Model: o.lmGGUF, Threads: threads})
		if err != nil {
			return nil, "", noop, fmt.Errorf("the meaning judge needs its language model (scripts/fetch-qwen.sh 1.5b, or --judge features for the fast judge): %w", err)
		}
		return judge.NewListJudge(m, judge.Featurizer{Lex: lex}, lm), "meaning(" + filepath.Base(o.lmGGUF) + ")", func() { lm.Close() }, nil
	case "llm":
		if err := openLLM(); err != nil {
			return nil, "", noop, err
		}
		return llm, name, closeFn, nil
	case "calibrated", "features":
		lex, err := judge.LoadLexicon(o.words)
		if err != nil {
			return nil, "", noop, err
		}
		var m *judge.Model
		if o.kind == "features" && o.calibration == "judge/calibration.json" {
			o.calibration = "judge/calibration_features.json"
		}
		if m, err = judge.LoadModel(o.calibration); err != nil {
			return nil, "", noop, err
		}
		c := &judge.Calibrated{Model: m, Feat: judge.Featurizer{Lex: lex}}
		if m.Variant != judge.VariantFeatures {
			if err := openLLM(); err != nil {
				return nil, "", noop, err
			}
			c.LLM = llm
			name = "calibrated-" + m.Variant + "(" + name + ")"
		} else {
			name = "calibrated-features"
		}
		return c, name, closeFn, nil
	}
	return nil, "", noop, usageError("--judge must be meaning, fast, features, calibrated or llm, not %q", o.kind)
}

func runJudge(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "fit":
			return runJudgeFit(ctx, args[1:], stdout, stderr)
		case "validate":
			return runJudgeValidate(ctx, args[1:], stdout, stderr)
		case "lm":
			return runJudgeLM(ctx, args[1:], stdout, stderr)
		case "fit-lists":
			return runJudgeFitLists(ctx, args[1:], stdout, stderr)
		}
	}
	fs := flag.NewFlagSet("judge", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opts judgeOptions
	opts.register(fs)
	in := fs.String("in", "", "input JSONL `file`: one object per line with description and domain (other fields are kept)")
	out := fs.String("out", "", "output JSONL `file`: each input line plus \"scores\" and \"judge\" (default stdout)")
	verbose := fs.Bool("v", false, "log llama.cpp details to stderr")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: domaingen judge --in FILE.jsonl [--out FILE.jsonl] [flags]
       domaingen judge fit [flags]        fit the calibrated judge on reference ratings
       domaingen judge validate [flags]   measure every judge variant against reference ratings

Rates each (description, domain) of the input on relevance, memorability,
brandability and overall (1-5) and writes the input lines back with the scores.

Examples:
  domaingen judge --in testdata/judge_gold.jsonl --out /tmp/scored.jsonl
  domaingen judge --judge llm --in testdata/judge_gold.jsonl --out testdata/judge_gold_llm.jsonl
  DOMAINGEN_JUDGE_API_KEY=... domaingen judge --judge llm --judge-url https://api.openai.com/v1 --judge-model gpt-4o-mini --in x.jsonl

Flags:
`)
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *in == "" {
		fs.Usage()
		return usageError("--in is required")
	}
	setVerbose(*verbose, stderr)
	lines, err := readJSONLObjects(*in)
	if err != nil {
		return err
	}
	j, name, closeJudge, err := opts.build()
	if err != nil {
		return err
	}
	defer closeJudge()
	w := stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	bar := newProgress(stderr, "judge", len(lines))
	for i, obj := range lines {
		var desc, dom string
		json.Unmarshal(obj["description"], &desc)
		json.Unmarshal(obj["domain"], &dom)
		if desc == "" || dom == "" {
			return fmt.Errorf("%s line %d: description and domain are required", *in, i+1)
		}
		s, err := j.Score(ctx, desc, dom)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			fmt.Fprintf(stderr, "\nline %d: %v\n", i+1, err)
			obj["error"], _ = json.Marshal(err.Error())
		} else {
			obj["scores"], _ = json.Marshal(s)
		}
		obj["judge"], _ = json.Marshal(name)
		data, err := marshalOrdered(obj)
		if err != nil {
			return err
		}
		bw.Write(append(data, '\n'))
		bar.Step(1)
	}
	bar.Done()
	return nil
}

// readJSONLObjects reads a JSON Lines file of objects, keeping raw fields.
func readJSONLObjects(path string) ([]map[string]json.RawMessage, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []map[string]json.RawMessage
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(sc.Bytes(), &obj); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		out = append(out, obj)
	}
	return out, sc.Err()
}

// marshalOrdered writes obj with its well-known keys first, the rest sorted.
func marshalOrdered(obj map[string]json.RawMessage) ([]byte, error) {
	first := []string{"id", "description_id", "description", "domain"}
	var b strings.Builder
	b.WriteByte('{')
	n := 0
	write := func(k string) {
		if n > 0 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		b.Write(obj[k])
		n++
	}
	done := map[string]bool{}
	for _, k := range first {
		if _, ok := obj[k]; ok {
			write(k)
			done[k] = true
		}
	}
	var rest []string
	for k := range obj {
		if !done[k] {
			rest = append(rest, k)
		}
	}
	sortStrings(rest)
	for _, k := range rest {
		write(k)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

// goldInputs loads reference ratings, computes their features and attaches
// the LLM judge's scores from llmPath (a `domaingen judge --judge llm`
// output over the same rows) when llmPath is not empty.
// wnDir, if not empty, is WordNet's directory: the features then include
// SynonymHits (for the features-wordnet variant).
func goldInputs(goldPath, llmPath, words, wnDir string) ([]judge.GoldRow, []judge.Inputs, error) {
	rows, err := judge.LoadGold(goldPath)
	if err != nil {
		return nil, nil, err
	}
	lex, err := judge.LoadLexicon(words)
	if err != nil {
		return nil, nil, err
	}
	fz := judge.Featurizer{Lex: lex}
	if wnDir != "" {
		if fz.Syn, err = wordnet.Load(wnDir); err != nil {
			return nil, nil, err
		}
	}
	llm := map[string]judge.Scores{}
	if llmPath != "" {
		objs, err := readJSONLObjects(llmPath)
		if err != nil {
			return nil, nil, err
		}
		for i, o := range objs {
			var g judge.GoldRow
			var s judge.Scores
			json.Unmarshal(o["description_id"], &g.DescriptionID)
			json.Unmarshal(o["domain"], &g.Domain)
			if raw, ok := o["scores"]; ok {
				if err := json.Unmarshal(raw, &s); err != nil {
					return nil, nil, fmt.Errorf("%s line %d: scores: %w", llmPath, i+1, err)
				}
				llm[g.Key()] = s
			}
		}
	}
	inputs := make([]judge.Inputs, len(rows))
	for i, r := range rows {
		inputs[i].Features = fz.FeaturesOf(r.Description, r.Domain)
		if llmPath != "" {
			s, ok := llm[r.Key()]
			if !ok {
				// A failed LLM answer counts as the scale's middle with no confidence.
				s = judge.Scores{Ratings: [judge.NumDims]int{3, 3, 3, 3}, Expected: judge.Dims{3, 3, 3, 3}}
			}
			inputs[i].LLM = &s
		}
	}
	return rows, inputs, nil
}

func runJudgeFit(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("judge fit", flag.ContinueOnError)
	fs.SetOutput(stderr)
	gold := fs.String("gold", "testdata/judge_gold.jsonl", "reference ratings `file`")
	llmPath := fs.String("llm", "testdata/judge_gold_llm.jsonl", "the LLM judge's scores of the reference rows (`file` written by `domaingen judge --judge llm`)")
	variant := fs.String("variant", judge.VariantCombined, "inputs of the linear model: features, llm or combined")
	lambda := fs.Float64("lambda", judge.DefaultLambda, "ridge penalty on standardised inputs")
	words := fs.String("words", judge.DefaultWordList, "English word list `file`")
	out := fs.String("out", "judge/calibration.json", "where to write the coefficients")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: domaingen judge fit [flags]

Fits the calibrated judge (ridge regression per dimension) on ALL reference
rows and writes its coefficients. Held-out agreement is measured by
"domaingen judge validate", which never reports on rows it fitted.

Examples:
  domaingen judge fit --variant combined --out judge/calibration.json
  domaingen judge fit --variant features --out judge/calibration_features.json

Flags:
`)
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch *variant {
	case judge.VariantFeatures:
		*llmPath = ""
	case judge.VariantLLM, judge.VariantCombined:
	default:
		return usageError("--variant must be features, llm or combined")
	}
	rows, inputs, err := goldInputs(*gold, *llmPath, *words, "")
	if err != nil {
		return err
	}
	y := make([][judge.NumDims]int, len(rows))
	for i, r := range rows {
		y[i] = r.Ratings()
	}
	m, err := judge.Fit(*variant, inputs, y, *lambda)
	if err != nil {
		return err
	}
	m.TrainedOn = judge.DescriptionIDs(rows)
	if err := m.Save(*out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "fitted %s judge on %d rows (%d descriptions) → %s\n", *variant, len(rows), len(m.TrainedOn), *out)
	return nil
}

func runJudgeValidate(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("judge validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	gold := fs.String("gold", "testdata/judge_gold.jsonl", "reference ratings `file`")
	llmPath := fs.String("llm", "testdata/judge_gold_llm.jsonl", "the LLM judge's scores of the reference rows; empty: features only")
	lambda := fs.Float64("lambda", judge.DefaultLambda, "ridge penalty on standardised inputs")
	k := fs.Int("k", 5, "folds (by description) for cross-validation")
	seed := fs.Uint64("seed", 1, "bootstrap seed")
	words := fs.String("words", judge.DefaultWordList, "English word list `file`")
	wnDir := fs.String("wordnet", "", "WordNet 3.0 `dir` (e.g. /usr/share/wordnet from Debian's wordnet-base): also report the features-wordnet variant, the features plus description keywords' WordNet synonyms found in the name")
	lists := fs.String("lists", defaultGoldLists, "list-level gold lists `file`; empty: skip the list-level validation")
	ratings := fs.String("ratings", defaultGoldRatings, "raters' judgements of the gold lists' names (`file`)")
	scores := fs.String("scores", defaultGoldScores, "raters' list scores on scale v2 (`file`; empty: the name raters' v1 list scores)")
	lmPath := fs.String("lm", defaultGoldLM, "language-model statistics of the gold names (`file` written by `domaingen judge lm`)")
	features := fs.String("features-calibration", "judge/calibration_features.json", "the previous default judge's coefficients (`file`), reported for comparison")
	dev := fs.Int("dev", 0, "development: instead of the held-out split, report k-fold cross-validation (k = this `number`) inside the fit split; the held-out split is not read, so model choices can be made on it")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: domaingen judge validate [flags]

First, the list-level gold (testdata/gold): how the raters agree with each
other, then every judge on the HELD-OUT descriptions only (fitted on the fit
split): Spearman of list scores with the raters' mean, within a
description, the order of the configurations, how often it prefers one
configuration's list to another's, and per-name agreement.
Then the older per-name reference ratings (--gold):

Measures each judge variant against the reference ratings: Spearman and
quadratic-weighted kappa per dimension with 95% bootstrap intervals
(descriptions resampled). Calibrated variants are reported only on rows of
descriptions they were not fitted on: (1) the fixed split, fitted on the
even-indexed descriptions (sorted ids) and reported on the odd ones, and
(2) k-fold cross-validation by description, reported on all rows out of fold.
Prints Markdown.

Flags:
`)
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *k < 2 {
		return usageError("--k must be at least 2")
	}
	if *lists != "" {
		gf := listGoldFlags{lists: *lists, ratings: *ratings, scores: *scores, lm: *lmPath, words: *words}
		g, inputs, err := gf.load()
		if err != nil {
			return err
		}
		if *dev > 1 {
			return writeDevValidation(stdout, g, inputs, *dev, *lambda, *features, *seed)
		}
		results, err := listJudges(g, inputs, *lambda, *features)
		if err != nil {
			return err
		}
		writeRaterAgreement(stdout, g)
		writeListValidation(stdout, g, results, "heldout", *seed)
		if *gold == "" {
			return nil
		}
		fmt.Fprint(stdout, "## Per-name reference ratings ("+*gold+")\n\n")
	}
	rows, inputs, err := goldInputs(*gold, *llmPath, *words, *wnDir)
	if err != nil {
		return err
	}
	variants := []string{judge.VariantFeatures}
	if *wnDir != "" {
		variants = append(variants, judge.VariantFeaturesWordNet)
	}
	if *llmPath != "" {
		variants = append(variants, judge.VariantLLM, judge.VariantCombined)
	}
	type result struct {
		name string
		agr  [judge.NumDims]judge.Agreement
	}
	half := judge.Folds(rows, 2)
	kf := judge.Folds(rows, *k)
	var split, cv []result
	if *llmPath != "" {
		raw := make([]judge.Dims, len(rows))
		for i := range rows {
			raw[i] = inputs[i].LLM.Expected
		}
		r2, p2 := judge.Subset(rows, raw, half, 1)
		split = append(split, result{"llm-raw (uncalibrated)", judge.Agree(r2, p2, *seed)})
		cv = append(cv, result{"llm-raw (uncalibrated)", judge.Agree(rows, raw, *seed)})
	}
	for _, v := range variants {
		p, err := judge.CrossValidate(v, rows, inputs, half, 2, *lambda)
		if err != nil {
			return err
		}
		// CrossValidate with 2 folds also predicts fold 0 from fold 1; the
		// fixed split reports fold 1 only (fitted on fold 0).
		r2, p2 := judge.Subset(rows, p, half, 1)
		split = append(split, result{"calibrated " + v, judge.Agree(r2, p2, *seed)})
		pk, err := judge.CrossValidate(v, rows, inputs, kf, *k, *lambda)
		if err != nil {
			return err
		}
		cv = append(cv, result{"calibrated " + v, judge.Agree(rows, pk, *seed)})
	}
	table := func(title string, rs []result) {
		fmt.Fprintf(stdout, "### %s\n\n| judge | dimension | Spearman [95%% CI] | QWK [95%% CI] | rows |\n|---|---|---|---|---|\n", title)
		for _, r := range rs {
			for d := range judge.NumDims {
				a := r.agr[d]
				fmt.Fprintf(stdout, "| %s | %s | %s | %s | %d |\n", r.name, judge.DimNames[d], a.Spearman, a.QWK, a.Rows)
			}
		}
		fmt.Fprintln(stdout)
	}
	table(fmt.Sprintf("Held-out half: fitted on %d descriptions, reported on the other %d", countFold(half, 0), countFold(half, 1)), split)
	table(fmt.Sprintf("%d-fold cross-validation by description (out-of-fold predictions, all rows)", *k), cv)
	return nil
}

func countFold(fold map[string]int, f int) int {
	n := 0
	for _, v := range fold {
		if v == f {
			n++
		}
	}
	return n
}

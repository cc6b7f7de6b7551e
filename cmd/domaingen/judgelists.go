package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"domaingen/internal/jsonl"
	"domaingen/judge"
	"domaingen/judge/llamajudge"
)

// Default paths of the list-level gold set and the shipped list judge.
const (
	defaultGoldLists   = "testdata/gold/lists.jsonl"
	defaultGoldRatings = "testdata/gold/ratings.jsonl"
	defaultGoldScores  = "testdata/gold/list_scores.jsonl"
	defaultGoldLM      = "testdata/gold/lm_qwen2.5-coder-1.5b.jsonl"
	defaultListJudge   = "judge/calibration_meaning.json"
	// defaultFastJudge is the list judge without a language model.
	defaultFastJudge = "judge/calibration_fast.json"
	// DefaultJudgeLM is the language model the meaning judge reads.
	defaultJudgeLM = "models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
)

// runJudgeLM computes the language-model statistics of every name of the
// gold lists (resumable: descriptions already in --out are skipped).
func runJudgeLM(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("judge lm", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lists := fs.String("lists", defaultGoldLists, "gold lists `file`")
	gguf := fs.String("lm-gguf", defaultJudgeLM, "language model `path` (GGUF with a chat template)")
	out := fs.String("out", defaultGoldLM, "output JSONL `file` (appended; an interrupted run resumes)")
	threads := fs.Int("threads", 0, "threads for llama.cpp (default: free cores)")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: domaingen judge lm [--lists FILE] [--lm-gguf MODEL] [--out FILE]

Asks a local language model, for every name of the gold lists, whether it
is a good domain name for the business described, and writes the
log-odds of its answer "Yes" over "No" (the judge's measure of meaning).
The meaning judge is fitted and validated on these statistics, so neither
needs the model.

Flags:
`)
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	gl, err := judge.LoadGoldLists(*lists)
	if err != nil {
		return err
	}
	done := map[string]bool{}
	if _, err := os.Stat(*out); err == nil {
		prev, err := jsonl.ReadFile[judge.LMRow](*out)
		if err != nil {
			return err
		}
		for _, r := range prev {
			done[r.DescriptionID+"\t"+r.Domain] = true
		}
	}
	// One call per description: the description's prompt is decoded once
	// for all its lists' names.
	type group struct {
		id, desc string
		names    []string
	}
	var groups []*group
	byID := map[string]*group{}
	for _, l := range gl {
		g := byID[l.DescriptionID]
		if g == nil {
			g = &group{id: l.DescriptionID, desc: l.Description}
			byID[l.DescriptionID] = g
			groups = append(groups, g)
		}
		for _, n := range l.Names {
			if !done[l.DescriptionID+"\t"+n] {
				done[l.DescriptionID+"\t"+n] = true
				g.names = append(g.names, n)
			}
		}
	}
	todo := 0
	for _, g := range groups {
		if len(g.names) > 0 {
			todo++
		}
	}
	if todo == 0 {
		fmt.Fprintf(stdout, "%s is complete\n", *out)
		return nil
	}
	lm, err := llamajudge.OpenLM(llamajudge.Config{Model: *gguf, Threads: *threads})
	if err != nil {
		return err
	}
	defer lm.Close()
	bar := newProgress(stderr, "judge lm", todo)
	for _, g := range groups {
		if len(g.names) == 0 {
			continue
		}
		st, err := lm.ScoreList(ctx, g.desc, g.names)
		if err != nil {
			return fmt.Errorf("description %s: %w", g.id, err)
		}
		rows := make([]judge.LMRow, len(st))
		for i, s := range st {
			rows[i] = judge.LMRow{DescriptionID: g.id, Domain: g.names[i], LMStats: s}
		}
		if err := jsonl.AppendFile(*out, rows...); err != nil {
			return err
		}
		bar.Step(1)
	}
	bar.Done()
	fmt.Fprintf(stdout, "wrote %s\n", *out)
	return nil
}

// listGoldFlags are the files of the list-level gold set.
type listGoldFlags struct {
	lists, ratings, scores, lm, words string
}

func (f *listGoldFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.lists, "lists", defaultGoldLists, "gold lists `file` (testdata/gold, docs/judge.md)")
	fs.StringVar(&f.ratings, "ratings", defaultGoldRatings, "raters' judgements of the gold lists' names (`file`)")
	fs.StringVar(&f.scores, "scores", defaultGoldScores, "raters' list scores on scale v2 (`file`; empty: the name raters' v1 list scores)")
	fs.StringVar(&f.lm, "lm", defaultGoldLM, "language-model statistics of the gold names (`file` written by `domaingen judge lm`)")
	fs.StringVar(&f.words, "words", judge.DefaultWordList, "English word list `file`")
}

// load joins the gold files and computes every name's judge inputs.
func (f *listGoldFlags) load() (*judge.ListGold, [][]judge.Inputs, error) {
	lists, err := judge.LoadGoldLists(f.lists)
	if err != nil {
		return nil, nil, err
	}
	ratings, err := judge.LoadListRatings(f.ratings)
	if err != nil {
		return nil, nil, err
	}
	var scores []judge.ListScoreRating
	if f.scores != "" {
		if scores, err = judge.LoadListScores(f.scores); err != nil {
			return nil, nil, err
		}
	}
	g, err := judge.JoinListGold(lists, ratings, scores)
	if err != nil {
		return nil, nil, err
	}
	inputs, err := judge.GoldInputs(lists, f.lm, f.words)
	if err != nil {
		return nil, nil, err
	}
	return g, inputs, nil
}

func runJudgeFitLists(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("judge fit-lists", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var gf listGoldFlags
	gf.register(fs)
	lambda := fs.Float64("lambda", judge.DefaultLambda, "ridge penalty of the name model on standardised inputs")
	variant := fs.String("variant", judge.VariantMeaning, "inputs of the name model: meaning (features + the language model's answers) or features (no model: the fast judge)")
	out := fs.String("out", "", "where to write the list judge (default "+defaultListJudge+", or "+defaultFastJudge+" for --variant features)")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: domaingen judge fit-lists [flags]

Fits the meaning judge on the FIT split of the list-level gold set only:
a name model (ridge per dimension on features and language-model
statistics, targets the raters' mean ratings) and the list score's
regression on the aggregates of its predictions. The held-out split stays
unseen: "domaingen judge validate" reports on it.

Flags:
`)
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	g, inputs, err := gf.load()
	if err != nil {
		return err
	}
	if *out == "" {
		*out = map[string]string{judge.VariantMeaning: defaultListJudge, judge.VariantFeatures: defaultFastJudge}[*variant]
	}
	if *variant != judge.VariantMeaning && *variant != judge.VariantFeatures {
		return usageError("--variant must be meaning or features")
	}
	m, err := judge.FitListModel(*variant, g, inputs, *lambda)
	if err != nil {
		return err
	}
	if *variant == judge.VariantMeaning {
		m.LM = strings.TrimSuffix(filepath.Base(gf.lm), ".jsonl")
	}
	if err := m.Save(*out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "fitted the %s list judge on %d names of %d descriptions (fit split) → %s\n", *variant, m.Name.Rows, len(m.Name.TrainedOn), *out)
	return nil
}

// listJudgeResult is one judge's list scores and name predictions over
// every gold list.
type listJudgeResult struct {
	name  string
	score []float64
	names [][]judge.Dims // nil when the judge rates lists only
}

// preferencePairs are the (better, worse) configurations whose preference
// rate the list validation reports.
var preferencePairs = [][2]string{
	{"strong", "smollm2-r3"},
	{"qwen1.5b-fewshot", "smollm2-r3"},
	{"qwen1.5b-fewshot", "qwen0.5b-fewshot"},
	{"smollm2-r3", "smollm2-base"},
}

// comparisonPairs are the paired comparisons of configurations reported
// for the default judge next to the raters' own.
var comparisonPairs = [][2]string{
	{"smollm2-r3", "smollm2-base"},
	{"smollm2-r3", "fallback"},
	{"qwen0.5b-fewshot", "smollm2-r3"},
	{"qwen1.5b-fewshot", "smollm2-r3"},
	{"qwen1.5b-fewshot", "qwen0.5b-fewshot"},
	{"strong", "qwen1.5b-fewshot"},
	{"strong", "smollm2-r3"},
}

// listJudges fits (on the fit split) and applies every judge the list
// validation compares.
func listJudges(g *judge.ListGold, inputs [][]judge.Inputs, lambda float64, featuresModel string) ([]listJudgeResult, error) {
	var out []listJudgeResult
	apply := func(name string, m *judge.Model, lm *judge.ListModel) error {
		r := listJudgeResult{name: name, score: make([]float64, len(g.Lists)), names: make([][]judge.Dims, len(g.Lists))}
		for i, l := range g.Lists {
			r.names[i] = make([]judge.Dims, len(l.Names))
			for k := range l.Names {
				p, err := m.Predict(inputs[i][k])
				if err != nil {
					return err
				}
				r.names[i][k] = p
				r.score[i] += p[judge.Overall] / float64(len(l.Names))
			}
			if lm != nil {
				r.score[i] = lm.ListScore(l.Names, r.names[i], inputs[i])
			}
		}
		out = append(out, r)
		return nil
	}
	for _, v := range []string{judge.VariantMeaning, judge.VariantFeatures} {
		lm, err := judge.FitListModel(v, g, inputs, lambda)
		if err != nil {
			return nil, err
		}
		name := map[string]string{judge.VariantMeaning: "meaning list judge (default)", judge.VariantFeatures: "fast list judge (features only)"}[v]
		if err := apply(name, lm.Name, lm); err != nil {
			return nil, err
		}
		if v == judge.VariantMeaning {
			if err := apply("meaning name model alone: mean predicted overall", lm.Name, nil); err != nil {
				return nil, err
			}
		}
	}
	if featuresModel != "" {
		m, err := judge.LoadModel(featuresModel)
		if err != nil {
			return nil, err
		}
		if err := apply("previous default: calibrated features ("+featuresModel+"), mean overall", m, nil); err != nil {
			return nil, err
		}
	}
	raw := func(name string, f func(judge.LMStats) float64) {
		r := listJudgeResult{name: name, score: make([]float64, len(g.Lists))}
		for i := range g.Lists {
			for k := range inputs[i] {
				r.score[i] += f(*inputs[i][k].LM) / float64(len(inputs[i]))
			}
		}
		out = append(out, r)
	}
	raw("LM alone: mean log-odds of \"Yes\" (uncalibrated)", func(s judge.LMStats) float64 { return s.Yes })
	return out, nil
}

// writeListValidation prints the list-level validation as Markdown.
func writeListValidation(w io.Writer, g *judge.ListGold, results []listJudgeResult, split string, seed uint64) {
	fmt.Fprintf(w, "## List-level gold: %s split\n\n", split)
	fmt.Fprintf(w, "| judge | lists | list Spearman [95%% CI] | within-description Spearman | configuration order (Kendall τ) | ")
	for _, p := range preferencePairs {
		fmt.Fprintf(w, "%s > %s | ", p[0], p[1])
	}
	fmt.Fprintln(w)
	fmt.Fprint(w, "|---|---|---|---|---|")
	for range preferencePairs {
		fmt.Fprint(w, "---|")
	}
	fmt.Fprintln(w)
	vs := make([]judge.ListValidation, len(results))
	for i, r := range results {
		v := judge.ValidateLists(g, r.score, split, preferencePairs, seed)
		vs[i] = v
		order := "differs"
		if v.OrderAgrees {
			order = "**same**"
		}
		fmt.Fprintf(w, "| %s | %d | %s | %s | %s (%.2f) | ", r.name, v.Lists, v.Spearman, v.WithinSpearman, order, v.Kendall)
		for _, p := range v.Prefer {
			fmt.Fprintf(w, "%s (n=%d) | ", p.Rate, p.N)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "### Paired comparisons, %s split: how often the first configuration's list scores above the second's for the same description (ties ½)\n\n| comparison | descriptions | raters [95%% CI] | %s [95%% CI] |\n|---|---|---|---|\n", split, results[0].name)
	for _, p := range judge.ValidateLists(g, results[0].score, split, comparisonPairs, seed).Prefer {
		fmt.Fprintf(w, "| %s vs %s | %d | %s | %s |\n", p.Better, p.Worse, p.N, p.Raters, p.Rate)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "### Configurations, %s split: raters' mean list score and shortlist count, each judge's mean list score\n\n| configuration | raters /10 | shortlisted /10 |", split)
	for i := range results {
		fmt.Fprintf(w, " judge %d |", i+1)
	}
	fmt.Fprint(w, "\n|---|---|---|")
	for range results {
		fmt.Fprint(w, "---|")
	}
	fmt.Fprintln(w)
	for c, cm := range vs[0].Configs {
		fmt.Fprintf(w, "| %s | %.2f | %.2f |", cm.Config, cm.Raters, cm.Shortlist)
		for i := range results {
			for _, x := range vs[i].Configs {
				if x.Config == cm.Config {
					fmt.Fprintf(w, " %.3f |", x.Judge)
				}
			}
		}
		_ = c
		fmt.Fprintln(w)
	}
	fmt.Fprint(w, "\nJudges: ")
	for i, r := range results {
		fmt.Fprintf(w, "%d = %s; ", i+1, r.name)
	}
	fmt.Fprintf(w, "\n\n### Names, %s split: Spearman of predicted and raters' mean ratings [95%% CI]\n\n| judge | relevance | memorability | brandability | overall |\n|---|---|---|---|---|\n", split)
	for _, r := range results {
		if r.names == nil {
			continue
		}
		a := judge.NameAgreement(g, r.names, split, seed)
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", r.name, a[0], a[1], a[2], a[3])
	}
	fmt.Fprintln(w)
}

// writeRaterAgreement prints how the raters agree with each other.
func writeRaterAgreement(w io.Writer, g *judge.ListGold) {
	fmt.Fprintf(w, "## Raters\n\n%d lists of %d configurations; name raters: %s; list-score raters (scale v2): %s.\n\n| raters | lists | list score Spearman | name overall Spearman | name overall QWK | within ±1 | same shortlist decision |\n|---|---|---|---|---|---|---|\n",
		len(g.Lists), countConfigs(g), strings.Join(g.Raters, ", "), strings.Join(g.ScoreRaters, ", "))
	for _, a := range judge.RaterPairs(g) {
		fmt.Fprintf(w, "| %s / %s | %d | %.3f (v1 scale) | %.3f | %.3f | %.3f | %.3f |\n", a.A, a.B, a.Lists, a.ListSpearman, a.NameSpearman, a.NameQWK, a.Within1, a.ShortlistAgree)
	}
	for _, a := range judge.ScoreRaterPairs(g) {
		fmt.Fprintf(w, "| %s / %s | %d | %.3f (v2 scale) | %.3f | %.3f | %.3f | %.3f |\n", a.A, a.B, a.Lists, a.ListSpearman, a.NameSpearman, a.NameQWK, a.Within1, a.ShortlistAgree)
	}
	fmt.Fprintln(w)
}

func countConfigs(g *judge.ListGold) int {
	seen := map[string]bool{}
	for _, l := range g.Lists {
		seen[l.Config] = true
	}
	return len(seen)
}

// writeDevValidation reports k-fold cross-validation by description inside
// the fit split: each fold's lists are scored by judges fitted on the
// other folds. The held-out split is dropped before anything is fitted.
func writeDevValidation(w io.Writer, g *judge.ListGold, inputs [][]judge.Inputs, k int, lambda float64, features string, seed uint64) error {
	fitOnly, idx := g.Resplit(func(l judge.GoldList) string {
		if l.Split == "fit" {
			return "heldout" // every fit list is scored out of fold below
		}
		return ""
	})
	ids := map[string]int{}
	for _, l := range fitOnly.Lists {
		if _, ok := ids[l.DescriptionID]; !ok {
			ids[l.DescriptionID] = len(ids)
		}
	}
	var oof []listJudgeResult
	for f := range k {
		sub, sidx := fitOnly.Resplit(func(l judge.GoldList) string {
			if ids[l.DescriptionID]%k == f {
				return "heldout"
			}
			return "fit"
		})
		subIn := make([][]judge.Inputs, len(sidx))
		for j, i := range sidx {
			subIn[j] = inputs[idx[i]]
		}
		res, err := listJudges(sub, subIn, lambda, features)
		if err != nil {
			return err
		}
		if oof == nil {
			oof = make([]listJudgeResult, len(res))
			for r := range res {
				oof[r] = listJudgeResult{name: res[r].name, score: make([]float64, len(fitOnly.Lists))}
				if res[r].names != nil {
					oof[r].names = make([][]judge.Dims, len(fitOnly.Lists))
				}
			}
		}
		for j, i := range sidx {
			if sub.Lists[j].Split != "heldout" {
				continue
			}
			for r := range res {
				oof[r].score[i] = res[r].score[j]
				if res[r].names != nil {
					oof[r].names[i] = res[r].names[j]
				}
			}
		}
	}
	fmt.Fprintf(w, "# Development: %d-fold cross-validation inside the fit split (%d lists; the held-out split is not read)\n\n", k, len(fitOnly.Lists))
	writeListValidation(w, fitOnly, oof, "heldout", seed)
	return nil
}

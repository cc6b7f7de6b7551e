// Package eval measures a suggestion configuration (a suggest.Service over
// the base model, the model with an adapter, or the fallback composer
// alone) on a set of descriptions: validity, blocked and error rates,
// duplicates, length and TLD distributions, hyphens and digits, diversity,
// pronounceability, relevance proxies and judge scores, each aggregate with
// a bootstrap 95% interval over descriptions; and compares two
// configurations pairwise (win rate, sign test, Wilcoxon).
//
// Run produces Results, one per suggestion, that carry every score; the
// CLI appends them to results.jsonl per description so an interrupted run
// resumes. Summarize and Compare work from Results alone, so a report can
// be rebuilt from the file without the model.
package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"domaingen/domain"
	"domaingen/judge"
	"domaingen/suggest"
)

// Item is one description of an evaluation set (testdata/descriptions.jsonl).
type Item struct {
	ID          string `json:"id"`
	Description string `json:"description"`
	Category    string `json:"category,omitempty"`
	Complexity  string `json:"complexity,omitempty"`
	Lang        string `json:"lang,omitempty"`
}

// LoadItems reads an evaluation set; every line needs an id and a description.
func LoadItems(path string) ([]Item, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load eval set: %w", err)
	}
	defer f.Close()
	var items []Item
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for line := 1; sc.Scan(); line++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var it Item
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			return nil, fmt.Errorf("load eval set %s:%d: %w", path, line, err)
		}
		if it.ID == "" || seen[it.ID] {
			return nil, fmt.Errorf("load eval set %s:%d: missing or duplicate id %q", path, line, it.ID)
		}
		seen[it.ID] = true
		items = append(items, it)
	}
	return items, sc.Err()
}

// Result is one suggestion with every score, or, for a description that
// produced none (blocked, error), one row with an empty Domain. It is a
// line of results.jsonl.
type Result struct {
	Config      string `json:"config"`
	ID          string `json:"id"`
	Description string `json:"description"`
	Category    string `json:"category,omitempty"`
	// Status of the response: success, blocked or error.
	Status string `json:"status"`
	// Error is the error message for Status error.
	Error string `json:"error,omitempty"`
	// Rank is the 1-based position of the suggestion in the response.
	Rank       int     `json:"rank,omitempty"`
	Domain     string  `json:"domain,omitempty"`
	Confidence float64 `json:"confidence,omitempty"`
	// RawConfidence is the uncalibrated score (suggest.Suggestion.RawConfidence):
	// what a confidence map is fitted on.
	RawConfidence float64 `json:"raw_confidence,omitempty"`
	Source        string  `json:"source,omitempty"`
	// Valid: domain.Validate accepts the name with the default allow-list.
	Valid bool `json:"valid"`
	// Features are the judge's deterministic features of the name.
	Features *judge.Features `json:"features,omitempty"`
	// Judge holds the judge's scores (nil without a judge or on its error).
	Judge *judge.Scores `json:"judge,omitempty"`
	// JudgeError is the judge's error for this name, if any.
	JudgeError string `json:"judge_error,omitempty"`
	// ListScore is the list judge's 1–10 score of the whole list this
	// suggestion belongs to (the same on every row of a description; nil
	// when the judge does not rate lists).
	ListScore *float64 `json:"judge_list_score,omitempty"`
}

// Runner evaluates one configuration.
type Runner struct {
	// Config names the configuration in results ("base", "adapter").
	Config string
	// Suggester is the pipeline under test.
	Suggester suggest.Suggester
	// Featurizer computes name features (needs a Lexicon; WordNet in
	// Syn adds the synonyms of Metrics.RelevantHit).
	Featurizer judge.Featurizer
	// Judge scores each suggestion (nil: no judge scores).
	Judge judge.Scorer
	// Count of suggestions per description (default 10) and Seed (default 1).
	Count int
	Seed  uint32
}

// judge fills the judge's scores of one description's suggestions: one
// call for the whole list when the judge rates lists, else one per name.
// A judge's error is recorded on the rows; only ctx's end is returned.
func (r Runner) judge(ctx context.Context, description string, out []Result) error {
	if r.Judge == nil {
		return nil
	}
	if lj, ok := r.Judge.(judge.ListScorer); ok {
		domains := make([]string, len(out))
		for i := range out {
			domains[i] = out[i].Domain
		}
		v, err := lj.JudgeList(ctx, description, domains)
		switch {
		case err == nil:
			for i := range out {
				out[i].Judge, out[i].ListScore = &v.Names[i], &v.Score
			}
		case ctx.Err() != nil:
			return ctx.Err()
		default:
			for i := range out {
				out[i].JudgeError = err.Error()
			}
		}
		return nil
	}
	for i := range out {
		sc, err := r.Judge.Score(ctx, description, out[i].Domain)
		switch {
		case err == nil:
			out[i].Judge = &sc
		case ctx.Err() != nil:
			return ctx.Err()
		default:
			out[i].JudgeError = err.Error()
		}
	}
	return nil
}

// Run suggests names for it and scores each one. A blocked or failed
// request is a Result, not an error; Run returns an error only when ctx
// ends.
func (r Runner) Run(ctx context.Context, it Item) ([]Result, error) {
	count := r.Count
	if count == 0 {
		count = suggest.DefaultCount
	}
	seed := r.Seed
	if seed == 0 {
		seed = 1
	}
	base := Result{Config: r.Config, ID: it.ID, Description: it.Description, Category: it.Category}
	resp, err := r.Suggester.Suggest(ctx, suggest.Request{Description: it.Description, Count: count, Seed: seed})
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		base.Status, base.Error = string(suggest.StatusError), err.Error()
		return []Result{base}, nil
	}
	base.Status = string(resp.Status)
	if len(resp.Suggestions) == 0 {
		if resp.Status == suggest.StatusBlocked {
			base.Error = resp.Category
		}
		return []Result{base}, nil
	}
	out := make([]Result, 0, len(resp.Suggestions))
	for i, s := range resp.Suggestions {
		res := base
		res.Rank, res.Domain, res.Confidence, res.Source = i+1, s.Domain, s.Confidence, string(s.Source)
		res.RawConfidence = s.RawConfidence
		res.Valid = domain.Validate(s.Domain, domain.Options{}) == nil
		if r.Featurizer.Lex != nil {
			f := r.Featurizer.FeaturesOf(it.Description, s.Domain)
			res.Features = &f
		}
		out = append(out, res)
	}
	if err := r.judge(ctx, it.Description, out); err != nil {
		return nil, err
	}
	return out, nil
}

// ReadResults reads results.jsonl; a missing file is no results. A final
// line cut off by an interruption is ignored.
func ReadResults(path string) ([]Result, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Result
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for line := 1; sc.Scan(); line++ {
		var r Result
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			if !sc.Scan() {
				break // a torn last line
			}
			return nil, fmt.Errorf("read results %s:%d: %w", path, line, err)
		}
		out = append(out, r)
	}
	return out, sc.Err()
}

// Done returns the set of "config\tid" pairs present in results.
func Done(results []Result) map[string]bool {
	m := map[string]bool{}
	for _, r := range results {
		m[r.Config+"\t"+r.ID] = true
	}
	return m
}

// AppendResults appends rs to the JSONL file at path and syncs it, so a
// description's results are either all on disk or absent.
func AppendResults(path string, rs []Result) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for _, r := range rs {
		data, err := json.Marshal(r)
		if err != nil {
			f.Close()
			return err
		}
		w.Write(append(data, '\n'))
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

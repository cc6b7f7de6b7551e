package judge

import (
	"context"
	"math"
)

// LMStats is what a language model thinks of a domain name for a
// business: Yes is log p(yes) − log p(no) of its answer to LMQuestion
// ("is this a good domain name for this business?"), read from the
// probabilities of the answer's first token rather than sampled. It is
// the judge's signal of meaning, which the deterministic Features (form:
// length, words, keywords) cannot see.
type LMStats struct {
	Yes float64 `json:"yes"`
}

// LMScorer computes LMStats for a list of names for one description.
// llamajudge.LM implements it over a local GGUF.
type LMScorer interface {
	ScoreList(ctx context.Context, description string, domains []string) ([]LMStats, error)
}

// LMQuestion asks whether name is a good domain for the business. The
// name comes last, so every name of a list shares the decoded rest.
func LMQuestion(description, name string) string {
	return "Business: " + description +
		"\n\nIs the domain name below a good name for this business: relevant to what it does, memorable, easy to spell and brandable? Answer Yes or No.\n\nDomain name:\n" + name
}

// lmNames name the language-model inputs of the meaning variant, in
// vector order: the log-odds and its positive and negative parts, so the
// linear model can weigh a confident "no" differently from a confident
// "yes".
var lmNames = []string{"lm_yes", "lm_yes_pos", "lm_yes_neg"}

// lmVector lays out s as model inputs, bounded so one absurd answer
// cannot dominate a standardised input.
func lmVector(s LMStats) []float64 {
	y := math.Max(-10, math.Min(10, s.Yes))
	return []float64{y, math.Max(0, y), math.Min(0, y)}
}

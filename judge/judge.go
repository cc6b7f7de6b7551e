// Package judge rates domain names for a business description, as a person
// would: integers 1–5 for relevance, memorability, brandability and overall
// quality, with a one-sentence reason.
//
// Three judges share one result type, Scores:
//
//   - Judge (LLM) asks a language model through a Backend, with the rubric
//     in rubric.go, and forces its answer into JSON with a GBNF grammar
//     (Grammar). Score rates one name; Compare rates a pair in both orders
//     to cancel the model's position bias. Backends: a local GGUF through
//     suggest.Generator (GeneratorBackend) and any OpenAI-compatible chat
//     endpoint (OpenAI).
//   - FeaturesOf computes deterministic features of a name: validity,
//     shape, pronounceability under a character n-gram model of English,
//     dictionary-word coverage and description keywords found in the name.
//   - Calibrated combines features and (optionally) an LLM's scores with a
//     linear model fitted on reference ratings (Fit), so a 135M model that
//     is a weak judge on its own still contributes what signal it has.
//
// Validate measures any of them against reference ratings (Spearman and
// quadratic-weighted kappa with clustered bootstrap intervals).
package judge

import (
	"context"
	"fmt"

	"domaingen/prompt"
)

// Dimension indexes one of the four rated dimensions.
type Dimension int

// The rated dimensions, in the order of the rubric and the JSON answer.
const (
	Relevance Dimension = iota
	Memorability
	Brandability
	Overall
	NumDims
)

// DimNames are the JSON keys of the dimensions, indexed by Dimension.
var DimNames = [NumDims]string{"relevance", "memorability", "brandability", "overall"}

// String returns the dimension's JSON key.
func (d Dimension) String() string { return DimNames[d] }

// Dims holds one number per dimension, indexed by Dimension.
type Dims [NumDims]float64

// Scores is a judgement of one domain name for one description.
type Scores struct {
	// Ratings are the integer ratings 1–5 the judge gave (for the
	// calibrated judge: its prediction rounded to the scale).
	Ratings [NumDims]int `json:"ratings"`
	// Expected is the expected rating per dimension: Σ d·p(d) over the
	// digits 1–5 when the backend reports the distribution over them, the
	// calibrated prediction for Calibrated, else the rating itself.
	Expected Dims `json:"expected"`
	// DigitLogProb is log p of the rating's digit token as the model
	// sampled it (0 when the backend reports none); with greedy decoding
	// it is the model's confidence in its rating.
	DigitLogProb Dims `json:"digit_logprob"`
	// Reason is the judge's one-sentence justification.
	Reason string `json:"reason,omitempty"`
}

// Preference is the outcome of a pairwise comparison of names a and b.
type Preference struct {
	// Winner is "a", "b" or "tie".
	Winner string `json:"winner"`
	// Margin is in [-1, 1]: positive prefers a; the mean over both orders
	// of +1 (a chosen), -1 (b chosen) and 0 (tie), each weighted by the
	// chosen token's probability when the backend reports it.
	Margin float64 `json:"margin"`
	// Consistent reports whether both presentation orders agreed.
	Consistent bool `json:"consistent"`
}

// Completion is a backend's answer to one chat: its text and, where the
// backend reports them, each token's text, log-probability and the most
// likely alternatives at that position.
type Completion struct {
	Text     string
	Pieces   []string
	LogProbs []float32
	// TopLogProbs[i] maps candidate token texts at position i to their
	// log-probabilities (nil where unknown).
	TopLogProbs []map[string]float32
}

// Backend is a chat model as the judge needs it: one deterministic
// (temperature 0) completion of msgs that matches the GBNF grammar, or, for
// backends that cannot enforce a grammar, JSON of the shape it describes.
type Backend interface {
	Complete(ctx context.Context, msgs []prompt.Message, grammar string) (Completion, error)
}

// BackendFunc adapts a function to Backend.
type BackendFunc func(ctx context.Context, msgs []prompt.Message, grammar string) (Completion, error)

// Complete calls f.
func (f BackendFunc) Complete(ctx context.Context, msgs []prompt.Message, grammar string) (Completion, error) {
	return f(ctx, msgs, grammar)
}

// Scorer is anything that rates one name for one description: a Judge,
// a Calibrated judge, or llamajudge.Scorer.
type Scorer interface {
	Score(ctx context.Context, description, domain string) (Scores, error)
}

// Judge is an LLM judge over a Backend.
type Judge struct {
	backend Backend
}

// New returns a Judge that asks b.
func New(b Backend) *Judge { return &Judge{backend: b} }

// Score rates domain for description.
func (j *Judge) Score(ctx context.Context, description, domain string) (Scores, error) {
	c, err := j.backend.Complete(ctx, ScoreMessages(description, domain), Grammar)
	if err != nil {
		return Scores{}, fmt.Errorf("judge %s: %w", domain, err)
	}
	s, err := ParseScores(c)
	if err != nil {
		return Scores{}, fmt.Errorf("judge %s: %w", domain, err)
	}
	return s, nil
}

// Compare asks which of a and b is the better name for description, once
// with a first and once with b first, and averages the two answers so that
// a preference for the first (or second) position cancels out.
func (j *Judge) Compare(ctx context.Context, description, a, b string) (Preference, error) {
	var margins [2]float64
	var picks [2]string
	for order := range 2 {
		first, second := a, b
		if order == 1 {
			first, second = b, a
		}
		c, err := j.backend.Complete(ctx, CompareMessages(description, first, second), CompareGrammar)
		if err != nil {
			return Preference{}, fmt.Errorf("compare %s vs %s: %w", a, b, err)
		}
		pick, weight, err := ParseChoice(c)
		if err != nil {
			return Preference{}, fmt.Errorf("compare %s vs %s: %w", a, b, err)
		}
		m := map[string]float64{"A": 1, "B": -1, "tie": 0}[pick] * weight
		if order == 1 {
			m = -m
			pick = map[string]string{"A": "B", "B": "A", "tie": "tie"}[pick]
		}
		margins[order], picks[order] = m, pick
	}
	p := Preference{Margin: (margins[0] + margins[1]) / 2, Consistent: picks[0] == picks[1]}
	switch {
	case p.Margin > 0:
		p.Winner = "a"
	case p.Margin < 0:
		p.Winner = "b"
	default:
		p.Winner = "tie"
	}
	return p, nil
}

package judge

import (
	"context"
	"math"
)

// LMStats is what a language model thinks of a domain name as the answer
// to "suggest a domain name for this business" (LMRequest): log p of the
// name's tokens after the request with the real description (Cond) and
// with a neutral one (Neutral), and log p of ending the answer right after
// the name (CondEnd, NeutralEnd). Cond − Neutral is the pointwise mutual
// information of name and description: how much knowing the business made
// the model expect this name. It is the judge's signal of meaning, which
// the deterministic Features (form: length, words, keywords) cannot see.
type LMStats struct {
	Tokens     int     `json:"tokens"`
	Cond       float64 `json:"cond"`
	CondEnd    float64 `json:"cond_end"`
	Neutral    float64 `json:"neutral"`
	NeutralEnd float64 `json:"neutral_end"`
	// Yes is log p(yes) − log p(no) of the model's answer to LMQuestion:
	// would a naming expert shortlist this name for this business?
	Yes float64 `json:"yes"`
}

// PMI is Cond − Neutral (nats).
func (s LMStats) PMI() float64 { return s.Cond - s.Neutral }

// LMScorer computes LMStats for a list of names for one description.
// llamajudge.LM implements it over a local GGUF.
type LMScorer interface {
	ScoreList(ctx context.Context, description string, domains []string) ([]LMStats, error)
}

// LMRequest is the user turn whose answer the language model scores.
func LMRequest(description string) string {
	return "Suggest one domain name for this business. Answer with the domain name only.\n\nBusiness: " + description
}

// LMQuestion asks whether name is worth shortlisting for the business.
// The name comes last, so every name of a list shares the decoded rest.
func LMQuestion(description, name string) string {
	return "Business: " + description +
		"\n\nIs the domain name below a good name for this business: relevant to what it does, memorable, easy to spell and brandable? Answer Yes or No.\n\nDomain name:\n" + name
}

// lmNames name the language-model inputs of the meaning variant, in
// vector order.
var lmNames = []string{"lm_pmi", "lm_pmi_per_token", "lm_cond_per_token", "lm_neutral_per_token", "lm_end_pmi", "lm_cond_end", "lm_tokens", "lm_yes"}

// lmVector lays out s as model inputs. Per-token means are bounded below
// so one absurd token cannot dominate a standardised input.
func lmVector(s LMStats) []float64 {
	n := math.Max(1, float64(s.Tokens))
	return []float64{
		math.Max(-20, math.Min(20, s.PMI())),
		math.Max(-5, math.Min(5, s.PMI()/n)),
		math.Max(-15, s.Cond/n),
		math.Max(-15, s.Neutral/n),
		math.Max(-10, math.Min(10, s.CondEnd-s.NeutralEnd)),
		math.Max(-15, s.CondEnd),
		math.Min(12, n),
		math.Max(-15, math.Min(15, s.Yes)),
	}
}

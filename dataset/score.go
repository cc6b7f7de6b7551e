package dataset

import (
	"context"
	"sort"
	"strings"

	"domaingen/domain"
)

// Scorer rates candidate names for a description: one score per
// candidate, higher is better; a negative score removes the candidate.
// Heuristic is the default; a judge model can be dropped in (see Gate).
type Scorer interface {
	Score(ctx context.Context, d Description, cands []Candidate) ([]float64, error)
}

// ScorerFunc adapts a function to Scorer.
type ScorerFunc func(ctx context.Context, d Description, cands []Candidate) ([]float64, error)

// Score calls f.
func (f ScorerFunc) Score(ctx context.Context, d Description, cands []Candidate) ([]float64, error) {
	return f(ctx, d, cands)
}

// Description is what a Scorer knows about the business.
type Description struct {
	Text     string    // the description as the model sees it
	Lang     string    // "en", "es", ...
	Industry string    // seed industry id
	Keywords []Keyword // the words the candidates were built from
}

// Gate returns a Scorer that drops (scores -1) every candidate that gate
// scores below min and ranks the others by then: e.g.
// Gate(judgeScorer, 0.6, Heuristic{}) keeps only names a judge accepts and
// orders them by the heuristic.
func Gate(gate Scorer, min float64, then Scorer) Scorer {
	return ScorerFunc(func(ctx context.Context, d Description, cands []Candidate) ([]float64, error) {
		g, err := gate.Score(ctx, d, cands)
		if err != nil {
			return nil, err
		}
		s, err := then.Score(ctx, d, cands)
		if err != nil {
			return nil, err
		}
		for i := range s {
			if g[i] < min {
				s[i] = -1
			}
		}
		return s, nil
	})
}

// Heuristic is the transparent default Scorer. Its score in [0, 1] is
//
//	0.35·relevance + 0.25·length + 0.25·pronounceability + 0.15·method
//
// multiplied by 0.3 for a digit or hyphen (never generated, but a judge or
// a later method might propose them). The parts:
//   - relevance: the weight of the strongest keyword found in the label
//     (description word 1.0, industry root 0.8, synonym 0.6, tone or place
//     0.4, none 0.1), plus 0.1 when a second keyword is there too, capped at 1;
//   - length of the label: 1 for 5-12 letters, 0.7 for 4 or 13-14, 0.4 for
//     15-16, 0.1 otherwise;
//   - pronounceability: 1 when the longest consonant run is at most 2
//     letters, 0.6 for 3, 0.2 for more; times 0.8 when the vowel ratio is
//     outside 0.25-0.65; times 0.7 for a tripled letter or a doubled vowel
//     other than "ee"/"oo";
//   - method prior: compounds and overlap blends 1, suffixed/clipped/
//     synonym/modifier forms 0.85, prefixed 0.75, other blends 0.7.
type Heuristic struct{}

// Score implements Scorer.
func (Heuristic) Score(_ context.Context, d Description, cands []Candidate) ([]float64, error) {
	out := make([]float64, len(cands))
	for i, c := range cands {
		out[i] = heuristic(d.Keywords, c)
	}
	return out, nil
}

func heuristic(kws []Keyword, c Candidate) float64 {
	f := domain.FeaturesOf(c.Label + ".com")
	rel, found := 0.1, 0
	for _, k := range kws {
		if strings.Contains(c.Label, k.Word) {
			found++
			rel = max(rel, k.Weight)
		}
	}
	if found >= 2 {
		rel = min(1, rel+0.1)
	}
	var length float64
	switch n := f.Length; {
	case n >= 5 && n <= 12:
		length = 1
	case n == 4 || n == 13 || n == 14:
		length = 0.7
	case n == 15 || n == 16:
		length = 0.4
	default:
		length = 0.1
	}
	pron := 0.2
	switch {
	case f.LongestConsonantRun <= 2:
		pron = 1
	case f.LongestConsonantRun == 3:
		pron = 0.6
	}
	if f.VowelRatio < 0.25 || f.VowelRatio > 0.65 {
		pron *= 0.8
	}
	if awkward(c.Label) {
		pron *= 0.7
	}
	prior := 0.85
	switch c.Method {
	case MethodCompound:
		prior = 1
	case MethodPrefix:
		prior = 0.75
	case MethodBlend:
		prior = 0.7
		if len(c.Parts) == 2 && len(c.Label) < len(c.Parts[0])+len(c.Parts[1])-1 && strings.HasPrefix(c.Label, c.Parts[0]) {
			prior = 1 // overlap blend: all of a, then b
		}
	}
	score := 0.35*rel + 0.25*length + 0.25*pron + 0.15*prior
	if f.Digits > 0 || f.Hyphens > 0 {
		score *= 0.3
	}
	return score
}

// awkward reports a tripled letter or a doubled vowel other than ee/oo.
func awkward(s string) bool {
	for i := 1; i < len(s); i++ {
		if s[i] != s[i-1] {
			continue
		}
		if i >= 2 && s[i-2] == s[i] {
			return true
		}
		if isVowel(s[i]) && s[i] != 'e' && s[i] != 'o' {
			return true
		}
	}
	return false
}

// scored is a candidate with its score, for selection.
type scored struct {
	Candidate
	score float64
}

// choose picks up to n labels, best score first (ties by label), so that no
// two share their first four letters or a keyword part: a varied list, as
// the few-shot examples show.
func choose(cands []Candidate, scores []float64, n int) []scored {
	all := make([]scored, 0, len(cands))
	for i, c := range cands {
		if scores[i] >= 0 {
			all = append(all, scored{c, scores[i]})
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].score != all[j].score {
			return all[i].score > all[j].score
		}
		return all[i].Label < all[j].Label
	})
	var out []scored
	heads := map[string]bool{}
	parts := map[string]int{}
	for _, s := range all {
		head := s.Label[:min(4, len(s.Label))]
		if heads[head] {
			continue
		}
		overused := false
		for _, p := range s.Parts {
			if len(p) >= 3 && parts[p] >= 2 { // a word may appear in at most two names
				overused = true
			}
		}
		if overused {
			continue
		}
		heads[head] = true
		for _, p := range s.Parts {
			parts[p]++
		}
		out = append(out, s)
		if len(out) == n {
			break
		}
	}
	return out
}

package dataset

import (
	"context"
	"fmt"

	"domaingen/judge"
)

// JudgeGate returns a Scorer that drops candidates the calibrated judge
// in calibration (a features-only variant: building data must not need a
// model) rates below min overall, as LABEL.com, and ranks the rest with
// the heuristic. words is the English word list of the judge's features.
func JudgeGate(calibration, words string, min float64) (Scorer, error) {
	if min < 1 || min > 5 {
		return nil, fmt.Errorf("judge gate must be between 1 and 5, got %g", min)
	}
	m, err := judge.LoadModel(calibration)
	if err != nil {
		return nil, fmt.Errorf("judge gate: %w", err)
	}
	if m.Variant != judge.VariantFeatures {
		return nil, fmt.Errorf("judge gate: %s is variant %q; a features-only judge is needed", calibration, m.Variant)
	}
	lex, err := judge.LoadLexicon(words)
	if err != nil {
		return nil, fmt.Errorf("judge gate: %w", err)
	}
	j := &judge.Calibrated{Model: m, Feat: judge.Featurizer{Lex: lex}}
	rate := ScorerFunc(func(ctx context.Context, d Description, cands []Candidate) ([]float64, error) {
		out := make([]float64, len(cands))
		for i, c := range cands {
			s, err := j.Score(ctx, d.Text, c.Label+".com")
			if err != nil {
				return nil, fmt.Errorf("judge %s: %w", c.Label, err)
			}
			out[i] = s.Expected[judge.Overall]
		}
		return out, nil
	})
	return Gate(rate, min, Heuristic{}), nil
}

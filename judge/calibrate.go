package judge

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"

	"gonum.org/v1/gonum/mat"
)

// Variants of the calibrated judge: which inputs its linear model sees.
const (
	VariantFeatures = "features" // deterministic features only
	// VariantFeaturesWordNet adds SynonymHits (needs Featurizer.Syn): an
	// experiment reported in docs/judge.md, not the shipped judge.
	VariantFeaturesWordNet = "features-wordnet"
	VariantLLM             = "llm"      // the LLM judge's expected ratings and digit log-probabilities only
	VariantCombined        = "combined" // both
	// VariantMeaning adds a language model's reading of the name as an
	// answer for this business (LMStats: mutual information of name and
	// description) to the deterministic features; fitted on the list-level
	// gold (testdata/gold), it is the default judge (docs/judge.md).
	VariantMeaning = "meaning"
)

// featureNames name the deterministic inputs, in vector order.
var featureNames = []string{
	"invalid", "length", "length_over_10", "length_over_15", "hyphens", "digits", "has_digit",
	"vowel_ratio", "vowel_ratio_off", "consonant_run", "pronounceability", "coverage", "words", "words_over_2",
	"keyword_hits", "keyword_coverage", "brand", "com", "non_ascii",
}

// llmNames name the LLM inputs, in vector order.
var llmNames = []string{
	"llm_relevance", "llm_memorability", "llm_brandability", "llm_overall",
	"llm_lp_relevance", "llm_lp_memorability", "llm_lp_brandability", "llm_lp_overall",
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// featureVector lays out f as the model's deterministic inputs.
func featureVector(f Features) []float64 {
	return []float64{
		b2f(!f.Valid), float64(f.Length), math.Max(0, float64(f.Length-10)), math.Max(0, float64(f.Length-15)),
		float64(min(f.Hyphens, 4)), float64(min(f.Digits, 4)), b2f(f.Digits > 0),
		f.VowelRatio, math.Abs(f.VowelRatio - 0.42), float64(f.LongestConsonantRun), f.Pronounceability,
		f.Coverage, float64(min(f.Words, 8)), math.Max(0, float64(f.Words-2)),
		float64(min(f.KeywordHits, 3)), f.KeywordCoverage, b2f(f.Brand), b2f(f.ComTLD), b2f(!f.ASCII),
	}
}

// llmVector lays out an LLM judgement as model inputs.
func llmVector(s Scores) []float64 {
	v := make([]float64, 0, 2*NumDims)
	for d := range NumDims {
		v = append(v, s.Expected[d])
	}
	for d := range NumDims {
		v = append(v, s.DigitLogProb[d])
	}
	return v
}

// Inputs are everything the calibrated judge may use for one row.
type Inputs struct {
	Features Features
	// LLM is the LLM judge's answer (nil for the features variants).
	LLM *Scores
	// LM is the language model's statistics (needed by VariantMeaning).
	LM *LMStats
}

func inputNames(variant string) []string {
	switch variant {
	case VariantFeatures:
		return featureNames
	case VariantFeaturesWordNet:
		return append(append([]string{}, featureNames...), "synonym_hits")
	case VariantLLM:
		return llmNames
	case VariantMeaning:
		return append(append([]string{}, featureNames...), lmNames...)
	default:
		return append(append([]string{}, featureNames...), llmNames...)
	}
}

func inputVector(variant string, in Inputs) ([]float64, error) {
	var v []float64
	if variant != VariantLLM {
		v = append(v, featureVector(in.Features)...)
	}
	if variant == VariantFeaturesWordNet {
		return append(v, float64(min(in.Features.SynonymHits, 2))), nil
	}
	if variant == VariantMeaning {
		if in.LM == nil {
			return nil, fmt.Errorf("calibrated judge %q needs language-model statistics", variant)
		}
		return append(v, lmVector(*in.LM)...), nil
	}
	if variant != VariantFeatures {
		if in.LLM == nil {
			return nil, fmt.Errorf("calibrated judge %q needs LLM scores", variant)
		}
		v = append(v, llmVector(*in.LLM)...)
	}
	return v, nil
}

// Model is a fitted calibrated judge: per dimension, a ridge regression of
// the reference rating on standardised inputs. It is stored as JSON
// (judge/calibration.json) by `domaingen judge fit`.
type Model struct {
	Variant string   `json:"variant"`
	Inputs  []string `json:"inputs"`
	// Lambda is the ridge penalty on standardised inputs.
	Lambda float64 `json:"lambda"`
	// Mean and Std standardise each input: z = (x - Mean) / Std.
	Mean []float64 `json:"mean"`
	Std  []float64 `json:"std"`
	// Dims holds the intercept and weights (on z) per dimension.
	Dims [NumDims]Linear `json:"dims"`
	// TrainedOn lists the description ids of the fitting rows and Rows their count.
	TrainedOn []string `json:"trained_on"`
	Rows      int      `json:"rows"`
}

// Linear is one dimension's linear predictor.
type Linear struct {
	Intercept float64   `json:"intercept"`
	Weights   []float64 `json:"weights"`
}

// DefaultLambda is the ridge penalty: with ~20 correlated standardised
// inputs and 150-300 rows, 5 shrinks the weights of near-duplicate inputs
// (length and its hinges, coverage and words) without flattening the fit.
const DefaultLambda = 5

// Fit fits a Model of the given variant on rows (with reference ratings
// gold[i]); lambda 0 means DefaultLambda.
func Fit(variant string, rows []Inputs, gold [][NumDims]int, lambda float64) (*Model, error) {
	y := make([]Dims, len(gold))
	for i, g := range gold {
		for d := range NumDims {
			y[i][d] = float64(g[d])
		}
	}
	return FitDims(variant, rows, y, lambda)
}

// FitDims is Fit with real-valued targets, such as the mean of several
// raters' ratings.
func FitDims(variant string, rows []Inputs, gold []Dims, lambda float64) (*Model, error) {
	if len(rows) != len(gold) || len(rows) == 0 {
		return nil, fmt.Errorf("fit: %d rows, %d ratings", len(rows), len(gold))
	}
	if lambda == 0 {
		lambda = DefaultLambda
	}
	names := inputNames(variant)
	p := len(names)
	x := mat.NewDense(len(rows), p, nil)
	for i, r := range rows {
		v, err := inputVector(variant, r)
		if err != nil {
			return nil, err
		}
		x.SetRow(i, v)
	}
	m := &Model{Variant: variant, Inputs: names, Lambda: lambda, Mean: make([]float64, p), Std: make([]float64, p), Rows: len(rows)}
	n := float64(len(rows))
	for j := 0; j < p; j++ {
		col := mat.Col(nil, j, x)
		mu, ss := 0.0, 0.0
		for _, c := range col {
			mu += c
		}
		mu /= n
		for _, c := range col {
			ss += (c - mu) * (c - mu)
		}
		sd := math.Sqrt(ss / n)
		if sd < 1e-9 {
			sd = 1 // constant input: its weight will be 0
		}
		m.Mean[j], m.Std[j] = mu, sd
		for i := range rows {
			x.Set(i, j, (x.At(i, j)-mu)/sd)
		}
	}
	// (ZᵀZ + λI) w = Zᵀ(y - ȳ): the intercept is ȳ since Z is centred.
	var a mat.Dense
	a.Mul(x.T(), x)
	for j := 0; j < p; j++ {
		a.Set(j, j, a.At(j, j)+lambda)
	}
	for d := range NumDims {
		y := mat.NewVecDense(len(rows), nil)
		mean := 0.0
		for i := range rows {
			mean += gold[i][d]
		}
		mean /= n
		for i := range rows {
			y.SetVec(i, gold[i][d]-mean)
		}
		var b, w mat.VecDense
		b.MulVec(x.T(), y)
		if err := w.SolveVec(&a, &b); err != nil {
			return nil, fmt.Errorf("fit %s: %w", DimNames[d], err)
		}
		m.Dims[d] = Linear{Intercept: mean, Weights: append([]float64{}, w.RawVector().Data...)}
	}
	return m, nil
}

// Predict returns the expected rating per dimension for in, clamped to
// [1, 5]. An invalid name is rated 1 overall, as the reference ratings do.
func (m *Model) Predict(in Inputs) (Dims, error) {
	v, err := inputVector(m.Variant, in)
	if err != nil {
		return Dims{}, err
	}
	if len(v) != len(m.Inputs) {
		return Dims{}, fmt.Errorf("calibrated judge: %d inputs, model has %d", len(v), len(m.Inputs))
	}
	var out Dims
	for d := range NumDims {
		s := m.Dims[d].Intercept
		for j, x := range v {
			s += m.Dims[d].Weights[j] * (x - m.Mean[j]) / m.Std[j]
		}
		out[d] = math.Min(5, math.Max(1, s))
	}
	if m.Variant != VariantLLM && !in.Features.Valid {
		out[Overall] = 1
	}
	return out, nil
}

// Save writes m as indented JSON.
func (m *Model) Save(path string) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("save calibration: %w", err)
	}
	return nil
}

// LoadModel reads a Model written by Save.
func LoadModel(path string) (*Model, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load calibration: %w", err)
	}
	var m Model
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("load calibration %s: %w", path, err)
	}
	if len(m.Inputs) != len(inputNames(m.Variant)) {
		return nil, fmt.Errorf("load calibration %s: %d inputs, variant %q has %d (refit with `domaingen judge fit`)", path, len(m.Inputs), m.Variant, len(inputNames(m.Variant)))
	}
	return &m, nil
}

// Calibrated is the calibrated judge: features, plus the LLM judge's
// answer or the language model's statistics when the model's variant uses
// them, through a fitted Model.
type Calibrated struct {
	Model *Model
	Feat  Featurizer
	// LLM is consulted when Model.Variant uses it (llm, combined).
	LLM Scorer
	// LM is consulted when Model.Variant is VariantMeaning.
	LM LMScorer
}

// Score rates domain for description. Its Expected holds the calibrated
// predictions, Ratings them rounded, and Reason the LLM's reason if any.
func (c *Calibrated) Score(ctx context.Context, description, domain string) (Scores, error) {
	s, err := c.ScoreList(ctx, description, []string{domain})
	if err != nil {
		return Scores{}, err
	}
	return s[0], nil
}

// ScoreList rates every name of a list for description; the language
// model, when the variant uses it, reads the whole list in one batch.
func (c *Calibrated) ScoreList(ctx context.Context, description string, domains []string) ([]Scores, error) {
	ins, err := c.Inputs(ctx, description, domains)
	if err != nil {
		return nil, err
	}
	return c.predict(ins)
}

// Inputs computes what the model of c reads for each name: features, and
// the LLM's answer or the language model's statistics when its variant
// uses them.
func (c *Calibrated) Inputs(ctx context.Context, description string, domains []string) ([]Inputs, error) {
	ins := make([]Inputs, len(domains))
	for i, d := range domains {
		ins[i] = Inputs{Features: c.Feat.FeaturesOf(description, d)}
	}
	switch c.Model.Variant {
	case VariantFeatures, VariantFeaturesWordNet:
	case VariantMeaning:
		if c.LM == nil {
			return nil, fmt.Errorf("calibrated judge %q needs a language model", c.Model.Variant)
		}
		st, err := c.LM.ScoreList(ctx, description, domains)
		if err != nil {
			return nil, err
		}
		for i := range ins {
			ins[i].LM = &st[i]
		}
	default:
		if c.LLM == nil {
			return nil, fmt.Errorf("calibrated judge %q needs an LLM judge", c.Model.Variant)
		}
		for i, d := range domains {
			llm, err := c.LLM.Score(ctx, description, d)
			if err != nil {
				return nil, err
			}
			ins[i].LLM = &llm
		}
	}
	return ins, nil
}

// predict applies the model to inputs; an LLM's reason and digit
// log-probabilities are passed through.
func (c *Calibrated) predict(ins []Inputs) ([]Scores, error) {
	out := make([]Scores, len(ins))
	for i, in := range ins {
		pred, err := c.Model.Predict(in)
		if err != nil {
			return nil, err
		}
		out[i] = Scores{Expected: pred}
		if in.LLM != nil {
			out[i].DigitLogProb, out[i].Reason = in.LLM.DigitLogProb, in.LLM.Reason
		}
		for d := range NumDims {
			out[i].Ratings[d] = int(math.Round(pred[d]))
		}
	}
	return out, nil
}

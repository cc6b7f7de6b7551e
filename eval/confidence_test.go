package eval

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"domaingen/judge"
)

// synthPoints draws names whose judge target is a known increasing
// function of the raw confidence (target = raw²), with noise, in lists of
// ten per description.
func synthPoints(rng *rand.Rand, descs int, prefix string) []ConfidencePoint {
	var pts []ConfidencePoint
	for d := range descs {
		for range 10 {
			raw := math.Round(rng.Float64()*1000) / 1000 // served scores have 3 decimals: ties
			tgt := math.Min(1, math.Max(0, raw*raw+0.05*rng.NormFloat64()))
			pts = append(pts, ConfidencePoint{Group: fmt.Sprintf("%s%d", prefix, d), List: fmt.Sprintf("%s%d", prefix, d),
				Raw: raw, Target: tgt, Rated: math.NaN(), RatedOverall: math.NaN()})
		}
	}
	return pts
}

func TestFitConfidenceMapRecoversTheTarget(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	fit := synthPoints(rng, 200, "f")
	m, err := FitConfidenceMap(fit)
	require.NoError(t, err)
	assert.Empty(t, m.Model, "the caller names the model")
	m.Model = "m.gguf"
	require.NoError(t, m.Validate(), "strictly increasing knots, values in [0,1]")
	for _, x := range []float64{0.2, 0.5, 0.7, 0.9} {
		assert.InDelta(t, x*x, m.Apply(x), 0.06, "map at %g", x)
	}

	held := synthPoints(rng, 100, "h")
	raw := CheckConfidence(held, nil, 1)
	cal := CheckConfidence(held, m.Apply, 1)
	assert.Greater(t, raw.ECERaw.Est, 0.1, "raw = sqrt(target) is miscalibrated")
	assert.InDelta(t, raw.ECERaw.Est, cal.ECERaw.Est, 1e-12, "ECERaw does not depend on the map")
	assert.Less(t, cal.ECE.Est, 0.03, "the fitted map calibrates held-out points")
	assert.LessOrEqual(t, cal.ECE.Lo, cal.ECE.Est)
	assert.GreaterOrEqual(t, cal.ECE.Hi, cal.ECE.Est)
	assert.InDelta(t, cal.MeanTarget, cal.MeanConfidence, 0.03)
	assert.Equal(t, 1000, cal.N)
	assert.Equal(t, 100, cal.Descriptions)
	assert.Greater(t, cal.SpearmanRaw.Est, 0.8, "within a list, higher raw goes with higher target")
	assert.InDelta(t, cal.SpearmanRaw.Est, cal.Spearman.Est, 0.05, "a monotone map keeps the order, up to ties")
	assert.Zero(t, cal.RatedN)

	_, err = FitConfidenceMap(nil)
	assert.Error(t, err)
}

func TestCheckConfidenceDetectsAWrongMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	held := synthPoints(rng, 50, "h")
	flat := func(float64) float64 { return 0.9 }
	c := CheckConfidence(held, flat, 1)
	assert.Greater(t, c.ECE.Est, 0.4, "a constant 0.9 is far from a mean target near 1/3")
	assert.True(t, math.IsNaN(c.Spearman.Est), "a constant confidence orders nothing")
}

func TestCheckConfidenceAgainstRaters(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	held := synthPoints(rng, 40, "h")
	for i := range held {
		if i%20 < 10 { // every other description rated: raters agree with the target
			held[i].Rated = held[i].Target
			held[i].RatedOverall = 1 + 4*held[i].Target
		}
	}
	c := CheckConfidence(held, func(x float64) float64 { return x * x }, 1)
	assert.Equal(t, 200, c.RatedN)
	assert.Less(t, c.RatedECE.Est, 0.05)
	assert.Greater(t, c.SpearmanRated.Est, 0.8)
}

func TestCrossFitCheckAndFitConfidence(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	pts := synthPoints(rng, 120, "v")
	m, check, err := FitConfidence(ConfidenceFit{Model: "m.gguf", AdapterSHA256: "abc", Fit: pts, FittedOn: "synthetic", Seed: 1})
	require.NoError(t, err)
	assert.Equal(t, "m.gguf", m.Model)
	assert.Equal(t, "abc", m.AdapterSHA256)
	require.NoError(t, m.Validate())
	assert.Less(t, check.ECE.Est, 0.05, "cross-fitted maps calibrate the other half")
	assert.Greater(t, check.ECERaw.Est, 0.1)
	assert.Contains(t, string(m.Heldout), "cross-fit")

	_, err = CrossFitCheck(pts[:10], 1) // one description
	assert.Error(t, err)

	m, check, err = FitConfidence(ConfidenceFit{Model: "m.gguf", Fit: pts, Heldout: synthPoints(rng, 30, "h"), Seed: 1})
	require.NoError(t, err)
	assert.Equal(t, 300, check.N)
	assert.Contains(t, string(m.Heldout), "held-out")

	png := filepath.Join(t.TempDir(), "rel.png")
	require.NoError(t, WriteReliabilityChart(png, "synthetic", check))
	st, err := os.Stat(png)
	require.NoError(t, err)
	assert.Greater(t, st.Size(), int64(1000))
}

func TestResultConfidencePoints(t *testing.T) {
	lm := &judge.ListModel{Shortlist: judge.Linear{Intercept: -7, Weights: []float64{2}}}
	sc := func(overall float64) *judge.Scores {
		s := &judge.Scores{}
		s.Expected[judge.Overall] = overall
		return s
	}
	rs := []Result{
		{Config: "a", ID: "1", Domain: "x.com", RawConfidence: 0.4, Confidence: 0.2, Judge: sc(3.5)},
		{Config: "a", ID: "1", Domain: "y.com", Confidence: 0.3, Judge: sc(4)}, // older results: confidence was raw
		{Config: "a", ID: "2", Domain: "z.com", RawConfidence: 0.5},            // no judge score
		{Config: "a", ID: "3", Status: "blocked"},                              // no name
		{Config: "b", ID: "1", Domain: "w.com", RawConfidence: 0.6, Judge: sc(2)},
		{Config: "a", ID: "4", Domain: "v.com", Judge: sc(2)}, // unscored
	}
	pts, err := ResultConfidencePoints(rs, "a", lm)
	require.NoError(t, err)
	require.Len(t, pts, 2)
	assert.Equal(t, 0.4, pts[0].Raw)
	assert.InDelta(t, 0.5, pts[0].Target, 1e-12, "σ(-7+2·3.5)")
	assert.Equal(t, 0.3, pts[1].Raw)
	assert.InDelta(t, 1/(1+math.Exp(-1)), pts[1].Target, 1e-12)
	assert.True(t, math.IsNaN(pts[0].Rated))

	all, err := ResultConfidencePoints(rs, "", lm)
	require.NoError(t, err)
	assert.Len(t, all, 3)
	_, err = ResultConfidencePoints(rs, "c", lm)
	assert.Error(t, err)
}

package suggest

import (
	"context"
	"math"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func testCalibration() *Calibration {
	return &Calibration{Version: CalibrationVersion, Model: "m.gguf", Target: CalibrationTarget,
		X: []float64{0.2, 0.4, 0.6, 0.8}, Y: []float64{0.1, 0.1, 0.5, 0.7}}
}

func TestCalibrationApply(t *testing.T) {
	c := testCalibration()
	cases := []struct{ raw, want float64 }{
		{0, 0.1}, {0.2, 0.1}, {0.3, 0.1}, {0.5, 0.3}, {0.6, 0.5}, {0.7, 0.6}, {0.8, 0.7}, {1, 0.7},
	}
	for _, tc := range cases {
		assert.InDelta(t, tc.want, c.Apply(tc.raw), 1e-12, "raw %g", tc.raw)
	}
	// Non-decreasing everywhere.
	prev := -1.0
	for x := 0.0; x <= 1; x += 0.01 {
		y := c.Apply(x)
		assert.GreaterOrEqual(t, y, prev)
		prev = y
	}
}

func TestCalibrationValidate(t *testing.T) {
	require.NoError(t, testCalibration().Validate())
	bad := map[string]func(*Calibration){
		"version":      func(c *Calibration) { c.Version = 0 },
		"no model":     func(c *Calibration) { c.Model = "" },
		"no knots":     func(c *Calibration) { c.X, c.Y = nil, nil },
		"lengths":      func(c *Calibration) { c.Y = c.Y[:2] },
		"x decreasing": func(c *Calibration) { c.X[2] = 0.3 },
		"y decreasing": func(c *Calibration) { c.Y[3] = 0.4 },
		"y above 1":    func(c *Calibration) { c.Y[3] = 1.5 },
		"nan":          func(c *Calibration) { c.Y[0] = math.NaN() },
	}
	for name, mutate := range bad {
		t.Run(name, func(t *testing.T) {
			c := testCalibration()
			mutate(c)
			assert.Error(t, c.Validate())
		})
	}
}

func TestCalibrationFileRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "confidence.json")
	c := testCalibration()
	c.AdapterSHA256 = "abc"
	require.NoError(t, WriteCalibration(path, c))
	got, err := ReadCalibration(path)
	require.NoError(t, err)
	assert.Equal(t, c.X, got.X)
	assert.Equal(t, c.Y, got.Y)
	assert.Equal(t, "abc", got.AdapterSHA256)

	c.Y[0] = 2
	assert.Error(t, WriteCalibration(path, c), "an invalid map is never written")
	_, err = ReadCalibration(filepath.Join(t.TempDir(), "missing.json"))
	assert.Error(t, err)
}

// TestSuggestAppliesCalibration: with a map, each confidence is the map of
// the raw score, the raw score is kept, names are ranked by the calibrated
// value with ties (the map's flat stretch) broken by the raw score, and
// the response says it is calibrated.
func TestSuggestAppliesCalibration(t *testing.T) {
	gen := GeneratorFunc(func(ctx context.Context, job Job) (Generation, error) {
		return Generation{Model: "fake", Completions: []Completion{
			{Pieces: []string{"flatlow", ".com", "\n"}, LogProbs: []float32{-1.5, -1.5, -1.5}},    // raw 0.223
			{Pieces: []string{"flathigh", ".com", "\n"}, LogProbs: []float32{-1.0, -1.0, -1.0}},   // raw 0.368: same calibrated 0.1
			{Pieces: []string{"beannook", ".com", "\n"}, LogProbs: []float32{-0.1, -0.1, -0.1}},   // raw 0.905
			{Pieces: []string{"cozycup", ".com", "\n"}, LogProbs: []float32{-0.6, -0.6, -0.6}},    // raw 0.549
			{Pieces: []string{"roastery", ".com", "\n"}, LogProbs: []float32{-0.3, -0.3, -0.3}},   // raw 0.741
			{Pieces: []string{"grindhouse", ".com", "\n"}, LogProbs: []float32{-0.4, -0.4, -0.4}}, // raw 0.670
		}}, nil
	})
	cal := testCalibration()
	resp, err := New(gen, Config{Calibration: cal}).Suggest(context.Background(), Request{Description: "organic coffee shop downtown", Count: 6})
	require.NoError(t, err)
	assert.True(t, resp.ConfidenceCalibrated)
	require.Len(t, resp.Suggestions, 6)
	var got []string
	for i, s := range resp.Suggestions {
		got = append(got, s.Domain)
		if s.Source == SourceModel {
			assert.InDelta(t, round3(cal.Apply(s.RawConfidence)), s.Confidence, 1e-9, s.Domain)
		}
		if i > 0 {
			p := resp.Suggestions[i-1]
			assert.True(t, p.Confidence > s.Confidence || p.Confidence == s.Confidence && p.RawConfidence >= s.RawConfidence,
				"%s (%g/%g) before %s (%g/%g)", p.Domain, p.Confidence, p.RawConfidence, s.Domain, s.Confidence, s.RawConfidence)
		}
	}
	assert.Equal(t, []string{"beannook.com", "roastery.com", "grindhouse.com", "cozycup.com", "flathigh.com", "flatlow.com"}, got,
		"flathigh and flatlow tie after the map; the raw score, not the shorter name, breaks the tie")
	assert.Equal(t, resp.Suggestions[4].Confidence, resp.Suggestions[5].Confidence)
	assert.InDelta(t, 0.905, resp.Suggestions[0].RawConfidence, 0.001)
	assert.InDelta(t, 0.7, resp.Suggestions[0].Confidence, 1e-9)
}

func TestSuggestWithoutCalibrationReportsRaw(t *testing.T) {
	resp, err := New(fakeLines(-0.2, "beannook.com", "cozycup.io"), Config{}).Suggest(context.Background(), Request{Description: "organic coffee shop downtown", Count: 5})
	require.NoError(t, err)
	assert.False(t, resp.ConfidenceCalibrated)
	for _, s := range resp.Suggestions {
		assert.Equal(t, s.RawConfidence, s.Confidence, s.Domain)
	}
}

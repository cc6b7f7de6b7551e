package server

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"domaingen/domain"
	"domaingen/suggest"
)

// echoNames is a fake model: every sequence writes one name built from the
// sequence index, so the pipeline (clean, real safety policy, grammar-free
// parsing, domain rules, output filter, ranking) runs for real without a
// model.
var echoNames = suggest.GeneratorFunc(func(ctx context.Context, job suggest.Job) (suggest.Generation, error) {
	var gen suggest.Generation
	for s := 0; s < job.Sequences; s++ {
		name := "brightname" + string(rune('a'+s%26)) + ".com\n"
		gen.Completions = append(gen.Completions, suggest.Completion{Pieces: []string{name}, LogProbs: []float32{-0.5}})
	}
	return gen, nil
})

// TestEdgeCasesRealPipeline posts every edge case through the HTTP layer
// into the real suggest.Service with the real safety policy (only the model
// is faked) and checks its expected status: invalid → 400, blocked → 200
// with status blocked and a category, success → 200 with 10 valid names.
// Zero 5xx.
func TestEdgeCasesRealPipeline(t *testing.T) {
	s, _ := newTestServer(t, Config{}, suggest.New(echoNames, suggest.Config{}))
	for _, c := range loadEdgeCases(t) {
		t.Run(c.ID+"_"+c.Kind, func(t *testing.T) {
			rec := postJSON(s, suggestBody(t, c.Input))
			require.Less(t, rec.Code, 500, "no 5xx; body: %s", rec.Body.String())
			b := decodeBody(t, rec)
			switch c.Expect {
			case "invalid":
				requireError(t, rec, http.StatusBadRequest)
			case "blocked":
				require.Equal(t, http.StatusOK, rec.Code)
				assert.Equal(t, "blocked", b.Status, "%s: %q", c.Note, c.Input)
				assert.NotEmpty(t, b.Category)
				assert.Empty(t, suggestions(t, b))
			case "success":
				require.Equal(t, http.StatusOK, rec.Code)
				require.Equal(t, "success", b.Status, "%s: %q", c.Note, c.Input)
				names := suggestions(t, b)
				require.Len(t, names, 10)
				for _, n := range names {
					assert.NoError(t, domain.Validate(n.Domain, domain.Options{}))
					assert.NotContains(t, n.Domain, "google", "injected output must not be obeyed")
				}
			}
		})
	}
}

// TestCalibratedConfidenceOverHTTP: the real pipeline with a calibration
// map answers calibrated confidences, the raw scores and
// confidence_calibrated true; without a map, raw scores and false.
func TestCalibratedConfidenceOverHTTP(t *testing.T) {
	cal := &suggest.Calibration{Version: suggest.CalibrationVersion, Model: "fake.gguf",
		X: []float64{0.1, 0.9}, Y: []float64{0.05, 0.45}}
	for _, tc := range []struct {
		name string
		cal  *suggest.Calibration
	}{{"with map", cal}, {"without map", nil}} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := newTestServer(t, Config{}, suggest.New(echoNames, suggest.Config{Calibration: tc.cal}))
			rec := postJSON(s, `{"business_description":"a bright little design studio"}`)
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			b := decodeBody(t, rec)
			assert.Equal(t, tc.cal != nil, b.Calibrated)
			names := suggestions(t, b)
			require.NotEmpty(t, names)
			for _, n := range names {
				if n.Source != suggest.SourceModel {
					continue
				}
				assert.InDelta(t, 0.607, n.RawConfidence, 0.001, "exp(-0.5), shape factor 1")
				want := n.RawConfidence
				if tc.cal != nil {
					want = tc.cal.Apply(n.RawConfidence)
				}
				assert.InDelta(t, want, n.Confidence, 0.001, n.Domain)
			}
		})
	}
}

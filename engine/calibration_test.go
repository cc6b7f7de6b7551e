package engine

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"domaingen/suggest"
)

// calibrationFixture writes an adapter file and its map (fitted for
// model file m.gguf and that adapter) under a temporary directory.
func calibrationFixture(t *testing.T) (model, adapter string, cal *suggest.Calibration) {
	t.Helper()
	dir := t.TempDir()
	model = filepath.Join(dir, "models", "m.gguf")
	adapter = filepath.Join(dir, "adapters", "a", "adapter.gguf")
	require.NoError(t, os.MkdirAll(filepath.Dir(adapter), 0o755))
	require.NoError(t, os.WriteFile(adapter, []byte("adapter weights v1"), 0o644))
	sum, err := FileSHA256(adapter)
	require.NoError(t, err)
	cal = &suggest.Calibration{Version: suggest.CalibrationVersion, Model: "m.gguf", AdapterSHA256: sum,
		Target: suggest.CalibrationTarget, X: []float64{0.1, 0.9}, Y: []float64{0.2, 0.6}}
	require.NoError(t, suggest.WriteCalibration(CalibrationPath(model, adapter, ""), cal))
	return model, adapter, cal
}

func TestCalibrationPath(t *testing.T) {
	assert.Equal(t, filepath.Join("adapters", "x", "confidence.json"), CalibrationPath("models/m.gguf", "adapters/x/adapter.gguf", ""))
	assert.Equal(t, filepath.Join("calibration", "m.gguf.json"), CalibrationPath("models/m.gguf", "", ""))
	assert.Equal(t, filepath.Join("d", "m.gguf.json"), CalibrationPath("/abs/m.gguf", "", "d"))
}

func TestLoadCalibrationMatching(t *testing.T) {
	model, adapter, want := calibrationFixture(t)
	got, err := LoadCalibration(Config{Model: model, Adapter: adapter})
	require.NoError(t, err)
	assert.Equal(t, want.X, got.X)
	assert.Equal(t, want.Y, got.Y)

	// A bare model's map, keyed by the model file's name.
	dir := t.TempDir()
	bare := &suggest.Calibration{Version: suggest.CalibrationVersion, Model: "m.gguf", X: []float64{0.5}, Y: []float64{0.3}}
	require.NoError(t, suggest.WriteCalibration(CalibrationPath(model, "", dir), bare))
	got, err = LoadCalibration(Config{Model: model, CalibrationDir: dir})
	require.NoError(t, err)
	assert.Equal(t, []float64{0.3}, got.Y)
}

// TestLoadCalibrationRefusesMismatch: another adapter (same path, other
// bytes), another model file, a bare-model map under an adapter, a
// missing file: no map, and a suggest.Service built with what
// LoadCalibration returned reports raw confidences and
// confidence_calibrated false.
func TestLoadCalibrationRefusesMismatch(t *testing.T) {
	model, adapter, _ := calibrationFixture(t)
	cases := map[string]func(t *testing.T) Config{
		"retrained adapter": func(t *testing.T) Config {
			require.NoError(t, os.WriteFile(adapter, []byte("adapter weights v2"), 0o644))
			return Config{Model: model, Adapter: adapter}
		},
		"other model": func(t *testing.T) Config {
			return Config{Model: filepath.Join(filepath.Dir(model), "other.gguf"), Adapter: adapter}
		},
		"bare model with the adapter's map": func(t *testing.T) Config {
			return Config{Model: model, Calibration: CalibrationPath(model, adapter, "")}
		},
		"re-quantized bare model under the same name": func(t *testing.T) Config {
			dir := t.TempDir()
			bare := filepath.Join(dir, "merged.gguf")
			require.NoError(t, os.WriteFile(bare, []byte("weights v1"), 0o644))
			sum, err := FileSHA256(bare)
			require.NoError(t, err)
			c := &suggest.Calibration{Version: suggest.CalibrationVersion, Model: "merged.gguf", ModelSHA256: sum, X: []float64{0.5}, Y: []float64{0.3}}
			require.NoError(t, suggest.WriteCalibration(CalibrationPath(bare, "", dir), c))
			_, err = LoadCalibration(Config{Model: bare, CalibrationDir: dir})
			require.NoError(t, err, "the same weights load")
			require.NoError(t, os.WriteFile(bare, []byte("weights v2"), 0o644))
			return Config{Model: bare, CalibrationDir: dir}
		},
		"missing": func(t *testing.T) Config {
			return Config{Model: model, CalibrationDir: t.TempDir()}
		},
		"turned off": func(t *testing.T) Config {
			return Config{Model: model, Adapter: adapter, Calibration: NoCalibration}
		},
	}
	for name, mk := range cases {
		t.Run(name, func(t *testing.T) {
			cal, err := LoadCalibration(mk(t))
			require.Error(t, err)
			assert.Nil(t, cal)
			if name == "missing" || name == "turned off" {
				assert.ErrorIs(t, err, ErrNoCalibration)
			} else {
				assert.NotErrorIs(t, err, ErrNoCalibration, "a mismatch is reported as such: %v", err)
			}
			gen := suggest.GeneratorFunc(func(context.Context, suggest.Job) (suggest.Generation, error) {
				return suggest.Generation{Completions: []suggest.Completion{{Pieces: []string{"beannook.com\n"}, LogProbs: []float32{-0.5}}}}, nil
			})
			resp, err := suggest.New(gen, suggest.Config{Calibration: cal}).Suggest(context.Background(), suggest.Request{Description: "coffee shop", Count: 5})
			require.NoError(t, err)
			assert.False(t, resp.ConfidenceCalibrated)
			require.NotEmpty(t, resp.Suggestions)
			for _, s := range resp.Suggestions {
				assert.Equal(t, s.RawConfidence, s.Confidence)
			}
		})
	}
}

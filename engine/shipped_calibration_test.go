package engine

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"domaingen/suggest"
)

// TestShippedAdapterHasItsMap: the adapter the repository ships has a
// confidence map fitted for it (same model file, same adapter bytes), so
// the default served pair answers calibrated confidences. An adapter
// retrained without refitting (make finetune does both) fails here.
func TestShippedAdapterHasItsMap(t *testing.T) {
	adapter := filepath.Join("..", DefaultAdapter)
	if _, err := os.Stat(adapter); err != nil {
		t.Skipf("no shipped adapter: %v", err)
	}
	cal, err := LoadCalibration(Config{Model: filepath.Join("..", DefaultModel), Adapter: adapter})
	require.NoError(t, err)
	assert.Equal(t, suggest.CalibrationTarget, cal.Target)
	assert.NotEmpty(t, cal.Heldout, "the map records its held-out check")
}

// TestShippedBareModelMaps: every committed bare-model map is valid, is
// named after the model file it records, and records no adapter.
func TestShippedBareModelMaps(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", DefaultCalibrationDir, "*.json"))
	require.NoError(t, err)
	for _, f := range files {
		cal, err := suggest.ReadCalibration(f)
		require.NoError(t, err, f)
		assert.Equal(t, strings.TrimSuffix(filepath.Base(f), ".json"), cal.Model, f)
		assert.Empty(t, cal.AdapterSHA256, f)
		assert.Equal(t, suggest.CalibrationTarget, cal.Target, f)
	}
}

package llama

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDevicesHasCPU: the CPU backend is compiled in and registered.
func TestDevicesHasCPU(t *testing.T) {
	devs := Devices()
	require.NotEmpty(t, devs)
	found := false
	for _, d := range devs {
		found = found || strings.HasSuffix(d, "(cpu)")
	}
	assert.True(t, found, "%v", devs)
}

// TestLoadBackendErrors: a missing file or a file that is not a backend
// module is an error, not a crash, and registers nothing.
func TestLoadBackendErrors(t *testing.T) {
	before := len(Devices())
	err := LoadBackend(filepath.Join(t.TempDir(), "libggml-cuda.so"))
	require.Error(t, err)
	bogus := filepath.Join(t.TempDir(), "libggml-bogus.so")
	require.NoError(t, os.WriteFile(bogus, []byte("not a shared library"), 0o644))
	err = LoadBackend(bogus)
	require.Error(t, err)
	assert.Contains(t, err.Error(), bogus)
	assert.Len(t, Devices(), before)
}

package llama

import (
	"math"
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"domaingen/gguf"
)

// TestGGUFDequantizeMatchesGGML proves package gguf's pure-Go
// dequantisation bit-exact against ggml's own kernels: on blocks quantised
// by ggml from random data for every type gguf supports, and on every
// tensor of the real model.
func TestGGUFDequantizeMatchesGGML(t *testing.T) {
	types := []gguf.Type{gguf.TypeF16, gguf.TypeBF16, gguf.TypeQ4_0, gguf.TypeQ4_1, gguf.TypeQ5_0, gguf.TypeQ5_1,
		gguf.TypeQ8_0, gguf.TypeQ2_K, gguf.TypeQ3_K, gguf.TypeQ4_K, gguf.TypeQ5_K, gguf.TypeQ6_K}
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 4 * 256
	src := make([]float32, n)
	for i := range src {
		src[i] = float32(rng.NormFloat64() * math.Pow(10, float64(rng.IntN(5)-2)))
	}
	for _, typ := range types {
		t.Run(typ.String(), func(t *testing.T) {
			data, err := QuantizeGGML(int(typ), src, 256)
			require.NoError(t, err)
			want, err := DequantizeGGML(int(typ), data, n)
			require.NoError(t, err)
			got, err := gguf.Dequantize(typ, data, n)
			require.NoError(t, err)
			requireBitEqual(t, want, got)
		})
	}

	f, err := gguf.Open(testModelPath(t))
	require.NoError(t, err)
	defer f.Close()
	for _, ti := range f.Tensors {
		data, err := f.TensorData(ti.Name)
		require.NoError(t, err)
		var want []float32
		if ti.Type == gguf.TypeF32 { // ggml has no to_float for F32: the bytes are the values
			want = unsafe.Slice((*float32)(unsafe.Pointer(&data[0])), len(data)/4)
		} else {
			want, err = DequantizeGGML(int(ti.Type), data, int(ti.Elements))
			require.NoError(t, err, ti.Name)
		}
		got, err := f.TensorFloat32(ti.Name)
		require.NoError(t, err, ti.Name)
		requireBitEqual(t, want, got)
	}
}

func requireBitEqual(t *testing.T, want, got []float32) {
	t.Helper()
	require.Len(t, got, len(want))
	for i := range want {
		if math.Float32bits(want[i]) != math.Float32bits(got[i]) {
			t.Fatalf("element %d: ggml %v (%#x), gguf %v (%#x)", i, want[i], math.Float32bits(want[i]), got[i], math.Float32bits(got[i]))
		}
	}
}

func TestGGMLArgumentErrors(t *testing.T) {
	_, err := DequantizeGGML(int(gguf.TypeQ8_0), make([]byte, 3), 32)
	assert.Error(t, err)
	_, err = DequantizeGGML(9999, nil, 32)
	assert.Error(t, err)
	_, err = QuantizeGGML(int(gguf.TypeQ4_K), make([]float32, 100), 100)
	assert.Error(t, err, "100 is not a whole number of 256-element blocks")
}

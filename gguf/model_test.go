package gguf

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// modelFile is where `make model` puts the shipped model, relative to this
// package; $DOMAINGEN_MODEL overrides it.
const modelFile = "../models/SmolLM2-135M-Instruct.Q4_1.gguf"

// openModel opens the real SmolLM2-135M-Instruct model or skips the test.
func openModel(t *testing.T) *File {
	t.Helper()
	path := os.Getenv("DOMAINGEN_MODEL")
	if path == "" {
		path = modelFile
	}
	if _, err := os.Stat(path); err != nil {
		if testing.Short() {
			t.Skipf("model not found at %s (skipped in -short mode): %v", path, err)
		}
		t.Fatalf("model not found at %s: run `make model` or set DOMAINGEN_MODEL: %v", path, err)
	}
	f, err := Open(path)
	require.NoError(t, err)
	t.Cleanup(func() { _ = f.Close() })
	return f
}

// TestRealModel reads the shipped model: metadata, tensor layout and the
// dequantisation of every tensor.
func TestRealModel(t *testing.T) {
	f := openModel(t)

	assert.EqualValues(t, 3, f.Version)
	assert.Len(t, f.Tensors, 272) // 30 layers × 9 + token_embd + output_norm
	arch, err := f.Metadata.String("general.architecture")
	require.NoError(t, err)
	assert.Equal(t, "llama", arch)
	emb, err := f.Metadata.Uint32("llama.embedding_length")
	require.NoError(t, err)
	assert.EqualValues(t, 576, emb)
	blocks, err := f.Metadata.Int("llama.block_count")
	require.NoError(t, err)
	assert.EqualValues(t, 30, blocks)
	eps, err := f.Metadata.Float32("llama.attention.layer_norm_rms_epsilon")
	require.NoError(t, err)
	assert.Equal(t, float32(1e-5), eps)
	tokens, err := f.Metadata.Strings("tokenizer.ggml.tokens")
	require.NoError(t, err)
	assert.Len(t, tokens, 49152)
	types, err := f.Metadata.Int32s("tokenizer.ggml.token_type")
	require.NoError(t, err)
	assert.Len(t, types, 49152)

	embd, ok := f.Tensor("token_embd.weight")
	require.True(t, ok)
	assert.Equal(t, []int64{576, 49152}, embd.Shape)

	counts := map[Type]int{}
	var elems int64
	for _, ti := range f.Tensors {
		counts[ti.Type]++
		elems += ti.Elements
		vals, err := f.TensorFloat32(ti.Name)
		require.NoError(t, err, ti.Name)
		require.EqualValues(t, ti.Elements, len(vals), ti.Name)
		var sumSq float64
		for _, v := range vals {
			if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
				t.Fatalf("tensor %s has a non-finite value", ti.Name)
			}
			sumSq += float64(v) * float64(v)
		}
		rms := math.Sqrt(sumSq / float64(len(vals)))
		assert.Greater(t, rms, 1e-4, ti.Name)
		assert.Less(t, rms, 100.0, ti.Name)
	}
	assert.Equal(t, map[Type]int{TypeQ4_1: 210, TypeF32: 61, TypeQ8_0: 1}, counts)
	assert.InDelta(t, 134.5e6, float64(elems), 0.5e6)
}

// TestRealModelF32Copy writes the F32 copy of the shipped model (about 540
// MB, in a temporary directory) and checks it against the source.
func TestRealModelF32Copy(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 540 MB file; skipped in -short mode")
	}
	src := openModel(t)
	path := filepath.Join(t.TempDir(), "f32.gguf")
	srcPath := os.Getenv("DOMAINGEN_MODEL")
	if srcPath == "" {
		srcPath = modelFile
	}
	require.NoError(t, ConvertToF32(srcPath, path, nil))
	st, err := os.Stat(path)
	require.NoError(t, err)
	assert.InDelta(t, 540e6, float64(st.Size()), 10e6)

	dst, err := Open(path)
	require.NoError(t, err)
	defer dst.Close()
	assert.Equal(t, src.Metadata.Keys(), dst.Metadata.Keys())
	require.Len(t, dst.Tensors, len(src.Tensors))
	for i, ti := range dst.Tensors {
		assert.Equal(t, src.Tensors[i].Name, ti.Name)
		assert.Equal(t, src.Tensors[i].Shape, ti.Shape)
		assert.Equal(t, TypeF32, ti.Type, ti.Name)
	}
	for _, name := range []string{"token_embd.weight", "blk.0.attn_q.weight", "blk.29.ffn_down.weight", "output_norm.weight"} {
		want, err := src.TensorFloat32(name)
		require.NoError(t, err)
		got, err := dst.TensorFloat32(name)
		require.NoError(t, err)
		require.Equal(t, len(want), len(got), name)
		for i := range want {
			if math.Float32bits(want[i]) != math.Float32bits(got[i]) {
				t.Fatalf("%s[%d]: copy has %g, source dequantises to %g", name, i, got[i], want[i])
			}
		}
	}
}

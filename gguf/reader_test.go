package gguf

import (
	"bytes"
	"encoding/binary"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// raw assembles arbitrary, possibly invalid, GGUF bytes.
type raw struct{ bytes.Buffer }

func (r *raw) u32(v uint32) *raw { _ = binary.Write(&r.Buffer, binary.LittleEndian, v); return r }
func (r *raw) u64(v uint64) *raw { _ = binary.Write(&r.Buffer, binary.LittleEndian, v); return r }
func (r *raw) str(s string) *raw { r.u64(uint64(len(s))); r.WriteString(s); return r }
func (r *raw) pad(align int) *raw {
	for r.Len()%align != 0 {
		r.WriteByte(0)
	}
	return r
}

// slack appends 64 zero bytes so that count checks pass and the parser
// reaches the defect under test.
func slack(r *raw) *raw { r.Write(make([]byte, 64)); return r }

// header starts a v3 file with the given counts.
func header(nTensors, nKV uint64) *raw {
	r := &raw{}
	r.WriteString("GGUF")
	return r.u32(3).u64(nTensors).u64(nKV)
}

// tensorInfo appends one tensor description.
func (r *raw) tensorInfo(name string, shape []uint64, typ uint32, off uint64) *raw {
	r.str(name).u32(uint32(len(shape)))
	for _, n := range shape {
		r.u64(n)
	}
	return r.u32(typ).u64(off)
}

// TestReadValidRaw reads a hand-assembled file, including version 2 and an
// array of arrays, to check the reader against the format rather than
// against the writer.
func TestReadValidRaw(t *testing.T) {
	for _, version := range []uint32{2, 3} {
		r := &raw{}
		r.WriteString("GGUF")
		r.u32(version).u64(1).u64(3)
		r.str("general.architecture").u32(uint32(ValueString)).str("llama")
		r.str("nested").u32(uint32(ValueArray)).u32(uint32(ValueArray)).u64(2)
		r.u32(uint32(ValueUint16)).u64(2).u32(0x00020001) // [1, 2]
		r.u32(uint32(ValueBool)).u64(1)
		r.WriteByte(7) // any non-zero byte is true, as in ggml
		r.str("n").u32(uint32(ValueInt8)).WriteByte(0xFF)
		r.tensorInfo("w", []uint64{2, 1}, uint32(TypeF16), 0)
		r.pad(32)
		dataStart := r.Len()
		r.Write([]byte{0x00, 0x3C, 0x00, 0xC0}) // 1, -2

		f, err := Read(bytes.NewReader(r.Bytes()), int64(r.Len()))
		require.NoError(t, err, "version %d", version)
		assert.Equal(t, version, f.Version)
		assert.EqualValues(t, dataStart, f.DataOffset)
		arch, err := f.Metadata.String("general.architecture")
		require.NoError(t, err)
		assert.Equal(t, "llama", arch)
		nested, ok := f.Metadata.Get("nested")
		require.True(t, ok)
		inner := nested.Interface().([]Value)
		require.Len(t, inner, 2)
		assert.Equal(t, []uint16{1, 2}, inner[0].Interface())
		assert.Equal(t, []bool{true}, inner[1].Interface())
		n, err := f.Metadata.Int8("n")
		require.NoError(t, err)
		assert.EqualValues(t, -1, n)
		w, err := f.TensorFloat32("w")
		require.NoError(t, err)
		assert.Equal(t, []float32{1, -2}, w)
	}
}

// TestReadRejects checks that malformed headers give errors (never panics)
// naming the problem.
func TestReadRejects(t *testing.T) {
	u8kv := func(r *raw, key string) *raw { r.str(key).u32(uint32(ValueUint8)); r.WriteByte(1); return r }
	tests := []struct {
		name string
		file func() *raw
		want string
	}{
		{"empty", func() *raw { return &raw{} }, "reading magic"},
		{"bad magic", func() *raw { r := &raw{}; r.WriteString("GGUG"); return r.u32(3).u64(0).u64(0) }, "bad magic"},
		{"version 1", func() *raw { r := &raw{}; r.WriteString("GGUF"); return r.u32(1).u64(0).u64(0) }, "unsupported version 1"},
		{"version 4", func() *raw { r := &raw{}; r.WriteString("GGUF"); return r.u32(4).u64(0).u64(0) }, "unsupported version 4"},
		{"big endian", func() *raw { r := &raw{}; r.WriteString("GGUF"); return r.u32(3 << 24).u64(0).u64(0) }, "big-endian"},
		{"huge kv count", func() *raw { return header(0, math.MaxUint64) }, "kv count"},
		{"huge tensor count", func() *raw { return header(1<<40, 0) }, "tensor count"},
		{"truncated counts", func() *raw { r := &raw{}; r.WriteString("GGUF"); return r.u32(3).u64(0) }, "kv count"},
		{"huge key length", func() *raw { return slack(header(0, 1).u64(1 << 62)) }, "limit"},
		{"key longer than file", func() *raw { return header(0, 1).u64(1000) }, "bytes left"},
		{"empty key", func() *raw { return slack(u8kv(header(0, 1), "")) }, "empty key"},
		{"duplicate key", func() *raw { return u8kv(u8kv(header(0, 2), "a"), "a") }, "duplicate key"},
		{"bad value type", func() *raw { return slack(header(0, 1).str("k").u32(13)) }, "invalid value type 13"},
		{"huge string", func() *raw { return header(0, 1).str("k").u32(uint32(ValueString)).u64(MaxStringLen + 1) }, "limit"},
		{"huge array", func() *raw {
			return header(0, 1).str("k").u32(uint32(ValueArray)).u32(uint32(ValueUint64)).u64(1 << 60)
		}, "cannot fit"},
		{"huge string array", func() *raw {
			return header(0, 1).str("k").u32(uint32(ValueArray)).u32(uint32(ValueString)).u64(1 << 30)
		}, "cannot fit"},
		{"bad array element type", func() *raw {
			return header(0, 1).str("k").u32(uint32(ValueArray)).u32(99).u64(0)
		}, "invalid array element type"},
		{"array too deep", func() *raw {
			r := header(0, 1).str("k").u32(uint32(ValueArray))
			for range MaxArrayDepth + 1 {
				r.u32(uint32(ValueArray)).u64(1)
			}
			return r.u32(uint32(ValueUint8)).u64(0)
		}, "nested deeper"},
		{"truncated value", func() *raw { return header(0, 1).str("k").u32(uint32(ValueUint64)).u32(0) }, "unexpected EOF"},
		{"alignment not u32", func() *raw { return u8kv(header(0, 1), KeyAlignment) }, "want u32"},
		{"alignment not power of two", func() *raw {
			return header(0, 1).str(KeyAlignment).u32(uint32(ValueUint32)).u32(24)
		}, "power of two"},
		{"alignment zero", func() *raw {
			return header(0, 1).str(KeyAlignment).u32(uint32(ValueUint32)).u32(0)
		}, "power of two"},
		{"long tensor name", func() *raw {
			return header(1, 0).tensorInfo(strings.Repeat("n", 64), []uint64{1}, 0, 0)
		}, "limit of 63"},
		{"five dims", func() *raw { return header(1, 0).tensorInfo("t", []uint64{1, 1, 1, 1, 1}, 0, 0) }, "5 dimensions"},
		{"negative dim", func() *raw { return header(1, 0).tensorInfo("t", []uint64{1 << 63}, 0, 0) }, "negative"},
		{"element overflow", func() *raw {
			return header(1, 0).tensorInfo("t", []uint64{1 << 40, 1 << 40}, 0, 0)
		}, "overflows"},
		{"byte overflow", func() *raw {
			return header(1, 0).tensorInfo("t", []uint64{1 << 61, 2}, 0, 0)
		}, "overflows"},
		{"removed type", func() *raw { return header(1, 0).tensorInfo("t", []uint64{32}, 4, 0) }, "invalid ggml type 4"},
		{"unknown type", func() *raw { return header(1, 0).tensorInfo("t", []uint64{32}, 40, 0) }, "invalid ggml type 40"},
		{"row not block multiple", func() *raw {
			return header(1, 0).tensorInfo("t", []uint64{33}, uint32(TypeQ8_0), 0)
		}, "block size"},
		{"duplicate tensor", func() *raw {
			return header(2, 0).tensorInfo("t", []uint64{1}, 0, 0).tensorInfo("t", []uint64{1}, 0, 32).pad(32)
		}, "duplicate name"},
		{"misaligned offset", func() *raw {
			r := header(1, 0).tensorInfo("t", []uint64{1}, 0, 4).pad(32)
			r.Write(make([]byte, 64))
			return r
		}, "not a multiple of the alignment"},
		{"data beyond file", func() *raw {
			r := header(1, 0).tensorInfo("t", []uint64{16}, 0, 0).pad(32)
			r.Write(make([]byte, 63))
			return r
		}, "exceeds the 63-byte data section"},
		{"huge offset", func() *raw {
			r := header(1, 0).tensorInfo("t", []uint64{1}, 0, math.MaxUint64-31).pad(32)
			r.Write(make([]byte, 64))
			return r
		}, "expected 0"},
		{"offset gap", func() *raw {
			r := header(2, 0).tensorInfo("a", []uint64{1}, 0, 0).tensorInfo("b", []uint64{1}, 0, 64).pad(32)
			r.Write(make([]byte, 128))
			return r
		}, "offset 64, expected 32"},
		{"overlapping tensors", func() *raw {
			r := header(2, 0).tensorInfo("a", []uint64{1}, 0, 0).tensorInfo("b", []uint64{1}, 0, 0).pad(32)
			r.Write(make([]byte, 64))
			return r
		}, "offset 0, expected 32"},
		{"data section missing", func() *raw { return header(1, 0).tensorInfo("t", []uint64{1}, 0, 0) }, "beyond the end"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.file().Bytes()
			_, err := Read(bytes.NewReader(data), int64(len(data)))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// TestReadTruncations cuts a valid file at every length and checks that
// every prefix that loses header or tensor bytes fails cleanly; prefixes that
// only lose the padding after the last tensor are still valid (as for
// llama.cpp, which checks each tensor's range against the file size).
func TestReadTruncations(t *testing.T) {
	data := smallFile(t)
	f := decode(t, data)
	last := f.Tensors[len(f.Tensors)-1]
	end := f.DataOffset + int64(last.Offset) + last.Size // bytes needed
	for n := range len(data) {
		_, err := Read(bytes.NewReader(data[:n]), int64(n))
		if int64(n) < end {
			require.Error(t, err, "prefix of %d bytes", n)
		} else {
			require.NoError(t, err, "prefix of %d bytes keeps all tensor data", n)
		}
	}
}

// TestReadSizeLargerThanData checks that a size claiming more bytes than the
// reader holds gives an error, not a panic.
func TestReadSizeLargerThanData(t *testing.T) {
	data := smallFile(t)
	f, err := Read(bytes.NewReader(data), int64(len(data))+1000)
	if err == nil {
		// The header parsed; reading the tensor data must fail cleanly, or
		// succeed if the data happens to be present.
		for _, ti := range f.Tensors {
			_, _ = f.TensorData(ti.Name)
		}
	}
	_, err = Read(bytes.NewReader(data[:10]), int64(len(data)))
	assert.Error(t, err)
	_, err = Read(bytes.NewReader(data), -1)
	assert.Error(t, err)
}

// smallFile returns a small valid file with metadata of several types and
// F32, F16 and Q8_0 tensors; it seeds the fuzzer too.
func smallFile(t testing.TB) []byte {
	t.Helper()
	b := NewBuilder()
	require.NoError(t, b.Set("general.architecture", "llama"))
	require.NoError(t, b.Set("llama.embedding_length", uint32(8)))
	require.NoError(t, b.Set("llama.rope.freq_base", float32(10000)))
	require.NoError(t, b.Set("tokenizer.ggml.tokens", []string{"<s>", "a", "b"}))
	require.NoError(t, b.Set("tokenizer.ggml.scores", []float32{0, -1, -2}))
	require.NoError(t, b.Set("flag", true))
	nested, err := NestedArray(Array([]int16{-1}), Array([]float64{2}))
	require.NoError(t, err)
	require.NoError(t, b.Set("nested", nested))
	require.NoError(t, b.AddF32("norm", []int64{8}, []float32{1, 2, 3, 4, 5, 6, 7, 8}))
	require.NoError(t, b.AddF16("emb", []int64{8, 3}, make([]float32, 24)))
	var qs [32]int8
	for i := range qs {
		qs[i] = int8(i - 16)
	}
	require.NoError(t, b.AddRaw("q", TypeQ8_0, []int64{32}, q8_0Block(0x3800, qs)))
	var buf bytes.Buffer
	_, err = b.WriteTo(&buf)
	require.NoError(t, err)
	return buf.Bytes()
}

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

// allTypesMetadata returns one pair of every metadata value type, scalar and
// array, including an empty array and a nested array.
func allTypesMetadata(t *testing.T) []KV {
	t.Helper()
	nested, err := NestedArray(Array([]uint8{1, 2}), Array([]string{"x"}), Array([]int32{}))
	require.NoError(t, err)
	deeper, err := NestedArray(nested)
	require.NoError(t, err)
	return []KV{
		{"general.architecture", String("llama")},
		{"t.u8", Uint8(250)},
		{"t.i8", Int8(-120)},
		{"t.u16", Uint16(65000)},
		{"t.i16", Int16(-32000)},
		{"t.u32", Uint32(4000000000)},
		{"t.i32", Int32(-2000000000)},
		{"t.f32", Float32(float32(math.Pi))},
		{"t.bool.true", Bool(true)},
		{"t.bool.false", Bool(false)},
		{"t.str", String("héllo\x00world")},
		{"t.str.empty", String("")},
		{"t.u64", Uint64(math.MaxUint64)},
		{"t.i64", Int64(math.MinInt64)},
		{"t.f64", Float64(-math.E)},
		{"t.f32.nan", Float32(float32(math.NaN()))},
		{"t.arr.u8", Array([]uint8{0, 1, 255})},
		{"t.arr.i8", Array([]int8{-128, 0, 127})},
		{"t.arr.u16", Array([]uint16{1, 65535})},
		{"t.arr.i16", Array([]int16{-32768, 32767})},
		{"t.arr.u32", Array([]uint32{7, 4294967295})},
		{"t.arr.i32", Array([]int32{-1, 2, -3})},
		{"t.arr.f32", Array([]float32{0.5, -1.25, float32(math.Inf(1))})},
		{"t.arr.bool", Array([]bool{true, false, true})},
		{"t.arr.str", Array([]string{"a", "", "ccc"})},
		{"t.arr.u64", Array([]uint64{math.MaxUint64, 0})},
		{"t.arr.i64", Array([]int64{math.MinInt64, math.MaxInt64})},
		{"t.arr.f64", Array([]float64{1e300, math.Copysign(0, -1)})},
		{"t.arr.empty", Array([]float32{})},
		{"t.arr.nested", nested},
		{"t.arr.nested2", deeper},
		{KeyAlignment, Uint32(64)},
	}
}

// encode writes b to memory, failing the test on error.
func encode(t testing.TB, b *Builder) []byte {
	t.Helper()
	var buf bytes.Buffer
	n, err := b.WriteTo(&buf)
	require.NoError(t, err)
	require.EqualValues(t, buf.Len(), n)
	return buf.Bytes()
}

// decode parses an in-memory file, failing the test on error.
func decode(t testing.TB, data []byte) *File {
	t.Helper()
	f, err := Read(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	return f
}

// sameValue compares values bit for bit (so that NaNs compare equal).
func sameValue(t *testing.T, want, got Value, key string) {
	t.Helper()
	require.Equal(t, want.Type(), got.Type(), key)
	require.Equal(t, want.ElemType(), got.ElemType(), key)
	switch w := want.Interface().(type) {
	case float32:
		assert.Equal(t, math.Float32bits(w), math.Float32bits(got.Interface().(float32)), key)
	case float64:
		assert.Equal(t, math.Float64bits(w), math.Float64bits(got.Interface().(float64)), key)
	case []float32:
		g := got.Interface().([]float32)
		require.Len(t, g, len(w), key)
		for i := range w {
			assert.Equal(t, math.Float32bits(w[i]), math.Float32bits(g[i]), key)
		}
	case []float64:
		g := got.Interface().([]float64)
		require.Len(t, g, len(w), key)
		for i := range w {
			assert.Equal(t, math.Float64bits(w[i]), math.Float64bits(g[i]), key)
		}
	case []Value:
		g := got.Interface().([]Value)
		require.Len(t, g, len(w), key)
		for i := range w {
			sameValue(t, w[i], g[i], key)
		}
	default:
		assert.Equal(t, want.Interface(), got.Interface(), key)
	}
}

// TestRoundTripMetadata writes every metadata type and reads it back in the
// same order with the same values.
func TestRoundTripMetadata(t *testing.T) {
	kvs := allTypesMetadata(t)
	b := NewBuilder()
	for _, kv := range kvs {
		require.NoError(t, b.Metadata.Set(kv.Key, kv.Value), kv.Key)
	}
	data := encode(t, b)
	f := decode(t, data)

	assert.EqualValues(t, 3, f.Version)
	assert.EqualValues(t, 64, f.Alignment)
	require.Equal(t, len(kvs), f.Metadata.Len())
	for i, kv := range f.Metadata.KVs() {
		require.Equal(t, kvs[i].Key, kv.Key, "order")
		sameValue(t, kvs[i].Value, kv.Value, kv.Key)
	}
	// Re-encoding the parsed file is byte-identical.
	b2 := NewBuilder()
	b2.Metadata = f.Metadata.Clone()
	assert.Equal(t, data, encode(t, b2))
}

// TestMetadataAccessors checks the typed accessors, including their errors.
func TestMetadataAccessors(t *testing.T) {
	b := NewBuilder()
	for _, kv := range allTypesMetadata(t) {
		require.NoError(t, b.Metadata.Set(kv.Key, kv.Value))
	}
	m := decode(t, encode(t, b)).Metadata

	u8, err := m.Uint8("t.u8")
	require.NoError(t, err)
	assert.EqualValues(t, 250, u8)
	i8, err := m.Int8("t.i8")
	require.NoError(t, err)
	assert.EqualValues(t, -120, i8)
	u16, err := m.Uint16("t.u16")
	require.NoError(t, err)
	assert.EqualValues(t, 65000, u16)
	i16, err := m.Int16("t.i16")
	require.NoError(t, err)
	assert.EqualValues(t, -32000, i16)
	u32, err := m.Uint32("t.u32")
	require.NoError(t, err)
	assert.EqualValues(t, 4000000000, u32)
	i32, err := m.Int32("t.i32")
	require.NoError(t, err)
	assert.EqualValues(t, -2000000000, i32)
	u64, err := m.Uint64("t.u64")
	require.NoError(t, err)
	assert.EqualValues(t, uint64(math.MaxUint64), u64)
	i64, err := m.Int64("t.i64")
	require.NoError(t, err)
	assert.EqualValues(t, int64(math.MinInt64), i64)
	f32, err := m.Float32("t.f32")
	require.NoError(t, err)
	assert.Equal(t, float32(math.Pi), f32)
	f64, err := m.Float64("t.f64")
	require.NoError(t, err)
	assert.Equal(t, -math.E, f64)
	bl, err := m.Bool("t.bool.true")
	require.NoError(t, err)
	assert.True(t, bl)
	s, err := m.String("general.architecture")
	require.NoError(t, err)
	assert.Equal(t, "llama", s)
	ss, err := m.Strings("t.arr.str")
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "", "ccc"}, ss)
	fs, err := m.Float32s("t.arr.f32")
	require.NoError(t, err)
	assert.Equal(t, []float32{0.5, -1.25, float32(math.Inf(1))}, fs)
	is, err := m.Int32s("t.arr.i32")
	require.NoError(t, err)
	assert.Equal(t, []int32{-1, 2, -3}, is)
	us, err := m.Uint32s("t.arr.u32")
	require.NoError(t, err)
	assert.Equal(t, []uint32{7, 4294967295}, us)

	// Int accepts every integer width whose value fits in int64.
	for key, want := range map[string]int64{"t.u8": 250, "t.i16": -32000, "t.u32": 4000000000, "t.i64": math.MinInt64} {
		got, err := m.Int(key)
		require.NoError(t, err, key)
		assert.Equal(t, want, got, key)
	}
	_, err = m.Int("t.u64") // MaxUint64 does not fit
	assert.ErrorIs(t, err, ErrWrongType)
	_, err = m.Int("t.f32")
	assert.ErrorIs(t, err, ErrWrongType)

	_, err = m.Uint32("missing")
	assert.ErrorIs(t, err, ErrKeyNotFound)
	_, err = m.Uint32("t.i32")
	assert.ErrorIs(t, err, ErrWrongType)
	_, err = m.Strings("t.str")
	assert.ErrorIs(t, err, ErrWrongType)
	_, err = m.String("t.arr.str")
	assert.ErrorIs(t, err, ErrWrongType)
	_, err = m.Float32s("t.arr.f64")
	assert.ErrorIs(t, err, ErrWrongType)
}

// TestMetadataSetDelete checks that Set replaces in place and Delete keeps
// the order of the remaining keys.
func TestMetadataSetDelete(t *testing.T) {
	var m Metadata
	require.NoError(t, m.Set("a", Uint32(1)))
	require.NoError(t, m.Set("b", Uint32(2)))
	require.NoError(t, m.Set("c", Uint32(3)))
	require.NoError(t, m.Set("a", String("one")))
	assert.Equal(t, []string{"a", "b", "c"}, m.Keys())
	s, err := m.String("a")
	require.NoError(t, err)
	assert.Equal(t, "one", s)

	m.Delete("b")
	m.Delete("nope")
	assert.Equal(t, []string{"a", "c"}, m.Keys())
	c, err := m.Uint32("c")
	require.NoError(t, err)
	assert.EqualValues(t, 3, c)

	clone := m.Clone()
	require.NoError(t, clone.Set("d", Bool(true)))
	assert.False(t, m.Has("d"))
	assert.True(t, clone.Has("d"))
}

// TestBuilderSetValidation checks that Builder.Set infers explicit widths and
// rejects ambiguous or malformed values and keys.
func TestBuilderSetValidation(t *testing.T) {
	tests := []struct {
		name    string
		key     string
		value   any
		wantErr string
		want    ValueType
	}{
		{name: "float32", key: "k", value: float32(1.5), want: ValueFloat32},
		{name: "float64", key: "k", value: 1.5, want: ValueFloat64},
		{name: "uint32", key: "k", value: uint32(7), want: ValueUint32},
		{name: "strings", key: "k", value: []string{"a"}, want: ValueArray},
		{name: "value", key: "k", value: Float32(2), want: ValueFloat32},
		{name: "plain int", key: "k", value: 7, wantErr: "unsupported"},
		{name: "plain uint", key: "k", value: uint(7), wantErr: "unsupported"},
		{name: "[]int", key: "k", value: []int{1}, wantErr: "unsupported"},
		{name: "nil", key: "k", value: nil, wantErr: "unsupported"},
		{name: "zero Value", key: "k", value: Value{}, wantErr: "invalid zero Value"},
		{name: "empty key", key: "", value: uint8(1), wantErr: "empty metadata key"},
		{name: "long key", key: strings.Repeat("k", MaxKeyLen+1), value: uint8(1), wantErr: "exceeds"},
		{name: "nested scalar", key: "k", value: []Value{Uint8(1)}, wantErr: "not an array"},
		{name: "mismatched Value", key: "k", value: Value{typ: ValueUint32, v: "x"}, wantErr: "does not match"},
		{name: "array Value with scalar", key: "k", value: Value{typ: ValueArray, elem: ValueUint8, v: uint8(1)}, wantErr: "does not match"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := NewBuilder()
			err := b.Set(tt.key, tt.value)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			v, ok := b.Metadata.Get(tt.key)
			require.True(t, ok)
			assert.Equal(t, tt.want, v.Type())
		})
	}
}

// TestNestedArrayDepthLimit checks that the writer refuses arrays nested
// deeper than MaxArrayDepth, which the reader would reject.
func TestNestedArrayDepthLimit(t *testing.T) {
	v := Array([]uint8{1})
	for range MaxArrayDepth - 1 {
		var err error
		v, err = NestedArray(v)
		require.NoError(t, err)
	}
	var m Metadata
	require.NoError(t, m.Set("ok", v))
	tooDeep, err := NestedArray(v)
	require.NoError(t, err)
	err = m.Set("deep", tooDeep)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "nested deeper")
}

// q8_0Block encodes one Q8_0 block with scale d (float16 bits) and quants qs.
func q8_0Block(d uint16, qs [32]int8) []byte {
	b := make([]byte, 34)
	binary.LittleEndian.PutUint16(b, d)
	for i, q := range qs {
		b[2+i] = byte(q)
	}
	return b
}

// TestRoundTripTensors writes F32, F16 and raw Q8_0 tensors and reads back
// their descriptions, offsets, raw bytes and dequantised values.
func TestRoundTripTensors(t *testing.T) {
	f32 := []float32{1, -2, 3.5, 0, float32(math.Inf(-1)), 1e-3}
	f16src := []float32{1, 0.1, -65504, 70000, 5.960464477539063e-08, 0}
	var qs [32]int8
	for i := range qs {
		qs[i] = int8(i*8 - 128)
	}
	q8 := append(q8_0Block(0x3800, qs), q8_0Block(0xB400, qs)...) // d = 0.5, -0.25

	b := NewBuilder()
	require.NoError(t, b.Set("general.architecture", "test"))
	require.NoError(t, b.AddF32("a.f32", []int64{3, 2}, f32))
	require.NoError(t, b.AddF16("b.f16", []int64{6}, f16src))
	require.NoError(t, b.AddRaw("c.q8_0", TypeQ8_0, []int64{32, 2, 1}, q8))
	require.NoError(t, b.AddF32("d.scalar", nil, []float32{42}))
	data := encode(t, b)

	f := decode(t, data)
	require.Len(t, f.Tensors, 4)
	assert.EqualValues(t, DefaultAlignment, f.Alignment)
	assert.Zero(t, f.DataOffset%DefaultAlignment)

	want := []struct {
		name   string
		typ    Type
		shape  []int64
		size   int64
		offset uint64
	}{
		{"a.f32", TypeF32, []int64{3, 2}, 24, 0},
		{"b.f16", TypeF16, []int64{6}, 12, 32},
		{"c.q8_0", TypeQ8_0, []int64{32, 2, 1}, 68, 64},
		{"d.scalar", TypeF32, []int64{}, 4, 160},
	}
	for i, w := range want {
		ti := f.Tensors[i]
		assert.Equal(t, w.name, ti.Name)
		assert.Equal(t, w.typ, ti.Type, w.name)
		assert.Equal(t, w.shape, ti.Shape, w.name)
		assert.Equal(t, w.size, ti.Size, w.name)
		assert.Equal(t, w.offset, ti.Offset, w.name)
		got, ok := f.Tensor(w.name)
		require.True(t, ok)
		assert.Equal(t, ti, got)
	}
	assert.Equal(t, [MaxDims]int64{32, 2, 1, 1}, f.Tensors[2].Ne())
	// ggml pads the last tensor too.
	assert.EqualValues(t, f.DataOffset+192, len(data))

	got, err := f.TensorFloat32("a.f32")
	require.NoError(t, err)
	assert.Equal(t, f32, got)

	got, err = f.TensorFloat32("b.f16")
	require.NoError(t, err)
	assert.Equal(t, []float32{1, 0.0999755859375, -65504, float32(math.Inf(1)), 5.960464477539063e-08, 0}, got)

	raw, err := f.TensorData("c.q8_0")
	require.NoError(t, err)
	assert.Equal(t, q8, raw)
	got, err = f.TensorFloat32("c.q8_0")
	require.NoError(t, err)
	for i := range 32 {
		assert.Equal(t, float32(qs[i])*0.5, got[i])
		assert.Equal(t, float32(qs[i])*-0.25, got[32+i])
	}

	got, err = f.TensorFloat32("d.scalar")
	require.NoError(t, err)
	assert.Equal(t, []float32{42}, got)

	_, err = f.TensorData("nope")
	assert.Error(t, err)
	_, err = f.TensorFloat32("nope")
	assert.Error(t, err)
	_, ok := f.Tensor("nope")
	assert.False(t, ok)
	assert.NoError(t, f.Close())
}

// TestBuilderAlignment checks that general.alignment sets the alignment of
// the data section and every tensor, and that bad alignments are refused.
func TestBuilderAlignment(t *testing.T) {
	for _, align := range []uint32{1, 8, 32, 256, 4096} {
		b := NewBuilder()
		require.NoError(t, b.Set(KeyAlignment, align))
		require.NoError(t, b.AddF32("x", []int64{3}, []float32{1, 2, 3}))
		require.NoError(t, b.AddF32("y", []int64{1}, []float32{4}))
		data := encode(t, b)
		f := decode(t, data)
		assert.EqualValues(t, align, f.Alignment)
		assert.Zero(t, f.DataOffset%int64(align))
		assert.EqualValues(t, alignUp(12, int64(align)), f.Tensors[1].Offset)
		assert.EqualValues(t, f.DataOffset+alignUp(12, int64(align))+alignUp(4, int64(align)), len(data))
		y, err := f.TensorFloat32("y")
		require.NoError(t, err)
		assert.Equal(t, []float32{4}, y)
	}
	for _, bad := range []any{uint32(0), uint32(48), uint64(32), int32(32)} {
		b := NewBuilder()
		require.NoError(t, b.Set(KeyAlignment, bad))
		_, err := b.WriteTo(&bytes.Buffer{})
		assert.Error(t, err, "%T %v", bad, bad)
	}
}

// TestBuilderTensorValidation checks that malformed tensors are refused when
// added.
func TestBuilderTensorValidation(t *testing.T) {
	b := NewBuilder()
	require.NoError(t, b.AddF32("x", []int64{2}, []float32{1, 2}))
	tests := []struct {
		name string
		add  func() error
		want string
	}{
		{"duplicate", func() error { return b.AddF32("x", []int64{1}, []float32{1}) }, "duplicate"},
		{"name of 64 bytes", func() error { return b.AddF32(strings.Repeat("n", 64), []int64{1}, []float32{1}) }, "must be under 64"},
		{"count mismatch", func() error { return b.AddF32("y", []int64{3}, []float32{1}) }, "3 elements"},
		{"f16 count mismatch", func() error { return b.AddF16("y", []int64{2, 2}, []float32{1}) }, "4 elements"},
		{"five dims", func() error { return b.AddF32("y", []int64{1, 1, 1, 1, 1}, []float32{1}) }, "at most 4"},
		{"negative dim", func() error { return b.AddF32("y", []int64{-1}, nil) }, "negative"},
		{"raw size", func() error { return b.AddRaw("y", TypeQ8_0, []int64{32}, make([]byte, 33)) }, "takes 34"},
		{"raw block multiple", func() error { return b.AddRaw("y", TypeQ8_0, []int64{16}, make([]byte, 17)) }, "block size"},
		{"invalid type", func() error { return b.AddRaw("y", Type(4), []int64{1}, make([]byte, 1)) }, "invalid"},
		{"nil func", func() error { return b.AddFunc("y", TypeF32, []int64{1}, nil) }, "nil"},
		{"overflow", func() error { return b.AddRaw("y", TypeF32, []int64{1 << 40, 1 << 30}, nil) }, "overflows"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.add()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	// The largest valid name is 63 bytes.
	require.NoError(t, b.AddF32(strings.Repeat("n", 63), []int64{1}, []float32{1}))
}

// TestBuilderFuncErrors checks that a lazy tensor's error or wrong size fails
// the write.
func TestBuilderFuncErrors(t *testing.T) {
	b := NewBuilder()
	require.NoError(t, b.AddFunc("x", TypeF32, []int64{2}, func() ([]byte, error) { return make([]byte, 4), nil }))
	_, err := b.WriteTo(&bytes.Buffer{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "returned 4 bytes, want 8")

	b = NewBuilder()
	require.NoError(t, b.AddFunc("x", TypeF32, []int64{2}, func() ([]byte, error) { return nil, assert.AnError }))
	_, err = b.WriteTo(&bytes.Buffer{})
	assert.ErrorIs(t, err, assert.AnError)
}

// TestBuilderWriteFile writes to disk and opens the result with Open.
func TestBuilderWriteFile(t *testing.T) {
	path := t.TempDir() + "/x.gguf"
	b := NewBuilder()
	require.NoError(t, b.Set("general.name", "file"))
	require.NoError(t, b.AddF16("w", []int64{2, 2}, []float32{1, 2, 3, 4}))
	require.NoError(t, b.WriteFile(path))

	f, err := Open(path)
	require.NoError(t, err)
	defer f.Close()
	name, err := f.Metadata.String("general.name")
	require.NoError(t, err)
	assert.Equal(t, "file", name)
	w, err := f.TensorFloat32("w")
	require.NoError(t, err)
	assert.Equal(t, []float32{1, 2, 3, 4}, w)
	require.NoError(t, f.Close())
	require.NoError(t, f.Close()) // idempotent

	_, err = Open(t.TempDir() + "/missing.gguf")
	assert.Error(t, err)
}

// TestWriteF32Copy copies a small mixed-type file and checks the copy's
// metadata, types and values.
func TestWriteF32Copy(t *testing.T) {
	var qs [32]int8
	for i := range qs {
		qs[i] = int8(3*i - 50)
	}
	q8 := q8_0Block(0x3400, qs) // d = 0.25
	b := NewBuilder()
	require.NoError(t, b.Set("general.architecture", "llama"))
	require.NoError(t, b.Set("general.file_type", uint32(7)))
	require.NoError(t, b.AddRaw("q", TypeQ8_0, []int64{32}, q8))
	require.NoError(t, b.AddF16("h", []int64{2}, []float32{0.5, -3}))
	require.NoError(t, b.AddF32("f", []int64{1}, []float32{9}))
	require.NoError(t, b.AddRaw("kept", TypeQ8_0, []int64{32}, q8))
	src := decode(t, encode(t, b))

	var out bytes.Buffer
	n, err := WriteF32Copy(src, &out, func(name string) bool { return name == "kept" })
	require.NoError(t, err)
	assert.EqualValues(t, out.Len(), n)

	dst := decode(t, out.Bytes())
	assert.Equal(t, src.Metadata.Keys(), dst.Metadata.Keys())
	types := map[string]Type{}
	for _, ti := range dst.Tensors {
		types[ti.Name] = ti.Type
	}
	assert.Equal(t, map[string]Type{"q": TypeF32, "h": TypeF32, "f": TypeF32, "kept": TypeQ8_0}, types)
	for _, name := range []string{"q", "h", "f", "kept"} {
		want, err := src.TensorFloat32(name)
		require.NoError(t, err)
		got, err := dst.TensorFloat32(name)
		require.NoError(t, err)
		assert.Equal(t, want, got, name)
	}
	raw, err := dst.TensorData("kept")
	require.NoError(t, err)
	assert.Equal(t, q8, raw)
}

// TestConvertToF32 converts a small file on disk, and checks that a failed
// conversion leaves no output behind.
func TestConvertToF32(t *testing.T) {
	dir := t.TempDir()
	b := NewBuilder()
	require.NoError(t, b.Set("general.architecture", "llama"))
	require.NoError(t, b.AddF16("h", []int64{3}, []float32{1, 0.5, -4}))
	require.NoError(t, b.WriteFile(dir+"/src.gguf"))

	require.NoError(t, ConvertToF32(dir+"/src.gguf", dir+"/dst.gguf", nil))
	f, err := Open(dir + "/dst.gguf")
	require.NoError(t, err)
	defer f.Close()
	ti, ok := f.Tensor("h")
	require.True(t, ok)
	assert.Equal(t, TypeF32, ti.Type)
	h, err := f.TensorFloat32("h")
	require.NoError(t, err)
	assert.Equal(t, []float32{1, 0.5, -4}, h)

	assert.Error(t, ConvertToF32(dir+"/missing.gguf", dir+"/out.gguf", nil))
	assert.NoFileExists(t, dir+"/out.gguf")

	// A tensor type that cannot be dequantised fails the conversion.
	b = NewBuilder()
	require.NoError(t, b.AddRaw("iq", TypeIQ2_XXS, []int64{256}, make([]byte, 66)))
	require.NoError(t, b.WriteFile(dir+"/iq.gguf"))
	err = ConvertToF32(dir+"/iq.gguf", dir+"/iq_f32.gguf", nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not supported")
	assert.NoFileExists(t, dir+"/iq_f32.gguf")
	// ... unless keep passes it through.
	require.NoError(t, ConvertToF32(dir+"/iq.gguf", dir+"/iq_f32.gguf", func(string) bool { return true }))
}

package gguf

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
)

// Builder assembles a GGUF v3 file: ordered metadata and tensors, written
// with the layout of ggml's gguf_write_to_file (header, kv pairs, tensor
// infos, padding to the alignment, then each tensor's data padded to the
// alignment). The alignment is general.alignment when set (it must be a u32
// power of two), otherwise 32. The zero Builder is ready to use.
type Builder struct {
	// Metadata is written in order. Set values through Builder.Set or
	// Metadata.Set, which validate them.
	Metadata Metadata

	tensors []builderTensor
	names   map[string]struct{}
}

// builderTensor is a tensor queued for writing: its bytes, or a function
// that produces them at write time.
type builderTensor struct {
	info TensorInfo
	data []byte
	fn   func() ([]byte, error)
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder { return &Builder{} }

// Set sets a metadata key (in place if it exists, else appended). v is a
// Value or a Go value accepted by [NewValue]: a sized scalar (uint8 ...
// float64, bool, string) or a slice of one. Plain int and uint are rejected
// so that every width is explicit; write gguf.Float32(x) or float32(x) for
// an f32.
func (b *Builder) Set(key string, v any) error {
	val, err := NewValue(v)
	if err != nil {
		return fmt.Errorf("gguf: metadata key %q: %w", key, err)
	}
	return b.Metadata.Set(key, val)
}

// AddF32 adds a float32 tensor; shape is in ggml order (shape[0] contiguous)
// and len(data) must equal its element count. The data is copied.
func (b *Builder) AddF32(name string, shape []int64, data []float32) error {
	info, err := b.newInfo(name, TypeF32, shape)
	if err != nil {
		return err
	}
	if int64(len(data)) != info.Elements {
		return fmt.Errorf("gguf: tensor %q: %d values for shape %v (%d elements)", name, len(data), shape, info.Elements)
	}
	b.add(info, float32Bytes(data), nil)
	return nil
}

// AddF16 adds a tensor stored as float16, converting data with
// [Float32ToFloat16] (ggml_fp32_to_fp16: round to nearest even).
func (b *Builder) AddF16(name string, shape []int64, data []float32) error {
	info, err := b.newInfo(name, TypeF16, shape)
	if err != nil {
		return err
	}
	if int64(len(data)) != info.Elements {
		return fmt.Errorf("gguf: tensor %q: %d values for shape %v (%d elements)", name, len(data), shape, info.Elements)
	}
	raw := make([]byte, 2*len(data))
	for i, v := range data {
		binary.LittleEndian.PutUint16(raw[2*i:], Float32ToFloat16(v))
	}
	b.add(info, raw, nil)
	return nil
}

// AddRaw adds a tensor of any valid type from its already-encoded bytes
// (for example quantised blocks copied from another file); len(data) must
// be the encoded size of shape. The data is not copied: do not modify it
// before writing.
func (b *Builder) AddRaw(name string, typ Type, shape []int64, data []byte) error {
	info, err := b.newInfo(name, typ, shape)
	if err != nil {
		return err
	}
	if int64(len(data)) != info.Size {
		return fmt.Errorf("gguf: tensor %q: %d bytes, shape %v of %s takes %d", name, len(data), shape, typ, info.Size)
	}
	b.add(info, data, nil)
	return nil
}

// AddFunc adds a tensor whose encoded bytes are produced by data when the
// file is written, so that large models can be copied without holding every
// tensor in memory. data must return exactly the encoded size of shape.
func (b *Builder) AddFunc(name string, typ Type, shape []int64, data func() ([]byte, error)) error {
	if data == nil {
		return fmt.Errorf("gguf: tensor %q: nil data function", name)
	}
	info, err := b.newInfo(name, typ, shape)
	if err != nil {
		return err
	}
	b.add(info, nil, data)
	return nil
}

// newInfo validates a tensor's name, type and shape.
func (b *Builder) newInfo(name string, typ Type, shape []int64) (TensorInfo, error) {
	if len(name) >= MaxNameLen {
		return TensorInfo{}, fmt.Errorf("gguf: tensor name %q is %d bytes, must be under %d", name, len(name), MaxNameLen)
	}
	if _, dup := b.names[name]; dup {
		return TensorInfo{}, fmt.Errorf("gguf: duplicate tensor name %q", name)
	}
	elems, size, err := tensorSize(typ, shape)
	if err != nil {
		return TensorInfo{}, fmt.Errorf("gguf: tensor %q: %w", name, err)
	}
	return TensorInfo{
		Name:     name,
		Shape:    append([]int64(nil), shape...),
		Type:     typ,
		Size:     size,
		Elements: elems,
	}, nil
}

// add queues a validated tensor.
func (b *Builder) add(info TensorInfo, data []byte, fn func() ([]byte, error)) {
	if b.names == nil {
		b.names = make(map[string]struct{})
	}
	b.names[info.Name] = struct{}{}
	b.tensors = append(b.tensors, builderTensor{info: info, data: data, fn: fn})
}

// alignment returns the data alignment the metadata asks for.
func (b *Builder) alignment() (int64, error) {
	v, ok := b.Metadata.Get(KeyAlignment)
	if !ok {
		return DefaultAlignment, nil
	}
	a, isU32 := v.v.(uint32)
	if v.typ != ValueUint32 || !isU32 {
		return 0, fmt.Errorf("gguf: %s is %s, must be u32", KeyAlignment, describe(v))
	}
	if a == 0 || a&(a-1) != 0 {
		return 0, fmt.Errorf("gguf: %s %d is not a power of two", KeyAlignment, a)
	}
	return int64(a), nil
}

// Tensors returns the queued tensors' descriptions with the offsets they
// will be written at.
func (b *Builder) Tensors() ([]TensorInfo, error) {
	align, err := b.alignment()
	if err != nil {
		return nil, err
	}
	infos := make([]TensorInfo, len(b.tensors))
	var off int64
	for i, t := range b.tensors {
		infos[i] = t.info
		infos[i].Shape = append([]int64(nil), t.info.Shape...)
		infos[i].Offset = uint64(off)
		padded := alignUp(t.info.Size, align)
		if padded < 0 || off > math.MaxInt64-padded {
			return nil, errors.New("gguf: data section size overflows")
		}
		off += padded
	}
	return infos, nil
}

// WriteFile writes the file to path (created or truncated).
func (b *Builder) WriteFile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("gguf: %w", err)
	}
	if _, err := b.WriteTo(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("gguf: %w", err)
	}
	return nil
}

// WriteTo writes the GGUF v3 file to w and returns the number of bytes
// written. It validates the metadata first and fails before writing
// anything if a value is malformed.
func (b *Builder) WriteTo(w io.Writer) (int64, error) {
	for _, kv := range b.Metadata.kvs {
		if err := validateKey(kv.Key); err != nil {
			return 0, err
		}
		if err := validateValue(kv.Value, 0); err != nil {
			return 0, fmt.Errorf("gguf: metadata key %q: %w", kv.Key, err)
		}
	}
	align, err := b.alignment()
	if err != nil {
		return 0, err
	}
	infos, err := b.Tensors()
	if err != nil {
		return 0, err
	}

	cw := &countingWriter{w: w}
	bw := bufio.NewWriterSize(cw, 1<<20)
	e := &encoder{w: bw}

	e.bytes([]byte(Magic))
	e.u32(Version)
	e.u64(uint64(len(b.tensors)))
	e.u64(uint64(b.Metadata.Len()))
	for _, kv := range b.Metadata.kvs {
		e.str(kv.Key)
		e.u32(uint32(kv.Value.typ))
		e.value(kv.Value)
	}
	for _, t := range infos {
		e.str(t.Name)
		e.u32(uint32(len(t.Shape)))
		for _, n := range t.Shape {
			e.u64(uint64(n))
		}
		e.u32(uint32(t.Type))
		e.u64(t.Offset)
	}
	e.pad(align)
	for i, t := range b.tensors {
		if e.err != nil {
			break
		}
		data := t.data
		if t.fn != nil {
			data, err = t.fn()
			if err != nil {
				return cw.n, fmt.Errorf("gguf: producing tensor %q: %w", t.info.Name, err)
			}
			if int64(len(data)) != t.info.Size {
				return cw.n, fmt.Errorf("gguf: tensor %q: data function returned %d bytes, want %d", t.info.Name, len(data), t.info.Size)
			}
		}
		if got, want := e.n-e.dataOff, int64(infos[i].Offset); got != want {
			return cw.n, fmt.Errorf("gguf: internal error: tensor %q at data offset %d, want %d", t.info.Name, got, want)
		}
		e.bytes(data)
		e.pad(align)
	}
	if e.err == nil {
		e.err = bw.Flush()
	}
	if e.err != nil {
		return cw.n, fmt.Errorf("gguf: writing: %w", e.err)
	}
	return cw.n, nil
}

// countingWriter counts the bytes that reach w.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// encoder writes little-endian GGUF primitives, remembering the first error
// and the number of bytes produced.
type encoder struct {
	w       io.Writer
	n       int64
	err     error
	buf     [8]byte
	dataOff int64 // position of the data section, set by the first pad
	started bool
}

func (e *encoder) bytes(b []byte) {
	if e.err != nil {
		return
	}
	n, err := e.w.Write(b)
	e.n += int64(n)
	e.err = err
}

func (e *encoder) u8(v uint8) {
	e.buf[0] = v
	e.bytes(e.buf[:1])
}

func (e *encoder) u16(v uint16) {
	binary.LittleEndian.PutUint16(e.buf[:2], v)
	e.bytes(e.buf[:2])
}

func (e *encoder) u32(v uint32) {
	binary.LittleEndian.PutUint32(e.buf[:4], v)
	e.bytes(e.buf[:4])
}

func (e *encoder) u64(v uint64) {
	binary.LittleEndian.PutUint64(e.buf[:8], v)
	e.bytes(e.buf[:8])
}

func (e *encoder) str(s string) {
	e.u64(uint64(len(s)))
	if e.err == nil {
		n, err := io.WriteString(e.w, s)
		e.n += int64(n)
		e.err = err
	}
}

// pad writes zero bytes up to a multiple of align. The first call marks the
// start of the data section.
func (e *encoder) pad(align int64) {
	var zeros [256]byte
	for rest := alignUp(e.n, align) - e.n; rest > 0 && e.err == nil; {
		k := min(rest, int64(len(zeros)))
		e.bytes(zeros[:k])
		rest -= k
	}
	if !e.started {
		e.started = true
		e.dataOff = e.n
	}
}

// value writes the payload of v (its type id has already been written).
func (e *encoder) value(v Value) {
	if v.typ == ValueArray {
		e.u32(uint32(v.elem))
		e.u64(uint64(v.Len()))
	}
	switch x := v.v.(type) {
	case uint8:
		e.u8(x)
	case int8:
		e.u8(uint8(x))
	case uint16:
		e.u16(x)
	case int16:
		e.u16(uint16(x))
	case uint32:
		e.u32(x)
	case int32:
		e.u32(uint32(x))
	case float32:
		e.u32(math.Float32bits(x))
	case bool:
		e.u8(boolByte(x))
	case string:
		e.str(x)
	case uint64:
		e.u64(x)
	case int64:
		e.u64(uint64(x))
	case float64:
		e.u64(math.Float64bits(x))
	case []uint8:
		e.bytes(x)
	case []int8:
		for _, y := range x {
			e.u8(uint8(y))
		}
	case []uint16:
		for _, y := range x {
			e.u16(y)
		}
	case []int16:
		for _, y := range x {
			e.u16(uint16(y))
		}
	case []uint32:
		for _, y := range x {
			e.u32(y)
		}
	case []int32:
		for _, y := range x {
			e.u32(uint32(y))
		}
	case []float32:
		for _, y := range x {
			e.u32(math.Float32bits(y))
		}
	case []bool:
		for _, y := range x {
			e.u8(boolByte(y))
		}
	case []string:
		for _, y := range x {
			e.str(y)
		}
	case []uint64:
		for _, y := range x {
			e.u64(y)
		}
	case []int64:
		for _, y := range x {
			e.u64(uint64(y))
		}
	case []float64:
		for _, y := range x {
			e.u64(math.Float64bits(y))
		}
	case []Value:
		for _, y := range x {
			e.value(y)
		}
	}
}

// boolByte encodes a bool as GGUF does (0 or 1).
func boolByte(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

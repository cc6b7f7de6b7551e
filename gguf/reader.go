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

// Format constants.
const (
	// Magic is the four bytes every GGUF file starts with.
	Magic = "GGUF"
	// Version is the GGUF version the writer produces. The reader also
	// accepts version 2, whose layout is identical.
	Version = 3
	// DefaultAlignment is the data alignment when general.alignment is absent.
	DefaultAlignment = 32
	// KeyAlignment is the metadata key that sets the data alignment (u32).
	KeyAlignment = "general.alignment"
	// MaxDims is the largest number of tensor dimensions (GGML_MAX_DIMS).
	MaxDims = 4
	// MaxNameLen is GGML_MAX_NAME: tensor names must be shorter than this
	// many bytes.
	MaxNameLen = 64
)

// TensorInfo describes one tensor of a file.
type TensorInfo struct {
	// Name is the tensor's name, shorter than MaxNameLen bytes.
	Name string
	// Shape holds ne[0..n_dims) in ggml order: Shape[0] is the contiguous
	// (innermost) dimension. It has at most MaxDims entries.
	Shape []int64
	// Type is the ggml type of the data.
	Type Type
	// Offset is the position of the data relative to the start of the data
	// section (a multiple of the alignment).
	Offset uint64
	// Size is the number of data bytes.
	Size int64
	// Elements is the number of elements (the product of Shape).
	Elements int64
}

// Ne returns the shape padded to MaxDims with ones, like ggml_tensor.ne.
func (t TensorInfo) Ne() [MaxDims]int64 {
	ne := [MaxDims]int64{1, 1, 1, 1}
	copy(ne[:], t.Shape)
	return ne
}

// File is a parsed GGUF file. Metadata and tensor descriptions are in memory;
// tensor data is read on demand from the underlying io.ReaderAt.
type File struct {
	// Version is the file's GGUF version (2 or 3).
	Version uint32
	// Metadata holds the key/value pairs in file order.
	Metadata Metadata
	// Tensors describes the tensors in file order.
	Tensors []TensorInfo
	// Alignment is the data alignment (general.alignment or 32).
	Alignment int64
	// DataOffset is the absolute file position of the data section.
	DataOffset int64
	// Size is the size of the file in bytes.
	Size int64

	r      io.ReaderAt
	closer io.Closer
	byName map[string]int
}

// Open opens and parses the GGUF file at path. The file stays open for
// lazy tensor reads until Close.
func Open(path string) (*File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("gguf: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("gguf: %w", err)
	}
	gf, err := Read(f, st.Size())
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%w (file %s)", err, path)
	}
	gf.closer = f
	return gf, nil
}

// Close closes the underlying file if the File came from Open; it is a no-op
// for one that came from Read.
func (f *File) Close() error {
	if f.closer == nil {
		return nil
	}
	err := f.closer.Close()
	f.closer = nil
	return err
}

// Tensor returns the description of the named tensor.
func (f *File) Tensor(name string) (TensorInfo, bool) {
	i, ok := f.byName[name]
	if !ok {
		return TensorInfo{}, false
	}
	return f.Tensors[i], true
}

// TensorSection returns a reader over the named tensor's data bytes.
func (f *File) TensorSection(name string) (*io.SectionReader, TensorInfo, error) {
	t, ok := f.Tensor(name)
	if !ok {
		return nil, TensorInfo{}, fmt.Errorf("gguf: no tensor %q", name)
	}
	return io.NewSectionReader(f.r, f.DataOffset+int64(t.Offset), t.Size), t, nil
}

// TensorData reads the named tensor's raw bytes (encoded in its Type).
func (f *File) TensorData(name string) ([]byte, error) {
	sr, t, err := f.TensorSection(name)
	if err != nil {
		return nil, err
	}
	buf := make([]byte, t.Size)
	if _, err := io.ReadFull(sr, buf); err != nil {
		return nil, fmt.Errorf("gguf: reading tensor %q: %w", name, err)
	}
	return buf, nil
}

// TensorFloat32 reads the named tensor and dequantises it to float32, in
// ggml element order (ne[0] fastest).
func (f *File) TensorFloat32(name string) ([]float32, error) {
	t, ok := f.Tensor(name)
	if !ok {
		return nil, fmt.Errorf("gguf: no tensor %q", name)
	}
	if !CanDequantize(t.Type) {
		return nil, fmt.Errorf("gguf: tensor %q: dequantising %s is not supported", name, t.Type)
	}
	data, err := f.TensorData(name)
	if err != nil {
		return nil, err
	}
	if t.Elements > math.MaxInt {
		return nil, fmt.Errorf("gguf: tensor %q: %d elements do not fit in memory", name, t.Elements)
	}
	out, err := Dequantize(t.Type, data, int(t.Elements))
	if err != nil {
		return nil, fmt.Errorf("gguf: tensor %q: %w", name, err)
	}
	return out, nil
}

// Read parses a GGUF file of size bytes from r. Tensor data is read lazily
// from r, which must stay usable while the File is.
func Read(r io.ReaderAt, size int64) (*File, error) {
	if size < 0 {
		return nil, errors.New("gguf: negative file size")
	}
	p := &parser{
		br:   bufio.NewReaderSize(io.NewSectionReader(r, 0, size), 1<<16),
		size: size,
	}
	f, err := p.parse()
	if err != nil {
		return nil, fmt.Errorf("gguf: %w (at byte %d)", err, p.pos)
	}
	f.r = r
	return f, nil
}

// parser reads the header sequentially, tracking the position so that every
// length can be checked against the bytes that remain.
type parser struct {
	br   *bufio.Reader
	pos  int64
	size int64
	buf  [8]byte
}

// remaining returns the number of unread bytes.
func (p *parser) remaining() int64 { return p.size - p.pos }

// read fills b completely.
func (p *parser) read(b []byte) error {
	if int64(len(b)) > p.remaining() {
		return io.ErrUnexpectedEOF
	}
	n, err := io.ReadFull(p.br, b)
	p.pos += int64(n)
	if err != nil {
		if errors.Is(err, io.EOF) {
			return io.ErrUnexpectedEOF
		}
		return err
	}
	return nil
}

func (p *parser) u8() (uint8, error) {
	err := p.read(p.buf[:1])
	return p.buf[0], err
}

func (p *parser) u16() (uint16, error) {
	err := p.read(p.buf[:2])
	return binary.LittleEndian.Uint16(p.buf[:2]), err
}

func (p *parser) u32() (uint32, error) {
	err := p.read(p.buf[:4])
	return binary.LittleEndian.Uint32(p.buf[:4]), err
}

func (p *parser) u64() (uint64, error) {
	err := p.read(p.buf[:8])
	return binary.LittleEndian.Uint64(p.buf[:8]), err
}

// str reads a length-prefixed string of at most limit bytes.
func (p *parser) str(limit int64, what string) (string, error) {
	n, err := p.u64()
	if err != nil {
		return "", fmt.Errorf("%s length: %w", what, err)
	}
	if n > uint64(limit) {
		return "", fmt.Errorf("%s length %d exceeds the limit of %d", what, n, limit)
	}
	if int64(n) > p.remaining() {
		return "", fmt.Errorf("%s length %d exceeds the %d bytes left", what, n, p.remaining())
	}
	b := make([]byte, n)
	if err := p.read(b); err != nil {
		return "", fmt.Errorf("%s: %w", what, err)
	}
	return string(b), nil
}

// parse reads everything up to the data section.
func (p *parser) parse() (*File, error) {
	var magic [4]byte
	if err := p.read(magic[:]); err != nil {
		return nil, fmt.Errorf("reading magic: %w", err)
	}
	if string(magic[:]) != Magic {
		return nil, fmt.Errorf("bad magic %q, want %q", magic[:], Magic)
	}
	version, err := p.u32()
	if err != nil {
		return nil, fmt.Errorf("reading version: %w", err)
	}
	if version != 2 && version != 3 {
		if version&0xFFFF == 0 {
			return nil, fmt.Errorf("unsupported version %#x (big-endian file?)", version)
		}
		return nil, fmt.Errorf("unsupported version %d (2 and 3 are supported)", version)
	}
	nTensors, err := p.u64()
	if err != nil {
		return nil, fmt.Errorf("reading tensor count: %w", err)
	}
	nKV, err := p.u64()
	if err != nil {
		return nil, fmt.Errorf("reading kv count: %w", err)
	}
	// The smallest kv pair is a 1-byte key, a type and a 1-byte value (13
	// bytes); the smallest tensor info is an empty name, n_dims, type and
	// offset (24 bytes).
	const minKV, minTensor = 8 + 1 + 4 + 1, 8 + 4 + 4 + 8
	if nKV > uint64(p.remaining()/minKV) {
		return nil, fmt.Errorf("kv count %d cannot fit in the %d bytes left", nKV, p.remaining())
	}
	if nTensors > uint64(p.remaining()/minTensor) {
		return nil, fmt.Errorf("tensor count %d cannot fit in the %d bytes left", nTensors, p.remaining())
	}

	// Counts are only capacity hints up to a modest size, so that a header
	// claiming many entries costs nothing until the entries are really read.
	const maxHint = 4096
	f := &File{Version: version, Size: p.size}
	f.Metadata.index = make(map[string]int, min(nKV, maxHint))
	f.Metadata.kvs = make([]KV, 0, min(nKV, maxHint))
	for i := uint64(0); i < nKV; i++ {
		key, err := p.str(MaxKeyLen, "key")
		if err != nil {
			return nil, fmt.Errorf("kv %d: %w", i, err)
		}
		if key == "" {
			return nil, fmt.Errorf("kv %d: empty key", i)
		}
		if f.Metadata.Has(key) {
			return nil, fmt.Errorf("kv %d: duplicate key %q", i, key)
		}
		typ, err := p.u32()
		if err != nil {
			return nil, fmt.Errorf("kv %q: reading type: %w", key, err)
		}
		v, err := p.value(ValueType(typ), 0)
		if err != nil {
			return nil, fmt.Errorf("kv %q: %w", key, err)
		}
		f.Metadata.set(key, v)
	}

	f.Alignment = DefaultAlignment
	if v, ok := f.Metadata.Get(KeyAlignment); ok {
		a, ok := v.v.(uint32)
		if !ok || v.typ != ValueUint32 {
			return nil, fmt.Errorf("%s is %s, want u32", KeyAlignment, describe(v))
		}
		if a == 0 || a&(a-1) != 0 {
			return nil, fmt.Errorf("%s %d is not a power of two", KeyAlignment, a)
		}
		f.Alignment = int64(a)
	}

	f.byName = make(map[string]int, min(nTensors, maxHint))
	f.Tensors = make([]TensorInfo, 0, min(nTensors, maxHint))
	for i := uint64(0); i < nTensors; i++ {
		t, err := p.tensorInfo()
		if err != nil {
			return nil, fmt.Errorf("tensor %d: %w", i, err)
		}
		if _, dup := f.byName[t.Name]; dup {
			return nil, fmt.Errorf("tensor %d: duplicate name %q", i, t.Name)
		}
		if t.Offset%uint64(f.Alignment) != 0 {
			return nil, fmt.Errorf("tensor %q: offset %d is not a multiple of the alignment %d", t.Name, t.Offset, f.Alignment)
		}
		f.byName[t.Name] = len(f.Tensors)
		f.Tensors = append(f.Tensors, t)
	}

	f.DataOffset = alignUp(p.pos, f.Alignment)
	if len(f.Tensors) > 0 && f.DataOffset > p.size {
		return nil, fmt.Errorf("data section at %d starts beyond the end of the file (%d bytes)", f.DataOffset, p.size)
	}
	// Like ggml, require the tensors to be laid out in order, each at the
	// aligned end of the previous one; this also rules out overlaps.
	dataSize := p.size - f.DataOffset
	var next uint64
	for _, t := range f.Tensors {
		if t.Offset != next {
			return nil, fmt.Errorf("tensor %q: offset %d, expected %d (tensors must be stored in order, each aligned)", t.Name, t.Offset, next)
		}
		if t.Offset > uint64(dataSize) || uint64(t.Size) > uint64(dataSize)-t.Offset {
			return nil, fmt.Errorf("tensor %q: data [%d, +%d) exceeds the %d-byte data section", t.Name, t.Offset, t.Size, dataSize)
		}
		next = t.Offset + uint64(alignUp(t.Size, f.Alignment))
	}
	return f, nil
}

// alignUp rounds n up to a multiple of the power of two a.
func alignUp(n, a int64) int64 {
	return (n + a - 1) &^ (a - 1)
}

// tensorInfo reads one tensor description and checks its shape and type.
func (p *parser) tensorInfo() (TensorInfo, error) {
	name, err := p.str(MaxNameLen-1, "name")
	if err != nil {
		return TensorInfo{}, err
	}
	nDims, err := p.u32()
	if err != nil {
		return TensorInfo{}, fmt.Errorf("%q: reading n_dims: %w", name, err)
	}
	if nDims > MaxDims {
		return TensorInfo{}, fmt.Errorf("%q: %d dimensions, at most %d allowed", name, nDims, MaxDims)
	}
	shape := make([]int64, nDims)
	for j := range shape {
		n, err := p.u64()
		if err != nil {
			return TensorInfo{}, fmt.Errorf("%q: reading ne[%d]: %w", name, j, err)
		}
		if n > math.MaxInt64 {
			return TensorInfo{}, fmt.Errorf("%q: ne[%d] = %d is negative", name, j, int64(n))
		}
		shape[j] = int64(n)
	}
	typ, err := p.u32()
	if err != nil {
		return TensorInfo{}, fmt.Errorf("%q: reading type: %w", name, err)
	}
	t := Type(typ)
	if !t.Valid() {
		return TensorInfo{}, fmt.Errorf("%q: invalid ggml type %d", name, typ)
	}
	elems, size, err := tensorSize(t, shape)
	if err != nil {
		return TensorInfo{}, fmt.Errorf("%q: %w", name, err)
	}
	off, err := p.u64()
	if err != nil {
		return TensorInfo{}, fmt.Errorf("%q: reading offset: %w", name, err)
	}
	return TensorInfo{Name: name, Shape: shape, Type: t, Offset: off, Size: size, Elements: elems}, nil
}

// value reads a value of type typ; depth counts the enclosing arrays.
func (p *parser) value(typ ValueType, depth int) (Value, error) {
	switch typ {
	case ValueUint8:
		x, err := p.u8()
		return Uint8(x), err
	case ValueInt8:
		x, err := p.u8()
		return Int8(int8(x)), err
	case ValueUint16:
		x, err := p.u16()
		return Uint16(x), err
	case ValueInt16:
		x, err := p.u16()
		return Int16(int16(x)), err
	case ValueUint32:
		x, err := p.u32()
		return Uint32(x), err
	case ValueInt32:
		x, err := p.u32()
		return Int32(int32(x)), err
	case ValueFloat32:
		x, err := p.u32()
		return Float32(math.Float32frombits(x)), err
	case ValueBool:
		x, err := p.u8()
		return Bool(x != 0), err
	case ValueString:
		s, err := p.str(MaxStringLen, "string")
		return String(s), err
	case ValueUint64:
		x, err := p.u64()
		return Uint64(x), err
	case ValueInt64:
		x, err := p.u64()
		return Int64(int64(x)), err
	case ValueFloat64:
		x, err := p.u64()
		return Float64(math.Float64frombits(x)), err
	case ValueArray:
		return p.array(depth + 1)
	default:
		return Value{}, fmt.Errorf("invalid value type %d", uint32(typ))
	}
}

// array reads an array's element type, length and elements; depth is the
// nesting depth of this array (1 for a top-level array).
func (p *parser) array(depth int) (Value, error) {
	if depth > MaxArrayDepth {
		return Value{}, fmt.Errorf("arrays nested deeper than %d", MaxArrayDepth)
	}
	et, err := p.u32()
	if err != nil {
		return Value{}, fmt.Errorf("reading array type: %w", err)
	}
	elem := ValueType(et)
	if !elem.Valid() {
		return Value{}, fmt.Errorf("invalid array element type %d", et)
	}
	n, err := p.u64()
	if err != nil {
		return Value{}, fmt.Errorf("reading array length: %w", err)
	}
	// Every element takes at least minSize bytes of the file, which bounds
	// the allocation by the file size.
	minSize := int64(valueTypeSizes[elem])
	switch elem {
	case ValueString:
		minSize = 8
	case ValueArray:
		minSize = 4 + 8
	}
	if n > uint64(p.remaining()/minSize) {
		return Value{}, fmt.Errorf("array of %d %s elements cannot fit in the %d bytes left", n, elem, p.remaining())
	}
	if fixed := valueTypeSizes[elem]; fixed > 0 {
		raw := make([]byte, int64(n)*int64(fixed))
		if err := p.read(raw); err != nil {
			return Value{}, fmt.Errorf("reading array: %w", err)
		}
		return decodeFixedArray(elem, raw, int(n)), nil
	}
	if elem == ValueString {
		ss := make([]string, n)
		for i := range ss {
			if ss[i], err = p.str(MaxStringLen, "string"); err != nil {
				return Value{}, fmt.Errorf("array element %d: %w", i, err)
			}
		}
		return Value{typ: ValueArray, elem: ValueString, v: ss}, nil
	}
	vs := make([]Value, n)
	for i := range vs {
		if vs[i], err = p.array(depth + 1); err != nil {
			return Value{}, fmt.Errorf("array element %d: %w", i, err)
		}
	}
	return Value{typ: ValueArray, elem: ValueArray, v: vs}, nil
}

// decodeFixedArray converts n little-endian elements of a fixed-size type.
func decodeFixedArray(elem ValueType, raw []byte, n int) Value {
	le := binary.LittleEndian
	var v any
	switch elem {
	case ValueUint8:
		v = raw
	case ValueInt8:
		x := make([]int8, n)
		for i := range x {
			x[i] = int8(raw[i])
		}
		v = x
	case ValueBool:
		x := make([]bool, n)
		for i := range x {
			x[i] = raw[i] != 0
		}
		v = x
	case ValueUint16:
		x := make([]uint16, n)
		for i := range x {
			x[i] = le.Uint16(raw[2*i:])
		}
		v = x
	case ValueInt16:
		x := make([]int16, n)
		for i := range x {
			x[i] = int16(le.Uint16(raw[2*i:]))
		}
		v = x
	case ValueUint32:
		x := make([]uint32, n)
		for i := range x {
			x[i] = le.Uint32(raw[4*i:])
		}
		v = x
	case ValueInt32:
		x := make([]int32, n)
		for i := range x {
			x[i] = int32(le.Uint32(raw[4*i:]))
		}
		v = x
	case ValueFloat32:
		x := make([]float32, n)
		for i := range x {
			x[i] = math.Float32frombits(le.Uint32(raw[4*i:]))
		}
		v = x
	case ValueUint64:
		x := make([]uint64, n)
		for i := range x {
			x[i] = le.Uint64(raw[8*i:])
		}
		v = x
	case ValueInt64:
		x := make([]int64, n)
		for i := range x {
			x[i] = int64(le.Uint64(raw[8*i:]))
		}
		v = x
	case ValueFloat64:
		x := make([]float64, n)
		for i := range x {
			x[i] = math.Float64frombits(le.Uint64(raw[8*i:]))
		}
		v = x
	}
	return Value{typ: ValueArray, elem: elem, v: v}
}

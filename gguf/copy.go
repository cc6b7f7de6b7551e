package gguf

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
)

// WriteF32Copy writes to w a copy of src with every tensor dequantised to
// float32, except tensors that are already F32 and those for which keep
// (which may be nil) returns true: those are copied byte for byte in their
// own type. All metadata is copied unchanged and in order (including
// general.alignment and general.file_type, which then no longer describes
// the tensors; llama.cpp only uses it for display). Tensors keep their
// names, shapes and order, and are dequantised one at a time while writing,
// so memory use is bounded by the largest tensor.
func WriteF32Copy(src *File, w io.Writer, keep func(name string) bool) (int64, error) {
	b := NewBuilder()
	b.Metadata = src.Metadata.Clone()
	for _, t := range src.Tensors {
		name := t.Name
		if t.Type == TypeF32 || (keep != nil && keep(name)) {
			if err := b.AddFunc(name, t.Type, t.Shape, func() ([]byte, error) {
				return src.TensorData(name)
			}); err != nil {
				return 0, err
			}
			continue
		}
		if !CanDequantize(t.Type) {
			return 0, fmt.Errorf("gguf: tensor %q: dequantising %s is not supported", name, t.Type)
		}
		if err := b.AddFunc(name, TypeF32, t.Shape, func() ([]byte, error) {
			vals, err := src.TensorFloat32(name)
			if err != nil {
				return nil, err
			}
			return float32Bytes(vals), nil
		}); err != nil {
			return 0, err
		}
	}
	return b.WriteTo(w)
}

// float32Bytes encodes values as little-endian float32.
func float32Bytes(vals []float32) []byte {
	raw := make([]byte, 4*len(vals))
	for i, v := range vals {
		binary.LittleEndian.PutUint32(raw[4*i:], math.Float32bits(v))
	}
	return raw
}

// ConvertToF32 writes the F32 copy of the GGUF file at srcPath (see
// [WriteF32Copy]) to dstPath, removing dstPath again if anything fails.
func ConvertToF32(srcPath, dstPath string, keep func(name string) bool) error {
	src, err := Open(srcPath)
	if err != nil {
		return err
	}
	defer src.Close()
	out, err := os.Create(dstPath)
	if err != nil {
		return fmt.Errorf("gguf: %w", err)
	}
	bw := bufio.NewWriterSize(out, 4<<20)
	_, err = WriteF32Copy(src, bw, keep)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := out.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("gguf: %w", cerr)
	}
	if err != nil {
		os.Remove(dstPath)
		return err
	}
	return nil
}

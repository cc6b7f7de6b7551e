package gguf

import (
	"bytes"
	"testing"
)

// FuzzRead feeds arbitrary bytes to Read. Whatever the input, Read must
// return an error or a File whose tensors can all be read (and, where the
// type allows, dequantised) within the file, without panicking or allocating
// more than a small multiple of the input size. Accepted files must also
// re-encode stably: writing the parsed file and parsing that again gives the
// same bytes.
//
// Run: go test -run=^$ -fuzz=FuzzRead -fuzztime=60s ./gguf/
func FuzzRead(f *testing.F) {
	valid := smallFile(f)
	f.Add(valid)
	for _, n := range []int{0, 3, 4, 8, 16, 24, 40, 64, 100, len(valid) / 2, len(valid) - 40, len(valid) - 1} {
		if n >= 0 && n <= len(valid) {
			f.Add(valid[:n])
		}
	}
	// A version 2 header and an empty file with one huge alignment.
	v2 := bytes.Clone(valid)
	v2[4] = 2
	f.Add(v2)
	b := NewBuilder()
	if err := b.Set(KeyAlignment, uint32(1)); err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := b.WriteTo(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())

	f.Fuzz(func(t *testing.T, data []byte) {
		gf, err := Read(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		if gf.DataOffset%gf.Alignment != 0 {
			t.Fatalf("data offset %d not aligned to %d", gf.DataOffset, gf.Alignment)
		}
		for _, ti := range gf.Tensors {
			if gf.DataOffset+int64(ti.Offset)+ti.Size > int64(len(data)) {
				t.Fatalf("tensor %q beyond the file", ti.Name)
			}
			raw, err := gf.TensorData(ti.Name)
			if err != nil {
				t.Fatalf("TensorData(%q): %v", ti.Name, err)
			}
			if int64(len(raw)) != ti.Size {
				t.Fatalf("TensorData(%q): %d bytes, want %d", ti.Name, len(raw), ti.Size)
			}
			// Dequantising expands at most 256/54 elements per byte (TQ1_0
			// is not supported; Q2_K gives 256 per 84): bounded by the input.
			if CanDequantize(ti.Type) {
				vals, err := gf.TensorFloat32(ti.Name)
				if err != nil {
					t.Fatalf("TensorFloat32(%q): %v", ti.Name, err)
				}
				if int64(len(vals)) != ti.Elements {
					t.Fatalf("TensorFloat32(%q): %d values, want %d", ti.Name, len(vals), ti.Elements)
				}
			}
		}

		// A file without tensors may end before its aligned data section
		// (vocab-only files are not padded); re-encoding would pad it up to
		// a possibly huge alignment, so stop here.
		if gf.DataOffset > int64(len(data)) {
			return
		}
		first := reencode(t, gf)
		again, err := Read(bytes.NewReader(first), int64(len(first)))
		if err != nil {
			t.Fatalf("re-reading a re-encoded file: %v", err)
		}
		if second := reencode(t, again); !bytes.Equal(first, second) {
			t.Fatalf("re-encoding is not stable")
		}
	})
}

// reencode writes a parsed file back out with its metadata and raw tensors.
func reencode(t *testing.T, f *File) []byte {
	t.Helper()
	b := NewBuilder()
	b.Metadata = f.Metadata.Clone()
	for _, ti := range f.Tensors {
		raw, err := f.TensorData(ti.Name)
		if err != nil {
			t.Fatalf("TensorData(%q): %v", ti.Name, err)
		}
		if err := b.AddRaw(ti.Name, ti.Type, ti.Shape, raw); err != nil {
			t.Fatalf("AddRaw(%q): %v", ti.Name, err)
		}
	}
	var buf bytes.Buffer
	if _, err := b.WriteTo(&buf); err != nil {
		t.Fatalf("WriteTo: %v", err)
	}
	return buf.Bytes()
}

package lora

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"maps"
	"math"
	"os"
	"slices"

	"domaingen/gguf"
)

// MergeGGUF writes to dstPath an F32 copy of the GGUF model at basePath
// (every tensor dequantised, metadata unchanged, as gguf.ConvertToF32) in
// which each weight the adapter adapts becomes W + s·B·A, s = Alpha/Rank:
// the model llama.cpp would run with the adapter applied at scale 1, with
// no adapter left to apply. Tensors are converted and merged one at a
// time, so memory stays near one tensor. dstPath is removed on failure.
// extra metadata is added to (or replaces) the base's: the caller records
// there what the merged model needs to be served as trained (the prompt
// layout, the adapter it came from).
func MergeGGUF(basePath string, ad *Adapter, dstPath string, extra map[string]string) error {
	src, err := gguf.Open(basePath)
	if err != nil {
		return fmt.Errorf("merge: %w", err)
	}
	defer src.Close()
	pairs := map[string]*Pair{}
	for i := range ad.Pairs {
		pairs[ad.Pairs[i].Name()] = &ad.Pairs[i]
	}
	if arch, err := src.Metadata.String("general.architecture"); err != nil || arch != ad.Arch {
		return fmt.Errorf("merge: base architecture %q (%v), adapter %q", arch, err, ad.Arch)
	}
	b := gguf.NewBuilder()
	b.Metadata = src.Metadata.Clone()
	for _, k := range slices.Sorted(maps.Keys(extra)) {
		if err := b.Metadata.Set(k, gguf.String(extra[k])); err != nil {
			return fmt.Errorf("merge: metadata %s: %w", k, err)
		}
	}
	scale := ad.Scale()
	used := 0
	for _, ti := range src.Tensors {
		name, shape := ti.Name, ti.Shape
		p := pairs[name]
		if p != nil {
			used++
			if len(shape) != 2 || shape[0] != int64(p.In) || shape[1] != int64(p.Out) {
				return fmt.Errorf("merge: %s has shape %v, adapter expects {%d, %d}", name, shape, p.In, p.Out)
			}
		}
		if ti.Type == gguf.TypeF32 && p == nil {
			if err := b.AddFunc(name, ti.Type, shape, func() ([]byte, error) { return src.TensorData(name) }); err != nil {
				return fmt.Errorf("merge: %w", err)
			}
			continue
		}
		if err := b.AddFunc(name, gguf.TypeF32, shape, func() ([]byte, error) {
			w, err := src.TensorFloat32(name)
			if err != nil {
				return nil, err
			}
			if p != nil {
				mergePair(w, p, ad.Rank, scale)
			}
			raw := make([]byte, 4*len(w))
			for i, v := range w {
				binary.LittleEndian.PutUint32(raw[4*i:], math.Float32bits(v))
			}
			return raw, nil
		}); err != nil {
			return fmt.Errorf("merge: %w", err)
		}
	}
	if used != len(ad.Pairs) {
		return fmt.Errorf("merge: the base has %d of the adapter's %d tensors", used, len(ad.Pairs))
	}
	out, err := os.Create(dstPath)
	if err != nil {
		return fmt.Errorf("merge: %w", err)
	}
	bw := bufio.NewWriterSize(out, 4<<20)
	_, err = b.WriteTo(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dstPath)
		return fmt.Errorf("merge: write %s: %w", dstPath, err)
	}
	return nil
}

// mergePair adds s·B·A to w, row-major (out, in), in float32 through the
// package's gemm (B (out, r) pre-scaled by s).
func mergePair(w []float32, p *Pair, rank int, s float32) {
	sb := make([]float32, len(p.B))
	for i, v := range p.B {
		sb[i] = s * v
	}
	gemmPar(1, p.Out, p.In, rank, rowMajor(sb, rank), rowMajor(p.A, p.In), w, p.In, true)
}

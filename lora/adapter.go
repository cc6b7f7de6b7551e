package lora

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"

	"domaingen/gguf"
)

// Pair is the low-rank update of one frozen weight W (out, in):
// W' = W + s·B·A with s = Alpha/Rank.
type Pair struct {
	Layer  int       // block index
	Target Target    // which of the block's linear layers
	In     int       // input width of W
	Out    int       // output width of W
	A      []float32 // (Rank, In) row-major; GGUF "<W>.lora_a", ggml ne {In, Rank}
	B      []float32 // (Out, Rank) row-major; GGUF "<W>.lora_b", ggml ne {Rank, Out}
}

// Name is the frozen weight's GGUF tensor name, e.g. "blk.0.attn_q.weight".
func (p *Pair) Name() string { return TensorName(p.Layer, p.Target) }

// Adapter is a LoRA adapter: one Pair per adapted (layer, target), in
// layer-major, target order. The same type holds gradients (see ZerosLike).
type Adapter struct {
	Arch  string  // the base model's general.architecture
	Rank  int     // r
	Alpha float32 // scale numerator: the update is scaled by Alpha/Rank
	Pairs []Pair
}

// AdapterConfig describes a new adapter. Zero values mean defaults.
type AdapterConfig struct {
	Rank    int      // default 16
	Alpha   float32  // default 2·Rank
	Targets []Target // default AllTargets
	Layers  []int    // blocks to adapt (default all)
	Seed    uint64   // seed of A's random initialisation
}

// NewAdapter creates an adapter for base initialised as PEFT does: A ~
// U(−1/√in, 1/√in) (kaiming_uniform_ with a = √5), B = 0, so the adapted
// model starts equal to the base. Invalid configuration is an error.
func NewAdapter(base *Base, cfg AdapterConfig) (*Adapter, error) {
	c := base.Config
	if cfg.Rank == 0 {
		cfg.Rank = 16
	}
	if cfg.Alpha == 0 {
		cfg.Alpha = 2 * float32(cfg.Rank)
	}
	if cfg.Targets == nil {
		cfg.Targets = AllTargets
	}
	if cfg.Layers == nil {
		for l := 0; l < c.NLayer; l++ {
			cfg.Layers = append(cfg.Layers, l)
		}
	}
	if cfg.Rank < 0 || cfg.Rank > 4096 {
		return nil, fmt.Errorf("new adapter: rank %d out of range 1..4096", cfg.Rank)
	}
	if !(cfg.Alpha > 0) || math.IsInf(float64(cfg.Alpha), 0) {
		return nil, fmt.Errorf("new adapter: alpha %g must be positive and finite", cfg.Alpha)
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x10a4))
	a := &Adapter{Arch: c.Arch, Rank: cfg.Rank, Alpha: cfg.Alpha}
	seen := map[[2]int]bool{}
	layers := append([]int(nil), cfg.Layers...)
	sort.Ints(layers)
	targets := append([]Target(nil), cfg.Targets...)
	sort.Slice(targets, func(i, j int) bool { return targets[i] < targets[j] })
	for _, l := range layers {
		if l < 0 || l >= c.NLayer {
			return nil, fmt.Errorf("new adapter: layer %d out of range 0..%d", l, c.NLayer-1)
		}
		for _, t := range targets {
			if t < 0 || t >= numTargets {
				return nil, fmt.Errorf("new adapter: bad target %d", int(t))
			}
			if seen[[2]int{l, int(t)}] {
				return nil, fmt.Errorf("new adapter: %s listed twice", TensorName(l, t))
			}
			seen[[2]int{l, int(t)}] = true
			in, out := c.Shape(t)
			p := Pair{Layer: l, Target: t, In: in, Out: out,
				A: make([]float32, cfg.Rank*in), B: make([]float32, out*cfg.Rank)}
			bound := 1 / math.Sqrt(float64(in))
			for i := range p.A {
				p.A[i] = float32((rng.Float64()*2 - 1) * bound)
			}
			a.Pairs = append(a.Pairs, p)
		}
	}
	return a, nil
}

// Scale is the factor applied to B·A: Alpha/Rank, as llama.cpp computes it
// for an adapter applied with user scale 1.
func (a *Adapter) Scale() float32 { return a.Alpha / float32(a.Rank) }

// ZerosLike returns an adapter with the same pairs and shapes, all zero
// (a gradient accumulator).
func (a *Adapter) ZerosLike() *Adapter {
	z := &Adapter{Arch: a.Arch, Rank: a.Rank, Alpha: a.Alpha, Pairs: make([]Pair, len(a.Pairs))}
	for i, p := range a.Pairs {
		p.A = make([]float32, len(p.A))
		p.B = make([]float32, len(p.B))
		z.Pairs[i] = p
	}
	return z
}

// Params returns every A and B slice (A then B for each pair, in order),
// the trainable parameters as an optimizer sees them. The slices are shared.
func (a *Adapter) Params() [][]float32 {
	ps := make([][]float32, 0, 2*len(a.Pairs))
	for i := range a.Pairs {
		ps = append(ps, a.Pairs[i].A, a.Pairs[i].B)
	}
	return ps
}

// Check validates the adapter against a base model: architecture, rank,
// alpha, shapes, duplicates and finite values. WriteGGUF calls it, since
// llama.cpp aborts the process on some malformed adapters.
func (a *Adapter) Check(base *Base) error {
	c := base.Config
	if a.Arch != c.Arch {
		return fmt.Errorf("adapter architecture %q, base %q", a.Arch, c.Arch)
	}
	if a.Rank <= 0 {
		return fmt.Errorf("adapter rank %d must be positive", a.Rank)
	}
	if !(a.Alpha > 0) || math.IsInf(float64(a.Alpha), 0) {
		return fmt.Errorf("adapter alpha %g must be positive and finite", a.Alpha)
	}
	if len(a.Pairs) == 0 {
		return errors.New("adapter has no tensors")
	}
	seen := map[string]bool{}
	for i := range a.Pairs {
		p := &a.Pairs[i]
		if p.Layer < 0 || p.Layer >= c.NLayer || p.Target < 0 || p.Target >= numTargets {
			return fmt.Errorf("adapter pair %d: layer %d target %d out of range", i, p.Layer, int(p.Target))
		}
		name := p.Name()
		if seen[name] {
			return fmt.Errorf("adapter: %s appears twice", name)
		}
		seen[name] = true
		if in, out := c.Shape(p.Target); p.In != in || p.Out != out {
			return fmt.Errorf("adapter %s: shape in %d out %d, base has in %d out %d", name, p.In, p.Out, in, out)
		}
		if len(p.A) != a.Rank*p.In || len(p.B) != p.Out*a.Rank {
			return fmt.Errorf("adapter %s: len(A) %d len(B) %d, want %d and %d", name, len(p.A), len(p.B), a.Rank*p.In, p.Out*a.Rank)
		}
		for _, s := range [][]float32{p.A, p.B} {
			for _, v := range s {
				if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
					return fmt.Errorf("adapter %s: non-finite value %g", name, v)
				}
			}
		}
		if len(name)+len(".lora_a") >= gguf.MaxNameLen {
			return fmt.Errorf("adapter %s: tensor name too long", name)
		}
	}
	return nil
}

// GGUF metadata keys of a LoRA adapter, as llama.cpp reads them.
const (
	keyGeneralType = "general.type"
	keyArch        = "general.architecture"
	keyAdapterType = "adapter.type"
	keyLoraAlpha   = "adapter.lora.alpha"
)

// WriteGGUF writes the adapter for base as a GGUF file llama.cpp loads with
// llama_adapter_lora_init: general.type "adapter", general.architecture of
// the base, adapter.type "lora", adapter.lora.alpha (f32) and F32 tensors
// "<weight>.lora_a" (ne {in, r}) and "<weight>.lora_b" (ne {r, out}).
// The adapter is checked against base first (see Check).
func (a *Adapter) WriteGGUF(path string, base *Base) error {
	if err := a.Check(base); err != nil {
		return fmt.Errorf("write adapter %s: %w", path, err)
	}
	b := gguf.NewBuilder()
	for _, kv := range []struct {
		k string
		v any
	}{
		{keyArch, base.Config.Arch},
		{keyGeneralType, "adapter"},
		{keyAdapterType, "lora"},
		{keyLoraAlpha, float32(a.Alpha)},
	} {
		if err := b.Set(kv.k, kv.v); err != nil {
			return fmt.Errorf("write adapter %s: set %s: %w", path, kv.k, err)
		}
	}
	for i := range a.Pairs {
		p := &a.Pairs[i]
		if err := b.AddF32(p.Name()+".lora_a", []int64{int64(p.In), int64(a.Rank)}, p.A); err != nil {
			return fmt.Errorf("write adapter %s: %w", path, err)
		}
		if err := b.AddF32(p.Name()+".lora_b", []int64{int64(a.Rank), int64(p.Out)}, p.B); err != nil {
			return fmt.Errorf("write adapter %s: %w", path, err)
		}
	}
	if err := b.WriteFile(path); err != nil {
		return fmt.Errorf("write adapter %s: %w", path, err)
	}
	return nil
}

// ReadGGUF reads a LoRA adapter written by WriteGGUF (or any GGUF LoRA
// adapter for the seven block targets, tensors in any dequantisable type).
// Check it against the base before use.
func ReadGGUF(path string) (*Adapter, error) {
	f, err := gguf.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read adapter %s: %w", path, err)
	}
	defer f.Close()
	a, err := readAdapter(f)
	if err != nil {
		return nil, fmt.Errorf("read adapter %s: %w", path, err)
	}
	return a, nil
}

func readAdapter(f *gguf.File) (*Adapter, error) {
	if t, err := f.Metadata.String(keyGeneralType); err != nil || t != "adapter" {
		return nil, fmt.Errorf("general.type %q is not \"adapter\" (%v)", t, err)
	}
	if t, err := f.Metadata.String(keyAdapterType); err != nil || t != "lora" {
		return nil, fmt.Errorf("adapter.type %q is not \"lora\" (%v)", t, err)
	}
	arch, err := f.Metadata.String(keyArch)
	if err != nil {
		return nil, err
	}
	alpha, err := f.Metadata.Float32(keyLoraAlpha)
	if err != nil {
		return nil, err
	}
	a := &Adapter{Arch: arch, Alpha: alpha}
	type ab struct{ a, b *gguf.TensorInfo }
	pairs := map[string]*ab{}
	var names []string
	for i := range f.Tensors {
		ti := &f.Tensors[i]
		base, kind, ok := strings.Cut(ti.Name, ".lora_")
		if !ok || (kind != "a" && kind != "b") {
			return nil, fmt.Errorf("tensor %s is not a LoRA tensor", ti.Name)
		}
		if pairs[base] == nil {
			pairs[base] = &ab{}
			names = append(names, base)
		}
		if kind == "a" {
			pairs[base].a = ti
		} else {
			pairs[base].b = ti
		}
	}
	for _, name := range names {
		pr := pairs[name]
		if pr.a == nil || pr.b == nil {
			return nil, fmt.Errorf("tensor %s has only one of lora_a, lora_b", name)
		}
		layer, target, err := parseTensorName(name)
		if err != nil {
			return nil, err
		}
		if len(pr.a.Shape) != 2 || len(pr.b.Shape) != 2 || pr.a.Shape[1] != pr.b.Shape[0] {
			return nil, fmt.Errorf("%s: lora_a shape %v and lora_b shape %v do not fit (want {in, r} and {r, out})", name, pr.a.Shape, pr.b.Shape)
		}
		r := int(pr.a.Shape[1])
		if a.Rank == 0 {
			a.Rank = r
		} else if r != a.Rank {
			return nil, fmt.Errorf("%s: rank %d, other tensors have %d", name, r, a.Rank)
		}
		p := Pair{Layer: layer, Target: target, In: int(pr.a.Shape[0]), Out: int(pr.b.Shape[1])}
		if p.A, err = f.TensorFloat32(pr.a.Name); err != nil {
			return nil, err
		}
		if p.B, err = f.TensorFloat32(pr.b.Name); err != nil {
			return nil, err
		}
		a.Pairs = append(a.Pairs, p)
	}
	sort.Slice(a.Pairs, func(i, j int) bool {
		pi, pj := a.Pairs[i], a.Pairs[j]
		return pi.Layer < pj.Layer || pi.Layer == pj.Layer && pi.Target < pj.Target
	})
	if len(a.Pairs) == 0 {
		return nil, errors.New("no LoRA tensors")
	}
	return a, nil
}

// parseTensorName splits "blk.<layer>.<target>.weight".
func parseTensorName(name string) (int, Target, error) {
	rest, ok := strings.CutPrefix(name, "blk.")
	if !ok {
		return 0, 0, fmt.Errorf("LoRA on %s not supported (only block weights)", name)
	}
	ls, rest, _ := strings.Cut(rest, ".")
	layer, err := strconv.Atoi(ls)
	if err != nil || layer < 0 {
		return 0, 0, fmt.Errorf("tensor %s: bad layer", name)
	}
	ts, ok := strings.CutSuffix(rest, ".weight")
	if !ok {
		return 0, 0, fmt.Errorf("tensor %s: LoRA only on .weight tensors", name)
	}
	t, err := ParseTarget(ts)
	if err != nil {
		return 0, 0, fmt.Errorf("tensor %s: %w", name, err)
	}
	return layer, t, nil
}

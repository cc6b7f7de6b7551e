package lora

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"

	"domaingen/gguf"
)

// Architectures the forward pass implements (general.architecture).
const (
	ArchLlama = "llama" // RoPE NORM mode (adjacent pairs), no biases
	ArchQwen2 = "qwen2" // RoPE NEOX mode (halves), biases on Q, K, V
)

// Config holds a llama-family model's hyper-parameters as read from GGUF
// metadata ("<arch>.block_count" and so on).
type Config struct {
	Arch      string  // general.architecture: ArchLlama or ArchQwen2
	NVocab    int     // vocabulary size V
	NEmbd     int     // residual width C (<arch>.embedding_length)
	NLayer    int     // transformer blocks (<arch>.block_count)
	NHead     int     // query heads Hq
	NHeadKV   int     // key/value heads Hkv (grouped-query attention), divides NHead
	HeadDim   int     // per-head width D (<arch>.attention.key_length, default C/Hq)
	NFF       int     // SwiGLU hidden width (<arch>.feed_forward_length)
	NRot      int     // rotated dimensions per head (<arch>.rope.dimension_count, default D)
	RopeBase  float32 // <arch>.rope.freq_base (default 10000)
	RopeNeox  bool    // true: rotate halves (NEOX, qwen2); false: adjacent pairs (NORM, llama)
	RMSEps    float32 // <arch>.attention.layer_norm_rms_epsilon
	AttnScale float32 // score scale: 1/sqrt(D) unless <arch>.attention.scale is set
	NCtxTrain int     // <arch>.context_length (positions the model was trained for)
	Tied      bool    // no output.weight: logits use token_embd.weight
}

// Target names a linear layer of a block that LoRA can adapt.
type Target int

// The seven adaptable linear layers of a block, in GGUF tensor-name order.
const (
	TargetQ    Target = iota // attn_q: C → Hq·D
	TargetK                  // attn_k: C → Hkv·D
	TargetV                  // attn_v: C → Hkv·D
	TargetO                  // attn_output: Hq·D → C
	TargetGate               // ffn_gate: C → FF
	TargetUp                 // ffn_up: C → FF
	TargetDown               // ffn_down: FF → C
	numTargets
)

var targetNames = [numTargets]string{"attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down"}

// AllTargets lists every adaptable layer; AttentionTargets only the
// attention projections.
var (
	AllTargets       = []Target{TargetQ, TargetK, TargetV, TargetO, TargetGate, TargetUp, TargetDown}
	AttentionTargets = []Target{TargetQ, TargetK, TargetV, TargetO}
)

// String returns the GGUF name part, e.g. "attn_q".
func (t Target) String() string {
	if t < 0 || t >= numTargets {
		return fmt.Sprintf("Target(%d)", int(t))
	}
	return targetNames[t]
}

// ParseTarget maps a GGUF name part such as "ffn_up" to its Target.
func ParseTarget(s string) (Target, error) {
	for i, n := range targetNames {
		if n == s {
			return Target(i), nil
		}
	}
	return 0, fmt.Errorf("unknown LoRA target %q (want one of %v)", s, targetNames)
}

// TensorName is the GGUF name of a block's weight, e.g. "blk.3.attn_q.weight".
func TensorName(layer int, t Target) string {
	return fmt.Sprintf("blk.%d.%s.weight", layer, t)
}

// Shape returns a target's input and output widths: its weight is ggml ne
// {in, out}, row-major (out, in).
func (c Config) Shape(t Target) (in, out int) {
	q, kv := c.NHead*c.HeadDim, c.NHeadKV*c.HeadDim
	switch t {
	case TargetQ:
		return c.NEmbd, q
	case TargetK, TargetV:
		return c.NEmbd, kv
	case TargetO:
		return q, c.NEmbd
	case TargetGate, TargetUp:
		return c.NEmbd, c.NFF
	case TargetDown:
		return c.NFF, c.NEmbd
	}
	panic(fmt.Sprintf("lora: bad target %d", int(t)))
}

// weights are a model's frozen tensors in element type F.
type weights[F num] struct {
	tokEmbd *frozenMat[F] // (V, C); the same matrix as output when tied
	output  *frozenMat[F] // (V, C)
	outNorm []F           // (C)
	layers  []layerWeights[F]
}

type layerWeights[F num] struct {
	attnNorm   []F                       // (C)
	ffnNorm    []F                       // (C)
	lin        [numTargets]*frozenMat[F] // (out, in) per Target, see Config.Shape
	bq, bk, bv []F                       // (Hq·D), (Hkv·D), (Hkv·D); qwen2 only, else nil
}

// frozenMat is a frozen matrix W, row-major (rows, cols) in ggml order
// reversed: a block's linear weight (out, in), or token_embd / output
// (V, C). With the assembly kernel it is kept only as two copies in the
// micro-kernel's panel layout, fwd = Wᵀ (for x·Wᵀ) and bwd = W (for g·W),
// so that the matmuls never pack it; the plain copy is dropped (a third
// copy: 0.54 GB for SmolLM2-135M). Otherwise (no AVX2, the float64
// shadow) only the plain copy exists.
type frozenMat[F num] struct {
	rows, cols int
	plain      []F         // (rows, cols); nil when packed
	fwd, bwd   *packedB[F] // Wᵀ (k cols, n rows) and W (k rows, n cols); nil when plain
}

// newFrozen keeps w (rows, cols) as it is, or with pack only its two
// packed copies (w is then no longer referenced).
func newFrozen[F num](w []F, rows, cols int, pack bool) *frozenMat[F] {
	m := &frozenMat[F]{rows: rows, cols: cols}
	if !pack {
		m.plain = w
		return m
	}
	nr := kernelFor[F]().nr
	m.fwd = packWhole(trans(w, cols), cols, rows, nr)
	m.bwd = packWhole(rowMajor(w, cols), rows, cols, nr)
	return m
}

// row copies row i of W (cols elements) into dst: an embedding lookup.
func (m *frozenMat[F]) row(dst []F, i int) {
	if m.plain != nil {
		copy(dst[:m.cols], m.plain[i*m.cols:(i+1)*m.cols])
		return
	}
	m.bwd.row(dst[:m.cols], i)
}

// dense returns a new row-major (rows, cols) copy of W, unpacked from the
// panels if need be.
func (m *frozenMat[F]) dense() []F {
	d := make([]F, m.rows*m.cols)
	for i := 0; i < m.rows; i++ {
		m.row(d[i*m.cols:(i+1)*m.cols], i)
	}
	return d
}

// Base is a frozen llama-family model dequantised to float32 (with the
// assembly kernel: packed, see frozenMat). It is read-only once loaded and
// safe to share between Models.
type Base struct {
	Config Config
	// Name is the model's name as its GGUF metadata gives it (see
	// modelName): what a PEFT export records as its base model.
	Name string
	w    weights[float32]
}

// Linear returns a copy of the frozen weight of a block's target,
// row-major (out, in) (ggml ne {in, out}), unpacked from the panels the
// matmuls use if need be.
func (b *Base) Linear(layer int, t Target) []float32 { return b.w.layers[layer].lin[t].dense() }

// LoadBase reads a llama or qwen2 GGUF model and dequantises every tensor to
// float32, packing the matrices for the assembly kernel (see frozenMat).
// Missing or inconsistent metadata and tensors are errors.
func LoadBase(path string) (*Base, error) {
	f, err := gguf.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load base %s: %w", path, err)
	}
	defer f.Close()
	b, err := loadBase(f)
	if err != nil {
		return nil, fmt.Errorf("load base %s: %w", path, err)
	}
	b.Name = modelName(&f.Metadata, path)
	// The raw tensor bytes and the dequantised copies of the packed
	// matrices are garbage now (≈ 0.6 GB for SmolLM2-135M): collect them
	// and hand their pages back at once rather than let them count as
	// resident memory until the runtime's scavenger returns them.
	debug.FreeOSMemory()
	return b, nil
}

// modelName names a model from its GGUF metadata: general.name, else
// general.basename, else the file name without ".gguf". GGUF files carry
// no Hugging Face repository id, so this is the closest thing to one
// (SmolLM2-135M-Instruct's file says "Smollm2 135M 8k Lc100K Mix1 Ep2",
// Qwen2.5-Coder's "Qwen2.5 Coder 0.5B Instruct AWQ").
func modelName(md *gguf.Metadata, path string) string {
	for _, key := range []string{"general.name", "general.basename"} {
		if v, err := md.String(key); err == nil && strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
	}
	return strings.TrimSuffix(filepath.Base(path), ".gguf")
}

func readConfig(md *gguf.Metadata) (Config, error) {
	var c Config
	arch, err := md.String("general.architecture")
	if err != nil {
		return c, err
	}
	c.Arch = arch
	switch arch {
	case ArchLlama:
	case ArchQwen2:
		c.RopeNeox = true
	default:
		return c, fmt.Errorf("architecture %q not supported (want %s or %s)", arch, ArchLlama, ArchQwen2)
	}
	key := func(s string) string { return arch + "." + s }
	getInt := func(k string, def int) (int, error) {
		v, err := md.Int(key(k))
		if errors.Is(err, gguf.ErrKeyNotFound) && def >= 0 {
			return def, nil
		}
		if err != nil {
			return 0, err
		}
		if v <= 0 || v > 1<<30 {
			return 0, fmt.Errorf("%s = %d out of range", key(k), v)
		}
		return int(v), nil
	}
	getF32 := func(k string, def float32) (float32, error) {
		v, err := md.Float32(key(k))
		if errors.Is(err, gguf.ErrKeyNotFound) && def >= 0 {
			return def, nil
		}
		return v, err
	}
	if c.NEmbd, err = getInt("embedding_length", -1); err != nil {
		return c, err
	}
	if c.NLayer, err = getInt("block_count", -1); err != nil {
		return c, err
	}
	if c.NHead, err = getInt("attention.head_count", -1); err != nil {
		return c, err
	}
	if c.NHeadKV, err = getInt("attention.head_count_kv", c.NHead); err != nil {
		return c, err
	}
	if c.NFF, err = getInt("feed_forward_length", -1); err != nil {
		return c, err
	}
	if c.NCtxTrain, err = getInt("context_length", -1); err != nil {
		return c, err
	}
	if c.HeadDim, err = getInt("attention.key_length", c.NEmbd/c.NHead); err != nil {
		return c, err
	}
	if vl, err := getInt("attention.value_length", c.HeadDim); err != nil || vl != c.HeadDim {
		return c, fmt.Errorf("attention.value_length %d differs from key_length %d (err %v)", vl, c.HeadDim, err)
	}
	if c.NRot, err = getInt("rope.dimension_count", c.HeadDim); err != nil {
		return c, err
	}
	if c.RopeBase, err = getF32("rope.freq_base", 10000); err != nil {
		return c, err
	}
	if c.RMSEps, err = getF32("attention.layer_norm_rms_epsilon", -1); err != nil {
		return c, err
	}
	if c.AttnScale, err = getF32("attention.scale", 0); err != nil {
		return c, err
	}
	if c.AttnScale == 0 {
		c.AttnScale = float32(1 / math.Sqrt(float64(c.HeadDim)))
	}
	if s, err := md.String(key("rope.scaling.type")); err == nil && s != "none" {
		return c, fmt.Errorf("rope scaling %q not supported", s)
	}
	if v, err := md.Float32(key("rope.scaling.factor")); err == nil && v != 0 && v != 1 {
		return c, fmt.Errorf("rope scaling factor %g not supported", v)
	}
	if c.NHead%c.NHeadKV != 0 {
		return c, fmt.Errorf("head_count %d not a multiple of head_count_kv %d", c.NHead, c.NHeadKV)
	}
	if c.NRot > c.HeadDim || c.NRot%2 != 0 {
		return c, fmt.Errorf("rope.dimension_count %d invalid for head width %d", c.NRot, c.HeadDim)
	}
	return c, nil
}

func loadBase(f *gguf.File) (*Base, error) {
	c, err := readConfig(&f.Metadata)
	if err != nil {
		return nil, err
	}
	emb, ok := f.Tensor("token_embd.weight")
	if !ok {
		return nil, errors.New("tensor token_embd.weight missing")
	}
	if len(emb.Shape) != 2 || emb.Shape[0] != int64(c.NEmbd) {
		return nil, fmt.Errorf("token_embd.weight shape %v, want {%d, vocab}", emb.Shape, c.NEmbd)
	}
	c.NVocab = int(emb.Shape[1])
	if _, ok := f.Tensor("rope_freqs.weight"); ok {
		return nil, errors.New("rope frequency factors (rope_freqs.weight) not supported")
	}
	load := func(name string, shape ...int) ([]float32, error) {
		info, ok := f.Tensor(name)
		if !ok {
			return nil, fmt.Errorf("tensor %s missing", name)
		}
		if len(info.Shape) != len(shape) {
			return nil, fmt.Errorf("tensor %s has shape %v, want %v (ggml ne order)", name, info.Shape, shape)
		}
		for i, s := range shape {
			if info.Shape[i] != int64(s) {
				return nil, fmt.Errorf("tensor %s has shape %v, want %v (ggml ne order)", name, info.Shape, shape)
			}
		}
		d, err := f.TensorFloat32(name)
		if err != nil {
			return nil, fmt.Errorf("tensor %s: %w", name, err)
		}
		return d, nil
	}
	b := &Base{Config: c}
	w := &b.w
	pack := hasAVX2FMA // else the portable kernel packs from the plain copy on the fly
	embd, err := load("token_embd.weight", c.NEmbd, c.NVocab)
	if err != nil {
		return nil, err
	}
	if w.outNorm, err = load("output_norm.weight", c.NEmbd); err != nil {
		return nil, err
	}
	if _, ok := f.Tensor("output.weight"); ok {
		out, err := load("output.weight", c.NEmbd, c.NVocab)
		if err != nil {
			return nil, err
		}
		w.tokEmbd = newFrozen(embd, c.NVocab, c.NEmbd, false) // rows looked up only
		w.output = newFrozen(out, c.NVocab, c.NEmbd, pack)
	} else {
		w.output = newFrozen(embd, c.NVocab, c.NEmbd, pack) // the lookup reads the packed rows
		w.tokEmbd = w.output
		b.Config.Tied = true
	}
	w.layers = make([]layerWeights[float32], c.NLayer)
	for l := range w.layers {
		lw := &w.layers[l]
		p := fmt.Sprintf("blk.%d.", l)
		if lw.attnNorm, err = load(p+"attn_norm.weight", c.NEmbd); err != nil {
			return nil, err
		}
		if lw.ffnNorm, err = load(p+"ffn_norm.weight", c.NEmbd); err != nil {
			return nil, err
		}
		var plain [numTargets][]float32
		for t := Target(0); t < numTargets; t++ {
			in, out := c.Shape(t)
			if plain[t], err = load(TensorName(l, t), in, out); err != nil {
				return nil, err
			}
		}
		lw.lin = freezeTargets(c, plain, pack)
		for _, bias := range []struct {
			dst  *[]float32
			name string
			n    int
		}{{&lw.bq, "attn_q", c.NHead * c.HeadDim}, {&lw.bk, "attn_k", c.NHeadKV * c.HeadDim}, {&lw.bv, "attn_v", c.NHeadKV * c.HeadDim}} {
			name := p + bias.name + ".bias"
			if _, ok := f.Tensor(name); !ok {
				continue
			}
			if *bias.dst, err = load(name, bias.n); err != nil {
				return nil, err
			}
		}
		for _, name := range []string{"attn_output.bias", "ffn_gate.bias", "ffn_up.bias", "ffn_down.bias"} {
			if _, ok := f.Tensor(p + name); ok {
				return nil, fmt.Errorf("tensor %s%s not supported", p, name)
			}
		}
	}
	return b, nil
}

// freezeTargets turns a block's seven dequantised weights into frozen
// matrices, packing them (if pack) concurrently.
func freezeTargets(c Config, plain [numTargets][]float32, pack bool) [numTargets]*frozenMat[float32] {
	var lin [numTargets]*frozenMat[float32]
	var wg sync.WaitGroup
	for t := Target(0); t < numTargets; t++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			in, out := c.Shape(t)
			lin[t] = newFrozen(plain[t], out, in, pack)
		}()
	}
	wg.Wait()
	return lin
}

// toWeights converts weights to another element type, plain (the float64
// shadow used by gradient checks), keeping the output tied if it was.
func toWeights[T, F num](w *weights[F]) weights[T] {
	plain := func(m *frozenMat[F]) *frozenMat[T] {
		return newFrozen(convert[T](m.dense()), m.rows, m.cols, false)
	}
	out := weights[T]{
		tokEmbd: plain(w.tokEmbd),
		outNorm: convert[T](w.outNorm),
		layers:  make([]layerWeights[T], len(w.layers)),
	}
	out.output = out.tokEmbd
	if w.output != w.tokEmbd {
		out.output = plain(w.output)
	}
	for l, lw := range w.layers {
		o := &out.layers[l]
		o.attnNorm, o.ffnNorm = convert[T](lw.attnNorm), convert[T](lw.ffnNorm)
		o.bq, o.bk, o.bv = convert[T](lw.bq), convert[T](lw.bk), convert[T](lw.bv)
		for t, m := range lw.lin {
			o.lin[t] = plain(m)
		}
	}
	return out
}

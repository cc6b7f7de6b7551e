package lora

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"domaingen/gguf"
)

// TinySpec describes a small random llama-family model for tests. It is
// exported (in a _test file) so that the parity tests in package lora_test
// can build the same models.
type TinySpec struct {
	Arch                         string // ArchLlama or ArchQwen2
	Layers, Embd, Heads, HeadsKV int
	FF, Vocab, Ctx               int
	Untied                       bool // write output.weight instead of tying it to token_embd
	Seed                         uint64
}

// DefaultTiny is 2 blocks, C = 32, 4 query heads sharing 2 kv heads (D = 8),
// FF = 48, V = 64: every op exercised, each forward a few microseconds.
var DefaultTiny = TinySpec{Arch: ArchLlama, Layers: 2, Embd: 32, Heads: 4, HeadsKV: 2, FF: 48, Vocab: 64, Ctx: 256, Seed: 1}

// WriteTinyModel writes a random model with the metadata keys and tensor
// names llama.cpp expects for the architecture, so that llama.cpp loads it
// too (tokenizer "none": token ids only). It returns the file's path.
func WriteTinyModel(t testing.TB, s TinySpec) string {
	t.Helper()
	r := rand.New(rand.NewPCG(s.Seed, 77))
	b := gguf.NewBuilder()
	a := s.Arch
	hd := s.Embd / s.Heads
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, kv := range []struct {
		k string
		v any
	}{
		{"general.architecture", a},
		{"general.type", "model"},
		{"general.name", "tiny-random"},
		{a + ".context_length", uint32(s.Ctx)},
		{a + ".embedding_length", uint32(s.Embd)},
		{a + ".block_count", uint32(s.Layers)},
		{a + ".feed_forward_length", uint32(s.FF)},
		{a + ".attention.head_count", uint32(s.Heads)},
		{a + ".attention.head_count_kv", uint32(s.HeadsKV)},
		{a + ".rope.dimension_count", uint32(hd)},
		{a + ".rope.freq_base", float32(10000)},
		{a + ".attention.layer_norm_rms_epsilon", float32(1e-5)},
		{a + ".vocab_size", uint32(s.Vocab)},
		{"tokenizer.ggml.model", "none"},
	} {
		must(b.Set(kv.k, kv.v))
	}
	rnd := func(n int, scale float64) []float32 {
		d := make([]float32, n)
		for i := range d {
			d[i] = float32((r.Float64()*2 - 1) * scale)
		}
		return d
	}
	norm := func(n int) []float32 {
		d := rnd(n, 0.3)
		for i := range d {
			d[i]++
		}
		return d
	}
	add := func(name string, data []float32, shape ...int64) { must(b.AddF32(name, shape, data)) }
	add("token_embd.weight", rnd(s.Vocab*s.Embd, 1), int64(s.Embd), int64(s.Vocab))
	add("output_norm.weight", norm(s.Embd), int64(s.Embd))
	if s.Untied {
		add("output.weight", rnd(s.Vocab*s.Embd, 0.5), int64(s.Embd), int64(s.Vocab))
	}
	cfg := Config{NEmbd: s.Embd, NHead: s.Heads, NHeadKV: s.HeadsKV, HeadDim: hd, NFF: s.FF}
	for l := 0; l < s.Layers; l++ {
		p := fmt.Sprintf("blk.%d.", l)
		add(p+"attn_norm.weight", norm(s.Embd), int64(s.Embd))
		add(p+"ffn_norm.weight", norm(s.Embd), int64(s.Embd))
		for tg := Target(0); tg < numTargets; tg++ {
			in, out := cfg.Shape(tg)
			add(TensorName(l, tg), rnd(in*out, 1.5/math.Sqrt(float64(in))), int64(in), int64(out))
		}
		if a == ArchQwen2 {
			add(p+"attn_q.bias", rnd(s.Heads*hd, 0.5), int64(s.Heads*hd))
			add(p+"attn_k.bias", rnd(s.HeadsKV*hd, 0.5), int64(s.HeadsKV*hd))
			add(p+"attn_v.bias", rnd(s.HeadsKV*hd, 0.5), int64(s.HeadsKV*hd))
		}
	}
	path := filepath.Join(t.TempDir(), "tiny-"+a+".gguf")
	must(b.WriteFile(path))
	return path
}

// RandomizeAdapter fills A and B with uniform values in ±scale/√in and
// ±scale/√r so that the LoRA branch changes the logits visibly.
func RandomizeAdapter(a *Adapter, seed uint64, scale float64) {
	r := rand.New(rand.NewPCG(seed, 5))
	for i := range a.Pairs {
		p := &a.Pairs[i]
		for j := range p.A {
			p.A[j] = float32((r.Float64()*2 - 1) * scale / math.Sqrt(float64(p.In)))
		}
		for j := range p.B {
			p.B[j] = float32((r.Float64()*2 - 1) * scale / math.Sqrt(float64(a.Rank)))
		}
	}
}

// loadTiny writes and loads a tiny model.
func loadTiny(t testing.TB, s TinySpec) *Base {
	t.Helper()
	b, err := LoadBase(WriteTinyModel(t, s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

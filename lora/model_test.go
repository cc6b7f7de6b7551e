package lora

import (
	"math"
	"math/rand/v2"
	"testing"
)

// shadow64 builds the float64 twin of a float32 Model's network: same
// weights, same adapter values, its own gradient buffers.
func shadow64(t *testing.T, base *Base, ad *Adapter, opt Options) (*net[float64], [][]float64, [][]float64) {
	t.Helper()
	w := toWeights[float64](&base.w)
	var pairs []pairInit[float64]
	var params, grads [][]float64
	for _, p := range ad.Pairs {
		pi := pairInit[float64]{p.Layer, p.Target, convert[float64](p.A), convert[float64](p.B), make([]float64, len(p.A)), make([]float64, len(p.B))}
		pairs = append(pairs, pi)
		params = append(params, pi.a, pi.b)
		grads = append(grads, pi.da, pi.db)
	}
	return newNet(base.Config, &w, pairs, ad.Rank, float64(ad.Scale()), opt), params, grads
}

func tinyBatch(v, nb, nt int, seed uint64) ([]int32, []int32) {
	r := rand.New(rand.NewPCG(seed, 9))
	tokens, targets := make([]int32, nb*nt), make([]int32, nb*nt)
	for i := range tokens {
		tokens[i] = int32(r.IntN(v))
	}
	for i := range targets {
		targets[i] = int32(r.IntN(v))
		if i%nt < 2 { // the "prompt" of each sequence carries no loss
			targets[i] = -1
		}
	}
	return tokens, targets
}

// TestModelGrad checks the LoRA gradients of the whole network (every
// target, dropout on, GQA, a batch shorter than the allocation, masked
// targets) against finite differences of the float64 twin, on a tiny
// llama model (tied output), a qwen2 one (biases, NEOX RoPE) and an untied
// llama. It then checks that the float32 Model's gradients match the
// float64 ones.
func TestModelGrad(t *testing.T) {
	specs := map[string]TinySpec{
		"llama":        DefaultTiny,
		"qwen2":        {Arch: ArchQwen2, Layers: 2, Embd: 24, Heads: 6, HeadsKV: 2, FF: 40, Vocab: 50, Ctx: 64, Seed: 2},
		"llama-untied": {Arch: ArchLlama, Layers: 1, Embd: 16, Heads: 2, HeadsKV: 1, FF: 24, Vocab: 40, Ctx: 64, Untied: true, Seed: 3},
	}
	for name, spec := range specs {
		t.Run(name, func(t *testing.T) {
			base := loadTiny(t, spec)
			ad, err := NewAdapter(base, AdapterConfig{Rank: 2, Alpha: 3, Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			RandomizeAdapter(ad, 2, 1)
			opt := Options{Batch: 3, Seq: 8, Threads: 2, Dropout: 0.25, Seed: 5}
			nb, nt := 2, 6
			tokens, targets := tinyBatch(base.Config.NVocab, nb, nt, 1)

			n64, params, grads := shadow64(t, base, ad, opt)
			loss := func() float64 {
				n64.step = 0 // the same dropout masks every time
				return n64.forward(tokens, targets, nb, nt, 0, true)
			}
			l0 := loss()
			n64.backward()
			var worst float64
			for i := range params {
				// every other parameter keeps the test fast; both A and B of
				// every pair are covered
				sub := make([]float64, 0)
				idx := make([]int, 0)
				for j := i % 3; j < len(params[i]); j += 3 {
					sub = append(sub, grads[i][j])
					idx = append(idx, j)
				}
				x := params[i]
				var w float64
				for k, j := range idx {
					orig := x[j]
					x[j] = orig + fdStep
					lp := loss()
					x[j] = orig - fdStep
					lm := loss()
					x[j] = orig
					fd := (lp - lm) / (2 * fdStep)
					rel := math.Abs(fd-sub[k]) / max(math.Abs(fd), math.Abs(sub[k]), 1e-4)
					w = max(w, rel)
					if rel > 1e-4 {
						t.Fatalf("param %d[%d]: analytic %.10g, finite difference %.10g (rel %.3g)", i, j, sub[k], fd, rel)
					}
				}
				worst = max(worst, w)
			}
			t.Logf("loss %.6f, LoRA gradients vs finite differences: max rel err %.2g", l0, worst)

			// float32 model: same loss, gradients within float32 accuracy
			m, err := NewModel(base, ad, opt)
			if err != nil {
				t.Fatal(err)
			}
			l32, err := m.Forward(Batch{Tokens: tokens, Targets: targets, Seq: nt}, true)
			if err != nil {
				t.Fatal(err)
			}
			m.Backward()
			if math.Abs(l32-l0) > 1e-5*math.Abs(l0) {
				t.Errorf("float32 loss %.8f, float64 %.8f", l32, l0)
			}
			var diff, norm float64
			for i, g := range m.Grad().Params() {
				for j, v := range g {
					d := float64(v) - grads[i][j]
					diff += d * d
					norm += grads[i][j] * grads[i][j]
				}
			}
			rel := math.Sqrt(diff / norm)
			t.Logf("float32 vs float64 gradient: relative L2 error %.2g", rel)
			if rel > 1e-4 {
				t.Errorf("float32 gradient relative error %.3g > 1e-4", rel)
			}
		})
	}
}

// TestAdapterZeroB: a fresh adapter (B = 0) leaves the logits unchanged.
func TestAdapterZeroB(t *testing.T) {
	base := loadTiny(t, DefaultTiny)
	ad, err := NewAdapter(base, AdapterConfig{Rank: 4})
	if err != nil {
		t.Fatal(err)
	}
	tokens, _ := tinyBatch(base.Config.NVocab, 2, 8, 3)
	logits := func(ad *Adapter) []float32 {
		m, err := NewModel(base, ad, Options{Batch: 2, Seq: 8})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.Forward(Batch{Tokens: tokens}, false); err != nil {
			t.Fatal(err)
		}
		return append([]float32(nil), m.Logits()...)
	}
	a, b := logits(nil), logits(ad)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("logit %d: base %g, with B=0 adapter %g", i, a[i], b[i])
		}
	}
}

// TestBatchIndependence: each sequence of a batch is computed as if alone,
// and a sequence's prefix does not see later tokens (causality).
func TestBatchIndependence(t *testing.T) {
	base := loadTiny(t, DefaultTiny)
	ad, _ := NewAdapter(base, AdapterConfig{Rank: 2, Seed: 3})
	RandomizeAdapter(ad, 4, 1)
	m, err := NewModel(base, ad, Options{Batch: 2, Seq: 8})
	if err != nil {
		t.Fatal(err)
	}
	V := base.Config.NVocab
	tokens, _ := tinyBatch(V, 2, 8, 4)
	if _, err := m.Forward(Batch{Tokens: tokens}, false); err != nil {
		t.Fatal(err)
	}
	both := append([]float32(nil), m.Logits()...)
	if _, err := m.Forward(Batch{Tokens: tokens[8:13], Seq: 5}, false); err != nil {
		t.Fatal(err)
	}
	alone := m.Logits()
	for i := range alone {
		if d := math.Abs(float64(alone[i] - both[8*V+i])); d > 1e-5 {
			t.Fatalf("logit %d of sequence 1 differs by %g alone vs batched", i, d)
		}
	}
}

func TestForwardErrors(t *testing.T) {
	base := loadTiny(t, DefaultTiny)
	m, err := NewModel(base, nil, Options{Batch: 1, Seq: 4})
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string]Batch{
		"too long":      {Tokens: make([]int32, 5)},
		"bad token":     {Tokens: []int32{0, 1, 64, 2}},
		"bad target":    {Tokens: []int32{0, 1, 2, 3}, Targets: []int32{1, 1, 1, 99}},
		"target length": {Tokens: []int32{0, 1, 2, 3}, Targets: []int32{1}},
		"empty":         {},
	} {
		if _, err := m.Forward(b, false); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := m.Forward(Batch{Tokens: []int32{0, 1, 2, 3}}, true); err == nil {
		t.Error("training without targets: no error")
	}
	if _, err := NewModel(base, nil, Options{Seq: 1000}); err == nil {
		t.Error("seq beyond the context: no error")
	}
}

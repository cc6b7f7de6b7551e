package lora

import (
	"math"
	"path/filepath"
	"slices"
	"testing"

	"domaingen/gguf"
)

// TestAdapterRoundTrip: WriteGGUF writes exactly the contract (metadata
// types, tensor names, ggml shapes, F32) and ReadGGUF reads it back equal.
func TestAdapterRoundTrip(t *testing.T) {
	base := loadTiny(t, DefaultTiny)
	ad, err := NewAdapter(base, AdapterConfig{Rank: 3, Alpha: 5, Targets: []Target{TargetV, TargetQ, TargetDown}, Layers: []int{1}, Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	RandomizeAdapter(ad, 1, 1)
	path := filepath.Join(t.TempDir(), "a.gguf")
	if err := ad.WriteGGUF(path, base); err != nil {
		t.Fatal(err)
	}
	f, err := gguf.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for key, want := range map[string]string{"general.type": "adapter", "general.architecture": "llama", "adapter.type": "lora"} {
		if got, err := f.Metadata.String(key); err != nil || got != want {
			t.Errorf("%s = %q (%v), want %q", key, got, err, want)
		}
	}
	if alpha, err := f.Metadata.Float32("adapter.lora.alpha"); err != nil || alpha != 5 {
		t.Errorf("adapter.lora.alpha = %v (%v), want float32 5", alpha, err)
	}
	var names []string
	for _, ti := range f.Tensors {
		names = append(names, ti.Name)
		if ti.Type != gguf.TypeF32 {
			t.Errorf("%s has type %v, want F32", ti.Name, ti.Type)
		}
	}
	wantNames := []string{"blk.1.attn_q.weight.lora_a", "blk.1.attn_q.weight.lora_b", "blk.1.attn_v.weight.lora_a", "blk.1.attn_v.weight.lora_b", "blk.1.ffn_down.weight.lora_a", "blk.1.ffn_down.weight.lora_b"}
	if !slices.Equal(names, wantNames) {
		t.Errorf("tensors %v, want %v", names, wantNames)
	}
	if ti, _ := f.Tensor("blk.1.ffn_down.weight.lora_a"); !slices.Equal(ti.Shape, []int64{48, 3}) {
		t.Errorf("ffn_down lora_a shape %v, want {in 48, r 3}", ti.Shape)
	}
	if ti, _ := f.Tensor("blk.1.ffn_down.weight.lora_b"); !slices.Equal(ti.Shape, []int64{3, 32}) {
		t.Errorf("ffn_down lora_b shape %v, want {r 3, out 32}", ti.Shape)
	}

	back, err := ReadGGUF(path)
	if err != nil {
		t.Fatal(err)
	}
	if back.Arch != ad.Arch || back.Rank != ad.Rank || back.Alpha != ad.Alpha || len(back.Pairs) != len(ad.Pairs) {
		t.Fatalf("read back %+v", back)
	}
	for i := range ad.Pairs {
		p, q := ad.Pairs[i], back.Pairs[i]
		if p.Layer != q.Layer || p.Target != q.Target || p.In != q.In || p.Out != q.Out || !slices.Equal(p.A, q.A) || !slices.Equal(p.B, q.B) {
			t.Errorf("pair %d differs after the round trip", i)
		}
	}
	if err := back.Check(base); err != nil {
		t.Error(err)
	}
}

// TestAdapterCheck: malformed adapters are refused before anything is
// written (llama.cpp would abort the process on some of them).
func TestAdapterCheck(t *testing.T) {
	base := loadTiny(t, DefaultTiny)
	fresh := func() *Adapter {
		ad, err := NewAdapter(base, AdapterConfig{Rank: 2})
		if err != nil {
			t.Fatal(err)
		}
		return ad
	}
	for name, mutate := range map[string]func(a *Adapter){
		"arch":      func(a *Adapter) { a.Arch = "qwen2" },
		"rank":      func(a *Adapter) { a.Rank = 3 },
		"alpha":     func(a *Adapter) { a.Alpha = float32(math.NaN()) },
		"shape":     func(a *Adapter) { a.Pairs[0].In++ },
		"nan":       func(a *Adapter) { a.Pairs[1].B[0] = float32(math.Inf(1)) },
		"duplicate": func(a *Adapter) { a.Pairs[1] = a.Pairs[0] },
		"layer":     func(a *Adapter) { a.Pairs[0].Layer = 9 },
		"empty":     func(a *Adapter) { a.Pairs = nil },
	} {
		a := fresh()
		mutate(a)
		path := filepath.Join(t.TempDir(), "bad.gguf")
		if err := a.WriteGGUF(path, base); err == nil {
			t.Errorf("%s: WriteGGUF accepted a bad adapter", name)
		}
	}
	if _, err := NewAdapter(base, AdapterConfig{Rank: -1}); err == nil {
		t.Error("negative rank accepted")
	}
	if _, err := NewAdapter(base, AdapterConfig{Layers: []int{5}}); err == nil {
		t.Error("layer out of range accepted")
	}
	if _, err := ReadGGUF(WriteTinyModel(t, DefaultTiny)); err == nil {
		t.Error("ReadGGUF accepted a model file")
	}
}

// TestAdapterInit: A follows PEFT's kaiming-uniform bound 1/√in, B is zero.
func TestAdapterInit(t *testing.T) {
	base := loadTiny(t, DefaultTiny)
	ad, err := NewAdapter(base, AdapterConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if ad.Rank != 16 || ad.Alpha != 32 || len(ad.Pairs) != 2*7 {
		t.Fatalf("defaults: rank %d alpha %g pairs %d", ad.Rank, ad.Alpha, len(ad.Pairs))
	}
	for _, p := range ad.Pairs {
		bound := 1 / math.Sqrt(float64(p.In))
		var mx float64
		for _, v := range p.A {
			mx = max(mx, math.Abs(float64(v)))
		}
		if mx > bound || mx < 0.8*bound {
			t.Errorf("%s: max |A| %g, bound %g", p.Name(), mx, bound)
		}
		for _, v := range p.B {
			if v != 0 {
				t.Fatalf("%s: B not zero", p.Name())
			}
		}
	}
}

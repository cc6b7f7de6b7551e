package lora_test

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"

	"domaingen/gguf"
	"domaingen/llama"
	"domaingen/lora"
)

// The parity tests compare the Go forward with llama.cpp (through package
// llama) on the same tokens: an F32 model, an F32 KV cache and flash
// attention off, so both sides compute in float32 and the remaining
// difference is summation order: max |Δlogit| ≤ 1e-3 · max |logit|.
const parityTol = 1e-3

// llamaLogits decodes each sequence from position 0 in a fresh KV cache and
// returns every position's logits, (len(seq), V) row-major per sequence.
func llamaLogits(t *testing.T, path, adapter string, seqs [][]int32) [][]float32 {
	t.Helper()
	m, err := llama.Load(path, llama.ModelParams{})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	ctx, err := llama.NewContext(m, llama.ContextParams{NCtx: 256, NBatch: 256, KVF32: true, Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer ctx.Close()
	if adapter != "" {
		a, err := llama.LoadAdapter(m, adapter)
		if err != nil {
			t.Fatal(err)
		}
		defer a.Close()
		if err := ctx.SetAdapter(a, 1); err != nil {
			t.Fatal(err)
		}
		defer ctx.ClearAdapters()
	}
	var out [][]float32
	for _, seq := range seqs {
		ctx.ClearMemory()
		entries := make([]llama.BatchEntry, len(seq))
		for i, tok := range seq {
			entries[i] = llama.BatchEntry{Token: tok, Pos: i, Logits: true}
		}
		if err := ctx.Decode(context.Background(), entries); err != nil {
			t.Fatal(err)
		}
		var all []float32
		for i := range seq {
			l, err := ctx.Logits(i)
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, l...)
		}
		out = append(out, all)
	}
	return out
}

// goLogits runs the sequences through the Go forward one by one.
func goLogits(t *testing.T, base *lora.Base, ad *lora.Adapter, seqs [][]int32) [][]float32 {
	t.Helper()
	longest := 0
	for _, s := range seqs {
		longest = max(longest, len(s))
	}
	m, err := lora.NewModel(base, ad, lora.Options{Batch: 1, Seq: longest, Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	var out [][]float32
	for _, s := range seqs {
		if _, err := m.Forward(lora.Batch{Tokens: s, Seq: len(s)}, false); err != nil {
			t.Fatal(err)
		}
		out = append(out, append([]float32(nil), m.Logits()...))
	}
	return out
}

// compareLogits fails unless every logit agrees within parityTol · max|logit|
// and returns the observed ratio max|Δ| / max|logit|.
func compareLogits(t *testing.T, what string, got, want [][]float32) float64 {
	t.Helper()
	var maxDiff, maxAbs float64
	for s := range want {
		if len(got[s]) != len(want[s]) {
			t.Fatalf("%s: sequence %d has %d logits in Go, %d in llama.cpp", what, s, len(got[s]), len(want[s]))
		}
		for i, w := range want[s] {
			maxAbs = max(maxAbs, math.Abs(float64(w)))
			maxDiff = max(maxDiff, math.Abs(float64(got[s][i]-w)))
		}
	}
	ratio := maxDiff / maxAbs
	t.Logf("%s: max |Δlogit| %.3g, max |logit| %.3g, ratio %.3g (tolerance %g)", what, maxDiff, maxAbs, ratio, parityTol)
	if ratio > parityTol || math.IsNaN(ratio) {
		t.Errorf("%s: logits differ from llama.cpp by %.3g of max |logit| (> %g)", what, ratio, parityTol)
	}
	return ratio
}

func tinySeqs(v int) [][]int32 {
	var seqs [][]int32
	for s, n := range []int{8, 17, 24} {
		seq := make([]int32, n)
		for i := range seq {
			seq[i] = int32((i*7 + s*13 + 3) % v)
		}
		seqs = append(seqs, seq)
	}
	return seqs
}

// TestTinyParity: a tiny random llama (tied and untied output) gives the
// same logits in Go and llama.cpp, without and with a random adapter that
// went through WriteGGUF and llama_adapter_lora_init.
func TestTinyParity(t *testing.T) {
	for _, untied := range []bool{false, true} {
		spec := lora.DefaultTiny
		spec.Untied = untied
		path := lora.WriteTinyModel(t, spec)
		base, err := lora.LoadBase(path)
		if err != nil {
			t.Fatal(err)
		}
		seqs := tinySeqs(base.Config.NVocab)
		name := map[bool]string{false: "tied", true: "untied"}[untied]
		compareLogits(t, "tiny "+name+" base", goLogits(t, base, nil, seqs), llamaLogits(t, path, "", seqs))

		ad, err := lora.NewAdapter(base, lora.AdapterConfig{Rank: 4, Alpha: 6, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		lora.RandomizeAdapter(ad, 7, 1)
		adPath := filepath.Join(t.TempDir(), "adapter.gguf")
		if err := ad.WriteGGUF(adPath, base); err != nil {
			t.Fatal(err)
		}
		withAd := goLogits(t, base, ad, seqs)
		r := compareLogits(t, "tiny "+name+" + adapter", withAd, llamaLogits(t, path, adPath, seqs))
		// the adapter must matter, or the comparison proves nothing
		plain := goLogits(t, base, nil, seqs)
		var moved float64
		for i := range plain[0] {
			moved = max(moved, math.Abs(float64(plain[0][i]-withAd[0][i])))
		}
		if moved < 0.1 {
			t.Errorf("adapter moved logits by only %g", moved)
		}
		_ = r
	}
}

func realModelPath(t *testing.T) string {
	t.Helper()
	path := filepath.Join("..", "models", "SmolLM2-135M-Instruct.Q4_1.gguf")
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		if testing.Short() {
			t.Skip("real model absent")
		}
		t.Fatalf("%s not found: run make model", path)
	}
	if testing.Short() {
		t.Skip("real-model parity is slow; skipped with -short")
	}
	return path
}

// TestRealParity: SmolLM2-135M, dequantised by package gguf. llama.cpp runs
// an F32 copy written by gguf.ConvertToF32 (≈540 MB in t.TempDir(), a few
// seconds), Go runs LoadBase of the Q4_1 file (bit-identical dequantisation).
// Three prompts of 8–24 tokens, every position's logits, without and with a
// random rank-8 adapter on all seven targets of every block.
func TestRealParity(t *testing.T) {
	realParity(t, "SmolLM2", realModelPath(t))
}

// TestOtherModelParity runs the same check on any other llama-family GGUF
// named by $DOMAINGEN_PARITY_GGUF, e.g. a Qwen2.5 (q/k/v biases, untied or
// tied head, its own RoPE base): the user's own model gets the same proof.
// Skipped without the variable. A 1.5B model needs ≈ 13 GB of memory and
// ≈ 13 GB of disk for the F32 copy.
func TestOtherModelParity(t *testing.T) {
	path := os.Getenv("DOMAINGEN_PARITY_GGUF")
	if path == "" {
		t.Skip("set DOMAINGEN_PARITY_GGUF to a GGUF model to check it")
	}
	realParity(t, filepath.Base(path), path)
}

func realParity(t *testing.T, name, quantized string) {
	f32 := filepath.Join(t.TempDir(), "model-f32.gguf")
	if err := gguf.ConvertToF32(quantized, f32, nil); err != nil {
		t.Fatal(err)
	}
	base, err := lora.LoadBase(quantized)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %s, %d blocks, embedding %d, vocab %d", name, base.Config.Arch, base.Config.NLayer, base.Config.NEmbd, base.Config.NVocab)
	// A full load just to tokenize: llama.Load with VocabOnly aborts the
	// process (llama_model_n_head on a model without layers).
	vm, err := llama.Load(quantized, llama.ModelParams{})
	if err != nil {
		t.Fatal(err)
	}
	var seqs [][]int32
	for _, text := range []string{
		"<|im_start|>user\nA bakery in Lisbon<|im_end|>\n",
		"Suggest five domain names for an eco-friendly bike repair shop.",
		"<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nName ideas for a cat cafe?<|im_end|>\n<|im_start|>assistant\n",
	} {
		toks, err := vm.Tokenize(text, false, true)
		if err != nil {
			t.Fatal(err)
		}
		if len(toks) > 32 {
			toks = toks[:32]
		}
		seqs = append(seqs, toks)
	}
	vm.Close()
	compareLogits(t, name+" base", goLogits(t, base, nil, seqs), llamaLogits(t, f32, "", seqs))

	ad, err := lora.NewAdapter(base, lora.AdapterConfig{Rank: 8, Alpha: 16, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	lora.RandomizeAdapter(ad, 3, 0.5)
	adPath := filepath.Join(t.TempDir(), "adapter.gguf")
	if err := ad.WriteGGUF(adPath, base); err != nil {
		t.Fatal(err)
	}
	compareLogits(t, name+" + adapter", goLogits(t, base, ad, seqs), llamaLogits(t, f32, adPath, seqs))
}

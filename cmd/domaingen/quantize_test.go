package main

import (
	"bytes"
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"domaingen/engine"
	"domaingen/llama"
	"domaingen/lora"
	"domaingen/prompt"
)

// quantizeModel is the real base model (make model).
var quantizeModel = filepath.Join("..", "..", "models", "SmolLM2-135M-Instruct.Q4_1.gguf")

// lastLogits decodes tokens from position 0 and returns the logits of every position.
func lastLogits(t *testing.T, path, adapter string, tokens []llama.Token) []float32 {
	t.Helper()
	m, err := llama.Load(path, llama.ModelParams{})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	c, err := llama.NewContext(m, llama.ContextParams{NCtx: 64, NBatch: 64, KVF32: true, Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if adapter != "" {
		a, err := llama.LoadAdapter(m, adapter)
		if err != nil {
			t.Fatal(err)
		}
		defer a.Close()
		if err := c.SetAdapter(a, 1); err != nil {
			t.Fatal(err)
		}
		defer c.ClearAdapters()
	}
	entries := make([]llama.BatchEntry, len(tokens))
	for i, tok := range tokens {
		entries[i] = llama.BatchEntry{Token: tok, Pos: i, Logits: true}
	}
	if err := c.Decode(context.Background(), entries); err != nil {
		t.Fatal(err)
	}
	var all []float32
	for i := range tokens {
		l, err := c.Logits(i)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, l...)
	}
	return all
}

// diffs returns max |a−b|, mean |a−b| and max |b|.
func diffs(a, b []float32) (maxD, meanD, scale float64) {
	for i := range a {
		d := math.Abs(float64(a[i] - b[i]))
		maxD = max(maxD, d)
		meanD += d
		scale = max(scale, math.Abs(float64(b[i])))
	}
	return maxD, meanD / float64(len(a)), scale
}

// TestQuantizeMergesAdapter merges a random rank-8 adapter into the base
// and checks in llama.cpp that the merged model's logits match the base
// (converted to the same type) with the adapter applied by llama.cpp:
//   - F32: max |Δ| ≤ 1e-3 of the largest logit (the merge itself is exact
//     up to float32 rounding);
//   - Q8_0: max |Δ| ≤ 6% of the largest logit and mean |Δ| ≤ 0.8 × the
//     adapter's own mean effect. Loose on purpose: the Q4_1 base's values
//     survive re-quantization to Q8_0 almost exactly, the merged weights
//     (no longer on the Q4_1 grid) do not, so Q8_0 rounding of the whole
//     model is measured here (≈ 4% of the largest logit).
func TestQuantizeMergesAdapter(t *testing.T) {
	if _, err := os.Stat(quantizeModel); errors.Is(err, os.ErrNotExist) {
		if testing.Short() {
			t.Skip("real model absent")
		}
		t.Fatalf("%s not found: run make model", quantizeModel)
	}
	dir := t.TempDir()
	base, err := lora.LoadBase(quantizeModel)
	if err != nil {
		t.Fatal(err)
	}
	ad, err := lora.NewAdapter(base, lora.AdapterConfig{Rank: 8, Alpha: 16, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(4, 4))
	for i := range ad.Pairs {
		for j := range ad.Pairs[i].B {
			ad.Pairs[i].B[j] = float32(rng.NormFloat64() * 0.02)
		}
	}
	adPath := filepath.Join(dir, "adapter.gguf")
	if err := ad.WriteGGUF(adPath, base); err != nil {
		t.Fatal(err)
	}
	tokens := []llama.Token{1, 9690, 198, 2683, 314, 253, 1345, 30, 2, 198, 1, 4093, 198}
	for _, c := range []struct {
		typ           string
		maxRel, meanK float64 // limits: max |Δ| ≤ maxRel·max|logit|, mean |Δ| ≤ meanK·(adapter's own mean effect)
	}{{"F32", 1e-3, 0.01}, {"Q8_0", 0.06, 0.8}} {
		var stdout, stderr bytes.Buffer
		merged := filepath.Join(dir, "merged-"+c.typ+".gguf")
		if code := run([]string{"quantize", "--model", quantizeModel, "--adapter", adPath, "--type", c.typ, "--out", merged}, &stdout, &stderr); code != 0 {
			t.Fatalf("quantize exited %d: %s", code, stderr.String())
		}
		t.Log(stdout.String())
		plainPath := filepath.Join(dir, "base-"+c.typ+".gguf")
		if code := run([]string{"quantize", "--model", quantizeModel, "--type", c.typ, "--out", plainPath}, &stdout, &stderr); code != 0 {
			t.Fatalf("quantize exited %d: %s", code, stderr.String())
		}
		assertPromptMeta(t, merged, string(prompt.Compact))
		assertPromptMeta(t, plainPath, "")
		ref := lastLogits(t, plainPath, adPath, tokens)
		plain := lastLogits(t, plainPath, "", tokens)
		got := lastLogits(t, merged, "", tokens)
		d, mean, scale := diffs(got, ref)
		_, effectMean, _ := diffs(plain, ref)
		t.Logf("%s: merged vs base+adapter max |Δ| %.5f, mean |Δ| %.5f (largest logit %.2f, ratio %.2g); the adapter itself moves logits by %.4f on average",
			c.typ, d, mean, scale, d/scale, effectMean)
		if d > c.maxRel*scale || mean > c.meanK*effectMean {
			t.Errorf("%s: merged model differs by max %.4f, mean %.4f (limits %.4f and %.4f)", c.typ, d, mean, c.maxRel*scale, c.meanK*effectMean)
		}
		os.Remove(plainPath)
	}
}

// assertPromptMeta checks the prompt layout a model file records
// (engine.PromptMetaKey; want "" for none).
func assertPromptMeta(t *testing.T, path, want string) {
	t.Helper()
	m, err := llama.Load(path, llama.ModelParams{})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	got, _ := m.Meta(engine.PromptMetaKey)
	if got != want {
		t.Errorf("%s records %s=%q, want %q", path, engine.PromptMetaKey, got, want)
	}
}

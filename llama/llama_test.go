package llama

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"domaingen/gguf"
)

// testModelPath is the real model fetched by `make model`.
func testModelPath(t testing.TB) string {
	t.Helper()
	path := os.Getenv("DOMAINGEN_MODEL")
	if path == "" {
		path = filepath.Join("..", "models", "SmolLM2-135M-Instruct.Q4_1.gguf")
	}
	if _, err := os.Stat(path); err != nil {
		if testing.Short() {
			t.Skip("model not present; run `make model` (skipped in -short mode)")
		}
		t.Fatalf("model %s not found: run `make model` first", path)
	}
	return path
}

var (
	sharedOnce  sync.Once
	sharedModel *Model
	sharedErr   error
)

// loadTestModel loads the real model once for the whole test binary.
func loadTestModel(t testing.TB) *Model {
	path := testModelPath(t)
	sharedOnce.Do(func() { sharedModel, sharedErr = Load(path, ModelParams{}) })
	require.NoError(t, sharedErr)
	return sharedModel
}

func TestModelInfo(t *testing.T) {
	m := loadTestModel(t)
	info := m.Info()
	assert.Equal(t, "llama", info.Architecture)
	assert.Equal(t, 49152, info.NVocab)
	assert.Equal(t, 576, info.NEmbd)
	assert.Equal(t, 30, info.NLayer)
	assert.Equal(t, 9, info.NHead)
	assert.Equal(t, 3, info.NHeadKV)
	assert.Contains(t, info.ChatTemplate, "<|im_start|>")
	arch, ok := m.Meta("general.architecture")
	assert.True(t, ok)
	assert.Equal(t, "llama", arch)
	_, ok = m.Meta("no.such.key")
	assert.False(t, ok)
}

func TestTokenizeRoundTrip(t *testing.T) {
	m := loadTestModel(t)
	texts := []string{
		"organic coffee shop downtown",
		"Café in Montréal with crème brûlée",
		"成都的一家川菜馆，主打麻辣火锅",
		"서울 홍대에 있는 수제 맥주 펍",
		"مخبز عائلي في عمّان",
		"emoji ☕📚🛋️ and 👩‍🍳 joined",
		"  leading spaces, tabs\tand\nnewlines  ",
		"mixed: ASCII, ñ, ß, Ελληνικά, русский, 日本語",
	}
	for _, text := range texts {
		t.Run(text, func(t *testing.T) {
			toks, err := m.Tokenize(text, false, false)
			require.NoError(t, err)
			require.NotEmpty(t, toks)
			back, err := m.Detokenize(toks, false)
			require.NoError(t, err)
			assert.Equal(t, text, back)
			var pieces strings.Builder
			for _, tok := range toks {
				pieces.WriteString(m.Piece(tok))
			}
			assert.Equal(t, text, pieces.String(), "pieces concatenate to the text")
		})
	}
}

func TestVocabOnly(t *testing.T) {
	m, err := Load(testModelPath(t), ModelParams{VocabOnly: true})
	require.NoError(t, err)
	defer m.Close()
	assert.Equal(t, 49152, m.Info().NVocab)
	toks, err := m.Tokenize("bakery in Oslo", false, false)
	require.NoError(t, err)
	text, err := m.Detokenize(toks, false)
	require.NoError(t, err)
	assert.Equal(t, "bakery in Oslo", text)
	_, err = NewContext(m, ContextParams{})
	assert.ErrorContains(t, err, "VocabOnly")
}

func TestTokenizeSpecial(t *testing.T) {
	m := loadTestModel(t)
	special, err := m.Tokenize("<|im_start|>user", false, true)
	require.NoError(t, err)
	plain, err := m.Tokenize("<|im_start|>user", false, false)
	require.NoError(t, err)
	assert.Less(t, len(special), len(plain), "parseSpecial turns the marker into one token")
	_, err = m.Detokenize([]Token{-1}, false)
	assert.Error(t, err, "out-of-vocabulary token")
}

func TestChatTemplate(t *testing.T) {
	m := loadTestModel(t)
	out, err := m.ApplyChatTemplate("", []ChatMessage{{"system", "S"}, {"user", "U"}}, true)
	require.NoError(t, err)
	assert.Equal(t, "<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nU<|im_end|>\n<|im_start|>assistant\n", out)
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	notGGUF := filepath.Join(dir, "bad.gguf")
	require.NoError(t, os.WriteFile(notGGUF, []byte("this is not a model"), 0o644))
	truncated := filepath.Join(dir, "trunc.gguf")
	require.NoError(t, os.WriteFile(truncated, []byte("GGUF\x03\x00\x00\x00\x05"), 0o644))
	for name, path := range map[string]string{
		"missing":   filepath.Join(dir, "missing.gguf"),
		"not gguf":  notGGUF,
		"truncated": truncated,
	} {
		t.Run(name, func(t *testing.T) {
			m, err := Load(path, ModelParams{})
			assert.Nil(t, m)
			require.Error(t, err)
			assert.Contains(t, err.Error(), path)
		})
	}
}

func TestAdapterLoadErrors(t *testing.T) {
	m := loadTestModel(t)
	dir := t.TempDir()
	_, err := LoadAdapter(m, filepath.Join(dir, "missing.gguf"))
	require.Error(t, err)
	// The model itself is a GGUF but not an adapter: llama.cpp must refuse it
	// with a reason rather than abort.
	a, err := LoadAdapter(m, testModelPath(t))
	assert.Nil(t, a)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "load adapter")
}

// writeAdapter writes a rank-1 LoRA adapter GGUF for attn_q of block 0 of
// the real model (576×576), declaring the given architecture.
func writeAdapter(t *testing.T, arch string, in, out int) string {
	b := gguf.NewBuilder()
	require.NoError(t, b.Set("general.type", "adapter"))
	require.NoError(t, b.Set("general.architecture", arch))
	require.NoError(t, b.Set("adapter.type", "lora"))
	require.NoError(t, b.Set("adapter.lora.alpha", float32(1)))
	require.NoError(t, b.AddF32("blk.0.attn_q.weight.lora_a", []int64{int64(in), 1}, make([]float32, in)))
	require.NoError(t, b.AddF32("blk.0.attn_q.weight.lora_b", []int64{1, int64(out)}, make([]float32, out)))
	path := filepath.Join(t.TempDir(), arch+".gguf")
	require.NoError(t, b.WriteFile(path))
	return path
}

func TestAdapterLoadApplyRemove(t *testing.T) {
	m := loadTestModel(t)
	// An adapter declared for another architecture is refused with
	// llama.cpp's reason, not a crash.
	_, err := LoadAdapter(m, writeAdapter(t, "qwen2", 576, 576))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "arch")
	// Wrong shapes for the base tensor are refused too.
	_, err = LoadAdapter(m, writeAdapter(t, "llama", 100, 576))
	require.Error(t, err)

	// A well-formed adapter with B = 0 loads, applies and leaves the logits
	// unchanged; it can be removed, and removing it twice is an error.
	a, err := LoadAdapter(m, writeAdapter(t, "llama", 576, 576))
	require.NoError(t, err)
	defer a.Close()
	alpha, ok := a.Meta("adapter.lora.alpha")
	assert.True(t, ok)
	assert.Contains(t, alpha, "1")
	c, err := NewContext(m, ContextParams{Threads: 2})
	require.NoError(t, err)
	defer c.Close()
	logits := func() []float32 {
		c.ClearMemory()
		toks, err := m.Tokenize("hello world", false, false)
		require.NoError(t, err)
		entries := make([]BatchEntry, len(toks))
		for i, tok := range toks {
			entries[i] = BatchEntry{Token: tok, Pos: i, Logits: i == len(toks)-1}
		}
		require.NoError(t, c.Decode(context.Background(), entries))
		l, err := c.Logits(-1)
		require.NoError(t, err)
		return l
	}
	base := logits()
	require.NoError(t, c.SetAdapter(a, 1))
	assert.InDeltaSlice(t, base, logits(), 1e-4)
	require.NoError(t, c.RemoveAdapter(a))
	assert.Error(t, c.RemoveAdapter(a))
	c.ClearAdapters()
}

func newTestGenerator(t *testing.T, cfg GeneratorConfig) *Generator {
	m := loadTestModel(t)
	if cfg.Threads == 0 {
		cfg.Threads = 2
	}
	g, err := NewGenerator(m, nil, cfg)
	require.NoError(t, err)
	t.Cleanup(func() { g.Close() })
	return g
}

const testGrammar = `root ::= line line
line ::= [a-z] [a-z0-9]{2,14} "." ("com" | "io") "\n"`

func testRequest(t *testing.T, m *Model, desc string, seed uint32) GenerateRequest {
	p, err := m.ApplyChatTemplate("", []ChatMessage{{"system", "Suggest domain names, one per line."}, {"user", desc}}, true)
	require.NoError(t, err)
	sp := DefaultSampling()
	sp.Seed = seed
	sp.Grammar = testGrammar
	sp.AllowedBytes = "abcdefghijklmnopqrstuvwxyz0123456789.\n"
	return GenerateRequest{Prompt: p, Sequences: 4, MaxTokens: 32, Sampling: sp}
}

func texts(res GenerateResult) []string {
	out := make([]string, len(res.Sequences))
	for i, s := range res.Sequences {
		out[i] = s.Text()
	}
	return out
}

func TestGenerateGrammarSeedAndCache(t *testing.T) {
	g := newTestGenerator(t, GeneratorConfig{Contexts: 1})
	ctx := context.Background()
	req := testRequest(t, g.Model(), "organic coffee shop downtown", 1)

	first, err := g.Generate(ctx, req)
	require.NoError(t, err)
	require.Len(t, first.Sequences, 4)
	for _, s := range first.Sequences {
		assert.True(t, s.Finished, "grammar completes, then end of generation")
		assert.Regexp(t, `^([a-z][a-z0-9]{2,14}\.(com|io)\n){2}$`, s.Text())
		require.Len(t, s.LogProbs, len(s.Tokens))
		for _, lp := range s.LogProbs {
			assert.LessOrEqual(t, lp, float32(0))
		}
	}

	// Same seed: same text, and the whole prompt but its last token comes
	// from the KV cache.
	again, err := g.Generate(ctx, req)
	require.NoError(t, err)
	assert.Equal(t, texts(first), texts(again))
	assert.Equal(t, again.PromptTokens-1, again.ReusedTokens)

	// Another description shares the system-prompt prefix only.
	other := testRequest(t, g.Model(), "bike repair shop", 1)
	res, err := g.Generate(ctx, other)
	require.NoError(t, err)
	assert.Greater(t, res.ReusedTokens, 5)
	assert.Less(t, res.ReusedTokens, res.PromptTokens-1)

	// Back to the first request after the cache moved on: same output as cold.
	back, err := g.Generate(ctx, req)
	require.NoError(t, err)
	assert.Equal(t, texts(first), texts(back))

	// Another seed: different output.
	req2 := testRequest(t, g.Model(), "organic coffee shop downtown", 2)
	diff, err := g.Generate(ctx, req2)
	require.NoError(t, err)
	assert.NotEqual(t, texts(first), texts(diff))
}

// TestGenerateReusablePrefix: with ReusablePrefix only the system turn
// comes from the cache, however much of the prompt the cache holds, and
// the request's own turn is decoded the same way each time.
func TestGenerateReusablePrefix(t *testing.T) {
	g := newTestGenerator(t, GeneratorConfig{Contexts: 1})
	ctx := context.Background()
	sys := []ChatMessage{{"system", "Suggest domain names, one per line."}}
	prefix, err := g.Model().ApplyChatTemplate("", sys, false)
	require.NoError(t, err)
	prefixTokens, err := g.Model().Tokenize(prefix, true, true)
	require.NoError(t, err)

	req := testRequest(t, g.Model(), "organic coffee shop downtown", 1)
	req.ReusablePrefix = prefix
	cold, err := g.Generate(ctx, req)
	require.NoError(t, err)
	assert.Equal(t, 0, cold.ReusedTokens)
	again, err := g.Generate(ctx, req)
	require.NoError(t, err)
	assert.Equal(t, len(prefixTokens), again.ReusedTokens, "the whole prompt is cached, only the prefix is reused")
	assert.Equal(t, texts(cold), texts(again))

	// A prefix that is not the prompt's start is ignored: longest reuse.
	req.ReusablePrefix = "<|im_start|>user\nsomething else"
	odd, err := g.Generate(ctx, req)
	require.NoError(t, err)
	assert.Equal(t, odd.PromptTokens-1, odd.ReusedTokens)
}

// TestGenerateDistinctStarts: with StartRepeats 1 no two sequences begin
// with the same token (with 2, no three), and a sequence is otherwise sampled as before (the
// first sequence, which nothing is excluded from, is unchanged). Without
// it, 12 draws from the same peaked first-token distribution collide.
func TestGenerateDistinctStarts(t *testing.T) {
	g := newTestGenerator(t, GeneratorConfig{Contexts: 1})
	ctx := context.Background()
	req := testRequest(t, g.Model(), "organic coffee shop downtown", 1)
	req.Sequences, req.MaxTokens = 12, 8
	firsts := func(res GenerateResult) map[Token]int {
		m := map[Token]int{}
		for _, s := range res.Sequences {
			require.NotEmpty(t, s.Tokens)
			m[s.Tokens[0]]++
		}
		return m
	}
	plain, err := g.Generate(ctx, req)
	require.NoError(t, err)
	assert.Less(t, len(firsts(plain)), 12, "independent draws should repeat a first token (else this test proves nothing)")
	req.StartRepeats = 1
	distinct, err := g.Generate(ctx, req)
	require.NoError(t, err)
	assert.Len(t, firsts(distinct), 12, "every sequence starts differently")
	assert.Equal(t, plain.Sequences[0].Tokens, distinct.Sequences[0].Tokens, "sequence 0 has nothing excluded")
	for _, s := range distinct.Sequences {
		assert.Regexp(t, `^[a-z0-9.\n]*$`, s.Text(), "still under the grammar")
	}
	req.StartRepeats = 2
	twice, err := g.Generate(ctx, req)
	require.NoError(t, err)
	for tok, n := range firsts(twice) {
		assert.LessOrEqual(t, n, 2, "token %d starts %d sequences", tok, n)
	}
}

func TestGenerateConcurrentPool(t *testing.T) {
	g := newTestGenerator(t, GeneratorConfig{Contexts: 2, Threads: 1})
	ctx := context.Background()
	descs := []string{"florist in Lyon", "taco truck", "law firm for startups", "dog grooming van"}
	want := make([][]string, len(descs))
	for i, d := range descs {
		res, err := g.Generate(ctx, testRequest(t, g.Model(), d, 3))
		require.NoError(t, err)
		want[i] = texts(res)
	}
	var wg sync.WaitGroup
	got := make([][]string, len(descs))
	errs := make([]error, len(descs))
	for i, d := range descs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := g.Generate(ctx, testRequest(t, g.Model(), d, 3))
			got[i], errs[i] = texts(res), err
		}()
	}
	wg.Wait()
	for i := range descs {
		require.NoError(t, errs[i])
		assert.Equal(t, want[i], got[i], "concurrent result equals sequential for %q", descs[i])
	}
}

func TestGenerateCancel(t *testing.T) {
	g := newTestGenerator(t, GeneratorConfig{Contexts: 1})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := g.Generate(ctx, testRequest(t, g.Model(), "bakery", 1))
	require.Error(t, err)
	assert.True(t, errors.Is(err, context.Canceled))

	// A deadline that passes mid-generation stops it early with an error,
	// and the context is usable afterwards.
	ctx, cancel = context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	time.Sleep(2 * time.Millisecond)
	_, err = g.Generate(ctx, testRequest(t, g.Model(), "bakery", 1))
	require.Error(t, err)
	res, err := g.Generate(context.Background(), testRequest(t, g.Model(), "bakery", 1))
	require.NoError(t, err)
	assert.Len(t, res.Sequences, 4)
}

func TestGenerateValidation(t *testing.T) {
	g := newTestGenerator(t, GeneratorConfig{Contexts: 1, MaxSequences: 4})
	req := testRequest(t, g.Model(), "bakery", 1)
	req.Sequences = 5
	_, err := g.Generate(context.Background(), req)
	assert.ErrorContains(t, err, "sequences")
	req.Sequences = 1
	req.MaxTokens = 10000
	_, err = g.Generate(context.Background(), req)
	assert.ErrorContains(t, err, "exceeds the context")
	req.MaxTokens = 8
	req.Sampling.Grammar = "root ::= oops"
	_, err = g.Generate(context.Background(), req)
	assert.ErrorContains(t, err, "grammar")
}

func TestLogitsMatchSampleLogProb(t *testing.T) {
	m := loadTestModel(t)
	c, err := NewContext(m, ContextParams{Threads: 2})
	require.NoError(t, err)
	defer c.Close()
	toks, err := m.Tokenize("The capital of France is", false, false)
	require.NoError(t, err)
	entries := make([]BatchEntry, len(toks))
	for i, tok := range toks {
		entries[i] = BatchEntry{Token: tok, Pos: i, Logits: i == len(toks)-1}
	}
	require.NoError(t, c.Decode(context.Background(), entries))
	logits, err := c.Logits(-1)
	require.NoError(t, err)
	require.Len(t, logits, m.Info().NVocab)
	s, err := NewSampler(m, SamplingParams{}) // greedy
	require.NoError(t, err)
	defer s.Close()
	tok, lp, err := c.Sample(s, -1)
	require.NoError(t, err)
	best := 0
	for i, l := range logits {
		if l > logits[best] {
			best = i
		}
	}
	assert.Equal(t, Token(best), tok, "greedy picks the arg-max logit")
	assert.Equal(t, " Paris", m.Piece(tok))
	assert.InDelta(t, logSoftmax(logits, best), lp, 1e-4)
}

func logSoftmax(logits []float32, i int) float32 {
	maxl := logits[0]
	for _, l := range logits {
		maxl = max(maxl, l)
	}
	var sum float64
	for _, l := range logits {
		sum += expf64(float64(l - maxl))
	}
	return float32(float64(logits[i]-maxl) - logf64(sum))
}

func TestQuantize(t *testing.T) {
	m := loadTestModel(t)
	dst := filepath.Join(t.TempDir(), "q8.gguf")
	require.NoError(t, Quantize(testModelPath(t), dst, FileTypeQ8_0, 2, true))
	q, err := Load(dst, ModelParams{})
	require.NoError(t, err)
	defer q.Close()
	assert.Equal(t, m.Info().NVocab, q.Info().NVocab)
	assert.Contains(t, q.Info().Description, "Q8_0")
	assert.Error(t, Quantize(filepath.Join(t.TempDir(), "missing.gguf"), dst, FileTypeQ8_0, 1, true))
	_, err = ParseFileType("Q3_XS")
	assert.Error(t, err)
}

func TestFreeCores(t *testing.T) {
	n := FreeCores()
	assert.GreaterOrEqual(t, n, 1)
}

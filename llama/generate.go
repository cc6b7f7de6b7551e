package llama

/*
#include "helpers.h"
*/
import "C"

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// GeneratorConfig configures a Generator. Zero values mean defaults.
type GeneratorConfig struct {
	// Contexts in the pool, i.e. requests decoded at the same time
	// (default max(1, FreeCores()/4): on 2 cores one context with 2 threads
	// answers a single request faster than two contexts with one each).
	Contexts int
	// Threads per context (default FreeCores()/Contexts, at least 1).
	Threads int
	// NCtx is the KV-cache size of each context (default 2048).
	NCtx int
	// MaxSequences decoded in parallel per request (default 16).
	MaxSequences int
	// AdapterScale multiplies the adapter's alpha/rank scale (default 1).
	AdapterScale float32
}

// DefaultContexts is the pool size for the given free cores: one context
// per 4 cores, at least 1. On 2 cores one context with both threads answers
// a request faster than two contexts with one thread each.
func DefaultContexts(freeCores int) int { return max(1, freeCores/4) }

// Generator samples several continuations of one prompt in parallel. The
// prompt is decoded once into sequence 0 and shared by every sequence
// through the unified KV cache; the longest prefix a context already holds
// from the previous request (typically the system prompt) is not decoded
// again. It is safe for concurrent use.
type Generator struct {
	model   *Model
	adapter *Adapter
	pool    *Pool
	cfg     GeneratorConfig
}

// NewGenerator creates a generator over m with an optional adapter (nil
// for none), applied to every context.
func NewGenerator(m *Model, adapter *Adapter, cfg GeneratorConfig) (*Generator, error) {
	cores := FreeCores()
	if cfg.Contexts <= 0 {
		cfg.Contexts = DefaultContexts(cores)
	}
	if cfg.Threads <= 0 {
		cfg.Threads = max(1, cores/cfg.Contexts)
	}
	if cfg.MaxSequences <= 0 {
		cfg.MaxSequences = 16
	}
	if cfg.AdapterScale == 0 {
		cfg.AdapterScale = 1
	}
	pool, err := NewPool(m, cfg.Contexts, ContextParams{NCtx: cfg.NCtx, NSeqMax: cfg.MaxSequences, Threads: cfg.Threads})
	if err != nil {
		return nil, fmt.Errorf("new generator: %w", err)
	}
	g := &Generator{model: m, adapter: adapter, pool: pool, cfg: cfg}
	if adapter != nil {
		for _, c := range pool.all {
			if err := c.SetAdapter(adapter, cfg.AdapterScale); err != nil {
				pool.Close()
				return nil, fmt.Errorf("new generator: %w", err)
			}
		}
	}
	return g, nil
}

// Close frees the generator's contexts (not the model or adapter).
func (g *Generator) Close() error { return g.pool.Close() }

// Model returns the generator's model.
func (g *Generator) Model() *Model { return g.model }

// Config returns the effective configuration.
func (g *Generator) Config() GeneratorConfig { return g.cfg }

// GenerateRequest is one prompt to continue several times.
type GenerateRequest struct {
	// Prompt is the full text to continue (already rendered with a chat
	// template); special-token text in it is parsed as special tokens.
	Prompt string
	// Sequences to sample (1..MaxSequences).
	Sequences int
	// MaxTokens per sequence.
	MaxTokens int
	// Sampling; sequence s uses Seed+s so sequences differ but runs repeat.
	Sampling SamplingParams
	// ReusablePrefix, if set, is text Prompt starts with (the chat before
	// the request's own turn) and the only part whose cached KV entries
	// may be reused. The rest of the prompt is then always decoded as one
	// batch from the same position, so the same request gives the same
	// logits, and the same samples, whatever the context held before:
	// llama.cpp's results depend slightly on how a prompt is batched.
	// Empty: reuse the longest cached token prefix (faster, not
	// reproducible across different cache histories).
	ReusablePrefix string
	// StartRepeats, if positive, caps how many sequences may begin with
	// the same token: sequence s may not start with a token StartRepeats
	// earlier sequences started with (unless nothing else is allowed).
	// All sequences start from the same logits, so 1 samples the first
	// tokens without replacement — a set of different openings from one
	// distribution instead of independent draws that collide; for one
	// short answer per sequence (a name), where equal first tokens mostly
	// mean equal answers. 0: independent draws.
	StartRepeats int
}

// Sequence is one sampled continuation.
type Sequence struct {
	Tokens   []Token
	Pieces   []string  // text of each token
	LogProbs []float32 // log p(token) under the raw model distribution
	// Finished is true when the sequence ended with an end-of-generation
	// token, false when it hit MaxTokens.
	Finished bool
}

// Text returns the sequence's text.
func (s Sequence) Text() string {
	n := 0
	for _, p := range s.Pieces {
		n += len(p)
	}
	b := make([]byte, 0, n)
	for _, p := range s.Pieces {
		b = append(b, p...)
	}
	return string(b)
}

// GenerateResult holds the sequences and where the time went.
type GenerateResult struct {
	Sequences    []Sequence
	PromptTokens int           // tokens in the prompt
	ReusedTokens int           // prompt tokens found already in the KV cache
	Decoded      int           // tokens decoded (prompt remainder + generated)
	DecodeTime   time.Duration // wall time inside llama_decode
	SampleTime   time.Duration // wall time sampling (grammar included)
	Total        time.Duration // wall time of Generate, waiting excluded
}

// Generate samples req.Sequences continuations of req.Prompt.
func (g *Generator) Generate(ctx context.Context, req GenerateRequest) (GenerateResult, error) {
	if req.Sequences < 1 || req.Sequences > g.cfg.MaxSequences {
		return GenerateResult{}, fmt.Errorf("generate: %d sequences outside [1,%d]", req.Sequences, g.cfg.MaxSequences)
	}
	if req.MaxTokens < 1 {
		return GenerateResult{}, errors.New("generate: MaxTokens must be positive")
	}
	prompt, err := g.model.Tokenize(req.Prompt, true, true)
	if err != nil {
		return GenerateResult{}, fmt.Errorf("generate: %w", err)
	}
	if len(prompt) == 0 {
		return GenerateResult{}, errors.New("generate: empty prompt")
	}
	c, err := g.pool.acquire(ctx)
	if err != nil {
		return GenerateResult{}, fmt.Errorf("generate: wait for a context: %w", err)
	}
	defer g.pool.release(c)
	if need := len(prompt) + req.Sequences*req.MaxTokens; need > c.params.NCtx {
		return GenerateResult{}, fmt.Errorf("generate: prompt of %d tokens plus %d×%d new ones exceeds the context of %d", len(prompt), req.Sequences, req.MaxTokens, c.params.NCtx)
	}
	run := &generation{c: c, model: g.model, req: req, prompt: prompt, start: time.Now(), boundary: len(prompt) - 1}
	if req.ReusablePrefix != "" {
		// A template whose rendering of the shorter chat is not a prefix
		// of the full one keeps the default: reuse what matches.
		if b, ok := g.prefixBoundary(req.ReusablePrefix, prompt); ok {
			run.boundary = b
		}
	}
	return run.do(ctx)
}

// prefixBoundary returns the number of prompt tokens that tokenise
// prefix: where reuse of the cache stops; false if prefix does not
// tokenise to a proper token prefix of the prompt.
func (g *Generator) prefixBoundary(prefix string, prompt []Token) (int, bool) {
	pt, err := g.model.Tokenize(prefix, true, true)
	if err != nil || len(pt) >= len(prompt) || commonPrefix(pt, prompt) != len(pt) {
		return 0, false
	}
	return len(pt), true
}

// generation is the state of one Generate call on one context.
type generation struct {
	c      *poolContext
	model  *Model
	req    GenerateRequest
	prompt []Token
	// boundary: cached tokens beyond it are decoded again; decoding
	// restarts there in batches of NBatch.
	boundary int
	start    time.Time
	res      GenerateResult
}

func (r *generation) do(ctx context.Context) (GenerateResult, error) {
	r.res.PromptTokens = len(r.prompt)
	defer r.resetCache()
	if err := r.decodePrompt(ctx); err != nil {
		return r.res, fmt.Errorf("generate: prompt: %w", err)
	}
	samplers := make([]*Sampler, r.req.Sequences)
	defer func() {
		for _, s := range samplers {
			if s != nil {
				s.Close()
			}
		}
	}()
	for s := range samplers {
		p := r.req.Sampling
		p.Seed += uint32(s)
		smp, err := NewSampler(r.model, p)
		if err != nil {
			return r.res, fmt.Errorf("generate: %w", err)
		}
		samplers[s] = smp
		if s > 0 {
			r.c.CopySequence(0, s, -1, -1)
		}
	}
	if err := r.sampleLoop(ctx, samplers); err != nil {
		return r.res, fmt.Errorf("generate: %w", err)
	}
	r.res.Total = time.Since(r.start)
	return r.res, nil
}

// decodePrompt brings sequence 0 of the cache to exactly the prompt,
// decoding only what the cache does not already hold, and leaves the
// logits of the prompt's last token in the output.
func (r *generation) decodePrompt(ctx context.Context) error {
	c := r.c
	// At most up to the boundary (at least the last token is decoded
	// again, for its logits).
	common := min(commonPrefix(c.cached, r.prompt), r.boundary)
	C.llama_memory_seq_keep(C.llama_get_memory(c.c), 0)
	c.RemoveTokens(0, common, -1)
	c.cached = c.cached[:common]
	r.res.ReusedTokens = common
	nb := c.params.NBatch
	for from := common; from < len(r.prompt); {
		// Batches never straddle the boundary, so what follows it is
		// batched the same way whether the prefix was cached or not.
		to := min(from+nb, len(r.prompt))
		if from < r.boundary {
			to = min(to, r.boundary)
		}
		entries := make([]BatchEntry, 0, to-from)
		for i := from; i < to; i++ {
			entries = append(entries, BatchEntry{Token: r.prompt[i], Pos: i, Seq: 0, Logits: i == len(r.prompt)-1})
		}
		if err := r.decode(ctx, entries); err != nil {
			return err
		}
		c.cached = append(c.cached, r.prompt[from:to]...)
		from = to
	}
	return nil
}

// sampleLoop samples one token per active sequence and decodes them as one
// batch until every sequence has finished.
func (r *generation) sampleLoop(ctx context.Context, samplers []*Sampler) error {
	n := len(samplers)
	seqs := make([]Sequence, n)
	rows := make([]int, n) // output row holding each sequence's next logits
	for s := range rows {
		rows[s] = -1 // all start from the prompt's last token
	}
	active := n
	pos := len(r.prompt)
	var full []Token              // first tokens used StartRepeats times
	startCount := map[Token]int{} // first tokens so far
	for step := 0; active > 0; step++ {
		entries := make([]BatchEntry, 0, active)
		t0 := time.Now()
		for s := 0; s < n; s++ {
			if rows[s] == -2 {
				continue // finished
			}
			var exclude []Token
			if step == 0 && r.req.StartRepeats > 0 {
				exclude = full
			}
			tok, lp, err := r.c.SampleExcluding(samplers[s], rows[s], exclude)
			if err != nil {
				return fmt.Errorf("sequence %d: %w", s, err)
			}
			if step == 0 {
				if startCount[tok]++; startCount[tok] == r.req.StartRepeats {
					full = append(full, tok)
				}
			}
			samplers[s].Accept(tok)
			if r.model.IsEOG(tok) {
				seqs[s].Finished = true
				rows[s] = -2
				active--
				continue
			}
			seqs[s].Tokens = append(seqs[s].Tokens, tok)
			seqs[s].Pieces = append(seqs[s].Pieces, r.model.Piece(tok))
			seqs[s].LogProbs = append(seqs[s].LogProbs, lp)
			if len(seqs[s].Tokens) >= r.req.MaxTokens {
				rows[s] = -2
				active--
				continue
			}
			rows[s] = len(entries)
			entries = append(entries, BatchEntry{Token: tok, Pos: pos, Seq: s, Logits: true})
		}
		r.res.SampleTime += time.Since(t0)
		if len(entries) == 0 {
			break
		}
		if err := r.decode(ctx, entries); err != nil {
			return err
		}
		pos++
	}
	r.res.Sequences = seqs
	return nil
}

func (r *generation) decode(ctx context.Context, entries []BatchEntry) error {
	t0 := time.Now()
	err := r.c.Decode(ctx, entries)
	r.res.DecodeTime += time.Since(t0)
	r.res.Decoded += len(entries)
	return err
}

// resetCache drops everything but the prompt from the cache, so the next
// request can reuse its prefix. After an error the cache content is
// unknown, so it is cleared.
func (r *generation) resetCache() {
	c := r.c
	C.llama_memory_seq_keep(C.llama_get_memory(c.c), 0)
	if !c.RemoveTokens(0, len(c.cached), -1) {
		c.ClearMemory()
		c.cached = nil
	}
}

func commonPrefix(a, b []Token) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

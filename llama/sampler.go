package llama

/*
#include "helpers.h"
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

// SamplingParams configures a Sampler. Zero values mean "off" except where
// noted; DefaultSampling gives sensible values for short creative text.
type SamplingParams struct {
	Temperature   float32 // 0 means greedy decoding
	TopK          int     // keep the K most likely tokens (default 40; it also bounds grammar work)
	TopP          float32 // nucleus: smallest set with cumulative p >= TopP (0 or 1 = off)
	MinP          float32 // drop tokens with p < MinP * p(best) (0 = off)
	RepeatPenalty float32 // penalise tokens seen in the last RepeatLastN (1 or 0 = off)
	RepeatLastN   int     // window for RepeatPenalty (default 64)
	Seed          uint32  // random seed; same seed, same tokens
	// Grammar is a GBNF grammar (root rule "root") the output must match.
	Grammar string
	// AllowedBytes, if not empty, bans every token whose text uses a byte
	// outside this set (end-of-generation tokens stay allowed). It is a
	// cheap pre-filter for a grammar over a small alphabet: the grammar then
	// only has to judge the top few candidates that remain.
	AllowedBytes string
}

// DefaultSampling returns the sampling used for suggestions.
func DefaultSampling() SamplingParams {
	return SamplingParams{Temperature: 0.8, TopK: 40, TopP: 0.95, MinP: 0.05, RepeatPenalty: 1.1, RepeatLastN: 64, Seed: 1}
}

// Sampler draws tokens: top-k, then the grammar, then repetition penalty,
// top-p, min-p, temperature and a seeded draw (or greedy). It holds state
// (grammar position, recent tokens), so each sequence needs its own.
type Sampler struct {
	pre     *C.struct_llama_sampler // top-k
	grammar *C.struct_llama_sampler // nil without a grammar
	post    *C.struct_llama_sampler // chain ending in a draw
	mask    *C.uchar                // owned by the Model's mask cache; nil = all tokens
}

// NewSampler builds a sampler for model m. An invalid grammar is an error.
func NewSampler(m *Model, p SamplingParams) (*Sampler, error) {
	initBackend()
	topK := p.TopK
	if topK <= 0 {
		topK = 40
	}
	s := &Sampler{pre: C.llama_sampler_init_top_k(C.int32_t(topK))}
	s.post = C.llama_sampler_chain_init(C.llama_sampler_chain_default_params())
	add := func(x *C.struct_llama_sampler) { C.llama_sampler_chain_add(s.post, x) }
	if p.RepeatPenalty > 0 && p.RepeatPenalty != 1 {
		lastN := p.RepeatLastN
		if lastN <= 0 {
			lastN = 64
		}
		add(C.llama_sampler_init_penalties(C.int32_t(lastN), C.float(p.RepeatPenalty), 0, 0))
	}
	if p.Temperature <= 0 {
		add(C.llama_sampler_init_greedy())
	} else {
		if p.TopP > 0 && p.TopP < 1 {
			add(C.llama_sampler_init_top_p(C.float(p.TopP), 1))
		}
		if p.MinP > 0 {
			add(C.llama_sampler_init_min_p(C.float(p.MinP), 1))
		}
		add(C.llama_sampler_init_temp(C.float(p.Temperature)))
		add(C.llama_sampler_init_dist(C.uint32_t(p.Seed)))
	}
	if p.Grammar != "" {
		cg := C.CString(p.Grammar)
		defer C.free(unsafe.Pointer(cg))
		root := C.CString("root")
		defer C.free(unsafe.Pointer(root))
		m.mu.RLock()
		s.grammar = C.llama_sampler_init_grammar(m.vocab, cg, root)
		m.mu.RUnlock()
		if s.grammar == nil {
			s.Close()
			return nil, fmt.Errorf("new sampler: invalid grammar: %s", takeLastError())
		}
	}
	if p.AllowedBytes != "" {
		mask, err := m.tokenMask(p.AllowedBytes)
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("new sampler: %w", err)
		}
		s.mask = mask
	}
	return s, nil
}

// Close frees the sampler. It is idempotent.
func (s *Sampler) Close() error {
	for _, p := range []**C.struct_llama_sampler{&s.pre, &s.grammar, &s.post} {
		if *p != nil {
			C.llama_sampler_free(*p)
			*p = nil
		}
	}
	return nil
}

// Accept records tok as chosen, advancing the grammar and the penalty window.
func (s *Sampler) Accept(tok Token) {
	C.llama_sampler_accept(s.post, C.llama_token(tok))
	if s.grammar != nil {
		C.llama_sampler_accept(s.grammar, C.llama_token(tok))
	}
}

// ErrGrammarStuck means the grammar admits no token at all.
var ErrGrammarStuck = errors.New("sample: grammar admits no token")

// Sample draws the next token from output row i of the last Decode (-1 is
// the last row) and returns it with its log-probability under the model's
// raw distribution (temperature 1, whole vocabulary). It does not Accept.
func (c *Context) Sample(s *Sampler, i int) (Token, float32, error) {
	return c.SampleExcluding(s, i, nil)
}

// SampleExcluding is Sample with the tokens in exclude banned, unless every
// candidate the sampler would consider is in exclude: then none is.
func (c *Context) SampleExcluding(s *Sampler, i int, exclude []Token) (Token, float32, error) {
	var logprob C.float
	var ex *C.llama_token
	if len(exclude) > 0 {
		// Token is int32, as llama_token: the slice is passed in place
		// (Go memory without pointers, only read during the call).
		ex = (*C.llama_token)(unsafe.Pointer(&exclude[0]))
	}
	tok := C.dg_sample(c.c, C.int32_t(i), s.pre, s.grammar, s.post, s.mask, &c.cands[0], C.int32_t(len(c.cands)), ex, C.int32_t(len(exclude)), &logprob)
	switch {
	case tok == -1:
		return 0, 0, fmt.Errorf("sample: no logits for row %d", i)
	case tok == -2:
		return 0, 0, ErrGrammarStuck
	case tok < 0:
		return 0, 0, fmt.Errorf("sample: failed (%d)", tok)
	}
	return Token(tok), float32(logprob), nil
}

// tokenMask returns the model's cached mask of tokens made only of bytes in
// allowed, building it on first use.
func (m *Model) tokenMask(allowed string) (*C.uchar, error) {
	m.maskMu.Lock()
	defer m.maskMu.Unlock()
	if mask, ok := m.masks[allowed]; ok {
		return mask, nil
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	if m.c == nil {
		return nil, errors.New("token mask: model is closed")
	}
	mask := (*C.uchar)(C.malloc(C.size_t(m.info.NVocab)))
	ca := C.CString(allowed)
	defer C.free(unsafe.Pointer(ca))
	C.dg_build_mask(m.vocab, ca, mask)
	if m.masks == nil {
		m.masks = map[string]*C.uchar{}
	}
	m.masks[allowed] = mask
	return mask, nil
}

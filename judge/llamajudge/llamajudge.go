// Package llamajudge is the local LLM judge with full rating
// distributions: instead of sampling the answer, it feeds the model the
// answer's JSON skeleton ({"relevance": _, "memorability": _, ...}) and
// reads, at each blank, the model's probabilities of the digits 1–5. The
// expected rating Σ d·p(d) is a graded signal even when the greedy answer
// is the same digit for every name, which is what a 135M model does.
//
// It uses package llama directly (a Context, Decode and Logits), because
// suggest.Generator returns only the sampled token's log-probability.
package llamajudge

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"

	"domaingen/judge"
	"domaingen/llama"
)

// Config configures a Scorer. Zero values mean defaults.
type Config struct {
	// Model is the GGUF file.
	Model string
	// Adapter is an optional LoRA adapter GGUF.
	Adapter string
	// Threads for decoding (default llama.FreeCores()).
	Threads int
}

// Scorer rates names with a local model. It implements judge.Scorer and
// is safe for concurrent use (calls are serialised: one context).
type Scorer struct {
	mu      sync.Mutex
	model   *llama.Model
	adapter *llama.Adapter
	ctx     *llama.Context
	cached  []llama.Token // tokens in the KV cache of sequence 0
	digits  [5]llama.Token
}

// Open loads the model and prepares a context.
func Open(cfg Config) (*Scorer, error) {
	m, err := llama.Load(cfg.Model, llama.ModelParams{})
	if err != nil {
		return nil, fmt.Errorf("open judge model: %w", err)
	}
	s := &Scorer{model: m}
	for d := range 5 {
		toks, err := m.Tokenize(string(rune('1'+d)), false, false)
		if err != nil || len(toks) != 1 {
			s.Close()
			return nil, fmt.Errorf("open judge model: digit %d is not one token", d+1)
		}
		s.digits[d] = toks[0]
	}
	if s.ctx, err = llama.NewContext(m, llama.ContextParams{NCtx: 2048, Threads: cfg.Threads}); err != nil {
		s.Close()
		return nil, fmt.Errorf("open judge context: %w", err)
	}
	if cfg.Adapter != "" {
		if s.adapter, err = llama.LoadAdapter(m, cfg.Adapter); err != nil {
			s.Close()
			return nil, err
		}
		if err := s.ctx.SetAdapter(s.adapter, 1); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

// Close frees the context, adapter and model.
func (s *Scorer) Close() error {
	if s.ctx != nil {
		s.ctx.Close()
		s.ctx = nil
	}
	if s.adapter != nil {
		s.adapter.Close()
		s.adapter = nil
	}
	if s.model != nil {
		s.model.Close()
		s.model = nil
	}
	return nil
}

// Score implements judge.Scorer: Expected holds Σ d·p(d) per dimension,
// Ratings the most likely digit, DigitLogProb its log-probability
// renormalised over the five digits. Each dimension's blank is read after
// the previous blanks were filled with their most likely digits.
func (s *Scorer) Score(ctx context.Context, description, domain string) (judge.Scores, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	msgs := judge.ScoreMessages(description, domain)
	chat := make([]llama.ChatMessage, len(msgs))
	for i, m := range msgs {
		chat[i] = llama.ChatMessage{Role: m.Role, Content: m.Content}
	}
	text, err := s.model.ApplyChatTemplate("", chat, true)
	if err != nil {
		return judge.Scores{}, err
	}
	var out judge.Scores
	answer := ""
	for d := range judge.NumDims {
		if d > 0 {
			answer += ", "
		} else {
			answer = "{"
		}
		answer += fmt.Sprintf("%q: ", judge.DimNames[d])
		logits, err := s.logitsAfter(ctx, text+answer)
		if err != nil {
			return judge.Scores{}, fmt.Errorf("judge %s: %w", domain, err)
		}
		p := s.digitProbs(logits)
		best, exp := 0, 0.0
		for k := range 5 {
			exp += float64(k+1) * p[k]
			if p[k] > p[best] {
				best = k
			}
		}
		out.Ratings[d], out.Expected[d], out.DigitLogProb[d] = best+1, exp, math.Log(p[best])
		answer += fmt.Sprint(best + 1)
	}
	return out, nil
}

// digitProbs is the softmax of logits restricted to the digit tokens.
func (s *Scorer) digitProbs(logits []float32) [5]float64 {
	var p [5]float64
	mx := math.Inf(-1)
	for k, t := range s.digits {
		p[k] = float64(logits[t])
		mx = math.Max(mx, p[k])
	}
	sum := 0.0
	for k := range p {
		p[k] = math.Exp(p[k] - mx)
		sum += p[k]
	}
	for k := range p {
		p[k] /= sum
	}
	return p
}

// logitsAfter decodes text (reusing the cached common prefix) and returns
// the next-token logits.
func (s *Scorer) logitsAfter(ctx context.Context, text string) ([]float32, error) {
	toks, err := s.model.Tokenize(text, true, true)
	if err != nil {
		return nil, err
	}
	nctx := s.ctx.Params().NCtx
	if len(toks) >= nctx {
		return nil, fmt.Errorf("prompt of %d tokens exceeds the context of %d", len(toks), nctx)
	}
	keep := 0
	for keep < len(s.cached) && keep < len(toks)-1 && s.cached[keep] == toks[keep] {
		keep++
	}
	s.ctx.RemoveTokens(0, keep, -1)
	s.cached = s.cached[:keep]
	batch := s.ctx.Params().NBatch
	for start := keep; start < len(toks); start += batch {
		end := min(start+batch, len(toks))
		entries := make([]llama.BatchEntry, 0, end-start)
		for i := start; i < end; i++ {
			entries = append(entries, llama.BatchEntry{Token: toks[i], Pos: i, Seq: 0, Logits: i == len(toks)-1})
		}
		if err := s.ctx.Decode(ctx, entries); err != nil {
			s.ctx.RemoveTokens(0, 0, -1)
			s.cached = nil
			return nil, err
		}
		s.cached = append(s.cached, toks[start:end]...)
	}
	if len(toks) == 0 {
		return nil, errors.New("empty prompt")
	}
	return s.ctx.Logits(-1)
}

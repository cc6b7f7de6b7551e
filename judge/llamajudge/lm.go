package llamajudge

import (
	"context"
	"fmt"
	"math"
	"strings"
	"sync"

	"domaingen/judge"
	"domaingen/llama"
)

// LM asks a local instruction-tuned model, for every name of a list,
// whether it is a good domain name for the business described
// (judge.LMQuestion), and reads the answer from the log-probabilities of
// "Yes" and "No" rather than sampling it: judge.LMStats.Yes, the judge's
// signal of meaning. The description is decoded once per list; each name
// then costs its own tokens and the end of the user's turn, decoded
// together in one batch of sequences that share the description's cache.
// It implements judge.LMScorer and is safe for concurrent use (calls are
// serialised: one context).
type LM struct {
	mu      sync.Mutex
	name    string
	model   *llama.Model
	ctx     *llama.Context
	cached  []llama.Token // tokens of sequence 0 in the KV cache
	yes, no []llama.Token // answer tokens of the question
}

// lmSeqs is how many names share one batched decode.
const lmSeqs = 16

// OpenLM loads the model and prepares a context for scoring names.
func OpenLM(cfg Config) (*LM, error) {
	m, err := llama.Load(cfg.Model, llama.ModelParams{})
	if err != nil {
		return nil, fmt.Errorf("open judge language model: %w", err)
	}
	l := &LM{name: m.Info().Name, model: m}
	if l.name == "" {
		l.name = cfg.Model
	}
	if l.ctx, err = llama.NewContext(m, llama.ContextParams{NCtx: 4096, NSeqMax: lmSeqs + 1, Threads: cfg.Threads}); err != nil {
		l.Close()
		return nil, fmt.Errorf("open judge language model context: %w", err)
	}
	for _, w := range []string{"Yes", "yes", "No", "no"} {
		toks, err := m.Tokenize(w, false, false)
		if err != nil || len(toks) != 1 {
			l.Close()
			return nil, fmt.Errorf("judge language model: %q is not one token", w)
		}
		if w[0] == 'Y' || w[0] == 'y' {
			l.yes = append(l.yes, toks[0])
		} else {
			l.no = append(l.no, toks[0])
		}
	}
	return l, nil
}

// Name identifies the model (its GGUF general.name).
func (l *LM) Name() string { return l.name }

// Close frees the context and model.
func (l *LM) Close() error {
	if l.ctx != nil {
		l.ctx.Close()
		l.ctx = nil
	}
	if l.model != nil {
		l.model.Close()
		l.model = nil
	}
	return nil
}

// ScoreList implements judge.LMScorer: the answer to LMQuestion for
// every domain, in batches of lmSeqs sequences sharing the decoded
// description.
func (l *LM) ScoreList(ctx context.Context, description string, domains []string) ([]judge.LMStats, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	yes, err := l.askAll(ctx, description, domains)
	if err != nil {
		return nil, err
	}
	out := make([]judge.LMStats, len(domains))
	for i := range domains {
		out[i] = judge.LMStats{Yes: yes[i]}
	}
	return out, nil
}

// askAll asks, for every domain, judge.LMQuestion about it and returns
// log p(yes) − log p(no) of the answer's first token.
func (l *LM) askAll(ctx context.Context, description string, domains []string) ([]float64, error) {
	const slot = "@@DOMAIN@@"
	text, err := l.model.ApplyChatTemplate("", []llama.ChatMessage{{Role: "user", Content: judge.LMQuestion(description, slot)}}, true)
	if err != nil {
		return nil, err
	}
	i := strings.Index(text, slot)
	if i < 0 {
		return nil, fmt.Errorf("judge language model: chat template dropped the question")
	}
	prompt, err := l.model.Tokenize(text[:i], true, true)
	if err != nil {
		return nil, err
	}
	if _, err := l.decodePrompt(ctx, prompt); err != nil {
		return nil, err
	}
	conts := make([][]llama.Token, len(domains))
	for k, d := range domains {
		if conts[k], err = l.model.Tokenize(d+text[i+len(slot):], false, true); err != nil {
			return nil, fmt.Errorf("judge language model: tokenize %q: %w", d, err)
		}
	}
	out := make([]float64, len(domains))
	for start := 0; start < len(domains); start += lmSeqs {
		end := min(start+lmSeqs, len(domains))
		err := l.decodeLast(ctx, len(prompt), conts[start:end], func(k int, logits []float32) {
			out[start+k] = pickLSE(logits, l.yes) - pickLSE(logits, l.no)
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// pickLSE is log Σ exp over the logits of toks.
func pickLSE(logits []float32, toks []llama.Token) float64 {
	x := make([]float32, len(toks))
	for i, t := range toks {
		x[i] = logits[t]
	}
	return logSumExp(x)
}

// decodePrompt puts prompt into sequence 0 (reusing the cached common
// prefix) and returns the logits after its last token.
func (l *LM) decodePrompt(ctx context.Context, toks []llama.Token) ([]float32, error) {
	if len(toks)+64 >= l.ctx.Params().NCtx {
		return nil, fmt.Errorf("judge language model: prompt of %d tokens exceeds the context", len(toks))
	}
	keep := 0
	for keep < len(l.cached) && keep < len(toks)-1 && l.cached[keep] == toks[keep] {
		keep++
	}
	l.ctx.RemoveTokens(0, keep, -1)
	l.cached = l.cached[:keep]
	batch := l.ctx.Params().NBatch
	for start := keep; start < len(toks); start += batch {
		end := min(start+batch, len(toks))
		entries := make([]llama.BatchEntry, 0, end-start)
		for i := start; i < end; i++ {
			entries = append(entries, llama.BatchEntry{Token: toks[i], Pos: i, Seq: 0, Logits: i == len(toks)-1})
		}
		if err := l.ctx.Decode(ctx, entries); err != nil {
			l.ctx.ClearMemory()
			l.cached = nil
			return nil, err
		}
		l.cached = append(l.cached, toks[start:end]...)
	}
	return l.ctx.Logits(-1)
}

// decodeLast decodes each continuation in its own sequence after the
// nPrompt tokens of sequence 0, all in one batch, and calls fn with the
// logits after the last token of continuation k.
func (l *LM) decodeLast(ctx context.Context, nPrompt int, conts [][]llama.Token, fn func(k int, logits []float32)) error {
	var entries []llama.BatchEntry
	var rows []int // entry index of each continuation's last token
	for k, toks := range conts {
		seq := k + 1
		l.ctx.RemoveTokens(seq, 0, -1)
		l.ctx.CopySequence(0, seq, 0, -1)
		for j, t := range toks {
			last := j == len(toks)-1
			entries = append(entries, llama.BatchEntry{Token: t, Pos: nPrompt + j, Seq: seq, Logits: last})
			if last {
				rows = append(rows, len(entries)-1)
			}
		}
	}
	defer func() {
		for k := range conts {
			l.ctx.RemoveTokens(k+1, 0, -1)
		}
	}()
	if len(entries) > l.ctx.Params().NBatch {
		return fmt.Errorf("judge language model: %d tokens exceed the batch of %d", len(entries), l.ctx.Params().NBatch)
	}
	if err := l.ctx.Decode(ctx, entries); err != nil {
		return fmt.Errorf("judge language model: %w", err)
	}
	for k, i := range rows {
		logits, err := l.ctx.Logits(i)
		if err != nil {
			return fmt.Errorf("judge language model: %w", err)
		}
		fn(k, logits)
	}
	return nil
}

// logSumExp is log Σ exp(x), computed stably.
func logSumExp(x []float32) float64 {
	mx := float32(math.Inf(-1))
	for _, v := range x {
		mx = max(mx, v)
	}
	s := 0.0
	for _, v := range x {
		s += math.Exp(float64(v - mx))
	}
	return float64(mx) + math.Log(s)
}

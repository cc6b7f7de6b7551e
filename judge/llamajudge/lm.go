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

// LM reads what a local instruction-tuned model thinks of a name as the
// answer to "suggest a domain name for this business": the log-probability
// of the name's tokens (and of ending the answer after it) after a prompt
// that holds the description, and after the same prompt with a neutral
// description. Their difference is the pointwise mutual information of
// the name and the description — how much the description raised the
// name's probability — which is the judge's measure of meaning
// (judge.LMStats). It implements judge.LMScorer and is safe for concurrent
// use (calls are serialised: one context).
type LM struct {
	mu      sync.Mutex
	name    string
	model   *llama.Model
	ctx     *llama.Context
	cached  []llama.Token // tokens of sequence 0 in the KV cache
	end     []llama.Token // what closes an answer: the chat template's end of turn
	yes, no []llama.Token // answer tokens of the shortlist question
	neutral map[string]judge.LMStats
}

// lmSeqs is how many names share one batched decode.
const lmSeqs = 16

// OpenLM loads the model and prepares a context for scoring names.
func OpenLM(cfg Config) (*LM, error) {
	m, err := llama.Load(cfg.Model, llama.ModelParams{})
	if err != nil {
		return nil, fmt.Errorf("open judge language model: %w", err)
	}
	l := &LM{name: m.Info().Name, model: m, neutral: map[string]judge.LMStats{}}
	if l.name == "" {
		l.name = cfg.Model
	}
	if l.ctx, err = llama.NewContext(m, llama.ContextParams{NCtx: 4096, NSeqMax: lmSeqs + 1, Threads: cfg.Threads}); err != nil {
		l.Close()
		return nil, fmt.Errorf("open judge language model context: %w", err)
	}
	// The end of the assistant's turn: whatever the template writes after
	// the answer, as tokens (for ChatML "<|im_end|>").
	withEnd, err := l.render("x", "ANSWER", false)
	if err != nil {
		l.Close()
		return nil, err
	}
	if l.end, err = endTokens(m, withEnd); err != nil {
		l.Close()
		return nil, err
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

// NeutralDescription stands in for the description in the prompt whose
// answer probabilities are the baseline of the mutual information.
const NeutralDescription = "a new small business"

// render lays out the chat: the request, and either the assistant header
// (open) or a whole answer followed by the end of turn.
func (l *LM) render(description, answer string, open bool) (string, error) {
	msgs := []llama.ChatMessage{{Role: "user", Content: judge.LMRequest(description)}}
	if !open {
		msgs = append(msgs, llama.ChatMessage{Role: "assistant", Content: answer})
	}
	return l.model.ApplyChatTemplate("", msgs, open)
}

// endTokens finds the tokens the template puts after an answer.
func endTokens(m *llama.Model, rendered string) ([]llama.Token, error) {
	const marker = "ANSWER"
	i := len(rendered) - 1
	for ; i >= 0; i-- {
		if i+len(marker) <= len(rendered) && rendered[i:i+len(marker)] == marker {
			break
		}
	}
	if i < 0 {
		return nil, fmt.Errorf("judge language model: chat template dropped the answer")
	}
	tail := rendered[i+len(marker):]
	// Keep only the first special piece (e.g. "<|im_end|>"): a trailing
	// newline is formatting, not part of the answer's end.
	toks, err := m.Tokenize(tail, false, true)
	if err != nil || len(toks) == 0 {
		return nil, fmt.Errorf("judge language model: no end-of-turn tokens after the answer (%q)", tail)
	}
	return toks[:1], nil
}

// ScoreList implements judge.LMScorer: the statistics of every domain as
// an answer for description. Names are scored in batches of lmSeqs
// sequences sharing the decoded prompt.
func (l *LM) ScoreList(ctx context.Context, description string, domains []string) ([]judge.LMStats, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	cond, err := l.scoreAll(ctx, description, domains)
	if err != nil {
		return nil, err
	}
	var missing []string
	for _, d := range domains {
		if _, ok := l.neutral[d]; !ok {
			missing = append(missing, d)
		}
	}
	if len(missing) > 0 {
		neu, err := l.scoreAll(ctx, NeutralDescription, missing)
		if err != nil {
			return nil, err
		}
		for i, d := range missing {
			l.neutral[d] = neu[i]
		}
	}
	yes, err := l.askAll(ctx, description, domains)
	if err != nil {
		return nil, err
	}
	out := make([]judge.LMStats, len(domains))
	for i, d := range domains {
		n := l.neutral[d]
		out[i] = judge.LMStats{Tokens: cond[i].Tokens, Cond: cond[i].Cond, CondEnd: cond[i].CondEnd, Neutral: n.Cond, NeutralEnd: n.CondEnd, Yes: yes[i]}
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
		err := l.decodeContinuations(ctx, len(prompt), conts[start:end], false, func(k, _ int, logits []float32) {
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

// scoreAll returns, per domain, its token count, Σ log p of its tokens and
// log p of the end of turn after it, given the prompt for description
// (Cond and CondEnd filled).
func (l *LM) scoreAll(ctx context.Context, description string, domains []string) ([]judge.LMStats, error) {
	text, err := l.render(description, "", true)
	if err != nil {
		return nil, err
	}
	prompt, err := l.model.Tokenize(text, true, true)
	if err != nil {
		return nil, err
	}
	first, err := l.decodePrompt(ctx, prompt)
	if err != nil {
		return nil, err
	}
	firstLSE := logSumExp(first)
	out := make([]judge.LMStats, len(domains))
	for start := 0; start < len(domains); start += lmSeqs {
		end := min(start+lmSeqs, len(domains))
		if err := l.scoreBatch(ctx, prompt, first, firstLSE, domains[start:end], out[start:end]); err != nil {
			return nil, err
		}
	}
	return out, nil
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

// scoreBatch scores up to lmSeqs domains at once as answers: each gets
// its own sequence sharing the prompt's cache, and one decode carries all
// their tokens plus the end of turn.
func (l *LM) scoreBatch(ctx context.Context, prompt []llama.Token, first []float32, firstLSE float64, domains []string, out []judge.LMStats) error {
	conts := make([][]llama.Token, len(domains))
	for k, d := range domains {
		toks, err := l.model.Tokenize(d, false, false)
		if err != nil {
			return fmt.Errorf("judge language model: tokenize %q: %w", d, err)
		}
		if len(toks) == 0 {
			return fmt.Errorf("judge language model: %q has no tokens", d)
		}
		conts[k] = append(toks, l.end...)
		out[k] = judge.LMStats{Tokens: len(toks), Cond: float64(first[toks[0]]) - firstLSE}
	}
	return l.decodeContinuations(ctx, len(prompt), conts, true, func(k, j int, logits []float32) {
		// logits after token j predict token j+1.
		next := conts[k][j+1]
		lp := float64(logits[next]) - logSumExp(logits)
		if j+1 < out[k].Tokens {
			out[k].Cond += lp
		} else {
			out[k].CondEnd += lp
		}
	})
}

// decodeContinuations decodes each continuation in its own sequence after
// the nPrompt tokens of sequence 0, in one batch, and calls fn with the
// logits after token j of continuation k: for every token but the last
// when all is set, else after the last token only.
func (l *LM) decodeContinuations(ctx context.Context, nPrompt int, conts [][]llama.Token, all bool, fn func(k, j int, logits []float32)) error {
	type at struct{ k, j int }
	var entries []llama.BatchEntry
	var rows []at
	for k, toks := range conts {
		seq := k + 1
		l.ctx.RemoveTokens(seq, 0, -1)
		l.ctx.CopySequence(0, seq, 0, -1)
		for j, t := range toks {
			want := j == len(toks)-1
			if all {
				want = j < len(toks)-1
			}
			entries = append(entries, llama.BatchEntry{Token: t, Pos: nPrompt + j, Seq: seq, Logits: want})
			if want {
				rows = append(rows, at{k, j})
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
	r := 0
	for i, e := range entries {
		if !e.Logits {
			continue
		}
		logits, err := l.ctx.Logits(i)
		if err != nil {
			return fmt.Errorf("judge language model: %w", err)
		}
		fn(rows[r].k, rows[r].j, logits)
		r++
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

package remote

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"domaingen/prompt"
	"domaingen/suggest"
)

// testJob is a job as suggest builds it.
func testJob(seqs int, seed uint32) suggest.Job {
	tlds := []string{"com", "io"}
	return suggest.Job{
		Messages:  prompt.MessagesFor(prompt.Compact, "organic coffee shop", 5, tlds),
		Grammar:   prompt.Grammar(tlds, 1),
		Sequences: seqs, MaxTokens: 16, Seed: seed,
	}
}

// newGen builds a Generator on f's URL with cfg's other fields.
func newGen(t *testing.T, f *fakeServer, cfg Config, fallback suggest.Generator, obs Observer) *Generator {
	t.Helper()
	cfg.URL = f.URL
	g, err := New(cfg, fallback, obs)
	require.NoError(t, err)
	return g
}

func TestChatML(t *testing.T) {
	got, err := ChatML([]prompt.Message{{Role: "system", Content: "Be brief."}, {Role: "user", Content: "Hi"}})
	require.NoError(t, err)
	assert.Equal(t, "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", got)
	_, err = ChatML(nil)
	assert.Error(t, err)
}

// TestLlamaRequestFields checks the /completion request field by field and
// the parsing of an n_cmpl answer (an array, out of order).
func TestLlamaRequestFields(t *testing.T) {
	f := newFake(t, ProtocolLlama, func(w http.ResponseWriter, r *http.Request, body map[string]any, n int) {
		writeJSON(w, []any{llamaAnswer(2, "cupful.com"), llamaAnswer(0, "beanery.com"), llamaAnswer(1, "roastly.io")})
	})
	g := newGen(t, f, Config{Protocol: ProtocolLlama, LoRA: []LoRA{{ID: 0, Scale: 0.5}}}, nil, nil)
	job := testJob(3, 7)
	gen, err := g.Generate(context.Background(), job)
	require.NoError(t, err)

	require.Equal(t, int64(1), f.calls.Load())
	assert.Equal(t, "/completion", f.path(0))
	b := f.body(0)
	want, err := ChatML(job.Messages)
	require.NoError(t, err)
	assert.Equal(t, want, b["prompt"])
	assert.Equal(t, job.Grammar, b["grammar"])
	assert.Equal(t, 16.0, b["n_predict"])
	assert.Equal(t, 1.0, b["n_probs"])
	assert.Equal(t, false, b["post_sampling_probs"])
	assert.Equal(t, 3.0, b["n_cmpl"])
	assert.Equal(t, 7.0, b["seed"])
	assert.InDelta(t, 0.8, b["temperature"], 1e-6)
	assert.Equal(t, 40.0, b["top_k"])
	assert.InDelta(t, 0.95, b["top_p"], 1e-6)
	assert.InDelta(t, 0.05, b["min_p"], 1e-6)
	assert.InDelta(t, 1.1, b["repeat_penalty"], 1e-6)
	assert.Equal(t, true, b["cache_prompt"])
	assert.Equal(t, false, b["stream"])
	assert.Equal(t, []any{map[string]any{"id": 0.0, "scale": 0.5}}, b["lora"])

	require.Len(t, gen.Completions, 3)
	assert.Equal(t, []string{"beane", "ry.com", "\n"}, gen.Completions[0].Pieces, "ordered by index; end-of-turn token dropped")
	assert.Equal(t, []float32{-0.25, -0.25, -0.25}, gen.Completions[0].LogProbs)
	assert.Equal(t, "roastly.io\n", strings.Join(gen.Completions[1].Pieces, ""))
	assert.Equal(t, "smollm2-domains (llama@"+g.Name()+")", gen.Model)
}

// TestLlamaWithoutNCmpl: a server that ignores n_cmpl answers one object;
// the other sequences are asked for one by one with seeds Seed+s.
func TestLlamaWithoutNCmpl(t *testing.T) {
	f := newFake(t, ProtocolLlama, func(w http.ResponseWriter, r *http.Request, body map[string]any, n int) {
		writeJSON(w, llamaAnswer(0, "name"+string(rune('a'+int(body["seed"].(float64))-10))+".com"))
	})
	g := newGen(t, f, Config{Protocol: ProtocolLlama}, nil, nil)
	gen, err := g.Generate(context.Background(), testJob(3, 10))
	require.NoError(t, err)
	require.Equal(t, int64(3), f.calls.Load())
	seeds := map[float64]float64{}
	for i := 0; i < 3; i++ {
		seeds[f.body(i)["seed"].(float64)] = f.body(i)["n_cmpl"].(float64)
	}
	assert.Equal(t, map[float64]float64{10: 3, 11: 1, 12: 1}, seeds)
	require.Len(t, gen.Completions, 3)
	assert.Equal(t, "namea.com\n", strings.Join(gen.Completions[0].Pieces, ""))
	assert.Equal(t, "namec.com\n", strings.Join(gen.Completions[2].Pieces, ""))
}

// openAICompletion is a realistic /v1/completions answer.
func openAICompletion(texts ...string) map[string]any {
	var choices []any
	for i := len(texts) - 1; i >= 0; i-- { // out of order on purpose
		tokens := []string{texts[i][:3], texts[i][3:]}
		choices = append(choices, map[string]any{
			"index": i, "text": texts[i], "finish_reason": "stop",
			"logprobs": map[string]any{"tokens": tokens, "token_logprobs": []float64{-0.5, -0.1},
				"top_logprobs": []any{map[string]float64{tokens[0]: -0.5}, map[string]float64{tokens[1]: -0.1}}, "text_offset": []int{0, 3}},
		})
	}
	return map[string]any{"id": "cmpl-1", "object": "text_completion", "model": "domains", "choices": choices,
		"usage": map[string]int{"prompt_tokens": 120, "completion_tokens": 8, "total_tokens": 128}}
}

func TestOpenAICompletionsFields(t *testing.T) {
	f := newFake(t, ProtocolOpenAI, func(w http.ResponseWriter, r *http.Request, body map[string]any, n int) {
		assert.Equal(t, "Bearer k3y", r.Header.Get("Authorization"))
		writeJSON(w, openAICompletion("beanery.com\n", "cupful.io\n"))
	})
	g := newGen(t, f, Config{Protocol: ProtocolOpenAI, Model: "domains", APIKey: "k3y"}, nil, nil)
	job := testJob(2, 5)
	gen, err := g.Generate(context.Background(), job)
	require.NoError(t, err)
	assert.Equal(t, "/v1/completions", f.path(0))
	b := f.body(0)
	want, _ := ChatML(job.Messages)
	assert.Equal(t, want, b["prompt"])
	assert.Equal(t, "domains", b["model"])
	assert.Equal(t, 2.0, b["n"])
	assert.Equal(t, 1.0, b["logprobs"])
	assert.Equal(t, 5.0, b["seed"])
	assert.Equal(t, 16.0, b["max_tokens"])
	assert.Equal(t, 40.0, b["top_k"])
	assert.Equal(t, map[string]any{"grammar": job.Grammar}, b["structured_outputs"])
	assert.NotContains(t, b, "messages")
	assert.NotContains(t, b, "guided_grammar")

	require.Len(t, gen.Completions, 2)
	assert.Equal(t, []string{"bea", "nery.com\n"}, gen.Completions[0].Pieces)
	assert.Equal(t, []float32{-0.5, -0.1}, gen.Completions[0].LogProbs)
	assert.Equal(t, "domains (openai@"+g.Name()+")", gen.Model)
}

func TestOpenAIChatFields(t *testing.T) {
	f := newFake(t, ProtocolOpenAI, func(w http.ResponseWriter, r *http.Request, body map[string]any, n int) {
		writeJSON(w, map[string]any{"model": "domains", "choices": []any{map[string]any{
			"index": 0, "message": map[string]any{"role": "assistant", "content": "beanery.com\n"},
			"logprobs": map[string]any{"content": []any{
				map[string]any{"token": "bean", "logprob": -0.2, "bytes": []byte("bean"), "top_logprobs": []any{}},
				map[string]any{"token": "ery.com\n", "logprob": -0.3, "bytes": []byte("ery.com\n"), "top_logprobs": []any{}},
			}},
		}}})
	})
	g := newGen(t, f, Config{Protocol: ProtocolOpenAI, Model: "domains", Chat: true, Grammar: GrammarGuided}, nil, nil)
	job := testJob(1, 3)
	gen, err := g.Generate(context.Background(), job)
	require.NoError(t, err)
	assert.Equal(t, "/v1/chat/completions", f.path(0))
	b := f.body(0)
	msgs, ok := b["messages"].([]any)
	require.True(t, ok)
	require.Len(t, msgs, len(job.Messages))
	assert.Equal(t, map[string]any{"role": job.Messages[0].Role, "content": job.Messages[0].Content}, msgs[0])
	assert.Equal(t, true, b["logprobs"])
	assert.Equal(t, 1.0, b["top_logprobs"])
	assert.Equal(t, 1.0, b["n"])
	assert.Equal(t, 3.0, b["seed"])
	assert.Equal(t, job.Grammar, b["guided_grammar"])
	assert.NotContains(t, b, "prompt")
	assert.NotContains(t, b, "structured_outputs")
	require.Len(t, gen.Completions, 1)
	assert.Equal(t, []float32{-0.2, -0.3}, gen.Completions[0].LogProbs)
}

// TestOpenAIStrict: hosted endpoints get only OpenAI's own fields.
func TestOpenAIStrict(t *testing.T) {
	f := newFake(t, ProtocolOpenAI, func(w http.ResponseWriter, r *http.Request, body map[string]any, n int) {
		writeJSON(w, openAICompletion("beanery.com\n"))
	})
	g := newGen(t, f, Config{Protocol: ProtocolOpenAI, Model: "m", Strict: true}, nil, nil)
	_, err := g.Generate(context.Background(), testJob(1, 1))
	require.NoError(t, err)
	for _, k := range []string{"top_k", "min_p", "repetition_penalty", "structured_outputs", "guided_grammar"} {
		assert.NotContains(t, f.body(0), k)
	}
}

// TestNoLogProbsIsUnscored: a server that returns no log-probabilities
// gives completions without them, and the pipeline marks the names'
// confidence_source "none" with confidence 0.
func TestNoLogProbsIsUnscored(t *testing.T) {
	f := newFake(t, ProtocolOpenAI, func(w http.ResponseWriter, r *http.Request, body map[string]any, n int) {
		var choices []any
		for i := 0; i < int(body["n"].(float64)); i++ {
			choices = append(choices, map[string]any{"index": i, "text": []string{"beanery.com\n", "cupful.io\n", "roastly.com\n", "brewhaus.co\n", "mugly.com\n", "latteloft.com\n"}[i%6], "logprobs": nil})
		}
		writeJSON(w, map[string]any{"model": "m", "choices": choices})
	})
	g := newGen(t, f, Config{Protocol: ProtocolOpenAI, Model: "m"}, nil, nil)
	gen, err := g.Generate(context.Background(), testJob(2, 1))
	require.NoError(t, err)
	require.Len(t, gen.Completions, 2)
	assert.Nil(t, gen.Completions[0].LogProbs)
	assert.Equal(t, []string{"beanery.com\n"}, gen.Completions[0].Pieces)

	resp, err := suggest.New(g, suggest.Config{}).Suggest(context.Background(), suggest.Request{Description: "organic coffee shop", Count: 5})
	require.NoError(t, err)
	require.Len(t, resp.Suggestions, 5)
	model := 0
	for _, s := range resp.Suggestions {
		if s.Source == suggest.SourceModel {
			model++
			assert.Equal(t, suggest.ConfidenceNone, s.ConfidenceSource, s.Domain)
			assert.Zero(t, s.Confidence, s.Domain)
		}
	}
	assert.Positive(t, model)
}

// TestMismatchedTokensAreUnscored: tokens that do not spell the text give
// no confidence rather than a wrong one.
func TestMismatchedTokensAreUnscored(t *testing.T) {
	f := newFake(t, ProtocolLlama, func(w http.ResponseWriter, r *http.Request, body map[string]any, n int) {
		a := llamaAnswer(0, "beanery.com")
		a["content"] = "different.com\n"
		writeJSON(w, a)
	})
	g := newGen(t, f, Config{Protocol: ProtocolLlama}, nil, nil)
	gen, err := g.Generate(context.Background(), testJob(1, 1))
	require.NoError(t, err)
	assert.Equal(t, suggest.Completion{Pieces: []string{"different.com\n"}}, gen.Completions[0])
}

// TestRetryAfterHonoured: 429 with Retry-After, then 503 without, then
// success: the waits are the header's, then the backoff.
func TestRetryAfterHonoured(t *testing.T) {
	f := newFake(t, ProtocolLlama, func(w http.ResponseWriter, r *http.Request, body map[string]any, n int) {
		switch n {
		case 0:
			w.Header().Set("Retry-After", "2")
			http.Error(w, `{"error":{"code":429,"message":"busy"}}`, http.StatusTooManyRequests)
		case 1:
			http.Error(w, `{"error":{"code":503,"message":"Loading model"}}`, http.StatusServiceUnavailable)
		default:
			writeJSON(w, llamaAnswer(0, "beanery.com"))
		}
	})
	rec := &recorder{}
	g := newGen(t, f, Config{Protocol: ProtocolLlama, Backoff: 100 * time.Millisecond}, nil, rec)
	var s sleeps
	s.install(g)
	_, err := g.Generate(context.Background(), testJob(1, 1))
	require.NoError(t, err)
	assert.Equal(t, int64(3), f.calls.Load())
	require.Len(t, s.took, 2)
	assert.Equal(t, 2*time.Second, s.took[0], "Retry-After: 2")
	assert.InDelta(t, float64(200*time.Millisecond), float64(s.took[1]), float64(40*time.Millisecond), "second retry: twice the backoff, ±20% jitter")
	assert.Equal(t, []string{OutcomeRateLimited, OutcomeUnavailable, OutcomeOK}, rec.outcomes)
	assert.Equal(t, 2, rec.retries)
	assert.Equal(t, BreakerClosed, g.BreakerState())
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	assert.Equal(t, 3*time.Second, parseRetryAfter("3", now))
	assert.Equal(t, 10*time.Second, parseRetryAfter(now.Add(10*time.Second).Format(http.TimeFormat), now))
	assert.Zero(t, parseRetryAfter("", now))
	assert.Zero(t, parseRetryAfter("-1", now))
	assert.Zero(t, parseRetryAfter("soon", now))
	assert.Zero(t, parseRetryAfter(now.Add(-time.Minute).Format(http.TimeFormat), now))
}

// TestRetryNotPastDeadline: a Retry-After longer than the time left fails
// at once (and goes to the fallback) instead of sleeping.
func TestRetryNotPastDeadline(t *testing.T) {
	f := newFake(t, ProtocolLlama, func(w http.ResponseWriter, r *http.Request, body map[string]any, n int) {
		w.Header().Set("Retry-After", "30")
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	fb := suggest.GeneratorFunc(func(ctx context.Context, job suggest.Job) (suggest.Generation, error) {
		return suggest.Generation{Model: "local"}, nil
	})
	rec := &recorder{}
	g := newGen(t, f, Config{Protocol: ProtocolLlama}, fb, rec)
	var s sleeps
	s.install(g)
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	gen, err := g.Generate(ctx, testJob(1, 1))
	require.NoError(t, err)
	assert.Equal(t, "local", gen.Model)
	assert.Empty(t, s.took)
	assert.Equal(t, int64(1), f.calls.Load())
	assert.Equal(t, []string{"error"}, rec.fallbacks)
}

// TestErrorsNotRetried: malformed, truncated and 4xx answers are failures
// without retries; the error says what went wrong.
func TestErrorsNotRetried(t *testing.T) {
	for _, c := range []struct {
		name, outcome, errPart string
		handle                 func(w http.ResponseWriter)
	}{
		{"truncated JSON", OutcomeMalformed, "malformed", func(w http.ResponseWriter) {
			io.WriteString(w, `{"content":"beanery.com\n","completion_probabilities":[{"token":"bean","logp`)
		}},
		{"wrong shape", OutcomeMalformed, "malformed", func(w http.ResponseWriter) { io.WriteString(w, `"just a string"`) }},
		{"bad request", OutcomeClientError, "HTTP 400", func(w http.ResponseWriter) {
			http.Error(w, `{"error":{"code":400,"message":"failed to parse grammar"}}`, http.StatusBadRequest)
		}},
		{"server error", OutcomeServerError, "HTTP 500", func(w http.ResponseWriter) { http.Error(w, "boom", http.StatusInternalServerError) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFake(t, ProtocolLlama, func(w http.ResponseWriter, r *http.Request, body map[string]any, n int) { c.handle(w) })
			rec := &recorder{}
			g := newGen(t, f, Config{Protocol: ProtocolLlama}, nil, rec)
			_, err := g.Generate(context.Background(), testJob(1, 1))
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.errPart)
			assert.Equal(t, int64(1), f.calls.Load())
			assert.Equal(t, []string{c.outcome}, rec.outcomes)
		})
	}
}

// TestSlowServerTimesOut: an answer that does not come within the
// attempt's timeout is a timeout, retried, then an error. The fake never
// answers; it waits for the client to give up (no sleeps, no timing
// assertions).
func TestSlowServerTimesOut(t *testing.T) {
	f := newFake(t, ProtocolLlama, func(w http.ResponseWriter, r *http.Request, body map[string]any, n int) {
		<-r.Context().Done()
	})
	rec := &recorder{}
	g := newGen(t, f, Config{Protocol: ProtocolLlama, Timeout: 50 * time.Millisecond, Retries: 1}, nil, rec)
	var s sleeps
	s.install(g)
	_, err := g.Generate(context.Background(), testJob(1, 1))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no answer within 50ms")
	assert.Equal(t, []string{OutcomeTimeout, OutcomeTimeout}, rec.outcomes)
	assert.Equal(t, 1, rec.retries)
}

// TestCallerCancelNotABackendFailure: the caller's deadline ends the call
// without counting against the backend.
func TestCallerCancelNotABackendFailure(t *testing.T) {
	f := newFake(t, ProtocolLlama, func(w http.ResponseWriter, r *http.Request, body map[string]any, n int) {
		<-r.Context().Done()
	})
	g := newGen(t, f, Config{Protocol: ProtocolLlama, Breaker: BreakerConfig{Failures: 1}}, nil, nil)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for f.calls.Load() == 0 {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	_, err := g.Generate(ctx, testJob(1, 1))
	require.Error(t, err)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, BreakerClosed, g.BreakerState())
}

// TestBreaker: consecutive failures open the breaker; while open, jobs go
// to the fallback without touching the backend; after the cool-down one
// probe goes through and its success closes the breaker.
func TestBreaker(t *testing.T) {
	var healthy atomic.Bool
	f := newFake(t, ProtocolLlama, func(w http.ResponseWriter, r *http.Request, body map[string]any, n int) {
		if !healthy.Load() {
			http.Error(w, "boom", http.StatusInternalServerError)
			return
		}
		writeJSON(w, llamaAnswer(0, "beanery.com"))
	})
	now := time.Unix(1000, 0)
	fallbacks := 0
	fb := suggest.GeneratorFunc(func(ctx context.Context, job suggest.Job) (suggest.Generation, error) {
		fallbacks++
		return suggest.Generation{Model: "in-process"}, nil
	})
	rec := &recorder{}
	g := newGen(t, f, Config{Protocol: ProtocolLlama, Breaker: BreakerConfig{Failures: 2, Cooldown: 10 * time.Second, Now: func() time.Time { return now }}}, fb, rec)

	for i := 0; i < 2; i++ {
		gen, err := g.Generate(context.Background(), testJob(1, 1))
		require.NoError(t, err)
		assert.Equal(t, "in-process", gen.Model)
	}
	assert.Equal(t, BreakerOpen, g.BreakerState())
	assert.Equal(t, int64(2), f.calls.Load())

	gen, err := g.Generate(context.Background(), testJob(1, 1))
	require.NoError(t, err)
	assert.Equal(t, "in-process", gen.Model)
	assert.Equal(t, int64(2), f.calls.Load(), "an open breaker does not call the backend")
	assert.Equal(t, 3, fallbacks)

	now = now.Add(11 * time.Second) // cool-down over: the probe fails, the breaker reopens
	_, err = g.Generate(context.Background(), testJob(1, 1))
	require.NoError(t, err)
	assert.Equal(t, int64(3), f.calls.Load())
	assert.Equal(t, BreakerOpen, g.BreakerState())

	healthy.Store(true)
	now = now.Add(11 * time.Second)
	gen, err = g.Generate(context.Background(), testJob(1, 1))
	require.NoError(t, err)
	assert.Contains(t, gen.Model, "llama@")
	assert.Equal(t, BreakerClosed, g.BreakerState())
	assert.Equal(t, []string{"closed", "open", "half_open", "open", "half_open", "closed"}, rec.states)
	assert.Equal(t, []string{"error", "error", "breaker_open", "error"}, rec.fallbacks)
}

// TestBreakerWithoutFallback: an open breaker without a fallback fails
// the job with ErrBreakerOpen, and the pipeline's composer fills the list.
func TestBreakerWithoutFallback(t *testing.T) {
	f := newFake(t, ProtocolLlama, func(w http.ResponseWriter, r *http.Request, body map[string]any, n int) {
		http.Error(w, "down", http.StatusInternalServerError)
	})
	g := newGen(t, f, Config{Protocol: ProtocolLlama, Breaker: BreakerConfig{Failures: 1}}, nil, nil)
	_, err := g.Generate(context.Background(), testJob(1, 1))
	require.Error(t, err)
	_, err = g.Generate(context.Background(), testJob(1, 1))
	assert.True(t, errors.Is(err, ErrBreakerOpen), "%v", err)

	resp, err := suggest.New(g, suggest.Config{}).Suggest(context.Background(), suggest.Request{Description: "organic coffee shop", Count: 5})
	require.NoError(t, err)
	require.Len(t, resp.Suggestions, 5)
	for _, s := range resp.Suggestions {
		assert.Equal(t, suggest.SourceFallback, s.Source)
	}
	assert.Equal(t, int64(1), f.calls.Load())
}

func TestDetect(t *testing.T) {
	for _, p := range []Protocol{ProtocolLlama, ProtocolOpenAI} {
		f := newFake(t, p, func(w http.ResponseWriter, r *http.Request, body map[string]any, n int) {
			if r.URL.Path == "/completion" {
				writeJSON(w, llamaAnswer(0, "beanery.com"))
				return
			}
			writeJSON(w, openAICompletion("beanery.com\n"))
		})
		g := newGen(t, f, Config{}, nil, nil)
		assert.Equal(t, ProtocolAuto, g.Protocol())
		_, err := g.Generate(context.Background(), testJob(1, 1))
		require.NoError(t, err, p)
		assert.Equal(t, p, g.Protocol())
	}
	nothing := newFake(t, ProtocolAuto, nil)
	nothing.Config.Handler = http.NotFoundHandler()
	_, err := Detect(context.Background(), nil, nothing.URL, "", time.Second)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "set it explicitly")
}

func TestParse(t *testing.T) {
	for in, want := range map[string]Protocol{"": ProtocolAuto, "auto": ProtocolAuto, "llama": ProtocolLlama, "OpenAI": ProtocolOpenAI, "vllm": ProtocolOpenAI} {
		got, err := ParseProtocol(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	_, err := ParseProtocol("grpc")
	assert.Error(t, err)
	for _, bad := range []string{"127.0.0.1:8081", "ftp://h", "http://", "http://h/?q=1", "::"} {
		_, err := ParseURL(bad)
		assert.Error(t, err, bad)
	}
	u, err := ParseURL("http://127.0.0.1:8081/v1")
	require.NoError(t, err)
	assert.Equal(t, "127.0.0.1:8081", u.Host)
	_, err = New(Config{URL: "http://h", Grammar: "xml"}, nil, nil)
	assert.Error(t, err)
}

func TestParseLoRA(t *testing.T) {
	got, err := ParseLoRA("0:1, 1:0.5,2")
	require.NoError(t, err)
	assert.Equal(t, []LoRA{{0, 1}, {1, 0.5}, {2, 1}}, got)
	got, err = ParseLoRA("")
	require.NoError(t, err)
	assert.Empty(t, got)
	for _, bad := range []string{"a:1", "-1", "0:x"} {
		_, err := ParseLoRA(bad)
		assert.Error(t, err, bad)
	}
}

// TestBadJobIsNotABackendFailure: a job without sequences or a chat that
// cannot be rendered fails without calling the backend or moving the
// breaker.
func TestBadJobIsNotABackendFailure(t *testing.T) {
	f := newFake(t, ProtocolLlama, func(w http.ResponseWriter, r *http.Request, body map[string]any, n int) {
		writeJSON(w, llamaAnswer(0, "beanery.com"))
	})
	g := newGen(t, f, Config{Protocol: ProtocolLlama, Breaker: BreakerConfig{Failures: 1}}, nil, nil)
	_, err := g.Generate(context.Background(), testJob(0, 1))
	require.Error(t, err)
	job := testJob(1, 1)
	job.Messages = nil
	_, err = g.Generate(context.Background(), job)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "render")
	assert.Zero(t, f.calls.Load())
	assert.Equal(t, BreakerClosed, g.BreakerState())
}

// TestLlamaPerSequence: one request per sequence, seeds Seed+s, n_cmpl 1.
func TestLlamaPerSequence(t *testing.T) {
	f := newFake(t, ProtocolLlama, func(w http.ResponseWriter, r *http.Request, body map[string]any, n int) {
		writeJSON(w, llamaAnswer(0, fmt.Sprintf("name%d.com", int(body["seed"].(float64)))))
	})
	g := newGen(t, f, Config{Protocol: ProtocolLlama, PerSequence: true}, nil, nil)
	gen, err := g.Generate(context.Background(), testJob(3, 20))
	require.NoError(t, err)
	require.Equal(t, int64(3), f.calls.Load())
	for i := 0; i < 3; i++ {
		assert.Equal(t, 1.0, f.body(i)["n_cmpl"])
	}
	require.Len(t, gen.Completions, 3)
	for s, want := range []string{"name20.com\n", "name21.com\n", "name22.com\n"} {
		assert.Equal(t, want, strings.Join(gen.Completions[s].Pieces, ""), "sequence %d has seed 20+%d", s, s)
	}
	assert.Contains(t, gen.Model, "smollm2-domains")
}

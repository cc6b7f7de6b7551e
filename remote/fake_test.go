package remote

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// fakeServer is an httptest inference server: each request's JSON body is
// recorded and handed to handle, which writes the answer.
type fakeServer struct {
	*httptest.Server
	mu       sync.Mutex
	bodies   []map[string]any
	paths    []string
	calls    atomic.Int64
	inFlight atomic.Int64
	maxIn    atomic.Int64
}

// newFake starts a loopback server whose POSTs go to handle (n counts from
// 0); GET /props and /v1/models answer as llama-server or an
// OpenAI-compatible server does, per proto.
func newFake(t *testing.T, proto Protocol, handle func(w http.ResponseWriter, r *http.Request, body map[string]any, n int)) *fakeServer {
	t.Helper()
	f := &fakeServer{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			switch {
			case r.URL.Path == "/props" && proto == ProtocolLlama:
				io.WriteString(w, `{"default_generation_settings":{"n_ctx":2048},"total_slots":4,"chat_template":"chatml"}`)
			case r.URL.Path == "/v1/models":
				io.WriteString(w, `{"object":"list","data":[{"id":"domains","object":"model"}]}`)
			default:
				http.NotFound(w, r)
			}
			return
		}
		cur := f.inFlight.Add(1)
		defer f.inFlight.Add(-1)
		for {
			m := f.maxIn.Load()
			if cur <= m || f.maxIn.CompareAndSwap(m, cur) {
				break
			}
		}
		data, err := io.ReadAll(r.Body)
		require.NoError(t, err)
		var body map[string]any
		require.NoError(t, json.Unmarshal(data, &body), "request body is JSON: %s", data)
		f.mu.Lock()
		f.bodies = append(f.bodies, body)
		f.paths = append(f.paths, r.URL.Path)
		f.mu.Unlock()
		n := int(f.calls.Add(1)) - 1
		handle(w, r, body, n)
	}))
	t.Cleanup(f.Close)
	return f
}

// body returns the i-th recorded request body.
func (f *fakeServer) body(i int) map[string]any {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.bodies[i]
}

// path returns the i-th recorded request path.
func (f *fakeServer) path(i int) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.paths[i]
}

// llamaAnswer is a realistic llama-server /completion result for one
// completion of names, each name split in two tokens plus its newline.
func llamaAnswer(index int, names ...string) map[string]any {
	var probs []map[string]any
	content := ""
	for _, n := range names {
		half := len(n) / 2
		for _, piece := range []string{n[:half], n[half:], "\n"} {
			probs = append(probs, map[string]any{
				"id": 100 + len(probs), "token": piece, "bytes": []byte(piece), "logprob": -0.25,
				"top_logprobs": []map[string]any{{"id": 100 + len(probs), "token": piece, "logprob": -0.25}},
			})
			content += piece
		}
	}
	// llama-server lists the end-of-generation token too; it is not in content.
	probs = append(probs, map[string]any{"id": 2, "token": "<|im_end|>", "bytes": []byte("<|im_end|>"), "logprob": -0.01})
	return map[string]any{
		"index": index, "content": content, "model": "smollm2-domains", "tokens_predicted": len(probs),
		"tokens_evaluated": 120, "stop": true, "stop_type": "eos", "tokens_cached": 100,
		"completion_probabilities": probs,
		"timings":                  map[string]any{"predicted_per_second": 950.5},
	}
}

// writeJSON answers v as JSON.
func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

// sleeps records the waits a Generator asked for instead of sleeping.
type sleeps struct {
	mu   sync.Mutex
	took []time.Duration
}

func (s *sleeps) install(g *Generator) {
	g.sleep = func(_ context.Context, d time.Duration) error {
		s.mu.Lock()
		s.took = append(s.took, d)
		s.mu.Unlock()
		return nil
	}
}

// recorder is an Observer that keeps everything it is told.
type recorder struct {
	mu        sync.Mutex
	outcomes  []string
	retries   int
	states    []string
	fallbacks []string
}

func (r *recorder) ObserveBackendRequest(_ string, outcome string, _ time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.outcomes = append(r.outcomes, outcome)
}

func (r *recorder) ObserveBackendRetry(string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.retries++
}

func (r *recorder) ObserveBreaker(_ string, state string) {
	r.states = append(r.states, state) // called under the breaker's lock
}

func (r *recorder) ObserveBackendFallback(_ string, reason string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.fallbacks = append(r.fallbacks, reason)
}

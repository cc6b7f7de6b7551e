package remote_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"domaingen/remote"
	"domaingen/server"
	"domaingen/suggest"
)

// inference is a fake llama-server that answers /completion like the real
// one, after a fixed decode time that does not grow with the number of
// requests in flight: a server that batches. It counts requests and the
// most it held at once.
type inference struct {
	*httptest.Server
	decode        time.Duration
	calls, in, hi atomic.Int64
}

var names = []string{"beanery", "cupful", "roastly", "brewhaus", "mugly", "latteloft", "grindhouse", "dripdrop", "crema", "steamy", "pourover", "espressive", "tampico", "frothy", "beanbag", "kettlecorner"}

func newInference(t testing.TB, decode time.Duration) *inference {
	f := &inference{decode: decode}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/completion" {
			http.NotFound(w, r)
			return
		}
		f.calls.Add(1)
		cur := f.in.Add(1)
		defer f.in.Add(-1)
		for hi := f.hi.Load(); cur > hi && !f.hi.CompareAndSwap(hi, cur); hi = f.hi.Load() {
		}
		var req struct {
			NCmpl int    `json:"n_cmpl"`
			Seed  uint32 `json:"seed"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		if f.decode > 0 {
			t := time.NewTimer(f.decode) // simulated decode; nothing asserts on it
			select {
			case <-t.C:
			case <-r.Context().Done():
				t.Stop()
				return
			}
		}
		out := make([]map[string]any, req.NCmpl)
		for i := range out {
			n := names[(int(req.Seed)+7*i)%len(names)] + ".com"
			out[i] = map[string]any{"index": i, "content": n + "\n", "model": "fake",
				"completion_probabilities": []map[string]any{
					{"token": n[:3], "logprob": -0.3 - 0.01*float64(i)}, {"token": n[3:], "logprob": -0.1}, {"token": "\n", "logprob": -0.02}}}
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(out)
	}))
	t.Cleanup(f.Close)
	return f
}

// replica is one domaingen API server generating on the inference server.
func replica(t testing.TB, url string, workers int) *httptest.Server {
	g, err := remote.New(remote.Config{URL: url, Protocol: remote.ProtocolLlama}, nil, nil)
	require.NoError(t, err)
	// A long timeout: admission control assumes 1 s per generation until
	// it has measured one, and would shed the first burst.
	srv := server.New(server.Config{Workers: workers, QueueDepth: 256, RequestTimeout: 2 * time.Minute}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	srv.SetSuggester(suggest.New(g, suggest.Config{}))
	s := httptest.NewServer(srv.Handler())
	t.Cleanup(s.Close)
	return s
}

// post sends one suggest request and returns the status and body.
func post(t testing.TB, url, desc string) (int, []byte) {
	body := fmt.Sprintf(`{"business_description": %q, "count": 5}`, desc)
	resp, err := http.Post(url+"/v1/suggest", "application/json", bytes.NewBufferString(body))
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, data
}

// TestLoadThroughReplicas sends the same load through N = 1, 2, 4 API
// replicas (round-robin, as a load balancer would) in front of one
// inference server. Each replica runs 2 workers, so the API layer is the
// bottleneck and throughput grows with replicas, while the inference
// server holds more requests at once (it batches them). It checks what
// makes that safe: every request succeeds, every replica serves, and the
// same request gives the same answer whichever replica serves it
// (replicas keep no state). Throughput is logged, not asserted.
func TestLoadThroughReplicas(t *testing.T) {
	requests, decode := 48, 20*time.Millisecond
	if v, _ := strconv.Atoi(os.Getenv("DOMAINGEN_LOADTEST_REQUESTS")); v > 0 {
		requests = v
	}
	inf := newInference(t, decode)
	descs := []string{"organic coffee shop downtown", "bike repair shop with student discounts", "florist in Lyon", "yoga studio for seniors"}
	for _, n := range []int{1, 2, 4} {
		reps := make([]*httptest.Server, n)
		for i := range reps {
			reps[i] = replica(t, inf.URL, 2)
		}
		inf.hi.Store(0)
		callsBefore := inf.calls.Load()
		served := make([]atomic.Int64, n)
		lat := make([]time.Duration, requests)
		var wg sync.WaitGroup
		start := time.Now()
		for i := 0; i < requests; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := i % n
				t0 := time.Now()
				code, body := post(t, reps[r].URL, descs[i%len(descs)])
				lat[i] = time.Since(t0)
				assert.Equal(t, http.StatusOK, code, "%s", body)
				served[r].Add(1)
			}()
		}
		wg.Wait()
		elapsed := time.Since(start)
		for r := range served {
			assert.Positive(t, served[r].Load(), "replica %d served nothing", r)
		}
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		t.Logf("replicas=%d workers/replica=2 requests=%d decode=%v: %.0f req/s, p50 %v, p95 %v, backend calls %d, most in flight at the backend %d",
			n, requests, decode, float64(requests)/elapsed.Seconds(), lat[requests/2].Round(time.Millisecond),
			lat[requests*95/100].Round(time.Millisecond), inf.calls.Load()-callsBefore, inf.hi.Load())
		if n > 1 {
			assert.Greater(t, inf.hi.Load(), int64(2), "with %d replicas the backend holds more than one replica's 2 workers at once", n)
		}

		// Stateless: the same request through every replica, same answer.
		var first []byte
		for r := range reps {
			code, body := post(t, reps[r].URL, "bike repair shop")
			require.Equal(t, http.StatusOK, code)
			var resp suggest.Response
			require.NoError(t, json.Unmarshal(body, &resp))
			got, _ := json.Marshal(resp.Suggestions)
			if first == nil {
				first = got
				continue
			}
			assert.JSONEq(t, string(first), string(got), "replica %d answered differently", r)
		}
	}
}

// canned is a generation like the inference fake's, for the direct path.
func canned(ctx context.Context, job suggest.Job) (suggest.Generation, error) {
	gen := suggest.Generation{Model: "fake"}
	for i := 0; i < job.Sequences; i++ {
		n := names[(int(job.Seed)+7*i)%len(names)] + ".com"
		gen.Completions = append(gen.Completions, suggest.Completion{
			Pieces: []string{n[:3], n[3:], "\n"}, LogProbs: []float32{-0.3 - 0.01*float32(i), -0.1, -0.02}})
	}
	return gen, nil
}

// BenchmarkHTTPHop measures what the remote path adds to one suggestion
// request: the same pipeline and the same canned generation, in process
// (direct) and through remote.Generator → loopback HTTP → a fake
// llama-server that answers at once (remote). The difference is the
// hop's overhead: JSON encoding, the loopback round trip, decoding.
func BenchmarkHTTPHop(b *testing.B) {
	req := suggest.Request{Description: "organic coffee shop downtown", Count: 10}
	b.Run("direct", func(b *testing.B) {
		svc := suggest.New(suggest.GeneratorFunc(canned), suggest.Config{})
		for i := 0; i < b.N; i++ {
			req.Seed = uint32(1 + i%8)
			if _, err := svc.Suggest(context.Background(), req); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("remote", func(b *testing.B) {
		inf := newInference(b, 0)
		g, err := remote.New(remote.Config{URL: inf.URL, Protocol: remote.ProtocolLlama}, nil, nil)
		require.NoError(b, err)
		svc := suggest.New(g, suggest.Config{})
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			req.Seed = uint32(1 + i%8)
			if _, err := svc.Suggest(context.Background(), req); err != nil {
				b.Fatal(err)
			}
		}
	})
}

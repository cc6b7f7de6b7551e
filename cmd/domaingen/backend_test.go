package main

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"domaingen/remote"
	"domaingen/suggest"
)

// TestBackendConfig: flags win over the environment; a malformed
// environment value is an error naming the variable.
func TestBackendConfig(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

	var b backendFlags
	b.fallback, b.grammar = fallbackAuto, "structured_outputs"
	_, on, err := b.config(env(nil))
	require.NoError(t, err)
	assert.False(t, on, "no backend: in process")

	cfg, on, err := b.config(env(map[string]string{envBackend: "http://127.0.0.1:8081", envBackendProtocol: "openai",
		envBackendModel: "domains", envBackendAPIKey: "k"}))
	require.NoError(t, err)
	assert.True(t, on)
	assert.Equal(t, "http://127.0.0.1:8081", cfg.URL)
	assert.Equal(t, remote.ProtocolOpenAI, cfg.Protocol)
	assert.Equal(t, "domains", cfg.Model)
	assert.Equal(t, "k", cfg.APIKey)

	_, _, err = b.config(env(map[string]string{envBackend: "127.0.0.1:8081"}))
	require.Error(t, err)
	assert.Contains(t, err.Error(), envBackend)
	_, _, err = b.config(env(map[string]string{envBackend: "http://h:1", envBackendProtocol: "grpc"}))
	require.Error(t, err)
	assert.Contains(t, err.Error(), envBackendProtocol)

	b.url, b.protocol, b.lora = "http://10.0.0.5:8081", "llama", "0:0.5"
	cfg, _, err = b.config(env(map[string]string{envBackend: "not a url", envBackendProtocol: "grpc"}))
	require.NoError(t, err, "flags take precedence over the environment")
	assert.Equal(t, "http://10.0.0.5:8081", cfg.URL)
	assert.Equal(t, []remote.LoRA{{ID: 0, Scale: 0.5}}, cfg.LoRA)
	b.url = "ftp://x"
	_, _, err = b.config(env(nil))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "--backend")
}

// TestMalformedBackendEnvExits2: every command that takes a backend
// refuses a malformed $DOMAINGEN_BACKEND with status 2 and names it.
func TestMalformedBackendEnvExits2(t *testing.T) {
	t.Setenv(envBackend, "localhost:8081")
	for _, args := range [][]string{
		{"suggest", "coffee shop"},
		{"serve", "--addr", "127.0.0.1:0"},
		{"eval", "--out", t.TempDir(), "--no-judge", "--limit", "1"},
	} {
		code, _, stderr := runCLI(args...)
		assert.Equal(t, 2, code, "%v: %s", args, stderr)
		assert.Contains(t, stderr, envBackend, args)
	}
}

// fakeLlamaServer answers /props and /completion like llama-server, with
// one name per completion and log-probabilities.
func fakeLlamaServer(t *testing.T, calls *atomic.Int64) *httptest.Server {
	t.Helper()
	names := []string{"beanery.com", "cupful.io", "roastly.com", "brewhaus.co", "mugly.com", "latteloft.com", "grindhouse.io", "dripdrop.com", "crema.co", "steamy.app", "pourover.dev", "espressive.com"}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/props":
			io.WriteString(w, `{"default_generation_settings":{"n_ctx":2048}}`)
		case "/completion":
			calls.Add(1)
			var req struct {
				NCmpl    int    `json:"n_cmpl"`
				Grammar  string `json:"grammar"`
				Prompt   string `json:"prompt"`
				NProbs   int    `json:"n_probs"`
				Seed     uint32 `json:"seed"`
				NPredict int    `json:"n_predict"`
			}
			if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Grammar == "" || req.NProbs != 1 || !strings.Contains(req.Prompt, "coffee") {
				http.Error(w, "bad request", http.StatusBadRequest)
				return
			}
			var out []map[string]any
			for i := 0; i < req.NCmpl; i++ {
				n := names[(int(req.Seed)+i)%len(names)]
				out = append(out, map[string]any{"index": i, "content": n + "\n", "model": "fake-llama",
					"completion_probabilities": []map[string]any{{"token": n, "logprob": -0.2}, {"token": "\n", "logprob": -0.01}}})
			}
			w.Header().Set("Content-Type", "application/json")
			json.NewEncoder(w).Encode(out)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestSuggestThroughBackend: `suggest --backend` generates on the server
// (here a loopback fake; no model is loaded), and $DOMAINGEN_BACKEND does
// the same with the protocol detected.
func TestSuggestThroughBackend(t *testing.T) {
	var calls atomic.Int64
	srv := fakeLlamaServer(t, &calls)
	for _, c := range []struct {
		name string
		env  string
		args []string
	}{
		{"flag", "", []string{"suggest", "--backend", srv.URL, "--backend-protocol", "llama", "--backend-fallback", "composer", "--json", "-n", "5", "organic coffee shop"}},
		{"env", srv.URL, []string{"suggest", "--backend-fallback", "composer", "--json", "-n", "5", "organic coffee shop"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv(envBackend, c.env)
			before := calls.Load()
			code, stdout, stderr := runCLI(c.args...)
			require.Equal(t, 0, code, stderr)
			assert.Greater(t, calls.Load(), before)
			var resp suggest.Response
			require.NoError(t, json.Unmarshal([]byte(stdout), &resp), stdout)
			require.Len(t, resp.Suggestions, 5)
			assert.Contains(t, resp.Model, "fake-llama")
			for _, s := range resp.Suggestions {
				assert.Equal(t, suggest.SourceModel, s.Source, s.Domain)
				assert.Equal(t, suggest.ConfidenceLogProbs, s.ConfidenceSource, s.Domain)
			}
		})
	}
}

// TestServeThroughBackend: `serve --backend` answers /v1/suggest from the
// remote server without loading a model, and /metrics carries the
// backend's series.
func TestServeThroughBackend(t *testing.T) {
	var calls atomic.Int64
	inf := fakeLlamaServer(t, &calls)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- runServe(ctx, []string{"--addr", addr, "--backend", inf.URL, "--backend-fallback", "composer", "--availability=false"}, io.Discard, io.Discard)
	}()
	defer func() {
		cancel()
		assert.NoError(t, <-done)
	}()
	base := "http://" + addr
	require.Eventually(t, func() bool {
		resp, err := http.Get(base + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	}, 30*time.Second, 20*time.Millisecond)

	resp, err := http.Post(base+"/v1/suggest", "application/json", strings.NewReader(`{"business_description":"organic coffee shop","count":5}`))
	require.NoError(t, err)
	var body suggest.Response
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&body))
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Len(t, body.Suggestions, 5)
	assert.Contains(t, body.Model, "fake-llama")
	assert.Equal(t, suggest.ConfidenceLogProbs, body.Suggestions[0].ConfidenceSource)

	resp, err = http.Get(base + "/metrics")
	require.NoError(t, err)
	metrics, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	host := strings.TrimPrefix(inf.URL, "http://")
	assert.Contains(t, string(metrics), `domaingen_backend_requests_total{backend="`+host+`",outcome="ok"}`)
	assert.Contains(t, string(metrics), `domaingen_backend_breaker_state{backend="`+host+`",state="closed"} 1`)
}

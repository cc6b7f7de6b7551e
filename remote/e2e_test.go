package remote_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"domaingen/prompt"
	"domaingen/remote"
	"domaingen/suggest"
)

// The end-to-end test's artifacts: the model `make model` fetches and the
// shipped adapter, both GGUF.
var (
	e2eModel   = filepath.Join("..", "models", "SmolLM2-135M-Instruct.Q4_1.gguf")
	e2eAdapter = filepath.Join("..", "adapters", "smollm2-domains", "adapter.gguf")
)

const e2eSkip = "no inference server: set DOMAINGEN_E2E_BACKEND=http://127.0.0.1:PORT to a running one, " +
	"or put llama.cpp's llama-server on PATH, or `pip install 'llama-cpp-python[server]'` (docs/backends.md)"

// TestEndToEndRealServer runs the pipeline against a real inference
// server on 127.0.0.1 serving our GGUF model with our GGUF adapter: the
// one in $DOMAINGEN_E2E_BACKEND, else a llama-server or llama-cpp-python
// server it starts itself. Without any, it is skipped with the reason.
func TestEndToEndRealServer(t *testing.T) {
	url := os.Getenv("DOMAINGEN_E2E_BACKEND")
	cfg := remote.Config{Timeout: 60 * time.Second}
	if url == "" {
		for _, p := range []string{e2eModel, e2eAdapter} {
			if _, err := os.Stat(p); err != nil {
				t.Skipf("%s missing (make model; the adapter ships in the repository): %v", p, err)
			}
		}
		url, cfg = startServer(t, cfg)
	}
	cfg.URL = url
	g, err := remote.New(cfg, nil, nil)
	require.NoError(t, err)
	svc := suggest.New(g, suggest.Config{Prompt: prompt.Compact})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	for i, desc := range []string{"organic coffee shop downtown", "bike repair shop with student discounts", "florist in Lyon"} {
		start := time.Now()
		resp, err := svc.Suggest(ctx, suggest.Request{Description: desc, Count: 10, Seed: uint32(i + 1)})
		took := time.Since(start)
		require.NoError(t, err)
		require.Equal(t, suggest.StatusSuccess, resp.Status)
		model := 0
		for _, s := range resp.Suggestions {
			if s.Source == suggest.SourceModel {
				model++
				assert.Contains(t, []suggest.ConfidenceSource{suggest.ConfidenceLogProbs, suggest.ConfidenceNone}, s.ConfidenceSource)
			}
		}
		assert.Positive(t, model, "the server produced no valid name for %q", desc)
		t.Logf("%q: %v, %d model names of %d, %d tokens, model %s, protocol %s: %v",
			desc, took.Round(time.Millisecond), model, len(resp.Suggestions), resp.Tokens, resp.Model, g.Protocol(), resp.Suggestions)
	}
}

// startServer starts llama-server, else llama-cpp-python's server, on a
// free loopback port with the model and adapter, and waits until it
// answers. It skips the test when neither is installed.
func startServer(t *testing.T, cfg remote.Config) (string, remote.Config) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	var cmd *exec.Cmd
	if bin, err := exec.LookPath("llama-server"); err == nil {
		cmd = exec.Command(bin, "-m", e2eModel, "--lora", e2eAdapter, "--host", "127.0.0.1", "--port", fmt.Sprint(port),
			"-c", "8192", "-np", "4", "--threads", "2")
		cfg.Protocol = remote.ProtocolLlama
	} else if exec.Command("python3", "-c", "import llama_cpp.server").Run() == nil {
		cmd = exec.Command("python3", "-m", "llama_cpp.server", "--model", e2eModel, "--lora_path", e2eAdapter,
			"--host", "127.0.0.1", "--port", fmt.Sprint(port), "--n_ctx", "2048", "--logits_all", "true", "--n_threads", "2")
		// llama-cpp-python speaks the OpenAI API; it takes no vLLM grammar field.
		cfg.Protocol, cfg.Grammar, cfg.Model = remote.ProtocolOpenAI, remote.GrammarNone, e2eModel
	} else {
		t.Skip(e2eSkip)
	}
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(2 * time.Minute)
	for {
		for _, path := range []string{"/health", "/v1/models"} {
			if resp, err := http.Get(url + path); err == nil {
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					return url, cfg
				}
			}
		}
		require.True(t, time.Now().Before(deadline), "server at %s did not become ready in 2 minutes", url)
		time.Sleep(500 * time.Millisecond) // polling for readiness, not timing anything
	}
}

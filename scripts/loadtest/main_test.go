package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"domaingen/server"
	"domaingen/suggest"
)

// suggesterFunc adapts a function to suggest.Suggester.
type suggesterFunc func(ctx context.Context, req suggest.Request) (suggest.Response, error)

// Suggest calls f.
func (f suggesterFunc) Suggest(ctx context.Context, req suggest.Request) (suggest.Response, error) {
	return f(ctx, req)
}

// quickSuggester answers after 2 ms with req.Count names.
var quickSuggester = suggesterFunc(func(ctx context.Context, req suggest.Request) (suggest.Response, error) {
	select {
	case <-time.After(2 * time.Millisecond):
	case <-ctx.Done():
		return suggest.Response{}, ctx.Err()
	}
	out := make([]suggest.Suggestion, req.Count)
	for i := range out {
		out[i] = suggest.Suggestion{Domain: "example.com", Confidence: 0.5, Source: suggest.SourceModel}
	}
	return suggest.Response{Suggestions: out, Status: suggest.StatusSuccess, Tokens: 10}, nil
})

// startServer serves the real server package with sg on a loopback port.
func startServer(t *testing.T, cfg server.Config, sg suggest.Suggester) string {
	t.Helper()
	s := server.New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	s.SetSuggester(sg)
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts.URL
}

// runArgs runs the command and returns its exit status and outputs.
func runArgs(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestLoadAndSoakPass(t *testing.T) {
	url := startServer(t, server.Config{Workers: 2, QueueDepth: 4}, quickSuggester)
	out := filepath.Join(t.TempDir(), "report.md")
	code, stdout, stderr := runArgs(t, "--url", url, "--concurrency", "8", "--duration", "2s",
		"--soak", "--sample-every", "400ms", "--rss-tolerance", "1", "--out", out) // the load generator shares the process: RSS is not the server's alone
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)

	file, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, stdout, string(file))
	for _, want := range []string{"| 200 |", "| p50 | p95 | p99 | max |", "accepted/s", "go_goroutines", "process_resident_memory_bytes",
		"ok: goroutines did not grow", "Verdict: PASS"} {
		assert.Contains(t, stdout, want)
	}
	assert.Contains(t, stdout, "| 429 |", "8 clients on 2 workers + 4 queue slots must see some 429s")
}

func TestLoadFailsOn5xx(t *testing.T) {
	failing := suggesterFunc(func(ctx context.Context, req suggest.Request) (suggest.Response, error) {
		return suggest.Response{}, errors.New("model exploded")
	})
	url := startServer(t, server.Config{}, failing)
	code, stdout, stderr := runArgs(t, "--url", url, "--concurrency", "2", "--duration", "300ms")
	assert.Equal(t, 1, code)
	assert.Contains(t, stdout, "| 500 |")
	assert.Contains(t, stdout, "Verdict: FAIL")
	assert.Contains(t, stderr, "5xx")
}

func TestLoadCountsTransportErrors(t *testing.T) {
	ts := httptest.NewServer(nil)
	url := ts.URL
	ts.Close() // nothing listens there any more
	code, stdout, _ := runArgs(t, "--url", url, "--concurrency", "1", "--duration", "200ms")
	assert.Equal(t, 1, code)
	assert.Contains(t, stdout, "error: connection refused")
}

func TestFlagsRejectNonLoopbackAndBadValues(t *testing.T) {
	for _, args := range [][]string{
		{"--url", "http://example.com:8080"},
		{"--url", "http://10.0.0.1:8080"},
		{"--url", "ftp://127.0.0.1"},
		{"--concurrency", "0"},
		{"--concurrency", "5000"},
		{"--duration", "0s"},
		{"--duration", "48h"},
		{"extra"},
	} {
		code, _, stderr := runArgs(t, args...)
		assert.Equal(t, 2, code, "%v: %s", args, stderr)
	}
	for _, ok := range []string{"http://127.0.0.1:1", "http://localhost:1", "http://[::1]:1", "https://127.0.0.2"} {
		_, err := loopbackURL(ok)
		assert.NoError(t, err, ok)
	}
}

func TestSoakVerdicts(t *testing.T) {
	flat := &soakResult{rssTolerance: defaultRSSTolerance, samples: []sample{{goroutines: 40, rss: 100 << 20}, {goroutines: 42, rss: 108 << 20}}}
	lines, problems := flat.verdicts()
	assert.Empty(t, problems)
	assert.Len(t, lines, 2)

	leaky := &soakResult{rssTolerance: defaultRSSTolerance, samples: []sample{{goroutines: 40, rss: 100 << 20}, {goroutines: 90, rss: 130 << 20}}}
	_, problems = leaky.verdicts()
	require.Len(t, problems, 2)
	assert.Contains(t, problems[0], "goroutines grew")
	assert.Contains(t, problems[1], "RSS grew")

	_, problems = (&soakResult{samples: []sample{{goroutines: 1}}}).verdicts()
	assert.Contains(t, strings.Join(problems, ""), "need at least 2")
}

func TestPercentile(t *testing.T) {
	var d []time.Duration
	for i := 1; i <= 100; i++ {
		d = append(d, time.Duration(i)*time.Millisecond)
	}
	assert.Equal(t, 50*time.Millisecond, percentile(d, 0.50))
	assert.Equal(t, 95*time.Millisecond, percentile(d, 0.95))
	assert.Equal(t, 99*time.Millisecond, percentile(d, 0.99))
	assert.Equal(t, 7*time.Millisecond, percentile([]time.Duration{7 * time.Millisecond}, 0.99))
}

func TestParseLine(t *testing.T) {
	name, v, ok := parseLine("process_resident_memory_bytes 1.2345e+07")
	assert.True(t, ok)
	assert.Equal(t, "process_resident_memory_bytes", name)
	assert.InDelta(t, 1.2345e7, v, 1)
	_, _, ok = parseLine("# HELP go_goroutines Number of goroutines")
	assert.False(t, ok)
}

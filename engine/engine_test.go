package engine

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"domaingen/domain"
	"domaingen/prompt"
	"domaingen/suggest"
)

var (
	engOnce sync.Once
	eng     *Engine
	engErr  error
)

// testEngine opens the real model fetched by `make model` once per test
// binary, with two threads (CI machines have two cores).
func testEngine(t testing.TB) *Engine {
	t.Helper()
	path := os.Getenv("DOMAINGEN_MODEL")
	if path == "" {
		path = filepath.Join("..", DefaultModel)
	}
	if _, err := os.Stat(path); err != nil {
		if testing.Short() {
			t.Skip("model not present; run `make model` (skipped in -short mode)")
		}
		t.Fatalf("model %s not found: run `make model` first", path)
	}
	engOnce.Do(func() { eng, engErr = Open(Config{Model: path, Contexts: 1, Threads: 2}) })
	require.NoError(t, engErr)
	return eng
}

type description struct {
	ID          string `json:"id"`
	Description string `json:"description"`
	Lang        string `json:"lang"`
}

func readDescriptions(t testing.TB) []description {
	return readJSONL[description](t, filepath.Join("..", "testdata", "descriptions.jsonl"))
}

// readJSONL decodes every line of path as a T.
func readJSONL[T any](t testing.TB, path string) []T {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var v T
		require.NoError(t, json.Unmarshal(sc.Bytes(), &v), "%s: %s", path, sc.Text())
		out = append(out, v)
	}
	require.NoError(t, sc.Err())
	return out
}

// TestEveryDescriptionGetsValidNames runs the whole pipeline with the real
// model over the 150 evaluation descriptions: no response is empty and
// every suggested name passes the domain rules.
func TestEveryDescriptionGetsValidNames(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the real model 150 times")
	}
	e := testEngine(t)
	svc := suggest.New(e, suggest.Config{})
	descs := readDescriptions(t)
	require.Len(t, descs, 150)
	var total, fromModel int
	start := time.Now()
	for _, d := range descs {
		resp, err := svc.Suggest(context.Background(), suggest.Request{Description: d.Description, Count: 10})
		require.NoError(t, err, d.ID)
		if resp.Status == suggest.StatusBlocked {
			t.Errorf("%s blocked (%s): %q", d.ID, resp.Category, d.Description)
			continue
		}
		require.Equal(t, suggest.StatusSuccess, resp.Status, d.ID)
		require.Len(t, resp.Suggestions, 10, d.ID)
		for _, s := range resp.Suggestions {
			require.NoError(t, domain.Validate(s.Domain, domain.Options{}), "%s: %s", d.ID, s.Domain)
			total++
			if s.Source == suggest.SourceModel {
				fromModel++
			}
		}
	}
	share := float64(fromModel) / float64(total)
	t.Logf("%d names, %.1f%% from the model, %.0f ms per description", total, 100*share, float64(time.Since(start).Milliseconds())/float64(len(descs)))
	assert.Greater(t, share, 0.8, "the model, not the fallback, should produce most names")
}

func TestSameSeedSameSuggestions(t *testing.T) {
	e := testEngine(t)
	svc := suggest.New(e, suggest.Config{})
	ctx := context.Background()
	req := suggest.Request{Description: "organic coffee shop downtown with a cozy reading corner", Count: 10, Seed: 7}
	a, err := svc.Suggest(ctx, req)
	require.NoError(t, err)
	b, err := svc.Suggest(ctx, req)
	require.NoError(t, err)
	assert.Equal(t, a.Suggestions, b.Suggestions)
	req.Seed = 8
	c, err := svc.Suggest(ctx, req)
	require.NoError(t, err)
	assert.NotEqual(t, a.Suggestions, c.Suggestions)
	for _, s := range a.Suggestions {
		assert.Equal(t, suggest.SourceModel, s.Source)
	}
}

func TestOpenErrors(t *testing.T) {
	_, err := Open(Config{Model: "/nonexistent/model.gguf"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "/nonexistent/model.gguf")
	_, err = Open(Config{})
	assert.Error(t, err)
}

// BenchmarkSuggest10 measures one request for 10 names end to end with
// the prompt prefix warm in the cache, and how much of it is spent inside
// llama_decode.
//
// DOMAINGEN_MODEL picks another model, e.g. the merged model `make
// quantize` writes (served with the prompt layout it records).
func BenchmarkSuggest10(b *testing.B) {
	e := testEngine(b)
	benchSuggest10(b, e, suggest.New(e, benchConfig(e.PromptStyle())))
}

// BenchmarkSuggest10Adapter is BenchmarkSuggest10 with the shipped
// adapter and the compact prompt it is served with.
func BenchmarkSuggest10Adapter(b *testing.B) {
	e := shippedAdapter(b)
	benchSuggest10(b, e, suggest.New(e, benchConfig(e.PromptStyle())))
}

func benchSuggest10(b *testing.B, e *Engine, svc *suggest.Service) {
	ctx := context.Background()
	req := suggest.Request{Description: "organic coffee shop downtown with a cozy reading corner", Count: 10}
	if _, err := svc.Suggest(ctx, req); err != nil { // warm the cache
		b.Fatal(err)
	}
	before := e.Stats()
	b.ResetTimer()
	start := time.Now()
	times := make([]time.Duration, b.N)
	for i := 0; i < b.N; i++ {
		req.Seed = uint32(i + 1)
		t0 := time.Now()
		if _, err := svc.Suggest(ctx, req); err != nil {
			b.Fatal(err)
		}
		times[i] = time.Since(t0)
	}
	total := time.Since(start)
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "p95-ms")
	after := e.Stats()
	decode := after.Decode - before.Decode
	sample := after.Sample - before.Sample
	n := float64(b.N)
	b.ReportMetric(float64(decode.Milliseconds())/n, "decode-ms/op")
	b.ReportMetric(float64(sample.Milliseconds())/n, "sample-ms/op")
	b.ReportMetric(100*float64(total-decode-sample)/float64(decode), "go-overhead-%")
}

// benchConfig is the service configuration of the Suggest10 benchmarks:
// the defaults, with BENCH_OVERGENERATE, BENCH_NAMES_PER_SEQ and
// BENCH_START_REPEATS (-1: no cap) to try others.
func benchConfig(style prompt.Style) suggest.Config {
	return suggest.Config{Overgenerate: benchOvergenerate(), NamesPerSequence: benchNamesPerSequence(),
		StartRepeats: benchInt("BENCH_START_REPEATS"), Prompt: style}
}

// benchInt reads an integer setting from the environment (0 if unset).
func benchInt(name string) int {
	var n int
	fmt.Sscan(os.Getenv(name), &n)
	return n
}

// benchNamesPerSequence lets a benchmark run try several names per
// sampled sequence (BENCH_NAMES_PER_SEQ=2); 0 keeps the default.
func benchNamesPerSequence() int {
	var n int
	fmt.Sscan(os.Getenv("BENCH_NAMES_PER_SEQ"), &n)
	return n
}

// benchOvergenerate lets a benchmark run try another overgeneration factor
// (BENCH_OVERGENERATE=1.2); 0 keeps the default.
func benchOvergenerate() float64 {
	var f float64
	fmt.Sscan(os.Getenv("BENCH_OVERGENERATE"), &f)
	return f
}

func TestResolvePrompt(t *testing.T) {
	for _, c := range []struct {
		setting, recorded string
		adapter           bool
		want              prompt.Style
		err               bool
	}{
		{"", "", false, prompt.FewShot, false},
		{"", "", true, prompt.Compact, false},
		{"auto", "", true, prompt.Compact, false},
		{"", "compact", false, prompt.Compact, false}, // a merged model
		{"fewshot", "compact", false, prompt.FewShot, false},
		{"compact", "", false, prompt.Compact, false},
		{"", "zero-shot", false, "", true},
		{"chatty", "", false, "", true},
	} {
		got, err := resolvePrompt(c.setting, c.recorded, c.adapter)
		if c.err {
			assert.Error(t, err, "%+v", c)
			continue
		}
		require.NoError(t, err, "%+v", c)
		assert.Equal(t, c.want, got, "%+v", c)
	}
}

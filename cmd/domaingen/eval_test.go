package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"domaingen/eval"
	"domaingen/judge"
)

func needWords(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(judge.DefaultWordList); err != nil {
		t.Skip("no English word list: apt-get install wamerican")
	}
}

// repoRoot changes to the module root so default paths resolve.
func repoRoot(t *testing.T) {
	t.Helper()
	t.Chdir("../..")
}

func TestEvalUsage(t *testing.T) {
	var out, errb bytes.Buffer
	assert.Equal(t, 2, run([]string{"eval"}, &out, &errb))
	assert.Contains(t, errb.String(), "--out is required")
	errb.Reset()
	assert.Equal(t, 2, run([]string{"eval", "--out", t.TempDir(), "-n", "50"}, &out, &errb))
	assert.Equal(t, 2, run([]string{"judge"}, &out, &errb))
	assert.Equal(t, 2, run([]string{"judge", "validate", "--k", "1"}, &out, &errb))
}

func TestEvalFallbackResumes(t *testing.T) {
	needWords(t)
	repoRoot(t)
	dir := t.TempDir()
	var out, errb bytes.Buffer
	args := []string{"eval", "--adapter", "fallback", "--judge", "features", "--limit", "3", "-n", "5", "--out", dir}
	require.Equal(t, 0, run(args, &out, &errb), errb.String())
	rs, err := eval.ReadResults(filepath.Join(dir, "results.jsonl"))
	require.NoError(t, err)
	assert.Len(t, eval.Done(rs), 3)
	for _, r := range rs {
		if r.Domain != "" {
			require.NotNil(t, r.Judge, r.Domain)
		}
	}
	for _, f := range []string{"report.md", "metrics.json", "scores.png", "metrics.png", "reliability_fallback.png"} {
		assert.FileExists(t, filepath.Join(dir, f))
	}
	// A second run with a larger limit evaluates only the new descriptions.
	args[6] = "4"
	errb.Reset()
	require.Equal(t, 0, run(args, &out, &errb), errb.String())
	assert.Contains(t, errb.String(), "1 descriptions to go")
	rs2, err := eval.ReadResults(filepath.Join(dir, "results.jsonl"))
	require.NoError(t, err)
	assert.Len(t, eval.Done(rs2), 4)
	report, err := os.ReadFile(filepath.Join(dir, "report.md"))
	require.NoError(t, err)
	assert.True(t, strings.Contains(string(report), "judge overall"))
}

func TestJudgeFeaturesCLI(t *testing.T) {
	needWords(t)
	repoRoot(t)
	in := filepath.Join(t.TempDir(), "in.jsonl")
	require.NoError(t, os.WriteFile(in, []byte(`{"description":"sourdough bakery","domain":"dawnloaf.com","extra":1}
{"description":"sourdough bakery","domain":"best-fresh-bread-4u.com"}
`), 0o644))
	outPath := filepath.Join(t.TempDir(), "out.jsonl")
	var out, errb bytes.Buffer
	require.Equal(t, 0, run([]string{"judge", "--judge", "features", "--in", in, "--out", outPath}, &out, &errb), errb.String())
	data, err := os.ReadFile(outPath)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	require.Len(t, lines, 2)
	assert.Contains(t, lines[0], `"extra":1`)
	assert.Contains(t, lines[0], `"scores"`)
}

// TestJudgeValidateHeldOut re-derives, from the committed reference ratings
// and LLM scores, the held-out agreement docs/judge.md reports: the default
// features judge and the combined judge with Qwen2.5-Coder-1.5B's scores
// must each reach Spearman ≥ 0.6 on overall for the descriptions they were
// not fitted on, and the Qwen combination must beat the features on
// relevance there.
func TestJudgeValidateHeldOut(t *testing.T) {
	needWords(t)
	repoRoot(t)
	var out, errb bytes.Buffer
	require.Equal(t, 0, run([]string{"judge", "validate", "--lists", "", "--llm", "testdata/judge_gold_qwen.jsonl"}, &out, &errb), errb.String())
	heldOut := strings.Split(out.String(), "### 5-fold")[0]
	spearman := func(judgeName, dim string) float64 {
		t.Helper()
		prefix := "| " + judgeName + " | " + dim + " | "
		for _, line := range strings.Split(heldOut, "\n") {
			if rest, ok := strings.CutPrefix(line, prefix); ok {
				var v float64
				_, err := fmt.Sscanf(rest, "%g", &v)
				require.NoError(t, err, line)
				return v
			}
		}
		t.Fatalf("no row %q in:\n%s", prefix, heldOut)
		return 0
	}
	assert.GreaterOrEqual(t, spearman("calibrated features", "overall"), 0.6)
	assert.GreaterOrEqual(t, spearman("calibrated combined", "overall"), 0.6)
	assert.Greater(t, spearman("calibrated combined", "relevance"), spearman("calibrated features", "relevance"))
}

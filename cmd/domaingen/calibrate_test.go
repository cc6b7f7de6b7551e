package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"domaingen/engine"
	"domaingen/eval"
	"domaingen/internal/jsonl"
	"domaingen/judge"
	"domaingen/suggest"
)

// calibrationGold writes a synthetic list-level gold set of one
// configuration "m" (40 descriptions, half fit, half held out, ten names
// each) whose served confidence rises with the language model's "yes",
// fits a meaning judge on it, and returns the paths of the lists, the LM
// statistics and the judge.
func calibrationGold(t *testing.T) (lists, lm, judgePath string) {
	t.Helper()
	if _, err := os.Stat(judge.DefaultWordList); err != nil {
		t.Skipf("no word list %s: %v", judge.DefaultWordList, err)
	}
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(11, 12))
	lex, err := judge.LoadLexicon(judge.DefaultWordList)
	require.NoError(t, err)
	fz := judge.Featurizer{Lex: lex}
	g := &judge.ListGold{}
	var inputs [][]judge.Inputs
	var rows []judge.LMRow
	words := []string{"bright", "cedar", "harbor", "maple", "nova", "orbit", "pixel", "quill", "river", "summit"}
	for d := range 40 {
		l := judge.GoldList{ListID: fmt.Sprintf("l%02d", d), DescriptionID: fmt.Sprintf("d%02d", d),
			Description: "a small bakery selling bread and cakes", Config: "m", Split: "fit"}
		if d >= 20 {
			l.Split = "heldout"
		}
		var ins []judge.Inputs
		var dims []judge.Dims
		var share []float64
		for k := range 10 {
			name := fmt.Sprintf("%s%s%d.com", words[k], words[(k+d)%10], d)
			yes := 3 * rng.NormFloat64()
			l.Names = append(l.Names, name)
			l.Confidences = append(l.Confidences, math.Round(1000/(1+math.Exp(-yes/2+0.5*rng.NormFloat64())))/1000)
			st := judge.LMStats{Yes: yes}
			rows = append(rows, judge.LMRow{DescriptionID: l.DescriptionID, Domain: name, LMStats: st})
			ins = append(ins, judge.Inputs{Features: fz.FeaturesOf(l.Description, name), LM: &st})
			ov := math.Max(1, math.Min(5, 3+yes/2))
			dims = append(dims, judge.Dims{ov, ov, ov, ov})
			share = append(share, map[bool]float64{true: 1, false: 0}[ov >= 4])
		}
		g.Lists = append(g.Lists, l)
		g.Names = append(g.Names, dims)
		g.ShortlistShare = append(g.ShortlistShare, share)
		g.Score = append(g.Score, 5+rng.Float64())
		g.Shortlist = append(g.Shortlist, 3)
		inputs = append(inputs, ins)
	}
	m, err := judge.FitListModel(judge.VariantMeaning, g, inputs, judge.DefaultLambda)
	require.NoError(t, err)
	judgePath = filepath.Join(dir, "judge.json")
	require.NoError(t, m.Save(judgePath))
	lists, lm = filepath.Join(dir, "lists.jsonl"), filepath.Join(dir, "lm.jsonl")
	require.NoError(t, jsonl.AppendFile(lists, g.Lists...))
	require.NoError(t, jsonl.AppendFile(lm, rows...))
	return lists, lm, judgePath
}

func TestCalibrateGoldLists(t *testing.T) {
	lists, lm, judgePath := calibrationGold(t)
	dir := t.TempDir()
	adapter := filepath.Join(dir, "adapters", "x", "adapter.gguf")
	require.NoError(t, os.MkdirAll(filepath.Dir(adapter), 0o755))
	require.NoError(t, os.WriteFile(adapter, []byte("lora"), 0o644))

	code, stdout, stderr := runCLI("calibrate", "--lists", lists, "--lm", lm, "--judge", judgePath, "--config", "m",
		"--model", "models/m.gguf", "--adapter", adapter)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "ECE calibrated")
	assert.Contains(t, stdout, "| m | 200 (20 lists) |", "checked on the 20 held-out lists only")
	out := filepath.Join(dir, "adapters", "x", "confidence.json")
	cal, err := suggest.ReadCalibration(out)
	require.NoError(t, err, "written next to the adapter")
	assert.Equal(t, "m.gguf", cal.Model)
	sum, err := engine.FileSHA256(adapter)
	require.NoError(t, err)
	assert.Equal(t, sum, cal.AdapterSHA256)
	assert.Contains(t, string(cal.Heldout), "held-out split")
	assert.Less(t, cal.Apply(0.1), cal.Apply(0.9), "higher raw confidence, higher shortlist probability")
	_, err = os.Stat(filepath.Join(dir, "adapters", "x", "confidence.png"))
	assert.NoError(t, err, "reliability diagram next to the map")

	// The engine accepts the map for that pair.
	got, err := engine.LoadCalibration(engine.Config{Model: "models/m.gguf", Adapter: adapter})
	require.NoError(t, err)
	assert.Equal(t, cal.X, got.X)

	code, _, stderr = runCLI("calibrate", "--lists", lists, "--lm", lm, "--judge", judgePath, "--config", "nope", "--out", filepath.Join(dir, "n.json"))
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "nope")
}

func TestCalibrateResults(t *testing.T) {
	_, _, judgePath := calibrationGold(t)
	rng := rand.New(rand.NewPCG(13, 14))
	var rs []eval.Result
	for d := range 30 {
		for k := range 10 {
			raw := math.Round(rng.Float64()*1000) / 1000
			sc := &judge.Scores{}
			sc.Expected[judge.Overall] = 1 + 4*raw + 0.3*rng.NormFloat64()
			rs = append(rs, eval.Result{Config: "adapter", ID: fmt.Sprintf("v%02d", d), Domain: fmt.Sprintf("n%d%d.com", d, k),
				Status: "success", Rank: k + 1, RawConfidence: raw, Confidence: raw, Judge: sc})
		}
	}
	dir := t.TempDir()
	results := filepath.Join(dir, "results.jsonl")
	require.NoError(t, jsonl.AppendFile(results, rs...))
	out := filepath.Join(dir, "calibration", "merged.gguf.json")
	code, stdout, stderr := runCLI("calibrate", "--results", results, "--judge", judgePath, "--model", "models/merged.gguf", "--out", out)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "| merged.gguf | 300 (30 lists) |")
	cal, err := suggest.ReadCalibration(out)
	require.NoError(t, err)
	assert.Empty(t, cal.AdapterSHA256)
	assert.Contains(t, string(cal.Heldout), "cross-fit")
}

func TestCalibrateUsage(t *testing.T) {
	for _, args := range [][]string{
		{"calibrate"},
		{"calibrate", "--lists", "a", "--results", "b"},
		{"calibrate", "--lists", "a"},
	} {
		code, _, _ := runCLI(args...)
		assert.Equal(t, 2, code, "%v", args)
	}
}

func TestPrintResponseSaysWhatConfidenceIs(t *testing.T) {
	resp := suggest.Response{Status: suggest.StatusSuccess, Suggestions: []suggest.Suggestion{
		{Domain: "loafnest.com", Confidence: 0.12, RawConfidence: 0.6, Source: suggest.SourceModel, ConfidenceSource: suggest.ConfidenceLogProbs}}}
	var b strings.Builder
	printResponse(&b, resp)
	assert.Contains(t, b.String(), "0.120")
	assert.Contains(t, b.String(), "raw scores, not calibrated")
	resp.ConfidenceCalibrated = true
	b.Reset()
	printResponse(&b, resp)
	assert.Contains(t, b.String(), "estimate that a rater would shortlist")
	assert.NotContains(t, b.String(), "not calibrated")
}

package eval

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"domaingen/judge"
	"domaingen/suggest"
)

func TestLevenshtein(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "", 3}, {"kitten", "sitting", 3}, {"loaf", "loaf", 0}, {"café", "cafe", 1},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Levenshtein(tt.a, tt.b), "%s/%s", tt.a, tt.b)
	}
	assert.InDelta(t, (1+2+1)/3.0, MeanPairwiseDistance([]string{"ab", "ac", "cc"}), 1e-12)
	assert.InDelta(t, 2.0/3, DistinctPrefixes([]string{"loafy", "loafer", "bread"}, 4), 1e-12)
}

func sc(overall float64) *judge.Scores {
	return &judge.Scores{Expected: judge.Dims{3, 3, 3, overall}}
}

func TestSummarize(t *testing.T) {
	rs := []Result{
		{Config: "c", ID: "1", Status: "success", Domain: "loaf.com", Valid: true, Source: "model", Confidence: 0.5, Judge: sc(4), Features: &judge.Features{KeywordHits: 1, SynonymHits: 1}},
		{Config: "c", ID: "1", Status: "success", Domain: "loaf.io", Valid: true, Source: "model", Confidence: 0.3, Judge: sc(2), Features: &judge.Features{SynonymHits: 1}},
		{Config: "c", ID: "1", Status: "success", Domain: "bread-4u.com", Valid: true, Source: "fallback", Confidence: 0.1, Judge: sc(1), Features: &judge.Features{}},
		{Config: "c", ID: "2", Status: "blocked", Error: "violence"},
	}
	m := Summarize("c", rs, 1)
	assert.Equal(t, 2, m.Descriptions)
	assert.Equal(t, 3, m.Suggestions)
	assert.InDelta(t, 0.5, m.Blocked.Est, 1e-12)
	assert.InDelta(t, 1.0/3, m.DuplicateSLD.Est, 1e-12, "loaf.io repeats loaf")
	assert.InDelta(t, 1.0/3, m.Hyphen.Est, 1e-12)
	assert.InDelta(t, 1.0/3, m.Fallback.Est, 1e-12)
	assert.InDelta(t, (4+4+8)/3.0, m.Length.Est, 1e-12)
	assert.InDelta(t, 7.0/3, m.Judge[judge.Overall].Est, 1e-12)
	assert.Equal(t, map[string]int{"com": 2, "io": 1}, m.TLDs)
	assert.Equal(t, 3.0, m.PerDescription.Est)
	assert.InDelta(t, 1.0/3, m.KeywordHit.Est, 1e-12, "loaf.com")
	assert.InDelta(t, 2.0/3, m.RelevantHit.Est, 1e-12, "loaf.com and, by a synonym, loaf.io")

	var md strings.Builder
	Report{Metrics: []Metrics{m}}.WriteMarkdown(&md)
	assert.Contains(t, md.String(), "| contains a description keyword | 33.3% [33.3, 33.3] |\n| contains a keyword or its WordNet synonym | 66.7% [66.7, 66.7] |\n")
}

// TestCompareByRelevant: per description, the share of names with a
// keyword or synonym hit; names without features do not count.
func TestCompareByRelevant(t *testing.T) {
	hit, miss := &judge.Features{SynonymHits: 2}, &judge.Features{}
	a := []Result{
		{Config: "new", ID: "1", Domain: "a.com", Features: hit},
		{Config: "new", ID: "1", Domain: "b.com", Features: miss},
		{Config: "new", ID: "2", Domain: "c.com", Features: hit},
	}
	b := []Result{
		{Config: "old", ID: "1", Domain: "d.com", Features: miss},
		{Config: "old", ID: "1", Domain: "e.com"},
		{Config: "old", ID: "2", Domain: "f.com", Features: &judge.Features{KeywordHits: 1}},
	}
	c := CompareBy(a, b, MetricRelevant, 1)
	assert.Equal(t, MetricRelevant, c.Metric)
	assert.Equal(t, [3]int{1, 0, 1}, [3]int{c.Wins, c.Losses, c.Ties}, "1: 1/2 > 0/1; 2: 1 = 1")
}

func TestComparePaired(t *testing.T) {
	var a, b []Result
	for i, pair := range [][2]float64{{4, 2}, {3, 3}, {5, 1}, {2, 3}} {
		id := string(rune('a' + i))
		a = append(a, Result{Config: "new", ID: id, Domain: "x.com", Judge: sc(pair[0])})
		b = append(b, Result{Config: "old", ID: id, Domain: "y.com", Judge: sc(pair[1])})
	}
	c := ComparePaired(a, b, 1)
	assert.Equal(t, "judge overall", c.Metric)
	assert.Equal(t, [3]int{2, 1, 1}, [3]int{c.Wins, c.Losses, c.Ties})
	assert.InDelta(t, 2.5/4, c.WinRate.Est, 1e-12)
	assert.InDelta(t, 1.0, c.SignP, 1e-12)
}

// TestCompareByListScore: a list that repeats an SLD under another TLD
// loses on the list score what it won on the per-name mean.
func TestCompareByListScore(t *testing.T) {
	a := []Result{
		{Config: "repeats", ID: "1", Domain: "loaf.com", Judge: sc(4)},
		{Config: "repeats", ID: "1", Domain: "loaf.io", Judge: sc(4)},
		{Config: "repeats", ID: "1", Domain: "loaf.co", Judge: sc(4)},
	}
	b := []Result{
		{Config: "varied", ID: "1", Domain: "loaf.com", Judge: sc(3.5)},
		{Config: "varied", ID: "1", Domain: "crumb.com", Judge: sc(3.5)},
		{Config: "varied", ID: "1", Domain: "rye.io", Judge: sc(3.5)},
	}
	byName := CompareBy(a, b, MetricJudge, 1)
	assert.Equal(t, 1, byName.Wins, "4 > 3.5 name by name")
	byList := CompareBy(a, b, MetricList, 1)
	assert.Equal(t, 1, byList.Losses, "(4+1+1)/3 = 2 < 3.5 as a list")
	assert.Equal(t, MetricList, byList.Metric)
}

func TestRunnerFallbackAndResume(t *testing.T) {
	svc := suggest.New(nil, suggest.Config{})
	r := Runner{Config: "fallback", Suggester: svc, Featurizer: judge.Featurizer{Lex: judge.NewLexicon([]string{"organic", "coffee", "shop"})}, Count: 5}
	rs, err := r.Run(context.Background(), Item{ID: "d1", Description: "organic coffee roaster"})
	require.NoError(t, err)
	require.Len(t, rs, 5)
	for i, x := range rs {
		assert.Equal(t, i+1, x.Rank)
		assert.True(t, x.Valid, x.Domain)
		assert.Equal(t, "fallback", x.Source)
		require.NotNil(t, x.Features)
	}
	bad, err := r.Run(context.Background(), Item{ID: "d2", Description: "   "})
	require.NoError(t, err)
	require.Len(t, bad, 1)
	assert.Equal(t, "error", bad[0].Status)

	path := filepath.Join(t.TempDir(), "results.jsonl")
	require.NoError(t, AppendResults(path, rs))
	require.NoError(t, AppendResults(path, bad))
	// An interrupted write leaves a torn last line: it is ignored.
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	f.WriteString(`{"config":"fallback","id":"d3","dom`)
	f.Close()
	back, err := ReadResults(path)
	require.NoError(t, err)
	assert.Len(t, back, 6)
	assert.Equal(t, map[string]bool{"fallback\td1": true, "fallback\td2": true}, Done(back))
}

func TestCalibrateConfidence(t *testing.T) {
	var rs []Result
	for i := 0; i < 20; i++ {
		c := float64(i%5) / 5
		rs = append(rs, Result{ID: string(rune('a' + i%4)), Domain: "x.com", Confidence: c, Judge: sc(1 + 4*c)})
	}
	cc := CalibrateConfidence(rs, 5)
	assert.Equal(t, 20, cc.N)
	assert.Less(t, cc.IsotonicECE, 1e-9, "a monotone relation is recalibrated exactly")
}

package judge

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func rating(rater, list string, score int, names map[string]int) ListRating {
	r := ListRating{Rater: rater, ListID: list, Score: score}
	for d, o := range names {
		r.Names = append(r.Names, NameRating{Domain: d, Relevance: o, Memorability: 3, Brandability: 3, Overall: o})
		if o >= 4 {
			r.Shortlist++
		}
	}
	return r
}

func TestJoinListGoldAveragesRatersAndChecksNames(t *testing.T) {
	lists := []GoldList{{ListID: "L1", DescriptionID: "g1", Config: "a", Split: "fit", Names: []string{"x.com", "y.com"}}}
	g, err := JoinListGold(lists, []ListRating{
		rating("r1", "L1", 4, map[string]int{"x.com": 2, "y.com": 5}),
		rating("r2", "L1", 7, map[string]int{"x.com": 3, "y.com": 4}),
	}, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"r1", "r2"}, g.Raters)
	assert.InDelta(t, 5.5, g.Score[0], 1e-12)
	assert.InDelta(t, 5.5, g.ScoreV1[0], 1e-12)
	assert.InDelta(t, 1.0, g.Shortlist[0], 1e-12)
	assert.InDelta(t, 2.5, g.Names[0][0][Overall], 1e-12)
	assert.InDelta(t, 4.5, g.Names[0][1][Overall], 1e-12)

	_, err = JoinListGold(lists, []ListRating{rating("r1", "L1", 4, map[string]int{"x.com": 2, "z.com": 5})}, nil)
	assert.ErrorContains(t, err, "not in the list")
	_, err = JoinListGold(lists, []ListRating{rating("r1", "L9", 4, map[string]int{"x.com": 2})}, nil)
	assert.ErrorContains(t, err, "unknown list")
	_, err = JoinListGold(lists, nil, nil)
	assert.ErrorContains(t, err, "no rating")

	// v2 list scores replace the v1 list score as the list-level gold.
	v2 := []ListScoreRating{{Rater: "s1", ListID: "L1", Score: 3}, {Rater: "s2", ListID: "L1", Score: 4}}
	for i := range v2 {
		v2[i].Names = []NameOverall{{"x.com", 2 + 3*(1-i)}, {"y.com", 3}}
	}
	g, err = JoinListGold(lists, []ListRating{rating("r1", "L1", 1, map[string]int{"x.com": 2, "y.com": 3})}, v2)
	require.NoError(t, err)
	assert.InDelta(t, 3.5, g.Score[0], 1e-12)
	assert.InDelta(t, 1, g.ScoreV1[0], 1e-12)
	assert.Equal(t, []string{"s1", "s2"}, g.ScoreRaters)
	// Overall ratings average every rater of the name: r1 2, s1 5, s2 2.
	assert.InDelta(t, 3, g.Names[0][0][Overall], 1e-12)
	assert.InDelta(t, 1.0/3, g.ShortlistShare[0][0], 1e-12)
	v2[1].ListID = "L7"
	_, err = JoinListGold(lists, []ListRating{rating("r1", "L1", 1, map[string]int{"x.com": 2, "y.com": 3})}, v2)
	assert.ErrorContains(t, err, "unknown list L7")
	_, err = JoinListGold(lists, []ListRating{rating("r1", "L1", 4, map[string]int{"x.com": 2, "y.com": 5}), rating("r1", "L1", 5, map[string]int{"x.com": 2, "y.com": 5})}, nil)
	assert.ErrorContains(t, err, "twice")
}

// syntheticGold builds lists of three configurations whose names' true
// quality is a known function of a language-model input, rated by two
// noisy raters.
func syntheticGold(t *testing.T, n int) (*ListGold, [][]Inputs) {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	level := map[string]float64{"weak": -2, "mid": 0, "strong": 2}
	var lists []GoldList
	var ratings []ListRating
	var inputs [][]Inputs
	for d := range n {
		split := "fit"
		if d%2 == 1 {
			split = "heldout"
		}
		for _, c := range []string{"weak", "mid", "strong"} {
			l := GoldList{ListID: fmt.Sprintf("L%d%s", d, c), DescriptionID: fmt.Sprintf("g%03d", d), Config: c, Split: split}
			var ins []Inputs
			truth := map[string]float64{}
			for k := range 10 {
				name := fmt.Sprintf("%s%dn%d.com", c, d, k)
				yes := level[c] + rng.NormFloat64()
				st := LMStats{Yes: yes}
				l.Names = append(l.Names, name)
				ins = append(ins, Inputs{Features: Features{Valid: true, Length: 8, ASCII: true, ComTLD: true}, LM: &st})
				truth[name] = 3 + 0.8*yes
			}
			lists = append(lists, l)
			inputs = append(inputs, ins)
			for _, r := range []string{"r1", "r2"} {
				names := map[string]int{}
				sum := 0.0
				for name, q := range truth {
					v := min(5, max(1, int(q+0.5+0.5*rng.NormFloat64())))
					names[name] = v
					sum += float64(v)
				}
				ratings = append(ratings, rating(r, l.ListID, min(10, max(1, int(2*sum/10-1))), names))
			}
		}
	}
	g, err := JoinListGold(lists, ratings, nil)
	require.NoError(t, err)
	return g, inputs
}

func TestFitListModelRanksHeldOutListsLikeRaters(t *testing.T) {
	g, inputs := syntheticGold(t, 40)
	m, err := FitListModel(VariantMeaning, g, inputs, 0)
	require.NoError(t, err)
	assert.Len(t, m.Name.TrainedOn, 20, "only the fit split's descriptions")
	score := make([]float64, len(g.Lists))
	for i, l := range g.Lists {
		pred, err := predictAll(m.Name, inputs[i])
		require.NoError(t, err)
		score[i] = m.ListScore(l.Names, pred, inputs[i])
	}
	v := ValidateLists(g, score, "heldout", [][2]string{{"strong", "weak"}}, 1)
	assert.Equal(t, 60, v.Lists)
	assert.Greater(t, v.Spearman.Est, 0.8)
	assert.True(t, v.OrderAgrees)
	assert.InDelta(t, 1, v.Kendall, 1e-12)
	assert.InDelta(t, 1, v.Prefer[0].Rate.Est, 1e-12)

	// A judge that reverses the lists reverses the order too.
	rev := make([]float64, len(score))
	for i := range score {
		rev[i] = -score[i]
	}
	v = ValidateLists(g, rev, "heldout", [][2]string{{"strong", "weak"}}, 1)
	assert.False(t, v.OrderAgrees)
	assert.InDelta(t, -1, v.Kendall, 1e-12)
	assert.Less(t, v.Spearman.Est, -0.8)
	assert.InDelta(t, 0, v.Prefer[0].Rate.Est, 1e-12)
}

func TestListModelSaveLoadRoundTrip(t *testing.T) {
	g, inputs := syntheticGold(t, 10)
	m, err := FitListModel(VariantMeaning, g, inputs, 0)
	require.NoError(t, err)
	path := t.TempDir() + "/m.json"
	require.NoError(t, m.Save(path))
	m2, err := LoadListModel(path)
	require.NoError(t, err)
	pred, err := predictAll(m2.Name, inputs[0])
	require.NoError(t, err)
	want, err := predictAll(m.Name, inputs[0])
	require.NoError(t, err)
	assert.InDelta(t, m.ListScore(g.Lists[0].Names, want, inputs[0]), m2.ListScore(g.Lists[0].Names, pred, inputs[0]), 1e-9)
}

func TestAggregateCountsTLDVariantsOnce(t *testing.T) {
	a := Aggregate([]string{"nook.com", "nook.io", "pour.com"}, []Dims{{5, 3, 3, 5}, {5, 3, 3, 4}, {1, 1, 1, 1}}, nil)
	assert.InDelta(t, 2.0/3, a.Distinct, 1e-12)
	assert.InDelta(t, 2.0/3, a.SharedRoot, 1e-12, "nook.com and nook.io share a root")
	assert.InDelta(t, 10.0/3, a.MeanOverall, 1e-12)
	assert.InDelta(t, 1, a.MinOverall, 1e-12)
	assert.Greater(t, a.Shortlist, 1.7, "σ(1.43)+σ(4.29): the 4 counts less than the 5")
	assert.Less(t, a.Shortlist, 1.9)
}

func TestLogistic1RecoversCoefficients(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var x, y []float64
	for range 20000 {
		v := 1 + 4*rng.Float64()
		p := 1 / (1 + math.Exp(-(-7 + 2*v)))
		x = append(x, v)
		if rng.Float64() < p {
			y = append(y, 1)
		} else {
			y = append(y, 0)
		}
	}
	a, b := logistic1(x, y)
	assert.InDelta(t, -7, a, 0.3)
	assert.InDelta(t, 2, b, 0.1)
}

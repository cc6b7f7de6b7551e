package judge

import (
	"context"
	"math"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"domaingen/wordnet"
)

func testLexicon() *Lexicon {
	return NewLexicon([]string{"dawn", "loaf", "bread", "bake", "bakery", "house", "sour", "dough", "fresh", "best", "ab", "go", "Portland", "bakery's", "affordable", "cups", "Ford"})
}

func TestLexicon(t *testing.T) {
	lex := testLexicon()
	assert.False(t, lex.Contains("ab"), "two-letter abbreviations are not words")
	assert.True(t, lex.Contains("go"))
	assert.True(t, lex.Contains("portland"), "proper nouns are lower-cased")
	words, cov := lex.Segment("dawnloaf")
	assert.Equal(t, []string{"dawn", "loaf"}, words)
	assert.Equal(t, 1.0, cov)
	words, cov = lex.Segment("xqbread")
	assert.Equal(t, []string{"?xq", "bread"}, words)
	assert.InDelta(t, 5.0/7, cov, 1e-12)
	words, _ = lex.Segment("sourdough-bakery")
	assert.Equal(t, []string{"sour", "dough", "bakery"}, words)
	assert.Greater(t, lex.Pronounceability("bread"), lex.Pronounceability("xqzvk"))
	assert.True(t, math.IsNaN(lex.Pronounceability("123")))
}

func TestFeatures(t *testing.T) {
	fz := Featurizer{Lex: testLexicon()}
	f := fz.FeaturesOf("Sourdough bakery in Portland", "portland-bakery4u.com")
	assert.True(t, f.Valid)
	assert.Equal(t, 1, f.Hyphens)
	assert.Equal(t, 1, f.Digits)
	assert.Equal(t, 2, f.KeywordHits, "portland and bake(ry)")
	assert.True(t, f.ComTLD)
	assert.False(t, fz.FeaturesOf("x", "teen therapy.com").Valid)
	assert.True(t, fz.FeaturesOf("bakery", "panerabakehouse.com").Brand)
	assert.False(t, fz.FeaturesOf("x", "affordablecups.com").Brand, "ford and ups inside words are not brands")
	assert.True(t, fz.FeaturesOf("x", "ups-delivery.com").Brand)
	assert.Equal(t, []string{"sourdough", "bakery", "portland"}, Keywords("Sourdough bakery in Portland, a bakery"))
	assert.Equal(t, []string{"cafe", "creme"}, Keywords("Café crème"))
}

// TestSynonymHits uses the wordnet package's hand-made fixture, where
// coffee ~ java, beverage; bakery ~ shop, store; loaves → loaf ~ bread;
// speed ~ hurry, zip.
func TestSynonymHits(t *testing.T) {
	wn, err := wordnet.Load("../wordnet/testdata")
	require.NoError(t, err)
	tests := []struct {
		description, name string
		noSyn             bool
		keyword, synonym  int
		why               string
	}{
		{"coffee roaster", "javahouse.com", false, 0, 1, "java for coffee"},
		{"coffee roaster", "javahouse.com", true, 0, 0, "no WordNet, no synonyms"},
		{"coffee roaster", "coffeejava.com", false, 1, 0, "a keyword found directly is not counted again"},
		{"coffee roaster", "treeseed.com", false, 0, 1, "one hit per keyword however many related words match"},
		{"artisan bakery", "cornerstore.com", false, 0, 1, "store: a hypernym"},
		{"fresh loaves daily", "breadcorner.com", false, 0, 1, "loaves → loaf → bread"},
		{"speed delivery", "zipcourier.com", false, 0, 0, "zip has 3 letters"},
		{"speed delivery", "hurry-delivery.com", false, 1, 1, "delivery directly, speed by hurry"},
	}
	for _, tt := range tests {
		fz := Featurizer{Lex: testLexicon(), Syn: wn}
		if tt.noSyn {
			fz.Syn = nil
		}
		f := fz.FeaturesOf(tt.description, tt.name)
		assert.Equal(t, tt.keyword, f.KeywordHits, "%s / %s: keyword hits: %s", tt.description, tt.name, tt.why)
		assert.Equal(t, tt.synonym, f.SynonymHits, "%s / %s: synonym hits: %s", tt.description, tt.name, tt.why)
	}
}

func TestFitPredict(t *testing.T) {
	// Gold overall = 5 for short names, 1 for long ones; the features model
	// must rank them right and rate the invalid one 1.
	fz := Featurizer{Lex: testLexicon()}
	names := []string{"dawnloaf.com", "bakehouse.com", "freshbread.com", "bestfreshsourdoughbreadbakery.com", "best-fresh-bread-bakery-house.com", "sourdoughbreadbakeryhouse.com"}
	var in []Inputs
	var y [][NumDims]int
	for i := 0; i < 4; i++ {
		for k, n := range names {
			in = append(in, Inputs{Features: fz.FeaturesOf("sourdough bakery", n)})
			r := 5
			if k >= 3 {
				r = 1
			}
			y = append(y, [NumDims]int{4, r, r, r})
		}
	}
	m, err := Fit(VariantFeatures, in, y, 1)
	require.NoError(t, err)
	short, err := m.Predict(Inputs{Features: fz.FeaturesOf("sourdough bakery", "loafhouse.com")})
	require.NoError(t, err)
	long, err := m.Predict(Inputs{Features: fz.FeaturesOf("sourdough bakery", "freshsourdoughbreadbakeryhouse.com")})
	require.NoError(t, err)
	assert.Greater(t, short[Overall], long[Overall]+2)
	assert.InDelta(t, 4, short[Relevance], 1e-9, "constant target: the intercept")
	bad, err := m.Predict(Inputs{Features: fz.FeaturesOf("sourdough bakery", "loaf_house.com")})
	require.NoError(t, err)
	assert.Equal(t, 1.0, bad[Overall])

	// Round trip through the JSON file and the Calibrated judge.
	path := filepath.Join(t.TempDir(), "cal.json")
	require.NoError(t, m.Save(path))
	m2, err := LoadModel(path)
	require.NoError(t, err)
	c := &Calibrated{Model: m2, Feat: fz}
	s, err := c.Score(context.Background(), "sourdough bakery", "loafhouse.com")
	require.NoError(t, err)
	assert.InDelta(t, short[Overall], s.Expected[Overall], 1e-12)

	_, err = Fit(VariantCombined, in, y, 1)
	assert.ErrorContains(t, err, "needs LLM scores")
}

func TestAgreeAndFolds(t *testing.T) {
	var rows []GoldRow
	var pred []Dims
	for d := 0; d < 4; d++ {
		for k := 1; k <= 5; k++ {
			rows = append(rows, GoldRow{DescriptionID: string(rune('a' + d)), Domain: "x", Relevance: k, Memorability: k, Brandability: k, Overall: k})
			v := float64(k)
			pred = append(pred, Dims{v, v, 6 - v, v + 0.2})
		}
	}
	a := Agree(rows, pred, 1)
	assert.InDelta(t, 1, a[Relevance].Spearman.Est, 1e-12)
	assert.InDelta(t, -1, a[Brandability].Spearman.Est, 1e-12)
	assert.InDelta(t, 1, a[Overall].QWK.Est, 1e-12, "rounding 5.2 → 5")
	f := Folds(rows, 2)
	assert.Equal(t, map[string]int{"a": 0, "b": 1, "c": 0, "d": 1}, f)
}

// TestWordNetVariantInputs: the features-wordnet variant is the features
// plus SynonymHits (capped at 2), and needs no LLM.
func TestWordNetVariantInputs(t *testing.T) {
	f := Features{Valid: true, Length: 8, SynonymHits: 3}
	plain, err := inputVector(VariantFeatures, Inputs{Features: f})
	if err != nil {
		t.Fatal(err)
	}
	wn, err := inputVector(VariantFeaturesWordNet, Inputs{Features: f})
	if err != nil {
		t.Fatal(err)
	}
	if len(wn) != len(plain)+1 || len(wn) != len(inputNames(VariantFeaturesWordNet)) || wn[len(wn)-1] != 2 {
		t.Fatalf("features-wordnet inputs %v (names %d), features %v", wn, len(inputNames(VariantFeaturesWordNet)), plain)
	}
}

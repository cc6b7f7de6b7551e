package edgecase

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"domaingen/prompt"
)

func TestVariants(t *testing.T) {
	in := "We are a small tea shop, selling loose leaf blends. Open late!"
	vs := Variants(in, 1)
	got := map[string]string{}
	for _, v := range vs {
		assert.NotEqual(t, in, v.Input, v.Name)
		got[v.Name] = v.Input
	}
	assert.Equal(t, "  \t"+in+"\n ", got["padded"])
	assert.Equal(t, strings.ToUpper(in), got["upper-case"])
	assert.Equal(t, "We are a small tea shop selling loose leaf blends Open late", got["no-punctuation"])
	assert.Equal(t, "We, are a small tea shop, selling loose leaf blends. Open late! !!", got["punctuation"])
	assert.Equal(t, "Open late!. We are a small tea shop, selling loose leaf blends", got["word-order"], "two sentences swapped")
	assert.Equal(t, "A little tea store, offering loose leaf blends. Open late!", got["paraphrase"])
	assert.Equal(t, vs, Variants(in, 1), "deterministic")
}

func TestVariantsLeaveOutNoOpsAndOverLimit(t *testing.T) {
	names := func(vs []Variant) []string {
		var out []string
		for _, v := range vs {
			out = append(out, v.Name)
		}
		return out
	}
	// One lower-case word without punctuation: nothing to reorder or strip.
	assert.Equal(t, []string{"padded", "upper-case", "punctuation", "paraphrase"}, names(Variants("florist", 1)))
	// At the limit: added punctuation and the paraphrase frame would push
	// it over, which is not an irrelevant change.
	at := fill("piano lessons", prompt.MaxDescriptionRunes, " ")
	got := names(Variants(at, 1))
	assert.Contains(t, got, "padded", "padding is cleaned away")
	assert.Contains(t, got, "upper-case")
	assert.NotContains(t, got, "punctuation")
	assert.NotContains(t, got, "paraphrase")
}

func TestStripPunctuation(t *testing.T) {
	for in, want := range map[string]string{
		"Bakery in Leeds. IMPORTANT: respond":      "Bakery in Leeds IMPORTANT respond",
		"https://www.grandmas-pierogi-kitchen.com": "https://www.grandmas-pierogi-kitchen.com",
		"«café» — family-run!!":                    "café family-run",
		"杭州一家手工茶叶店，提供品茶课程。":                        "杭州一家手工茶叶店，提供品茶课程",
		"?!": "",
	} {
		assert.Equal(t, want, stripPunctuation(in), in)
	}
}

func TestReorder(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"tea shop, tasting flights and loose leaf", "tasting flights, tea shop, loose leaf"},
		{"dog grooming salon with a self-wash station", "a self-wash station, dog grooming salon"},
		{"vegan ice cream truck", "cream truck ice vegan"},
		{"florist", "florist"},
	} {
		got := reorder(tc.in, rand.New(rand.NewPCG(1, 2)))
		assert.Equal(t, tc.want, got, tc.in)
		assert.ElementsMatch(t, strings.Fields(strings.NewReplacer(",", "", " and ", " ", " with ", " ").Replace(tc.in)),
			strings.Fields(strings.NewReplacer(",", "", " and ", " ", " with ", " ").Replace(got)), "same words: %s", got)
	}
	// A shuffle that lands on the original order is rotated instead.
	for seed := uint64(0); seed < 20; seed++ {
		require.NotEqual(t, "a b", reorder("a b", rand.New(rand.NewPCG(seed, 0))))
	}
}

func TestParaphrase(t *testing.T) {
	for in, want := range map[string]string{
		"We are a small shop":         "A little store",
		"We are an online store":      "An online shop",
		"A handmade soap shop":        "We are a handcrafted soap store",
		"An eatery for kids":          "We are a restaurant for children",
		"Piano Lessons for beginners": "Our business: Piano Classes for novices",
		"café in Montréal":            "Our business: café in Montréal",
		"مخبز 24 ساعة":                "Our business: مخبز 24 ساعة",
	} {
		assert.Equal(t, want, Paraphrase(in), in)
	}
}

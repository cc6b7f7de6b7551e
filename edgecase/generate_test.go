package edgecase

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"domaingen/judge"
	"domaingen/prompt"
	"domaingen/safety"
)

func TestGenerateDeterministic(t *testing.T) {
	a, b := Generate(7), Generate(7)
	require.Equal(t, a, b, "same seed, same cases")
	c := Generate(8)
	require.Equal(t, len(a), len(c), "the seed changes contents, not the plan")
	differ := 0
	for i := range a {
		require.Equal(t, a[i].ID, c[i].ID)
		if a[i].Input != c[i].Input {
			differ++
		}
	}
	assert.Greater(t, differ, len(a)/4, "another seed picks other bases, positions and gibberish")
}

func TestGenerateCoversEveryCategory(t *testing.T) {
	cases := Generate(1)
	per := map[string][]Case{}
	ids := map[string]bool{}
	for _, c := range cases {
		assert.False(t, ids[c.ID], "duplicate id %s", c.ID)
		ids[c.ID] = true
		assert.True(t, c.Generated)
		assert.Contains(t, []string{Success, Blocked, Invalid, ""}, c.Expect, c.ID)
		assert.True(t, strings.HasPrefix(c.ID, "g-"+c.Kind+"-"), c.ID)
		assert.NotEmpty(t, c.Note, c.ID)
		per[c.Kind] = append(per[c.Kind], c)
	}
	require.Len(t, per, len(Categories()), "only the listed categories")
	for _, cat := range Categories() {
		assert.GreaterOrEqual(t, len(per[cat]), 8, cat)
		assert.LessOrEqual(t, len(per[cat]), 15, cat)
	}
	// What the issue asks each category to hold.
	has := func(cat string, ok func(Case) bool, what string) {
		for _, c := range per[cat] {
			if ok(c) {
				return
			}
		}
		t.Errorf("%s: no case with %s", cat, what)
	}
	script := func(cat string, tab *unicode.RangeTable, name string) {
		has(cat, func(c Case) bool {
			return strings.IndexFunc(c.Input, func(r rune) bool { return unicode.Is(tab, r) }) >= 0
		}, name)
	}
	contains := func(cat, sub string) {
		has(cat, func(c Case) bool { return strings.Contains(c.Input, sub) }, sub)
	}
	length := func(cat string, n int, expect string) {
		has(cat, func(c Case) bool { return utf8.RuneCountInString(c.Input) == n && c.Expect == expect },
			fmt.Sprintf("%s input of %d characters", expect, n))
	}
	has(CatEmpty, func(c Case) bool { return c.Input == "" }, "the empty string")
	has(CatShort, func(c Case) bool { return len(strings.Fields(c.Input)) == 1 && len(c.Input) > 3 }, "one word")
	length(CatLong, prompt.MaxDescriptionRunes, Success)
	length(CatLong, prompt.MaxDescriptionRunes+1, Invalid)
	length(CatLong, prompt.MaxDescriptionRunes-1, Success)
	script(CatEmoji, unicode.So, "emoji")
	script(CatScript, unicode.Han, "CJK")
	script(CatScript, unicode.Cyrillic, "Cyrillic")
	script(CatScript, unicode.Greek, "Greek")
	script(CatScript, unicode.Devanagari, "Devanagari")
	script(CatRTL, unicode.Arabic, "Arabic")
	script(CatRTL, unicode.Hebrew, "Hebrew")
	has(CatRTL, func(c Case) bool { return strings.ContainsFunc(c.Input, unicode.IsLower) }, "mixed with Latin")
	contains(CatInvisible, "\u200b")
	contains(CatInvisible, "\u202e")
	contains(CatInvisible, "\u2066")
	contains(CatHomoglyph, "аpple") // Cyrillic а
	contains(CatMarkup, "<script>")
	contains(CatMarkup, "**")
	contains(CatMarkup, "{\"business\"")
	contains(CatInjection, "Ignore previous instructions")
	contains(CatInjection, "system prompt")
	contains(CatBrand, "PayPal")
	has(CatBrand, func(c Case) bool { return c.Expect == Success }, "a benign brand")
	has(CatBrand, func(c Case) bool { return c.Expect == Blocked }, "a look-alike brand")
	has(CatRepetition, func(c Case) bool { return c.Expect == Invalid }, "repetition over the limit")
	has(CatRepetition, func(c Case) bool {
		f := strings.Fields(c.Input)
		return len(f) >= 10 && f[0] == f[len(f)-1]
	}, "a word many times")
}

// TestGenerateValidityAgreesWithClean: an input is expected invalid
// exactly when prompt.Clean rejects it, for every seed tried.
func TestGenerateValidityAgreesWithClean(t *testing.T) {
	for _, seed := range []uint64{1, 2, 99} {
		for _, c := range Generate(seed) {
			if c.Expect == "" {
				continue
			}
			_, err := prompt.Clean(c.Input)
			assert.Equal(t, c.Expect == Invalid, err != nil, "%s %s: %v", c.ID, c.Note, err)
		}
	}
}

func TestFill(t *testing.T) {
	for _, n := range []int{1, 7, 38, 39, 40, 2000, 2001} {
		for _, unit := range []string{"mobile bicycle repair", "茶叶店"} {
			s := fill(unit, n, " ")
			assert.Equal(t, n, utf8.RuneCountInString(s), "%q %d", unit, n)
			assert.Equal(t, s, strings.TrimSpace(s))
			assert.NotContains(t, s, "  ")
		}
	}
	assert.Equal(t, "ab ab.", fill("ab", 6, " "), "a trailing space would be trimmed away")
}

// TestBases: the benign descriptions are benign, have the keywords the
// irrelevant check needs, and are not copies of the evaluation data.
func TestBases(t *testing.T) {
	files, err := filepath.Glob("../testdata/*.jsonl")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	var data strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		data.Write(b)
	}
	for _, b := range bases {
		assert.False(t, safety.Check(b).Blocked, b)
		assert.GreaterOrEqual(t, longKeywords(judge.Keywords(b)), 2, b)
		assert.NotContains(t, strings.ToLower(data.String()), b)
	}
}

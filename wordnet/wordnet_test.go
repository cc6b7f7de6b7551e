package wordnet_test

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"domaingen/wordnet"
)

var update = flag.Bool("update", false, "rewrite the WordNet fixture under testdata/")

// fixSynset is one synset of the test fixture.
type fixSynset struct {
	id     string      // what pointers and the index call it
	ssType string      // "" means the part of speech's own (n, v, a)
	words  []string    // lemmas, lex_id 0
	ptrs   [][2]string // pointer symbol, target id (same part of speech)
	gloss  string
}

// fixPOS is one part of speech of the fixture: its synsets in file order
// and its index, lemma → synset ids, most frequent sense first.
type fixPOS struct {
	name, ssType, lexFile string
	synsets               []fixSynset
	index                 map[string][]string
}

// fixture is a tiny WordNet in the real format: the synsets Related must
// follow and the ones it must not (a fourth sense, an instance hypernym,
// a hypernym's hypernym, verb hypernyms, adjective similar-to), lemmas it
// must drop (a collocation, a proper name, a 13-letter word, a 2-letter
// word) and irregular forms.
var fixture = []fixPOS{
	{name: "noun", ssType: "n", lexFile: "06", synsets: []fixSynset{
		{id: "bakery", words: []string{"bakery", "bakeshop", "bakehouse"}, ptrs: [][2]string{{"@", "shop"}, {"@", "workplace"}}, gloss: "a workplace where baked goods are produced or sold"},
		{id: "shop", words: []string{"shop", "store"}, ptrs: [][2]string{{"@", "establishment"}, {"~", "bakery"}}, gloss: "a mercantile establishment"},
		{id: "workplace", words: []string{"workplace", "work"}, gloss: "a place where work is done"},
		{id: "establishment", words: []string{"establishment"}, gloss: "a place of business"},
		{id: "sweetshop", words: []string{"confectionery", "sweetshop", "ss"}, ptrs: [][2]string{{"@", "shop"}}, gloss: "a shop that sells sweets"},
		{id: "coffee1", words: []string{"coffee", "java"}, ptrs: [][2]string{{"@", "beverage"}}, gloss: "a beverage made from roasted coffee beans"},
		{id: "beverage", words: []string{"beverage", "drink", "potable"}, gloss: "any liquid suitable for drinking"},
		{id: "coffee2", words: []string{"coffee", "coffee_tree"}, ptrs: [][2]string{{"@", "tree"}}, gloss: "a small tree"},
		{id: "tree", words: []string{"tree"}, gloss: "a tall perennial woody plant"},
		{id: "coffee3", words: []string{"coffee_bean", "coffee_berry", "coffee"}, ptrs: [][2]string{{"@", "seed"}}, gloss: "a seed of the coffee tree"},
		{id: "seed", words: []string{"seed"}, gloss: "a mature fertilized plant ovule"},
		{id: "coffee4", words: []string{"chocolate", "coffee", "umber"}, ptrs: [][2]string{{"@", "brown"}}, gloss: "a medium brown color"},
		{id: "brown", words: []string{"brown"}, gloss: "an orange of low brightness"},
		{id: "javaisland", words: []string{"Java"}, ptrs: [][2]string{{"@i", "island"}}, gloss: "an island in Indonesia"},
		{id: "island", words: []string{"island"}, gloss: "a land mass surrounded by water"},
		{id: "loaf", words: []string{"loaf", "loaf_of_bread"}, ptrs: [][2]string{{"@", "bread"}}, gloss: "a shaped mass of baked bread"},
		{id: "bread", words: []string{"bread", "breadstuff", "staff_of_life"}, gloss: "food made from dough"},
		{id: "mouse", words: []string{"mouse"}, ptrs: [][2]string{{"@", "rodent"}}, gloss: "a small rodent"},
		{id: "rodent", words: []string{"rodent", "gnawer"}, gloss: "a gnawing mammal"},
	}, index: map[string][]string{
		"bakery": {"bakery"}, "bakeshop": {"bakery"}, "bakehouse": {"bakery"}, "shop": {"shop"}, "store": {"shop"},
		"workplace": {"workplace"}, "work": {"workplace"}, "establishment": {"establishment"},
		"confectionery": {"sweetshop"}, "sweetshop": {"sweetshop"},
		"coffee": {"coffee1", "coffee2", "coffee3", "coffee4"}, "java": {"javaisland", "coffee1"},
		"beverage": {"beverage"}, "drink": {"beverage"}, "potable": {"beverage"}, "coffee_tree": {"coffee2"}, "tree": {"tree"},
		"coffee_bean": {"coffee3"}, "coffee_berry": {"coffee3"}, "seed": {"seed"}, "chocolate": {"coffee4"}, "umber": {"coffee4"},
		"brown": {"brown"}, "island": {"island"}, "loaf": {"loaf"}, "loaf_of_bread": {"loaf"}, "bread": {"bread"},
		"breadstuff": {"bread"}, "staff_of_life": {"bread"}, "mouse": {"mouse"}, "rodent": {"rodent"}, "gnawer": {"rodent"},
	}},
	{name: "verb", ssType: "v", lexFile: "30", synsets: []fixSynset{
		{id: "cook", words: []string{"cook"}, gloss: "transform by heating"},
		{id: "bake", words: []string{"bake"}, ptrs: [][2]string{{"@", "cook"}}, gloss: "cook in a hot oven"},
		{id: "roast", words: []string{"roast", "crisp"}, ptrs: [][2]string{{"@", "cook"}}, gloss: "cook with dry heat"},
		{id: "speed", words: []string{"speed", "hurry", "zip"}, gloss: "move fast"},
	}, index: map[string][]string{
		"cook": {"cook"}, "bake": {"bake"}, "roast": {"roast"}, "crisp": {"roast"}, "speed": {"speed"}, "hurry": {"speed"}, "zip": {"speed"},
	}},
	{name: "adj", ssType: "a", lexFile: "00", synsets: []fixSynset{
		{id: "fresh", words: []string{"fresh(a)", "new"}, gloss: "recently made"},
		{id: "crisp", ssType: "s", words: []string{"crisp(p)", "firm"}, ptrs: [][2]string{{"&", "fresh"}}, gloss: "pleasantly firm"},
	}, index: map[string][]string{
		"fresh": {"fresh"}, "new": {"fresh"}, "crisp": {"crisp"}, "firm": {"crisp"},
	}},
}

var fixtureExceptions = map[string]string{
	"noun.exc": "loaves loaf\nmice mouse\n",
	"verb.exc": "sped speed\n",
}

// fixtureHeader imitates the licence header: lines starting with a space.
const fixtureHeader = "  1 Test fixture for domaingen/wordnet in the WordNet 3.0 database format (wndb(5WN)).  \n" +
	"  2 Generated by TestFixtureUpToDate: go test ./wordnet -run Fixture -update  \n"

// buildFixture renders the fixture's files. Data lines are addressed by
// byte offset and every offset is printed 8 digits wide, so the line
// lengths are known before the offsets: one pass measures, one prints.
func buildFixture() map[string]string {
	files := map[string]string{}
	for name, text := range fixtureExceptions {
		files[name] = text
	}
	for _, p := range fixture {
		offsets := map[string]int{}
		render := func(s fixSynset) string {
			ss := s.ssType
			if ss == "" {
				ss = p.ssType
			}
			var b strings.Builder
			fmt.Fprintf(&b, "%08d %s %s %02x", offsets[s.id], p.lexFile, ss, len(s.words))
			for _, w := range s.words {
				fmt.Fprintf(&b, " %s 0", w)
			}
			fmt.Fprintf(&b, " %03d", len(s.ptrs))
			for _, ptr := range s.ptrs {
				fmt.Fprintf(&b, " %s %08d %s 0000", ptr[0], offsets[ptr[1]], p.ssType)
			}
			if p.name == "verb" {
				b.WriteString(" 01 + 08 00") // one verb frame, which Related ignores
			}
			fmt.Fprintf(&b, " | %s  \n", s.gloss)
			return b.String()
		}
		at := len(fixtureHeader)
		for _, s := range p.synsets {
			offsets[s.id] = at
			at += len(render(s))
		}
		data := fixtureHeader
		for _, s := range p.synsets {
			data += render(s)
		}
		files["data."+p.name] = data

		lemmas := make([]string, 0, len(p.index))
		for l := range p.index {
			lemmas = append(lemmas, l)
		}
		sort.Strings(lemmas)
		index := fixtureHeader
		for _, l := range lemmas {
			ids := p.index[l]
			var syms []string
			for _, id := range ids {
				for _, s := range p.synsets {
					for _, ptr := range s.ptrs {
						if s.id == id && !contains(syms, ptr[0]) {
							syms = append(syms, ptr[0])
						}
					}
				}
			}
			index += fmt.Sprintf("%s %s %d %d", l, p.ssType, len(ids), len(syms))
			for _, sym := range syms {
				index += " " + sym
			}
			index += fmt.Sprintf(" %d 0", len(ids))
			for _, id := range ids {
				index += fmt.Sprintf(" %08d", offsets[id])
			}
			index += "  \n"
		}
		files["index."+p.name] = index
	}
	return files
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

// TestFixtureUpToDate checks testdata/ against buildFixture; -update
// rewrites it.
func TestFixtureUpToDate(t *testing.T) {
	for name, want := range buildFixture() {
		path := filepath.Join("testdata", name)
		if *update {
			require.NoError(t, os.WriteFile(path, []byte(want), 0o644))
			continue
		}
		have, err := os.ReadFile(path)
		require.NoError(t, err)
		assert.Equal(t, want, string(have), "%s is stale: go test ./wordnet -run Fixture -update", path)
	}
}

func TestRelated(t *testing.T) {
	wn, err := wordnet.Load("testdata")
	require.NoError(t, err)
	tests := []struct {
		word string
		want []string
		why  string
	}{
		{"bakery", []string{"bakeshop", "bakehouse", "shop", "store", "workplace", "work"}, "synonyms, then both hypernyms, not the hypernym's hypernym"},
		{"bakeries", []string{"bakery", "bakeshop", "bakehouse", "shop", "store", "workplace", "work"}, "plural -ies → -y; the base form is related"},
		{"coffee", []string{"java", "beverage", "drink", "potable", "tree", "seed"}, "first three senses only (not chocolate, umber, brown); no collocations"},
		{"coffees", []string{"coffee", "java", "beverage", "drink", "potable", "tree", "seed"}, "plural -s"},
		{"java", []string{"coffee", "beverage", "drink", "potable"}, "no proper name Java, no instance hypernym island"},
		{"sweetshop", []string{"shop", "store"}, "confectionery has 13 letters, ss 2"},
		{"loaves", []string{"loaf", "bread", "breadstuff"}, "noun.exc"},
		{"mice", []string{"mouse", "rodent", "gnawer"}, "noun.exc"},
		{"baking", []string{"bake"}, "verb -ing → -e; verb hypernyms are not followed"},
		{"roasting", []string{"roast", "crisp"}, "verb -ing"},
		{"roasted", []string{"roast", "crisp"}, "verb -ed"},
		{"sped", []string{"speed", "hurry", "zip"}, "verb.exc"},
		{"crisp", []string{"roast", "firm"}, "verb synonyms, then adjective synonyms without the (p) marker; similar-to not followed"},
		{"fresh", []string{"new"}, "(a) marker"},
		{"unknown", nil, "not in WordNet"},
		{"", nil, "empty"},
		{"Coffee", nil, "lower-case words only"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, wn.Related(tt.word), "%s: %s", tt.word, tt.why)
	}
	var none *wordnet.WordNet
	assert.Nil(t, none.Related("coffee"), "a nil WordNet has no related words")
}

// copyFixture copies testdata/ into a temporary directory.
func copyFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range buildFixture() {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	return dir
}

// lineOf returns the 1-based number of the first line of text starting with prefix.
func lineOf(t *testing.T, text, prefix string) int {
	t.Helper()
	for i, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, prefix) {
			return i + 1
		}
	}
	t.Fatalf("no line starts with %q", prefix)
	return 0
}

func TestLoadErrors(t *testing.T) {
	files := buildFixture()
	coffee := lineOf(t, files["index.noun"], "coffee ")
	bakery := lineOf(t, files["data.noun"], fmt.Sprintf("%08d", len(fixtureHeader)))
	tests := []struct {
		name, file string
		edit       func(string) string
		want       string
	}{
		{"bad w_cnt", "data.noun", func(s string) string { return strings.Replace(s, " n 03 bakery", " n zz bakery", 1) },
			fmt.Sprintf("data.noun:%d: bad w_cnt", bakery)},
		{"offsets shifted", "data.noun", func(s string) string { return " " + s },
			fmt.Sprintf("data.noun:%d: synset offset", bakery)},
		{"pointer cut short", "data.noun", func(s string) string {
			return strings.Replace(s, " 002 @ ", " 003 @ ", 1)
		}, fmt.Sprintf("data.noun:%d: bad p_cnt", bakery)},
		{"offset missing from index", "index.noun", func(s string) string {
			return strings.Replace(s, "coffee n 4 ", "coffee n 5 ", 1)
		}, fmt.Sprintf("index.noun:%d: synset_cnt", coffee)},
		{"index offset is not a synset line", "index.noun", func(s string) string {
			i := strings.Index(s, "\ncoffee n ")
			j := i + strings.Index(s[i:], " 0 ") + 3
			return s[:j] + "00000007" + s[j+8:]
		}, `entry "coffee": no synset at offset 00000007 in`},
		{"exception without base", "noun.exc", func(s string) string { return s + "geese\n" }, "noun.exc:3: want an inflection"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyFixture(t)
			path := filepath.Join(dir, tt.file)
			before := files[tt.file]
			after := tt.edit(before)
			require.NotEqual(t, before, after, "the edit must change the file")
			require.NoError(t, os.WriteFile(path, []byte(after), 0o644))
			_, err := wordnet.Load(dir)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), path, "errors name the file")
		})
	}

	t.Run("missing file", func(t *testing.T) {
		dir := copyFixture(t)
		require.NoError(t, os.Remove(filepath.Join(dir, "data.verb")))
		_, err := wordnet.Load(dir)
		assert.ErrorIs(t, err, fs.ErrNotExist)
		assert.Contains(t, err.Error(), "data.verb")
	})
	t.Run("missing dir", func(t *testing.T) {
		_, err := wordnet.Load(filepath.Join(t.TempDir(), "nowhere"))
		assert.True(t, errors.Is(err, fs.ErrNotExist))
		assert.Contains(t, err.Error(), "apt-get install wordnet-base")
	})
}

// TestRealWordNet loads Debian's wordnet-base when installed and logs
// the load time and heap the doc comment of WordNet quotes.
func TestRealWordNet(t *testing.T) {
	if _, err := os.Stat(wordnet.DefaultDir); err != nil {
		t.Skipf("no WordNet at %s (apt-get install wordnet-base)", wordnet.DefaultDir)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	wn, err := wordnet.Load("")
	elapsed := time.Since(start)
	require.NoError(t, err)
	runtime.GC()
	runtime.ReadMemStats(&after)
	t.Logf("load %s: %v, heap %.1f MB", wordnet.DefaultDir, elapsed.Round(time.Millisecond), float64(after.HeapAlloc-before.HeapAlloc)/1e6)

	assert.Contains(t, wn.Related("coffee"), "java")
	assert.Contains(t, wn.Related("coffee"), "beverage", "hypernym of coffee/java")
	assert.Contains(t, wn.Related("bakery"), "bakeshop")
	assert.Contains(t, wn.Related("bakeries"), "bakeshop")
	assert.Contains(t, wn.Related("mice"), "mouse")
	assert.NotContains(t, wn.Related("coffee"), "umber", "fourth sense")
	runtime.KeepAlive(wn)
}

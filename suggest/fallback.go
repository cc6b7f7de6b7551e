package suggest

import (
	"hash/fnv"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// The fallback composer builds names from the description's own keywords
// (lexical composition: word+word, word+suffix, prefix+word), so a request
// always gets a full list even when the model fails, times out or produces
// too few valid names. It is deterministic for a given text and seed.

// fallbackScore is the confidence of a fallback name before its shape
// factor: placeholders rank below names the model itself found likely.
const fallbackScore = 0.25

var (
	stopwords = toSet(`a an and are as at be best by for from has have i in into is it its my of on or our that the their them they this to we with you your
		us very also just more most some any all new near shop store company business service services based local small offering offers provide provides selling sells
		who which where what when while like want need name names domain domains please suggest looking something help make makes made run runs`)
	suffixes = []string{"hub", "lab", "co", "ly", "nest", "works", "hq", "spot", "base", "craft"}
	prefixes = []string{"get", "the", "try", "go", "my"}
	// genericWords stand in when the description has no usable Latin word
	// (emoji only, other scripts, digits).
	genericWords = []string{"bright", "nova", "spark", "bloom", "true", "kind", "north", "keystone"}
)

func toSet(words string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(words) {
		set[w] = true
	}
	return set
}

// keywords returns the description's distinct ASCII words of 3-12 letters
// that are not stopwords, in order of first appearance; accents are
// stripped ("café" → "cafe").
func keywords(text string) []string {
	strip := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	plain, _, err := transform.String(strip, strings.ToLower(text))
	if err != nil {
		plain = strings.ToLower(text)
	}
	seen := map[string]bool{}
	var out []string
	for _, w := range strings.FieldsFunc(plain, func(r rune) bool { return r < 'a' || r > 'z' }) {
		if len(w) < 3 || len(w) > 12 || stopwords[w] || seen[w] {
			continue
		}
		seen[w] = true
		out = append(out, w)
	}
	return out
}

// fallbackNames composes up to limit candidate names, best first: pairs of
// the first keywords, then keywords with suffixes and prefixes, all under
// the first TLD, then all under the next... Candidates are not validated
// here.
func fallbackNames(text string, tlds []string, seed uint32, limit int) []candidate {
	words := keywords(text)
	if len(words) > 6 {
		words = words[:6]
	}
	if len(words) == 0 {
		words = rotate(genericWords, seed)
	}
	var labels []string
	for i, a := range words {
		for j, b := range words {
			if i < j {
				labels = append(labels, a+b)
			}
		}
	}
	for _, w := range words {
		for _, s := range rotate(suffixes, seed) {
			labels = append(labels, w+s)
		}
		for _, p := range rotate(prefixes, seed) {
			labels = append(labels, p+w)
		}
	}
	// Labels of at most 14 letters first, otherwise in composition order.
	long := func(l string) bool { return len(l) > 14 }
	sort.SliceStable(labels, func(i, j int) bool { return !long(labels[i]) && long(labels[j]) })
	// Every label under the first TLD before any label under the second:
	// distinct names first, TLD variants of them only after.
	var out []candidate
	for _, t := range tlds {
		for _, l := range labels {
			out = append(out, candidate{name: l + "." + t, confidence: fallbackScore})
			if len(out) >= limit {
				return out
			}
		}
	}
	return out
}

// rotate returns words rotated by a seed-dependent offset.
func rotate(words []string, seed uint32) []string {
	h := fnv.New32a()
	h.Write([]byte{byte(seed), byte(seed >> 8), byte(seed >> 16), byte(seed >> 24)})
	k := int(h.Sum32() % uint32(len(words)))
	return append(append([]string{}, words[k:]...), words[:k]...)
}

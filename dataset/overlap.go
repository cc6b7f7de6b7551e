package dataset

import (
	"sort"
	"strings"
)

// NearThreshold is the token Jaccard similarity at or above which two
// descriptions count as near-duplicates. 0.5: "taco truck in Tucson" and
// "taco truck in Austin" (content tokens {taco truck tucson} vs
// {taco truck austin}, 2/4) already count, which is what a held-out
// evaluation needs; template siblings with different industries or
// cities stay below it.
const NearThreshold = 0.5

// Normalize folds a description for exact-duplicate checks: lower case,
// accents stripped, every run of non-letters and non-digits one space.
func Normalize(text string) string {
	return strings.Join(strings.FieldsFunc(asciiFold(text), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 0x7f)
	}), " ")
}

// Tokens returns the sorted distinct content tokens of a description (of
// Normalize's output, without the stopwords of name generation).
func Tokens(text string) []string {
	set := map[string]bool{}
	for _, w := range strings.Fields(Normalize(text)) {
		if !stopwords[w] && len(w) > 1 {
			set[w] = true
		}
	}
	out := make([]string, 0, len(set))
	for w := range set {
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}

// Jaccard is |a∩b| / |a∪b| of two sorted token lists (0 for two empty ones).
func Jaccard(a, b []string) float64 {
	i, j, inter := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			inter++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	union := len(a) + len(b) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

// nearIndex finds, among indexed texts, one exactly equal after Normalize
// or at least threshold similar by token Jaccard. Postings keep a query to
// the texts that share a token with it.
type nearIndex struct {
	threshold float64
	exact     map[string]int
	docs      [][]string
	postings  map[string][]int
}

func newNearIndex(threshold float64) *nearIndex {
	return &nearIndex{threshold: threshold, exact: map[string]int{}, postings: map[string][]int{}}
}

func (x *nearIndex) add(text string) {
	id := len(x.docs)
	x.exact[Normalize(text)] = id
	toks := Tokens(text)
	x.docs = append(x.docs, toks)
	for _, t := range toks {
		x.postings[t] = append(x.postings[t], id)
	}
}

// match returns the id of an exact or near duplicate of text, or -1.
func (x *nearIndex) match(text string) int {
	if id, ok := x.exact[Normalize(text)]; ok {
		return id
	}
	toks := Tokens(text)
	shared := map[int]int{}
	for _, t := range toks {
		for _, id := range x.postings[t] {
			shared[id]++
		}
	}
	best := -1
	for id, n := range shared {
		union := len(toks) + len(x.docs[id]) - n
		if union > 0 && float64(n)/float64(union) >= x.threshold && (best < 0 || id < best) {
			best = id
		}
	}
	return best
}

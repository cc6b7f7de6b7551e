package edgecase

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"

	"domaingen/prompt"
)

// Variant is an input derived from another by a change that should not
// change the outcome class or collapse the relevance of the names.
type Variant struct {
	Name  string // padded, upper-case, no-punctuation, punctuation, word-order, paraphrase
	Input string
}

// Variants returns the metamorphic variants of input, each different from
// it (a change that does nothing to this input is left out, and so is one
// that would push the cleaned text over prompt.MaxDescriptionRunes: that is
// a change of outcome the rules call for). seed drives the word-order
// shuffle; the same seed gives the same variants.
func Variants(input string, seed uint64) []Variant {
	all := []Variant{
		{"padded", "  \t" + input + "\n "},
		{"upper-case", strings.ToUpper(input)},
		{"no-punctuation", stripPunctuation(input)},
		{"punctuation", addPunctuation(input)},
		{"word-order", reorder(input, rand.New(rand.NewPCG(seed, hashString(input))))},
		{"paraphrase", Paraphrase(input)},
	}
	var out []Variant
	for _, v := range all {
		if v.Input == input || strings.TrimSpace(v.Input) == "" {
			continue
		}
		if _, err := prompt.Clean(v.Input); err == prompt.ErrTooLong {
			continue
		}
		out = append(out, v)
	}
	return out
}

// stripPunctuation drops the punctuation at both ends of every
// white-space-separated token: "Leeds." → "Leeds", "«café»" → "café".
// Punctuation inside a token stays, because there it joins words
// ("family-run", "grandmas-pierogi.com") and removing it would change the
// words, which is not the irrelevant change the property is about.
func stripPunctuation(s string) string {
	var out []string
	for _, tok := range strings.Fields(s) {
		if t := strings.TrimFunc(tok, unicode.IsPunct); t != "" {
			out = append(out, t)
		}
	}
	return strings.Join(out, " ")
}

// addPunctuation puts a comma after the first token and "!!" at the end.
func addPunctuation(s string) string {
	toks := strings.Fields(s)
	if len(toks) == 0 {
		return s
	}
	toks[0] += ","
	return strings.Join(toks, " ") + " !!"
}

// reorder changes the order of the parts of s: its sentences when it has
// two or more (each keeps its words, the text its final full stop), else
// its clauses (split at commas, semicolons, "and", "with", joined by
// commas), else its words. The result always differs from s when the parts
// are not all equal (a shuffle that keeps the order is rotated by one).
func reorder(s string, rng *rand.Rand) string {
	s = strings.TrimSpace(s)
	end := ""
	if strings.HasSuffix(s, ".") {
		s, end = strings.TrimSuffix(s, "."), "."
	}
	parts, sep := split(s, ". "), ". "
	if len(parts) < 2 {
		parts, sep = split(s, ", ", "; ", " and ", " with "), ", "
	}
	if len(parts) < 2 {
		parts, sep = strings.Fields(s), " "
	}
	if len(parts) < 2 {
		return s + end
	}
	shuffled := append([]string{}, parts...)
	rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	out := strings.Join(shuffled, sep)
	if out == strings.Join(parts, sep) {
		out = strings.Join(append(parts[1:], parts[0]), sep)
	}
	return out + end
}

// split cuts s at every one of the breaks, dropping empty parts.
func split(s string, breaks ...string) []string {
	parts := []string{strings.TrimSpace(s)}
	for _, b := range breaks {
		var next []string
		for _, p := range parts {
			for _, q := range strings.Split(p, b) {
				if q = strings.TrimSpace(q); q != "" {
					next = append(next, q)
				}
			}
		}
		parts = next
	}
	return parts
}

// synonyms are swapped both ways by Paraphrase. Written for this package:
// pairs that keep the meaning of a business description.
var synonyms = map[string]string{}

func init() {
	for _, p := range [][2]string{
		{"shop", "store"}, {"shops", "stores"}, {"selling", "offering"}, {"sell", "offer"}, {"sells", "offers"},
		{"sold", "offered"}, {"small", "little"}, {"handmade", "handcrafted"}, {"lessons", "classes"},
		{"children", "kids"}, {"big", "large"}, {"fast", "quick"}, {"cheap", "affordable"},
		{"restaurant", "eatery"}, {"restaurants", "eateries"}, {"beginners", "novices"}, {"vintage", "retro"},
		{"rental", "hire"}, {"help", "assist"}, {"town", "village"},
	} {
		synonyms[p[0]], synonyms[p[1]] = p[1], p[0]
	}
}

// Paraphrase rewrites s with the synonym table (whole ASCII words, first
// letter's case kept) and one template: "We are a X" ↔ "A X" (the article
// fitted to X); other texts get the neutral frame "Our business: X" (all
// stopwords, so no keyword is added).
func Paraphrase(s string) string {
	s = strings.TrimSpace(s)
	var b strings.Builder
	word := func(w string) {
		if syn, ok := synonyms[strings.ToLower(w)]; ok {
			if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
				syn = capitalize(syn)
			}
			w = syn
		}
		b.WriteString(w)
	}
	start := -1
	for i, r := range s {
		isLetter := r < utf8.RuneSelf && unicode.IsLetter(r)
		switch {
		case isLetter && start < 0:
			start = i
		case !isLetter && start >= 0:
			word(s[start:i])
			start = -1
		}
		if !isLetter {
			b.WriteRune(r)
		}
	}
	if start >= 0 {
		word(s[start:])
	}
	out := b.String()
	lower := strings.ToLower(out)
	for _, a := range []string{"we are a ", "we are an ", "a ", "an "} {
		if strings.HasPrefix(lower, a) {
			rest := out[len(a):]
			if strings.HasPrefix(a, "we") {
				return capitalize(article(rest)) + " " + rest
			}
			return "We are " + article(rest) + " " + rest
		}
	}
	return "Our business: " + out
}

// article is "an" before a vowel letter, else "a".
func article(next string) string {
	if next != "" && strings.ContainsRune("aeiouAEIOU", rune(next[0])) {
		return "an"
	}
	return "a"
}

func capitalize(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// hashString is FNV-1a, to give each input its own shuffle stream.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

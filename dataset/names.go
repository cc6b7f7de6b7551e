package dataset

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Methods that make a candidate label, as recorded in Candidate.Method.
const (
	MethodCompound = "compound" // two keywords: "loafnest"
	MethodSynonym  = "synonym"  // a WordNet synonym or hypernym of a keyword, composed: "breadcrumb"
	MethodBlend    = "blend"    // portmanteau at a shared letter or vowel: "yogallery"
	MethodClipped  = "clipped"  // a keyword cut after its first syllable(s), composed: "florbloom"
	MethodSuffix   = "suffix"   // keyword + suffix: "bakely", "brewhub"
	MethodPrefix   = "prefix"   // prefix + keyword: "getloaf"
	MethodModifier = "modifier" // tone or place word + keyword: "sunnyloaf", "osloloaf"
)

// Keyword is a word names may be built from, with how strongly it ties a
// name to the description (Weight, 0-1).
type Keyword struct {
	Word   string  `json:"word"`
	Weight float64 `json:"weight"`
}

// Keyword weights by origin: a word of the description itself ties a name
// to it most; an industry root less; a synonym, a tone or a place word least.
const (
	weightText     = 1.0
	weightIndustry = 0.8
	weightSynonym  = 0.6
	weightModifier = 0.4
)

// Candidate is a second-level label proposed for a description.
type Candidate struct {
	Label  string   // "loafnest", no TLD
	Method string   // one of the Method constants
	Parts  []string // the keywords it was built from
}

var (
	suffixes = []string{"ly", "ify", "hub", "lab", "nest", "works", "co", "hq", "spot", "base", "wise", "craft", "box", "studio", "house"}
	prefixes = []string{"get", "try", "go", "my", "hey", "the", "we"}
	// stopwords never become keywords.
	stopwords = toSet(`a an and are as at be best by for from has have in into is it its my of on or our that the their
		this to we with you your us very also just more most some all new near shop store company business service services
		based local small offering offers sell selling who which where what when while like want need name names domain
		domains please looking something run runs proper year years ago side project done team wherever long second
		location stay come mostly next spring known specializing serving way would ideal since people hear before see
		feels sound not corporate fair made online nationwide
		uma una un une ein eine einer einen der die das de del la le les du des da do di dei per para em en für fur und y e et il lo gli os as el`)
)

func toSet(words string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(words) {
		set[w] = true
	}
	return set
}

// asciiFold lower-cases s and strips accents: "Café" → "cafe".
func asciiFold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, strings.ToLower(s))
	if err != nil {
		return strings.ToLower(s)
	}
	return out
}

// textWords returns the distinct plain words (3-10 ASCII letters after
// folding, no stopword) of text, in order.
func textWords(text string) []string {
	seen := map[string]bool{}
	var out []string
	for _, w := range strings.FieldsFunc(asciiFold(text), func(r rune) bool { return r < 'a' || r > 'z' }) {
		if len(w) < 3 || len(w) > 10 || stopwords[w] || seen[w] {
			continue
		}
		seen[w] = true
		out = append(out, w)
	}
	return out
}

// keywords lists the words names for s may use, strongest first: the
// business words of the description (its noun phrase and the offers it
// mentions; for other languages the native noun phrase, which names may
// use as is), the industry roots, three synonyms of each root, the tone
// words and a short city name. plain is the description before typos.
func keywords(s *spec, plain string) []Keyword {
	seen := map[string]bool{}
	var out []Keyword
	add := func(w string, weight float64) {
		if len(w) >= 3 && len(w) <= 10 && !seen[w] && !stopwords[w] {
			seen[w] = true
			out = append(out, Keyword{w, weight})
		}
	}
	own := s.what
	for _, o := range s.offers {
		if strings.Contains(plain, o) {
			own += " " + o
		}
	}
	for _, w := range textWords(own) {
		if s.lang == "en" {
			w = singular(w)
		}
		add(w, weightText)
	}
	for _, k := range s.ind.keys {
		add(k, weightIndustry)
	}
	for _, k := range s.ind.keys {
		for i, syn := range synonyms[k] {
			if i < 3 && len(syn) <= 8 {
				add(syn, weightSynonym)
			}
		}
	}
	for _, m := range s.tone.mods {
		add(m, weightModifier)
	}
	if c := asciiFold(s.city); len(c) <= 7 && isASCIILetters(c) {
		add(c, weightModifier)
	}
	return out
}

// singular drops a plural "s" from common shapes ("loaves" stays: the
// industry roots cover it).
func singular(w string) string {
	if len(w) > 4 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "ies") {
		return w[:len(w)-1]
	}
	return w
}

// candidates proposes labels from the keywords by every method. The
// result is deterministic and free of duplicates; nothing is validated.
func candidates(kws []Keyword) []Candidate {
	var out []Candidate
	seen := map[string]bool{}
	add := func(label, method string, parts ...string) {
		if len(label) < 4 || len(label) > 16 || seen[label] {
			return
		}
		seen[label] = true
		out = append(out, Candidate{Label: label, Method: method, Parts: parts})
	}
	// Core words: the strongest few, to keep the candidate set (and the
	// work per description) bounded: about 20 words → ~600 candidates.
	var core, mods, syns []string
	for _, k := range kws {
		switch {
		case k.Weight >= weightIndustry && len(core) < 12:
			core = append(core, k.Word)
		case k.Weight == weightSynonym && len(syns) < 8:
			syns = append(syns, k.Word)
		case k.Weight == weightModifier:
			mods = append(mods, k.Word)
		}
	}
	for _, a := range core {
		for _, b := range core {
			if a != b && len(a) <= 8 && len(b) <= 8 {
				add(a+b, MethodCompound, a, b)
				if bl, ok := blend(a, b); ok {
					add(bl, MethodBlend, a, b)
				}
			}
		}
		for _, sfx := range suffixes {
			add(joinSuffix(a, sfx), MethodSuffix, a, sfx)
		}
		for _, p := range prefixes {
			add(p+a, MethodPrefix, p, a)
		}
		if c := clip(a); c != "" {
			for _, b := range core {
				if b != a {
					add(c+b, MethodClipped, a, b)
				}
			}
			add(c+pick(newRNG(0, a), []string{"ly", "io", "o", "a"}), MethodClipped, a)
		}
		for _, m := range mods {
			add(m+a, MethodModifier, m, a)
			add(a+m, MethodModifier, a, m)
		}
		for _, s := range syns {
			add(s+a, MethodSynonym, s, a)
			add(a+s, MethodSynonym, a, s)
		}
	}
	for _, s := range syns {
		for _, sfx := range suffixes[:6] {
			add(joinSuffix(s, sfx), MethodSynonym, s, sfx)
		}
	}
	return out
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

// joinSuffix attaches a suffix, dropping a final vowel before a vowel
// ("bake"+"ify" → "bakify") and a doubled letter ("hub"+"box" stays).
func joinSuffix(w, sfx string) string {
	if isVowel(sfx[0]) && isVowel(w[len(w)-1]) {
		w = w[:len(w)-1]
	}
	if w[len(w)-1] == 'y' && sfx == "ly" {
		return w + "li"
	}
	return w + sfx
}

// blend makes a portmanteau of a and b where the end of a overlaps the
// start of b: by two or more letters ("yoga"+"gallery" → "yogallery"), or
// by one vowel ("pasta"+"atelier" → "pastatelier"), so that both words stay
// readable. It refuses other pairs: cutting words at arbitrary vowels makes
// unreadable labels ("car"+"eadow").
func blend(a, b string) (string, bool) {
	for k := min(len(a), len(b)) - 1; k >= 1; k-- {
		if a[len(a)-k:] == b[:k] && (k >= 2 || isVowel(b[0])) {
			return a + b[k:], true
		}
	}
	return "", false
}

// clip shortens a word of seven or more letters to its first four (else
// five) letters when they end in a consonant after a vowel or a consonant
// pair ("florist" → "flor", "kitchen" → "kitch", "mastering" → "mast").
func clip(w string) string {
	if len(w) < 7 {
		return ""
	}
	for _, n := range []int{4, 5} {
		c := w[:n]
		if !isVowel(c[n-1]) && c[n-1] != 'y' && strings.ContainsAny(c, "aeiouy") {
			return c
		}
	}
	return ""
}

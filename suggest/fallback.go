package suggest

import (
	"hash/fnv"
	"html"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"domaingen/safety"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// The fallback composer builds names from the description's own keywords
// (lexical composition: word+word, word+suffix, prefix+word), so a request
// always gets a full list even when the model fails, times out or produces
// too few valid names. It is deterministic for a given text and seed.

// fallbackScore is the confidence of the fallback's best name before its
// shape factor: placeholders rank below names the model itself found
// likely.
const fallbackScore = 0.25

// fallbackDecay: each later fallback name's confidence is 1% lower, so that
// the picker keeps the fallback's own order (see fallbackNames) instead of
// breaking a tie by length, which put every short form of one keyword
// ("imgco", "imghq", "imgly") before any name with two. 1%: the step
// between neighbours, 0.25·0.01·0.99^i, stays over 0.001 up to i = 86 (above
// 4·MaxCount = 80 candidates), so confidences rounded to 3 decimals stay
// distinct and in order.
const fallbackDecay = 0.99

var (
	// stopwords say nothing about the business. Besides function words
	// and request vocabulary: size and praise words (small, little, tiny;
	// best, great), so that a paraphrase swapping "small" for "little"
	// keeps the names, and URL syntax (com, www, http, https).
	stopwords = toSet(`a an and are as at be best by for from has have i in into is it its my of on or our that the their them they this to we with you your
		us very also just more most some any all new near shop store company business service services based local small offering offers provide provides selling sells
		who which where what when while like want need name names domain domains please suggest looking something help make makes made run runs
		little tiny great com www http https`)
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

// Markup the fallback reads as a browser shows it (stripMarkup).
var (
	// scriptElement: a script or style element, its content included.
	scriptElement = regexp.MustCompile(`(?is)<(script|style)\b[^>]*>.*?</(script|style)\s*>`)
	// markupTag: an HTML or XML tag with its attributes, a comment.
	markupTag = regexp.MustCompile(`<[a-zA-Z/!?][^<>]*>`)
	// linkTarget: the target of a markdown link, "[text](https://…)".
	linkTarget = regexp.MustCompile(`\]\([^)]*\)`)
	// jsonKey: a JSON key with a true, false or null value after it
	// ("safety_filter": false): a key is a field's name, the literals
	// no one's words.
	jsonKey = regexp.MustCompile(`"[^"\n]*"\s*:(\s*(true|false|null)\b)?`)
	// domainName: a domain name written in the text, "google.com".
	domainName = regexp.MustCompile(`(?i)\b[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}\b`)
)

// stripMarkup keeps the words markup shows and drops the markup itself:
// entities are decoded ("&lt;i&gt;" is a tag, "&amp;" an ampersand), script
// and style elements go with their content, tags with their attributes
// ("<img src=x onerror=…>"), markdown links keep their text, JSON keeps
// its string values ("tone": "playful" leaves "playful"). Other markdown
// (**, #, |, fences) is punctuation, which keywords splits at anyway.
func stripMarkup(text string) string {
	text = html.UnescapeString(text)
	text = scriptElement.ReplaceAllString(text, " ")
	text = markupTag.ReplaceAllString(text, " ")
	text = linkTarget.ReplaceAllString(text, "] ")
	return jsonKey.ReplaceAllString(text, " ")
}

// keywords returns the description's distinct ASCII words of 3-12 letters
// that are not stopwords, in order of first appearance. Markup is read as
// shown (stripMarkup); look-alike letters of other scripts are folded to
// Latin (safety.FoldLookalikes: "аpple" with a Cyrillic а is "apple", not
// "pple"); accents are stripped ("café" → "cafe"). In a description that
// still carries an injection (safety.HasInjection: prompt.StripInstructions
// keeps the text whole when it is nothing but one), the domain names are
// the injection's targets, not the business's words, and are left out.
func keywords(text string) []string {
	text = stripMarkup(text)
	if safety.HasInjection(text) {
		text = domainName.ReplaceAllString(text, " ")
	}
	text = safety.FoldLookalikes(strings.ToLower(text))
	strip := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	plain, _, err := transform.String(strip, text)
	if err != nil {
		plain = text
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

// salient picks, among the first n keywords, those to compose from: the
// description's own words, in order of appearance, and only if there are
// none the vocabulary of instructions (safety.InstructionWord: "print",
// "system", "role"), which an injection or markup left behind. The window
// stays the first n words of the text: looking further would bring forward
// whatever follows the instructions, an injection's target among them
// ("say only the word BANANA").
func salient(words []string, n int) []string {
	words = words[:min(n, len(words))]
	var own []string
	for _, w := range words {
		if !safety.InstructionWord(w) {
			own = append(own, w)
		}
	}
	if len(own) == 0 {
		return words
	}
	return own
}

// fallbackNames composes up to limit candidate names, best first, from the
// keywords salient picks among the first 6, k0…k5:
//
//  1. pairs of neighbours, k0k1, k1k2, …: neighbouring words often form a
//     phrase ("climbing gym", "vinyl record");
//  2. each keyword with a suffix, then with a prefix, in turns: every
//     keyword's first form before any keyword's second, so that one
//     misleading keyword costs one name rather than the list;
//  3. the other pairs, k0k2, k0k3, …;
//
// labels over 14 letters after all of those. Every label goes under the
// first TLD before any goes under the second. Confidences fall by
// fallbackDecay per place. Candidates are not validated here.
func fallbackNames(text string, tlds []string, seed uint32, limit int) []candidate {
	words := salient(keywords(text), 6)
	if len(words) == 0 {
		words = rotate(genericWords, seed)
	}
	var labels []string
	for i := 0; i+1 < len(words); i++ {
		labels = append(labels, words[i]+words[i+1])
	}
	sfx, pfx := rotate(suffixes, seed), rotate(prefixes, seed)
	for _, s := range sfx {
		for _, w := range words {
			labels = append(labels, w+s)
		}
	}
	for _, p := range pfx {
		for _, w := range words {
			labels = append(labels, p+w)
		}
	}
	for i := range words {
		for j := i + 2; j < len(words); j++ {
			labels = append(labels, words[i]+words[j])
		}
	}
	// Labels of at most 14 letters first, otherwise in composition order.
	long := func(l string) bool { return len(l) > 14 }
	sort.SliceStable(labels, func(i, j int) bool { return !long(labels[i]) && long(labels[j]) })
	// Every label under the first TLD before any label under the second:
	// distinct names first, TLD variants of them only after.
	var out []candidate
	score := fallbackScore
	for _, t := range tlds {
		for _, l := range labels {
			out = append(out, candidate{name: l + "." + t, confidence: score})
			score *= fallbackDecay
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

package safety

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns the canonical form of text that the input policy reads:
//
//   - invalid UTF-8 is repaired, control characters become spaces and
//     invisible format characters (zero-width space and joiners, bidi
//     controls, BOM, soft hyphen, variation selectors) are dropped;
//   - the text is NFKC-normalised (full-width and mathematical letters,
//     ligatures) and lower-cased, with ß → ss;
//   - accents are stripped from Latin, Greek and Cyrillic letters
//     (é → e, ё → е) but kept on kana ("ガ" stays "ガ");
//   - words are split on anything that is not a letter or digit, with
//     apostrophes dropped inside a word ("don't" → "dont") and CJK runs kept
//     as one word each;
//   - a word that mixes Latin with Cyrillic, Greek or Armenian letters, or
//     is written only in non-Latin look-alikes ("раураl", "сосаіnе"), is
//     folded to Latin through the confusables table;
//   - a word that mixes letters with digits or the symbols @ $ ! | + is
//     decoded as leetspeak (0→o, 1→i, 3→e, 4→a, 5→s, 7→t, 8→b, 9→g,
//     @→a, $→s, !→i, |→l, +→t), so "p0rn" → "porn"; digits alone stay digits;
//   - runs of three or more one-letter words are joined ("p o r n",
//     "p.o.r.n" → "porn").
//
// The words are joined by single spaces. Normalize is idempotent. The
// matcher also tries variants that the canonical form cannot show at once
// (1 read as l, runs of repeated letters squeezed, "*" as a wildcard).
func Normalize(text string) string {
	words := tokenize(text)
	words = despace(words)
	parts := make([]string, 0, len(words))
	for _, w := range words {
		parts = append(parts, w.forms[0])
	}
	return strings.Join(parts, " ")
}

// word is one token of the input with the spellings the matcher tries.
// forms[0] is the canonical spelling (the one Normalize prints); the others
// are alternative readings (1 as l, squeezed letter runs), deduplicated.
type word struct {
	forms []string
	raw   string // the token after folding but before leet and confusables, for de-spacing
	cjk   bool   // a run of Han, kana or Hangul, matched by substring
}

// foldText applies the character-level steps of Normalize: cleaning,
// NFKC, lower case and accent stripping. It is also applied to every
// lexicon entry so that entries and input meet in the same alphabet.
func foldText(text string) string {
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, " ")
	}
	var b strings.Builder
	b.Grow(len(text))
	for _, r := range text {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f':
			b.WriteByte(' ')
		case invisible(r):
		default:
			b.WriteRune(r)
		}
	}
	text = norm.NFKC.String(b.String())
	text = strings.ToLower(text)
	text = lowerFixups.Replace(text)
	return stripAccents(text)
}

// stripAccents removes the combining marks that follow a Latin, Greek or
// Cyrillic letter, and NFKC-normalises the result.
func stripAccents(text string) string {
	d := norm.NFD.String(text)
	var b strings.Builder
	b.Grow(len(d))
	var prev rune
	for _, r := range d {
		if unicode.Is(unicode.Mn, r) && strippableBase(prev) {
			continue
		}
		if !unicode.Is(unicode.Mn, r) {
			prev = r
		}
		b.WriteRune(r)
	}
	// NFKC again rather than NFC: a compatibility character can hide behind
	// a mark that was just removed, and Normalize must be idempotent.
	return norm.NFKC.String(b.String())
}

// lowerFixups handles the lower-case forms that strings.ToLower leaves
// apart from their usual spelling.
var lowerFixups = strings.NewReplacer("ß", "ss", "ς", "σ", "ſ", "s", "ı", "i", "ẞ", "ss")

// invisible reports whether r carries no visible meaning in a description:
// controls, format characters (Cf), variation selectors and the combining
// grapheme joiner. Same set as prompt.Clean, repeated here so that Check is
// safe on text that did not go through Clean.
func invisible(r rune) bool {
	switch {
	case unicode.Is(unicode.Cc, r), unicode.Is(unicode.Cf, r):
		return true
	case r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF, r == 0x034F, r == 0xFFFD:
		return true
	}
	return false
}

// strippableBase reports whether marks after r are accents to drop.
func strippableBase(r rune) bool {
	return unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic)
}

// isCJK reports whether r belongs to a script written without spaces
// between words (Han, Hiragana, Katakana) or to Hangul, whose lexicon
// entries are matched as substrings.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) || r == 'ー'
}

// leetSymbols are the non-alphanumeric characters read as letters when
// they stand inside a word.
const leetSymbols = "@$!|+*"

// tokenize folds text and splits it into words with their alternative forms.
func tokenize(text string) []word {
	text = foldText(text)
	var words []word
	var cur strings.Builder
	curCJK := false
	flush := func() {
		if cur.Len() == 0 {
			return
		}
		s := cur.String()
		cur.Reset()
		if curCJK {
			words = append(words, word{forms: []string{s}, raw: s, cjk: true})
			return
		}
		if w, ok := makeWord(s); ok {
			words = append(words, w)
		}
	}
	for _, r := range text {
		switch {
		case isCJK(r):
			if !curCJK {
				flush()
				curCJK = true
			}
			cur.WriteRune(r)
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || strings.ContainsRune(leetSymbols, r):
			if curCJK {
				flush()
				curCJK = false
			}
			cur.WriteRune(r)
		case r == '\'' || r == '’' || r == '`' || r == 'ʼ':
			// dropped inside a word: "don't" → "dont", "anyone's" → "anyones"
		default:
			flush()
			curCJK = false
		}
	}
	flush()
	return words
}

// makeWord builds the forms of one non-CJK token. It reports false when
// nothing is left of it (a lone "!" or "*").
func makeWord(s string) (word, bool) {
	s = strings.Trim(s, "!|+*")
	if s == "" {
		return word{}, false
	}
	if !hasLetter(s) {
		// Digits with symbols ("$50", "24/7" pieces): keep the digits only.
		s = strings.Map(func(r rune) rune {
			if unicode.IsDigit(r) {
				return r
			}
			return -1
		}, s)
		if s == "" {
			return word{}, false
		}
		return word{forms: []string{s}, raw: s}, true
	}
	raw := s
	canon := s
	if needsConfusableFold(canon) {
		canon = foldConfusables(canon)
	}
	var alts []string
	switch {
	case leetInside(canon):
		alts = append(alts, leet(canon, 'l'))
		canon = leet(canon, 'i')
	case hasLeet(canon):
		// Digits only at the ends ("ak47", "4chan", "3d"): keep them in
		// the canonical form, try the decoded readings as alternatives.
		alts = append(alts, leet(canon, 'i'), leet(canon, 'l'))
	}
	// Decoding can make a word mixed-script ("р0ф" → "poф") or put a
	// letter before a combining mark ("$\u074a" → "s\u074a"): fold again.
	refold := func(w string) string {
		if w == raw {
			return w
		}
		w = stripAccents(w)
		if needsConfusableFold(w) {
			w = foldConfusables(w)
		}
		return w
	}
	canon = refold(canon)
	for i, a := range alts {
		alts[i] = refold(a)
	}
	forms := []string{canon}
	forms = append(forms, alts...)
	if raw != canon && !strings.ContainsAny(raw, leetSymbols) {
		// Keep the unfolded spelling too: a digit that belongs to the word
		// ("ak47", "4chan") is matched as written.
		forms = append(forms, raw)
	}
	for _, f := range forms[:len(forms):len(forms)] {
		if hasTripleRun(f) {
			forms = append(forms, squeeze(f, 1), squeeze(f, 2))
		}
	}
	return word{forms: dedupe(forms), raw: raw}, true
}

// despace joins runs of three or more one-character words ("p o r n",
// "c.0.c.a.i.n.e") into one word. The one-character words are letters,
// or digits and symbols that leetspeak reads as letters.
func despace(words []word) []word {
	out := make([]word, 0, len(words))
	for i := 0; i < len(words); {
		j := i
		for j < len(words) && !words[j].cjk && utf8.RuneCountInString(words[j].raw) == 1 && (hasLetter(words[j].raw) || j > i) {
			j++
		}
		// A run must start with a letter and hold at least one more letter:
		// "2 4 7" stays digits.
		if j-i >= 3 && letterCount(words[i:j]) >= 2 {
			var b strings.Builder
			for _, w := range words[i:j] {
				b.WriteString(w.raw)
			}
			if w, ok := makeWord(b.String()); ok {
				out = append(out, w)
			}
			i = j
			continue
		}
		out = append(out, words[i])
		i++
	}
	return out
}

func letterCount(ws []word) int {
	n := 0
	for _, w := range ws {
		if hasLetter(w.raw) {
			n++
		}
	}
	return n
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// hasLeet reports whether a word that has letters also has digits or leet
// symbols in it, and so should be decoded.
func hasLeet(s string) bool {
	for _, r := range s {
		if unicode.IsDigit(r) || (r != '*' && strings.ContainsRune(leetSymbols, r)) {
			return true
		}
	}
	return false
}

// leetInside reports whether s has a leet symbol anywhere, or a digit with
// letters on both sides ("p0rn", "cr3d1t"): such a word is decoded in the
// canonical form.
func leetInside(s string) bool {
	rs := []rune(s)
	for i, r := range rs {
		if r != '*' && strings.ContainsRune(leetSymbols, r) {
			return true
		}
		if unicode.IsDigit(r) && hasLetter(string(rs[:i])) && hasLetter(string(rs[i+1:])) {
			return true
		}
	}
	return false
}

// leet decodes leetspeak digits and symbols; one is the letter read for
// "1" ('i' or 'l'). Digits without a leet reading (2, 6) are kept.
func leet(s string, one rune) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '0':
			return 'o'
		case '1':
			return one
		case '3':
			return 'e'
		case '4', '@':
			return 'a'
		case '5', '$':
			return 's'
		case '7', '+':
			return 't'
		case '8':
			return 'b'
		case '9':
			return 'g'
		case '!':
			return 'i'
		case '|':
			return 'l'
		}
		return r
	}, s)
}

// hasTripleRun reports whether s repeats one letter three times in a row.
func hasTripleRun(s string) bool {
	var prev rune
	n := 0
	for _, r := range s {
		if r == prev {
			n++
			if n >= 3 && unicode.IsLetter(r) {
				return true
			}
		} else {
			prev, n = r, 1
		}
	}
	return false
}

// squeeze shortens every run of a repeated letter to at most max letters:
// "pooorn" → "porn" (1) or "poorn" (2).
func squeeze(s string, max int) string {
	var b strings.Builder
	var prev rune
	n := 0
	for _, r := range s {
		if r == prev {
			n++
		} else {
			prev, n = r, 1
		}
		if n <= max || !unicode.IsLetter(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func dedupe(ss []string) []string {
	out := ss[:0]
	seen := make(map[string]bool, len(ss))
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

package safety

import (
	"strings"
	"unicode"
)

// confusables maps lower-case letters of other scripts to the Latin letter
// they look like in common fonts. It is the lower-case, letter-only part of
// Unicode's confusables.txt (UTS #39) that matters for disguising English
// words; upper-case forms are covered because text is lower-cased first.
var confusables = map[rune]rune{
	// Cyrillic
	'а': 'a', 'в': 'b', 'е': 'e', 'ё': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o',
	'р': 'p', 'с': 'c', 'т': 't', 'у': 'y', 'х': 'x', 'і': 'i', 'ї': 'i', 'ј': 'j',
	'ѕ': 's', 'ԁ': 'd', 'һ': 'h', 'ӏ': 'l', 'ԛ': 'q', 'ԝ': 'w', 'ү': 'y', 'ь': 'b',
	'ɡ': 'g', 'ո': 'n', 'ս': 'u', 'օ': 'o', 'հ': 'h', 'ց': 'g', 'ք': 'p', 'ա': 'w', // Armenian
	// Greek
	'α': 'a', 'β': 'b', 'γ': 'y', 'ε': 'e', 'η': 'n', 'ι': 'i', 'κ': 'k', 'ν': 'v',
	'ο': 'o', 'ρ': 'p', 'τ': 't', 'υ': 'u', 'χ': 'x', 'ω': 'w', 'μ': 'u', 'ϲ': 'c',
	'ϳ': 'j', 'σ': 'o',
	// Latin look-alikes outside ASCII that NFKC keeps
	'ɑ': 'a', 'ɩ': 'i', 'ɪ': 'i', 'ʏ': 'y', 'ᴄ': 'c', 'ᴏ': 'o', 'ᴠ': 'v', 'ᴡ': 'w', 'ᴢ': 'z',
	'ł': 'l', 'ø': 'o', 'đ': 'd', 'ħ': 'h', 'ŧ': 't', 'ƅ': 'b',
}

// needsConfusableFold reports whether a word should be read through the
// confusables table: it mixes Latin letters with letters of another script
// that has look-alikes, or it has no Latin letter but every letter has a
// Latin look-alike (an English word typed entirely in Cyrillic look-alikes).
// A genuine Russian word such as "паспорт" keeps its Cyrillic spelling.
func needsConfusableFold(s string) bool {
	latin, foreign, allConfusable := false, false, true
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		_, conf := confusables[r]
		switch {
		case unicode.Is(unicode.Latin, r) && !conf:
			latin = true
		case conf:
			foreign = true
		default:
			allConfusable = false
			if unicode.In(r, unicode.Cyrillic, unicode.Greek, unicode.Armenian) {
				foreign = true
			}
		}
	}
	if latin && foreign {
		return true
	}
	return !latin && foreign && allConfusable
}

// foldConfusables replaces every look-alike letter by its Latin letter.
func foldConfusables(s string) string {
	return strings.Map(func(r rune) rune {
		if l, ok := confusables[r]; ok {
			return l
		}
		return r
	}, s)
}

// FoldLookalikes spells in Latin letters every word of text that Normalize
// would read through the confusables table: a word mixing Latin letters
// with look-alikes of other scripts ("аpple" with a Cyrillic а, "gοogle"
// with a Greek ο), or written only in look-alikes ("аррӏе"). Such a word
// comes back lower-cased; every other word ("паспорт", "Café"), the spacing
// and the punctuation are kept as they are. A word is a run of letters and
// combining marks. Unlike Normalize it neither decodes leetspeak nor drops
// punctuation, so callers that only want the letters a reader sees (the
// suggest fallback, which composes names from the description's words) can
// split the result as they like.
func FoldLookalikes(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	start := -1 // start of the current word, -1 outside one
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := text[start:end]
		if lw := strings.ToLower(w); needsConfusableFold(lw) {
			w = foldConfusables(lw)
		}
		b.WriteString(w)
		start = -1
	}
	for i, r := range text {
		if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
		b.WriteRune(r)
	}
	flush(len(text))
	return b.String()
}

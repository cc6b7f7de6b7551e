package domain

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/text/unicode/norm"
)

// Features are cheap lexical properties of a domain name, used to rank
// suggestions. All counts refer to the second-level label in its Unicode
// form (SLDUnicode), which is what a person reads and types.
type Features struct {
	// Name is the normalised (A-label) name, or the lower-cased, trimmed
	// input if it could not be normalised.
	Name string
	// SLD is the second-level label, the one just left of the public
	// suffix, in A-label form: "xn--caf-dma" for "café.com".
	SLD string
	// SLDUnicode is SLD in Unicode form: "café". It equals SLD for ASCII
	// labels.
	SLDUnicode string
	// TLD is the ICANN public suffix in A-label form: "com", "co.uk".
	TLD string
	// Length is the number of characters (runes) in SLDUnicode.
	Length int
	// Hyphens is the number of hyphens in the SLD.
	Hyphens int
	// Digits is the number of decimal digits in SLDUnicode.
	Digits int
	// Letters is the number of letters in SLDUnicode, of any script.
	Letters int
	// Vowels is the number of Latin vowels (a, e, i, o, u, y), counting
	// accented forms such as "é" by their base letter.
	Vowels int
	// Consonants is the number of other Latin letters, counted likewise.
	// Letters of other scripts are neither vowels nor consonants.
	Consonants int
	// VowelRatio is Vowels / (Vowels + Consonants), a rough measure of
	// pronounceability; 0 if the label has no Latin letters.
	VowelRatio float64
	// LongestConsonantRun is the length of the longest run of consecutive
	// Latin consonants; digits, hyphens and other characters end a run.
	// "strngth" gives 7, "organic" gives 2.
	LongestConsonantRun int
	// IDN reports whether the SLD is an internationalised (xn--) label.
	IDN bool
}

// FeaturesOf computes the [Features] of name. It does not validate name:
// it normalises it if it can and otherwise works on the lower-cased,
// trimmed input, so it never fails. It is pure and cheap (no I/O, a few
// microseconds).
func FeaturesOf(name string) Features {
	n, err := Normalize(name)
	if err != nil {
		n = strings.ToLower(strings.TrimSuffix(strings.TrimSpace(name), "."))
	}
	sld, tld := Split(n)
	f := Features{Name: n, SLD: sld, SLDUnicode: sld, TLD: tld}
	if strings.HasPrefix(sld, acePrefix) {
		if u, err := idna.Punycode.ToUnicode(sld); err == nil {
			f.SLDUnicode, f.IDN = u, true
		}
	}
	f.Length = utf8.RuneCountInString(f.SLDUnicode)
	f.Hyphens = strings.Count(f.SLDUnicode, "-")
	run := 0
	for _, r := range f.SLDUnicode {
		switch {
		case unicode.Is(unicode.Nd, r):
			f.Digits++
		case unicode.IsLetter(r):
			f.Letters++
		}
		switch latinBase(r) {
		case 'a', 'e', 'i', 'o', 'u', 'y':
			f.Vowels++
			run = 0
		case 0:
			run = 0
		default:
			f.Consonants++
			run++
			f.LongestConsonantRun = max(f.LongestConsonantRun, run)
		}
	}
	if latin := f.Vowels + f.Consonants; latin > 0 {
		f.VowelRatio = float64(f.Vowels) / float64(latin)
	}
	return f
}

// latinBase returns the lower-case ASCII letter that r is or is based on
// ("é" gives 'e'), or 0 if r is not a Latin letter of that kind.
func latinBase(r rune) rune {
	if r >= utf8.RuneSelf {
		d, _ := utf8.DecodeRuneInString(norm.NFD.String(string(r)))
		r = d
	}
	r = unicode.ToLower(r)
	if 'a' <= r && r <= 'z' {
		return r
	}
	return 0
}

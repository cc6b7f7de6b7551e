package safety

import (
	"strings"
	"unicode"
)

// CheckName applies the output filter to a generated domain name (ASCII or
// an xn-- IDN name, with or without TLD; case and a trailing dot do not
// matter). Every label except the TLD is checked, the TLD only for sexual
// TLDs (.xxx, .porn, .sex, .adult). See docs/safety.md for the rules.
func CheckName(domain string) Verdict {
	d := strings.TrimSuffix(strings.ToLower(strings.TrimSpace(domain)), ".")
	labels := strings.Split(d, ".")
	if len(labels) > 1 {
		tld := labels[len(labels)-1]
		if sexualTLDs[tld] {
			return nameVerdict(CatOffensive, "sexual TLD", "tld:"+tld)
		}
		labels = labels[:len(labels)-1]
	}
	for _, label := range labels {
		if label == "" || label == "www" {
			continue
		}
		if v := checkLabel(label); v.Blocked {
			return v
		}
	}
	return Verdict{}
}

var sexualTLDs = map[string]bool{"xxx": true, "porn": true, "sex": true, "adult": true, "sexy": true}

func nameVerdict(cat, reason, matched string) Verdict {
	return Verdict{Blocked: true, Category: cat, Reason: reason, Matched: matched}
}

// checkLabel checks one DNS label.
func checkLabel(label string) Verdict {
	u := label
	if strings.HasPrefix(label, "xn--") {
		dec, err := decodeIDNLabel(label)
		if err != nil {
			return nameVerdict(CatMixedScript, "undecodable IDN label", "punycode:"+label)
		}
		u = strings.ToLower(dec)
	}
	if scripts, mixed := mixedScripts(u); mixed {
		return nameVerdict(CatMixedScript, "label mixes scripts", "scripts:"+scripts)
	}
	// Fold what a reader would read: accents off, look-alike letters of
	// other scripts to Latin, then only letters and digits are kept.
	folded := foldText(u)
	folded = foldConfusables(folded)
	var b strings.Builder
	for _, r := range folded {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	flat := b.String()
	if flat == "" {
		return Verdict{}
	}
	parts := strings.FieldsFunc(foldText(u), func(r rune) bool { return r == '-' })
	if w, ok := offensiveIn(flat, parts); ok {
		return nameVerdict(CatOffensive, "offensive word in name", "offensive:"+w)
	}
	if b, how, ok := brandIn(flat); ok {
		return nameVerdict(CatBrandLookalike, "imitates a famous brand", "brand:"+b+" ("+how+")")
	}
	return Verdict{}
}

// mixedScripts reports whether the letters of s come from more than one
// script, except the combinations that UTS #39 "highly restrictive" allows
// (Latin with Han and kana, Latin with Han and Hangul, Latin with Han and
// Bopomofo). It returns the scripts seen, for Verdict.Matched.
func mixedScripts(s string) (string, bool) {
	seen := map[string]bool{}
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		seen[scriptOf(r)] = true
	}
	if len(seen) < 2 {
		return "", false
	}
	names := make([]string, 0, len(seen))
	for _, n := range []string{"Latin", "Cyrillic", "Greek", "Armenian", "Han", "Kana", "Hangul", "Bopomofo", "Other"} {
		if seen[n] {
			names = append(names, n)
		}
	}
	joined := strings.Join(names, "+")
	delete(seen, "Latin")
	delete(seen, "Han")
	switch {
	case len(seen) == 0: // Latin + Han
		return joined, false
	case len(seen) == 1 && (seen["Kana"] || seen["Hangul"] || seen["Bopomofo"]):
		return joined, false
	}
	return joined, true
}

func scriptOf(r rune) string {
	switch {
	case unicode.Is(unicode.Latin, r):
		return "Latin"
	case unicode.Is(unicode.Cyrillic, r):
		return "Cyrillic"
	case unicode.Is(unicode.Greek, r):
		return "Greek"
	case unicode.Is(unicode.Armenian, r):
		return "Armenian"
	case unicode.Is(unicode.Han, r):
		return "Han"
	case unicode.In(r, unicode.Hiragana, unicode.Katakana) || r == 'ー':
		return "Kana"
	case unicode.Is(unicode.Hangul, r):
		return "Hangul"
	case unicode.Is(unicode.Bopomofo, r):
		return "Bopomofo"
	}
	return "Other"
}

// nameLeet returns the readings of a flattened label with its digits read
// as letters (0→o, 1→l or i, 3→e, 4→a, 5→s, 7→t, 8→b, 9→g); the label
// itself comes first.
func nameLeet(s string) []string {
	if !strings.ContainsAny(s, "0123456789") {
		return []string{s}
	}
	return dedupe([]string{s, leet(s, 'l'), leet(s, 'i')})
}

// homoglyphs are the letter pairs a reader takes for one letter in a
// domain name (dnstwist's "homoglyph" and "bitsquatting" classics).
var homoglyphs = strings.NewReplacer("rn", "m", "vv", "w", "cl", "d")

// nameReadings returns every reading of a flattened label: leetspeak
// decoded, then homoglyph pairs merged.
func nameReadings(s string) []string {
	var out []string
	for _, l := range nameLeet(s) {
		out = append(out, l)
		if h := homoglyphs.Replace(l); h != l {
			out = append(out, h)
		}
	}
	return dedupe(out)
}

// offensiveWords are matched anywhere inside a label, across word
// boundaries, unless an innocent word from innocentWords covers them.
var offensiveWords = []string{
	"fuck", "shit", "cunt", "bitch", "whore", "slut", "porn", "rapist", "rape", "nigger", "nigga",
	"faggot", "retard", "dildo", "pussy", "cocksuck", "penis", "vagina", "twat", "wank", "jizz",
	"asshole", "arsehole", "bollock", "piss", "kike", "nazi", "hitler", "pedophil",
	"paedophil", "molest", "incest", "bestiality", "xxx", "hentai", "milf", "cumshot", "blowjob",
	"handjob", "gangbang", "bdsm", "kkk", "sexcam", "sexchat", "sextape", "sextoy", "sexshop",
	"titties", "boobs", "camgirl", "stripclub",
}

// offensiveParts are short words blocked only as a whole label or a
// hyphen-separated part: inside a longer word they are nearly always
// innocent ("class", "cucumber").
var offensiveParts = wordSet("ass fag fags cum tit tits sex fck kys coon dick cock spic spics")

// innocentWords contain an offensive word but are innocent; an occurrence
// covered by one of them is ignored. Found by running the offensive words
// over an English word list (SCOWL american-english) and adding place
// names. "therapist" is deliberately absent: "therapistfinder" reads
// "the rapist finder" and is blocked.
var innocentWords = []string{
	"scunthorpe", "shitake", "crape", "drape", "grape", "parapet", "sarape", "serape", "scrape",
	"trapez", "therapeut", "rapeseed", "raperfum", "snigger", "niggard", "retardant", "retardation", "pussycat",
	"pussyfoot", "pussywillow", "twatch", "twater", "swank", "wankel", "pissarro", "pissaro",
	"spice", "spicy", "spici", "spica", "aspic", "auspic", "suspic", "conspic", "despic", "hospice", "perspic",
	"ashkenazi", "nazionale", "nazione", "ignazio", "nazira", "milford", "penistone",
}

// offensiveIn reports the first offensive word in a flattened label (any
// reading) or in one of its hyphen-separated parts.
func offensiveIn(flat string, parts []string) (string, bool) {
	for _, p := range parts {
		for _, r := range nameLeet(p) {
			if offensiveParts[r] {
				return r, true
			}
		}
	}
	if offensiveParts[flat] {
		return flat, true
	}
	for _, r := range nameLeet(flat) {
		for _, w := range offensiveWords {
			if containsUncovered(r, w, innocentWords) {
				return w, true
			}
		}
	}
	return "", false
}

// containsUncovered reports whether w occurs in s at a place that no
// occurrence of an innocent word covers.
func containsUncovered(s, w string, innocent []string) bool {
	for from := 0; ; {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return false
		}
		i += from
		if !covered(s, i, i+len(w), innocent) {
			return true
		}
		from = i + 1
	}
}

// covered reports whether s[start:end] lies inside an occurrence of one of
// the innocent words.
func covered(s string, start, end int, innocent []string) bool {
	for _, iw := range innocent {
		for from := 0; ; {
			j := strings.Index(s[from:], iw)
			if j < 0 {
				break
			}
			j += from
			if j <= start && end <= j+len(iw) {
				return true
			}
			from = j + 1
		}
	}
	return false
}

package safety

import "strings"

// Brand look-alikes in generated names, dnstwist in reverse: instead of
// generating the typos of a brand, a name is read back through the usual
// typo and homoglyph transformations and compared with the brands.
//
// A label (letters and digits only, hyphens dropped) is blocked when one
// of its readings (as written; digits read as letters; rn→m, vv→w, cl→d
// nn→m, ii→u merged):
//
//  1. contains a distinctive brand of five or more letters, at a place no
//     innocent word covers ("francisco" covers "cisco");
//  2. is a brand, or a brand with only "cue" words before or after it
//     ("nikestore", "mypaypal-login"; only strong cues before a brand and
//     around a common-word brand, so "signalnews" passes): this is the rule
//     for short brands
//     (four letters or fewer) and for brands that are common words
//     ("apple", "amazon", "shell"), which a name may otherwise contain
//     innocently ("pineapplebakery");
//  3. with strong cue words stripped from its ends, is within
//     Damerau-Levenshtein (optimal string alignment) distance 1 of a
//     distinctive brand of 5-8 letters or 2 of one of 9 or more (two edits
//     on eight letters already reach ordinary names: "facebloom",
//     "chatapp" for "whatsapp"), or equals it once every vowel is
//     read as the same letter ("guugle"), unless that core is an ordinary
//     English word near a brand (brandNearWords: "relax" is one vowel from
//     "rolex", "channel" one letter from "chanel").

// brandCues are words that, next to a brand, make a name read as the
// brand's own site, shop or support page.
var brandCues = []string{
	"support", "login", "logon", "signin", "secure", "security", "account", "accounts", "verify",
	"verification", "help", "helpdesk", "desk", "pay", "payment", "payments", "wallet", "store", "shop",
	"official", "online", "app", "apps", "customer", "customers", "service", "services", "update",
	"billing", "recovery", "id", "auth", "mail", "outlet", "sale", "sales", "deals", "deal", "discount",
	"shoes", "my", "get", "the", "web", "portal", "team", "bank", "card", "cards", "gift", "gifts",
	"prime", "plus", "pro", "us", "uk", "usa", "eu", "cloud", "tv", "music", "games", "play", "market",
	"center", "centre", "care", "hq", "inc", "corp", "global", "world", "direct", "express", "now", "24",
	"247", "club", "fans", "fan", "repair", "repairs", "parts", "cars", "motors", "auto", "dealer",
	"reset", "password", "unlock", "alert", "alerts", "refund", "refunds", "claim", "bonus", "free",
	"promo", "rewards", "coupon", "coupons", "jobs", "careers", "news", "info", "site", "page", "net",
	"co", "shop", "buy", "official", "original", "authentic", "replica", "fake", "cheap", "best",
}

// strongCues are the cue words that are stripped before the fuzzy
// comparison (rule 3) and the only ones allowed before a brand in rule 2:
// short or generic cues ("co", "us", "pro", "club") would turn ordinary
// words into brand look-alikes ("corporeal" → "oreal", "clubbing" →
// "club"+"bing").
var strongCues = wordSet(`
support login logon signin secure security account accounts verify verification help helpdesk pay
payment payments wallet store shop official online app customer service services update billing
recovery auth outlet deals discount my get the www password reset unlock alert alerts refund refunds
claim bonus promo rewards coupon coupons
`)

// brandNearWords are English words within the fuzzy distance of a brand
// (found by running rule 3 over the SCOWL american-english word list);
// a core that is one of them is not a look-alike.
var brandNearWords = wordSet(`
aspics basics sics parlays finance barberry bayberry blueberry mulberry burgeoning artier carrier
cattier wartier chancel channel chapel disco coinage dousing focusing fend fends fondu footnote
fortunate email grail mail goggle goggles handy cloud phone atones tunes leis levies lives loves linked
mantel matte matted matter mattes mercies precedes recedes secedes gonzo mono nettle pestle innuendo
intend intends papal peps pepsin bitterest interest interests sincerest winteriest plantation pride
prude revolt rivulet relax role roles sheen sheik shin shoon skein stein snapshot atwitter titter
twister venom belle billow pillow willow nestled twitted
`)

// brandInnocent are words that contain a distinctive brand innocently.
var brandInnocent = []string{
	"aphasics", "basics", "francisco", "defending", "fending", "offending", "rhonda", "siphone",
	"televis", "dyspepsi", "pepsin", "revolution", "atwitter", "gazelle", "rozelle", "floreal",
	"nestled", "nestling",
}

// brandKey is a brand as it appears in a flattened label.
type brandKey struct {
	key    string
	common bool
}

var brandKeys = func() []brandKey {
	var out []brandKey
	for _, b := range brands {
		out = append(out, brandKey{key: strings.ReplaceAll(b.name, " ", ""), common: b.common})
	}
	return out
}()

var cueSet = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range brandCues {
		m[c] = true
	}
	return m
}()

// brandIn reports the brand a flattened label imitates, and how.
func brandIn(flat string) (string, string, bool) {
	for _, r := range nameReadings(flat) {
		for _, b := range brandKeys {
			if r == b.key {
				return b.key, "exact", true
			}
			if !b.common && len(b.key) >= 5 && containsUncovered(r, b.key, brandInnocent) {
				return b.key, "contains", true
			}
			// Common-word brands take only strong cues on either side
			// ("signalapp", not "signalnews"); other brands any cue after.
			after := cueSet
			if b.common {
				after = strongCues
			}
			if i := strings.Index(r, b.key); i >= 0 && onlyCuesIn(r[:i], strongCues) && onlyCuesIn(r[i+len(b.key):], after) {
				return b.key, "brand with cue words", true
			}
		}
		for _, core := range cores(r) {
			if brandNearWords[core] {
				continue
			}
			for _, b := range brandKeys {
				if b.common || len(b.key) < 5 {
					continue
				}
				maxd := 1
				if len(b.key) >= 9 {
					maxd = 2
				}
				if core == b.key {
					return b.key, "exact", true
				}
				if abs(len(core)-len(b.key)) <= maxd && osaDistance(core, b.key, maxd) <= maxd {
					return b.key, "typo", true
				}
				if len(core) == len(b.key) && vowelFold(core) == vowelFold(b.key) {
					return b.key, "vowel swap", true
				}
			}
		}
	}
	return "", "", false
}

// onlyCuesIn reports whether s is empty or a concatenation of words of set.
func onlyCuesIn(s string, set map[string]bool) bool {
	return prefixSegmentable(s, set)[len(s)]
}

// maxCueLen bounds the cue words tried at each position.
const maxCueLen = 16

// prefixSegmentable returns ok where ok[i] reports whether s[:i] is a
// concatenation of words of set (ok[0] is true). Dynamic programming,
// O(len(s) * maxCueLen).
func prefixSegmentable(s string, set map[string]bool) []bool {
	ok := make([]bool, len(s)+1)
	ok[0] = true
	for i := 1; i <= len(s); i++ {
		for k := 1; k <= maxCueLen && k <= i; k++ {
			if ok[i-k] && set[s[i-k:i]] {
				ok[i] = true
				break
			}
		}
	}
	return ok
}

// suffixSegmentable returns ok where ok[i] reports whether s[i:] is a
// concatenation of words of set (ok[len(s)] is true).
func suffixSegmentable(s string, set map[string]bool) []bool {
	ok := make([]bool, len(s)+1)
	ok[len(s)] = true
	for i := len(s) - 1; i >= 0; i-- {
		for k := 1; k <= maxCueLen && i+k <= len(s); k++ {
			if ok[i+k] && set[s[i:i+k]] {
				ok[i] = true
				break
			}
		}
	}
	return ok
}

// maxCoreLen: cores longer than the longest brand plus the largest
// distance cannot match and are not produced.
var maxCoreLen = func() int {
	n := 0
	for _, b := range brandKeys {
		n = max(n, len(b.key))
	}
	return n + 2
}()

// cores returns s and s with strong cue words stripped from either end,
// keeping only those short enough to be compared with a brand.
func cores(s string) []string {
	pre := prefixSegmentable(s, strongCues)
	suf := suffixSegmentable(s, strongCues)
	var out []string
	for i := 0; i < len(s); i++ {
		if !pre[i] {
			continue
		}
		for j := min(len(s), i+maxCoreLen); j > i; j-- {
			if suf[j] {
				out = append(out, s[i:j])
			}
		}
	}
	return dedupe(out)
}

func vowelFold(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case 'a', 'e', 'i', 'o', 'u', 'y':
			return 'a'
		}
		return r
	}, s)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// osaDistance is the optimal-string-alignment Damerau-Levenshtein distance
// between a and b (insertions, deletions, substitutions and transpositions
// of adjacent letters), on bytes (labels are ASCII by now). It stops early
// and returns max+1 once the distance must exceed max.
func osaDistance(a, b string, max int) int {
	n, m := len(a), len(b)
	prev2 := make([]int, m+1)
	prev := make([]int, m+1)
	cur := make([]int, m+1)
	for j := 0; j <= m; j++ {
		prev[j] = j
	}
	for i := 1; i <= n; i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= m; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			best = min(best, v)
		}
		if best > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[m]
}

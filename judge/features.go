package judge

import (
	"math"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"domaingen/domain"
	"domaingen/wordnet"
)

// Features are deterministic properties of a domain name for a
// description: what a person notices first (validity, length, hyphens,
// digits, how it sounds, whether it is made of words, whether it says what
// the business does, whether it borrows a famous brand).
type Features struct {
	// Valid: domain.Validate accepts the name under any TLD it knows.
	Valid bool `json:"valid"`
	// Length in characters of the second-level label; Hyphens and Digits in it.
	Length  int `json:"length"`
	Hyphens int `json:"hyphens"`
	Digits  int `json:"digits"`
	// VowelRatio and LongestConsonantRun as in domain.Features.
	VowelRatio          float64 `json:"vowel_ratio"`
	LongestConsonantRun int     `json:"consonant_run"`
	// Pronounceability: mean log2-probability per letter under the
	// lexicon's trigram model (Lexicon.Pronounceability); -8 when the
	// label has no a-z letters (other scripts).
	Pronounceability float64 `json:"pronounceability"`
	// Coverage: fraction of the label's letters inside dictionary words;
	// Words: pieces of the best segmentation (words and uncovered runs).
	Coverage float64 `json:"coverage"`
	Words    int     `json:"words"`
	// KeywordHits: description keywords (or their 4+ letter stems) found in
	// the label; KeywordCoverage: fraction of the label's letters they cover.
	KeywordHits     int     `json:"keyword_hits"`
	KeywordCoverage float64 `json:"keyword_coverage"`
	// SynonymHits: description keywords not found in the label for which
	// a WordNet-related word (synonym or hypernym of 4+ letters, see
	// wordnet.Related) is found instead: "bakeshop" for a bakery. Zero
	// without Featurizer.Syn. An evaluation relevance proxy only: the
	// calibrated judge's model does not read it.
	SynonymHits int `json:"synonym_hits"`
	// Brand: the label contains a famous brand name (see brands).
	Brand bool `json:"brand"`
	// ComTLD: the suffix is .com, the default people type.
	ComTLD bool `json:"com"`
	// ASCII: the label is plain ASCII (not an IDN).
	ASCII bool `json:"ascii"`
}

// Featurizer computes Features with a Lexicon and, optionally, WordNet.
type Featurizer struct {
	Lex *Lexicon
	// Syn supplies the related words SynonymHits looks for; nil leaves
	// SynonymHits zero.
	Syn *wordnet.WordNet
}

// FeaturesOf computes the features of name for description.
func (fz Featurizer) FeaturesOf(description, name string) Features {
	df := domain.FeaturesOf(name)
	f := Features{
		Valid:               domain.Validate(name, domain.Options{TLDs: allTLDs}) == nil,
		Length:              df.Length,
		Hyphens:             df.Hyphens,
		Digits:              df.Digits,
		VowelRatio:          df.VowelRatio,
		LongestConsonantRun: df.LongestConsonantRun,
		ComTLD:              df.TLD == "com",
		ASCII:               !df.IDN && isASCII(df.SLDUnicode),
	}
	label := strings.ToLower(df.SLDUnicode)
	f.Pronounceability = fz.Lex.Pronounceability(label)
	if math.IsNaN(f.Pronounceability) {
		f.Pronounceability = -8
	}
	words, cov := fz.Lex.Segment(label)
	f.Coverage, f.Words = cov, len(words)
	letters := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' {
			return r
		}
		return -1
	}, label)
	covered := make([]bool, len(letters))
	for _, k := range Keywords(description) {
		stem := k
		if len(k) > 5 {
			stem = k[:max(4, len(k)-3)]
		}
		i := strings.Index(letters, stem)
		if i < 0 {
			if fz.hasRelated(letters, k) {
				f.SynonymHits++
			}
			continue
		}
		f.KeywordHits++
		for j := i; j < i+len(stem); j++ {
			covered[j] = true
		}
	}
	if len(letters) > 0 {
		n := 0
		for _, c := range covered {
			if c {
				n++
			}
		}
		f.KeywordCoverage = float64(n) / float64(len(letters))
	}
	f.Brand = fz.hasBrand(label, words)
	return f
}

// minRelated is the shortest related word SynonymHits counts: a 3-letter
// word hides inside too many labels by chance ("tea" in "steady").
const minRelated = 4

// hasRelated reports whether letters contain a word WordNet relates to
// keyword (nil Syn: never).
func (fz Featurizer) hasRelated(letters, keyword string) bool {
	if fz.Syn == nil {
		return false
	}
	for _, r := range fz.Syn.Related(keyword) {
		if len(r) >= minRelated && strings.Contains(letters, r) {
			return true
		}
	}
	return false
}

// hasBrand reports whether label uses a famous brand. A brand that is also
// an English word ("target", "dove") or has at most 3 letters ("ups")
// counts only as a whole hyphen-separated part, a segmented word, or the
// start of the label, so "affordable" does not match "ford" and "cups"
// does not match "ups"; other brands match anywhere ("panerabakehouse").
func (fz Featurizer) hasBrand(label string, segWords []string) bool {
	parts := strings.FieldsFunc(label, func(r rune) bool { return r < 'a' || r > 'z' })
	joined := strings.Join(parts, "")
	for _, b := range brands {
		if !strings.Contains(joined, b) {
			continue
		}
		if len(b) > 3 && !fz.Lex.Contains(b) {
			return true
		}
		if strings.HasPrefix(joined, b) && len(b) > 3 {
			return true
		}
		for _, w := range append(parts, segWords...) {
			if w == b {
				return true
			}
		}
	}
	return false
}

// allTLDs lets validity ignore the product's TLD allow-list: the gold
// rates .fm or .pt names on their own merits.
var allTLDs = []string{"com", "net", "org", "io", "co", "ai", "app", "dev", "fm", "pt", "es", "fr", "de", "jp", "co.uk", "uk", "xyz", "shop", "store", "biz", "info", "us", "ca", "me", "tv", "it", "nl", "eu", "ch", "at", "be", "au", "com.au", "in", "cn", "mx", "br", "com.br"}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// stopwords are left out of a description's keywords.
var stopwords = toSet(`a an and are as at be best by for from has have i in into is it its my of on or our that the their them they this to we with you your
	us very also just more most some any all new near shop store company business service services based local small offering offers provide provides selling sells
	who which where what when while like want need name names domain domains please suggest looking something help make makes made run runs
	el la los las de del y en con para por un una le les des et du au aux pour sur der die das und mit für ein eine il lo gli per che o do da em com`)

// Keywords returns the description's distinct words of 3 or more letters
// (accents stripped, lower-cased) that are not stopwords, in order.
func Keywords(description string) []string {
	strip := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	plain, _, err := transform.String(strip, strings.ToLower(description))
	if err != nil {
		plain = strings.ToLower(description)
	}
	seen := map[string]bool{}
	var out []string
	for _, w := range strings.FieldsFunc(plain, func(r rune) bool { return r < 'a' || r > 'z' }) {
		if len(w) < 3 || stopwords[w] || seen[w] {
			continue
		}
		seen[w] = true
		out = append(out, w)
	}
	return out
}

// brands are famous marks whose use in a name invites a trademark dispute.
// A general list of widely known consumer brands and institutions (global
// brand rankings, big retailers and chains, platforms), lower-case, no
// spaces; it is a feature, not a blocklist.
var brands = strings.Fields(`google apple amazon microsoft facebook instagram whatsapp youtube tiktok twitter netflix spotify
	airbnb uber lyft paypal visa mastercard amex chase citibank hsbc barclays wellsfargo goldmansachs mckinsey deloitte accenture
	cocacola pepsi nike adidas puma reebok gucci prada hermes chanel louisvuitton rolex tiffany cartier dior versace patagonia northface
	ikea walmart target costco homedepot lowes bestbuy kmart tesco carrefour aldi lidl wholefoods traderjoes sephora ulta
	starbucks mcdonalds burgerking kfc subway dominos pizzahut tacobell chipotle panera dunkin wendys ichiran nandos
	marriott hilton hyatt sheraton expedia booking tripadvisor disney pixar marvel lego mattel hasbro nintendo playstation xbox
	samsung sony intel nvidia oracle ibm cisco adobe salesforce shopify etsy ebay alibaba zillow vistaprint canva slack zoom
	toyota honda ford tesla bmw mercedes porsche ferrari audi volkswagen harley redbull nestle purina pedigree kelloggs heinz
	loreal loccitane nivea dove olay devacurl gillette colgate pampers huggies kindercare petsmart petco walgreens cvs
	bbc cnn nytimes fedex ups dhl usps uscis codecademy coursera udemy duolingo datadog github gitlab dropbox acorns robinhood`)

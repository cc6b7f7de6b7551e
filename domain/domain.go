// Package domain holds the rules for a registrable domain name: the kind of
// name the product may suggest for a business description.
//
// [Normalize] turns user or model output such as " Café.COM. " into the
// canonical ASCII (A-label) form "xn--caf-dma.com", applying the UTS #46
// mapping (lower-casing, NFC, width folding) and the strict IDNA2008 checks of
// golang.org/x/net/idna.
//
// [Validate] goes further and accepts only names that can actually be
// registered: exactly one label under an ICANN public suffix (an "eTLD+1"),
// not a special-use name, no mixed-script labels, and a suffix from an
// allow-list ([DefaultTLDs] unless [Options] say otherwise).
//
// [FeaturesOf] extracts cheap lexical features of a name for ranking.
//
// In this package "TLD" means the ICANN public suffix of a name: "com" for
// "shop.com", but "co.uk" for "shop.co.uk". Allow-lists hold such suffixes.
//
// All errors are [*Error] values wrapping one of the Err* sentinels (for
// example [ErrHyphen]); test them with errors.Is.
package domain

import (
	"fmt"
	"net"
	"strings"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

// Length limits of a domain name in its ASCII form (RFC 1035, RFC 5890).
const (
	// MaxNameLength is the longest name, in octets, without the root dot.
	MaxNameLength = 253
	// MaxLabelLength is the longest label, in octets.
	MaxLabelLength = 63
)

// maxInputLength bounds the raw input Normalize will look at. No valid name
// comes near it even in its Unicode form; it keeps work on junk input small.
const maxInputLength = 1024

// acePrefix marks an A-label, an IDNA label in its Punycode form.
const acePrefix = "xn--"

var (
	// profile is the strict conversion profile: UTS #46 mapping for lookup,
	// non-transitional (ß stays ß), STD3 ASCII rules (letters, digits and
	// hyphen only), label validation (hyphens, joiners, combining marks,
	// NFC), the Bidi rule and the DNS length limits.
	profile = idna.New(
		idna.MapForLookup(),
		idna.Transitional(false),
		idna.BidiRule(),
		idna.ValidateLabels(true),
		idna.StrictDomainName(true),
		idna.VerifyDNSLength(true),
	)

	// mapper applies only the UTS #46 mapping and rejects disallowed code
	// points, without validating labels. It serves to diagnose failures of
	// profile and to see what a label maps to.
	mapper = idna.New(
		idna.MapForLookup(),
		idna.Transitional(false),
		idna.ValidateLabels(false),
	)
)

// Options configure [Validate]. The zero value is ready to use and applies
// the default allow-list.
type Options struct {
	// TLDs is the allow-list of public suffixes, such as "com" or "co.uk".
	// If it is empty, DefaultTLDs is used. Entries should be in the form
	// returned by ParseTLDs; other spellings (".COM", "рф") are normalised
	// on the fly, and entries that are not valid ICANN public suffixes never
	// match anything, because Validate checks the suffix independently.
	TLDs []string
}

// Normalize returns the canonical ASCII form of name: surrounding white
// space and one trailing dot removed, mapped per UTS #46 (lower-case, NFC,
// full-width folded), and each internationalised label converted to its
// A-label ("café" becomes "xn--caf-dma").
//
// The conversion is strict: every label must be 1–63 octets of letters,
// digits and hyphens in ASCII form, must not start or end with a hyphen,
// may have "--" in positions 3–4 only as a valid "xn--" A-label that
// decodes to a non-ASCII U-label and re-encodes to itself, and must satisfy
// IDNA2008 (no emoji or symbols, Bidi and joiner rules). The whole name must
// be at most 253 octets.
//
// Normalize says nothing about whether the name can be registered; use
// [Validate] for that. The result is idempotent: Normalize of a result
// returns it unchanged.
func Normalize(name string) (string, error) {
	s := strings.TrimSpace(name)
	if s == "" || s == "." {
		return "", newError(name, "", ErrEmpty, nil, "name is empty")
	}
	if len(s) > maxInputLength {
		return "", newError(name, "", ErrTooLong, nil,
			"input is %d bytes, far beyond the %d-octet limit", len(s), MaxNameLength)
	}
	labels := splitLabels(s)
	for _, l := range labels {
		if err := precheckLabel(name, l); err != nil {
			return "", err
		}
	}
	a, err := profile.ToASCII(s)
	if err != nil {
		return "", diagnose(name, labels, err)
	}
	a = strings.TrimSuffix(a, ".")
	if err := checkASCIIName(name, a); err != nil {
		return "", err
	}
	return a, nil
}

// Validate reports whether name is a domain name the product may suggest.
// It returns nil if name, after [Normalize], is
//
//   - not a special-use or reserved name (see [ErrSpecialUse]),
//   - not an IP address,
//   - exactly one label plus its ICANN public suffix (an eTLD+1; names
//     under private suffixes such as "blogspot.com" are subdomains and are
//     rejected, while "blogspot.com" itself is a .com name),
//   - free of labels that mix scripts (see [ErrMixedScript]), and
//   - under a public suffix in the allow-list opts.TLDs (default
//     [DefaultTLDs]).
//
// Otherwise it returns an [*Error] wrapping the matching Err* sentinel.
// Upper case, Unicode labels and a trailing dot are accepted, because
// Validate normalises first.
func Validate(name string, opts Options) error {
	a, err := Normalize(name)
	if err != nil {
		return err
	}
	return validateNormalized(name, a, opts)
}

// validateNormalized applies the registrability rules to a, the output of
// Normalize for name.
func validateNormalized(name, a string, opts Options) error {
	if special, ref, ok := specialUse(a); ok {
		return newError(name, "", ErrSpecialUse, nil,
			"%q is reserved (%s)", special, ref)
	}
	if net.ParseIP(a) != nil {
		return newError(name, "", ErrIPAddress, nil, "%q is an IP address", a)
	}
	labels := strings.Split(a, ".")
	if len(labels) < 2 {
		return newError(name, a, ErrTooFewLabels, nil,
			"a registrable name needs a label and a public suffix")
	}
	suffix, ok := icannSuffix(a)
	if !ok {
		return newError(name, labels[len(labels)-1], ErrSuffix, nil,
			"not an ICANN top-level domain")
	}
	if a == suffix {
		return newError(name, "", ErrNotRegistrable, nil,
			"%q is itself a public suffix", a)
	}
	if n := strings.Count(suffix, ".") + 2; len(labels) > n {
		reg := strings.Join(labels[len(labels)-n:], ".")
		reason := fmt.Sprintf("is a subdomain of %q", reg)
		if ps, icann := publicsuffix.PublicSuffix(a); !icann {
			reason += fmt.Sprintf(" (%q is a private suffix, not an ICANN one)", ps)
		}
		return newError(name, "", ErrNotRegistrable, nil, "%s", reason)
	}
	for _, l := range labels {
		if err := checkScripts(name, l); err != nil {
			return err
		}
	}
	if !tldAllowed(suffix, opts.TLDs) {
		return newError(name, "", ErrTLDNotAllowed, nil,
			"public suffix %q is not in the allow-list", suffix)
	}
	return nil
}

// Split returns the label just left of the ICANN public suffix of name (the
// second-level label, "sld") and that suffix ("tld"). For "shop.co.uk" it
// returns "shop" and "co.uk". It does no validation and expects a
// normalised name, though it lower-cases and drops one trailing dot. If the
// name has no ICANN suffix, tld is its last label; if the name is a suffix
// itself, sld is empty.
func Split(name string) (sld, tld string) {
	s := strings.ToLower(strings.TrimSuffix(strings.TrimSpace(name), "."))
	suffix, ok := icannSuffix(s)
	if !ok {
		suffix = s[strings.LastIndexByte(s, '.')+1:]
	}
	if len(s) <= len(suffix) {
		return "", suffix
	}
	rest := strings.TrimSuffix(s[:len(s)-len(suffix)], ".")
	return rest[strings.LastIndexByte(rest, '.')+1:], suffix
}

// icannSuffix returns the longest ICANN public suffix of the ASCII name a,
// ignoring private suffixes such as "blogspot.com". ok is false if a does
// not end in a known ICANN suffix.
func icannSuffix(a string) (suffix string, ok bool) {
	s := a
	for s != "" {
		ps, icann := publicsuffix.PublicSuffix(s)
		if icann {
			return ps, true
		}
		// ps is a private suffix or the default rule; any ICANN suffix of a
		// is a proper suffix of ps.
		i := strings.IndexByte(ps, '.')
		if i < 0 {
			return "", false
		}
		s = ps[i+1:]
	}
	return "", false
}

// dotReplacer turns the full stops that UTS #46 maps to "." into ".".
var dotReplacer = strings.NewReplacer("\u3002", ".", "\uff0e", ".", "\uff61", ".")

// splitLabels splits s at the dots UTS #46 recognises (".", "。", "．",
// "｡") and drops one empty trailing label (the root).
func splitLabels(s string) []string {
	labels := strings.Split(dotReplacer.Replace(s), ".")
	if n := len(labels); n > 1 && labels[n-1] == "" {
		labels = labels[:n-1]
	}
	return labels
}

// precheckLabel runs the ASCII label rules on a raw label before the IDNA
// conversion, so that common mistakes get a precise sentinel. A non-ASCII
// label is first mapped (without decoding A-labels); if that yields ASCII,
// for example full-width letters or an "xn--" label, the same rules apply.
// That also stops an "xn--" label that decodes to ASCII from slipping
// through as a different name.
func precheckLabel(name, l string) error {
	if isASCII(l) {
		return checkLDHLabel(name, strings.ToLower(l))
	}
	m, ok := mapLabel(l)
	if ok && isASCII(m) {
		return checkLDHLabel(name, m)
	}
	return nil
}

// mapLabel applies the UTS #46 mapping to one label without decoding it if
// it maps to an "xn--" label. ok is false if the label holds a disallowed
// code point or maps to more than one label.
func mapLabel(l string) (mapped string, ok bool) {
	// A leading digit keeps the mapper from treating the label as an
	// A-label; no digit composes with a following character under NFC.
	m, err := mapper.ToUnicode("0" + l)
	if err != nil || !strings.HasPrefix(m, "0") || strings.Contains(m, ".") {
		return "", false
	}
	return m[1:], true
}

// diagnose explains why profile rejected the name with the given labels,
// whose ASCII labels already passed precheckLabel.
func diagnose(name string, labels []string, cause error) error {
	total := -1 // no dot before the first label
	for _, l := range labels {
		if isASCII(l) {
			total += len(l) + 1
			continue
		}
		for _, r := range l {
			if _, err := mapper.ToASCII(string(r)); err != nil {
				return newError(name, l, ErrBadChar, err,
					"contains disallowed character %q (%U)", r, r)
			}
		}
		m, ok := mapLabel(l)
		if ok {
			switch {
			case m == "":
				return newError(name, l, ErrLabelLength, nil, "label is empty after mapping")
			case strings.HasPrefix(m, acePrefix):
				return newError(name, l, ErrALabel, nil, "A-label contains non-ASCII characters")
			case m[0] == '-' || m[len(m)-1] == '-':
				return newError(name, l, ErrHyphen, nil, "label starts or ends with a hyphen")
			case len(m) >= 4 && m[2:4] == "--":
				return newError(name, l, ErrHyphen, nil,
					"hyphens in the 3rd and 4th positions are reserved for A-labels")
			}
			if a, err := mapper.ToASCII(m); err == nil {
				if len(a) > MaxLabelLength {
					return newError(name, l, ErrLabelLength, nil,
						"A-label %q is %d octets, more than %d", a, len(a), MaxLabelLength)
				}
				total += len(a) + 1
			}
		}
		if _, err := profile.ToASCII(l); err != nil {
			return newError(name, l, ErrIDNA, err,
				"label breaks IDNA rules (Bidi, joiner, combining-mark or normalisation rules)")
		}
	}
	if total > MaxNameLength {
		return newError(name, "", ErrTooLong, nil,
			"name is %d octets in ASCII form, more than %d", total, MaxNameLength)
	}
	return newError(name, "", ErrIDNA, cause, "name breaks IDNA rules, e.g. the Bidi rule across labels")
}

// checkASCIIName checks the final ASCII form a of name: every label obeys
// checkLDHLabel and the whole is at most MaxNameLength octets.
func checkASCIIName(name, a string) error {
	if a == "" {
		return newError(name, "", ErrEmpty, nil, "name is empty after mapping")
	}
	for _, l := range strings.Split(a, ".") {
		if err := checkLDHLabel(name, l); err != nil {
			return err
		}
	}
	if len(a) > MaxNameLength {
		return newError(name, "", ErrTooLong, nil,
			"name is %d octets in ASCII form, more than %d", len(a), MaxNameLength)
	}
	return nil
}

// checkLDHLabel checks a lower-case ASCII label against the
// letters-digits-hyphen rules, verifying "xn--" labels with checkALabel.
func checkLDHLabel(name, l string) error {
	if l == "" {
		return newError(name, "", ErrLabelLength, nil,
			"empty label (leading, doubled or extra trailing dot)")
	}
	for i := 0; i < len(l); i++ {
		if c := l[i]; !isLDH(c) {
			return newError(name, l, ErrBadChar, nil,
				"contains %q; only letters, digits and hyphens are allowed", c)
		}
	}
	if len(l) > MaxLabelLength {
		return newError(name, l, ErrLabelLength, nil,
			"label is %d octets, more than %d", len(l), MaxLabelLength)
	}
	if l[0] == '-' || l[len(l)-1] == '-' {
		return newError(name, l, ErrHyphen, nil, "label starts or ends with a hyphen")
	}
	if len(l) >= 4 && l[2:4] == "--" {
		if strings.HasPrefix(l, acePrefix) {
			return checkALabel(name, l)
		}
		return newError(name, l, ErrHyphen, nil,
			"hyphens in the 3rd and 4th positions are reserved for A-labels (xn--)")
	}
	return nil
}

// checkALabel checks that the lower-case "xn--" label l is valid Punycode,
// decodes to a non-ASCII U-label of IDNA2008 characters, and is the
// canonical encoding of that U-label.
func checkALabel(name, l string) error {
	u, err := idna.Punycode.ToUnicode(l)
	if err != nil {
		return newError(name, l, ErrALabel, err, "not valid Punycode")
	}
	if isASCII(u) {
		return newError(name, l, ErrALabel, nil, "decodes to the ASCII string %q", u)
	}
	back, err := profile.ToASCII(u)
	if err != nil {
		return newError(name, l, ErrALabel, err, "decodes to %q, which is not a valid U-label", u)
	}
	for _, r := range u {
		if !idna2008Rune(r) {
			return newError(name, l, ErrBadChar, nil,
				"decodes to %q, which contains disallowed character %q (%U)", u, r, r)
		}
	}
	if back != l {
		return newError(name, l, ErrALabel, nil,
			"not the canonical encoding of %q (that is %q)", u, back)
	}
	return nil
}

// idna2008Rune approximates the IDNA2008 PVALID property (RFC 5892) for a
// code point of a mapped U-label: letters, combining marks, decimal digits,
// the hyphen and the joiners (whose context profile checks). Emoji, symbols
// and punctuation, which the UTS #46 tables let through, are rejected, as
// are the rare CONTEXTO characters such as U+00B7 MIDDLE DOT.
func idna2008Rune(r rune) bool {
	switch {
	case r < 0x80:
		return isLDH(byte(r))
	case r == '\u200c', r == '\u200d':
		return true
	}
	return isLetterMarkDigit(r)
}

// isLDH reports whether c is a lower-case letter, a digit or a hyphen.
func isLDH(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-'
}

// isASCII reports whether s holds only ASCII bytes.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

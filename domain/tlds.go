package domain

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/net/publicsuffix"
)

// defaultTLDs is the curated allow-list behind DefaultTLDs: common,
// generally available ICANN TLDs that suit business names.
var defaultTLDs = []string{
	"com", "net", "org", "io", "ai", "co", "app", "dev", "xyz",
	"shop", "store", "tech", "studio", "design", "cafe", "health",
	"online", "site", "me", "us", "info", "biz", "cloud", "blog",
	"agency", "life", "world", "space", "club",
}

// defaultTLDSet indexes defaultTLDs.
var defaultTLDSet = func() map[string]struct{} {
	m := make(map[string]struct{}, len(defaultTLDs))
	for _, t := range defaultTLDs {
		m[t] = struct{}{}
	}
	return m
}()

// DefaultTLDs returns the default allow-list of public suffixes used by
// [Validate] when [Options].TLDs is empty: about thirty common ICANN TLDs
// ("com", "io", "ai", "co", "app", "dev", "shop", "cafe", ...), in
// canonical form. The result is a fresh copy the caller may modify.
func DefaultTLDs() []string {
	return slices.Clone(defaultTLDs)
}

// specialUseTLDs are top-level names that are never registrable, with the
// document that reserves them.
var specialUseTLDs = map[string]string{
	"test":      "RFC 6761",
	"example":   "RFC 6761",
	"invalid":   "RFC 6761",
	"localhost": "RFC 6761",
	"local":     "RFC 6762, multicast DNS",
	"onion":     "RFC 7686, Tor",
	"alt":       "RFC 9476",
	"internal":  "ICANN, reserved for private use",
	"arpa":      "RFC 3172, infrastructure",
}

// specialUseDomains are second-level names that are reserved for
// documentation in every suffix list.
var specialUseDomains = map[string]string{
	"example.com": "RFC 2606",
	"example.net": "RFC 2606",
	"example.org": "RFC 2606",
}

// specialUse reports whether the normalised name a is, or lies under, a
// special-use name, returning that name and its reference.
func specialUse(a string) (special, ref string, ok bool) {
	tld := a[strings.LastIndexByte(a, '.')+1:]
	if ref, ok := specialUseTLDs[tld]; ok {
		return tld, ref, true
	}
	for d, ref := range specialUseDomains {
		if a == d || strings.HasSuffix(a, "."+d) {
			return d, ref, true
		}
	}
	return "", "", false
}

// ParseTLDs validates and normalises an allow-list of public suffixes for
// [Options].TLDs. Each entry may have surrounding space, a leading or
// trailing dot, upper case or Unicode: " .COM", "рф" and "co.uk." become
// "com", "xn--p1ai" and "co.uk". Each must be exactly an ICANN public
// suffix and not special-use, so "notatld", "test" and the private suffix
// "blogspot.com" are rejected. Duplicates are dropped, keeping the first.
// An empty list is an error ([ErrEmpty]), since it would allow nothing.
func ParseTLDs(list []string) ([]string, error) {
	if len(list) == 0 {
		return nil, newError("", "", ErrEmpty, nil, "TLD list is empty")
	}
	out := make([]string, 0, len(list))
	for i, entry := range list {
		t, err := parseTLD(entry)
		if err != nil {
			var de *Error
			if errors.As(err, &de) {
				de.Reason = fmt.Sprintf("TLD list entry %d: %s", i, de.Reason)
			}
			return nil, err
		}
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out, nil
}

// parseTLD normalises one allow-list entry and checks that it is an ICANN
// public suffix that is not special-use.
func parseTLD(entry string) (string, error) {
	t, err := normalizeTLD(entry)
	if err != nil {
		return "", err
	}
	if special, ref, ok := specialUse(t); ok {
		return "", newError(entry, "", ErrSpecialUse, nil, "%q is reserved (%s)", special, ref)
	}
	if ps, icann := publicsuffix.PublicSuffix(t); ps != t || !icann {
		return "", newError(entry, "", ErrSuffix, nil, "%q is not an ICANN public suffix", t)
	}
	return t, nil
}

// normalizeTLD strips space and one leading dot from entry and normalises
// the rest with Normalize.
func normalizeTLD(entry string) (string, error) {
	s := strings.TrimPrefix(strings.TrimSpace(entry), ".")
	if s == "" {
		return "", newError(entry, "", ErrEmpty, nil, "TLD is empty")
	}
	t, err := Normalize(s)
	if err != nil {
		var de *Error
		if errors.As(err, &de) {
			de.Name = entry
		}
		return "", err
	}
	return t, nil
}

// tldAllowed reports whether suffix, an ICANN public suffix in canonical
// form, is in the allow-list (DefaultTLDs if list is empty). Entries that are
// not in canonical form are normalised before comparing.
func tldAllowed(suffix string, list []string) bool {
	if len(list) == 0 {
		_, ok := defaultTLDSet[suffix]
		return ok
	}
	for _, e := range list {
		if e == suffix {
			return true
		}
		if canonicalTLD(e) {
			continue
		}
		if t, err := normalizeTLD(e); err == nil && t == suffix {
			return true
		}
	}
	return false
}

// canonicalTLD reports whether e is already lower-case LDH ASCII with
// inner dots only, so that normalising it could not change it except by
// rejecting it.
func canonicalTLD(e string) bool {
	if e == "" || e[0] == '.' || e[len(e)-1] == '.' {
		return false
	}
	for i := 0; i < len(e); i++ {
		if c := e[i]; !isLDH(c) && c != '.' {
			return false
		}
	}
	return true
}

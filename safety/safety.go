// Package safety decides whether a business description may be turned into
// domain names (Check), and whether a generated name may be shown (CheckName).
//
// It is pure Go, deterministic and offline: a normaliser (Normalize) undoes
// the usual disguises (case, accents, homoglyphs, leetspeak, spacing tricks,
// invisible characters), lexicons of terms and phrases per category are
// matched on word boundaries, co-occurrence rules combine weak terms
// ("sell" + "stolen" + "card"), and allow-context rules neutralise a term
// used innocently ("breast" near "cancer", "kill" near "pests").
// See docs/safety.md for the design, the categories and measured numbers.
package safety

// PolicyVersion identifies the rule set; it changes whenever the lexicons
// or rules change, so logs and reports can say which policy decided.
const PolicyVersion = "2026.11.1"

// Verdict is the decision of Check or CheckName.
type Verdict struct {
	// Blocked is true when the input must be refused.
	Blocked bool `json:"blocked"`
	// Category is the category id of a blocked input ("adult_sexual",
	// "brand_lookalike", ...); empty when not blocked.
	Category string `json:"category,omitempty"`
	// Reason is a short English explanation, safe to log.
	Reason string `json:"reason,omitempty"`
	// Matched names the rule and the words that fired, for logs and
	// reports; it must never be shown to end users.
	Matched string `json:"matched,omitempty"`
}

// Check applies the input policy to a business description.
func Check(description string) Verdict {
	return policy().check(description)
}

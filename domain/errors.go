package domain

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors reported by [Normalize], [Validate] and [ParseTLDs].
// The errors actually returned are [*Error] values that wrap exactly one of
// these, so callers test for a class of failure with errors.Is.
var (
	// ErrEmpty: the name (or a TLD list) is empty, blank or just ".".
	ErrEmpty = errors.New("empty name")
	// ErrTooLong: the name exceeds 253 characters in A-label form.
	ErrTooLong = errors.New("name too long")
	// ErrLabelLength: a label is empty or longer than 63 characters in
	// A-label form.
	ErrLabelLength = errors.New("label length out of range")
	// ErrBadChar: a character outside letters, digits and hyphen (in ASCII
	// form), or a code point that IDNA2008 does not allow (emoji, symbols,
	// punctuation, unassigned code points).
	ErrBadChar = errors.New("invalid character")
	// ErrHyphen: a label starts or ends with a hyphen, or has "--" in its
	// third and fourth positions without being an "xn--" A-label.
	ErrHyphen = errors.New("invalid hyphen placement")
	// ErrALabel: an "xn--" label is not valid Punycode, decodes to plain
	// ASCII, or is not the canonical encoding of a valid U-label.
	ErrALabel = errors.New("invalid A-label")
	// ErrIDNA: an internationalised label breaks another IDNA rule, such as
	// the Bidi rule (RFC 5893), the joiner rules (RFC 5892 Appendix A) or a
	// leading combining mark.
	ErrIDNA = errors.New("IDNA rule violated")
	// ErrTooFewLabels: the name has a single label, so it cannot be
	// registered.
	ErrTooFewLabels = errors.New("too few labels")
	// ErrIPAddress: the name is an IP address literal.
	ErrIPAddress = errors.New("IP address, not a domain name")
	// ErrSuffix: the name does not end in an ICANN public suffix (for
	// example an unknown TLD), or a TLD list entry is not one.
	ErrSuffix = errors.New("not an ICANN public suffix")
	// ErrNotRegistrable: the name is not exactly one label plus its ICANN
	// public suffix (it is a suffix itself or a subdomain).
	ErrNotRegistrable = errors.New("not a registrable domain")
	// ErrSpecialUse: the name is, or is under, a special-use or reserved
	// name such as "localhost", ".test", ".onion" or "example.com".
	ErrSpecialUse = errors.New("special-use domain name")
	// ErrTLDNotAllowed: the public suffix is valid but not in the allow-list.
	ErrTLDNotAllowed = errors.New("TLD not allowed")
	// ErrMixedScript: a label mixes letters of incompatible scripts, such
	// as Latin and Cyrillic (a common homograph attack).
	ErrMixedScript = errors.New("mixed scripts in label")
)

// maxErrorName bounds how much of a caller's input is quoted in an error
// message, so that a huge input does not produce a huge message.
const maxErrorName = 100

// Error describes why a name was rejected. It wraps one of the Err*
// sentinels (Err) and, where there is one, the underlying cause (Cause, for
// example an error from golang.org/x/net/idna); both are visible to
// errors.Is and errors.As.
type Error struct {
	// Name is the name as the caller passed it.
	Name string
	// Label is the offending label, when the problem lies in one label.
	Label string
	// Reason explains the problem in words.
	Reason string
	// Err is the sentinel that classifies the problem, e.g. ErrHyphen.
	Err error
	// Cause is the underlying error, if any; it may be nil.
	Cause error
}

// Error formats the error as `domain: "NAME": label "LABEL": REASON: CAUSE`,
// leaving out the parts that are empty.
func (e *Error) Error() string {
	var b strings.Builder
	name := e.Name
	if len(name) > maxErrorName {
		name = name[:maxErrorName] + "..."
	}
	fmt.Fprintf(&b, "domain: %q", name)
	if e.Label != "" {
		fmt.Fprintf(&b, ": label %q", e.Label)
	}
	b.WriteString(": ")
	if e.Reason != "" {
		b.WriteString(e.Reason)
	} else if e.Err != nil {
		b.WriteString(e.Err.Error())
	}
	if e.Cause != nil {
		b.WriteString(": ")
		b.WriteString(e.Cause.Error())
	}
	return b.String()
}

// Unwrap returns the sentinel and, if set, the cause.
func (e *Error) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.Err}
	}
	return []error{e.Err, e.Cause}
}

// newError builds an *Error; format and args describe the reason.
func newError(name, label string, sentinel, cause error, format string, args ...any) *Error {
	return &Error{
		Name:   name,
		Label:  label,
		Reason: fmt.Sprintf(format, args...),
		Err:    sentinel,
		Cause:  cause,
	}
}

package prompt

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxDescriptionRunes is the longest description accepted, counted in
// Unicode code points after cleaning (the limit the evaluation data assumes).
const MaxDescriptionRunes = 2000

// Errors returned by Clean. Callers map both to "invalid input" (exit code 2
// in the CLI, HTTP 400 in the server).
var (
	ErrEmpty   = errors.New("description is empty: it has no letters, digits or symbols once whitespace, punctuation, control and invisible characters are set aside")
	ErrTooLong = fmt.Errorf("description is longer than %d characters", MaxDescriptionRunes)
)

// Clean prepares a business description for safety checks and generation:
//
//   - control characters are removed (tab, newline and carriage return become spaces);
//   - invisible format characters are removed: zero-width space/joiners, bidi
//     embeddings, overrides and isolates, BOM, soft hyphen, tag characters,
//     emoji variation selectors and the combining grapheme joiner;
//   - the text is NFKC-normalised, so decomposed accents, full-width letters
//     and compatibility spaces read like their plain forms;
//   - runs of whitespace collapse to one space and the ends are trimmed.
//
// It returns ErrEmpty when nothing but whitespace, punctuation, control and
// invisible characters remain, and ErrTooLong when the cleaned text has more
// than MaxDescriptionRunes code points. Removing hidden characters before the
// safety filter sees the text is what keeps a zero-width space or a bidi
// override from smuggling a blocked request past it.
func Clean(description string) (string, error) {
	if !utf8.ValidString(description) {
		description = strings.ToValidUTF8(description, "\uFFFD")
	}
	var b strings.Builder
	b.Grow(len(description))
	for _, r := range description {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f':
			b.WriteRune(' ')
		case isInvisible(r):
			// dropped
		default:
			b.WriteRune(r)
		}
	}
	text := norm.NFKC.String(b.String())
	text = strings.Join(strings.FieldsFunc(text, unicode.IsSpace), " ")
	if !hasContent(text) {
		return "", ErrEmpty
	}
	if utf8.RuneCountInString(text) > MaxDescriptionRunes {
		return "", ErrTooLong
	}
	return text, nil
}

// isInvisible reports whether r is a control or invisible formatting
// character that carries no meaning in a business description.
func isInvisible(r rune) bool {
	switch {
	case unicode.Is(unicode.Cc, r): // C0/C1 controls, DEL
		return true
	case unicode.Is(unicode.Cf, r): // ZWSP, ZWJ, ZWNJ, bidi controls, BOM, soft hyphen, tags
		return true
	case r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF: // variation selectors
		return true
	case r == 0x034F: // combining grapheme joiner
		return true
	case r == 0xFFFD: // replacement character from invalid UTF-8
		return true
	}
	return false
}

// hasContent reports whether text holds at least one letter, digit or
// symbol (emoji count: "☕📚" describes a reading café).
func hasContent(text string) bool {
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsSymbol(r) {
			return true
		}
	}
	return false
}

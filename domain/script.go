package domain

import (
	"slices"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/net/idna"
)

// scriptTable pairs a Unicode script name with its table.
type scriptTable struct {
	name  string
	table *unicode.RangeTable
}

// scripts lists the Unicode scripts other than Common and Inherited, in
// name order so that lookups are deterministic.
var scripts = func() []scriptTable {
	var out []scriptTable
	for name, table := range unicode.Scripts {
		if name == "Common" || name == "Inherited" {
			continue
		}
		out = append(out, scriptTable{name, table})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}()

// allowedScriptSets are the script combinations that UTS #39 "Highly
// Restrictive" permits in one label besides a single script: Latin with
// the scripts used together in Japanese, Chinese and Korean writing.
var allowedScriptSets = [][]string{
	{"Latin", "Han", "Hiragana", "Katakana"},
	{"Latin", "Han", "Bopomofo"},
	{"Latin", "Han", "Hangul"},
}

// scriptOf returns the Unicode script of r, or "" for Common and Inherited
// characters (digits, hyphen, combining marks used by many scripts).
// Unassigned code points report "Unknown".
func scriptOf(r rune) string {
	if r < 0x80 {
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
			return "Latin"
		}
		return ""
	}
	if unicode.Is(unicode.Common, r) || unicode.Is(unicode.Inherited, r) {
		return ""
	}
	for _, s := range scripts {
		if unicode.Is(s.table, r) {
			return s.name
		}
	}
	return "Unknown"
}

// labelScripts returns the sorted set of scripts used in the U-label u,
// ignoring Common and Inherited characters.
func labelScripts(u string) []string {
	var set []string
	for _, r := range u {
		if s := scriptOf(r); s != "" && !slices.Contains(set, s) {
			set = append(set, s)
		}
	}
	sort.Strings(set)
	return set
}

// mixedScripts reports whether the set of scripts is a forbidden mix: more
// than one script, and not a subset of one of allowedScriptSets.
func mixedScripts(set []string) bool {
	if len(set) <= 1 {
		return false
	}
	for _, allowed := range allowedScriptSets {
		subset := true
		for _, s := range set {
			if !slices.Contains(allowed, s) {
				subset = false
				break
			}
		}
		if subset {
			return false
		}
	}
	return true
}

// checkScripts rejects the A-label l of name if its U-label mixes scripts.
// ASCII labels are all Latin and always pass.
func checkScripts(name, l string) error {
	if !strings.HasPrefix(l, acePrefix) {
		return nil
	}
	u, err := idna.Punycode.ToUnicode(l)
	if err != nil {
		// Unreachable for the output of Normalize; report rather than panic.
		return newError(name, l, ErrALabel, err, "not valid Punycode")
	}
	if set := labelScripts(u); mixedScripts(set) {
		return newError(name, l, ErrMixedScript, nil,
			"%q mixes the scripts %s", u, strings.Join(set, ", "))
	}
	return nil
}

// isLetterMarkDigit reports whether r is a letter, a combining mark or a
// decimal digit.
func isLetterMarkDigit(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.Is(unicode.Nd, r)
}

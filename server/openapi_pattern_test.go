package server

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/publicsuffix"

	"domaingen/domain"
	"domaingen/prompt"
)

var updateOpenAPI = flag.Bool("update-openapi", false, "rewrite the generated patterns in openapi.json (business_description from prompt.Clean, tlds from domain.ParseTLDs)")

// contentRunes returns, as ranges, every rune that prompt.Clean accepts on
// its own: the characters that survive cleaning as a letter, digit or
// symbol. A description is accepted (length aside) exactly when it holds
// one of them.
func contentRunes() [][2]rune {
	var ranges [][2]rune
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue // surrogates: not characters
		}
		if _, err := prompt.Clean(string(r)); err != nil {
			continue
		}
		if n := len(ranges); n > 0 && ranges[n-1][1] == r-1 {
			ranges[n-1][1] = r
		} else {
			ranges = append(ranges, [2]rune{r, r})
		}
	}
	return ranges
}

// descriptionPattern is a character class of contentRunes, written with
// literal characters so that Go's regexp, Python's re (schemathesis,
// jsonschema) and ECMA-262 with the u flag read it alike; of the
// characters in it only ECMA-262 syntax characters are escaped.
func descriptionPattern() string {
	lit := func(r rune) string {
		if strings.ContainsRune(`^$\.*+?()[]{}|/-`, r) {
			return `\` + string(r)
		}
		return string(r)
	}
	var b strings.Builder
	b.WriteString("[")
	for _, rg := range contentRunes() {
		b.WriteString(lit(rg[0]))
		switch {
		case rg[1] == rg[0]+1:
			b.WriteString(lit(rg[1]))
		case rg[1] > rg[0]:
			b.WriteString("-" + lit(rg[1]))
		}
	}
	b.WriteString("]")
	return b.String()
}

// requestProperty is one property schema of SuggestRequest (for tlds,
// its items).
type requestProperty struct {
	Pattern   string           `json:"pattern"`
	MinLength int              `json:"minLength"`
	Items     *requestProperty `json:"items"`
}

// requestSchema reads SuggestRequest's property schemas.
func requestSchema(t *testing.T, doc []byte) map[string]requestProperty {
	t.Helper()
	var d struct {
		Components struct {
			Schemas map[string]struct {
				Properties map[string]requestProperty `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	require.NoError(t, json.Unmarshal(doc, &d))
	return d.Components.Schemas["SuggestRequest"].Properties
}

// checkPattern requires the document's pattern got to be want, or with
// -update-openapi rewrites it in openapi.json (it must occur once). It
// reports whether got is current.
func checkPattern(t *testing.T, what, got, want string) bool {
	t.Helper()
	if got == want {
		return true
	}
	if !*updateOpenAPI {
		t.Errorf("%s's pattern in openapi.json is not the server's rule: run go test ./server -run OpenAPI -update-openapi", what)
		return false
	}
	enc := func(s string) []byte {
		var buf bytes.Buffer
		e := json.NewEncoder(&buf)
		e.SetEscapeHTML(false)
		require.NoError(t, e.Encode(s))
		return append([]byte(`"pattern": `), bytes.TrimSpace(buf.Bytes())...)
	}
	doc, err := os.ReadFile("openapi.json")
	require.NoError(t, err)
	require.Equal(t, 1, bytes.Count(doc, enc(got)), "the old pattern of %s must occur once", what)
	require.NoError(t, os.WriteFile("openapi.json", bytes.Replace(doc, enc(got), enc(want), 1), 0o644))
	t.Logf("openapi.json: %s's pattern rewritten (%d bytes); run the test again", what, len(want))
	return false
}

// TestOpenAPIDescriptionPattern: the schema of business_description says
// what prompt.Clean does — its pattern matches a one-character
// description exactly when the server accepts it — so an empty, blank or
// punctuation-only description is schema-invalid as well as rejected.
// go test ./server -run OpenAPI -update-openapi rewrites the pattern after
// a change to prompt.Clean.
func TestOpenAPIDescriptionPattern(t *testing.T) {
	p := requestSchema(t, openAPI)["business_description"]
	assert.Equal(t, 1, p.MinLength, "business_description minLength")
	if !checkPattern(t, "business_description", p.Pattern, descriptionPattern()) {
		return
	}
	re := regexp.MustCompile(p.Pattern)
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"", false}, {"   ", false}, {"\t\n", false}, {"...!?", false}, {"\u200b\u200d", false}, {"\x00", false},
		{"\ufffd", false}, {"\u00a8", false}, // U+00A8 is a symbol, but NFKC makes it a space and a combining mark
		{"florist", true}, {"  x  ", true}, {"☕📚", true}, {"42", true}, {"¿qué?", true}, {"成都", true}, {"$", true},
	} {
		_, err := prompt.Clean(c.in)
		assert.Equal(t, c.want, err == nil, "prompt.Clean(%q)", c.in)
		assert.Equal(t, c.want, re.MatchString(c.in), "pattern on %q", c.in)
	}
}

// icannTLDs returns every single-label TLD the server accepts in "tlds"
// (domain.ParseTLDs: an ICANN public suffix, not special-use), in canonical
// form. The public suffix list of golang.org/x/net/publicsuffix, which
// ParseTLDs consults, exports no list, so the candidates are the substrings
// of its label text (every label is one) and ParseTLDs decides.
func icannTLDs(t *testing.T) []string {
	t.Helper()
	dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "golang.org/x/net").Output()
	require.NoError(t, err)
	text, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(dir)), "publicsuffix", "data", "text"))
	require.NoError(t, err)
	seen := map[string]bool{}
	var out []string
	for i := range text {
		for j := i + 1; j <= min(len(text), i+63); j++ {
			c := string(text[i:j])
			if seen[c] {
				continue
			}
			seen[c] = true
			if ps, icann := publicsuffix.PublicSuffix(c); ps != c || !icann || strings.Contains(c, ".") {
				continue
			}
			if got, err := domain.ParseTLDs([]string{c}); err == nil && len(got) == 1 && got[0] == c {
				out = append(out, c)
			}
		}
	}
	slices.Sort(out)
	return out
}

// tldPattern anchors an alternation of the TLDs after an optional dot.
func tldPattern(tlds []string) string {
	return `^\.?(?:` + strings.Join(tlds, "|") + `)$`
}

// TestOpenAPITLDPattern: the schema of a "tlds" entry lists exactly the
// TLDs the server accepts (lower case; the server also ignores case and
// surrounding space, which the description says), so that a schema-valid
// entry is never answered 400 "not an ICANN public suffix".
func TestOpenAPITLDPattern(t *testing.T) {
	tlds := icannTLDs(t)
	require.Greater(t, len(tlds), 1000, "the public suffix list has about 1450 TLDs")
	for _, want := range []string{"com", "io", "ai", "de", "co", "photography", "xn--p1ai"} {
		require.Contains(t, tlds, want)
	}
	for _, special := range []string{"test", "example", "localhost", "onion", "arpa"} {
		require.NotContains(t, tlds, special)
	}
	items := requestSchema(t, openAPI)["tlds"].Items
	require.NotNil(t, items)
	if !checkPattern(t, "tlds", items.Pattern, tldPattern(tlds)) {
		return
	}
	re := regexp.MustCompile(items.Pattern)
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"com", true}, {".io", true}, {"xn--p1ai", true}, {"zz", false}, {"0", false}, {"test", false}, {"co.uk", false}, {"", false},
	} {
		_, err := DecodeRequest(strings.NewReader(`{"business_description":"x","tlds":["` + c.in + `"]}`))
		var perr error
		if err == nil {
			_, perr = domain.ParseTLDs([]string{strings.TrimPrefix(c.in, ".")})
		}
		assert.Equal(t, c.want, err == nil && perr == nil, "server on %q", c.in)
		assert.Equal(t, c.want, re.MatchString(c.in), "pattern on %q", c.in)
	}
}

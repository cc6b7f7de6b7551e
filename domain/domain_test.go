package domain

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rep repeats s n times; it keeps the tables readable.
func rep(s string, n int) string { return strings.Repeat(s, n) }

// invalidCases are names Validate must reject with the default options
// unless opts says otherwise. They double as fuzz seeds.
var invalidCases = []struct {
	desc string
	name string
	opts Options
	want error
}{
	{"empty", "", Options{}, ErrEmpty},
	{"blank", " \t\n", Options{}, ErrEmpty},
	{"root only", ".", Options{}, ErrEmpty},
	{"inner space", "foo bar.com", Options{}, ErrBadChar},
	{"tab", "fo\to.com", Options{}, ErrBadChar},
	{"underscore", "foo_bar.com", Options{}, ErrBadChar},
	{"ampersand", "ben&jerry.com", Options{}, ErrBadChar},
	{"emoji", "🍜bar.com", Options{}, ErrBadChar},
	{"emoji A-label", "xn--ls8h.com", Options{}, ErrBadChar},
	{"full-width underscore", "ａｂ＿ｃ.com", Options{}, ErrBadChar},
	{"percent-encoding", "caf%C3%A9.com", Options{}, ErrBadChar},
	{"URL scheme", "http://x.com", Options{}, ErrBadChar},
	{"URL path", "x.com/path", Options{}, ErrBadChar},
	{"port", "x.com:80", Options{}, ErrBadChar},
	{"user info", "user@x.com", Options{}, ErrBadChar},
	{"IPv6 literal", "[::1]", Options{}, ErrBadChar},
	{"NUL byte", "foo.com\x00", Options{}, ErrBadChar},
	{"leading hyphen", "-foo.com", Options{}, ErrHyphen},
	{"trailing hyphen", "foo-.com", Options{}, ErrHyphen},
	{"hyphens at 3-4", "ab--cd.com", Options{}, ErrHyphen},
	{"hyphens at 3-4 upper case", "AB--CD.com", Options{}, ErrHyphen},
	{"hyphens at 3-4 in U-label", "ab--cé.com", Options{}, ErrHyphen},
	{"A-label ending in hyphen", "xn--zzzz-.com", Options{}, ErrHyphen},
	{"A-label decoding to ASCII", "xn--a-.com", Options{}, ErrHyphen},
	{"A-label bad punycode", "xn--a.com", Options{}, ErrALabel},
	{"A-label empty", "xn--.com", Options{}, ErrHyphen},
	{"A-label leading delimiter", "xn---abc.com", Options{}, ErrALabel},
	{"full-width A-label with Unicode", "ｘｎ--é.com", Options{}, ErrALabel},
	{"64-char label", rep("a", 64) + ".com", Options{}, ErrLabelLength},
	{"U-label over 63 octets as A-label", rep("ü", 60) + ".com", Options{}, ErrLabelLength},
	{"empty inner label", "a..com", Options{}, ErrLabelLength},
	{"leading dot", ".foo.com", Options{}, ErrLabelLength},
	{"two trailing dots", "foo.com..", Options{}, ErrLabelLength},
	{"two trailing ideographic dots", "foo.com。。", Options{}, ErrLabelLength},
	{"254-char name", rep("a", 63) + "." + rep("b", 63) + "." + rep("c", 63) + "." + rep("d", 58) + ".com", Options{}, ErrTooLong},
	{"huge input", rep("a", 2000) + ".com", Options{}, ErrTooLong},
	{"zero-width joiner between Latin letters", "a\u200db.com", Options{}, ErrIDNA},
	{"leading combining mark", "\u0301abc.com", Options{}, ErrIDNA},
	{"Bidi rule: LTR and RTL in one label", "aא.com", Options{}, ErrIDNA},
	{"single label", "foo", Options{}, ErrTooFewLabels},
	{"bare TLD", "com", Options{}, ErrTooFewLabels},
	{"localhost", "localhost", Options{}, ErrSpecialUse},
	{"localhost subdomain", "app.localhost", Options{}, ErrSpecialUse},
	{".test", "foo.test", Options{}, ErrSpecialUse},
	{".example", "foo.example", Options{}, ErrSpecialUse},
	{".invalid", "bar.invalid", Options{}, ErrSpecialUse},
	{".local", "x.local", Options{}, ErrSpecialUse},
	{".onion", "y.onion", Options{}, ErrSpecialUse},
	{".alt", "z.alt", Options{}, ErrSpecialUse},
	{"home.arpa", "home.arpa", Options{}, ErrSpecialUse},
	{"example.com", "example.com", Options{}, ErrSpecialUse},
	{"example.org upper case, trailing dot", "EXAMPLE.org.", Options{}, ErrSpecialUse},
	{"under example.net", "www.example.net", Options{}, ErrSpecialUse},
	{"example.com even if allowed", "example.com", Options{TLDs: []string{"com"}}, ErrSpecialUse},
	{"IPv4 address", "192.168.0.1", Options{}, ErrIPAddress},
	{"unknown TLD", "foo.notatld", Options{}, ErrSuffix},
	{"numeric TLD", "foo.123", Options{}, ErrSuffix},
	{"public suffix itself", "co.uk", Options{TLDs: []string{"co.uk"}}, ErrNotRegistrable},
	{"subdomain", "www.google.com", Options{}, ErrNotRegistrable},
	{"under a private suffix", "foo.blogspot.com", Options{}, ErrNotRegistrable},
	{"Cyrillic а in Latin label", "pаypal.com", Options{}, ErrMixedScript},
	{"mixed-script A-label", "xn--pypal-4ve.com", Options{}, ErrMixedScript},
	{"Greek and Latin", "αbc.com", Options{}, ErrMixedScript},
	{"TLD not in default list", "foo.de", Options{}, ErrTLDNotAllowed},
	{"second-level suffix not in default list", "foo.co.uk", Options{}, ErrTLDNotAllowed},
	{"only TLD uk allowed, not co.uk", "foo.co.uk", Options{TLDs: []string{"uk"}}, ErrTLDNotAllowed},
	{"IDN TLD not in default list", "пример.рф", Options{}, ErrTLDNotAllowed},
	{"com not in custom list", "foo.com", Options{TLDs: []string{"io"}}, ErrTLDNotAllowed},
}

func TestValidateRejects(t *testing.T) {
	require.GreaterOrEqual(t, len(invalidCases), 40)
	for _, tc := range invalidCases {
		t.Run(tc.desc, func(t *testing.T) {
			err := Validate(tc.name, tc.opts)
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.want, "got %v", err)

			var de *Error
			require.ErrorAs(t, err, &de)
			assert.Equal(t, tc.name, de.Name)
			assert.True(t, strings.HasPrefix(err.Error(), "domain: "), err.Error())
		})
	}
}

// validCases are names Validate must accept, with their normalised form.
var validCases = []struct {
	desc string
	name string
	opts Options
	want string
}{
	{"plain", "organicbeanscafe.com", Options{}, "organicbeanscafe.com"},
	{"letters and digit", "a1.io", Options{}, "a1.io"},
	{"digits only", "123.com", Options{}, "123.com"},
	{"single character", "x.ai", Options{}, "x.ai"},
	{"inner hyphen", "organic-beans.shop", Options{}, "organic-beans.shop"},
	{"double hyphen not at 3-4", "reptile--supply.com", Options{}, "reptile--supply.com"},
	{"63-char label", rep("a", 63) + ".com", Options{}, rep("a", 63) + ".com"},
	{"upper case and spaces", "  OrganicBeans.Cafe  ", Options{}, "organicbeans.cafe"},
	{"trailing dot", "foo.com.", Options{}, "foo.com"},
	{"ideographic full stop", "foo。com", Options{}, "foo.com"},
	{"full-width letters", "ｆｏｏ.com", Options{}, "foo.com"},
	{"IDN as A-label", "xn--caf-dma.com", Options{}, "xn--caf-dma.com"},
	{"IDN as U-label", "café.com", Options{}, "xn--caf-dma.com"},
	{"IDN upper case", "CAFÉ.COM", Options{}, "xn--caf-dma.com"},
	{"IDN decomposed (NFD)", "cafe\u0301.com", Options{}, "xn--caf-dma.com"},
	{"A-label upper case", "XN--CAF-DMA.COM", Options{}, "xn--caf-dma.com"},
	{"German IDN", "münchen-bäckerei.de", Options{TLDs: []string{"de"}}, "xn--mnchen-bckerei-dib09a.de"},
	{"sharp s is kept (non-transitional)", "straße.de", Options{TLDs: []string{"de"}}, "xn--strae-oqa.de"},
	{"Cyrillic name, Cyrillic TLD", "пример.рф", Options{TLDs: []string{"рф"}}, "xn--e1afmkfd.xn--p1ai"},
	{"Cyrillic TLD as A-label", "пример.xn--p1ai", Options{TLDs: []string{"xn--p1ai"}}, "xn--e1afmkfd.xn--p1ai"},
	{"Greek only", "αβγ.com", Options{}, "xn--mxacd.com"},
	{"Japanese katakana", "ドメイン.jp", Options{TLDs: []string{"jp"}}, "xn--eckwd4c7c.jp"},
	{"Japanese han and katakana", "日本語ドメイン.jp", Options{TLDs: []string{"jp"}}, "xn--eckwd4c7c5976acvb2w6i.jp"},
	{"second-level suffix", "shop.co.uk", Options{TLDs: []string{"co.uk"}}, "shop.co.uk"},
	{"allow-list entry not canonical", "foo.de", Options{TLDs: []string{" .DE. "}}, "foo.de"},
	{"registered under a private suffix's parent", "blogspot.com", Options{}, "blogspot.com"},
}

func TestValidateAccepts(t *testing.T) {
	for _, tc := range validCases {
		t.Run(tc.desc, func(t *testing.T) {
			require.NoError(t, Validate(tc.name, tc.opts))
			got, err := Normalize(tc.name)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"subdomain is fine for Normalize", "WWW.Google.COM", "www.google.com"},
		{"special-use is fine for Normalize", "localhost.", "localhost"},
		{"unknown TLD is fine for Normalize", "foo.notatld", "foo.notatld"},
		{"soft hyphen is ignored", "ab\u00adc.com", "abc.com"},
		{"253-octet name", rep("a", 63) + "." + rep("b", 63) + "." + rep("c", 63) + "." + rep("d", 57) + ".com",
			rep("a", 63) + "." + rep("b", 63) + "." + rep("c", 63) + "." + rep("d", 57) + ".com"},
		{"RTL label", "مثال.com", "xn--mgbh0fb.com"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Normalize(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
			again, err := Normalize(got)
			require.NoError(t, err)
			assert.Equal(t, got, again, "Normalize must be idempotent")
		})
	}
}

func TestErrorDetails(t *testing.T) {
	err := Validate("good.ab--cd.com", Options{})
	var de *Error
	require.ErrorAs(t, err, &de)
	assert.Equal(t, "ab--cd", de.Label)
	assert.ErrorIs(t, err, ErrHyphen)
	assert.Contains(t, err.Error(), `label "ab--cd"`)

	// The idna cause is kept alongside the sentinel.
	err = Validate("a\u200db.com", Options{})
	require.ErrorAs(t, err, &de)
	assert.ErrorIs(t, err, ErrIDNA)
	require.NotNil(t, de.Cause)
	assert.True(t, errors.Is(err, de.Cause))

	// Huge inputs are truncated in the message.
	err = Validate(rep("x", 5000), Options{})
	require.Error(t, err)
	assert.Less(t, len(err.Error()), 300)
}

func TestSplit(t *testing.T) {
	tests := []struct {
		in, sld, tld string
	}{
		{"organicbeans.com", "organicbeans", "com"},
		{"www.organicbeans.com", "organicbeans", "com"},
		{"shop.co.uk", "shop", "co.uk"},
		{"Shop.CO.UK.", "shop", "co.uk"},
		{"foo.blogspot.com", "blogspot", "com"},
		{"xn--caf-dma.com", "xn--caf-dma", "com"},
		{"foo.notatld", "foo", "notatld"},
		{"com", "", "com"},
		{"co.uk", "", "co.uk"},
		{"localhost", "", "localhost"},
		{"", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			sld, tld := Split(tc.in)
			assert.Equal(t, tc.sld, sld)
			assert.Equal(t, tc.tld, tld)
		})
	}
}

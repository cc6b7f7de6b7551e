package domain

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDefaultTLDs(t *testing.T) {
	list := DefaultTLDs()
	require.GreaterOrEqual(t, len(list), 20)

	// Every default entry is a canonical ICANN public suffix.
	parsed, err := ParseTLDs(list)
	require.NoError(t, err)
	assert.Equal(t, list, parsed)

	// Callers get a copy.
	list[0] = "changed"
	assert.NotEqual(t, "changed", DefaultTLDs()[0])

	for _, tld := range DefaultTLDs() {
		t.Run(tld, func(t *testing.T) {
			assert.NoError(t, Validate("organicbeans."+tld, Options{}))
		})
	}
}

func TestParseTLDs(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"canonical", []string{"com", "io"}, []string{"com", "io"}},
		{"dots, case and space", []string{" .COM", "Io.", "co.uk."}, []string{"com", "io", "co.uk"}},
		{"IDN", []string{"рф", "XN--P1AI"}, []string{"xn--p1ai"}},
		{"duplicates dropped", []string{"com", "COM", ".com"}, []string{"com"}},
		{"wildcard-rule suffix", []string{"foo.ck"}, []string{"foo.ck"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseTLDs(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestParseTLDsRejects(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want error
	}{
		{"nil list", nil, ErrEmpty},
		{"empty entry", []string{"com", ""}, ErrEmpty},
		{"dot only", []string{"."}, ErrEmpty},
		{"unknown TLD", []string{"notatld"}, ErrSuffix},
		{"private suffix", []string{"blogspot.com"}, ErrSuffix},
		{"registrable name, not a suffix", []string{"google.com"}, ErrSuffix},
		{"wildcard parent", []string{"ck"}, ErrSuffix},
		{"special-use test", []string{"test"}, ErrSpecialUse},
		{"special-use onion (in the PSL)", []string{"onion"}, ErrSpecialUse},
		{"special-use localhost", []string{"com", "localhost"}, ErrSpecialUse},
		{"bad character", []string{"c_m"}, ErrBadChar},
		{"two leading dots", []string{"..com"}, ErrLabelLength},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseTLDs(tc.in)
			require.Error(t, err)
			assert.Nil(t, got)
			assert.ErrorIs(t, err, tc.want, "got %v", err)
		})
	}

	_, err := ParseTLDs([]string{"com", "notatld"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "TLD list entry 1")
	assert.Contains(t, err.Error(), `"notatld"`)
}

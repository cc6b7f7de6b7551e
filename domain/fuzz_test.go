package domain

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// fuzzSeeds adds the table-test inputs and a few extra shapes as seeds.
func fuzzSeeds(f *testing.F) {
	for _, tc := range invalidCases {
		f.Add(tc.name)
	}
	for _, tc := range validCases {
		f.Add(tc.name)
	}
	for _, s := range []string{
		"xn--mgbh0fb.xn--caf-dma", "a\u200cb.com", "ab\u00adc.com", "ｘｎ--caf-dma.com",
		"foo.com。", "Ⅻ.com", "①②.com", "x.r.appspot.com", "foo.ck", "bar.foo.ck",
	} {
		f.Add(s)
	}
}

// checkNormalized asserts the invariants of a successful Normalize result.
func checkNormalized(t *testing.T, in, got string) {
	t.Helper()
	require.True(t, isASCII(got), "Normalize(%q) = %q is not ASCII", in, got)
	require.LessOrEqual(t, len(got), MaxNameLength, "Normalize(%q) = %q", in, got)
	for _, l := range strings.Split(got, ".") {
		require.NotEmpty(t, l, "Normalize(%q) = %q has an empty label", in, got)
		require.LessOrEqual(t, len(l), MaxLabelLength, "Normalize(%q) = %q", in, got)
	}
	again, err := Normalize(got)
	require.NoError(t, err, "Normalize(%q) = %q, which does not normalise again", in, got)
	require.Equal(t, got, again, "Normalize is not idempotent for %q", in)
}

func FuzzNormalize(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, name string) {
		got, err := Normalize(name)
		if err != nil {
			require.IsType(t, (*Error)(nil), err)
			return
		}
		checkNormalized(t, name, got)
	})
}

func FuzzValidate(f *testing.F) {
	fuzzSeeds(f)
	// Validate with a broad allow-list too, so IDN TLDs and country codes
	// get exercised.
	wide := Options{TLDs: []string{"com", "de", "jp", "co.uk", "xn--p1ai", "foo.ck", "cn", "ru"}}
	f.Fuzz(func(t *testing.T, name string) {
		_ = FeaturesOf(name) // must not panic on any input
		for _, opts := range []Options{{}, wide} {
			if err := Validate(name, opts); err != nil {
				require.IsType(t, (*Error)(nil), err)
				continue
			}
			got, err := Normalize(name)
			require.NoError(t, err, "Validate accepted %q but Normalize failed", name)
			checkNormalized(t, name, got)
			require.NoError(t, Validate(got, opts), "Validate accepted %q but not its normal form %q", name, got)
		}
	})
}

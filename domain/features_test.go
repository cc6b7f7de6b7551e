package domain

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFeaturesOf(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Features
	}{
		{
			name: "plain",
			in:   "OrganicBeans.com",
			want: Features{
				Name: "organicbeans.com", SLD: "organicbeans", SLDUnicode: "organicbeans", TLD: "com",
				Length: 12, Letters: 12, Vowels: 5, Consonants: 7, VowelRatio: 5.0 / 12,
				LongestConsonantRun: 2,
			},
		},
		{
			name: "digits and hyphens",
			in:   "24-7-strngth.io",
			want: Features{
				Name: "24-7-strngth.io", SLD: "24-7-strngth", SLDUnicode: "24-7-strngth", TLD: "io",
				Length: 12, Hyphens: 2, Digits: 3, Letters: 7, Consonants: 7, LongestConsonantRun: 7,
			},
		},
		{
			name: "y counts as a vowel",
			in:   "sky.shop",
			want: Features{
				Name: "sky.shop", SLD: "sky", SLDUnicode: "sky", TLD: "shop",
				Length: 3, Letters: 3, Vowels: 1, Consonants: 2, VowelRatio: 1.0 / 3, LongestConsonantRun: 2,
			},
		},
		{
			name: "IDN with accent",
			in:   "café.com",
			want: Features{
				Name: "xn--caf-dma.com", SLD: "xn--caf-dma", SLDUnicode: "café", TLD: "com",
				Length: 4, Letters: 4, Vowels: 2, Consonants: 2, VowelRatio: 0.5, LongestConsonantRun: 1, IDN: true,
			},
		},
		{
			name: "non-Latin letters are neither vowels nor consonants",
			in:   "пример.рф",
			want: Features{
				Name: "xn--e1afmkfd.xn--p1ai", SLD: "xn--e1afmkfd", SLDUnicode: "пример", TLD: "xn--p1ai",
				Length: 6, Letters: 6, IDN: true,
			},
		},
		{
			name: "suffix with two labels, subdomain ignored",
			in:   "www.shop.co.uk",
			want: Features{
				Name: "www.shop.co.uk", SLD: "shop", SLDUnicode: "shop", TLD: "co.uk",
				Length: 4, Letters: 4, Vowels: 1, Consonants: 3, VowelRatio: 0.25, LongestConsonantRun: 2,
			},
		},
		{
			name: "invalid input still yields features",
			in:   " Foo_Bar.COM ",
			want: Features{
				Name: "foo_bar.com", SLD: "foo_bar", SLDUnicode: "foo_bar", TLD: "com",
				Length: 7, Letters: 6, Vowels: 3, Consonants: 3, VowelRatio: 0.5, LongestConsonantRun: 1,
			},
		},
		{
			name: "empty",
			in:   "",
			want: Features{},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := FeaturesOf(tc.in)
			assert.InDelta(t, tc.want.VowelRatio, got.VowelRatio, 1e-9)
			got.VowelRatio = tc.want.VowelRatio
			assert.Equal(t, tc.want, got)
		})
	}
}

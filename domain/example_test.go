package domain_test

import (
	"errors"
	"fmt"

	"domaingen/domain"
)

func ExampleNormalize() {
	a, err := domain.Normalize(" Café.COM. ")
	fmt.Println(a, err)
	// Output: xn--caf-dma.com <nil>
}

func ExampleValidate() {
	for _, name := range []string{"organicbeans.cafe", "ab--cd.com", "pаypal.com", "foo.de"} {
		err := domain.Validate(name, domain.Options{})
		fmt.Println(name, errors.Is(err, domain.ErrHyphen), errors.Is(err, domain.ErrMixedScript), errors.Is(err, domain.ErrTLDNotAllowed))
	}
	// Output:
	// organicbeans.cafe false false false
	// ab--cd.com true false false
	// pаypal.com false true false
	// foo.de false false true
}

func ExampleParseTLDs() {
	tlds, err := domain.ParseTLDs([]string{".COM", "co.uk.", "рф"})
	fmt.Println(tlds, err)
	err = domain.Validate("пример.рф", domain.Options{TLDs: tlds})
	fmt.Println(err)
	// Output:
	// [com co.uk xn--p1ai] <nil>
	// <nil>
}

func ExampleFeaturesOf() {
	f := domain.FeaturesOf("OrganicBeans.com")
	fmt.Println(f.SLD, f.TLD, f.Length, f.LongestConsonantRun)
	// Output: organicbeans com 12 2
}

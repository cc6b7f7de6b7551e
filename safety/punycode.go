package safety

import "golang.org/x/net/idna"

// decodeIDNLabel returns the Unicode form of one "xn--" label: the RFC 3492
// punycode decoding of golang.org/x/net/idna's Punycode profile (raw
// decoding, no IDNA mapping or validation: checkLabel judges the result
// itself). An error means the label does not decode, and the output
// filter blocks it.
func decodeIDNLabel(label string) (string, error) {
	return idna.Punycode.ToUnicode(label)
}

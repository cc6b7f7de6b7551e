package safety

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// decodePunycode decodes the part of an IDN label after "xn--" (RFC 3492).
// It is written here, about forty lines, so the package needs nothing
// beyond golang.org/x/text; it accepts only what the RFC allows and
// reports an error for anything else (the output filter blocks a label
// it cannot decode).
func decodePunycode(s string) (string, error) {
	const (
		base        = 36
		tmin        = 1
		tmax        = 26
		skew        = 38
		damp        = 700
		initialBias = 72
		initialN    = 128
	)
	var out []rune
	if i := strings.LastIndexByte(s, '-'); i >= 0 {
		for _, r := range s[:i] {
			if r >= utf8.RuneSelf {
				return "", errors.New("punycode: non-ASCII basic code point")
			}
			out = append(out, r)
		}
		s = s[i+1:]
	}
	n, bias, i := initialN, initialBias, 0
	for pos := 0; pos < len(s); {
		oldi, w := i, 1
		for k := base; ; k += base {
			if pos >= len(s) {
				return "", errors.New("punycode: truncated input")
			}
			c := s[pos]
			pos++
			var digit int
			switch {
			case c >= '0' && c <= '9':
				digit = int(c-'0') + 26
			case c >= 'a' && c <= 'z':
				digit = int(c - 'a')
			case c >= 'A' && c <= 'Z':
				digit = int(c - 'A')
			default:
				return "", errors.New("punycode: bad digit")
			}
			if digit > (1<<31-1-i)/w {
				return "", errors.New("punycode: overflow")
			}
			i += digit * w
			t := k - bias
			if t < tmin {
				t = tmin
			} else if t > tmax {
				t = tmax
			}
			if digit < t {
				break
			}
			if w > (1<<31-1)/(base-t) {
				return "", errors.New("punycode: overflow")
			}
			w *= base - t
		}
		// adapt the bias
		delta, first := i-oldi, oldi == 0
		if first {
			delta /= damp
		} else {
			delta /= 2
		}
		delta += delta / (len(out) + 1)
		k := 0
		for delta > ((base-tmin)*tmax)/2 {
			delta /= base - tmin
			k += base
		}
		bias = k + (base-tmin+1)*delta/(delta+skew)

		n += i / (len(out) + 1)
		if n > utf8.MaxRune || len(out) > 255 {
			return "", errors.New("punycode: out of range")
		}
		i %= len(out) + 1
		out = append(out, 0)
		copy(out[i+1:], out[i:])
		out[i] = rune(n)
		i++
	}
	return string(out), nil
}

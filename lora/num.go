package lora

import (
	"math"
	"unsafe"
)

// num is the element type of every kernel: float32 for training and
// inference, float64 for the finite-difference "shadow" that checks the
// gradients (the same code, instantiated twice).
type num interface {
	~float32 | ~float64
}

// exp is e^x: exp32 for float32 (training and inference), math.Exp for
// the float64 gradient-check path. The branch is on a constant of each
// instantiation, so it costs nothing.
func exp[F num](x F) F {
	if unsafe.Sizeof(x) == 4 {
		return F(exp32(float32(x)))
	}
	return F(math.Exp(float64(x)))
}

// exp32 is e^x in float32 arithmetic, within 1e-7 relative of math.Exp
// (TestExp32): Cephes' expf — x = n·ln2 + r with |r| ≤ ln2/2 (ln2 split in
// two constants so n·ln2 is exact), a degree-7 polynomial for e^r, and 2^n
// put into the exponent bits. About twice as fast as math.Exp through
// float64 here; softmax, SwiGLU and cross-entropy call it ≈ 3·10^8 times a
// step at batch 8 × 256 (docs/performance.md). Outside (-87, 88), where
// the result is subnormal or overflows, and for NaN, it defers to math.Exp.
func exp32(x float32) float32 {
	if !(x > -87 && x < 88) {
		return float32(math.Exp(float64(x)))
	}
	const magic = 12582912 // 1.5·2^23: adding it rounds to an integer
	t := x*math.Log2E + magic
	n := t - magic
	r := x - n*0.693359375 - n*-2.12194440e-4
	p := ((((1.9875691500e-4*r+1.3981999507e-3)*r+8.3334519073e-3)*r+4.1665795894e-2)*r+1.6666665459e-1)*r + 5.0000001201e-1
	p = p*r*r + r + 1
	k := math.Float32bits(t) - math.Float32bits(magic) // n as a two's-complement integer
	return p * math.Float32frombits((k+127)<<23)
}

// expTo sets dst[i] = exp(src[i]) (dst may be src): for float32, eight at
// a time with AVX2 where the CPU has it, bit-identical to exp32.
func expTo[F num](dst, src []F) {
	if len(src) == 0 {
		return
	}
	if unsafe.Sizeof(src[0]) == 4 {
		expSlice32(unsafe.Slice((*float32)(unsafe.Pointer(&dst[0])), len(dst)),
			unsafe.Slice((*float32)(unsafe.Pointer(&src[0])), len(src)))
		return
	}
	dst = dst[:len(src)]
	for i, x := range src {
		dst[i] = exp(x)
	}
}

func sqrt[F num](x F) F { return F(math.Sqrt(float64(x))) }

// sigmoid is 1/(1+e^-x), written as ggml's silu is (x/(1+expf(-x))).
func sigmoid[F num](x F) F { return 1 / (1 + exp(-x)) }

// convert copies a slice to another element type.
func convert[T, F num](src []F) []T {
	if src == nil {
		return nil
	}
	dst := make([]T, len(src))
	for i, v := range src {
		dst[i] = T(v)
	}
	return dst
}

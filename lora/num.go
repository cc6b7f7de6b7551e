package lora

import "math"

// num is the element type of every kernel: float32 for training and
// inference, float64 for the finite-difference "shadow" that checks the
// gradients (the same code, instantiated twice).
type num interface {
	~float32 | ~float64
}

func exp[F num](x F) F  { return F(math.Exp(float64(x))) }
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

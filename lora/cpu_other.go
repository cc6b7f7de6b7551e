//go:build !amd64

package lora

// hasAVX2FMA is false off amd64: the portable Go micro-kernel is used. It is
// a var, as on amd64, so that benchmarks can switch kernels.
var hasAVX2FMA = false

func kern6x16F32(kc int, a, b, c []float32, ldc int) {
	panic("lora: no assembly kernel on this architecture")
}

func kern6x16GeneralF32(kc int, a []float32, ars, aps int, b []float32, bps int, c []float32, ldc int) {
	panic("lora: no assembly kernel on this architecture")
}

// expSlice32 sets dst[i] = exp32(src[i]); dst may be src.
func expSlice32(dst, src []float32) {
	dst = dst[:len(src)]
	for i, x := range src {
		dst[i] = exp32(x)
	}
}

package lora

// cpuid and xgetbv are implemented in gemm_amd64.s.
func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)
func xgetbv() (eax, edx uint32)

// hasAVX2FMA reports whether the CPU and the OS support AVX2 and FMA3, which
// the float32 assembly micro-kernel needs.
var hasAVX2FMA = detectAVX2FMA() // a var so that benchmarks can compare kernels

func detectAVX2FMA() bool {
	maxID, _, _, _ := cpuid(0, 0)
	if maxID < 7 {
		return false
	}
	_, _, ecx1, _ := cpuid(1, 0)
	const (
		fma     = 1 << 12
		osxsave = 1 << 27
		avx     = 1 << 28
	)
	if ecx1&(fma|osxsave|avx) != fma|osxsave|avx {
		return false
	}
	if xcr0, _ := xgetbv(); xcr0&6 != 6 { // the OS saves XMM and YMM state
		return false
	}
	_, ebx7, _, _ := cpuid(7, 0)
	return ebx7&(1<<5) != 0 // AVX2
}

// kern6x16F32 is the micro-kernel on packed panels:
// C[6×16] += Σ_p a[p*6+i]·b[p*16+j], with C at c and row stride ldc (in
// elements): the general assembly kernel with the panels' strides.
func kern6x16F32(kc int, a, b, c []float32, ldc int) {
	kern6x16GeneralF32(kc, a, 1, 6, b, 16, c, ldc)
}

// kern6x16AVX2G is the assembly micro-kernel (12 YMM accumulators), on
// operands anywhere in memory:
// C[6×16] += Σ_p A[i,p]·B[p,j] with A[i,p] at a + i·ars + p·aps and B[p,j]
// at b + p·bps + j (strides in elements).
//
//go:noescape
func kern6x16AVX2G(kc int, a *float32, ars, aps int, b *float32, bps int, c *float32, ldc int)

// kern6x16GeneralF32 checks the slices and calls kern6x16AVX2G.
func kern6x16GeneralF32(kc int, a []float32, ars, aps int, b []float32, bps int, c []float32, ldc int) {
	if kc <= 0 {
		return
	}
	_ = a[5*ars+(kc-1)*aps]
	_ = b[(kc-1)*bps+15]
	_ = c[5*ldc+15]
	kern6x16AVX2G(kc, &a[0], ars, aps, &b[0], bps, &c[0], ldc)
}

// expAVX2 sets dst[i] = exp32(src[i]) for i < n (n a multiple of 8), bit
// for bit, for inputs in (-87, 88); others come out clamped.
//
//go:noescape
func expAVX2(dst, src *float32, n int)

// expSlice32 sets dst[i] = exp32(src[i]); dst may be src. Chunks whose
// inputs all lie in (-87, 88) go through the AVX2 kernel, eight at a time;
// the others (and the tail) through exp32.
func expSlice32(dst, src []float32) {
	dst = dst[:len(src)]
	lo := 0
	if hasAVX2FMA {
		const chunk = 256
		for ; lo+8 <= len(src); lo += chunk {
			hi := min(lo+chunk, len(src)) &^ 7
			if hi <= lo {
				break
			}
			s := src[lo:hi]
			if inExpRange(s) {
				expAVX2(&dst[lo], &s[0], len(s))
				continue
			}
			for i, x := range s {
				dst[lo+i] = exp32(x)
			}
		}
		lo = len(src) &^ 7
	}
	for i := lo; i < len(src); i++ {
		dst[i] = exp32(src[i])
	}
}

// inExpRange reports whether every x lies in (-87, 88), where exp32 and
// expAVX2 use the polynomial (NaN does not).
func inExpRange(s []float32) bool {
	ok := true
	for _, x := range s {
		ok = ok && x > -87 && x < 88
	}
	return ok
}

package main

import "golang.org/x/sys/cpu"

// The kernels are in kernels_amd64.s. Each stores its accumulators to out;
// the callers reduce them in Go.

//go:noescape
func sumAVX2(p *byte, n int, out *[16]uint64)

//go:noescape
func fmaAVX2(iters int, ab *[2]float32, out *[96]float32)

//go:noescape
func fmaAVX512(iters int, ab *[2]float32, out *[192]float32)

//go:noescape
func vnniAVX512(iters int, ab *[2]uint32, out *[192]int32)

//go:noescape
func dotVNNI(a *uint8, b *int8, n int, out *[16]int32)

// features reports what the CPU and the OS support (golang.org/x/sys/cpu
// checks both CPUID and XGETBV).
func features() Features {
	return Features{
		AVX2:       cpu.X86.HasAVX2 && cpu.X86.HasFMA,
		AVX512F:    cpu.X86.HasAVX512F,
		AVX512VNNI: cpu.X86.HasAVX512F && cpu.X86.HasAVX512VNNI,
	}
}

// Per-iteration work of the throughput kernels.
const (
	fmaAVX2FLOPs   = 12 * 8 * 2  // 12 accumulators × 8 lanes × (mul + add)
	fmaAVX512FLOPs = 12 * 16 * 2 // 12 accumulators × 16 lanes × (mul + add)
	vnniOps        = 12 * 64 * 2 // 12 accumulators × 64 int8 products × (mul + add)
)

// sumBytes returns the sum of buf's little-endian 64-bit words (mod 2^64),
// read with the AVX2 kernel; len(buf) must be a multiple of 256.
func sumBytes(buf []byte) uint64 {
	if len(buf) == 0 {
		return 0
	}
	var out [16]uint64
	sumAVX2(&buf[0], len(buf), &out)
	var s uint64
	for _, v := range out {
		s += v
	}
	return s
}

// runFMAAVX2 runs iters iterations of the AVX2 FMA loop and returns the sum
// of its accumulators.
func runFMAAVX2(iters int, a, b float32) float64 {
	var out [96]float32
	ab := [2]float32{a, b}
	fmaAVX2(iters, &ab, &out)
	var s float64
	for _, v := range out {
		s += float64(v)
	}
	return s
}

// runFMAAVX512 is runFMAAVX2 on ZMM registers.
func runFMAAVX512(iters int, a, b float32) float64 {
	var out [192]float32
	ab := [2]float32{a, b}
	fmaAVX512(iters, &ab, &out)
	var s float64
	for _, v := range out {
		s += float64(v)
	}
	return s
}

// runVNNI runs iters iterations of the VPDPBUSD loop with every dword of the
// first operand equal to a (four unsigned bytes) and of the second equal to
// b (four signed bytes), and returns the sum of the accumulators' lanes.
func runVNNI(iters int, a, b uint32) int64 {
	var out [192]int32
	ab := [2]uint32{a, b}
	vnniAVX512(iters, &ab, &out)
	var s int64
	for _, v := range out {
		s += int64(v)
	}
	return s
}

// dotU8S8 returns Σ a[i]·b[i] computed with VPDPBUSD; len(a) == len(b), a
// multiple of 64. The int32 lanes wrap like the instruction's.
func dotU8S8(a []uint8, b []int8) int32 {
	if len(a) != len(b) || len(a)%64 != 0 {
		panic("dotU8S8: lengths must be equal multiples of 64")
	}
	if len(a) == 0 {
		return 0
	}
	var out [16]int32
	dotVNNI(&a[0], &b[0], len(a), &out)
	var s int32
	for _, v := range out {
		s += v
	}
	return s
}

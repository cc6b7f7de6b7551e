#include "textflag.h"

// func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)
TEXT ·cpuid(SB), NOSPLIT, $0-24
	MOVL eaxArg+0(FP), AX
	MOVL ecxArg+4(FP), CX
	CPUID
	MOVL AX, eax+8(FP)
	MOVL BX, ebx+12(FP)
	MOVL CX, ecx+16(FP)
	MOVL DX, edx+20(FP)
	RET

// func xgetbv() (eax, edx uint32)
TEXT ·xgetbv(SB), NOSPLIT, $0-8
	MOVL $0, CX
	XGETBV
	MOVL AX, eax+0(FP)
	MOVL DX, edx+4(FP)
	RET

// func kern6x16AVX2G(kc int, a *float32, ars, aps int, b *float32, bps int, c *float32, ldc int)
// The 6×16 micro-kernel on operands anywhere in memory (Y0..Y11: the tile
// of C, row i in Y(2i), Y(2i+1); Y12, Y13: a row of B; Y14: one element of
// A broadcast): A[i, p] at a + i·ars + p·aps and
// B[p, 0:16] at b + p·bps (strides in elements). A row-major A has
// (ars, aps) = (lda, 1), a transposed one (1, lda); a packed panel (1, 6).
// Rows 0-2 of A are addressed from SI, rows 3-5 from R10, with R9 = ars
// in bytes; R11 and R12 step A and B.
TEXT ·kern6x16AVX2G(SB), NOSPLIT, $0-64
	MOVQ kc+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ ars+16(FP), R9
	MOVQ aps+24(FP), R11
	MOVQ b+32(FP), DI
	MOVQ bps+40(FP), R12
	MOVQ c+48(FP), DX
	MOVQ ldc+56(FP), R8
	SHLQ $2, R8
	SHLQ $2, R9
	SHLQ $2, R11
	SHLQ $2, R12
	LEAQ (SI)(R9*2), R10
	ADDQ R9, R10
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	VXORPS Y4, Y4, Y4
	VXORPS Y5, Y5, Y5
	VXORPS Y6, Y6, Y6
	VXORPS Y7, Y7, Y7
	VXORPS Y8, Y8, Y8
	VXORPS Y9, Y9, Y9
	VXORPS Y10, Y10, Y10
	VXORPS Y11, Y11, Y11
gloop:
	VMOVUPS (DI), Y12
	VMOVUPS 32(DI), Y13
	VBROADCASTSS (SI), Y14
	VFMADD231PS Y12, Y14, Y0
	VFMADD231PS Y13, Y14, Y1
	VBROADCASTSS (SI)(R9*1), Y14
	VFMADD231PS Y12, Y14, Y2
	VFMADD231PS Y13, Y14, Y3
	VBROADCASTSS (SI)(R9*2), Y14
	VFMADD231PS Y12, Y14, Y4
	VFMADD231PS Y13, Y14, Y5
	VBROADCASTSS (R10), Y14
	VFMADD231PS Y12, Y14, Y6
	VFMADD231PS Y13, Y14, Y7
	VBROADCASTSS (R10)(R9*1), Y14
	VFMADD231PS Y12, Y14, Y8
	VFMADD231PS Y13, Y14, Y9
	VBROADCASTSS (R10)(R9*2), Y14
	VFMADD231PS Y12, Y14, Y10
	VFMADD231PS Y13, Y14, Y11
	ADDQ R11, SI
	ADDQ R11, R10
	ADDQ R12, DI
	DECQ CX
	JNZ gloop
	VADDPS (DX), Y0, Y0
	VMOVUPS Y0, (DX)
	VADDPS 32(DX), Y1, Y1
	VMOVUPS Y1, 32(DX)
	ADDQ R8, DX
	VADDPS (DX), Y2, Y2
	VMOVUPS Y2, (DX)
	VADDPS 32(DX), Y3, Y3
	VMOVUPS Y3, 32(DX)
	ADDQ R8, DX
	VADDPS (DX), Y4, Y4
	VMOVUPS Y4, (DX)
	VADDPS 32(DX), Y5, Y5
	VMOVUPS Y5, 32(DX)
	ADDQ R8, DX
	VADDPS (DX), Y6, Y6
	VMOVUPS Y6, (DX)
	VADDPS 32(DX), Y7, Y7
	VMOVUPS Y7, 32(DX)
	ADDQ R8, DX
	VADDPS (DX), Y8, Y8
	VMOVUPS Y8, (DX)
	VADDPS 32(DX), Y9, Y9
	VMOVUPS Y9, 32(DX)
	ADDQ R8, DX
	VADDPS (DX), Y10, Y10
	VMOVUPS Y10, (DX)
	VADDPS 32(DX), Y11, Y11
	VMOVUPS Y11, 32(DX)
	VZEROUPPER
	RET

// func expAVX2(dst, src *float32, n int)
// dst[i] = exp32(src[i]) for i < n (n a multiple of 8), eight at a time,
// the same operations in the same order as exp32 (no FMA), so each lane is
// bit-identical to exp32 for inputs in (-87, 88); inputs outside are
// clamped and the caller recomputes them.
// Y15 lo, Y14 hi, Y13 log2e, Y12 magic, Y11 ln2 hi, Y10 ln2 lo, Y9 1.0,
// Y8 127 (int32); polynomial coefficients are broadcast from AX each time.
TEXT ·expAVX2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	SHRQ $3, CX
	JZ edone
	MOVL $0xc2ae0000, AX
	VMOVD AX, X15
	VPBROADCASTD X15, Y15
	MOVL $0x42b00000, AX
	VMOVD AX, X14
	VPBROADCASTD X14, Y14
	MOVL $0x3fb8aa3b, AX
	VMOVD AX, X13
	VPBROADCASTD X13, Y13
	MOVL $0x4b400000, AX
	VMOVD AX, X12
	VPBROADCASTD X12, Y12
	MOVL $0x3f318000, AX
	VMOVD AX, X11
	VPBROADCASTD X11, Y11
	MOVL $0xb95e8083, AX
	VMOVD AX, X10
	VPBROADCASTD X10, Y10
	MOVL $0x3f800000, AX
	VMOVD AX, X9
	VPBROADCASTD X9, Y9
	MOVL $127, AX
	VMOVD AX, X8
	VPBROADCASTD X8, Y8
	MOVL $0x39506967, AX
	VMOVD AX, X7
	VPBROADCASTD X7, Y7
	MOVL $0x3ab743ce, AX
	VMOVD AX, X6
	VPBROADCASTD X6, Y6
eloop:
	VMOVUPS (SI), Y0
	VMAXPS Y15, Y0, Y0
	VMINPS Y14, Y0, Y0
	VMULPS Y13, Y0, Y1
	VADDPS Y12, Y1, Y1
	VSUBPS Y12, Y1, Y2
	VMULPS Y11, Y2, Y3
	VSUBPS Y3, Y0, Y3
	VMULPS Y10, Y2, Y4
	VSUBPS Y4, Y3, Y3
	VMULPS Y7, Y3, Y4
	VADDPS Y6, Y4, Y4
	VMULPS Y3, Y4, Y4
	MOVL $0x3c088908, AX
	VMOVD AX, X5
	VPBROADCASTD X5, Y5
	VADDPS Y5, Y4, Y4
	VMULPS Y3, Y4, Y4
	MOVL $0x3d2aa9c1, AX
	VMOVD AX, X5
	VPBROADCASTD X5, Y5
	VADDPS Y5, Y4, Y4
	VMULPS Y3, Y4, Y4
	MOVL $0x3e2aaaaa, AX
	VMOVD AX, X5
	VPBROADCASTD X5, Y5
	VADDPS Y5, Y4, Y4
	VMULPS Y3, Y4, Y4
	MOVL $0x3f000000, AX
	VMOVD AX, X5
	VPBROADCASTD X5, Y5
	VADDPS Y5, Y4, Y4
	VMULPS Y3, Y4, Y4
	VMULPS Y3, Y4, Y4
	VADDPS Y3, Y4, Y4
	VADDPS Y9, Y4, Y4
	VPSUBD Y12, Y1, Y5
	VPADDD Y8, Y5, Y5
	VPSLLD $23, Y5, Y5
	VMULPS Y5, Y4, Y4
	VMOVUPS Y4, (DI)
	ADDQ $32, SI
	ADDQ $32, DI
	DECQ CX
	JNZ eloop
	VZEROUPPER
edone:
	RET

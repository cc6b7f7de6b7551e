package gguf

import "math"

// Float16ToFloat32 converts IEEE binary16 bits to float32 exactly as ggml's
// ggml_compute_fp16_to_fp32 (ggml-impl.h) does. The conversion is exact for
// every finite value and infinity; NaNs keep their payload (quietened).
func Float16ToFloat32(h uint16) float32 {
	w := uint32(h) << 16
	sign := w & 0x80000000
	twoW := w + w

	const expOffset = uint32(0xE0) << 23
	expScale := math.Float32frombits(0x07800000) // 0x1.0p-112f
	normalized := math.Float32frombits((twoW>>4)+expOffset) * expScale

	const magicMask = uint32(126) << 23
	const magicBias = float32(0.5)
	denormalized := math.Float32frombits((twoW>>17)|magicMask) - magicBias

	const denormalizedCutoff = uint32(1) << 27
	var bits uint32
	if twoW < denormalizedCutoff {
		bits = math.Float32bits(denormalized)
	} else {
		bits = math.Float32bits(normalized)
	}
	return math.Float32frombits(sign | bits)
}

// Float32ToFloat16 converts a float32 to IEEE binary16 bits with
// round-to-nearest-even, exactly as ggml's ggml_compute_fp32_to_fp16
// (ggml-impl.h, the portable path used by ggml_fp32_to_fp16): overflow gives
// infinity, underflow gives (signed) zero or a subnormal, and every NaN
// becomes the quiet NaN 0x7E00 with the input's sign.
func Float32ToFloat16(f float32) uint16 {
	scaleToInf := math.Float32frombits(0x77800000)  // 0x1.0p+112f
	scaleToZero := math.Float32frombits(0x08800000) // 0x1.0p-110f
	// The explicit conversions keep Go from fusing these products with the
	// addition below (ggml computes them as separately rounded operations).
	base := float32(float32(abs32(f)*scaleToInf) * scaleToZero)

	w := math.Float32bits(f)
	shl1W := w + w
	sign := w & 0x80000000
	bias := shl1W & 0xFF000000
	if bias < 0x71000000 {
		bias = 0x71000000
	}

	base = math.Float32frombits((bias>>1)+0x07800000) + base
	bits := math.Float32bits(base)
	expBits := (bits >> 13) & 0x00007C00
	mantissaBits := bits & 0x00000FFF
	nonsign := expBits + mantissaBits
	if shl1W > 0xFF000000 {
		return uint16(sign>>16) | 0x7E00
	}
	return uint16(sign>>16) | uint16(nonsign)
}

// abs32 is fabsf: it clears the sign bit.
func abs32(f float32) float32 {
	return math.Float32frombits(math.Float32bits(f) &^ 0x80000000)
}

// BFloat16ToFloat32 converts bfloat16 bits to float32 like ggml's
// ggml_compute_bf16_to_fp32 (a 16-bit left shift; exact).
func BFloat16ToFloat32(h uint16) float32 {
	return math.Float32frombits(uint32(h) << 16)
}

// Float32ToBFloat16 converts a float32 to bfloat16 bits like ggml's
// ggml_compute_fp32_to_bf16: round-to-nearest-even, and NaNs are forced
// quiet (0x40 set) with their sign and top payload bits kept.
func Float32ToBFloat16(f float32) uint16 {
	u := math.Float32bits(f)
	if u&0x7fffffff > 0x7f800000 { // nan
		return uint16(u>>16) | 64 // force to quiet
	}
	return uint16((u + (0x7fff + ((u >> 16) & 1))) >> 16)
}

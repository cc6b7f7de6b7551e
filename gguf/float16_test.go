package gguf

import (
	"math"
	"math/bits"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// refF16ToF32 is an independent binary16 decoder built from the IEEE
// definition with math.Ldexp (exact in float64, then exactly representable
// in float32). NaNs are returned quietened with their payload, as ggml does.
func refF16ToF32(h uint16) float32 {
	sign := uint32(h>>15) << 31
	exp := int(h>>10) & 0x1F
	man := uint32(h & 0x3FF)
	switch {
	case exp == 0x1F && man == 0:
		return math.Float32frombits(sign | 0x7F800000)
	case exp == 0x1F:
		return math.Float32frombits(sign | 0x7FC00000 | man<<13)
	case exp == 0:
		v := float32(math.Ldexp(float64(man), -24))
		return math.Float32frombits(sign | math.Float32bits(v))
	default:
		v := float32(math.Ldexp(float64(man|0x400), exp-25))
		return math.Float32frombits(sign | math.Float32bits(v))
	}
}

// refF32ToF16 is an independent float32 -> binary16 conversion with
// round-to-nearest-even on the bit pattern (math.Float32bits). Every NaN
// maps to the canonical quiet NaN 0x7E00 with the input's sign, which is
// what ggml produces.
func refF32ToF16(f float32) uint16 {
	b := math.Float32bits(f)
	sign := uint16(b>>16) & 0x8000
	exp := int((b >> 23) & 0xFF)
	man := b & 0x7FFFFF
	if exp == 0xFF {
		if man != 0 {
			return sign | 0x7E00
		}
		return sign | 0x7C00
	}
	// Value = m * 2^e with an integer significand m (24 bits for normals).
	var m uint32
	var e int
	if exp == 0 {
		m, e = man, -149
	} else {
		m, e = man|0x800000, exp-150
	}
	if m == 0 {
		return sign
	}
	// binary16 quantum: 2^-24 for subnormals and the smallest exponent,
	// otherwise 2^(E-10) for the value's binade E.
	binade := e + 31 - bits.LeadingZeros32(m) // floor(log2(value))
	q := max(binade-10, -24)
	shift := q - e // bits of m below the quantum
	var r uint32
	if shift <= 0 {
		r = m << uint(-shift)
	} else if shift >= 32 {
		r = 0
	} else {
		r = m >> uint(shift)
		rem := m & (1<<uint(shift) - 1)
		half := uint32(1) << uint(shift-1)
		if rem > half || (rem == half && r&1 == 1) {
			r++
		}
	}
	// r is the result in units of 2^q. Re-normalise into binary16 fields.
	// Encode value r*2^q: for q == -24 it is subnormal-or-normal-from-carry.
	v := uint32(0)
	if q == -24 {
		// r < 2^11 here; r >= 2^10 means a normal number with exponent 1.
		v = r // subnormal mantissa; carry into bit 10 becomes exponent 1
	} else {
		// r in [2^10, 2^11], exponent field binade+15.
		ef := uint32(binade + 15)
		if r == 1<<11 { // rounded up to the next binade
			r >>= 1
			ef++
		}
		v = ef<<10 | (r & 0x3FF)
	}
	if v >= 0x7C00 {
		return sign | 0x7C00
	}
	return sign | uint16(v)
}

// TestFloat16ToFloat32Exhaustive decodes all 65536 half values and compares
// with the IEEE reference, bit for bit.
func TestFloat16ToFloat32Exhaustive(t *testing.T) {
	for h := 0; h < 1<<16; h++ {
		got := math.Float32bits(Float16ToFloat32(uint16(h)))
		want := math.Float32bits(refF16ToF32(uint16(h)))
		if got != want {
			t.Fatalf("Float16ToFloat32(%#04x) = %#08x, want %#08x", h, got, want)
		}
	}
}

// TestFloat32ToFloat16Edges checks hand-picked edge cases: signed zeros,
// subnormals, the largest finite value, overflow, infinities, NaNs and
// rounding ties (which go to the even neighbour).
func TestFloat32ToFloat16Edges(t *testing.T) {
	fromBits := math.Float32frombits
	tests := []struct {
		name string
		in   float32
		want uint16
	}{
		{"zero", 0, 0x0000},
		{"negative zero", fromBits(0x80000000), 0x8000},
		{"one", 1, 0x3C00},
		{"minus two", -2, 0xC000},
		{"0.1 rounds down", 0.1, 0x2E66},
		{"max finite", 65504, 0x7BFF},
		{"below overflow tie rounds to max", 65519.99, 0x7BFF},
		{"overflow tie rounds to even (inf)", 65520, 0x7C00},
		{"large overflow", 1e10, 0x7C00},
		{"max float32", math.MaxFloat32, 0x7C00},
		{"+inf", float32(math.Inf(1)), 0x7C00},
		{"-inf", float32(math.Inf(-1)), 0xFC00},
		{"nan", float32(math.NaN()), 0x7E00},
		{"negative nan", fromBits(0xFFC00001), 0xFE00},
		{"signalling nan", fromBits(0x7F800001), 0x7E00},
		{"smallest normal", 6.103515625e-05, 0x0400},
		{"largest subnormal", 6.097555160522461e-05, 0x03FF},
		{"smallest subnormal", 5.960464477539063e-08, 0x0001},
		{"half smallest subnormal ties to zero", 2.9802322387695312e-08, 0x0000},
		{"just above half smallest subnormal", fromBits(0x33000001), 0x0001},
		{"1.5 smallest subnormal ties to even (2)", 8.940696716308594e-08, 0x0002},
		{"2.5 smallest subnormal ties to even (2)", 1.4901161193847656e-07, 0x0002},
		{"float32 subnormal", fromBits(0x00000001), 0x0000},
		{"negative float32 subnormal", fromBits(0x80000001), 0x8000},
		{"tie 1+2^-11 to even (1)", 1 + 1.0/2048, 0x3C00},
		{"tie 1+3*2^-11 to even (1+2^-9)", 1 + 3.0/2048, 0x3C02},
		{"above tie rounds up", 1 + 1.0/2048 + 1.0/(1<<20), 0x3C01},
		{"tie below 2 carries into the exponent", 1.99951171875, 0x4000},
		{"subnormal carry to normal", 6.100535392761230e-05, 0x0400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equalf(t, tt.want, Float32ToFloat16(tt.in), "got %#04x", Float32ToFloat16(tt.in))
			assert.Equal(t, tt.want, refF32ToF16(tt.in), "reference disagrees")
		})
	}
}

// TestFloat32ToFloat16Sweep compares with the reference on a dense sample of
// all float32 bit patterns (both signs), and checks that every half value
// survives a round trip through float32.
func TestFloat32ToFloat16Sweep(t *testing.T) {
	const step = 4099 // prime stride: touches every exponent and many mantissas
	for b := uint64(0); b < 1<<32; b += step {
		f := math.Float32frombits(uint32(b))
		if got, want := Float32ToFloat16(f), refF32ToF16(f); got != want {
			t.Fatalf("Float32ToFloat16(%#08x) = %#04x, want %#04x", b, got, want)
		}
	}
	// Every tie point and its neighbours in the normal half range.
	for h := uint32(0); h < 0x7C00; h++ {
		lo := math.Float32bits(refF16ToF32(uint16(h)))
		mid := lo + 1<<12 // halfway to the next half value (normal binades)
		if h < 0x0400 {
			continue // subnormal halves have a coarser float32 spacing; covered by the sweep
		}
		for _, b := range []uint32{mid - 1, mid, mid + 1} {
			f := math.Float32frombits(b)
			require.Equal(t, refF32ToF16(f), Float32ToFloat16(f), "bits %#08x", b)
		}
	}
	for h := 0; h < 1<<16; h++ {
		f := Float16ToFloat32(uint16(h))
		if f != f { // NaN
			assert.Equal(t, uint16(h)&0x8000|0x7E00, Float32ToFloat16(f))
			continue
		}
		require.Equal(t, uint16(h), Float32ToFloat16(f), "half %#04x", h)
	}
}

// TestBFloat16 checks the bfloat16 conversions on edge values.
func TestBFloat16(t *testing.T) {
	assert.Equal(t, float32(1), BFloat16ToFloat32(0x3F80))
	assert.Equal(t, float32(-2), BFloat16ToFloat32(0xC000))
	assert.True(t, math.IsInf(float64(BFloat16ToFloat32(0x7F80)), 1))
	tests := []struct {
		in   uint32
		want uint16
	}{
		{0x3F800000, 0x3F80}, // 1
		{0x3F808000, 0x3F80}, // tie, even stays
		{0x3F818000, 0x3F82}, // tie, odd rounds up
		{0x3F808001, 0x3F81}, // above tie
		{0x7F7FFFFF, 0x7F80}, // max float rounds to inf
		{0x7FC00000, 0x7FC0}, // quiet nan
		{0x7F800001, 0x7FC0}, // signalling nan forced quiet
		{0xFF800001, 0xFFC0}, // negative signalling nan
		{0x00000001, 0x0000}, // tiny subnormal
	}
	for _, tt := range tests {
		assert.Equalf(t, tt.want, Float32ToBFloat16(math.Float32frombits(tt.in)), "in %#08x", tt.in)
	}
}

package gguf

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The block builders below pack logical quantised values (one quant per
// element, per-sub-block scales and mins) into ggml's block layouts
// (ggml-common.h), independently of the decoders, and compute the expected
// values in float64, where they are exact, before one rounding to float32
// (grouped as the C code groups them, which decides the sign of zeros).
//
// That single rounding is also what ggml's C computes: in every supported
// type each product (half scale × 6-bit sub-scale × quant, at most 25
// significant bits) is exact or rounded once, and the affine types then do
// one rounded addition of two exact terms. So the expected values are the
// bit-exact ggml results for any scales, and fused multiply-adds could not
// change them either.

// Half-precision bit patterns of exactly representable scales.
const (
	hHalf     = 0x3800 // 0.5
	hQuarter  = 0x3400 // 0.25
	hTwo      = 0x4000 // 2
	hMinusEig = 0xB000 // -0.125
	hOne      = 0x3C00 // 1
)

// putHalf stores half bits at b[0:2].
func putHalf(b []byte, h uint16) { binary.LittleEndian.PutUint16(b, h) }

// halfVal is the exact value of the scale constants above.
func halfVal(h uint16) float64 { return float64(refF16ToF32(h)) }

// packNibbles stores 32 4-bit quants as ggml's Q4 layouts do: element j in
// the low nibble of byte j, element j+16 in its high nibble.
func packNibbles(dst []byte, q []int) {
	for j := range 16 {
		dst[j] = byte(q[j]&0xF) | byte(q[j+16]&0xF)<<4
	}
}

// packHighBits stores bit 4 of each of 32 quants in a little-endian u32.
func packHighBits(dst []byte, q []int) {
	var qh uint32
	for i := range 32 {
		qh |= uint32(q[i]>>4&1) << uint(i)
	}
	binary.LittleEndian.PutUint32(dst, qh)
}

// blockCase is one dequantisation case: an encoded block and its values.
type blockCase struct {
	typ  Type
	data []byte
	want []float32
}

// buildQ4_0: y = (q-8)*d.
func buildQ4_0(r *rand.Rand, d uint16) blockCase {
	q := randInts(r, 32, 0, 15)
	b := make([]byte, 18)
	putHalf(b, d)
	packNibbles(b[2:], q)
	want := make([]float32, 32)
	for i := range want {
		want[i] = float32(float64(q[i]-8) * halfVal(d))
	}
	return blockCase{TypeQ4_0, b, want}
}

// buildQ4_1: y = q*d + m.
func buildQ4_1(r *rand.Rand, d, m uint16) blockCase {
	q := randInts(r, 32, 0, 15)
	b := make([]byte, 20)
	putHalf(b, d)
	putHalf(b[2:], m)
	packNibbles(b[4:], q)
	want := make([]float32, 32)
	for i := range want {
		want[i] = float32(float64(q[i])*halfVal(d) + halfVal(m))
	}
	return blockCase{TypeQ4_1, b, want}
}

// buildQ5_0: y = (q-16)*d with a 5th bit per quant in qh.
func buildQ5_0(r *rand.Rand, d uint16) blockCase {
	q := randInts(r, 32, 0, 31)
	b := make([]byte, 22)
	putHalf(b, d)
	packHighBits(b[2:], q)
	packNibbles(b[6:], q)
	want := make([]float32, 32)
	for i := range want {
		want[i] = float32(float64(q[i]-16) * halfVal(d))
	}
	return blockCase{TypeQ5_0, b, want}
}

// buildQ5_1: y = q*d + m with a 5th bit per quant in qh.
func buildQ5_1(r *rand.Rand, d, m uint16) blockCase {
	q := randInts(r, 32, 0, 31)
	b := make([]byte, 24)
	putHalf(b, d)
	putHalf(b[2:], m)
	packHighBits(b[4:], q)
	packNibbles(b[8:], q)
	want := make([]float32, 32)
	for i := range want {
		want[i] = float32(float64(q[i])*halfVal(d) + halfVal(m))
	}
	return blockCase{TypeQ5_1, b, want}
}

// buildQ8_0: y = q*d with signed bytes.
func buildQ8_0(r *rand.Rand, d uint16) blockCase {
	q := randInts(r, 32, -128, 127)
	b := make([]byte, 34)
	putHalf(b, d)
	for i := range q {
		b[2+i] = byte(int8(q[i]))
	}
	want := make([]float32, 32)
	for i := range want {
		want[i] = float32(float64(q[i]) * halfVal(d))
	}
	return blockCase{TypeQ8_0, b, want}
}

// buildQ2_K: 16 sub-blocks of 16; y = d*sc*q - dmin*m with 4-bit sc and m
// and 2-bit q. Element e lives in byte 32*(e/128) + e%32 at bit
// 2*((e%128)/32); its sub-block is e/16.
func buildQ2_K(r *rand.Rand, d, dmin uint16) blockCase {
	q := randInts(r, 256, 0, 3)
	sc := randInts(r, 16, 0, 15)
	mn := randInts(r, 16, 0, 15)
	b := make([]byte, 84)
	for s := range 16 {
		b[s] = byte(sc[s] | mn[s]<<4)
	}
	for e := range 256 {
		b[16+32*(e/128)+e%32] |= byte(q[e] << uint(2*((e%128)/32)))
	}
	putHalf(b[80:], d)
	putHalf(b[82:], dmin)
	want := make([]float32, 256)
	for e := range want {
		s := e / 16
		want[e] = float32(halfVal(d)*float64(sc[s])*float64(q[e]) - halfVal(dmin)*float64(mn[s]))
	}
	return blockCase{TypeQ2_K, b, want}
}

// buildQ3_K: 16 sub-blocks of 16; y = d*(sc-32)*(q-4*(1-hbit)) with 6-bit
// scales packed in 12 bytes, 2 low quant bits like Q2_K and the high bit in
// hmask[e%32] bit (e/32).
func buildQ3_K(r *rand.Rand, d uint16) blockCase {
	q := randInts(r, 256, 0, 7) // 3-bit value; stored value is q-4
	sc := randInts(r, 16, 0, 63)
	b := make([]byte, 110)
	for e := range 256 {
		if q[e]&4 != 0 {
			b[e%32] |= 1 << uint(e/32)
		}
		b[32+32*(e/128)+e%32] |= byte((q[e] & 3) << uint(2*((e%128)/32)))
	}
	for s := range 16 {
		lo, hi := byte(sc[s]&0xF), byte(sc[s]>>4)
		if s < 8 {
			b[96+s] |= lo
		} else {
			b[96+s-8] |= lo << 4
		}
		b[96+8+s%4] |= hi << uint(2*(s/4))
	}
	putHalf(b[108:], d)
	want := make([]float32, 256)
	for e := range want {
		want[e] = float32(halfVal(d) * float64(sc[e/16]-32) * float64(q[e]-4))
	}
	return blockCase{TypeQ3_K, b, want}
}

// packScaleMinK4 packs eight 6-bit scales and mins as get_scale_min_k4
// unpacks them.
func packScaleMinK4(dst []byte, sc, mn []int) {
	for j := range 4 {
		dst[j] = byte(sc[j]) | byte(sc[j+4]>>4)<<6
		dst[j+4] = byte(mn[j]) | byte(mn[j+4]>>4)<<6
		dst[j+8] = byte(sc[j+4]&0xF) | byte(mn[j+4]&0xF)<<4
	}
}

// buildQ4_K: 8 sub-blocks of 32; y = d*sc*q - dmin*m. Element e is in chunk
// c = e/64: byte 32*c + e%32, low nibble for the first 32 of the chunk.
func buildQ4_K(r *rand.Rand, d, dmin uint16) blockCase {
	q := randInts(r, 256, 0, 15)
	sc := randInts(r, 8, 0, 63)
	mn := randInts(r, 8, 0, 63)
	b := make([]byte, 144)
	putHalf(b, d)
	putHalf(b[2:], dmin)
	packScaleMinK4(b[4:16], sc, mn)
	for e := range 256 {
		b[16+32*(e/64)+e%32] |= byte(q[e] << uint(4*((e%64)/32)))
	}
	want := make([]float32, 256)
	for e := range want {
		s := e / 32
		want[e] = float32(halfVal(d)*float64(sc[s])*float64(q[e]) - halfVal(dmin)*float64(mn[s]))
	}
	return blockCase{TypeQ4_K, b, want}
}

// buildQ5_K: Q4_K plus a 5th bit in qh[e%32] bit (e/32).
func buildQ5_K(r *rand.Rand, d, dmin uint16) blockCase {
	q := randInts(r, 256, 0, 31)
	sc := randInts(r, 8, 0, 63)
	mn := randInts(r, 8, 0, 63)
	b := make([]byte, 176)
	putHalf(b, d)
	putHalf(b[2:], dmin)
	packScaleMinK4(b[4:16], sc, mn)
	for e := range 256 {
		if q[e]&16 != 0 {
			b[16+e%32] |= 1 << uint(e/32)
		}
		b[48+32*(e/64)+e%32] |= byte((q[e] & 0xF) << uint(4*((e%64)/32)))
	}
	want := make([]float32, 256)
	for e := range want {
		s := e / 32
		want[e] = float32(halfVal(d)*float64(sc[s])*float64(q[e]) - halfVal(dmin)*float64(mn[s]))
	}
	return blockCase{TypeQ5_K, b, want}
}

// buildQ6_K: 16 sub-blocks of 16 with int8 scales; y = d*sc*(q-32). In half
// h = e/128, quarter k = (e%128)/32, l = e%32: the low nibble is in
// ql[64h + l + 32*(k%2)] (high nibble when k >= 2), the top two bits in
// qh[32h + l] at bit 2k.
func buildQ6_K(r *rand.Rand, d uint16) blockCase {
	q := randInts(r, 256, 0, 63)
	sc := randInts(r, 16, -128, 127)
	b := make([]byte, 210)
	for e := range 256 {
		h, k, l := e/128, (e%128)/32, e%32
		b[64*h+l+32*(k%2)] |= byte((q[e] & 0xF) << uint(4*(k/2)))
		b[128+32*h+l] |= byte((q[e] >> 4) << uint(2*k))
	}
	for s := range 16 {
		b[192+s] = byte(int8(sc[s]))
	}
	putHalf(b[208:], d)
	want := make([]float32, 256)
	for e := range want {
		want[e] = float32(halfVal(d) * float64(sc[e/16]) * float64(q[e]-32))
	}
	return blockCase{TypeQ6_K, b, want}
}

// buildQ8_K: float32 d, 256 int8 quants and 16 ignored int16 sums.
func buildQ8_K(r *rand.Rand, d float32) blockCase {
	q := randInts(r, 256, -128, 127)
	b := make([]byte, 292)
	binary.LittleEndian.PutUint32(b, math.Float32bits(d))
	for i := range q {
		b[4+i] = byte(int8(q[i]))
	}
	want := make([]float32, 256)
	for i := range want {
		want[i] = float32(float64(d) * float64(q[i]))
	}
	return blockCase{TypeQ8_K, b, want}
}

// randInts returns n integers in [lo, hi].
func randInts(r *rand.Rand, n, lo, hi int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = lo + r.IntN(hi-lo+1)
	}
	return out
}

// TestDequantizeBlocks dequantises hand-packed blocks of every quantised
// type, single and concatenated, and compares with the expected values.
func TestDequantizeBlocks(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	builders := []struct {
		name  string
		build func() blockCase
	}{
		{"q4_0", func() blockCase { return buildQ4_0(r, hHalf) }},
		{"q4_0 neg", func() blockCase { return buildQ4_0(r, hMinusEig) }},
		{"q4_1", func() blockCase { return buildQ4_1(r, hQuarter, hMinusEig) }},
		{"q5_0", func() blockCase { return buildQ5_0(r, hTwo) }},
		{"q5_1", func() blockCase { return buildQ5_1(r, hHalf, hTwo) }},
		{"q8_0", func() blockCase { return buildQ8_0(r, hQuarter) }},
		{"q2_k", func() blockCase { return buildQ2_K(r, hHalf, hQuarter) }},
		{"q3_k", func() blockCase { return buildQ3_K(r, hQuarter) }},
		{"q4_k", func() blockCase { return buildQ4_K(r, hHalf, hMinusEig) }},
		{"q5_k", func() blockCase { return buildQ5_K(r, hQuarter, hOne) }},
		{"q6_k", func() blockCase { return buildQ6_K(r, hMinusEig) }},
		{"q8_k", func() blockCase { return buildQ8_K(r, 0.375) }},
	}
	for _, bld := range builders {
		t.Run(bld.name, func(t *testing.T) {
			// Three blocks in a row, to check the block stride.
			var data []byte
			var want []float32
			var typ Type
			for range 3 {
				c := bld.build()
				require.Len(t, c.data, c.typ.TypeSize())
				typ = c.typ
				data = append(data, c.data...)
				want = append(want, c.want...)
			}
			got, err := Dequantize(typ, data, len(want))
			require.NoError(t, err)
			assert.Equal(t, want, got)

			dst := make([]float32, len(want))
			require.NoError(t, DequantizeInto(dst, typ, data))
			assert.Equal(t, want, dst)
		})
	}
}

// TestDequantizeLiterals checks a few values worked out by hand from the C
// code, independently of the block builders.
func TestDequantizeLiterals(t *testing.T) {
	// Q4_0: d = 0.5; qs[0] = 0x1F -> y[0] = (15-8)*0.5, y[16] = (1-8)*0.5.
	q40 := make([]byte, 18)
	putHalf(q40, hHalf)
	q40[2] = 0x1F
	y, err := Dequantize(TypeQ4_0, q40, 32)
	require.NoError(t, err)
	assert.Equal(t, float32(3.5), y[0])
	assert.Equal(t, float32(-3.5), y[16])
	assert.Equal(t, float32(-4), y[1]) // zero nibble -> -8*0.5

	// Q4_1: d = 0.25, m = -0.125; qs[3] = 0xA5 -> y[3] = 5*0.25-0.125, y[19] = 10*0.25-0.125.
	q41 := make([]byte, 20)
	putHalf(q41, hQuarter)
	putHalf(q41[2:], hMinusEig)
	q41[4+3] = 0xA5
	y, err = Dequantize(TypeQ4_1, q41, 32)
	require.NoError(t, err)
	assert.Equal(t, float32(1.125), y[3])
	assert.Equal(t, float32(2.375), y[19])
	assert.Equal(t, float32(-0.125), y[0])

	// Q5_0: d = 1; qh bit 17 set, qs[1] = 0x30 -> y[17] = (0x13-16)*1 = 3, y[1] = (0-16).
	q50 := make([]byte, 22)
	putHalf(q50, hOne)
	binary.LittleEndian.PutUint32(q50[2:], 1<<17)
	q50[6+1] = 0x30
	y, err = Dequantize(TypeQ5_0, q50, 32)
	require.NoError(t, err)
	assert.Equal(t, float32(3), y[17])
	assert.Equal(t, float32(-16), y[1])

	// Q8_0: d = 2; qs[5] = -3 -> -6.
	q80 := make([]byte, 34)
	putHalf(q80, hTwo)
	q80[2+5] = 0xFD
	y, err = Dequantize(TypeQ8_0, q80, 32)
	require.NoError(t, err)
	assert.Equal(t, float32(-6), y[5])

	// Q4_K: d = 1, dmin = 0.5; scales bytes: sc0 = 3 (byte 0), m0 = 2 (byte 4);
	// sub-block 5 (j=5 >= 4): sc = (b[9]&0xF) | (b[1]>>6)<<4, m = (b[9]>>4) | (b[5]>>6)<<4.
	// qs[0] = 0x07 -> y[0] = 1*3*7 - 0.5*2 = 20.
	// b[1] = 0x40, b[9] = 0x21, b[5] = 0xC0 -> sc5 = 1|16 = 17, m5 = 2|48 = 50;
	// sub-block 5 = chunk 2 high nibbles: qs[64+l]>>4. qs[64] = 0x30 -> y[160] = 17*3 - 0.5*50 = 26.
	q4k := make([]byte, 144)
	putHalf(q4k, hOne)
	putHalf(q4k[2:], hHalf)
	q4k[4+0], q4k[4+4] = 3, 2
	q4k[4+1], q4k[4+9], q4k[4+5] = 0x40, 0x21, 0xC0
	q4k[16+0] = 0x07
	q4k[16+64] = 0x30
	y, err = Dequantize(TypeQ4_K, q4k, 256)
	require.NoError(t, err)
	assert.Equal(t, float32(20), y[0])
	assert.Equal(t, float32(26), y[160])

	// Q6_K: d = 0.5; scales[0] = -2; ql[0] = 0x05, qh[0] = 0x02 -> q1 = 5|(2<<4) = 37,
	// y[0] = 0.5*-2*(37-32) = -5. y[64] uses ql[0]>>4 = 0 and qh bits 4-5 = 0:
	// scales[4] = 3 -> 0.5*3*(0-32) = -48.
	q6k := make([]byte, 210)
	q6k[0] = 0x05
	q6k[128] = 0x02
	q6k[192+0] = 0xFE
	q6k[192+4] = 3
	putHalf(q6k[208:], hHalf)
	y, err = Dequantize(TypeQ6_K, q6k, 256)
	require.NoError(t, err)
	assert.Equal(t, float32(-5), y[0])
	assert.Equal(t, float32(-48), y[64])

	// F16/BF16/F32 pass-through values.
	y, err = Dequantize(TypeF16, []byte{0x00, 0x3C, 0x00, 0xC0}, 2)
	require.NoError(t, err)
	assert.Equal(t, []float32{1, -2}, y)
	y, err = Dequantize(TypeBF16, []byte{0x80, 0x3F, 0x40, 0xC0}, 2)
	require.NoError(t, err)
	assert.Equal(t, []float32{1, -3}, y)
	y, err = Dequantize(TypeF32, []byte{0, 0, 0x80, 0x3F}, 1)
	require.NoError(t, err)
	assert.Equal(t, []float32{1}, y)
}

// randHalf returns a random finite half-precision bit pattern (any sign,
// subnormals included).
func randHalf(r *rand.Rand) uint16 {
	for {
		h := uint16(r.Uint32())
		if h&0x7C00 != 0x7C00 {
			return h
		}
	}
}

// TestDequantizeRandomScales decodes blocks with random finite scales and
// mins, where products and sums round, and checks bit-exact agreement with
// the correctly rounded float64 reference.
func TestDequantizeRandomScales(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	builders := map[string]func() blockCase{
		"q4_0": func() blockCase { return buildQ4_0(r, randHalf(r)) },
		"q4_1": func() blockCase { return buildQ4_1(r, randHalf(r), randHalf(r)) },
		"q5_0": func() blockCase { return buildQ5_0(r, randHalf(r)) },
		"q5_1": func() blockCase { return buildQ5_1(r, randHalf(r), randHalf(r)) },
		"q8_0": func() blockCase { return buildQ8_0(r, randHalf(r)) },
		"q2_k": func() blockCase { return buildQ2_K(r, randHalf(r), randHalf(r)) },
		"q3_k": func() blockCase { return buildQ3_K(r, randHalf(r)) },
		"q4_k": func() blockCase { return buildQ4_K(r, randHalf(r), randHalf(r)) },
		"q5_k": func() blockCase { return buildQ5_K(r, randHalf(r), randHalf(r)) },
		"q6_k": func() blockCase { return buildQ6_K(r, randHalf(r)) },
		"q8_k": func() blockCase { return buildQ8_K(r, math.Float32frombits(r.Uint32()&0xBFFFFFFF)) },
	}
	for name, build := range builders {
		t.Run(name, func(t *testing.T) {
			for range 200 {
				c := build()
				got, err := Dequantize(c.typ, c.data, len(c.want))
				require.NoError(t, err)
				for i := range got {
					if math.Float32bits(got[i]) != math.Float32bits(c.want[i]) {
						t.Fatalf("element %d: got %g (%#08x), want %g (%#08x)", i, got[i], math.Float32bits(got[i]), c.want[i], math.Float32bits(c.want[i]))
					}
				}
			}
		})
	}
}

// TestDequantizeErrors checks argument validation.
func TestDequantizeErrors(t *testing.T) {
	tests := []struct {
		name string
		typ  Type
		data []byte
		n    int
		want string
	}{
		{"unsupported type", TypeIQ2_XXS, make([]byte, 66), 256, "not supported"},
		{"invalid type", Type(99), nil, 0, "not supported"},
		{"not a block multiple", TypeQ4_0, make([]byte, 18), 16, "block size"},
		{"short data", TypeQ4_0, make([]byte, 17), 32, "take 18 bytes, got 17"},
		{"long data", TypeF32, make([]byte, 8), 1, "take 4 bytes, got 8"},
		{"negative count", TypeF32, nil, -1, "bad element count"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Dequantize(tt.typ, tt.data, tt.n)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	assert.Error(t, DequantizeInto(make([]float32, 3), TypeQ8_0, make([]byte, 34)))
}

// TestTypeTraits checks ids, block sizes and block byte sizes against
// ggml.h and ggml-common.h.
func TestTypeTraits(t *testing.T) {
	tests := []struct {
		typ         Type
		id          uint32
		name        string
		block, size int
	}{
		{TypeF32, 0, "f32", 1, 4},
		{TypeF16, 1, "f16", 1, 2},
		{TypeQ4_0, 2, "q4_0", 32, 18},
		{TypeQ4_1, 3, "q4_1", 32, 20},
		{TypeQ5_0, 6, "q5_0", 32, 22},
		{TypeQ5_1, 7, "q5_1", 32, 24},
		{TypeQ8_0, 8, "q8_0", 32, 34},
		{TypeQ8_1, 9, "q8_1", 32, 36},
		{TypeQ2_K, 10, "q2_K", 256, 84},
		{TypeQ3_K, 11, "q3_K", 256, 110},
		{TypeQ4_K, 12, "q4_K", 256, 144},
		{TypeQ5_K, 13, "q5_K", 256, 176},
		{TypeQ6_K, 14, "q6_K", 256, 210},
		{TypeQ8_K, 15, "q8_K", 256, 292},
		{TypeIQ2_XXS, 16, "iq2_xxs", 256, 66},
		{TypeIQ2_XS, 17, "iq2_xs", 256, 74},
		{TypeIQ3_XXS, 18, "iq3_xxs", 256, 98},
		{TypeIQ1_S, 19, "iq1_s", 256, 50},
		{TypeIQ4_NL, 20, "iq4_nl", 32, 18},
		{TypeIQ3_S, 21, "iq3_s", 256, 110},
		{TypeIQ2_S, 22, "iq2_s", 256, 82},
		{TypeIQ4_XS, 23, "iq4_xs", 256, 136},
		{TypeI8, 24, "i8", 1, 1},
		{TypeI16, 25, "i16", 1, 2},
		{TypeI32, 26, "i32", 1, 4},
		{TypeI64, 27, "i64", 1, 8},
		{TypeF64, 28, "f64", 1, 8},
		{TypeIQ1_M, 29, "iq1_m", 256, 56},
		{TypeBF16, 30, "bf16", 1, 2},
		{TypeTQ1_0, 34, "tq1_0", 256, 54},
		{TypeTQ2_0, 35, "tq2_0", 256, 66},
		{TypeMXFP4, 39, "mxfp4", 32, 17},
	}
	for _, tt := range tests {
		assert.EqualValues(t, tt.id, tt.typ, tt.name)
		assert.True(t, tt.typ.Valid(), tt.name)
		assert.Equal(t, tt.name, tt.typ.String())
		assert.Equal(t, tt.block, tt.typ.BlockSize(), tt.name)
		assert.Equal(t, tt.size, tt.typ.TypeSize(), tt.name)
		assert.Equal(t, tt.block > 1, tt.typ.IsQuantized(), tt.name)
	}
	for _, removed := range []Type{4, 5, 31, 32, 33, 36, 37, 38, 40, 1000} {
		assert.False(t, removed.Valid(), "type %d", removed)
		assert.Zero(t, removed.BlockSize())
		_, err := removed.RowSize(32)
		assert.Error(t, err)
	}
	assert.Equal(t, "type(1000)", Type(1000).String())

	rs, err := TypeQ4_1.RowSize(576)
	require.NoError(t, err)
	assert.EqualValues(t, 576/32*20, rs)
	rs, err = TypeF16.RowSize(3)
	require.NoError(t, err)
	assert.EqualValues(t, 6, rs)
	_, err = TypeQ4_K.RowSize(128)
	assert.Error(t, err)
	_, err = TypeF32.RowSize(-1)
	assert.Error(t, err)
	_, err = TypeF32.RowSize(math.MaxInt64)
	assert.Error(t, err)
}

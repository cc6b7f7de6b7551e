package gguf

import (
	"encoding/binary"
	"fmt"
	"math"
)

// The functions below transcribe ggml's reference dequantize_row_* functions
// (ggml-quants.c) operation by operation: C evaluates float expressions left
// to right in float precision (FLT_EVAL_METHOD 0 on x86-64 and arm64),
// converting integer operands to float first, and so does this code, with
// the same grouping (which also decides the sign of zero results).
//
// The results are bit-identical to ggml's whatever the compilers do about
// fused multiply-add: every product here is exact in float32 (a half-precision
// scale has 11 significant bits, sub-block scales at most 8 and quants at
// most 8, and the intermediate products used in additions stay within 22
// bits), so a*b+c rounds once with or without fusion. Products that feed an
// addition are nevertheless wrapped in float32(...), which the Go spec
// guarantees is rounded on its own and never fused.

// dequantizer decodes nb consecutive blocks from x into y (len(y) =
// nb*blockSize, len(x) = nb*typeSize).
type dequantizer func(x []byte, y []float32)

var dequantizers = map[Type]dequantizer{
	TypeF32:  dequantF32,
	TypeF16:  dequantF16,
	TypeBF16: dequantBF16,
	TypeQ4_0: dequantQ4_0,
	TypeQ4_1: dequantQ4_1,
	TypeQ5_0: dequantQ5_0,
	TypeQ5_1: dequantQ5_1,
	TypeQ8_0: dequantQ8_0,
	TypeQ2_K: dequantQ2_K,
	TypeQ3_K: dequantQ3_K,
	TypeQ4_K: dequantQ4_K,
	TypeQ5_K: dequantQ5_K,
	TypeQ6_K: dequantQ6_K,
	TypeQ8_K: dequantQ8_K,
}

// CanDequantize reports whether [Dequantize] supports the type.
func CanDequantize(t Type) bool {
	_, ok := dequantizers[t]
	return ok
}

// Dequantize decodes n elements of type typ from data to float32, matching
// ggml's dequantize_row_* (and ggml_fp16_to_fp32_row / ggml_bf16_to_fp32_row)
// bit for bit. n must be a multiple of the type's block size and len(data)
// must be exactly the encoded size of n elements.
func Dequantize(typ Type, data []byte, n int) ([]float32, error) {
	if n < 0 {
		return nil, fmt.Errorf("gguf: dequantize: bad element count %d", n)
	}
	if err := checkDequant(typ, data, int64(n)); err != nil {
		return nil, err
	}
	out := make([]float32, n)
	dequantizers[typ](data, out)
	return out, nil
}

// DequantizeInto decodes len(dst) elements of type typ from data into dst;
// the requirements are those of [Dequantize].
func DequantizeInto(dst []float32, typ Type, data []byte) error {
	if err := checkDequant(typ, data, int64(len(dst))); err != nil {
		return err
	}
	dequantizers[typ](data, dst)
	return nil
}

// checkDequant validates the arguments of a dequantisation.
func checkDequant(typ Type, data []byte, n int64) error {
	if !CanDequantize(typ) {
		return fmt.Errorf("gguf: dequantizing %s is not supported", typ)
	}
	size, err := typ.RowSize(n)
	if err != nil {
		return err
	}
	if int64(len(data)) != size {
		return fmt.Errorf("gguf: %d elements of %s take %d bytes, got %d", n, typ, size, len(data))
	}
	return nil
}

// f16 reads the little-endian binary16 at b[0:2] as float32 (GGML_FP16_TO_FP32).
func f16(b []byte) float32 {
	return Float16ToFloat32(binary.LittleEndian.Uint16(b))
}

func dequantF32(x []byte, y []float32) {
	for i := range y {
		y[i] = math.Float32frombits(binary.LittleEndian.Uint32(x[4*i:]))
	}
}

func dequantF16(x []byte, y []float32) {
	for i := range y {
		y[i] = f16(x[2*i:])
	}
}

func dequantBF16(x []byte, y []float32) {
	for i := range y {
		y[i] = BFloat16ToFloat32(binary.LittleEndian.Uint16(x[2*i:]))
	}
}

// dequantQ4_0: block_q4_0 { half d; u8 qs[16] }; y = (q-8)*d.
func dequantQ4_0(x []byte, y []float32) {
	const qk, ts = 32, 18
	for i := 0; i < len(y)/qk; i++ {
		b := x[i*ts : (i+1)*ts]
		d := f16(b[0:])
		qs := b[2:]
		yb := y[i*qk : (i+1)*qk]
		for j := 0; j < qk/2; j++ {
			x0 := int32(qs[j]&0x0F) - 8
			x1 := int32(qs[j]>>4) - 8
			yb[j] = float32(x0) * d
			yb[j+qk/2] = float32(x1) * d
		}
	}
}

// dequantQ4_1: block_q4_1 { half d, m; u8 qs[16] }; y = q*d + m.
func dequantQ4_1(x []byte, y []float32) {
	const qk, ts = 32, 20
	for i := 0; i < len(y)/qk; i++ {
		b := x[i*ts : (i+1)*ts]
		d := f16(b[0:])
		m := f16(b[2:])
		qs := b[4:]
		yb := y[i*qk : (i+1)*qk]
		for j := 0; j < qk/2; j++ {
			x0 := int32(qs[j] & 0x0F)
			x1 := int32(qs[j] >> 4)
			yb[j] = float32(float32(x0)*d) + m
			yb[j+qk/2] = float32(float32(x1)*d) + m
		}
	}
}

// dequantQ5_0: block_q5_0 { half d; u8 qh[4]; u8 qs[16] }; y = (q-16)*d.
func dequantQ5_0(x []byte, y []float32) {
	const qk, ts = 32, 22
	for i := 0; i < len(y)/qk; i++ {
		b := x[i*ts : (i+1)*ts]
		d := f16(b[0:])
		qh := binary.LittleEndian.Uint32(b[2:])
		qs := b[6:]
		yb := y[i*qk : (i+1)*qk]
		for j := 0; j < qk/2; j++ {
			xh0 := uint8(((qh >> uint(j)) << 4) & 0x10)
			xh1 := uint8((qh >> uint(j+12)) & 0x10)
			x0 := int32((qs[j]&0x0F)|xh0) - 16
			x1 := int32((qs[j]>>4)|xh1) - 16
			yb[j] = float32(x0) * d
			yb[j+qk/2] = float32(x1) * d
		}
	}
}

// dequantQ5_1: block_q5_1 { half d, m; u8 qh[4]; u8 qs[16] }; y = q*d + m.
func dequantQ5_1(x []byte, y []float32) {
	const qk, ts = 32, 24
	for i := 0; i < len(y)/qk; i++ {
		b := x[i*ts : (i+1)*ts]
		d := f16(b[0:])
		m := f16(b[2:])
		qh := binary.LittleEndian.Uint32(b[4:])
		qs := b[8:]
		yb := y[i*qk : (i+1)*qk]
		for j := 0; j < qk/2; j++ {
			xh0 := uint8(((qh >> uint(j)) << 4) & 0x10)
			xh1 := uint8((qh >> uint(j+12)) & 0x10)
			x0 := int32((qs[j] & 0x0F) | xh0)
			x1 := int32((qs[j] >> 4) | xh1)
			yb[j] = float32(float32(x0)*d) + m
			yb[j+qk/2] = float32(float32(x1)*d) + m
		}
	}
}

// dequantQ8_0: block_q8_0 { half d; i8 qs[32] }; y = q*d.
func dequantQ8_0(x []byte, y []float32) {
	const qk, ts = 32, 34
	for i := 0; i < len(y)/qk; i++ {
		b := x[i*ts : (i+1)*ts]
		d := f16(b[0:])
		qs := b[2:]
		yb := y[i*qk : (i+1)*qk]
		for j := 0; j < qk; j++ {
			yb[j] = float32(int8(qs[j])) * d
		}
	}
}

// dequantQ2_K: block_q2_K { u8 scales[16]; u8 qs[64]; half d, dmin }.
func dequantQ2_K(x []byte, y []float32) {
	const ts = 84
	for i := 0; i < len(y)/qkK; i++ {
		b := x[i*ts : (i+1)*ts]
		scales := b[0:16]
		q := b[16:80]
		d := f16(b[80:])
		mn := f16(b[82:])
		yb := y[i*qkK : (i+1)*qkK]
		k := 0
		is := 0
		for n := 0; n < qkK; n += 128 {
			shift := uint(0)
			for j := 0; j < 4; j++ {
				sc := scales[is]
				is++
				dl := d * float32(sc&0xF)
				ml := float32(mn * float32(sc>>4))
				for l := 0; l < 16; l++ {
					yb[k] = float32(dl*float32(int8((q[l]>>shift)&3))) - ml
					k++
				}
				sc = scales[is]
				is++
				dl = d * float32(sc&0xF)
				ml = float32(mn * float32(sc>>4))
				for l := 0; l < 16; l++ {
					yb[k] = float32(dl*float32(int8((q[l+16]>>shift)&3))) - ml
					k++
				}
				shift += 2
			}
			q = q[32:]
		}
	}
}

// dequantQ3_K: block_q3_K { u8 hmask[32]; u8 qs[64]; u8 scales[12]; half d }.
func dequantQ3_K(x []byte, y []float32) {
	const ts = 110
	const kmask1, kmask2 = uint32(0x03030303), uint32(0x0f0f0f0f)
	le := binary.LittleEndian
	for i := 0; i < len(y)/qkK; i++ {
		b := x[i*ts : (i+1)*ts]
		hm := b[0:32]
		q := b[32:96]
		dAll := f16(b[108:])

		var aux [4]uint32
		aux[0] = le.Uint32(b[96:])
		aux[1] = le.Uint32(b[100:])
		aux[2] = le.Uint32(b[104:])
		tmp := aux[2]
		aux[2] = ((aux[0] >> 4) & kmask2) | (((tmp >> 4) & kmask1) << 4)
		aux[3] = ((aux[1] >> 4) & kmask2) | (((tmp >> 6) & kmask1) << 4)
		aux[0] = (aux[0] & kmask2) | (((tmp >> 0) & kmask1) << 4)
		aux[1] = (aux[1] & kmask2) | (((tmp >> 2) & kmask1) << 4)
		var scales [16]int8
		for j := range scales {
			scales[j] = int8(aux[j/4] >> (8 * uint(j%4)))
		}

		yb := y[i*qkK : (i+1)*qkK]
		k := 0
		is := 0
		m := uint8(1)
		for n := 0; n < qkK; n += 128 {
			shift := uint(0)
			for j := 0; j < 4; j++ {
				dl := dAll * float32(int32(scales[is])-32)
				is++
				for l := 0; l < 16; l++ {
					yb[k] = dl * float32(int32(int8((q[l]>>shift)&3))-hmaskSub(hm[l], m))
					k++
				}
				dl = dAll * float32(int32(scales[is])-32)
				is++
				for l := 0; l < 16; l++ {
					yb[k] = dl * float32(int32(int8((q[l+16]>>shift)&3))-hmaskSub(hm[l+16], m))
					k++
				}
				shift += 2
				m <<= 1
			}
			q = q[32:]
		}
	}
}

// hmaskSub is Q3_K's `(hm & m) ? 0 : 4`.
func hmaskSub(hm, m uint8) int32 {
	if hm&m != 0 {
		return 0
	}
	return 4
}

// scaleMinK4 is ggml's get_scale_min_k4: the 6-bit scale and min of
// sub-block j from the 12 packed bytes q.
func scaleMinK4(j int, q []byte) (d, m uint8) {
	if j < 4 {
		return q[j] & 63, q[j+4] & 63
	}
	d = (q[j+4] & 0xF) | ((q[j-4] >> 6) << 4)
	m = (q[j+4] >> 4) | ((q[j-0] >> 6) << 4)
	return d, m
}

// dequantQ4_K: block_q4_K { half d, dmin; u8 scales[12]; u8 qs[128] }.
func dequantQ4_K(x []byte, y []float32) {
	const ts = 144
	for i := 0; i < len(y)/qkK; i++ {
		b := x[i*ts : (i+1)*ts]
		d := f16(b[0:])
		mn := f16(b[2:])
		scales := b[4:16]
		q := b[16:144]
		yb := y[i*qkK : (i+1)*qkK]
		k := 0
		is := 0
		for j := 0; j < qkK; j += 64 {
			sc, m := scaleMinK4(is+0, scales)
			d1 := d * float32(sc)
			m1 := float32(mn * float32(m))
			sc, m = scaleMinK4(is+1, scales)
			d2 := d * float32(sc)
			m2 := float32(mn * float32(m))
			for l := 0; l < 32; l++ {
				yb[k] = float32(d1*float32(q[l]&0xF)) - m1
				k++
			}
			for l := 0; l < 32; l++ {
				yb[k] = float32(d2*float32(q[l]>>4)) - m2
				k++
			}
			q = q[32:]
			is += 2
		}
	}
}

// dequantQ5_K: block_q5_K { half d, dmin; u8 scales[12]; u8 qh[32]; u8 qs[128] }.
func dequantQ5_K(x []byte, y []float32) {
	const ts = 176
	for i := 0; i < len(y)/qkK; i++ {
		b := x[i*ts : (i+1)*ts]
		d := f16(b[0:])
		mn := f16(b[2:])
		scales := b[4:16]
		qh := b[16:48]
		ql := b[48:176]
		yb := y[i*qkK : (i+1)*qkK]
		k := 0
		is := 0
		u1, u2 := uint8(1), uint8(2)
		for j := 0; j < qkK; j += 64 {
			sc, m := scaleMinK4(is+0, scales)
			d1 := d * float32(sc)
			m1 := float32(mn * float32(m))
			sc, m = scaleMinK4(is+1, scales)
			d2 := d * float32(sc)
			m2 := float32(mn * float32(m))
			for l := 0; l < 32; l++ {
				h := int32(0)
				if qh[l]&u1 != 0 {
					h = 16
				}
				yb[k] = float32(d1*float32(int32(ql[l]&0xF)+h)) - m1
				k++
			}
			for l := 0; l < 32; l++ {
				h := int32(0)
				if qh[l]&u2 != 0 {
					h = 16
				}
				yb[k] = float32(d2*float32(int32(ql[l]>>4)+h)) - m2
				k++
			}
			ql = ql[32:]
			is += 2
			u1 <<= 2
			u2 <<= 2
		}
	}
}

// dequantQ6_K: block_q6_K { u8 ql[128]; u8 qh[64]; i8 scales[16]; half d }.
func dequantQ6_K(x []byte, y []float32) {
	const ts = 210
	for i := 0; i < len(y)/qkK; i++ {
		b := x[i*ts : (i+1)*ts]
		ql := b[0:128]
		qh := b[128:192]
		sc := b[192:208]
		d := f16(b[208:])
		yb := y[i*qkK : (i+1)*qkK]
		for n := 0; n < qkK; n += 128 {
			for l := 0; l < 32; l++ {
				is := l / 16
				q1 := int8((ql[l+0]&0xF)|(((qh[l]>>0)&3)<<4)) - 32
				q2 := int8((ql[l+32]&0xF)|(((qh[l]>>2)&3)<<4)) - 32
				q3 := int8((ql[l+0]>>4)|(((qh[l]>>4)&3)<<4)) - 32
				q4 := int8((ql[l+32]>>4)|(((qh[l]>>6)&3)<<4)) - 32
				yb[n+l+0] = float32(d*float32(int8(sc[is+0]))) * float32(q1)
				yb[n+l+32] = float32(d*float32(int8(sc[is+2]))) * float32(q2)
				yb[n+l+64] = float32(d*float32(int8(sc[is+4]))) * float32(q3)
				yb[n+l+96] = float32(d*float32(int8(sc[is+6]))) * float32(q4)
			}
			ql = ql[64:]
			qh = qh[32:]
			sc = sc[8:]
		}
	}
}

// dequantQ8_K: block_q8_K { float d; i8 qs[256]; i16 bsums[16] }; y = d*q.
func dequantQ8_K(x []byte, y []float32) {
	const ts = 292
	for i := 0; i < len(y)/qkK; i++ {
		b := x[i*ts : (i+1)*ts]
		d := math.Float32frombits(binary.LittleEndian.Uint32(b[0:]))
		qs := b[4 : 4+qkK]
		yb := y[i*qkK : (i+1)*qkK]
		for j := 0; j < qkK; j++ {
			yb[j] = d * float32(int8(qs[j]))
		}
	}
}

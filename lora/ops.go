package lora

import (
	"fmt"
	"math"
)

// The kernels below are small, flat and serial unless they say otherwise.
// Activations are row-major (N, width) with N = B·T tokens; a weight in ggml
// ne order {in, out} is row-major (out, in), so a linear layer is y = x·Wᵀ.
// Each forward sits right above its backward; backward kernels accumulate
// (+=) into input gradients so that branches sum without extra buffers.
// The linear and attention kernels take their shape as a small struct
// (linDims, attnDims) and check every operand's length against it on entry:
// a mismatch panics with the kernel, the shape and the operand (checkLen),
// instead of reading a neighbour's rows or failing deep inside gemm.

// checkLen panics when operand name of kernel has the wrong length for the
// shape d: exactly want elements when exact (weights), at least want
// otherwise (activations and scratch, which may be allocated for a larger
// batch than this call uses). formula says how want follows from d.
func checkLen[D fmt.Stringer](kernel string, d D, name string, have, want int, formula string, exact bool) {
	if have == want || (!exact && have > want) {
		return
	}
	rel := "at least "
	if exact {
		rel = ""
	}
	panic(fmt.Sprintf("lora: %s %v: len(%s) = %d, want %s%s = %d", kernel, d, name, have, rel, formula, want))
}

// ---- embedding ----------------------------------------------------------

// embedForward copies row tokens[n] of emb (V, C) into out[n] (N, C).
// The embedding is frozen and has no LoRA, so there is no backward.
func embedForward[F num](out []F, emb *frozenMat[F], tokens []int32) {
	c := emb.cols
	for n, tok := range tokens {
		emb.row(out[n*c:(n+1)*c], int(tok))
	}
}

// ---- RMSNorm ------------------------------------------------------------

// rmsnormForward: out[n] = x[n] · r[n] ⊙ w with r[n] = 1/sqrt(mean(x[n]²)+eps),
// as ggml_rms_norm then ggml_mul (sum of squares in float64, like ggml).
// rstd (N) keeps r for the backward, and for rmsnormApply, which gives out
// again bit for bit, so out need not be kept.
func rmsnormForward[F num](out, rstd, x, w []F, n, c int, eps F) {
	for i := 0; i < n; i++ {
		var ss float64
		for _, v := range x[i*c : (i+1)*c] {
			ss += float64(v * v)
		}
		rstd[i] = 1 / sqrt(F(ss/float64(c))+eps)
	}
	rmsnormApply(out, rstd, x, w, n, c)
}

// rmsnormApply is rmsnormForward with r already in rstd: out[n] = x[n]·r[n] ⊙ w.
func rmsnormApply[F num](out, rstd, x, w []F, n, c int) {
	for i := 0; i < n; i++ {
		xi := x[i*c : (i+1)*c]
		oi := out[i*c : (i+1)*c]
		r := rstd[i]
		for j, v := range xi {
			oi[j] = v * r * w[j]
		}
	}
}

// rmsnormBackward: with x̂ = x·r and g = dout ⊙ w,
// dx += r·(g − x̂·mean(g ⊙ x̂)). The weight w is frozen (no dw).
func rmsnormBackward[F num](dx, dout, x, rstd, w []F, n, c int) {
	for i := 0; i < n; i++ {
		xi := x[i*c : (i+1)*c]
		di := dout[i*c : (i+1)*c]
		dxi := dx[i*c : (i+1)*c]
		r := rstd[i]
		var dot float64
		for j, v := range xi {
			dot += float64(di[j] * w[j] * v * r)
		}
		m := F(dot / float64(c))
		for j, v := range xi {
			dxi[j] += r * (di[j]*w[j] - v*r*m)
		}
	}
}

// ---- linear (frozen weight) + bias ----------------------------------------

// linDims describes one linear-layer call: n token rows, in input and out
// output features, and the LoRA rank (unused by the frozen matmuls).
type linDims struct {
	n, in, out, rank int
}

func (d linDims) String() string {
	return fmt.Sprintf("linDims{n: %d, in: %d, out: %d, rank: %d}", d.n, d.in, d.out, d.rank)
}

// checkWeight checks the frozen weight of a matmul: w (O, I) row-major, or
// pk, its packed copy (k×n as given) when not nil.
func checkWeight[F num](kernel string, d linDims, w []F, pk *packedB[F], k, n int, formula string) {
	if pk == nil {
		checkLen(kernel, d, "w", len(w), d.out*d.in, "out·in", true)
		return
	}
	if pk.k != k || pk.n != n {
		panic(fmt.Sprintf("lora: %s %v: pk is packed %d×%d, want %s = %d×%d", kernel, d, pk.k, pk.n, formula, k, n))
	}
}

// matmulForward: out (N, O) = x (N, I) · wᵀ with w (O, I) row-major (ggml ne
// {I, O}), plus bias (O) if not nil. pk, if not nil, is wᵀ prepacked.
func matmulForward[F num](workers int, out, x, w []F, pk *packedB[F], bias []F, d linDims) {
	const k = "matmulForward"
	checkLen(k, d, "out", len(out), d.n*d.out, "n·out", false)
	checkLen(k, d, "x", len(x), d.n*d.in, "n·in", false)
	checkWeight(k, d, w, pk, d.in, d.out, "in×out (wᵀ)")
	if bias != nil {
		checkLen(k, d, "bias", len(bias), d.out, "out", true)
	}
	n, in, o := d.n, d.in, d.out
	if pk != nil {
		gemmParPacked(workers, n, o, in, rowMajor(x, in), pk, out, o, false)
	} else {
		gemmPar(workers, n, o, in, rowMajor(x, in), trans(w, in), out, o, false)
	}
	if bias != nil {
		for i := 0; i < n; i++ {
			row := out[i*o : (i+1)*o]
			for j, b := range bias {
				row[j] += b
			}
		}
	}
}

// matmulBackward: dx (N, I) += dout (N, O) · w. No gradient for the frozen w
// and bias. pk, if not nil, is w prepacked.
func matmulBackward[F num](workers int, dx, dout, w []F, pk *packedB[F], d linDims) {
	const k = "matmulBackward"
	checkLen(k, d, "dx", len(dx), d.n*d.in, "n·in", false)
	checkLen(k, d, "dout", len(dout), d.n*d.out, "n·out", false)
	checkWeight(k, d, w, pk, d.out, d.in, "out×in (w)")
	n, in, o := d.n, d.in, d.out
	if pk != nil {
		gemmParPacked(workers, n, in, o, rowMajor(dout, o), pk, dx, in, true)
		return
	}
	gemmPar(workers, n, in, o, rowMajor(dout, o), rowMajor(w, in), dx, in, true)
}

// ---- LoRA branch ----------------------------------------------------------

// loraForward adds the low-rank branch to a linear layer's output:
// h = xd·Aᵀ (N, r), out += s·h·Bᵀ, where xd is the (dropped-out) input,
// A is (r, I) and B is (O, r), row-major. tmp is scratch of N·O.
func loraForward[F num](workers int, out, h, tmp, xd, a, b []F, d linDims, s F) {
	const k = "loraForward"
	checkLen(k, d, "out", len(out), d.n*d.out, "n·out", false)
	checkLen(k, d, "h", len(h), d.n*d.rank, "n·rank", false)
	checkLen(k, d, "tmp", len(tmp), d.n*d.out, "n·out", false)
	checkLen(k, d, "xd", len(xd), d.n*d.in, "n·in", false)
	checkLen(k, d, "a", len(a), d.rank*d.in, "rank·in", true)
	checkLen(k, d, "b", len(b), d.out*d.rank, "out·rank", true)
	n, in, o, r := d.n, d.in, d.out, d.rank
	gemmPar(workers, n, r, in, rowMajor(xd, in), trans(a, in), h, r, false)
	gemmPar(workers, n, o, r, rowMajor(h, r), trans(b, r), tmp, o, false)
	add := func(lo, hi int) {
		dst := out[lo:hi]
		for i, v := range tmp[lo:hi] {
			dst[i] += s * v
		}
	}
	if n*o < 1<<15 {
		add(0, n*o)
		return
	}
	parallel(workers, n*o, 64, add)
}

// loraBackward: dB += s·doutᵀ·h, dh = s·dout·B, dA += dhᵀ·xd, dxd = dh·A
// (overwritten, N×I; the caller routes it through the dropout mask into dx).
// dh is scratch of N·r.
func loraBackward[F num](workers int, dxd, dh, da, db, dout, h, xd, a, b []F, d linDims, s F) {
	const k = "loraBackward"
	checkLen(k, d, "dxd", len(dxd), d.n*d.in, "n·in", false)
	checkLen(k, d, "dh", len(dh), d.n*d.rank, "n·rank", false)
	checkLen(k, d, "da", len(da), d.rank*d.in, "rank·in", true)
	checkLen(k, d, "db", len(db), d.out*d.rank, "out·rank", true)
	checkLen(k, d, "dout", len(dout), d.n*d.out, "n·out", false)
	checkLen(k, d, "h", len(h), d.n*d.rank, "n·rank", false)
	checkLen(k, d, "xd", len(xd), d.n*d.in, "n·in", false)
	checkLen(k, d, "a", len(a), d.rank*d.in, "rank·in", true)
	checkLen(k, d, "b", len(b), d.out*d.rank, "out·rank", true)
	n, in, o, r := d.n, d.in, d.out, d.rank
	// doutᵀ·h summed over tokens: (O, N)·(N, r); scale h instead of the
	// product so that db accumulates without a temporary.
	for i, v := range h[:n*r] {
		dh[i] = s * v
	}
	gemmPar(workers, o, r, n, trans(dout, o), rowMajor(dh, r), db, r, true)
	gemmPar(workers, n, r, o, rowMajor(dout, o), rowMajor(b, r), dh, r, false)
	for i := range dh[:n*r] {
		dh[i] *= s
	}
	gemmPar(workers, r, in, n, trans(dh, r), rowMajor(xd, in), da, in, true)
	gemmPar(workers, n, in, r, rowMajor(dh, r), rowMajor(a, in), dxd, in, false)
}

// ---- dropout on the LoRA input ------------------------------------------

// The dropout mask is recomputed in the backward pass rather than stored:
// element i survives when the i%4-th 16-bit field of a SplitMix64 hash of
// (seed, i/4) is at least dropThreshold(p), so one hash serves four
// elements. p is resolved to 1/65536.

// dropHash is the SplitMix64 finaliser of seed + g·φ: the mask bits of
// elements 4g..4g+3.
func dropHash(seed uint64, g int) uint64 {
	z := seed + uint64(g)*0x9E3779B97F4A7C15
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ z>>31
}

// dropThreshold is p scaled to the 16-bit fields of dropHash.
func dropThreshold(p float32) uint64 { return uint64(float64(p) * 65536) }

// dropKeep reports whether element i survives dropout with probability p.
func dropKeep(seed uint64, i int, p float32) bool {
	return dropHash(seed, i>>2)>>(16*(i&3))&0xFFFF >= dropThreshold(p)
}

// dropoutForward: out = x ⊙ keep/(1−p) (inverted dropout, as PyTorch).
// off is the mask index of x[0], so that a tensor can be processed in
// slices (in parallel) with the mask of the whole.
func dropoutForward[F num](out, x []F, seed uint64, p float32, off int) {
	s := F(1 / (1 - float64(p)))
	th := dropThreshold(p)
	var z uint64
	for i, v := range x {
		j := off + i
		if i == 0 || j&3 == 0 {
			z = dropHash(seed, j>>2)
		}
		if z>>(16*(j&3))&0xFFFF >= th {
			out[i] = v * s
		} else {
			out[i] = 0
		}
	}
}

// dropoutBackward: dx += dout ⊙ keep/(1−p), with the same mask (off as in
// dropoutForward).
func dropoutBackward[F num](dx, dout []F, seed uint64, p float32, off int) {
	s := F(1 / (1 - float64(p)))
	th := dropThreshold(p)
	var z uint64
	for i, v := range dout {
		j := off + i
		if i == 0 || j&3 == 0 {
			z = dropHash(seed, j>>2)
		}
		if z>>(16*(j&3))&0xFFFF >= th {
			dx[i] += v * s
		}
	}
}

// ---- RoPE -----------------------------------------------------------------

// ropeTable returns cos and sin (T, nRot/2) of θ = pos·base^(−2i/nRot),
// computed as ggml does (θ multiplied by base^(−2/nRot) in float32 from one
// pair to the next, cos/sin of the float32 angle).
func ropeTable(t, nRot int, base float32) (cos, sin []float32) {
	half := nRot / 2
	cos = make([]float32, t*half)
	sin = make([]float32, t*half)
	scale := float32(math.Pow(float64(base), -2/float64(nRot)))
	for p := 0; p < t; p++ {
		theta := float32(p)
		for i := 0; i < half; i++ {
			cos[p*half+i] = float32(math.Cos(float64(theta)))
			sin[p*half+i] = float32(math.Sin(float64(theta)))
			theta *= scale
		}
	}
	return cos, sin
}

// ropePair returns the indices of the i-th rotated pair within a head:
// adjacent (2i, 2i+1) in NORM mode (llama), halves (i, i+nRot/2) in NEOX
// mode (qwen2).
func ropePair(i, nRot int, neox bool) (int, int) {
	if neox {
		return i, i + nRot/2
	}
	return 2 * i, 2*i + 1
}

// ropeForward rotates, in place, every head of x (N, heads·hd) whose token
// n sits at position n mod T: (x0, x1) ← (x0·cos − x1·sin, x0·sin + x1·cos).
// Dimensions from nRot to hd pass through.
func ropeForward[F num](x []F, cos, sin []F, n, t, heads, hd, nRot int, neox bool) {
	half := nRot / 2
	for tok := 0; tok < n; tok++ {
		c := cos[(tok%t)*half : (tok%t+1)*half]
		s := sin[(tok%t)*half : (tok%t+1)*half]
		for h := 0; h < heads; h++ {
			v := x[(tok*heads+h)*hd : (tok*heads+h+1)*hd]
			for i := 0; i < half; i++ {
				a, b := ropePair(i, nRot, neox)
				x0, x1 := v[a], v[b]
				v[a] = x0*c[i] - x1*s[i]
				v[b] = x0*s[i] + x1*c[i]
			}
		}
	}
}

// ropeBackward applies the transposed rotation to dx in place:
// (d0, d1) ← (d0·cos + d1·sin, −d0·sin + d1·cos).
func ropeBackward[F num](dx []F, cos, sin []F, n, t, heads, hd, nRot int, neox bool) {
	half := nRot / 2
	for tok := 0; tok < n; tok++ {
		c := cos[(tok%t)*half : (tok%t+1)*half]
		s := sin[(tok%t)*half : (tok%t+1)*half]
		for h := 0; h < heads; h++ {
			v := dx[(tok*heads+h)*hd : (tok*heads+h+1)*hd]
			for i := 0; i < half; i++ {
				a, b := ropePair(i, nRot, neox)
				d0, d1 := v[a], v[b]
				v[a] = d0*c[i] + d1*s[i]
				v[b] = -d0*s[i] + d1*c[i]
			}
		}
	}
}

// ---- causal grouped-query attention -------------------------------------

// attnDims describes one attention call: B sequences of T tokens, hq query
// heads sharing hkv key/value heads (head h reads kv head h/(hq/hkv)), head
// width hd, score scale (1/sqrt(hd)).
type attnDims struct {
	b, t, hq, hkv, hd int
	scale             float64
}

func (d attnDims) String() string {
	return fmt.Sprintf("attnDims{b: %d, t: %d, hq: %d, hkv: %d, hd: %d, scale: %g}", d.b, d.t, d.hq, d.hkv, d.hd, d.scale)
}

// The attention kernels check their operands with these: q-shaped (N,
// hq·hd) and kv-shaped (N, hkv·hd) activations with N = b·t, the kept
// causal triangles, and scratch for the workers parallelScratch uses over
// units (b·hq or b·hkv) pieces of work.
func (d attnDims) checkHeads(kernel string) {
	if d.hkv <= 0 || d.hq%d.hkv != 0 {
		panic(fmt.Sprintf("lora: %s %v: hq must be a positive multiple of hkv", kernel, d))
	}
}

func (d attnDims) checkQ(kernel, name string, have int) {
	checkLen(kernel, d, name, have, d.b*d.t*d.hq*d.hd, "b·t·hq·hd", false)
}

func (d attnDims) checkKV(kernel, name string, have int) {
	checkLen(kernel, d, name, have, d.b*d.t*d.hkv*d.hd, "b·t·hkv·hd", false)
}

func (d attnDims) checkAtt(kernel string, have int) {
	checkLen(kernel, d, "att", have, d.b*d.hq*causalLen(d.t), "b·hq·t(t+1)/2", false)
}

func (d attnDims) checkScratch(kernel string, have, workers, units, per int, formula string) {
	checkLen(kernel, d, "scratch", have, max(1, min(workers, units))*per, formula, false)
}

// causalLen is how many entries of a causal (T, T) probability matrix can
// be non-zero: row i holds columns 0..i, T·(T+1)/2 in all.
func causalLen(t int) int { return t * (t + 1) / 2 }

// packCausal copies the causal triangle of p (T, T) into tri (causalLen(T)):
// row i, columns 0..i, at tri[i(i+1)/2:]. Above the diagonal P is zero:
// keeping only the triangle for the backward halves P's memory.
func packCausal[F num](tri, p []F, t int) {
	for i := 0; i < t; i++ {
		copy(tri[causalLen(i):causalLen(i+1)], p[i*t:i*t+i+1])
	}
}

// unpackCausal is packCausal's inverse: p (T, T) gets the triangle and
// zeros above the diagonal.
func unpackCausal[F num](p, tri []F, t int) {
	for i := 0; i < t; i++ {
		copy(p[i*t:i*t+i+1], tri[causalLen(i):causalLen(i+1)])
		clear(p[i*t+i+1 : (i+1)*t])
	}
}

// attentionForward computes, for each sequence b and query head h,
// P = softmax(scale·Q·Kᵀ + causal mask) (T, T) and out_h = P·V into out
// (N, hq·hd), and keeps P's causal triangle (packCausal) for the backward
// in att[(b·hq+h)·causalLen(T):]. q is (N, hq·hd), k and v are (N,
// hkv·hd). Work is split over (b, h) pairs; scratch needs workers·T·T
// elements.
func attentionForward[F num](workers int, out, att, scratch, q, k, v []F, d attnDims) {
	const kn = "attentionForward"
	d.checkHeads(kn)
	d.checkQ(kn, "out", len(out))
	d.checkAtt(kn, len(att))
	d.checkScratch(kn, len(scratch), workers, d.b*d.hq, d.t*d.t, "workers·t·t")
	d.checkQ(kn, "q", len(q))
	d.checkKV(kn, "k", len(k))
	d.checkKV(kn, "v", len(v))
	qs, ks := d.hq*d.hd, d.hkv*d.hd
	tt, tri := d.t*d.t, causalLen(d.t)
	parallelScratch(workers, d.b*d.hq, tt, scratch, func(lo, hi int, p []F) {
		for bh := lo; bh < hi; bh++ {
			b, h := bh/d.hq, bh%d.hq
			g := h / (d.hq / d.hkv)
			qh := q[b*d.t*qs+h*d.hd:]
			kt := mat[F]{k[b*d.t*ks+g*d.hd:], 1, ks}
			for i0 := 0; i0 < d.t; i0 += causalBlock {
				i1 := min(i0+causalBlock, d.t)
				// rows i0..i1 need columns 0..i1 only
				gemm(i1-i0, i1, d.hd, rowMajor(qh[i0*qs:], qs), kt, p[i0*d.t:], d.t, false)
			}
			for i := 0; i < d.t; i++ {
				softmaxCausal(p[i*d.t:(i+1)*d.t], i, F(d.scale))
			}
			attentionHeadOutput(out, p, v, b, h, d)
			packCausal(att[bh*tri:(bh+1)*tri], p, d.t)
		}
	})
}

// attentionOutput recomputes attentionForward's out from the kept
// probabilities (bit for bit: the same P, the same gemm), so that out,
// the input of attn_output, need not be kept for the backward. scratch
// needs workers·T·T elements.
func attentionOutput[F num](workers int, out, att, scratch, v []F, d attnDims) {
	const kn = "attentionOutput"
	d.checkHeads(kn)
	d.checkQ(kn, "out", len(out))
	d.checkAtt(kn, len(att))
	d.checkScratch(kn, len(scratch), workers, d.b*d.hq, d.t*d.t, "workers·t·t")
	d.checkKV(kn, "v", len(v))
	tt, tri := d.t*d.t, causalLen(d.t)
	parallelScratch(workers, d.b*d.hq, tt, scratch, func(lo, hi int, p []F) {
		for bh := lo; bh < hi; bh++ {
			unpackCausal(p, att[bh*tri:(bh+1)*tri], d.t)
			attentionHeadOutput(out, p, v, bh/d.hq, bh%d.hq, d)
		}
	})
}

// attentionHeadOutput: out_h = P·V_g for sequence b, query head h and its
// kv head g, P (T, T) row-major and zero above the diagonal, so rows
// i0..i1 of out need only columns 0..i1 of P (rows 0..i1 of V).
func attentionHeadOutput[F num](out, p, v []F, b, h int, d attnDims) {
	qs, ks := d.hq*d.hd, d.hkv*d.hd
	g := h / (d.hq / d.hkv)
	vh := mat[F]{v[b*d.t*ks+g*d.hd:], ks, 1}
	oh := out[b*d.t*qs+h*d.hd:]
	for i0 := 0; i0 < d.t; i0 += causalBlock {
		i1 := min(i0+causalBlock, d.t)
		gemm(i1-i0, d.hd, i1, rowMajor(p[i0*d.t:], d.t), vh, oh[i0*qs:], qs, false)
	}
}

// causalBlock is the height of the row blocks in which the attention
// gemms walk a causal (T, T) matrix: a block of rows i0..i1 only touches
// columns 0..i1, so at T = 256 they do 59% of the full products' work. 48
// is a multiple of the AVX2 kernel's 6 rows and 16 columns. A variable so
// that tests can make blocks tiny and exercise the edges.
var causalBlock = 48

// softmaxCausal turns row i of raw scores into probabilities over columns
// 0..i (softmax of scale·s, as ggml_soft_max_ext with a causal mask) and
// zeroes the masked columns.
func softmaxCausal[F num](row []F, i int, scale F) {
	mx := F(math.Inf(-1))
	for j := 0; j <= i; j++ {
		row[j] *= scale
		mx = max(mx, row[j])
	}
	for j := 0; j <= i; j++ {
		row[j] -= mx
	}
	expTo(row[:i+1], row[:i+1])
	var sum float64
	for _, e := range row[:i+1] {
		sum += float64(e)
	}
	inv := F(1 / sum)
	for j := 0; j <= i; j++ {
		row[j] *= inv
	}
	clear(row[i+1:])
}

// attentionBackward: for each (b, h) with dO = dout_h and P unpacked from
// att (as attentionForward left it), dP = dO·Vᵀ,
// dS = P ⊙ (dP − rowsum(P ⊙ dP)), dQ = scale·dS·K, dK += scale·dSᵀ·Q,
// dV += Pᵀ·dO. dq is overwritten; dk and dv are overwritten too (zeroed
// here, then summed over the query heads of each kv head). Work is split
// over (b, kv head) so no two workers write the same rows; scratch needs
// workers·2·T·T elements.
func attentionBackward[F num](workers int, dq, dk, dv, dout, att, q, k, v, scratch []F, d attnDims) {
	const kn = "attentionBackward"
	d.checkHeads(kn)
	d.checkQ(kn, "dq", len(dq))
	d.checkKV(kn, "dk", len(dk))
	d.checkKV(kn, "dv", len(dv))
	d.checkQ(kn, "dout", len(dout))
	d.checkAtt(kn, len(att))
	d.checkQ(kn, "q", len(q))
	d.checkKV(kn, "k", len(k))
	d.checkKV(kn, "v", len(v))
	d.checkScratch(kn, len(scratch), workers, d.b*d.hkv, 2*d.t*d.t, "workers·2·t·t")
	qs, ks := d.hq*d.hd, d.hkv*d.hd
	grp := d.hq / d.hkv
	tt, tri := d.t*d.t, causalLen(d.t)
	// Zero dk, dv for the tokens in use.
	clear(dk[:d.b*d.t*ks])
	clear(dv[:d.b*d.t*ks])
	parallelScratch(workers, d.b*d.hkv, 2*tt, scratch, func(lo, hi int, s []F) {
		p, ds := s[:tt], s[tt:]
		for bg := lo; bg < hi; bg++ {
			b, g := bg/d.hkv, bg%d.hkv
			kb := k[b*d.t*ks+g*d.hd:]
			vb := v[b*d.t*ks+g*d.hd:]
			dkb := dk[b*d.t*ks+g*d.hd:]
			dvb := dv[b*d.t*ks+g*d.hd:]
			for h := g * grp; h < (g+1)*grp; h++ {
				unpackCausal(p, att[(b*d.hq+h)*tri:(b*d.hq+h+1)*tri], d.t)
				do := dout[b*d.t*qs+h*d.hd:]
				qh := q[b*d.t*qs+h*d.hd:]
				dqh := dq[b*d.t*qs+h*d.hd:]
				// dS and P are zero above the diagonal: row block i0..i1
				// of dP and dQ needs columns 0..i1, row block j0..j1 of
				// dK and dV needs rows j0..T of dS and P.
				for i0 := 0; i0 < d.t; i0 += causalBlock {
					i1 := min(i0+causalBlock, d.t)
					gemm(i1-i0, i1, d.hd, rowMajor(do[i0*qs:], qs), mat[F]{vb, 1, ks}, ds[i0*d.t:], d.t, false)
				}
				for i := 0; i < d.t; i++ {
					softmaxBackwardRow(ds[i*d.t:(i+1)*d.t], p[i*d.t:(i+1)*d.t], i, F(d.scale))
				}
				for i0 := 0; i0 < d.t; i0 += causalBlock {
					i1 := min(i0+causalBlock, d.t)
					gemm(i1-i0, d.hd, i1, rowMajor(ds[i0*d.t:], d.t), mat[F]{kb, ks, 1}, dqh[i0*qs:], qs, false)
					j0, j1 := i0, i1
					gemm(j1-j0, d.hd, d.t-j0, trans(ds[j0*d.t+j0:], d.t), rowMajor(qh[j0*qs:], qs), dkb[j0*ks:], ks, true)
					gemm(j1-j0, d.hd, d.t-j0, trans(p[j0*d.t+j0:], d.t), rowMajor(do[j0*qs:], qs), dvb[j0*ks:], ks, true)
				}
			}
		}
	})
}

// softmaxBackwardRow turns dP (row i, in place) into scale·dS where
// dS_j = P_j·(dP_j − Σ_k P_k·dP_k) for j ≤ i and 0 beyond.
func softmaxBackwardRow[F num](dp, p []F, i int, scale F) {
	var dot float64
	for j := 0; j <= i; j++ {
		dot += float64(p[j] * dp[j])
	}
	dt := F(dot)
	for j := 0; j <= i; j++ {
		dp[j] = scale * p[j] * (dp[j] - dt)
	}
	clear(dp[i+1:])
}

// ---- SwiGLU ---------------------------------------------------------------

// swigluForward: out = silu(gate) ⊙ up, silu(g) = g·σ(g). If sig is not
// nil it receives σ(gate) for swigluBackward: the model recomputes out in
// its backward instead of keeping it, and this way the exponentials are
// computed once there, as when the backward computed them itself.
func swigluForward[F num](out, sig, gate, up []F) {
	// σ(g) = 1/(1+e^-g), the exponentials a chunk at a time (vectorised)
	var e [256]F
	for lo := 0; lo < len(gate); lo += len(e) {
		g := gate[lo:min(lo+len(e), len(gate))]
		en := e[:len(g)]
		for i, v := range g {
			en[i] = -v
		}
		expTo(en, en)
		o, u := out[lo:lo+len(g)], up[lo:lo+len(g)]
		if sig == nil {
			for i, v := range g {
				o[i] = v * (1 / (1 + en[i])) * u[i]
			}
			continue
		}
		sg := sig[lo : lo+len(g)]
		for i, v := range g {
			s := 1 / (1 + en[i])
			sg[i] = s
			o[i] = v * s * u[i]
		}
	}
}

// swigluBackward: with s = σ(g) from swigluForward's sig,
// dgate = dout·up·s·(1 + g·(1−s)), dup = dout·g·s = dout·silu(g) (both
// overwritten). dgate may be dout itself (each element is read before it
// is written); dup must not alias an input.
func swigluBackward[F num](dgate, dup, dout, gate, up, sig []F) {
	for i, g := range gate {
		s := sig[i]
		dup[i] = dout[i] * g * s
		dgate[i] = dout[i] * up[i] * s * (1 + g*(1-s))
	}
}

// ---- residual ---------------------------------------------------------------

// residualForward: out = a + b.
func residualForward[F num](out, a, b []F) {
	for i := range out {
		out[i] = a[i] + b[i]
	}
}

// The residual's backward is the identity into both branches: the callers
// pass the same gradient buffer on, so it needs no kernel.

// ---- cross-entropy ----------------------------------------------------------

// crossEntropyForward turns one row of logits (V) into probabilities in
// place and returns −log p[target].
func crossEntropyForward[F num](logits []F, target int32) float64 {
	mx := F(math.Inf(-1))
	for _, v := range logits {
		mx = max(mx, v)
	}
	for i := range logits {
		logits[i] -= mx
	}
	expTo(logits, logits)
	var sum float64
	for _, e := range logits {
		sum += float64(e)
	}
	inv := F(1 / sum)
	for i := range logits {
		logits[i] *= inv
	}
	return -math.Log(float64(logits[target]))
}

// crossEntropyBackward turns the probabilities of one row (in place) into
// dlogits = w·(p − onehot(target)), w being the weight of this token in the
// loss (1/Denom).
func crossEntropyBackward[F num](probs []F, target int32, w F) {
	for i := range probs {
		probs[i] *= w
	}
	probs[target] -= w
}

package lora

import (
	"math"
	"math/rand/v2"
	"testing"
)

// Every backward kernel is checked against central finite differences of
// L = Σ out ⊙ G (G random) in float64, where a step of 1e-6 leaves a
// truncation + rounding error near 1e-9, far below the 1e-6 tolerance
// (the brief asks for 1e-3; float64 affords much tighter).

const (
	fdStep = 1e-6
	fdTol  = 1e-6
)

// gradCheck compares analytic with the finite-difference gradient of loss
// with respect to x (perturbed in place), and returns the largest relative
// error |g−fd| / max(|g|, |fd|, floor).
func gradCheck(t *testing.T, name string, x, analytic []float64, loss func() float64) float64 {
	t.Helper()
	var worst float64
	for i := range x {
		orig := x[i]
		x[i] = orig + fdStep
		lp := loss()
		x[i] = orig - fdStep
		lm := loss()
		x[i] = orig
		fd := (lp - lm) / (2 * fdStep)
		den := max(math.Abs(fd), math.Abs(analytic[i]), 1e-4)
		rel := math.Abs(fd-analytic[i]) / den
		worst = max(worst, rel)
		if rel > fdTol || math.IsNaN(analytic[i]) {
			t.Fatalf("%s: d/dx[%d] analytic %.10g, finite difference %.10g (rel err %.3g)", name, i, analytic[i], fd, rel)
		}
	}
	t.Logf("%s: %d elements, max rel err %.2g", name, len(x), worst)
	return worst
}

func dotSum(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func newRand() *rand.Rand { return rand.New(rand.NewPCG(3, 4)) }

func TestRMSNormGrad(t *testing.T) {
	r := newRand()
	n, c := 3, 7
	x, w, g := randSlice[float64](r, n*c), randSlice[float64](r, c), randSlice[float64](r, n*c)
	out, rstd := make([]float64, n*c), make([]float64, n)
	loss := func() float64 { rmsnormForward(out, rstd, x, w, n, c, 1e-5); return dotSum(out, g) }
	loss()
	dx := make([]float64, n*c)
	rmsnormBackward(dx, g, x, rstd, w, n, c)
	gradCheck(t, "rmsnorm dx", x, dx, loss)
}

func TestMatmulGrad(t *testing.T) {
	r := newRand()
	n, in, o := 5, 6, 4
	x, w, bias, g := randSlice[float64](r, n*in), randSlice[float64](r, o*in), randSlice[float64](r, o), randSlice[float64](r, n*o)
	out := make([]float64, n*o)
	loss := func() float64 {
		matmulForward(1, out, x, w, nil, bias, linDims{n: n, in: in, out: o})
		return dotSum(out, g)
	}
	dx := make([]float64, n*in)
	matmulBackward(1, dx, g, w, nil, linDims{n: n, in: in, out: o})
	gradCheck(t, "matmul dx", x, dx, loss)
}

func TestLoRAGrad(t *testing.T) {
	r := newRand()
	n, in, o, rank := 5, 6, 4, 3
	s := 1.7
	x, a, b, g := randSlice[float64](r, n*in), randSlice[float64](r, rank*in), randSlice[float64](r, o*rank), randSlice[float64](r, n*o)
	out, h, tmp := make([]float64, n*o), make([]float64, n*rank), make([]float64, n*o)
	loss := func() float64 {
		clear(out)
		loraForward(1, out, h, tmp, x, a, b, linDims{n: n, in: in, out: o, rank: rank}, s)
		return dotSum(out, g)
	}
	loss()
	dxd, dh, da, db := make([]float64, n*in), make([]float64, n*rank), make([]float64, rank*in), make([]float64, o*rank)
	loraBackward(1, dxd, dh, da, db, g, h, x, a, b, linDims{n: n, in: in, out: o, rank: rank}, s)
	gradCheck(t, "lora dx", x, dxd, loss)
	gradCheck(t, "lora dA", a, da, loss)
	gradCheck(t, "lora dB", b, db, loss)
}

// TestDropoutSlices checks that dropout applied slice by slice, with each
// slice's offset (as the parallel split does), gives the mask of the whole,
// and that the mask agrees with dropKeep.
func TestDropoutSlices(t *testing.T) {
	r := newRand()
	x := randSlice[float32](r, 203)
	whole := make([]float32, len(x))
	dropoutForward(whole, x, 7, 0.25, 0)
	parts := make([]float32, len(x))
	for _, cut := range [][2]int{{0, 5}, {5, 64}, {64, 101}, {101, 203}} {
		dropoutForward(parts[cut[0]:cut[1]], x[cut[0]:cut[1]], 7, 0.25, cut[0])
	}
	for i := range x {
		if parts[i] != whole[i] || (whole[i] != 0) != dropKeep(7, i, 0.25) {
			t.Fatalf("element %d: sliced %g, whole %g, dropKeep %v", i, parts[i], whole[i], dropKeep(7, i, 0.25))
		}
	}
}

func TestDropoutGrad(t *testing.T) {
	r := newRand()
	x, g := randSlice[float64](r, 200), randSlice[float64](r, 200)
	out := make([]float64, len(x))
	p := float32(0.3)
	loss := func() float64 { dropoutForward(out, x, 42, p, 0); return dotSum(out, g) }
	loss()
	dropped := 0
	for _, v := range out {
		if v == 0 {
			dropped++
		}
	}
	if dropped < 30 || dropped > 90 {
		t.Errorf("dropout p=0.3 dropped %d of 200", dropped)
	}
	dx := make([]float64, len(x))
	dropoutBackward(dx, g, 42, p, 0)
	gradCheck(t, "dropout dx", x, dx, loss)
}

func TestRoPEGrad(t *testing.T) {
	for _, neox := range []bool{false, true} {
		r := newRand()
		n, tt, heads, hd, nRot := 6, 3, 2, 8, 6 // two sequences of 3, partial rotation
		x, g := randSlice[float64](r, n*heads*hd), randSlice[float64](r, n*heads*hd)
		cos32, sin32 := ropeTable(tt, nRot, 10000)
		cos, sin := convert[float64](cos32), convert[float64](sin32)
		y := make([]float64, len(x))
		loss := func() float64 {
			copy(y, x)
			ropeForward(y, cos, sin, n, tt, heads, hd, nRot, neox)
			return dotSum(y, g)
		}
		dx := append([]float64(nil), g...)
		ropeBackward(dx, cos, sin, n, tt, heads, hd, nRot, neox)
		name := "rope norm dx"
		if neox {
			name = "rope neox dx"
		}
		gradCheck(t, name, x, dx, loss)
	}
}

// TestRoPEAngles pins the rotation to llama.cpp's definition: pair i of
// position p turns by p·base^(−2i/nRot), NORM pairs adjacent elements.
func TestRoPEAngles(t *testing.T) {
	cos, sin := ropeTable(5, 8, 10000)
	x := []float32{1, 0, 1, 0, 1, 0, 1, 0}
	ropeForward(x, cos[3*4:], sin[3*4:], 1, 1, 1, 8, 8, false)
	for i := 0; i < 4; i++ {
		th := 3 * math.Pow(10000, -2*float64(i)/8)
		if math.Abs(float64(x[2*i])-math.Cos(th)) > 1e-5 || math.Abs(float64(x[2*i+1])-math.Sin(th)) > 1e-5 {
			t.Fatalf("pair %d: got (%g, %g), want (cos %g, sin %g)", i, x[2*i], x[2*i+1], math.Cos(th), math.Sin(th))
		}
	}
}

func TestAttentionGrad(t *testing.T) {
	// T = 7 in blocks of 3 rows: full, full and partial causal blocks.
	defer func(b int) { causalBlock = b }(causalBlock)
	causalBlock = 3
	r := newRand()
	d := attnDims{b: 2, t: 7, hq: 4, hkv: 2, hd: 3, scale: 1 / math.Sqrt(3)}
	n := d.b * d.t
	q, k, v := randSlice[float64](r, n*d.hq*d.hd), randSlice[float64](r, n*d.hkv*d.hd), randSlice[float64](r, n*d.hkv*d.hd)
	g := randSlice[float64](r, n*d.hq*d.hd)
	out, att := make([]float64, len(q)), make([]float64, d.b*d.hq*causalLen(d.t))
	scratch := make([]float64, 2*2*d.t*d.t) // 2 workers, 2·T·T each in the backward
	loss := func() float64 { attentionForward(2, out, att, scratch, q, k, v, d); return dotSum(out, g) }
	loss()
	// row i of every P (kept as the causal triangle, columns 0..i) sums to 1
	tri := causalLen(d.t)
	for bh := 0; bh < d.b*d.hq; bh++ {
		for i := 0; i < d.t; i++ {
			var s float64
			for _, p := range att[bh*tri+causalLen(i) : bh*tri+causalLen(i+1)] {
				s += p
			}
			if math.Abs(s-1) > 1e-12 {
				t.Fatalf("row %d sums to %g", i, s)
			}
		}
	}
	dq, dk, dv := make([]float64, len(q)), make([]float64, len(k)), make([]float64, len(v))
	attentionBackward(2, dq, dk, dv, g, att, q, k, v, scratch, d)
	gradCheck(t, "attention dq", q, dq, loss)
	gradCheck(t, "attention dk", k, dk, loss)
	gradCheck(t, "attention dv", v, dv, loss)
}

// TestCausalPack: the triangle round trip restores P exactly, zeros above
// the diagonal included, whatever the buffer held before.
func TestCausalPack(t *testing.T) {
	r := newRand()
	n := 7
	p := randSlice[float32](r, n*n)
	for i := 0; i < n; i++ {
		clear(p[i*n+i+1 : (i+1)*n])
	}
	tri := make([]float32, causalLen(n))
	packCausal(tri, p, n)
	back := randSlice[float32](r, n*n)
	unpackCausal(back, tri, n)
	for i := range p {
		if back[i] != p[i] {
			t.Fatalf("element %d: %g after the round trip, want %g", i, back[i], p[i])
		}
	}
}

func TestSwiGLUGrad(t *testing.T) {
	r := newRand()
	gate, up, g := randSlice[float64](r, 30), randSlice[float64](r, 30), randSlice[float64](r, 30)
	for i := range gate {
		gate[i] *= 4
	}
	out, sig := make([]float64, 30), make([]float64, 30)
	loss := func() float64 { swigluForward(out, nil, gate, up); return dotSum(out, g) }
	loss()
	want := append([]float64(nil), out...)
	swigluForward(out, sig, gate, up) // the backward's recompute, keeping σ(gate)
	for i := range out {
		if out[i] != want[i] || sig[i] != sigmoid(gate[i]) {
			t.Fatalf("element %d: with sig %g (σ %g), without %g (σ %g)", i, out[i], sig[i], want[i], sigmoid(gate[i]))
		}
	}
	dgate, dup := make([]float64, 30), make([]float64, 30)
	swigluBackward(dgate, dup, g, gate, up, sig)
	gradCheck(t, "swiglu dgate", gate, dgate, loss)
	gradCheck(t, "swiglu dup", up, dup, loss)
}

func TestCrossEntropyGrad(t *testing.T) {
	r := newRand()
	logits := randSlice[float64](r, 11)
	for i := range logits {
		logits[i] *= 5
	}
	w := 0.25
	row := make([]float64, len(logits))
	loss := func() float64 { copy(row, logits); return w * crossEntropyForward(row, 7) }
	loss()
	crossEntropyBackward(row, 7, w)
	gradCheck(t, "cross-entropy dlogits", logits, append([]float64(nil), row...), loss)
}

// panicMessage runs f and returns what it panicked with ("" if it did not).
func panicMessage(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = r.(string)
		}
	}()
	f()
	return ""
}

// TestKernelShapePanics: a kernel called with an operand that does not fit
// its shape panics with the kernel, the whole shape and the operand, before
// it touches any data.
func TestKernelShapePanics(t *testing.T) {
	d := linDims{n: 5, in: 6, out: 4, rank: 3}
	mk := func(n int) []float32 { return make([]float32, n) }
	x, a, b := mk(d.n*d.in), mk(d.rank*d.in), mk(d.out*d.rank)
	out, h, tmp := mk(d.n*d.out), mk(d.n*d.rank), mk(d.n*d.out)
	dxd, dh, da, db := mk(d.n*d.in), mk(d.n*d.rank), mk(d.rank*d.in), mk(d.out*d.rank)
	attn := attnDims{b: 2, t: 7, hq: 4, hkv: 2, hd: 3, scale: 0.5}
	q := mk(attn.b * attn.t * attn.hq * attn.hd)
	kv := mk(attn.b * attn.t * attn.hkv * attn.hd)
	att := mk(attn.b * attn.hq * causalLen(attn.t))
	for _, c := range []struct {
		name string
		f    func()
		want string
	}{
		{"dout one row short", func() { loraBackward(1, dxd, dh, da, db, out[:16], h, x, a, b, d, 1) },
			"lora: loraBackward linDims{n: 5, in: 6, out: 4, rank: 3}: len(dout) = 16, want at least n·out = 20"},
		{"A of another rank", func() { loraForward(1, out, h, tmp, x, mk(4*d.in), b, d, 1) },
			"lora: loraForward linDims{n: 5, in: 6, out: 4, rank: 3}: len(a) = 24, want rank·in = 18"},
		{"transposed weight size", func() { matmulForward(1, out, x, mk(d.out*d.in+1), nil, nil, d) },
			"lora: matmulForward linDims{n: 5, in: 6, out: 4, rank: 3}: len(w) = 25, want out·in = 24"},
		{"bias of the input width", func() { matmulForward(1, out, x, mk(d.out*d.in), nil, mk(d.in), d) },
			"lora: matmulForward linDims{n: 5, in: 6, out: 4, rank: 3}: len(bias) = 6, want out = 4"},
		{"packed weight of another layer", func() {
			matmulBackward(1, x, out, nil, packWhole(rowMajor(mk(d.in*d.in), d.in), d.in, d.in, 4), d)
		}, "lora: matmulBackward linDims{n: 5, in: 6, out: 4, rank: 3}: pk is packed 6×6, want out×in (w) = 4×6"},
		{"k one element short", func() { attentionForward(1, q, att, mk(attn.t*attn.t), q, kv[:len(kv)-1], kv, attn) },
			"lora: attentionForward attnDims{b: 2, t: 7, hq: 4, hkv: 2, hd: 3, scale: 0.5}: len(k) = 83, want at least b·t·hkv·hd = 84"},
		{"scratch for one worker of two", func() {
			attentionBackward(2, q, kv, kv, q, att, q, kv, kv, mk(2*attn.t*attn.t), attn)
		}, "lora: attentionBackward attnDims{b: 2, t: 7, hq: 4, hkv: 2, hd: 3, scale: 0.5}: len(scratch) = 98, want at least workers·2·t·t = 196"},
		{"heads that do not group", func() {
			attentionOutput(1, q, att, mk(attn.t*attn.t), kv, attnDims{b: 2, t: 7, hq: 4, hkv: 3, hd: 3})
		}, "lora: attentionOutput attnDims{b: 2, t: 7, hq: 4, hkv: 3, hd: 3, scale: 0}: hq must be a positive multiple of hkv"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := panicMessage(c.f); got != c.want {
				t.Errorf("panic\n got %q\nwant %q", got, c.want)
			}
		})
	}
	// The right shapes do not panic.
	if msg := panicMessage(func() {
		loraForward(1, out, h, tmp, x, a, b, d, 1)
		loraBackward(1, dxd, dh, da, db, out, h, x, a, b, d, 1)
	}); msg != "" {
		t.Fatalf("panicked on matching shapes: %s", msg)
	}
}

package lora

// Element-wise and row-wise kernels of a training step, split over the
// trainer's threads. Each piece runs the serial kernel of ops.go on a
// contiguous slice, so the result does not depend on the split: rows are
// independent, RoPE pieces hold whole sequences (a token's position is its
// index mod T), and the dropout mask is indexed by an element's position
// in the whole tensor. Small tensors (the tiny test models) run serially.

// parMinElems is the smallest tensor worth splitting: below it, starting
// goroutines costs more than it saves.
const parMinElems = 1 << 15

// split runs fn over [0, count) in contiguous pieces of multiples of align,
// one per thread, when the tensor (count·width elements) is large enough.
func (n *net[F]) split(count, align, width int, fn func(lo, hi int)) {
	if count*width < parMinElems || n.opt.Threads <= 1 {
		fn(0, count)
		return
	}
	parallel(n.opt.Threads, count, align, fn)
}

func (n *net[F]) rmsnormForward(out, rstd, x, w []F, rows, c int, eps F) {
	n.split(rows, 1, c, func(lo, hi int) {
		rmsnormForward(out[lo*c:hi*c], rstd[lo:hi], x[lo*c:hi*c], w, hi-lo, c, eps)
	})
}

func (n *net[F]) rmsnormApply(out, rstd, x, w []F, rows, c int) {
	n.split(rows, 1, c, func(lo, hi int) {
		rmsnormApply(out[lo*c:hi*c], rstd[lo:hi], x[lo*c:hi*c], w, hi-lo, c)
	})
}

func (n *net[F]) rmsnormBackward(dx, dout, x, rstd, w []F, rows, c int) {
	n.split(rows, 1, c, func(lo, hi int) {
		rmsnormBackward(dx[lo*c:hi*c], dout[lo*c:hi*c], x[lo*c:hi*c], rstd[lo:hi], w, hi-lo, c)
	})
}

// rope rotates (backward: applies the transposed rotation to) x (rows,
// heads·hd) in place, split at sequence boundaries.
func (n *net[F]) rope(x []F, rows, heads int, backward bool) {
	c := n.cfg
	w := heads * c.HeadDim
	n.split(rows, n.nt, w, func(lo, hi int) {
		xs := x[lo*w : hi*w]
		if backward {
			ropeBackward(xs, n.cos, n.sin, hi-lo, n.nt, heads, c.HeadDim, c.NRot, c.RopeNeox)
		} else {
			ropeForward(xs, n.cos, n.sin, hi-lo, n.nt, heads, c.HeadDim, c.NRot, c.RopeNeox)
		}
	})
}

func (n *net[F]) swigluForward(out, sig, gate, up []F) {
	n.split(len(gate), 64, 1, func(lo, hi int) {
		var s []F
		if sig != nil {
			s = sig[lo:hi]
		}
		swigluForward(out[lo:hi], s, gate[lo:hi], up[lo:hi])
	})
}

func (n *net[F]) swigluBackward(dgate, dup, dout, gate, up, sig []F) {
	n.split(len(gate), 64, 1, func(lo, hi int) {
		swigluBackward(dgate[lo:hi], dup[lo:hi], dout[lo:hi], gate[lo:hi], up[lo:hi], sig[lo:hi])
	})
}

func (n *net[F]) residualForward(out, a, b []F) {
	n.split(len(out), 64, 1, func(lo, hi int) { residualForward(out[lo:hi], a[lo:hi], b[lo:hi]) })
}

func (n *net[F]) dropoutForward(out, x []F, seed uint64) {
	n.split(len(x), 64, 1, func(lo, hi int) { dropoutForward(out[lo:hi], x[lo:hi], seed, n.opt.Dropout, lo) })
}

func (n *net[F]) dropoutBackward(dx, dout []F, seed uint64) {
	n.split(len(dout), 64, 1, func(lo, hi int) { dropoutBackward(dx[lo:hi], dout[lo:hi], seed, n.opt.Dropout, lo) })
}

// addTo: dst += src.
func (n *net[F]) addTo(dst, src []F) {
	n.split(len(src), 64, 1, func(lo, hi int) {
		d := dst[lo:hi]
		for i, v := range src[lo:hi] {
			d[i] += v
		}
	})
}

// crossEntropy turns each row of logits (rows·V) into probabilities (and,
// in training, into dlogits with weight w) and writes each row's loss to
// loss[i]; the caller sums them in order, so the total does not depend on
// the split.
func (n *net[F]) crossEntropy(logits []F, targets []int32, loss []float64, v int, train bool, w F) {
	n.split(len(targets), 1, v, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			row := logits[i*v : (i+1)*v]
			loss[i] = crossEntropyForward(row, targets[i])
			if train {
				crossEntropyBackward(row, targets[i], w)
			}
		}
	})
}

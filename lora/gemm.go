package lora

import (
	"runtime"
	"sync"
)

// mat is a strided, read-only view of a matrix: element (i, j) lies at
// d[i*rs+j*cs]. Row-major storage has cs = 1; its transpose is the same slice
// with rs and cs swapped, so one gemm serves x·Wᵀ, dy·W and dyᵀ·x.
type mat[F num] struct {
	d      []F
	rs, cs int
}

// rowMajor views d as a row-major matrix with row stride ld.
func rowMajor[F num](d []F, ld int) mat[F] { return mat[F]{d, ld, 1} }

// trans views d, a row-major matrix with row stride ld, transposed.
func trans[F num](d []F, ld int) mat[F] { return mat[F]{d, 1, ld} }

func (a mat[F]) at(i, j int) F { return a.d[i*a.rs+j*a.cs] }

// Blocking of the packed gemm (BLIS loop order jc → pc → ic → jr → ir).
// kcBlock·ncBlock floats of packed B (512 KiB) stay in L2, a packed A block
// (mcBlock·kcBlock, 96 KiB) in L2 as well; mcBlock and ncBlock are multiples
// of every micro-kernel's MR (4, 6) and NR (4, 16).
const (
	kcBlock = 256
	mcBlock = 96
	ncBlock = 512
)

// kernel is a micro-kernel: c[i*ldc+j] += Σ_p a[p*mr+i]·b[p*nr+j] for i < mr,
// j < nr, over kc packed steps.
type kernel[F num] struct {
	mr, nr int
	fn     func(kc int, a, b, c []F, ldc int)
	// general, if not nil, is fn on unpacked operands: A[i,p] at
	// a[i*ars+p*aps], B[p,j] at b[p*bps+j]. It spares packing a row-major
	// or transposed A and a row-major B, which costs as much as the
	// product itself when a side is small (LoRA's rank-r matrices,
	// attention's per-head products).
	general func(kc int, a []F, ars, aps int, b []F, bps int, c []F, ldc int)
}

// tile accumulates the mm×nn block at c (row stride ldc) from packed
// panels a and b. A full mr×nr block goes straight to the kernel; an edge
// block is computed into scratch (at least mr*nr long) and added, so the
// kernel never writes past the matrix.
func (k kernel[F]) tile(kc int, a, b, c []F, ldc, mm, nn int, scratch []F) {
	if mm == k.mr && nn == k.nr {
		k.fn(kc, a, b, c, ldc)
		return
	}
	t := scratch[:k.mr*k.nr]
	clear(t)
	k.fn(kc, a, b, t, k.nr)
	for i := 0; i < mm; i++ {
		ci := c[i*ldc : i*ldc+nn]
		for j := range ci {
			ci[j] += t[i*k.nr+j]
		}
	}
}

// tileGeneral is tile with the general kernel: an edge block goes through
// scratch. Both operands must have a full mr×kc / kc×nr block readable
// (edge panels are packed and zero-padded).
func (k kernel[F]) tileGeneral(kc int, a []F, ars, aps int, b []F, bps int, c []F, ldc, mm, nn int, scratch []F) {
	if mm == k.mr && nn == k.nr {
		k.general(kc, a, ars, aps, b, bps, c, ldc)
		return
	}
	t := scratch[:k.mr*k.nr]
	clear(t)
	k.general(kc, a, ars, aps, b, bps, t, k.nr)
	for i := 0; i < mm; i++ {
		ci := c[i*ldc : i*ldc+nn]
		for j := range ci {
			ci[j] += t[i*k.nr+j]
		}
	}
}

// bPanel returns the kc×nr block of B for columns jr..jr+nr of the current
// block and its row step: nr for a packed panel, B's row stride for a
// row-major B read in place.
type bPanel[F num] func(jr int) (panel []F, step int)

// block computes C[ic:ic+mc, 0:ncols] += A[ic:ic+mc, pc:pc+kc]·B for one
// block of B whose panels bp returns; c starts at C's element (ic, 0).
// With the general kernel a row-major or transposed A is read in place
// (only a last panel of fewer than mr rows is packed); any other A is
// packed into bufs.a first. When both operands are packed, the packed
// kernel runs.
func block[F num](kern kernel[F], bufs *packBufs[F], a mat[F], ic, pc, mc, kc, ncols int, bp bPanel[F], c []F, ldc int) {
	mr, nr := kern.mr, kern.nr
	direct := kern.general != nil && (a.cs == 1 || a.rs == 1)
	full := mc
	if direct {
		full = mc / mr * mr
		if full < mc {
			packA(bufs.a, a, ic+full, pc, mc-full, kc, mr)
		}
	} else {
		packA(bufs.a, a, ic, pc, mc, kc, mr)
	}
	for jr := 0; jr < ncols; jr += nr {
		nn := min(nr, ncols-jr)
		b, bps := bp(jr)
		for ir := 0; ir < mc; ir += mr {
			mm := min(mr, mc-ir)
			cc := c[ir*ldc+jr:]
			switch {
			case direct && ir < full:
				kern.tileGeneral(kc, a.d[(ic+ir)*a.rs+pc*a.cs:], a.rs, a.cs, b, bps, cc, ldc, mm, nn, bufs.tile)
			case direct: // the packed last panel
				kern.tileGeneral(kc, bufs.a[:mr*kc], 1, mr, b, bps, cc, ldc, mm, nn, bufs.tile)
			case bps == nr:
				kern.tile(kc, bufs.a[ir*kc:(ir+mr)*kc], b, cc, ldc, mm, nn, bufs.tile)
			default:
				kern.tileGeneral(kc, bufs.a[ir*kc:(ir+mr)*kc], 1, mr, b, bps, cc, ldc, mm, nn, bufs.tile)
			}
		}
	}
}

// kernelFor picks the fastest micro-kernel for F on this CPU: AVX2+FMA
// assembly for float32 where available, portable Go otherwise.
func kernelFor[F num]() kernel[F] {
	var z F
	if _, ok := any(z).(float32); ok && hasAVX2FMA {
		return kernel[F]{6, 16, any(kern6x16F32).(func(int, []F, []F, []F, int)),
			any(kern6x16GeneralF32).(func(int, []F, int, int, []F, int, []F, int))}
	}
	return kernel[F]{4, 4, kern4x4[F], nil}
}

type packBufs[F num] struct {
	a, b, bEdge, tile []F
}

var (
	pool32 = sync.Pool{New: func() any { return newPackBufs[float32]() }}
	pool64 = sync.Pool{New: func() any { return newPackBufs[float64]() }}
)

func newPackBufs[F num]() *packBufs[F] {
	return &packBufs[F]{
		a:     make([]F, mcBlock*kcBlock),
		b:     make([]F, kcBlock*ncBlock),
		bEdge: make([]F, kcBlock*16),
		tile:  make([]F, 6*16),
	}
}

func poolFor[F num]() *sync.Pool {
	var z F
	if _, ok := any(z).(float32); ok {
		return &pool32
	}
	return &pool64
}

// gemm computes C = A·B (acc false) or C += A·B (acc true), serially. A is
// m×k, B is k×n (strided views), C is m×n row-major with row stride ldc.
// Out-of-range views panic (a programmer error).
func gemm[F num](m, n, k int, a, b mat[F], c []F, ldc int, acc bool) {
	if m <= 0 || n <= 0 {
		return
	}
	if !acc {
		for i := 0; i < m; i++ {
			clear(c[i*ldc : i*ldc+n])
		}
	}
	if k <= 0 {
		return
	}
	kern := kernelFor[F]()
	pool := poolFor[F]()
	bufs := pool.Get().(*packBufs[F])
	defer pool.Put(bufs)
	nr := kern.nr
	for jc := 0; jc < n; jc += ncBlock {
		nc := min(ncBlock, n-jc)
		for pc := 0; pc < k; pc += kcBlock {
			kc := min(kcBlock, k-pc)
			var bpanel bPanel[F]
			if kern.general != nil && b.cs == 1 {
				// row-major B: read in place, but for a last panel of
				// fewer than nr columns, packed (zero-padded)
				bpanel = func(jr int) ([]F, int) {
					if nn := nc - jr; nn < nr {
						packB(bufs.bEdge, b, pc, jc+jr, kc, nn, nr)
						return bufs.bEdge[:kc*nr], nr
					}
					return b.d[pc*b.rs+jc+jr:], b.rs
				}
			} else {
				packB(bufs.b, b, pc, jc, kc, nc, nr)
				bpanel = func(jr int) ([]F, int) { return bufs.b[jr*kc : (jr+nr)*kc], nr }
			}
			for ic := 0; ic < m; ic += mcBlock {
				mc := min(mcBlock, m-ic)
				block(kern, bufs, a, ic, pc, mc, kc, nc, bpanel, c[ic*ldc+jc:], ldc)
			}
		}
	}
}

// packA copies A[ic:ic+mc, pc:pc+kc] into panels of mr rows, each stored
// k-major (dst[panel*kc*mr + p*mr + i]), zero-padding the last panel. The
// inner loop walks the mr source rows side by side so that writes are
// sequential.
func packA[F num](dst []F, a mat[F], ic, pc, mc, kc, mr int) {
	if a.rs == 1 && mc > 1 {
		packRows(dst, a.d[ic+pc*a.cs:], a.cs, kc, mc, mr)
		return
	}
	var offs [16]int
	for ir := 0; ir < mc; ir += mr {
		mm := min(mr, mc-ir)
		panel := dst[ir*kc : (ir+mr)*kc]
		for i := 0; i < mm; i++ {
			offs[i] = (ic+ir+i)*a.rs + pc*a.cs
		}
		packPanel(panel, a.d, offs[:mm], mr, kc, a.cs)
	}
}

// packB copies B[pc:pc+kc, jc:jc+nc] into panels of nr columns, each stored
// k-major (dst[panel*kc*nr + p*nr + j]), zero-padding the last panel.
func packB[F num](dst []F, b mat[F], pc, jc, kc, nc, nr int) {
	if b.cs == 1 && nc > 1 {
		packRows(dst, b.d[pc*b.rs+jc:], b.rs, kc, nc, nr)
		return
	}
	var offs [16]int
	for jr := 0; jr < nc; jr += nr {
		nn := min(nr, nc-jr)
		panel := dst[jr*kc : (jr+nr)*kc]
		for j := 0; j < nn; j++ {
			offs[j] = (jc+jr+j)*b.cs + pc*b.rs
		}
		packPanel(panel, b.d, offs[:nn], nr, kc, b.rs)
	}
}

// packRows packs a block whose panel elements lie along the rows of src:
// for p < kc, row p is src[p*step : p*step+count], and its element q*w+i
// goes to panel q at dst[q*kc*w + p*w + i] (the last panel zero-padded).
// Reading each row once, front to back, keeps the loads sequential; the
// panel-by-panel order of packPanel would read w elements of every row
// per pass, with a stride of step between them.
func packRows[F num](dst, src []F, step, kc, count, w int) {
	panels := (count + w - 1) / w
	full := count / w
	if full < panels {
		clear(dst[full*kc*w : panels*kc*w])
	}
	for p := 0; p < kc; p++ {
		row := src[p*step : p*step+count]
		q := 0
		if w == 16 { // the AVX2 kernel's panels, element by element (a copy's memmove call costs more)
			for ; q < full; q++ {
				o, r := dst[q*kc*16+p*16:q*kc*16+p*16+16:q*kc*16+p*16+16], row[q*16:q*16+16:q*16+16]
				for i := range o {
					o[i] = r[i]
				}
			}
		}
		for ; q < panels; q++ {
			copy(dst[q*kc*w+p*w:], row[q*w:min(count, (q+1)*w)])
		}
	}
}

// packPanel fills panel[p*w + i] = src[offs[i] + p*step] for p < kc,
// i < len(offs), and zero for len(offs) ≤ i < w. (Blocks whose panel
// elements are adjacent in memory go through packRows instead.)
func packPanel[F num](panel, src []F, offs []int, w, kc, step int) {
	if len(offs) < w {
		clear(panel[:kc*w])
	}
	if step == 1 && len(offs) == w && w == 16 {
		// the common case, unrolled: 16 contiguous source rows
		for p := 0; p < kc; p++ {
			o := panel[p*16 : p*16+16 : p*16+16]
			for i := range o {
				o[i] = src[offs[i]+p]
			}
		}
		return
	}
	for i, off := range offs {
		if step == 1 {
			for p, v := range src[off : off+kc] {
				panel[p*w+i] = v
			}
			continue
		}
		for p := 0; p < kc; p++ {
			panel[p*w+i] = src[off+p*step]
		}
	}
}

// kern4x4 is the portable micro-kernel: a 4×4 tile of C kept in 16 local
// accumulators.
func kern4x4[F num](kc int, a, b, c []F, ldc int) {
	var c00, c01, c02, c03, c10, c11, c12, c13 F
	var c20, c21, c22, c23, c30, c31, c32, c33 F
	a = a[:kc*4]
	b = b[:kc*4]
	for p := 0; p < kc; p++ {
		ap := a[p*4 : p*4+4 : p*4+4]
		bp := b[p*4 : p*4+4 : p*4+4]
		a0, a1, a2, a3 := ap[0], ap[1], ap[2], ap[3]
		b0, b1, b2, b3 := bp[0], bp[1], bp[2], bp[3]
		c00 += a0 * b0
		c01 += a0 * b1
		c02 += a0 * b2
		c03 += a0 * b3
		c10 += a1 * b0
		c11 += a1 * b1
		c12 += a1 * b2
		c13 += a1 * b3
		c20 += a2 * b0
		c21 += a2 * b1
		c22 += a2 * b2
		c23 += a2 * b3
		c30 += a3 * b0
		c31 += a3 * b1
		c32 += a3 * b2
		c33 += a3 * b3
	}
	r := c[0:4:4]
	r[0] += c00
	r[1] += c01
	r[2] += c02
	r[3] += c03
	r = c[ldc : ldc+4 : ldc+4]
	r[0] += c10
	r[1] += c11
	r[2] += c12
	r[3] += c13
	r = c[2*ldc : 2*ldc+4 : 2*ldc+4]
	r[0] += c20
	r[1] += c21
	r[2] += c22
	r[3] += c23
	r = c[3*ldc : 3*ldc+4 : 3*ldc+4]
	r[0] += c30
	r[1] += c31
	r[2] += c32
	r[3] += c33
}

// parallel runs fn over [0, n) split into at most workers contiguous
// ranges whose bounds are multiples of align (except the last).
func parallel(workers, n, align int, fn func(lo, hi int)) {
	if workers > n/align {
		workers = max(1, n/align)
	}
	if workers <= 1 {
		fn(0, n)
		return
	}
	chunk := (n + workers - 1) / workers
	chunk = (chunk + align - 1) / align * align
	var wg sync.WaitGroup
	for lo := 0; lo < n; lo += chunk {
		hi := min(n, lo+chunk)
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(lo, hi)
		}()
	}
	wg.Wait()
}

// parallelScratch runs fn over [0, n) split into at most workers
// contiguous ranges, handing the k-th range its own slice
// scratch[k·per:(k+1)·per] (scratch needs workers·per elements).
func parallelScratch[F num](workers, n, per int, scratch []F, fn func(lo, hi int, s []F)) {
	workers = max(1, min(workers, n))
	if workers == 1 {
		fn(0, n, scratch[:per])
		return
	}
	chunk := (n + workers - 1) / workers
	var wg sync.WaitGroup
	for k := 0; k*chunk < n; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(k*chunk, min(n, (k+1)*chunk), scratch[k*per:(k+1)*per])
		}()
	}
	wg.Wait()
}

// gemmPar is gemm split over up to workers goroutines, by rows of C when it
// has at least as many rows as columns, else by columns. Small products run
// serially: below ~1 MFLOP the goroutines cost more than they save.
func gemmPar[F num](workers, m, n, k int, a, b mat[F], c []F, ldc int, acc bool) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if workers == 1 || m*n*k < 1<<19 {
		gemm(m, n, k, a, b, c, ldc, acc)
		return
	}
	if m >= n {
		parallel(workers, m, 16, func(lo, hi int) {
			gemm(hi-lo, n, k, mat[F]{a.d[lo*a.rs:], a.rs, a.cs}, b, c[lo*ldc:], ldc, acc)
		})
		return
	}
	parallel(workers, n, 16, func(lo, hi int) {
		gemm(m, hi-lo, k, a, mat[F]{b.d[lo*b.cs:], b.rs, b.cs}, c[lo:], ldc, acc)
	})
}

// packedB is a k×n matrix B stored once in the micro-kernel's panel layout:
// panels of nr columns, each k-major, d[(j/nr)·k·nr + p·nr + j%nr], the last
// panel zero-padded. Frozen weights are packed like this once, so that the
// matmuls that read them skip packing B (a third of gemm time otherwise).
type packedB[F num] struct {
	k, n, nr int
	d        []F
}

// packWhole packs b (k×n) for micro-kernels of width nr.
func packWhole[F num](b mat[F], k, n, nr int) *packedB[F] {
	panels := (n + nr - 1) / nr
	p := &packedB[F]{k: k, n: n, nr: nr, d: make([]F, panels*k*nr)}
	packB(p.d, b, 0, 0, k, n, nr) // one block of kc = k: the same panel layout
	return p
}

// row copies row p of B (its n elements, one from each column) into dst:
// the inverse of packWhole, one row at a time.
func (b *packedB[F]) row(dst []F, p int) {
	for j0 := 0; j0 < b.n; j0 += b.nr {
		panel := b.d[j0*b.k+p*b.nr:]
		copy(dst[j0:min(j0+b.nr, b.n)], panel)
	}
}

// gemmPacked is gemm with B already packed; it computes columns
// [j0, j0+n) of A·B, j0 a multiple of B's panel width.
func gemmPacked[F num](m, n, k int, a mat[F], b *packedB[F], j0 int, c []F, ldc int, acc bool) {
	if m <= 0 || n <= 0 {
		return
	}
	if !acc {
		for i := 0; i < m; i++ {
			clear(c[i*ldc : i*ldc+n])
		}
	}
	kern := kernelFor[F]()
	nr := kern.nr
	if b.nr != nr || j0%nr != 0 || b.k != k || j0+n > b.n {
		panic("lora: packed matrix does not fit the gemm")
	}
	pool := poolFor[F]()
	bufs := pool.Get().(*packBufs[F])
	defer pool.Put(bufs)
	for pc := 0; pc < k; pc += kcBlock {
		kc := min(kcBlock, k-pc)
		bpanel := func(jr int) ([]F, int) {
			base := (j0 + jr) / nr * k * nr
			return b.d[base+pc*nr : base+(pc+kc)*nr], nr
		}
		for ic := 0; ic < m; ic += mcBlock {
			mc := min(mcBlock, m-ic)
			block(kern, bufs, a, ic, pc, mc, kc, n, bpanel, c[ic*ldc:], ldc)
		}
	}
}

// gemmParPacked splits gemmPacked over workers like gemmPar.
func gemmParPacked[F num](workers, m, n, k int, a mat[F], b *packedB[F], c []F, ldc int, acc bool) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if workers == 1 || m*n*k < 1<<19 {
		gemmPacked(m, n, k, a, b, 0, c, ldc, acc)
		return
	}
	if m >= 4*n {
		parallel(workers, m, 16, func(lo, hi int) {
			gemmPacked(hi-lo, n, k, mat[F]{a.d[lo*a.rs:], a.rs, a.cs}, b, 0, c[lo*ldc:], ldc, acc)
		})
		return
	}
	parallel(workers, n, 16, func(lo, hi int) {
		gemmPacked(m, hi-lo, k, a, b, lo, c[lo:], ldc, acc)
	})
}

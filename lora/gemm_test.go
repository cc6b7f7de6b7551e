package lora

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

func naiveGemm(m, n, k int, a, b mat[float64], c []float64, ldc int, acc bool) {
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			s := 0.0
			for p := 0; p < k; p++ {
				s += a.at(i, p) * b.at(p, j)
			}
			if acc {
				c[i*ldc+j] += s
			} else {
				c[i*ldc+j] = s
			}
		}
	}
}

func randSlice[F num](r *rand.Rand, n int) []F {
	s := make([]F, n)
	for i := range s {
		s[i] = F(r.Float64()*2 - 1)
	}
	return s
}

// TestGemm compares the packed gemm (both micro-kernels, serial and
// parallel, every transpose) with a naive float64 triple loop, on shapes
// that leave partial tiles and cross the kc/mc/nc block edges.
func TestGemm(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	shapes := [][3]int{{1, 1, 1}, {7, 5, 3}, {6, 16, 9}, {13, 33, 300}, {100, 530, 17}, {97, 18, 260}}
	for _, s := range shapes {
		m, n, k := s[0], s[1], s[2]
		for _, ta := range []bool{false, true} {
			for _, tb := range []bool{false, true} {
				name := fmt.Sprintf("%dx%dx%d/ta=%v/tb=%v", m, n, k, ta, tb)
				t.Run(name, func(t *testing.T) {
					a64 := randSlice[float64](r, m*k)
					b64 := randSlice[float64](r, k*n)
					va, vb := rowMajor(a64, k), rowMajor(b64, n)
					if ta {
						va = trans(a64, m)
					}
					if tb {
						vb = trans(b64, k)
					}
					ldc := n + 3
					want := randSlice[float64](r, m*ldc)
					c0 := append([]float64(nil), want...)
					naiveGemm(m, n, k, va, vb, want, ldc, true)

					got := append([]float64(nil), c0...)
					gemmPar(2, m, n, k, va, vb, got, ldc, true)
					checkClose(t, "float64", got, want, 1e-12)
					for _, nr := range []int{4, 16} {
						if nr != kernelFor[float64]().nr {
							continue
						}
						got = append(got[:0], c0...)
						gemmParPacked(2, m, n, k, va, packWhole(vb, k, n, nr), got, ldc, true)
						checkClose(t, "float64 packed", got, want, 1e-12)
					}

					a32, b32 := convert[float32](a64), convert[float32](b64)
					got32 := convert[float32](c0)
					gemmPar(2, m, n, k, mat[float32]{a32, va.rs, va.cs}, mat[float32]{b32, vb.rs, vb.cs}, got32, ldc, true)
					checkClose(t, "float32", convert[float64](got32), want, 1e-4*math.Sqrt(float64(k)))
					got32 = convert[float32](c0)
					gemmParPacked(2, m, n, k, mat[float32]{a32, va.rs, va.cs}, packWhole(mat[float32]{b32, vb.rs, vb.cs}, k, n, kernelFor[float32]().nr), got32, ldc, true)
					checkClose(t, "float32 packed", convert[float64](got32), want, 1e-4*math.Sqrt(float64(k)))
					gemm(m, n, k, mat[float32]{a32, va.rs, va.cs}, mat[float32]{b32, vb.rs, vb.cs}, got32, ldc, false)
					naiveGemm(m, n, k, va, vb, c0, ldc, false)
					checkClose(t, "float32 overwrite", convert[float64](got32), c0, 1e-4*math.Sqrt(float64(k)))
				})
			}
		}
	}
}

func checkClose(t *testing.T, what string, got, want []float64, tol float64) {
	t.Helper()
	for i := range want {
		if d := math.Abs(got[i] - want[i]); d > tol || math.IsNaN(got[i]) {
			t.Fatalf("%s: element %d = %g, want %g (diff %g > %g)", what, i, got[i], want[i], d, tol)
		}
	}
}

func benchGemm(b *testing.B, m, n, k int, avx, packed bool) {
	r := rand.New(rand.NewPCG(1, 2))
	a := randSlice[float32](r, m*k)
	w := randSlice[float32](r, n*k)
	c := make([]float32, m*n)
	saved := hasAVX2FMA
	hasAVX2FMA = avx && saved
	defer func() { hasAVX2FMA = saved }()
	pw := packWhole(trans(w, k), k, n, kernelFor[float32]().nr)
	b.ResetTimer()
	for b.Loop() {
		if packed {
			gemmParPacked(0, m, n, k, rowMajor(a, k), pw, c, n, false)
		} else {
			gemmPar(0, m, n, k, rowMajor(a, k), trans(w, k), c, n, false)
		}
	}
	b.ReportMetric(2*float64(m)*float64(n)*float64(k)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

// BenchmarkGemm measures x·Wᵀ for 64- and 512-token batches against the FFN's
// 576→1536 projection, with the assembly and the portable kernel.
func BenchmarkGemm(b *testing.B) {
	for _, m := range []int{64, 512} {
		b.Run(fmt.Sprintf("m=%d/avx2", m), func(b *testing.B) { benchGemm(b, m, 1536, 576, true, false) })
		b.Run(fmt.Sprintf("m=%d/avx2-prepacked", m), func(b *testing.B) { benchGemm(b, m, 1536, 576, true, true) })
		b.Run(fmt.Sprintf("m=%d/go", m), func(b *testing.B) { benchGemm(b, m, 1536, 576, false, false) })
	}
}

// TestFrozenUnpack: a packed frozen matrix gives back every row, and the
// whole matrix, exactly as it was before packing (partial last panel
// included); so does a plain one.
func TestFrozenUnpack(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, pack := range []bool{false, true} {
		for _, sh := range [][2]int{{5, 16}, {21, 37}, {3, 1}} {
			rows, cols := sh[0], sh[1]
			w := randSlice[float32](r, rows*cols)
			m := newFrozen(append([]float32(nil), w...), rows, cols, pack)
			if pack && (m.plain != nil || m.fwd == nil || m.bwd == nil) {
				t.Fatalf("%dx%d: packed matrix keeps plain %v, fwd %v, bwd %v", rows, cols, m.plain != nil, m.fwd != nil, m.bwd != nil)
			}
			d := m.dense()
			row := make([]float32, cols)
			for i := 0; i < rows; i++ {
				m.row(row, i)
				for j := 0; j < cols; j++ {
					if row[j] != w[i*cols+j] || d[i*cols+j] != w[i*cols+j] {
						t.Fatalf("pack %v %dx%d: (%d, %d) row %g dense %g, want %g", pack, rows, cols, i, j, row[j], d[i*cols+j], w[i*cols+j])
					}
				}
			}
		}
	}
}

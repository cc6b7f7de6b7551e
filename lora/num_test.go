package lora

import (
	"math"
	"testing"
)

// TestExp32 checks exp32 against math.Exp over the whole float32 range that
// softmax and sigmoid reach, and at the edges where it defers to math.Exp.
// TestExpTo checks the vectorised exponential against exp32, bit for bit,
// over the polynomial's range, its edges, out-of-range values, NaN and
// lengths that leave a tail.
func TestExpTo(t *testing.T) {
	var xs []float32
	for x := float32(-100); x < 100; x += 0.0371 {
		xs = append(xs, x)
	}
	xs = append(xs, -87, 88, float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)), 0, -0.5)
	for _, n := range []int{len(xs), 1000, 257, 13, 8, 7, 1} {
		src := append([]float32(nil), xs[:n]...)
		dst := make([]float32, n)
		expTo(dst, src)
		for i, x := range src {
			want := exp32(x)
			if math.Float32bits(dst[i]) != math.Float32bits(want) && !(want != want && dst[i] != dst[i]) {
				t.Fatalf("n=%d: expTo(%g) = %g, exp32 gives %g", n, x, dst[i], want)
			}
		}
		expTo(src, src) // in place
		for i := range src {
			if math.Float32bits(src[i]) != math.Float32bits(dst[i]) && !(src[i] != src[i] && dst[i] != dst[i]) {
				t.Fatalf("n=%d: in place, element %d: %g, want %g", n, i, src[i], dst[i])
			}
		}
	}
}

func TestExp32(t *testing.T) {
	worst, at := 0.0, float32(0)
	for x := float32(-87.3); x < 88.7; x += 0.000731 { // normal float32 results
		want := math.Exp(float64(x))
		got := float64(exp32(x))
		if rel := math.Abs(got-want) / want; rel > worst || math.IsNaN(rel) {
			worst, at = rel, x
		}
	}
	t.Logf("worst relative error %.3g at x = %g", worst, at)
	if worst > 2e-7 || math.IsNaN(worst) {
		t.Errorf("exp32(%g) is off by %.3g relative (limit 2e-7, 2 float32 ulps)", at, worst)
	}
	for _, c := range []struct{ x, want float32 }{
		{0, 1}, {1, float32(math.E)}, {float32(math.Inf(-1)), 0}, {-200, 0},
	} {
		if got := exp32(c.x); got != c.want {
			t.Errorf("exp32(%g) = %g, want %g", c.x, got, c.want)
		}
	}
	if !math.IsInf(float64(exp32(100)), 1) || !math.IsNaN(float64(exp32(float32(math.NaN())))) {
		t.Errorf("exp32 overflow/NaN: %g %g", exp32(100), exp32(float32(math.NaN())))
	}
}

func BenchmarkExp(b *testing.B) {
	xs := make([]float32, 1024)
	for i := range xs {
		xs[i] = -float32(i) * 0.01
	}
	out := make([]float32, len(xs))
	b.Run("exp32", func(b *testing.B) {
		for range b.N {
			for j, x := range xs {
				out[j] = exp32(x)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(xs)), "ns/exp")
	})
	b.Run("math.Exp", func(b *testing.B) {
		for range b.N {
			for j, x := range xs {
				out[j] = float32(math.Exp(float64(x)))
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(xs)), "ns/exp")
	})
}

package lora

import (
	"math"
	"testing"
)

// TestExp32 checks exp32 against math.Exp over the whole float32 range that
// softmax and sigmoid reach, and at the edges where it defers to math.Exp.
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

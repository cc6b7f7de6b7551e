package stats

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRanks(t *testing.T) {
	assert.Equal(t, []float64{1, 2.5, 2.5, 4}, Ranks([]float64{1, 5, 5, 9}))
	assert.Equal(t, []float64{3, 1, 2}, Ranks([]float64{30, 10, 20}))
}

func TestSpearman(t *testing.T) {
	tests := []struct {
		name string
		x, y []float64
		want float64
	}{
		{"identical order", []float64{1, 2, 3, 4}, []float64{10, 20, 30, 40}, 1},
		{"reversed", []float64{1, 2, 3, 4}, []float64{4, 3, 2, 1}, -1},
		// d = (0,-1,1,0,0): 1 - 6·2/(5·24) = 0.9
		{"one swap", []float64{1, 2, 3, 4, 5}, []float64{1, 3, 2, 4, 5}, 0.9},
		// ranks x (1,2.5,2.5,4), y (1,2,3,4): Pearson = 4.5/sqrt(4.5·5)
		{"ties", []float64{1, 2, 2, 3}, []float64{1, 2, 3, 4}, 4.5 / math.Sqrt(4.5*5)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.InDelta(t, tt.want, Spearman(tt.x, tt.y), 1e-12)
		})
	}
	assert.True(t, math.IsNaN(Spearman([]float64{1, 1, 1}, []float64{1, 2, 3})))
}

func TestQWK(t *testing.T) {
	tests := []struct {
		name   string
		a, b   []int
		lo, hi int
		want   float64
	}{
		{"perfect", []int{1, 2, 3, 4, 5}, []int{1, 2, 3, 4, 5}, 1, 5, 1},
		// 2 raters on scale 1..3: a=(1,2,3), b=(1,3,3). Weights /4:
		// observed Σw·O = w(2,3)=1/4; marginals a=(1,1,1), b=(1,0,2), n=3:
		// E(i,j)=ra_i·rb_j/3 → Σw·E = (1/3)[w13·2 + w21·1 + w23·2 + w31·1 + w33·0 + w11·1...]
		// = (1/3)[(1)·2 + (1/4)·1 + (1/4)·2 + (1)·1] = (1/3)(3.75) = 1.25
		{"hand computed", []int{1, 2, 3}, []int{1, 3, 3}, 1, 3, 1 - 0.25/1.25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.InDelta(t, tt.want, QWK(tt.a, tt.b, tt.lo, tt.hi), 1e-12)
		})
	}
	assert.True(t, math.IsNaN(QWK([]int{2, 2}, []int{2, 2}, 1, 5)))
}

func TestBootstrap(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	iv := MeanCI(x, 1)
	assert.InDelta(t, 5.5, iv.Est, 1e-12)
	// The standard error of the mean is 2.87/sqrt(10) ≈ 0.91, so the 95%
	// interval is about ±1.8 around 5.5.
	assert.InDelta(t, 5.5-1.8, iv.Lo, 0.4)
	assert.InDelta(t, 5.5+1.8, iv.Hi, 0.4)
	assert.Equal(t, iv, MeanCI(x, 1), "same seed, same interval")
	// A constant sample has a degenerate interval.
	c := MeanCI([]float64{3, 3, 3}, 1)
	assert.Equal(t, Interval{3, 3, 3}, c)
}

func TestClusterBootstrapKeepsGroups(t *testing.T) {
	groups := [][]int{{0, 1}, {2, 3}}
	ClusterBootstrap(groups, 50, 1, func(idx []int) float64 {
		require.Equal(t, 0, len(idx)%2)
		for i := 0; i < len(idx); i += 2 {
			require.Equal(t, idx[i]+1, idx[i+1])
		}
		return 0
	})
}

func TestSignTest(t *testing.T) {
	tests := []struct {
		w, l int
		want float64
	}{
		{0, 0, 1},
		{5, 5, 1},
		{10, 0, 2.0 / 1024},      // 2·(1/2)^10
		{8, 2, 2 * 56.0 / 1024},  // 2·(1+10+45)/1024
		{2, 8, 2 * 56.0 / 1024},  // symmetric
		{9, 3, 2 * 299.0 / 4096}, // 2·(1+12+66+220)/4096
	}
	for _, tt := range tests {
		assert.InDelta(t, tt.want, SignTest(tt.w, tt.l), 1e-12, "%d:%d", tt.w, tt.l)
	}
}

func TestWilcoxon(t *testing.T) {
	// d = (1,2,3,4,5,-6): W+ = 15, n=6, mean 10.5, var 22.75,
	// z = 4.5/sqrt(22.75) = 0.9435 → p = 0.3454.
	a := []float64{1, 2, 3, 4, 5, 0}
	b := []float64{0, 0, 0, 0, 0, 6}
	assert.InDelta(t, 0.3454, Wilcoxon(a, b), 1e-4)
	assert.Equal(t, 1.0, Wilcoxon([]float64{1, 2}, []float64{1, 2}))
}

func TestCompare(t *testing.T) {
	p := Compare([]float64{3, 3, 2, 5}, []float64{1, 3, 4, 2}, 1)
	assert.Equal(t, 2, p.Wins)
	assert.Equal(t, 1, p.Losses)
	assert.Equal(t, 1, p.Ties)
	assert.InDelta(t, 2.5/4, p.WinRate.Est, 1e-12)
	assert.InDelta(t, 1.0, p.SignP, 1e-12) // 2·P(X≤1 | n=3) = 2·4/8
}

func TestReliability(t *testing.T) {
	bins, ece := Reliability([]float64{0.1, 0.1, 0.9, 0.9}, []float64{0, 0, 1, 0}, 2)
	require.Len(t, bins, 2)
	assert.Equal(t, 2, bins[0].N)
	assert.InDelta(t, 0.1, bins[0].Confidence, 1e-12)
	assert.InDelta(t, 0.5, bins[1].Accuracy, 1e-12)
	// |0-0.1|·0.5 + |0.5-0.9|·0.5 = 0.25
	assert.InDelta(t, 0.25, ece, 1e-12)
}

func TestIsotonic(t *testing.T) {
	f := FitIsotonic([]float64{1, 2, 3, 4}, []float64{1, 3, 2, 4})
	assert.Equal(t, []float64{1, 2.5, 4}, f.Y)
	assert.Equal(t, []float64{1, 2.5, 4}, f.X)
	assert.InDelta(t, 2.5, f.Predict(2.5), 1e-12)
	assert.InDelta(t, 1.75, f.Predict(1.75), 1e-12)
	assert.Equal(t, 4.0, f.Predict(10))
}

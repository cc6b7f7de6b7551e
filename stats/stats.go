// Package stats holds the statistics that package judge (validation,
// calibration) and package eval (reports, comparisons) share: rank and
// agreement coefficients (Spearman, quadratic-weighted kappa), bootstrap
// confidence intervals (plain and clustered), paired comparisons (win rate,
// sign test, Wilcoxon signed-rank) and confidence calibration (expected
// calibration error, isotonic regression).
//
// Functions panic on programmer errors (slices of different lengths) and
// return NaN where a statistic is undefined (constant input, empty input).
package stats

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
)

func sameLen(what string, a, b int) {
	if a != b {
		panic(fmt.Sprintf("stats.%s: lengths differ (%d vs %d)", what, a, b))
	}
}

// Mean returns the arithmetic mean of x (NaN if empty).
func Mean(x []float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

// Pearson returns the Pearson correlation of x and y (NaN if either is
// constant).
func Pearson(x, y []float64) float64 {
	sameLen("Pearson", len(x), len(y))
	if len(x) < 2 {
		return math.NaN()
	}
	mx, my := Mean(x), Mean(y)
	var sxy, sxx, syy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return math.NaN()
	}
	return sxy / math.Sqrt(sxx*syy)
}

// Ranks returns the 1-based ranks of x, ties getting the mean of the ranks
// they span ("fractional ranking"), as Spearman's coefficient needs.
func Ranks(x []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	r := make([]float64, len(x))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && x[idx[j+1]] == x[idx[i]] {
			j++
		}
		avg := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			r[idx[k]] = avg
		}
		i = j + 1
	}
	return r
}

// Spearman returns Spearman's rank correlation: Pearson's correlation of
// the fractional ranks, which is correct with ties.
func Spearman(x, y []float64) float64 {
	sameLen("Spearman", len(x), len(y))
	return Pearson(Ranks(x), Ranks(y))
}

// QWK returns Cohen's kappa with quadratic weights between two ratings on
// the integer scale [lo, hi]: 1 - Σ w·O / Σ w·E with w(i,j) = (i-j)²/(k-1)²,
// O the observed confusion matrix and E the outer product of the marginals
// scaled to the same total. Ratings outside the scale are clamped. It is NaN
// when E has no weight (both raters constant at the same value).
func QWK(a, b []int, lo, hi int) float64 {
	sameLen("QWK", len(a), len(b))
	k := hi - lo + 1
	if k < 2 || len(a) == 0 {
		return math.NaN()
	}
	obs := make([]float64, k*k)
	ra, rb := make([]float64, k), make([]float64, k)
	clamp := func(v int) int { return min(max(v, lo), hi) - lo }
	for i := range a {
		x, y := clamp(a[i]), clamp(b[i])
		obs[x*k+y]++
		ra[x]++
		rb[y]++
	}
	n := float64(len(a))
	var num, den float64
	for i := 0; i < k; i++ {
		for j := 0; j < k; j++ {
			w := float64((i-j)*(i-j)) / float64((k-1)*(k-1))
			num += w * obs[i*k+j]
			den += w * ra[i] * rb[j] / n
		}
	}
	if den == 0 {
		return math.NaN()
	}
	return 1 - num/den
}

// RoundScale rounds x to the nearest integer in [lo, hi], for computing
// QWK from a continuous prediction.
func RoundScale(x []float64, lo, hi int) []int {
	out := make([]int, len(x))
	for i, v := range x {
		out[i] = min(max(int(math.Round(v)), lo), hi)
	}
	return out
}

// Interval is a point estimate with a confidence interval.
type Interval struct {
	Est float64 `json:"est"`
	Lo  float64 `json:"lo"`
	Hi  float64 `json:"hi"`
}

// String formats the interval as "0.612 [0.48, 0.71]".
func (iv Interval) String() string {
	return fmt.Sprintf("%.3f [%.3f, %.3f]", iv.Est, iv.Lo, iv.Hi)
}

// DefaultReps is the number of bootstrap resamples used when 0 is given:
// 2000 keeps the Monte-Carlo error of a 95% percentile bound near 0.01 of
// the statistic's spread and costs milliseconds for a few hundred rows.
const DefaultReps = 2000

// Bootstrap returns stat over all n items and a percentile 95% interval
// from reps resamples of n items drawn with replacement (seeded, so the
// interval is reproducible). stat receives the indices of a resample;
// resamples on which stat is NaN are skipped.
func Bootstrap(n, reps int, seed uint64, stat func(idx []int) float64) Interval {
	groups := make([][]int, n)
	for i := range groups {
		groups[i] = []int{i}
	}
	return ClusterBootstrap(groups, reps, seed, stat)
}

// ClusterBootstrap resamples whole groups (for instance all candidate names
// of one description) with replacement, which keeps the within-group
// correlation and gives honest intervals when rows are not independent.
// stat receives the concatenated indices of the drawn groups.
func ClusterBootstrap(groups [][]int, reps int, seed uint64, stat func(idx []int) float64) Interval {
	if reps <= 0 {
		reps = DefaultReps
	}
	var all []int
	for _, g := range groups {
		all = append(all, g...)
	}
	iv := Interval{Est: stat(all), Lo: math.NaN(), Hi: math.NaN()}
	if len(groups) == 0 {
		return iv
	}
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	vals := make([]float64, 0, reps)
	idx := make([]int, 0, len(all))
	for r := 0; r < reps; r++ {
		idx = idx[:0]
		for range groups {
			idx = append(idx, groups[rng.IntN(len(groups))]...)
		}
		if v := stat(idx); !math.IsNaN(v) {
			vals = append(vals, v)
		}
	}
	if len(vals) == 0 {
		return iv
	}
	sort.Float64s(vals)
	iv.Lo, iv.Hi = Quantile(vals, 0.025), Quantile(vals, 0.975)
	return iv
}

// Quantile returns the q-quantile of sorted values by linear interpolation
// between order statistics (type 7, as R and NumPy default).
func Quantile(sorted []float64, q float64) float64 {
	if len(sorted) == 0 {
		return math.NaN()
	}
	h := q * float64(len(sorted)-1)
	lo := int(math.Floor(h))
	if lo+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}

// MeanCI returns the mean of x with a bootstrap 95% interval.
func MeanCI(x []float64, seed uint64) Interval {
	return Bootstrap(len(x), 0, seed, func(idx []int) float64 {
		if len(idx) == 0 {
			return math.NaN()
		}
		s := 0.0
		for _, i := range idx {
			s += x[i]
		}
		return s / float64(len(idx))
	})
}

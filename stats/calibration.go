package stats

import (
	"math"
	"sort"
)

// Bin is one bin of a reliability diagram.
type Bin struct {
	Lo, Hi     float64 // confidence range [Lo, Hi)
	N          int
	Confidence float64 // mean confidence in the bin
	Accuracy   float64 // mean outcome in the bin
}

// Reliability bins conf (in [0,1]) into `bins` equal-width bins and
// returns, per bin, the mean confidence and mean outcome, plus the expected
// calibration error ECE = Σ n_b/N · |accuracy_b − confidence_b|. outcome
// is the quality the confidence should predict, scaled to [0,1] (for a
// 1–5 rating, (r−1)/4). Empty bins are returned with N = 0.
func Reliability(conf, outcome []float64, bins int) ([]Bin, float64) {
	sameLen("Reliability", len(conf), len(outcome))
	if bins <= 0 {
		bins = 10
	}
	out := make([]Bin, bins)
	for b := range out {
		out[b].Lo, out[b].Hi = float64(b)/float64(bins), float64(b+1)/float64(bins)
	}
	for i, c := range conf {
		b := min(max(int(c*float64(bins)), 0), bins-1)
		out[b].N++
		out[b].Confidence += c
		out[b].Accuracy += outcome[i]
	}
	ece := 0.0
	for b := range out {
		if out[b].N == 0 {
			continue
		}
		n := float64(out[b].N)
		out[b].Confidence /= n
		out[b].Accuracy /= n
		ece += n / float64(len(conf)) * math.Abs(out[b].Accuracy-out[b].Confidence)
	}
	return out, ece
}

// Isotonic is a fitted non-decreasing step function (pool-adjacent-
// violators), used to recalibrate a confidence score against outcomes.
type Isotonic struct {
	X []float64 `json:"x"` // increasing knot positions (block means of the input)
	Y []float64 `json:"y"` // fitted values at X, non-decreasing
}

// FitIsotonic fits the least-squares non-decreasing function of x to y.
func FitIsotonic(x, y []float64) Isotonic {
	sameLen("FitIsotonic", len(x), len(y))
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	sortBy(idx, x)
	type block struct{ sx, sy, n float64 }
	var st []block
	for _, i := range idx {
		st = append(st, block{x[i], y[i], 1})
		for len(st) > 1 {
			a, b := st[len(st)-2], st[len(st)-1]
			if a.sy/a.n <= b.sy/b.n {
				break
			}
			st = append(st[:len(st)-2], block{a.sx + b.sx, a.sy + b.sy, a.n + b.n})
		}
	}
	iso := Isotonic{}
	for _, b := range st {
		iso.X = append(iso.X, b.sx/b.n)
		iso.Y = append(iso.Y, b.sy/b.n)
	}
	return iso
}

// Predict interpolates linearly between knots and holds the end values
// outside them.
func (f Isotonic) Predict(x float64) float64 {
	n := len(f.X)
	switch {
	case n == 0:
		return math.NaN()
	case x <= f.X[0]:
		return f.Y[0]
	case x >= f.X[n-1]:
		return f.Y[n-1]
	}
	for i := 1; i < n; i++ {
		if x <= f.X[i] {
			t := (x - f.X[i-1]) / (f.X[i] - f.X[i-1])
			return f.Y[i-1] + t*(f.Y[i]-f.Y[i-1])
		}
	}
	return f.Y[n-1]
}

func sortBy(idx []int, key []float64) {
	sort.SliceStable(idx, func(a, b int) bool { return key[idx[a]] < key[idx[b]] })
}

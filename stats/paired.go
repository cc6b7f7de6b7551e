package stats

import (
	"math"
	"sort"
)

// Paired summarises a paired comparison of two systems on the same items:
// a[i] and b[i] are their scores on item i (higher is better).
type Paired struct {
	N      int `json:"n"`
	Wins   int `json:"wins"`   // a[i] > b[i]
	Losses int `json:"losses"` // a[i] < b[i]
	Ties   int `json:"ties"`
	// WinRate is (wins + ties/2) / n with a bootstrap 95% interval over items.
	WinRate Interval `json:"win_rate"`
	// SignP is the two-sided exact sign-test p-value (ties dropped).
	SignP float64 `json:"sign_p"`
	// WilcoxonP is the two-sided Wilcoxon signed-rank p-value (normal
	// approximation with tie correction; zero differences dropped).
	WilcoxonP float64 `json:"wilcoxon_p"`
}

// Compare computes the paired statistics of a against b.
func Compare(a, b []float64, seed uint64) Paired {
	sameLen("Compare", len(a), len(b))
	p := Paired{N: len(a)}
	score := make([]float64, len(a))
	for i := range a {
		switch {
		case a[i] > b[i]:
			p.Wins++
			score[i] = 1
		case a[i] < b[i]:
			p.Losses++
		default:
			p.Ties++
			score[i] = 0.5
		}
	}
	p.WinRate = MeanCI(score, seed)
	p.SignP = SignTest(p.Wins, p.Losses)
	p.WilcoxonP = Wilcoxon(a, b)
	return p
}

// SignTest returns the two-sided exact binomial p-value of observing a
// split at least as uneven as wins:losses under p = 1/2:
// min(1, 2·P(X ≤ min(wins, losses))) with X ~ Binomial(wins+losses, 1/2).
// It is 1 when there are no decided pairs.
func SignTest(wins, losses int) float64 {
	n := wins + losses
	if n == 0 {
		return 1
	}
	k := min(wins, losses)
	// Sum the binomial pmf in log space: n may be in the thousands.
	cdf := 0.0
	for i := 0; i <= k; i++ {
		lg := lchoose(n, i) - float64(n)*math.Ln2
		cdf += math.Exp(lg)
	}
	return math.Min(1, 2*cdf)
}

func lchoose(n, k int) float64 {
	a, _ := math.Lgamma(float64(n + 1))
	b, _ := math.Lgamma(float64(k + 1))
	c, _ := math.Lgamma(float64(n - k + 1))
	return a - b - c
}

// Wilcoxon returns the two-sided p-value of the Wilcoxon signed-rank test
// of a against b with the normal approximation (tie-corrected variance, no
// continuity correction). Zero differences are dropped (Wilcoxon's
// convention). It is 1 when no difference is non-zero.
func Wilcoxon(a, b []float64) float64 {
	sameLen("Wilcoxon", len(a), len(b))
	var d []float64
	for i := range a {
		if x := a[i] - b[i]; x != 0 {
			d = append(d, x)
		}
	}
	n := len(d)
	if n == 0 {
		return 1
	}
	abs := make([]float64, n)
	for i, x := range d {
		abs[i] = math.Abs(x)
	}
	r := Ranks(abs)
	wPlus := 0.0
	for i, x := range d {
		if x > 0 {
			wPlus += r[i]
		}
	}
	nf := float64(n)
	mean := nf * (nf + 1) / 4
	variance := nf * (nf + 1) * (2*nf + 1) / 24
	sorted := append([]float64(nil), abs...)
	sort.Float64s(sorted)
	for i := 0; i < n; {
		j := i
		for j+1 < n && sorted[j+1] == sorted[i] {
			j++
		}
		t := float64(j - i + 1)
		variance -= (t*t*t - t) / 48
		i = j + 1
	}
	if variance <= 0 {
		return 1
	}
	z := (wPlus - mean) / math.Sqrt(variance)
	return math.Erfc(math.Abs(z) / math.Sqrt2)
}

package eval

import (
	"encoding/json"
	"fmt"
	"image/color"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"domaingen/judge"
	"domaingen/stats"
	"domaingen/suggest"
)

// ConfidencePoint is one served name for fitting or checking a confidence
// map: its raw confidence and what the calibrated confidence should
// predict.
type ConfidencePoint struct {
	// Group is the description (bootstrap cluster); List the list the name
	// was served in (within-list rank correlations).
	Group, List string
	// Raw is the served raw confidence (suggest.Suggestion.RawConfidence).
	Raw float64
	// Target is the validated judge's probability that a rater shortlists
	// the name: ListModel.ShortlistProb of the name model's predicted
	// overall rating (suggest.CalibrationTarget).
	Target float64
	// Rated is the share of the raters who shortlisted the name (overall
	// ≥ 4), and RatedOverall their mean overall rating (1–5); both NaN
	// when people did not rate it.
	Rated, RatedOverall float64
}

// RatedList is what people said of one gold list's names: each name's
// share of raters who shortlisted it and its mean overall rating (nil
// when nobody rated the list).
type RatedList struct {
	Shortlist, Overall []float64
}

// ConfidenceBins is the number of equal-width bins of the reliability
// diagrams and ECE.
const ConfidenceBins = 10

// FitConfidenceMap fits the isotonic (non-decreasing, least-squares) map
// from Raw to Target on pts and returns it as a suggest.Calibration
// without its Model and AdapterSHA256. Knots at the same raw value are
// merged, so X is strictly increasing.
func FitConfidenceMap(pts []ConfidencePoint) (*suggest.Calibration, error) {
	if len(pts) == 0 {
		return nil, fmt.Errorf("fit confidence map: no points")
	}
	x := make([]float64, len(pts))
	y := make([]float64, len(pts))
	for i, p := range pts {
		x[i], y[i] = p.Raw, p.Target
	}
	iso := stats.FitIsotonic(x, y)
	c := &suggest.Calibration{Version: suggest.CalibrationVersion, Target: suggest.CalibrationTarget}
	for i := range iso.X {
		yi := math.Min(1, math.Max(0, iso.Y[i]))
		if n := len(c.X); n > 0 && iso.X[i]-c.X[n-1] < 1e-9 {
			c.Y[n-1] = math.Max(c.Y[n-1], yi)
			continue
		}
		c.X = append(c.X, round6(iso.X[i]))
		c.Y = append(c.Y, round6(yi))
	}
	for i := 1; i < len(c.Y); i++ { // rounding must not break monotonicity
		c.Y[i] = math.Max(c.Y[i], c.Y[i-1])
	}
	return c, nil
}

func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// ConfidenceCheck measures confidences against the judge on a set of
// points (the held-out split): ECE and reliability bins before and after
// the map, with 95% intervals that resample descriptions, and whether
// ordering by confidence orders names as the judge does within a list.
type ConfidenceCheck struct {
	N            int `json:"n"`
	Lists        int `json:"lists"`
	Descriptions int `json:"descriptions"`
	// ECERaw and ECE: expected calibration error of the raw and the
	// calibrated confidence against Target.
	ECERaw stats.Interval `json:"ece_raw"`
	ECE    stats.Interval `json:"ece"`
	// RatedECE: the calibrated confidence against the raters' shortlist
	// share (names people rated only; N = RatedN).
	RatedECE stats.Interval `json:"ece_raters,omitzero"`
	RatedN   int            `json:"n_rated,omitempty"`
	// MeanRated is the raters' mean shortlist share over those names.
	MeanRated float64 `json:"mean_raters,omitempty"`
	// MeanConfidence and MeanTarget: calibration in the large.
	MeanConfidence float64 `json:"mean_confidence"`
	MeanTarget     float64 `json:"mean_target"`
	// SpearmanRaw and Spearman: Spearman's ρ of the raw and the calibrated
	// confidence with Target among one list's names, averaged over lists
	// (lists where either is constant are left out; SpearmanLists counts
	// the rest). SpearmanRated: of the calibrated confidence with the
	// raters' shortlist share.
	SpearmanRaw      stats.Interval `json:"within_list_spearman_raw"`
	Spearman         stats.Interval `json:"within_list_spearman"`
	SpearmanRated    stats.Interval `json:"within_list_spearman_raters_overall,omitzero"`
	SpearmanRawRated stats.Interval `json:"within_list_spearman_raw_raters_overall,omitzero"`
	SpearmanLists    int            `json:"within_list_lists"`
	Bins             []stats.Bin    `json:"bins"`
	BinsRaw          []stats.Bin    `json:"bins_raw"`
	// Deciles and DecilesRaw are equal-count bins (ten, by rank of the
	// confidence) for the reliability diagram: with confidences bunched in
	// a narrow range, equal-width bins leave one or two points to draw.
	Deciles    []stats.Bin `json:"-"`
	DecilesRaw []stats.Bin `json:"-"`
}

// equalCount bins conf into k bins of (nearly) equal count by rank and
// returns each bin's range, mean confidence and mean outcome.
func equalCount(conf, out []float64, k int) []stats.Bin {
	idx := make([]int, len(conf))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return conf[idx[a]] < conf[idx[b]] })
	var bins []stats.Bin
	for b := range k {
		lo, hi := b*len(idx)/k, (b+1)*len(idx)/k
		if hi <= lo {
			continue
		}
		bin := stats.Bin{Lo: conf[idx[lo]], Hi: conf[idx[hi-1]], N: hi - lo}
		for _, i := range idx[lo:hi] {
			bin.Confidence += conf[i] / float64(bin.N)
			bin.Accuracy += out[i] / float64(bin.N)
		}
		bins = append(bins, bin)
	}
	return bins
}

// CheckConfidence measures the map apply (nil: the identity) on pts.
func CheckConfidence(pts []ConfidencePoint, apply func(float64) float64, seed uint64) ConfidenceCheck {
	if apply == nil {
		apply = func(x float64) float64 { return x }
	}
	cal := make([]float64, len(pts))
	for i, p := range pts {
		cal[i] = apply(p.Raw)
	}
	return checkConfidence(pts, cal, seed)
}

// checkConfidence measures the calibrated confidences cal (parallel to
// pts) on pts.
func checkConfidence(pts []ConfidencePoint, cal []float64, seed uint64) ConfidenceCheck {
	n := len(pts)
	raw, tgt := make([]float64, n), make([]float64, n)
	groupOf := map[string]int{}
	var groups [][]int
	lists := map[string][]int{}
	var listOrder []string
	var rated []int
	for i, p := range pts {
		raw[i], tgt[i] = p.Raw, p.Target
		g, ok := groupOf[p.Group]
		if !ok {
			g = len(groups)
			groupOf[p.Group] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
		if _, ok := lists[p.List]; !ok {
			listOrder = append(listOrder, p.List)
		}
		lists[p.List] = append(lists[p.List], i)
		if !math.IsNaN(p.Rated) {
			rated = append(rated, i)
		}
	}
	c := ConfidenceCheck{N: n, Lists: len(lists), Descriptions: len(groups)}
	if n == 0 {
		return c
	}
	ece := func(conf, out []float64) func([]int) float64 {
		return func(idx []int) float64 {
			if len(idx) == 0 {
				return math.NaN()
			}
			a, b := make([]float64, len(idx)), make([]float64, len(idx))
			for k, i := range idx {
				a[k], b[k] = conf[i], out[i]
			}
			_, e := stats.Reliability(a, b, ConfidenceBins)
			return e
		}
	}
	c.ECERaw = stats.ClusterBootstrap(groups, 0, seed, ece(raw, tgt))
	c.ECE = stats.ClusterBootstrap(groups, 0, seed, ece(cal, tgt))
	c.Bins, _ = stats.Reliability(cal, tgt, ConfidenceBins)
	c.BinsRaw, _ = stats.Reliability(raw, tgt, ConfidenceBins)
	c.Deciles, c.DecilesRaw = equalCount(cal, tgt, ConfidenceBins), equalCount(raw, tgt, ConfidenceBins)
	c.MeanConfidence, c.MeanTarget = stats.Mean(cal), stats.Mean(tgt)
	if len(rated) > 0 {
		share := make([]float64, n)
		for _, i := range rated {
			share[i] = pts[i].Rated
		}
		rg := make([][]int, 0, len(groups))
		for _, g := range groups {
			var keep []int
			for _, i := range g {
				if !math.IsNaN(pts[i].Rated) {
					keep = append(keep, i)
				}
			}
			if len(keep) > 0 {
				rg = append(rg, keep)
			}
		}
		c.RatedN = len(rated)
		for _, i := range rated {
			c.MeanRated += share[i] / float64(len(rated))
		}
		c.RatedECE = stats.ClusterBootstrap(rg, 0, seed, ece(cal, share))
		overall := make([]float64, n)
		for i, p := range pts {
			overall[i] = p.RatedOverall
		}
		c.SpearmanRated = withinList(pts, lists, listOrder, cal, overall, true, seed)
		c.SpearmanRawRated = withinList(pts, lists, listOrder, raw, overall, true, seed)
	}
	c.SpearmanRaw = withinList(pts, lists, listOrder, raw, tgt, false, seed)
	c.Spearman = withinList(pts, lists, listOrder, cal, tgt, false, seed)
	for _, l := range listOrder {
		if !math.IsNaN(spearmanOf(lists[l], raw, tgt)) {
			c.SpearmanLists++
		}
	}
	return c
}

// withinList is the mean over lists of Spearman's ρ of conf and out among
// the list's names (ratedOnly: lists whose names people rated), with a
// bootstrap interval over lists.
func withinList(pts []ConfidencePoint, lists map[string][]int, order []string, conf, out []float64, ratedOnly bool, seed uint64) stats.Interval {
	var rhos []float64
	for _, l := range order {
		idx := lists[l]
		if ratedOnly && math.IsNaN(pts[idx[0]].Rated) {
			continue
		}
		if r := spearmanOf(idx, conf, out); !math.IsNaN(r) {
			rhos = append(rhos, r)
		}
	}
	if len(rhos) == 0 {
		return stats.Interval{Est: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
	}
	return stats.MeanCI(rhos, seed)
}

func spearmanOf(idx []int, a, b []float64) float64 {
	x, y := make([]float64, len(idx)), make([]float64, len(idx))
	for k, i := range idx {
		x[k], y[k] = a[i], b[i]
	}
	if len(idx) < 3 || constant(x) || constant(y) {
		return math.NaN()
	}
	return stats.Spearman(x, y)
}

func constant(x []float64) bool {
	for _, v := range x[1:] {
		if v != x[0] {
			return false
		}
	}
	return true
}

// GoldConfidencePoints turns the lists of one configuration of the
// list-level gold set (those carrying served confidences) into points
// split by the gold split: Target from the judge m on the names' inputs
// (inputs[i][k] belongs to lists[i].Names[k]); rated, if not nil, holds
// the raters' shortlist share and mean overall rating per list and name
// (nil rows: not rated).
func GoldConfidencePoints(lists []judge.GoldList, inputs [][]judge.Inputs, rated []RatedList, config string, m *judge.ListModel) (fit, heldout []ConfidencePoint, err error) {
	for i, l := range lists {
		if l.Config != config {
			continue
		}
		if len(l.Confidences) != len(l.Names) {
			return nil, nil, fmt.Errorf("gold list %s (%s): %d confidences for %d names", l.ListID, config, len(l.Confidences), len(l.Names))
		}
		for k, name := range l.Names {
			pred, err := m.Name.Predict(inputs[i][k])
			if err != nil {
				return nil, nil, fmt.Errorf("gold list %s, %s: %w", l.ListID, name, err)
			}
			p := ConfidencePoint{Group: l.DescriptionID, List: l.ListID, Raw: l.Confidences[k],
				Target: m.ShortlistProb(pred[judge.Overall]), Rated: math.NaN(), RatedOverall: math.NaN()}
			if rated != nil && rated[i].Shortlist != nil {
				p.Rated, p.RatedOverall = rated[i].Shortlist[k], rated[i].Overall[k]
			}
			if l.Split == "fit" {
				fit = append(fit, p)
			} else {
				heldout = append(heldout, p)
			}
		}
	}
	if len(fit) == 0 || len(heldout) == 0 {
		return nil, nil, fmt.Errorf("gold lists: configuration %q has %d fit and %d held-out names with confidences", config, len(fit), len(heldout))
	}
	return fit, heldout, nil
}

// ResultConfidencePoints turns eval results judged by the meaning judge
// (Result.Judge from a judge.ListJudge) into points of config (all
// configurations if empty): Raw is RawConfidence (Confidence for results
// written before it existed), Target m.ShortlistProb of the judged
// overall. Rows without a name, a judge score or a model confidence are
// skipped.
func ResultConfidencePoints(rs []Result, config string, m *judge.ListModel) ([]ConfidencePoint, error) {
	var out []ConfidencePoint
	for _, r := range rs {
		if r.Domain == "" || r.Judge == nil || (config != "" && r.Config != config) {
			continue
		}
		raw := r.RawConfidence
		if raw == 0 {
			raw = r.Confidence
		}
		if raw == 0 {
			continue // unscored (no log-probabilities)
		}
		out = append(out, ConfidencePoint{Group: r.ID, List: r.Config + "\t" + r.ID, Raw: raw,
			Target: m.ShortlistProb(r.Judge.Expected[judge.Overall]), Rated: math.NaN(), RatedOverall: math.NaN()})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no judged suggestions with confidences (run `domaingen eval` with the meaning judge)")
	}
	return out, nil
}

// CrossFitCheck estimates the held-out calibration of a map fitted on all
// of pts when no separate held-out set exists: descriptions are split in
// two halves (alternately, in sorted order), a map is fitted on each and
// checked on the other, and the two halves' points are checked together.
func CrossFitCheck(pts []ConfidencePoint, seed uint64) (ConfidenceCheck, error) {
	var ids []string
	seen := map[string]bool{}
	for _, p := range pts {
		if !seen[p.Group] {
			seen[p.Group] = true
			ids = append(ids, p.Group)
		}
	}
	sort.Strings(ids)
	half := map[string]int{}
	for i, id := range ids {
		half[id] = i % 2
	}
	var parts [2][]ConfidencePoint
	for _, p := range pts {
		parts[half[p.Group]] = append(parts[half[p.Group]], p)
	}
	if len(parts[0]) == 0 || len(parts[1]) == 0 {
		return ConfidenceCheck{}, fmt.Errorf("cross-fit check: need at least two descriptions")
	}
	var checked []ConfidencePoint
	var cal []float64
	for h := range 2 {
		m, err := FitConfidenceMap(parts[1-h])
		if err != nil {
			return ConfidenceCheck{}, err
		}
		for _, p := range parts[h] {
			checked = append(checked, p)
			cal = append(cal, m.Apply(p.Raw))
		}
	}
	return checkConfidence(checked, cal, seed), nil
}

// ConfidenceFit is what `domaingen calibrate` does: fit the map of one
// served (model, adapter) pair and check it.
type ConfidenceFit struct {
	// Model is the model file's base name, AdapterSHA256 the adapter's
	// hash ("" for a bare model), ModelSHA256 the model file's (optional):
	// recorded in the map.
	Model, AdapterSHA256, ModelSHA256 string
	// Fit are the points the map is fitted on; Heldout, if not empty, the
	// points it is checked on (else a cross-fit over Fit's descriptions).
	Fit, Heldout []ConfidencePoint
	// FittedOn describes the fitting data, for the file.
	FittedOn string
	Seed     uint64
}

// FitConfidence fits and checks the map of f.
func FitConfidence(f ConfidenceFit) (*suggest.Calibration, ConfidenceCheck, error) {
	m, err := FitConfidenceMap(f.Fit)
	if err != nil {
		return nil, ConfidenceCheck{}, err
	}
	m.Model, m.AdapterSHA256, m.ModelSHA256, m.FittedOn = f.Model, f.AdapterSHA256, f.ModelSHA256, f.FittedOn
	var check ConfidenceCheck
	if len(f.Heldout) > 0 {
		check = CheckConfidence(f.Heldout, m.Apply, f.Seed)
	} else if check, err = CrossFitCheck(f.Fit, f.Seed); err != nil {
		return nil, ConfidenceCheck{}, err
	}
	summary := struct {
		How  string         `json:"how"`
		N    int            `json:"n"`
		ECE  stats.Interval `json:"ece"`
		Raw  stats.Interval `json:"ece_raw"`
		Rho  stats.Interval `json:"within_list_spearman"`
		RECE stats.Interval `json:"ece_raters,omitzero"`
	}{How: "held-out split", N: check.N, ECE: check.ECE, Raw: check.ECERaw, Rho: check.Spearman, RECE: check.RatedECE}
	if len(f.Heldout) == 0 {
		summary.How = "two-fold cross-fit over descriptions (each half checked with the map fitted on the other)"
	}
	if m.Heldout, err = json.Marshal(summary); err != nil {
		return nil, ConfidenceCheck{}, fmt.Errorf("fit confidence: %w", err)
	}
	return m, check, nil
}

// WriteReliabilityChart draws the reliability diagram of c (raw and
// calibrated confidence against the judge's shortlist probability, ten
// equal-count bins each) as a PNG. The axes end a little above the
// largest value drawn, so bunched confidences stay readable.
func WriteReliabilityChart(path, title string, c ConfidenceCheck) error {
	p := plot.New()
	p.Title.Text = fmt.Sprintf("%s: ECE %.3f raw → %.3f calibrated (n=%d)", title, c.ECERaw.Est, c.ECE.Est, c.N)
	p.X.Label.Text = "confidence (deciles of names)"
	p.Y.Label.Text = "judge: P(shortlisted)"
	top := 0.0
	for _, b := range append(append([]stats.Bin{}, c.Deciles...), c.DecilesRaw...) {
		top = math.Max(top, math.Max(b.Confidence, b.Accuracy))
	}
	top = math.Min(1, math.Ceil((top*1.1+0.01)*20)/20)
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, top, 0, top
	diag, err := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: top, Y: top}})
	if err != nil {
		return err
	}
	diag.Color = color.Gray{Y: 160}
	diag.Dashes = []vg.Length{vg.Points(4), vg.Points(4)}
	p.Add(diag)
	for i, s := range []struct {
		name string
		bins []stats.Bin
		col  color.Color
	}{{"raw", c.DecilesRaw, color.RGBA{R: 200, G: 80, B: 60, A: 255}}, {"calibrated", c.Deciles, color.RGBA{R: 40, G: 90, B: 200, A: 255}}} {
		var pts plotter.XYs
		for _, b := range s.bins {
			if b.N > 0 {
				pts = append(pts, plotter.XY{X: b.Confidence, Y: b.Accuracy})
			}
		}
		if len(pts) == 0 {
			continue
		}
		l, sc, err := plotter.NewLinePoints(pts)
		if err != nil {
			return err
		}
		l.Color, sc.Color = s.col, s.col
		if i == 1 {
			l.Width = vg.Points(2)
		}
		p.Add(l, sc)
		p.Legend.Add(s.name, l)
	}
	p.Legend.Top, p.Legend.Left = true, true
	if err := p.Save(5*vg.Inch, 5*vg.Inch, path); err != nil {
		return fmt.Errorf("draw reliability chart: %w", err)
	}
	return nil
}

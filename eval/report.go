package eval

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"path/filepath"
	"sort"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"

	"domaingen/judge"
)

// Report is everything report.md shows.
type Report struct {
	// Title and Command (the command line that produced the run).
	Title, Command string
	Metrics        []Metrics
	Comparisons    []Comparison
	// Calibration per configuration, in Metrics order (zero N without judge).
	Calibration []ConfidenceCalibration
	// Charts are file names relative to the report.
	Charts []string
	// Worst lists, per configuration, the lowest-judged suggestions.
	Worst map[string][]Result
}

// Build assembles a Report from results of one or more configurations
// (in the order given by configs).
func Build(configs []string, results []Result, seed uint64) Report {
	r := Report{Worst: map[string][]Result{}}
	by := map[string][]Result{}
	for _, x := range results {
		by[x.Config] = append(by[x.Config], x)
	}
	for _, c := range configs {
		r.Metrics = append(r.Metrics, Summarize(c, by[c], seed))
		r.Calibration = append(r.Calibration, CalibrateConfidence(by[c], 10))
		var judged []Result
		for _, x := range by[c] {
			if x.Judge != nil {
				judged = append(judged, x)
			}
		}
		sort.SliceStable(judged, func(i, j int) bool {
			return judged[i].Judge.Expected[judge.Overall] < judged[j].Judge.Expected[judge.Overall]
		})
		r.Worst[c] = judged[:min(10, len(judged))]
	}
	for i := 1; i < len(configs); i++ {
		c := ComparePaired(by[configs[i]], by[configs[0]], seed)
		r.Comparisons = append(r.Comparisons, c)
		switch c.Metric {
		case MetricListJudge:
			r.Comparisons = append(r.Comparisons, CompareBy(by[configs[i]], by[configs[0]], MetricJudge, seed), CompareBy(by[configs[i]], by[configs[0]], MetricList, seed))
		case MetricJudge:
			r.Comparisons = append(r.Comparisons, CompareBy(by[configs[i]], by[configs[0]], MetricList, seed))
		}
	}
	return r
}

func pct(est, lo, hi float64) string {
	if math.IsNaN(est) {
		return "–"
	}
	return fmt.Sprintf("%.1f%% [%.1f, %.1f]", 100*est, 100*lo, 100*hi)
}

// WriteMarkdown writes the report as Markdown.
func (r Report) WriteMarkdown(w io.Writer) {
	fmt.Fprintf(w, "# %s\n\n", r.Title)
	if r.Command != "" {
		fmt.Fprintf(w, "Reproduce: `%s`\n\n", r.Command)
	}
	fmt.Fprintf(w, "Intervals are 95%% bootstrap intervals over descriptions.\n\n## Metrics\n\n| metric |")
	for _, m := range r.Metrics {
		fmt.Fprintf(w, " %s |", m.Config)
	}
	fmt.Fprintf(w, "\n|---|%s\n", strings.Repeat("---|", len(r.Metrics)))
	row := func(name string, f func(m Metrics) string) {
		fmt.Fprintf(w, "| %s |", name)
		for _, m := range r.Metrics {
			fmt.Fprintf(w, " %s |", f(m))
		}
		fmt.Fprintln(w)
	}
	row("descriptions / suggestions", func(m Metrics) string { return fmt.Sprintf("%d / %d", m.Descriptions, m.Suggestions) })
	rate := func(name string, get func(m Metrics) (float64, float64, float64)) {
		row(name, func(m Metrics) string { e, l, h := get(m); return pct(e, l, h) })
	}
	num := func(name string, get func(m Metrics) (float64, float64, float64)) {
		row(name, func(m Metrics) string {
			e, l, h := get(m)
			if math.IsNaN(e) {
				return "–"
			}
			return fmt.Sprintf("%.2f [%.2f, %.2f]", e, l, h)
		})
	}
	rate("blocked", func(m Metrics) (float64, float64, float64) { return m.Blocked.Est, m.Blocked.Lo, m.Blocked.Hi })
	rate("error", func(m Metrics) (float64, float64, float64) { return m.Error.Est, m.Error.Lo, m.Error.Hi })
	num("suggestions per description", func(m Metrics) (float64, float64, float64) {
		return m.PerDescription.Est, m.PerDescription.Lo, m.PerDescription.Hi
	})
	rate("valid", func(m Metrics) (float64, float64, float64) { return m.Valid.Est, m.Valid.Lo, m.Valid.Hi })
	rate("duplicate SLD (other TLD)", func(m Metrics) (float64, float64, float64) {
		return m.DuplicateSLD.Est, m.DuplicateSLD.Lo, m.DuplicateSLD.Hi
	})
	rate("from fallback", func(m Metrics) (float64, float64, float64) { return m.Fallback.Est, m.Fallback.Lo, m.Fallback.Hi })
	num("mean length", func(m Metrics) (float64, float64, float64) { return m.Length.Est, m.Length.Lo, m.Length.Hi })
	rate("with hyphen", func(m Metrics) (float64, float64, float64) { return m.Hyphen.Est, m.Hyphen.Lo, m.Hyphen.Hi })
	rate("with digit", func(m Metrics) (float64, float64, float64) { return m.Digit.Est, m.Digit.Lo, m.Digit.Hi })
	rate("distinct 4-letter prefixes", func(m Metrics) (float64, float64, float64) {
		return m.DistinctPrefix.Est, m.DistinctPrefix.Lo, m.DistinctPrefix.Hi
	})
	num("mean pairwise edit distance", func(m Metrics) (float64, float64, float64) {
		return m.EditDistance.Est, m.EditDistance.Lo, m.EditDistance.Hi
	})
	num("pronounceability (log2 p/char)", func(m Metrics) (float64, float64, float64) {
		return m.Pronounceability.Est, m.Pronounceability.Lo, m.Pronounceability.Hi
	})
	rate("contains a description keyword", func(m Metrics) (float64, float64, float64) {
		return m.KeywordHit.Est, m.KeywordHit.Lo, m.KeywordHit.Hi
	})
	rate("contains a keyword or its WordNet synonym", func(m Metrics) (float64, float64, float64) {
		return m.RelevantHit.Est, m.RelevantHit.Lo, m.RelevantHit.Hi
	})
	num("mean confidence", func(m Metrics) (float64, float64, float64) { return m.Confidence.Est, m.Confidence.Lo, m.Confidence.Hi })
	for d := range judge.NumDims {
		num("judge "+judge.DimNames[d], func(m Metrics) (float64, float64, float64) {
			return m.Judge[d].Est, m.Judge[d].Lo, m.Judge[d].Hi
		})
	}
	row("TLDs", func(m Metrics) string {
		var parts []string
		for _, t := range TopTLDs(m.TLDs)[:min(6, len(m.TLDs))] {
			parts = append(parts, fmt.Sprintf(".%s %d", t, m.TLDs[t]))
		}
		return strings.Join(parts, ", ")
	})
	row("length histogram", func(m Metrics) string {
		var ks []int
		for k := range m.LengthHist {
			ks = append(ks, k)
		}
		sort.Ints(ks)
		var parts []string
		for _, k := range ks {
			parts = append(parts, fmt.Sprintf("%d:%d", k, m.LengthHist[k]))
		}
		return strings.Join(parts, " ")
	})
	if len(r.Comparisons) > 0 {
		fmt.Fprintf(w, "\n## Paired comparison\n\n| A vs B | by | wins / losses / ties | win rate of A | sign test p | Wilcoxon p |\n|---|---|---|---|---|---|\n")
		for _, c := range r.Comparisons {
			fmt.Fprintf(w, "| %s vs %s | %s | %d / %d / %d | %s | %.3g | %.3g |\n", c.A, c.B, c.Metric, c.Wins, c.Losses, c.Ties, c.WinRate, c.SignP, c.WilcoxonP)
		}
	}
	fmt.Fprintf(w, "\n## Confidence calibration\n\nOutcome: judged overall mapped to [0,1] as (overall−1)/4. Isotonic regression fitted on even-numbered descriptions, ECE measured on the odd ones.\n\n| config | n | ECE (all) | held-out ECE raw | held-out ECE isotonic |\n|---|---|---|---|---|\n")
	for i, c := range r.Calibration {
		if c.N == 0 {
			fmt.Fprintf(w, "| %s | 0 | – | – | – |\n", r.Metrics[i].Config)
			continue
		}
		fmt.Fprintf(w, "| %s | %d | %.3f | %.3f | %.3f |\n", r.Metrics[i].Config, c.N, c.ECE, c.HeldOutECE, c.IsotonicECE)
	}
	if len(r.Charts) > 0 {
		fmt.Fprintf(w, "\n## Charts\n\n")
		for _, c := range r.Charts {
			fmt.Fprintf(w, "![%s](%s)\n\n", strings.TrimSuffix(c, ".png"), c)
		}
	}
	for _, m := range r.Metrics {
		if ws := r.Worst[m.Config]; len(ws) > 0 {
			fmt.Fprintf(w, "\n## Lowest-judged suggestions: %s\n\n| id | domain | overall | reason |\n|---|---|---|---|\n", m.Config)
			for _, x := range ws {
				fmt.Fprintf(w, "| %s | %s | %.2f | %s |\n", x.ID, x.Domain, x.Judge.Expected[judge.Overall], x.Judge.Reason)
			}
		}
	}
}

// WriteCharts draws the report's PNG charts into dir and records their
// names in r.Charts: judged-overall distribution, metric bars with
// intervals, and a reliability diagram per configuration.
func (r *Report) WriteCharts(dir string, results []Result) error {
	by := map[string][]Result{}
	for _, x := range results {
		by[x.Config] = append(by[x.Config], x)
	}
	// 1. Distribution of judged overall ratings, rounded, per configuration.
	p := plot.New()
	p.Title.Text = "Judged overall rating"
	p.X.Label.Text = "rating"
	p.Y.Label.Text = "suggestions"
	w := vg.Points(12)
	for i, m := range r.Metrics {
		var counts plotter.Values = make([]float64, 5)
		for _, x := range by[m.Config] {
			if x.Judge != nil {
				k := min(max(int(math.Round(x.Judge.Expected[judge.Overall])), 1), 5)
				counts[k-1]++
			}
		}
		bc, err := plotter.NewBarChart(counts, w)
		if err != nil {
			return err
		}
		bc.Color = plotutil.Color(i)
		bc.Offset = vg.Length(i-len(r.Metrics)/2) * w
		p.Add(bc)
		p.Legend.Add(m.Config, bc)
	}
	p.NominalX("1", "2", "3", "4", "5")
	p.Legend.Top = true
	if err := p.Save(6*vg.Inch, 4*vg.Inch, filepath.Join(dir, "scores.png")); err != nil {
		return fmt.Errorf("draw scores chart: %w", err)
	}
	r.Charts = append(r.Charts, "scores.png")

	// 2. Rates with their intervals.
	names := []string{"valid", "keyword", "keyword or synonym", "hyphen", "digit", "fallback", "distinct prefix"}
	p = plot.New()
	p.Title.Text = "Rates with 95% intervals"
	p.Y.Label.Text = "fraction"
	p.Y.Min, p.Y.Max = 0, 1.05
	p.X.Min, p.X.Max = -0.5, float64(len(names))-0.5
	for i, m := range r.Metrics {
		ivs := []struct{ e, lo, hi float64 }{
			{m.Valid.Est, m.Valid.Lo, m.Valid.Hi}, {m.KeywordHit.Est, m.KeywordHit.Lo, m.KeywordHit.Hi},
			{m.RelevantHit.Est, m.RelevantHit.Lo, m.RelevantHit.Hi},
			{m.Hyphen.Est, m.Hyphen.Lo, m.Hyphen.Hi}, {m.Digit.Est, m.Digit.Lo, m.Digit.Hi},
			{m.Fallback.Est, m.Fallback.Lo, m.Fallback.Hi}, {m.DistinctPrefix.Est, m.DistinctPrefix.Lo, m.DistinctPrefix.Hi},
		}
		errs := make(plotter.YErrors, len(ivs))
		xys := make(plotter.XYs, len(ivs))
		off := (float64(i) - float64(len(r.Metrics)-1)/2) * 0.2
		for k, iv := range ivs {
			xys[k].X, xys[k].Y = float64(k)+off, nan0(iv.e)
			errs[k].Low, errs[k].High = nan0(iv.e-iv.lo), nan0(iv.hi-iv.e)
		}
		sc, err := plotter.NewScatter(xys)
		if err != nil {
			return err
		}
		sc.Color = plotutil.Color(i)
		sc.Shape = plotutil.Shape(i)
		sc.Radius = vg.Points(4)
		p.Add(sc)
		p.Legend.Add(m.Config, sc)
		eb, err := plotter.NewYErrorBars(struct {
			plotter.XYs
			plotter.YErrors
		}{xys, errs})
		if err != nil {
			return err
		}
		eb.Color = plotutil.Color(i)
		p.Add(eb)
	}
	p.NominalX(names...)
	p.Legend.Top = true
	if err := p.Save(7*vg.Inch, 4*vg.Inch, filepath.Join(dir, "metrics.png")); err != nil {
		return fmt.Errorf("draw metrics chart: %w", err)
	}
	r.Charts = append(r.Charts, "metrics.png")

	// 3. Reliability diagrams.
	for i, m := range r.Metrics {
		c := r.Calibration[i]
		if c.N == 0 {
			continue
		}
		p = plot.New()
		p.Title.Text = fmt.Sprintf("Reliability: %s (ECE %.3f)", m.Config, c.ECE)
		p.X.Label.Text = "confidence"
		p.Y.Label.Text = "judged quality (overall−1)/4"
		p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
		var pts plotter.XYs
		for _, b := range c.Bins {
			if b.N > 0 {
				pts = append(pts, plotter.XY{X: b.Confidence, Y: b.Accuracy})
			}
		}
		diag, _ := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}})
		diag.Color = color.Gray{Y: 160}
		diag.Dashes = []vg.Length{vg.Points(4), vg.Points(4)}
		p.Add(diag)
		if len(pts) > 0 {
			l, s, err := plotter.NewLinePoints(pts)
			if err != nil {
				return err
			}
			l.Color, s.Color = plotutil.Color(i), plotutil.Color(i)
			p.Add(l, s)
		}
		name := "reliability_" + safeName(m.Config) + ".png"
		if err := p.Save(5*vg.Inch, 5*vg.Inch, filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("draw reliability chart: %w", err)
		}
		r.Charts = append(r.Charts, name)
	}
	return nil
}

func nan0(x float64) float64 {
	if math.IsNaN(x) {
		return 0
	}
	return x
}

func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, s)
}

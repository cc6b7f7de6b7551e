package eval

import (
	"math"
	"sort"

	"domaingen/domain"
	"domaingen/judge"
	"domaingen/stats"
)

// Metrics summarise one configuration's results. Rates are fractions of
// suggestions (or of descriptions, for Blocked and Error); every Interval
// is a 95% bootstrap interval that resamples descriptions.
type Metrics struct {
	Config       string `json:"config"`
	Descriptions int    `json:"descriptions"`
	Suggestions  int    `json:"suggestions"`

	Blocked stats.Interval `json:"blocked_rate"`
	Error   stats.Interval `json:"error_rate"`
	// PerDescription is the mean number of suggestions per successful description.
	PerDescription stats.Interval `json:"per_description"`
	Valid          stats.Interval `json:"valid_rate"`
	// DuplicateSLD: suggestions whose second-level label repeats an earlier
	// one of the same description under another TLD.
	DuplicateSLD stats.Interval `json:"duplicate_sld_rate"`
	Fallback     stats.Interval `json:"fallback_rate"`
	Length       stats.Interval `json:"mean_length"`
	Hyphen       stats.Interval `json:"hyphen_rate"`
	Digit        stats.Interval `json:"digit_rate"`
	// DistinctPrefix: distinct 4-letter prefixes / names, per description.
	DistinctPrefix stats.Interval `json:"distinct_prefix"`
	// EditDistance: mean pairwise Levenshtein distance of the labels, per description.
	EditDistance     stats.Interval `json:"mean_edit_distance"`
	Pronounceability stats.Interval `json:"pronounceability"`
	// KeywordHit: suggestions containing a description keyword (or stem).
	KeywordHit stats.Interval `json:"keyword_hit_rate"`
	// RelevantHit: suggestions containing a description keyword or a
	// WordNet synonym or hypernym of one (judge.Features KeywordHits or
	// SynonymHits); equal to KeywordHit when the run had no WordNet.
	RelevantHit stats.Interval `json:"relevant_hit_rate"`
	Confidence  stats.Interval `json:"mean_confidence"`
	// Judge is the mean judged rating per dimension (NaN without a judge).
	Judge [judge.NumDims]stats.Interval `json:"judge"`

	LengthHist map[int]int    `json:"length_hist"`
	TLDs       map[string]int `json:"tlds"`
}

// byDescription groups results by description id, in first-seen order.
func byDescription(rs []Result) [][]Result {
	idx := map[string]int{}
	var out [][]Result
	for _, r := range rs {
		i, ok := idx[r.ID]
		if !ok {
			i = len(out)
			idx[r.ID] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], r)
	}
	return out
}

// Summarize computes the Metrics of one configuration's results.
func Summarize(config string, rs []Result, seed uint64) Metrics {
	m := Metrics{Config: config, LengthHist: map[int]int{}, TLDs: map[string]int{}}
	groups := byDescription(rs)
	m.Descriptions = len(groups)
	// Per-suggestion values with their description group, for clustered intervals.
	type col struct {
		vals   []float64
		groups [][]int
	}
	newCol := func() *col { return &col{groups: make([][]int, len(groups))} }
	add := func(c *col, g int, v float64) {
		if math.IsNaN(v) {
			return
		}
		c.groups[g] = append(c.groups[g], len(c.vals))
		c.vals = append(c.vals, v)
	}
	mean := func(c *col) stats.Interval {
		var gs [][]int
		for _, g := range c.groups {
			if len(g) > 0 {
				gs = append(gs, g)
			}
		}
		if len(gs) == 0 {
			return stats.Interval{Est: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
		}
		return stats.ClusterBootstrap(gs, 0, seed, func(idx []int) float64 {
			s := 0.0
			for _, i := range idx {
				s += c.vals[i]
			}
			return s / float64(len(idx))
		})
	}
	blocked, errs, perDesc := newCol(), newCol(), newCol()
	valid, dup, fb, length, hyph, dig, pron, kw, rel, conf := newCol(), newCol(), newCol(), newCol(), newCol(), newCol(), newCol(), newCol(), newCol(), newCol()
	prefix, edit := newCol(), newCol()
	var jd [judge.NumDims]*col
	for d := range jd {
		jd[d] = newCol()
	}
	b2f := func(b bool) float64 {
		if b {
			return 1
		}
		return 0
	}
	for g, rows := range groups {
		st := rows[0].Status
		add(blocked, g, b2f(st == "blocked"))
		add(errs, g, b2f(st == "error"))
		var labels []string
		seen := map[string]bool{}
		n := 0
		for _, r := range rows {
			if r.Domain == "" {
				continue
			}
			n++
			m.Suggestions++
			f := domain.FeaturesOf(r.Domain)
			m.LengthHist[f.Length]++
			m.TLDs[f.TLD]++
			add(valid, g, b2f(r.Valid))
			add(dup, g, b2f(seen[f.SLD]))
			seen[f.SLD] = true
			add(fb, g, b2f(r.Source == "fallback"))
			add(length, g, float64(f.Length))
			add(hyph, g, b2f(f.Hyphens > 0))
			add(dig, g, b2f(f.Digits > 0))
			add(conf, g, r.Confidence)
			if r.Features != nil {
				add(pron, g, r.Features.Pronounceability)
				add(kw, g, b2f(r.Features.KeywordHits > 0))
				add(rel, g, b2f(r.Features.KeywordHits > 0 || r.Features.SynonymHits > 0))
			}
			if r.Judge != nil {
				for d := range judge.NumDims {
					add(jd[d], g, r.Judge.Expected[d])
				}
			}
			labels = append(labels, f.SLD)
		}
		if st == "success" {
			add(perDesc, g, float64(n))
		}
		if len(labels) > 1 {
			add(prefix, g, DistinctPrefixes(labels, 4))
			add(edit, g, MeanPairwiseDistance(labels))
		}
	}
	m.Blocked, m.Error, m.PerDescription = mean(blocked), mean(errs), mean(perDesc)
	m.Valid, m.DuplicateSLD, m.Fallback = mean(valid), mean(dup), mean(fb)
	m.Length, m.Hyphen, m.Digit = mean(length), mean(hyph), mean(dig)
	m.DistinctPrefix, m.EditDistance = mean(prefix), mean(edit)
	m.Pronounceability, m.KeywordHit, m.RelevantHit, m.Confidence = mean(pron), mean(kw), mean(rel), mean(conf)
	for d := range jd {
		m.Judge[d] = mean(jd[d])
	}
	return m
}

// DistinctPrefixes returns the number of distinct k-character prefixes of
// labels divided by the number of labels: 1 when no two names start alike.
func DistinctPrefixes(labels []string, k int) float64 {
	if len(labels) == 0 {
		return math.NaN()
	}
	set := map[string]bool{}
	for _, l := range labels {
		r := []rune(l)
		set[string(r[:min(k, len(r))])] = true
	}
	return float64(len(set)) / float64(len(labels))
}

// MeanPairwiseDistance is the mean Levenshtein distance over all pairs of
// labels (NaN for fewer than two).
func MeanPairwiseDistance(labels []string) float64 {
	if len(labels) < 2 {
		return math.NaN()
	}
	s, n := 0.0, 0
	for i := range labels {
		for j := i + 1; j < len(labels); j++ {
			s += float64(Levenshtein(labels[i], labels[j]))
			n++
		}
	}
	return s / float64(n)
}

// Levenshtein returns the edit distance between a and b in runes
// (insertions, deletions and substitutions cost 1).
func Levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Comparison is a paired comparison of two configurations on the
// descriptions both answered, by each description's mean judged overall
// rating (or, without judge scores, mean confidence).
type Comparison struct {
	A, B   string
	Metric string
	stats.Paired
}

// Paired comparison metrics.
const (
	// MetricJudge is each description's mean judged overall rating.
	MetricJudge = "judge overall"
	// MetricList is the diversity-aware list score: the mean judged overall
	// rating of a description's list where a name whose second-level label
	// repeats an earlier one in the list (bakerycafe.co after
	// bakerycafe.com) counts as 1, the lowest rating. The judge rates names
	// one at a time; this is what a list of ten names is worth to a user.
	MetricList = "list score (repeated SLD = 1)"
	// MetricListJudge is the list judge's 1–10 score of each
	// description's list (Result.ListScore): the validated judge's
	// measure of what a list is worth to a person (docs/judge.md).
	MetricListJudge = "list judge score (1-10)"
	// MetricConfidence is each description's mean confidence (no judge).
	MetricConfidence = "confidence"
	// MetricRelevant is each description's relevant hit rate (see
	// Metrics.RelevantHit): suggestions without features are left out.
	MetricRelevant = "relevant hit rate"
)

// ComparePaired compares configuration a against b, description by
// description: by the list judge's score when every suggestion of both has
// one, else by mean judged overall rating when every suggestion has judge
// scores, else by mean confidence.
func ComparePaired(a, b []Result, seed uint64) Comparison {
	return CompareBy(a, b, PairedMetric(append(append([]Result{}, a...), b...)), seed)
}

// PairedMetric is the best metric every suggestion of rs supports: the
// list judge's score, the judged overall rating or the confidence.
func PairedMetric(rs []Result) string {
	metric := MetricListJudge
	for _, r := range rs {
		if r.Domain == "" {
			continue
		}
		if r.Judge == nil {
			return MetricConfidence
		}
		if r.ListScore == nil {
			metric = MetricJudge
		}
	}
	return metric
}

// CompareBy compares configuration a against b, description by
// description, by one of the Metric constants (the judge metrics need
// judge scores on every suggestion, MetricRelevant features).
func CompareBy(a, b []Result, metric string, seed uint64) Comparison {
	sa, sb := meanPerDescription(a, metric), meanPerDescription(b, metric)
	var ids []string
	for id := range sa {
		if _, ok := sb[id]; ok {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	xa, xb := make([]float64, len(ids)), make([]float64, len(ids))
	for i, id := range ids {
		xa[i], xb[i] = sa[id], sb[id]
	}
	c := Comparison{Metric: metric, Paired: stats.Compare(xa, xb, seed)}
	if len(a) > 0 {
		c.A = a[0].Config
	}
	if len(b) > 0 {
		c.B = b[0].Config
	}
	return c
}

// meanPerDescription averages metric over each description's suggestions.
func meanPerDescription(rs []Result, metric string) map[string]float64 {
	sum, n := map[string]float64{}, map[string]float64{}
	seen := map[string]map[string]bool{} // description id → SLDs so far
	for _, r := range rs {
		if r.Domain == "" {
			continue
		}
		v := r.Confidence
		switch metric {
		case MetricRelevant:
			if r.Features == nil {
				continue
			}
			v = 0
			if r.Features.KeywordHits > 0 || r.Features.SynonymHits > 0 {
				v = 1
			}
		case MetricJudge:
			v = r.Judge.Expected[judge.Overall]
		case MetricListJudge:
			v = *r.ListScore
		case MetricList:
			v = r.Judge.Expected[judge.Overall]
			sld := domain.FeaturesOf(r.Domain).SLD
			if seen[r.ID] == nil {
				seen[r.ID] = map[string]bool{}
			}
			if seen[r.ID][sld] {
				v = 1
			}
			seen[r.ID][sld] = true
		}
		sum[r.ID] += v
		n[r.ID]++
	}
	for k := range sum {
		sum[k] /= n[k]
	}
	return sum
}

// Quality maps a judged overall rating 1–5 to [0,1], the outcome a
// confidence should predict.
func Quality(overall float64) float64 { return (overall - 1) / 4 }

// ConfidenceCalibration relates each suggestion's confidence to its judged
// quality: the reliability diagram and ECE of the raw confidence, and of the
// confidence after isotonic regression fitted on half the descriptions and
// measured on the other half.
type ConfidenceCalibration struct {
	Bins        []stats.Bin    `json:"bins"`
	ECE         float64        `json:"ece"`
	HeldOutECE  float64        `json:"held_out_ece_raw"`
	IsotonicECE float64        `json:"held_out_ece_isotonic"`
	Isotonic    stats.Isotonic `json:"isotonic"`
	N           int            `json:"n"`
}

// CalibrateConfidence computes the ConfidenceCalibration of results with
// judge scores; descriptions alternate between fitting and measuring in
// first-seen order.
func CalibrateConfidence(rs []Result, bins int) ConfidenceCalibration {
	var conf, q []float64
	var fitC, fitQ, testC, testQ []float64
	for g, rows := range byDescription(rs) {
		for _, r := range rows {
			if r.Domain == "" || r.Judge == nil {
				continue
			}
			c, y := r.Confidence, Quality(r.Judge.Expected[judge.Overall])
			conf, q = append(conf, c), append(q, y)
			if g%2 == 0 {
				fitC, fitQ = append(fitC, c), append(fitQ, y)
			} else {
				testC, testQ = append(testC, c), append(testQ, y)
			}
		}
	}
	var cc ConfidenceCalibration
	cc.N = len(conf)
	if cc.N == 0 {
		return cc
	}
	cc.Bins, cc.ECE = stats.Reliability(conf, q, bins)
	if len(fitC) > 0 && len(testC) > 0 {
		cc.Isotonic = stats.FitIsotonic(fitC, fitQ)
		_, cc.HeldOutECE = stats.Reliability(testC, testQ, bins)
		adj := make([]float64, len(testC))
		for i, c := range testC {
			adj[i] = cc.Isotonic.Predict(c)
		}
		_, cc.IsotonicECE = stats.Reliability(adj, testQ, bins)
	}
	return cc
}

// TopTLDs returns the TLD counts sorted by count, then name.
func TopTLDs(m map[string]int) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		if m[out[i]] != m[out[j]] {
			return m[out[i]] > m[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

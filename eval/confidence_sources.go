package eval

import (
	"fmt"
	"io"
	"math"

	"domaingen/judge"
	"domaingen/stats"
	"domaingen/suggest"
)

// CalibrationSource says where `domaingen calibrate` reads served
// confidences and how it judges them. Either Lists (the list-level gold
// set: fit on its fit split, check on its held-out split) or Results (an
// eval run judged by the meaning judge: fit on every row, check by
// cross-fitting) must be set.
type CalibrationSource struct {
	// Lists, LM and Words: the gold lists, their names' language-model
	// statistics (judge.LoadLMRows) and the English word list of the
	// judge's features. Ratings, if set, adds a check against the raters
	// on the lists they rated; Scores (optional, with Ratings) are the v2
	// list scores whose raters' overall ratings join the name raters', as
	// when the judge was fitted (judge.JoinListGold).
	Lists, LM, Words, Ratings, Scores string
	// Results is an eval results.jsonl with meaning-judge scores.
	Results string
	// Judge is the validated list judge (judge/calibration_meaning.json).
	Judge string
	// Config selects the configuration (the gold lists' config, or the
	// results' config; empty: every row of Results).
	Config string
	// Model, AdapterSHA256 and ModelSHA256 (optional) identify the served
	// pair the map is for.
	Model, AdapterSHA256, ModelSHA256 string
	Seed                              uint64
}

// Calibrate loads src, fits the confidence map and checks it.
func Calibrate(src CalibrationSource) (*suggest.Calibration, ConfidenceCheck, error) {
	m, err := judge.LoadListModel(src.Judge)
	if err != nil {
		return nil, ConfidenceCheck{}, err
	}
	f := ConfidenceFit{Model: src.Model, AdapterSHA256: src.AdapterSHA256, ModelSHA256: src.ModelSHA256, Seed: src.Seed}
	switch {
	case src.Lists != "" && src.Results != "":
		return nil, ConfidenceCheck{}, fmt.Errorf("calibrate: gold lists or eval results, not both")
	case src.Results != "":
		rs, err := ReadResults(src.Results)
		if err != nil {
			return nil, ConfidenceCheck{}, err
		}
		if f.Fit, err = ResultConfidencePoints(rs, src.Config, m); err != nil {
			return nil, ConfidenceCheck{}, fmt.Errorf("calibrate from %s: %w", src.Results, err)
		}
		f.FittedOn = fmt.Sprintf("%s (%d judged names); target: judge %s", src.Results, len(f.Fit), src.Judge)
	case src.Lists != "":
		if f.Fit, f.Heldout, err = goldPoints(src, m); err != nil {
			return nil, ConfidenceCheck{}, err
		}
		f.FittedOn = fmt.Sprintf("%s, configuration %s, fit split (%d names); target: judge %s", src.Lists, src.Config, len(f.Fit), src.Judge)
	default:
		return nil, ConfidenceCheck{}, fmt.Errorf("calibrate: no gold lists and no eval results")
	}
	return FitConfidence(f)
}

// goldPoints computes the judge's inputs of src.Config's gold names and
// turns them into fit and held-out points.
func goldPoints(src CalibrationSource, m *judge.ListModel) (fit, heldout []ConfidencePoint, err error) {
	all, err := judge.LoadGoldLists(src.Lists)
	if err != nil {
		return nil, nil, err
	}
	var lists []judge.GoldList
	for _, l := range all {
		if l.Config == src.Config {
			lists = append(lists, l)
		}
	}
	if len(lists) == 0 {
		return nil, nil, fmt.Errorf("gold lists %s: no list of configuration %q", src.Lists, src.Config)
	}
	inputs, err := judge.GoldInputs(lists, src.LM, src.Words)
	if err != nil {
		return nil, nil, err
	}
	var rated []RatedList
	if src.Ratings != "" {
		if rated, err = ratedLists(lists, src.Ratings, src.Scores); err != nil {
			return nil, nil, err
		}
	}
	return GoldConfidencePoints(lists, inputs, rated, src.Config, m)
}

// ratedLists is what the raters said of each name of lists: name ratings
// from path, and v2 list scores' overall ratings from scoresPath if set.
func ratedLists(lists []judge.GoldList, path, scoresPath string) ([]RatedList, error) {
	ratings, err := judge.LoadListRatings(path)
	if err != nil {
		return nil, err
	}
	var scores []judge.ListScoreRating
	if scoresPath != "" {
		if scores, err = judge.LoadListScores(scoresPath); err != nil {
			return nil, err
		}
	}
	rated := map[string]bool{}
	for _, r := range ratings {
		rated[r.ListID] = true
	}
	var sub []judge.GoldList
	var pos []int
	for i, l := range lists {
		if rated[l.ListID] {
			sub = append(sub, l)
			pos = append(pos, i)
		}
	}
	keep := map[string]bool{}
	for _, l := range sub {
		keep[l.ListID] = true
	}
	var mine []judge.ListRating
	for _, r := range ratings {
		if keep[r.ListID] {
			mine = append(mine, r)
		}
	}
	var myScores []judge.ListScoreRating
	for _, r := range scores {
		if keep[r.ListID] {
			myScores = append(myScores, r)
		}
	}
	out := make([]RatedList, len(lists))
	if len(sub) == 0 {
		return out, nil
	}
	g, err := judge.JoinListGold(sub, mine, myScores)
	if err != nil {
		return nil, err
	}
	for j, i := range pos {
		out[i].Shortlist = g.ShortlistShare[j]
		for _, d := range g.Names[j] {
			out[i].Overall = append(out[i].Overall, d[judge.Overall])
		}
	}
	return out, nil
}

// WriteConfidenceSummary prints the check of one configuration's map as
// a Markdown table row: configuration, names, ECE raw → calibrated,
// within-list Spearman raw → calibrated, and the raters' check.
func WriteConfidenceSummary(w io.Writer, config string, c ConfidenceCheck) {
	means := fmt.Sprintf("%.3f / %.3f", c.MeanConfidence, c.MeanTarget)
	if c.RatedN > 0 {
		means += fmt.Sprintf(" / %.3f", c.MeanRated)
	}
	fmt.Fprintf(w, "| %s | %d (%d lists) | %s | **%s** | %s | %s | %s | %s | %s |\n",
		config, c.N, c.Lists, c.ECERaw, c.ECE, means,
		interval(c.SpearmanRaw), interval(c.Spearman), ratedOrDash(c.RatedN, interval(c.RatedECE)), ratedOrDash(c.RatedN, interval(c.SpearmanRawRated)+" → "+interval(c.SpearmanRated)))
}

// interval formats iv, or says why there is no number (a correlation
// with a constant: no list where both vary).
func interval(iv stats.Interval) string {
	if math.IsNaN(iv.Est) {
		return "n/a (constant within every list)"
	}
	return iv.String()
}

// ConfidenceSummaryHeader is the header of WriteConfidenceSummary's table.
const ConfidenceSummaryHeader = "| configuration | held-out names | ECE raw [95% CI] | ECE calibrated [95% CI] | mean calibrated confidence / judge / raters | within-list Spearman raw | within-list Spearman calibrated | ECE vs raters' shortlist share | within-list Spearman vs raters' overall: raw → calibrated |\n|---|---|---|---|---|---|---|---|---|\n"

func ratedOrDash(n int, s string) string {
	if n == 0 {
		return "—"
	}
	return fmt.Sprintf("%s (n=%d)", s, n)
}

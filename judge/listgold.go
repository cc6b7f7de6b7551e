package judge

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"domaingen/internal/jsonl"
)

// GoldList is one list of suggestions a configuration returned for a
// description of the list-level gold set (testdata/gold/lists.jsonl).
// ListID is opaque: raters saw it, never the configuration.
type GoldList struct {
	ListID        string   `json:"list_id"`
	DescriptionID string   `json:"description_id"`
	Description   string   `json:"description"`
	Config        string   `json:"config"`
	Split         string   `json:"split"` // "fit" or "heldout", by description
	Names         []string `json:"names"`
	// Confidences are the served confidences of Names (model
	// configurations only), for fitting confidence calibration.
	Confidences []float64 `json:"confidences,omitempty"`
}

// NameRating is one rater's 1–5 ratings of one name.
type NameRating struct {
	Domain       string `json:"domain"`
	Relevance    int    `json:"relevance"`
	Memorability int    `json:"memorability"`
	Brandability int    `json:"brandability"`
	Overall      int    `json:"overall"`
}

// Ratings returns the ratings indexed by Dimension.
func (r NameRating) Ratings() [NumDims]int {
	return [NumDims]int{r.Relevance, r.Memorability, r.Brandability, r.Overall}
}

// ListRating is one rater's judgement of one list
// (testdata/gold/ratings.jsonl): a 1–10 list score, how many names they
// would shortlist (overall ≥ 4), and every name's ratings.
type ListRating struct {
	Rater     string       `json:"rater"`
	ListID    string       `json:"list_id"`
	Score     int          `json:"list_score"`
	Shortlist int          `json:"shortlist_count"`
	Names     []NameRating `json:"names"`
}

// ListScoreRating is one rater's list score on scale v2
// (docs/naming-guidelines.md §3; testdata/gold/list_scores.jsonl), with the
// shortlist and near-miss counts and each name's overall rating.
type ListScoreRating struct {
	Rater     string        `json:"rater"`
	ListID    string        `json:"list_id"`
	Score     int           `json:"list_score"`
	Shortlist int           `json:"shortlist_count"`
	NearMiss  int           `json:"nearmiss_count"`
	Names     []NameOverall `json:"names"`
}

// NameOverall is one rater's overall rating of one name.
type NameOverall struct {
	Domain  string `json:"domain"`
	Overall int    `json:"overall"`
}

// LoadListScores reads list scores on scale v2 and checks their ranges.
func LoadListScores(path string) ([]ListScoreRating, error) {
	rs, err := jsonl.ReadFile[ListScoreRating](path)
	if err != nil {
		return nil, fmt.Errorf("load list scores: %w", err)
	}
	for i, r := range rs {
		if r.Score < 1 || r.Score > 10 {
			return nil, fmt.Errorf("load list scores %s: line %d: list_score %d, want 1-10", path, i+1, r.Score)
		}
		for _, n := range r.Names {
			if n.Overall < 1 || n.Overall > 5 {
				return nil, fmt.Errorf("load list scores %s: line %d: %s overall = %d, want 1-5", path, i+1, n.Domain, n.Overall)
			}
		}
	}
	return rs, nil
}

// LMRow is one name's language-model statistics for a description
// (testdata/gold/lm_*.jsonl), so validation and fitting need no model.
type LMRow struct {
	DescriptionID string `json:"description_id"`
	Domain        string `json:"domain"`
	LMStats
}

// LoadGoldLists reads the lists of the list-level gold set.
func LoadGoldLists(path string) ([]GoldList, error) {
	lists, err := jsonl.ReadFile[GoldList](path)
	if err != nil {
		return nil, fmt.Errorf("load gold lists: %w", err)
	}
	for i, l := range lists {
		if l.ListID == "" || l.DescriptionID == "" || l.Config == "" || len(l.Names) == 0 {
			return nil, fmt.Errorf("load gold lists %s: line %d lacks list_id, description_id, config or names", path, i+1)
		}
		if l.Split != "fit" && l.Split != "heldout" {
			return nil, fmt.Errorf("load gold lists %s: line %d: split %q, want fit or heldout", path, i+1, l.Split)
		}
	}
	return lists, nil
}

// LoadListRatings reads raters' judgements and checks every number is on
// its scale.
func LoadListRatings(path string) ([]ListRating, error) {
	rs, err := jsonl.ReadFile[ListRating](path)
	if err != nil {
		return nil, fmt.Errorf("load list ratings: %w", err)
	}
	for i, r := range rs {
		if r.Score < 1 || r.Score > 10 {
			return nil, fmt.Errorf("load list ratings %s: line %d: list_score %d, want 1-10", path, i+1, r.Score)
		}
		if r.Shortlist < 0 || r.Shortlist > len(r.Names) {
			return nil, fmt.Errorf("load list ratings %s: line %d: shortlist_count %d outside 0-%d", path, i+1, r.Shortlist, len(r.Names))
		}
		for _, n := range r.Names {
			for d, v := range n.Ratings() {
				if v < 1 || v > 5 {
					return nil, fmt.Errorf("load list ratings %s: line %d: %s %s = %d, want 1-5", path, i+1, n.Domain, DimNames[d], v)
				}
			}
		}
	}
	return rs, nil
}

// LoadLMRows reads committed language-model statistics into a map keyed
// by description id and domain.
func LoadLMRows(path string) (map[string]LMStats, error) {
	rows, err := jsonl.ReadFile[LMRow](path)
	if err != nil {
		return nil, fmt.Errorf("load language-model statistics: %w", err)
	}
	m := make(map[string]LMStats, len(rows))
	for _, r := range rows {
		m[r.DescriptionID+"\t"+r.Domain] = r.LMStats
	}
	return m, nil
}

// ListGold is the list-level gold set joined with its ratings: per list,
// the raters' mean list score and shortlist count, and per name the mean
// of the raters' ratings.
type ListGold struct {
	Lists []GoldList
	// Score is the raters' mean list score on scale v2 where list scores
	// were given (else on v1); ScoreV1 the name raters' mean on scale v1;
	// Shortlist their mean shortlist count.
	Score, ScoreV1, Shortlist []float64
	// ScoreRaters names the raters of the v2 list scores, sorted, and
	// PerScoreRater[r][i] is rater r's v2 rating of list i (or nil).
	ScoreRaters   []string
	PerScoreRater [][]*ListScoreRating
	// Names[i][k] is the mean rating of Lists[i].Names[k], and
	// ShortlistShare[i][k] the share of its raters who shortlisted it
	// (overall ≥ 4); with v2 list scores, overall and the share average
	// the list-score raters' overall ratings too.
	Names          [][]Dims
	ShortlistShare [][]float64
	// Raters names the raters, sorted; PerRater[r][i] is rater r's
	// rating of list i (nil when they did not rate it).
	Raters   []string
	PerRater [][]*ListRating
}

// JoinListGold joins lists with their ratings (names and v1 list scores)
// and, when given, v2 list scores, which then are the list-level gold.
// Every list needs at least one rating, and every rating must rate exactly
// the list's names.
func JoinListGold(lists []GoldList, ratings []ListRating, scores []ListScoreRating) (*ListGold, error) {
	idx := make(map[string]int, len(lists))
	for i, l := range lists {
		if _, dup := idx[l.ListID]; dup {
			return nil, fmt.Errorf("gold lists: list %s appears twice", l.ListID)
		}
		idx[l.ListID] = i
	}
	raterIdx := map[string]int{}
	var raters []string
	for _, r := range ratings {
		if _, ok := raterIdx[r.Rater]; !ok {
			raterIdx[r.Rater] = 0
			raters = append(raters, r.Rater)
		}
	}
	sort.Strings(raters)
	for k, r := range raters {
		raterIdx[r] = k
	}
	g := &ListGold{Lists: lists, Score: make([]float64, len(lists)), ScoreV1: make([]float64, len(lists)), Shortlist: make([]float64, len(lists)), Names: make([][]Dims, len(lists)), ShortlistShare: make([][]float64, len(lists)), Raters: raters, PerRater: make([][]*ListRating, len(raters))}
	for k := range raters {
		g.PerRater[k] = make([]*ListRating, len(lists))
	}
	for j := range ratings {
		r := &ratings[j]
		i, ok := idx[r.ListID]
		if !ok {
			return nil, fmt.Errorf("gold ratings: rater %s rated unknown list %s", r.Rater, r.ListID)
		}
		if err := sameNames(lists[i].Names, r.Names); err != nil {
			return nil, fmt.Errorf("gold ratings: rater %s, list %s: %w", r.Rater, r.ListID, err)
		}
		k := raterIdx[r.Rater]
		if g.PerRater[k][i] != nil {
			return nil, fmt.Errorf("gold ratings: rater %s rated list %s twice", r.Rater, r.ListID)
		}
		g.PerRater[k][i] = r
	}
	for i, l := range lists {
		g.Names[i] = make([]Dims, len(l.Names))
		g.ShortlistShare[i] = make([]float64, len(l.Names))
		n := 0
		for k := range raters {
			r := g.PerRater[k][i]
			if r == nil {
				continue
			}
			n++
			g.Score[i] += float64(r.Score)
			g.Shortlist[i] += float64(r.Shortlist)
			byName := make(map[string]NameRating, len(r.Names))
			for _, nr := range r.Names {
				byName[nr.Domain] = nr
			}
			for q, name := range l.Names {
				for d, v := range byName[name].Ratings() {
					g.Names[i][q][d] += float64(v)
				}
				if byName[name].Overall >= 4 {
					g.ShortlistShare[i][q]++
				}
			}
		}
		if n == 0 {
			return nil, fmt.Errorf("gold ratings: list %s has no rating", l.ListID)
		}
		g.Score[i] /= float64(n)
		g.ScoreV1[i] = g.Score[i]
		g.Shortlist[i] /= float64(n)
		for q := range g.Names[i] {
			for d := range NumDims {
				g.Names[i][q][d] /= float64(n)
			}
			g.ShortlistShare[i][q] /= float64(n)
		}
	}
	if len(scores) > 0 {
		if err := g.joinScores(idx, scores); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// joinScores makes the v2 list scores the list-level gold.
func (g *ListGold) joinScores(idx map[string]int, scores []ListScoreRating) error {
	seen := map[string]int{}
	for _, r := range scores {
		if _, ok := seen[r.Rater]; !ok {
			seen[r.Rater] = 0
			g.ScoreRaters = append(g.ScoreRaters, r.Rater)
		}
	}
	sort.Strings(g.ScoreRaters)
	for k, r := range g.ScoreRaters {
		seen[r] = k
	}
	g.PerScoreRater = make([][]*ListScoreRating, len(g.ScoreRaters))
	for k := range g.PerScoreRater {
		g.PerScoreRater[k] = make([]*ListScoreRating, len(g.Lists))
	}
	for j := range scores {
		r := &scores[j]
		i, ok := idx[r.ListID]
		if !ok {
			return fmt.Errorf("gold list scores: rater %s rated unknown list %s", r.Rater, r.ListID)
		}
		rated := make([]NameRating, len(r.Names))
		for q, n := range r.Names {
			rated[q] = NameRating{Domain: n.Domain, Overall: n.Overall}
		}
		if err := sameNames(g.Lists[i].Names, rated); err != nil {
			return fmt.Errorf("gold list scores: rater %s, list %s: %w", r.Rater, r.ListID, err)
		}
		k := seen[r.Rater]
		if g.PerScoreRater[k][i] != nil {
			return fmt.Errorf("gold list scores: rater %s rated list %s twice", r.Rater, r.ListID)
		}
		g.PerScoreRater[k][i] = r
	}
	for i, l := range g.Lists {
		sum, n := 0.0, 0
		for k := range g.ScoreRaters {
			if r := g.PerScoreRater[k][i]; r != nil {
				sum += float64(r.Score)
				n++
			}
		}
		if n == 0 {
			return fmt.Errorf("gold list scores: list %s has no v2 list score", l.ListID)
		}
		g.Score[i] = sum / float64(n)
		g.foldOverall(i)
	}
	return nil
}

// foldOverall makes list i's names' overall rating and shortlist share
// the means over every rater who rated them, name raters and list-score
// raters alike (more raters, less noise; the other dimensions come from
// the name raters only).
func (g *ListGold) foldOverall(i int) {
	for q, name := range g.Lists[i].Names {
		sum, short, n := 0.0, 0.0, 0.0
		add := func(o int) {
			sum += float64(o)
			if o >= 4 {
				short++
			}
			n++
		}
		for k := range g.Raters {
			if r := g.PerRater[k][i]; r != nil {
				for _, nr := range r.Names {
					if nr.Domain == name {
						add(nr.Overall)
					}
				}
			}
		}
		for k := range g.ScoreRaters {
			if r := g.PerScoreRater[k][i]; r != nil {
				for _, nr := range r.Names {
					if nr.Domain == name {
						add(nr.Overall)
					}
				}
			}
		}
		g.Names[i][q][Overall] = sum / n
		g.ShortlistShare[i][q] = short / n
	}
}

// sameNames checks that a rating covers exactly the list's names.
func sameNames(names []string, rated []NameRating) error {
	if len(names) != len(rated) {
		return fmt.Errorf("%d names rated, the list has %d", len(rated), len(names))
	}
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	for _, r := range rated {
		if !want[r.Domain] {
			return fmt.Errorf("rated %q, which is not in the list", r.Domain)
		}
		delete(want, r.Domain)
	}
	if len(want) > 0 {
		return fmt.Errorf("names not rated: %s", strings.Join(sortedKeys(want), ", "))
	}
	return nil
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// ListAggregates are the inputs of the list score: summaries of the
// per-name predictions of one list. Names predicted to be shortlisted
// count most, as they do for people (docs/naming-guidelines.md).
type ListAggregates struct {
	MeanOverall, Top3Overall, MinOverall float64
	// Shortlist is the expected number of names rated overall ≥ 4: Σ
	// σ((overall − 3.5) / 0.35).
	Shortlist     float64
	MeanRelevance float64
	// Distinct is the fraction of distinct second-level labels (TLD
	// variants of one name count once).
	Distinct float64
	// YesMean and YesMax summarise the language model's answers
	// (LMStats.Yes) over the names; KeywordCoverage, Words and Brand the
	// mean keyword coverage, word count and share of famous brands of the
	// names' features (zero without inputs).
	YesMean, YesMax, KeywordCoverage, Words, Brand float64
	// SharedRoot is the fraction of names whose label starts with the same
	// four letters as another name's label of the list (one idea spun ten
	// ways: codycode, codycodecamp), which the guidelines penalise.
	SharedRoot float64
}

// listInputNames name the aggregates in vector order.
var listInputNames = []string{"mean_overall", "top3_overall", "min_overall", "shortlist", "mean_relevance", "distinct", "shared_root",
	"yes_mean", "yes_max", "keyword_coverage", "words", "brand"}

func (a ListAggregates) vector() []float64 {
	return []float64{a.MeanOverall, a.Top3Overall, a.MinOverall, a.Shortlist, a.MeanRelevance, a.Distinct, a.SharedRoot,
		a.YesMean, a.YesMax, a.KeywordCoverage, a.Words, a.Brand}
}

// Aggregate summarises the predicted ratings of a list's names and, when
// ins (parallel to names) is given, their inputs.
func Aggregate(names []string, pred []Dims, ins []Inputs) ListAggregates {
	var a ListAggregates
	if len(pred) == 0 {
		return a
	}
	if len(ins) == len(names) {
		a.YesMax = math.Inf(-1)
		for _, in := range ins {
			if in.LM != nil {
				y := math.Max(-10, math.Min(10, in.LM.Yes))
				a.YesMean += y / float64(len(ins))
				a.YesMax = math.Max(a.YesMax, y)
			}
			a.KeywordCoverage += in.Features.KeywordCoverage / float64(len(ins))
			a.Words += float64(min(in.Features.Words, 8)) / float64(len(ins))
			a.Brand += b2f(in.Features.Brand) / float64(len(ins))
		}
		if math.IsInf(a.YesMax, -1) {
			a.YesMax = 0
		}
	}
	ov := make([]float64, len(pred))
	labels := map[string]bool{}
	a.MinOverall = math.Inf(1)
	for i, p := range pred {
		ov[i] = p[Overall]
		a.MeanOverall += p[Overall]
		a.MeanRelevance += p[Relevance]
		a.MinOverall = math.Min(a.MinOverall, p[Overall])
		a.Shortlist += 1 / (1 + math.Exp(-(p[Overall]-3.5)/0.35))
		labels[secondLevel(names[i])] = true
	}
	n := float64(len(pred))
	a.MeanOverall /= n
	a.MeanRelevance /= n
	sort.Sort(sort.Reverse(sort.Float64Slice(ov)))
	k := min(3, len(ov))
	for _, v := range ov[:k] {
		a.Top3Overall += v
	}
	a.Top3Overall /= float64(k)
	a.Distinct = float64(len(labels)) / n
	roots := map[string]int{}
	for _, name := range names {
		roots[root4(name)]++
	}
	for _, name := range names {
		if roots[root4(name)] > 1 {
			a.SharedRoot++
		}
	}
	a.SharedRoot /= n
	return a
}

// root4 is the first four letters of a name's label (the whole label if
// shorter).
func root4(name string) string {
	l := secondLevel(name)
	if len(l) > 4 {
		return l[:4]
	}
	return l
}

// secondLevel is a name's label before its first dot.
func secondLevel(name string) string {
	if i := strings.IndexByte(name, '.'); i >= 0 {
		return name[:i]
	}
	return name
}

// Resplit returns the lists for which split returns "fit" or "heldout"
// (others are dropped), relabelled with that split, with their ratings,
// and the index in g of each kept list. Cross-validation inside the fit
// split uses it, so model choices never look at the held-out split.
func (g *ListGold) Resplit(split func(GoldList) string) (*ListGold, []int) {
	out := &ListGold{Raters: g.Raters, PerRater: make([][]*ListRating, len(g.Raters)), ScoreRaters: g.ScoreRaters, PerScoreRater: make([][]*ListScoreRating, len(g.ScoreRaters))}
	var idx []int
	for i, l := range g.Lists {
		s := split(l)
		if s != "fit" && s != "heldout" {
			continue
		}
		l.Split = s
		idx = append(idx, i)
		out.Lists = append(out.Lists, l)
		out.Score = append(out.Score, g.Score[i])
		out.ScoreV1 = append(out.ScoreV1, g.ScoreV1[i])
		out.Shortlist = append(out.Shortlist, g.Shortlist[i])
		out.Names = append(out.Names, g.Names[i])
		out.ShortlistShare = append(out.ShortlistShare, g.ShortlistShare[i])
		for r := range g.Raters {
			out.PerRater[r] = append(out.PerRater[r], g.PerRater[r][i])
		}
		for r := range g.ScoreRaters {
			out.PerScoreRater[r] = append(out.PerScoreRater[r], g.PerScoreRater[r][i])
		}
	}
	return out, idx
}

// GoldInputs computes what the judge reads for every name of lists:
// features (from words, a word list file) and the language model's
// statistics from lmPath (written by `domaingen judge lm`), so fitting and
// validating need no model. inputs[i][k] belongs to lists[i].Names[k].
func GoldInputs(lists []GoldList, lmPath, words string) ([][]Inputs, error) {
	lm, err := LoadLMRows(lmPath)
	if err != nil {
		return nil, err
	}
	lex, err := LoadLexicon(words)
	if err != nil {
		return nil, err
	}
	fz := Featurizer{Lex: lex}
	inputs := make([][]Inputs, len(lists))
	for i, l := range lists {
		inputs[i] = make([]Inputs, len(l.Names))
		for k, n := range l.Names {
			st, ok := lm[l.DescriptionID+"\t"+n]
			if !ok {
				return nil, fmt.Errorf("%s has no statistics for %s on %s: run `domaingen judge lm`", lmPath, n, l.DescriptionID)
			}
			inputs[i][k] = Inputs{Features: fz.FeaturesOf(l.Description, n), LM: &st}
		}
	}
	return inputs, nil
}

package judge

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"

	"gonum.org/v1/gonum/mat"

	"domaingen/stats"
)

// ListModel is the list judge: a name-level Model (ratings 1–5 per name)
// and a ridge regression from the list's ListAggregates to the 1–10 list
// score people give. Both are fitted on the fit split of the list-level
// gold (FitListModel) and stored together as JSON (judge/calibration_meaning.json).
type ListModel struct {
	Name *Model `json:"name"`
	// Inputs, Mean, Std and List are the list score's regression on
	// standardised aggregates.
	Inputs []string  `json:"list_inputs"`
	Mean   []float64 `json:"list_mean"`
	Std    []float64 `json:"list_std"`
	List   Linear    `json:"list"`
	// Shortlist maps a name's predicted overall rating to the probability
	// that a rater shortlists it (overall ≥ 4): σ(Intercept + Weights[0]·overall),
	// a logistic regression on the fit split's names.
	Shortlist Linear `json:"shortlist"`
	// LM names the language model whose statistics the name model reads.
	LM string `json:"lm,omitempty"`
}

// ShortlistProb is the probability that a rater shortlists a name whose
// predicted overall rating is overall.
func (m *ListModel) ShortlistProb(overall float64) float64 {
	return 1 / (1 + math.Exp(-(m.Shortlist.Intercept + m.Shortlist.Weights[0]*overall)))
}

// ListScore predicts the 1–10 score people would give a list from its
// names' predicted ratings.
func (m *ListModel) ListScore(names []string, pred []Dims, ins []Inputs) float64 {
	v := Aggregate(names, pred, ins).vector()
	s := m.List.Intercept
	for j, x := range v {
		s += m.List.Weights[j] * (x - m.Mean[j]) / m.Std[j]
	}
	return math.Min(10, math.Max(1, s))
}

// ListLambda is the ridge penalty of the list regression (a dozen
// correlated aggregates, a few hundred lists).
const ListLambda = 5

// FitListModel fits the list judge on the lists of g whose split is
// "fit": the name model on every name's mean rating (inputs[i][k] belongs
// to g.Lists[i].Names[k]), then the list regression on the aggregates of
// the name model's own predictions, so the list weights see the same
// (imperfect) predictions they will see at use.
func FitListModel(variant string, g *ListGold, inputs [][]Inputs, lambda float64) (*ListModel, error) {
	var rows []Inputs
	var ys []Dims
	var fitLists []int
	for i, l := range g.Lists {
		if l.Split != "fit" {
			continue
		}
		fitLists = append(fitLists, i)
		rows = append(rows, inputs[i]...)
		ys = append(ys, g.Names[i]...)
	}
	if len(fitLists) == 0 {
		return nil, fmt.Errorf("fit list judge: no list in the fit split")
	}
	nm, err := FitDims(variant, rows, ys, lambda)
	if err != nil {
		return nil, fmt.Errorf("fit list judge: %w", err)
	}
	ids := map[string]bool{}
	for _, i := range fitLists {
		ids[g.Lists[i].DescriptionID] = true
	}
	nm.TrainedOn = sortedKeys(ids)
	p := len(listInputNames)
	x := mat.NewDense(len(fitLists), p, nil)
	y := make([]float64, len(fitLists))
	var ov, short []float64 // every fit name's predicted overall and shortlist share
	for r, i := range fitLists {
		pred, err := predictAll(nm, inputs[i])
		if err != nil {
			return nil, err
		}
		x.SetRow(r, Aggregate(g.Lists[i].Names, pred, inputs[i]).vector())
		y[r] = g.Score[i]
		for k := range pred {
			ov = append(ov, pred[k][Overall])
			short = append(short, g.ShortlistShare[i][k])
		}
	}
	m := &ListModel{Name: nm, Inputs: listInputNames}
	a, b := logistic1(ov, short)
	m.Shortlist = Linear{Intercept: a, Weights: []float64{b}}
	m.Mean, m.Std = standardise(x)
	w, b, err := ridge(x, y, ListLambda)
	if err != nil {
		return nil, fmt.Errorf("fit list judge: %w", err)
	}
	m.List = Linear{Intercept: b, Weights: w}
	return m, nil
}

// logistic1 fits p(y=1|x) = σ(a + b·x) to targets y in [0, 1] (shares of
// raters) by Newton's method on the mean log-loss, with a tiny ridge on b.
func logistic1(x, y []float64) (a, b float64) {
	for range 50 {
		var ga, gb, haa, hab, hbb float64
		for i := range x {
			p := 1 / (1 + math.Exp(-(a + b*x[i])))
			w := p * (1 - p)
			ga += p - y[i]
			gb += (p - y[i]) * x[i]
			haa += w
			hab += w * x[i]
			hbb += w * x[i] * x[i]
		}
		gb += 1e-3 * b
		hbb += 1e-3
		det := haa*hbb - hab*hab
		if det <= 1e-12 {
			break
		}
		da := (hbb*ga - hab*gb) / det
		db := (haa*gb - hab*ga) / det
		a, b = a-da, b-db
		if math.Abs(da)+math.Abs(db) < 1e-10 {
			break
		}
	}
	return a, b
}

// predictAll predicts every row with m.
func predictAll(m *Model, ins []Inputs) ([]Dims, error) {
	out := make([]Dims, len(ins))
	for k, in := range ins {
		var err error
		if out[k], err = m.Predict(in); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// standardise centres and scales x's columns in place and returns their
// means and standard deviations (1 for a constant column).
func standardise(x *mat.Dense) (mean, std []float64) {
	n, p := x.Dims()
	mean, std = make([]float64, p), make([]float64, p)
	for j := range p {
		col := mat.Col(nil, j, x)
		mu, ss := 0.0, 0.0
		for _, c := range col {
			mu += c
		}
		mu /= float64(n)
		for _, c := range col {
			ss += (c - mu) * (c - mu)
		}
		sd := math.Sqrt(ss / float64(n))
		if sd < 1e-9 {
			sd = 1
		}
		mean[j], std[j] = mu, sd
		for i := range n {
			x.Set(i, j, (x.At(i, j)-mu)/sd)
		}
	}
	return mean, std
}

// ridge solves (ZᵀZ + λI) w = Zᵀ(y − ȳ) for standardised z and returns
// w and the intercept ȳ.
func ridge(z *mat.Dense, y []float64, lambda float64) ([]float64, float64, error) {
	_, p := z.Dims()
	var a mat.Dense
	a.Mul(z.T(), z)
	for j := range p {
		a.Set(j, j, a.At(j, j)+lambda)
	}
	mean := stats.Mean(y)
	yc := mat.NewVecDense(len(y), nil)
	for i, v := range y {
		yc.SetVec(i, v-mean)
	}
	var b, w mat.VecDense
	b.MulVec(z.T(), yc)
	if err := w.SolveVec(&a, &b); err != nil {
		return nil, 0, err
	}
	return append([]float64{}, w.RawVector().Data...), mean, nil
}

// Save writes m as indented JSON.
func (m *ListModel) Save(path string) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("save list judge: %w", err)
	}
	return nil
}

// LoadListModel reads a ListModel written by Save.
func LoadListModel(path string) (*ListModel, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load list judge: %w", err)
	}
	var m ListModel
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("load list judge %s: %w", path, err)
	}
	if m.Name == nil || len(m.Name.Inputs) != len(inputNames(m.Name.Variant)) || len(m.List.Weights) != len(listInputNames) {
		return nil, fmt.Errorf("load list judge %s: inputs do not match this version (refit with `domaingen judge fit --lists`)", path)
	}
	return &m, nil
}

// ListValidation is how a list judge agrees with the raters on the lists
// of one split, with 95% bootstrap intervals over descriptions.
type ListValidation struct {
	Lists, Descriptions int
	// Spearman of the judge's list score with the raters' mean list score,
	// over all lists of the split.
	Spearman stats.Interval
	// WithinSpearman is the mean over descriptions of the same correlation
	// among one description's lists (how well it orders systems on a
	// given request).
	WithinSpearman stats.Interval
	// Configs are the configurations sorted by the raters' mean list
	// score, with the judge's mean; OrderAgrees says whether sorting by the
	// judge gives the same order; Kendall is Kendall's τ of the two orders.
	Configs     []ConfigMean
	OrderAgrees bool
	Kendall     float64
	// Prefer is, for each (better, worse) configuration pair asked for, the
	// fraction of descriptions where the judge scores better's list above
	// worse's (ties count half).
	Prefer []ConfigPreference
}

// ConfigMean is one configuration's mean list score by raters and judge.
type ConfigMean struct {
	Config        string
	Raters, Judge float64
	Shortlist     float64 // raters' mean shortlist count
}

// ConfigPreference is how often the judge prefers one configuration's list to
// another's for the same description.
type ConfigPreference struct {
	Better, Worse string
	// Rate is the judge's preference rate, Raters the raters' (their mean
	// list scores compared the same way).
	Rate, Raters stats.Interval
	N            int
}

// ValidateLists compares judge list scores (parallel to g.Lists) with the
// raters on the lists of split ("fit", "heldout" or "" for all). pairs
// lists (better, worse) configurations whose preference rate to report.
func ValidateLists(g *ListGold, judgeScore []float64, split string, pairs [][2]string, seed uint64) ListValidation {
	var idx []int
	groups := g.groupByDescription(split, func(i int) int {
		idx = append(idx, i)
		return 1
	})
	x := make([]float64, len(idx))
	y := make([]float64, len(idx))
	for k, i := range idx {
		x[k], y[k] = judgeScore[i], g.Score[i]
	}
	pick := func(sub []int) ([]float64, []float64) {
		a, b := make([]float64, len(sub)), make([]float64, len(sub))
		for k, i := range sub {
			a[k], b[k] = x[i], y[i]
		}
		return a, b
	}
	v := ListValidation{Lists: len(idx), Descriptions: len(groups)}
	v.Spearman = stats.ClusterBootstrap(groups, 0, seed, func(sub []int) float64 { return stats.Spearman(pick(sub)) })
	within := make([]float64, len(groups))
	for gi, members := range groups {
		within[gi] = nanTo(stats.Spearman(pick(members)), 0)
	}
	v.WithinSpearman = stats.MeanCI(within, seed)

	sums := map[string]*ConfigMean{}
	counts := map[string]float64{}
	for _, i := range idx {
		c := g.Lists[i].Config
		if sums[c] == nil {
			sums[c] = &ConfigMean{Config: c}
		}
		sums[c].Raters += g.Score[i]
		sums[c].Judge += judgeScore[i]
		sums[c].Shortlist += g.Shortlist[i]
		counts[c]++
	}
	for c, s := range sums {
		s.Raters /= counts[c]
		s.Judge /= counts[c]
		s.Shortlist /= counts[c]
		v.Configs = append(v.Configs, *s)
	}
	sort.Slice(v.Configs, func(a, b int) bool { return v.Configs[a].Raters < v.Configs[b].Raters })
	v.OrderAgrees = true
	conc, disc := 0, 0
	for a := range v.Configs {
		for b := a + 1; b < len(v.Configs); b++ {
			if (v.Configs[b].Judge - v.Configs[a].Judge) > 0 {
				conc++
			} else {
				disc++
				v.OrderAgrees = false
			}
		}
	}
	if conc+disc > 0 {
		v.Kendall = float64(conc-disc) / float64(conc+disc)
	}

	byDescConfig := map[string]map[string]int{}
	for _, i := range idx {
		l := g.Lists[i]
		if byDescConfig[l.DescriptionID] == nil {
			byDescConfig[l.DescriptionID] = map[string]int{}
		}
		byDescConfig[l.DescriptionID][l.Config] = i
	}
	descs := make([]string, 0, len(byDescConfig))
	for id := range byDescConfig {
		descs = append(descs, id)
	}
	sort.Strings(descs)
	for _, p := range pairs {
		var wins, rwins []float64
		for _, id := range descs {
			m := byDescConfig[id]
			a, okA := m[p[0]]
			b, okB := m[p[1]]
			if !okA || !okB {
				continue
			}
			wins = append(wins, win(judgeScore[a], judgeScore[b]))
			rwins = append(rwins, win(g.Score[a], g.Score[b]))
		}
		v.Prefer = append(v.Prefer, ConfigPreference{Better: p[0], Worse: p[1], Rate: stats.MeanCI(wins, seed), Raters: stats.MeanCI(rwins, seed), N: len(wins)})
	}
	return v
}

// groupByDescription visits the lists of split in order; add(i) records
// list i's rows and returns how many it added. The result holds, per
// description, the indices of its rows, for resampling whole descriptions.
func (g *ListGold) groupByDescription(split string, add func(i int) int) [][]int {
	groupOf := map[string]int{}
	var groups [][]int
	n := 0
	for i, l := range g.Lists {
		if split != "" && l.Split != split {
			continue
		}
		gi, ok := groupOf[l.DescriptionID]
		if !ok {
			gi = len(groups)
			groupOf[l.DescriptionID] = gi
			groups = append(groups, nil)
		}
		for range add(i) {
			groups[gi] = append(groups[gi], n)
			n++
		}
	}
	return groups
}

// win scores one paired comparison: 1 when a > b, ½ on a tie, else 0.
func win(a, b float64) float64 {
	switch {
	case a > b:
		return 1
	case a == b:
		return 0.5
	}
	return 0
}

// NameAgreement is the Spearman correlation of predicted and reference
// name ratings per dimension over the names of the lists of one split,
// with 95% intervals (descriptions resampled).
func NameAgreement(g *ListGold, pred [][]Dims, split string, seed uint64) [NumDims]stats.Interval {
	var x, y []Dims
	groups := g.groupByDescription(split, func(i int) int {
		x = append(x, pred[i]...)
		y = append(y, g.Names[i]...)
		return len(pred[i])
	})
	var out [NumDims]stats.Interval
	for d := range NumDims {
		out[d] = stats.ClusterBootstrap(groups, 0, seed, func(sub []int) float64 {
			a, b := make([]float64, len(sub)), make([]float64, len(sub))
			for k, i := range sub {
				a[k], b[k] = x[i][d], y[i][d]
			}
			return stats.Spearman(a, b)
		})
	}
	return out
}

// RaterAgreement is how two raters agree on the lists both rated.
type RaterAgreement struct {
	A, B  string
	Lists int
	// ListSpearman is over the list scores; NameSpearman and NameQWK over
	// the names' overall ratings; Within1 is the fraction of names whose
	// overall ratings differ by at most 1; ShortlistAgree the fraction of
	// names both put on, or both left off, the shortlist (overall ≥ 4).
	ListSpearman, NameSpearman, NameQWK, Within1, ShortlistAgree float64
}

// RaterPairs measures agreement for every pair of raters who share lists.
func RaterPairs(g *ListGold) []RaterAgreement {
	var out []RaterAgreement
	for a := range g.Raters {
		for b := a + 1; b < len(g.Raters); b++ {
			ra := RaterAgreement{A: g.Raters[a], B: g.Raters[b]}
			var la, lb, na, nb []float64
			var qa, qb []int
			within, short := 0.0, 0.0
			for i := range g.Lists {
				x, y := g.PerRater[a][i], g.PerRater[b][i]
				if x == nil || y == nil {
					continue
				}
				ra.Lists++
				la = append(la, float64(x.Score))
				lb = append(lb, float64(y.Score))
				ov := map[string]int{}
				for _, n := range y.Names {
					ov[n.Domain] = n.Overall
				}
				for _, n := range x.Names {
					o2 := ov[n.Domain]
					na = append(na, float64(n.Overall))
					nb = append(nb, float64(o2))
					qa = append(qa, n.Overall)
					qb = append(qb, o2)
					if abs(n.Overall-o2) <= 1 {
						within++
					}
					if (n.Overall >= 4) == (o2 >= 4) {
						short++
					}
				}
			}
			if ra.Lists == 0 {
				continue
			}
			ra.ListSpearman = stats.Spearman(la, lb)
			ra.NameSpearman = stats.Spearman(na, nb)
			ra.NameQWK = stats.QWK(qa, qb, 1, 5)
			ra.Within1 = within / float64(len(na))
			ra.ShortlistAgree = short / float64(len(na))
			out = append(out, ra)
		}
	}
	return out
}

// ScoreRaterPairs is RaterPairs for the raters of the v2 list scores (their
// names' overall ratings only: NameQWK and the rest are on overall).
func ScoreRaterPairs(g *ListGold) []RaterAgreement {
	h := &ListGold{Lists: g.Lists, Raters: g.ScoreRaters, PerRater: make([][]*ListRating, len(g.ScoreRaters))}
	for k := range g.ScoreRaters {
		h.PerRater[k] = make([]*ListRating, len(g.Lists))
		for i, r := range g.PerScoreRater[k] {
			if r == nil {
				continue
			}
			lr := &ListRating{Rater: r.Rater, ListID: r.ListID, Score: r.Score, Shortlist: r.Shortlist}
			for _, n := range r.Names {
				lr.Names = append(lr.Names, NameRating{Domain: n.Domain, Overall: n.Overall})
			}
			h.PerRater[k][i] = lr
		}
	}
	return RaterPairs(h)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// ListJudgement is a judge's verdict on a whole list: each name's scores,
// the 1–10 list score people would give, and the expected number of
// names a rater would shortlist (Σ ListModel.ShortlistProb).
type ListJudgement struct {
	Names     []Scores
	Score     float64
	Shortlist float64
}

// ListScorer judges whole lists at once.
type ListScorer interface {
	JudgeList(ctx context.Context, description string, domains []string) (ListJudgement, error)
}

// ListJudge is the validated judge (docs/judge.md): a ListModel's name
// model applied through Calibrated (with its language model), then its
// list regression. It rates single names too (Score).
type ListJudge struct {
	Model *ListModel
	Calibrated
}

// NewListJudge returns the judge of m, computing features with feat and
// language-model statistics with lm.
func NewListJudge(m *ListModel, feat Featurizer, lm LMScorer) *ListJudge {
	return &ListJudge{Model: m, Calibrated: Calibrated{Model: m.Name, Feat: feat, LM: lm}}
}

// JudgeList implements ListScorer.
func (j *ListJudge) JudgeList(ctx context.Context, description string, domains []string) (ListJudgement, error) {
	ins, err := j.Inputs(ctx, description, domains)
	if err != nil {
		return ListJudgement{}, err
	}
	s, err := j.predict(ins)
	if err != nil {
		return ListJudgement{}, err
	}
	pred := make([]Dims, len(s))
	for i := range s {
		pred[i] = s[i].Expected
	}
	v := ListJudgement{Names: s, Score: j.Model.ListScore(domains, pred, ins)}
	for _, p := range pred {
		v.Shortlist += j.Model.ShortlistProb(p[Overall])
	}
	return v, nil
}

package judge

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"

	"domaingen/stats"
)

// GoldRow is one reference rating (testdata/judge_gold.jsonl).
type GoldRow struct {
	DescriptionID string `json:"description_id"`
	Description   string `json:"description"`
	Domain        string `json:"domain"`
	Relevance     int    `json:"relevance"`
	Memorability  int    `json:"memorability"`
	Brandability  int    `json:"brandability"`
	Overall       int    `json:"overall"`
	Notes         string `json:"notes,omitempty"`
}

// Ratings returns the row's ratings indexed by Dimension.
func (g GoldRow) Ratings() [NumDims]int {
	return [NumDims]int{g.Relevance, g.Memorability, g.Brandability, g.Overall}
}

// Key identifies a row: description id and domain.
func (g GoldRow) Key() string { return g.DescriptionID + "\t" + g.Domain }

// LoadGold reads reference ratings and checks every rating is in 1–5.
func LoadGold(path string) ([]GoldRow, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load gold: %w", err)
	}
	defer f.Close()
	var rows []GoldRow
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for line := 1; sc.Scan(); line++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var g GoldRow
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			return nil, fmt.Errorf("load gold %s:%d: %w", path, line, err)
		}
		for d, r := range g.Ratings() {
			if r < 1 || r > 5 {
				return nil, fmt.Errorf("load gold %s:%d: %s = %d, want 1-5", path, line, DimNames[d], r)
			}
		}
		rows = append(rows, g)
	}
	return rows, sc.Err()
}

// DescriptionIDs returns the distinct description ids of rows, sorted.
func DescriptionIDs(rows []GoldRow) []string {
	seen := map[string]bool{}
	var ids []string
	for _, r := range rows {
		if !seen[r.DescriptionID] {
			seen[r.DescriptionID] = true
			ids = append(ids, r.DescriptionID)
		}
	}
	sort.Strings(ids)
	return ids
}

// Folds assigns each description id to one of k folds: the i-th id in
// sorted order goes to fold i mod k. With k = 2 this is the fixed
// fit/held-out split (fold 0 fits, fold 1 reports). Whole descriptions
// stay together, so no test row shares a description with a fitting row.
func Folds(rows []GoldRow, k int) map[string]int {
	fold := map[string]int{}
	for i, id := range DescriptionIDs(rows) {
		fold[id] = i % k
	}
	return fold
}

// Agreement is how well predictions agree with reference ratings on one
// dimension, with clustered bootstrap 95% intervals (descriptions resampled).
type Agreement struct {
	Spearman stats.Interval `json:"spearman"`
	// QWK is computed on predictions rounded to 1–5.
	QWK  stats.Interval `json:"qwk"`
	Rows int            `json:"rows"`
}

// Agree compares pred[i] (a continuous prediction) with rows[i]'s rating on
// every dimension.
func Agree(rows []GoldRow, pred []Dims, seed uint64) [NumDims]Agreement {
	groupOf := map[string]int{}
	var groups [][]int
	for i, r := range rows {
		g, ok := groupOf[r.DescriptionID]
		if !ok {
			g = len(groups)
			groupOf[r.DescriptionID] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
	}
	var out [NumDims]Agreement
	for d := range NumDims {
		x := make([]float64, len(rows))
		y := make([]float64, len(rows))
		for i := range rows {
			x[i], y[i] = pred[i][d], float64(rows[i].Ratings()[d])
		}
		pick := func(idx []int) ([]float64, []float64) {
			a, b := make([]float64, len(idx)), make([]float64, len(idx))
			for k, i := range idx {
				a[k], b[k] = x[i], y[i]
			}
			return a, b
		}
		out[d].Rows = len(rows)
		out[d].Spearman = stats.ClusterBootstrap(groups, 0, seed, func(idx []int) float64 {
			return stats.Spearman(pick(idx))
		})
		out[d].QWK = stats.ClusterBootstrap(groups, 0, seed, func(idx []int) float64 {
			a, b := pick(idx)
			return stats.QWK(stats.RoundScale(a, 1, 5), stats.RoundScale(b, 1, 5), 1, 5)
		})
	}
	return out
}

// CrossValidate returns out-of-fold predictions of a calibrated judge of
// the given variant: for each fold, a Model is fitted on the other folds'
// descriptions and predicts this fold's rows. inputs[i] belongs to rows[i].
func CrossValidate(variant string, rows []GoldRow, inputs []Inputs, fold map[string]int, k int, lambda float64) ([]Dims, error) {
	pred := make([]Dims, len(rows))
	for f := range k {
		var trIn []Inputs
		var trY [][NumDims]int
		for i, r := range rows {
			if fold[r.DescriptionID] != f {
				trIn = append(trIn, inputs[i])
				trY = append(trY, r.Ratings())
			}
		}
		m, err := Fit(variant, trIn, trY, lambda)
		if err != nil {
			return nil, err
		}
		for i, r := range rows {
			if fold[r.DescriptionID] == f {
				if pred[i], err = m.Predict(inputs[i]); err != nil {
					return nil, err
				}
			}
		}
	}
	return pred, nil
}

// Subset returns the rows (and parallel predictions) whose description is
// in fold f.
func Subset(rows []GoldRow, pred []Dims, fold map[string]int, f int) ([]GoldRow, []Dims) {
	var r2 []GoldRow
	var p2 []Dims
	for i, r := range rows {
		if fold[r.DescriptionID] == f {
			r2 = append(r2, r)
			p2 = append(p2, pred[i])
		}
	}
	return r2, p2
}

// nanTo replaces NaN by v.
func nanTo(x, v float64) float64 {
	if math.IsNaN(x) {
		return v
	}
	return x
}

package dataset

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
)

// EvaluationFiles are the evaluation data files (copies of shared/data in
// the repository's testdata/) that no training description may come near.
var EvaluationFiles = []string{"descriptions.jsonl", "safety.jsonl", "judge_gold.jsonl", "edge_cases.jsonl"}

// LoadTexts reads the "description" and "input" fields of every line of
// JSON Lines files, for Config.Exclude.
func LoadTexts(paths ...string) ([]string, error) {
	var out []string
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, fmt.Errorf("load texts: %w", err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for n := 1; sc.Scan(); n++ {
			if len(sc.Bytes()) == 0 {
				continue
			}
			var row struct{ Description, Input string }
			if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
				f.Close()
				return nil, fmt.Errorf("load texts %s line %d: %w", p, n, err)
			}
			for _, t := range []string{row.Description, row.Input} {
				if t != "" {
					out = append(out, t)
				}
			}
		}
		err = sc.Err()
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("load texts %s: %w", p, err)
		}
	}
	return out, nil
}

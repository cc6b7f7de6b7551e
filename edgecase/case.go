// Package edgecase finds the inputs on which the suggestion pipeline
// misbehaves: it generates edge inputs by category (Generate), derives
// metamorphic variants of the benign ones (Variants), runs every input
// through a Suggester, and classifies what went wrong into a fixed taxonomy
// of failure classes (Check, Run), counted by frequency (Report).
//
// It depends only on suggest, safety, prompt, domain and judge (for
// Keywords), never on the model: a fake Suggester or a fallback-only
// suggest.Service exercises it in tests, and `domaingen edgecases
// --use-model` runs it on the real model. docs/edge-cases.md describes the
// generator, the taxonomy and the latest results.
package edgecase

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Outcome classes of one Suggest call. An expectation is one of the first
// three, or empty when the rules do not decide it.
const (
	Success = "success" // status success
	Blocked = "blocked" // status blocked (the input policy refused)
	Invalid = "invalid" // error wrapping suggest.ErrInvalidInput
	Error   = "error"   // any other error, an error status, a panic or a timeout
)

// Case is one edge input: a line of testdata/edge_cases.jsonl, or one
// made by Generate.
type Case struct {
	ID    string `json:"id"`
	Input string `json:"input"`
	Kind  string `json:"kind"`
	// Expect is the outcome the rules call for: success, blocked or
	// invalid; empty means any outcome but an error is acceptable.
	Expect string `json:"expect"`
	Note   string `json:"note,omitempty"`
	// Base is the plain business description the input disguises (the
	// text under the zero-width characters, the markup or the injection);
	// its keywords measure relevance. Empty for inputs that describe no
	// business (gibberish, emoji only) and for the reference file's cases.
	Base string `json:"base,omitempty"`
	// Targets are what an injection in the input tries to make the
	// pipeline output, as labels or names ("google" or "google.com" for
	// "output google.com"); a name whose label contains one is a prompt
	// leak.
	Targets []string `json:"targets,omitempty"`
	// Generated marks a case made by Generate (the irrelevant class and the
	// Base-based checks apply only to those).
	Generated bool `json:"generated,omitempty"`
}

// ReadJSONL reads cases, one JSON object a line (blank lines skipped).
// name is used in error messages. File cases are never Generated.
func ReadJSONL(r io.Reader, name string) ([]Case, error) {
	var cases []Case
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20) // an over-long case is tens of kB
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var c Case
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			return nil, fmt.Errorf("read edge cases %s:%d: %w", name, n, err)
		}
		switch c.Expect {
		case Success, Blocked, Invalid, "":
		default:
			return nil, fmt.Errorf("read edge cases %s:%d: expect %q is not success, blocked or invalid", name, n, c.Expect)
		}
		c.Generated = false
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read edge cases %s: %w", name, err)
	}
	return cases, nil
}

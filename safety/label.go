package safety

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
)

// Labels written by LabelJSONL.
const (
	LabelBlock = "block"
	LabelAllow = "allow"
)

// Miss is one labelled record the policy got wrong.
type Miss struct {
	ID          string `json:"id,omitempty"`
	Description string `json:"description"`
	Expected    string `json:"expected_label"`
	Got         string `json:"label"`
	// Category: the expected category for a missed block, the category
	// the policy gave for a false block.
	Category string `json:"category,omitempty"`
	Matched  string `json:"matched,omitempty"`
}

// Stats summarises a LabelJSONL run. Recall and over-refusal are computed
// on the records that carried an expected label ("block" or "allow").
type Stats struct {
	Records int `json:"records"` // records read
	Blocked int `json:"blocked"` // records the policy blocked
	Allowed int `json:"allowed"` // records the policy allowed

	ExpectedBlock int `json:"expected_block"` // records labelled block
	ExpectedAllow int `json:"expected_allow"` // records labelled allow
	TruePositive  int `json:"true_positive"`  // labelled block, blocked
	FalseNegative int `json:"false_negative"` // labelled block, allowed
	FalsePositive int `json:"false_positive"` // labelled allow, blocked
	TrueNegative  int `json:"true_negative"`  // labelled allow, allowed
	// CategoryAgree counts blocked-and-labelled-block records whose
	// category equals the expected one (when the record had a category).
	CategoryAgree int `json:"category_agree"`

	// Recall = TruePositive / ExpectedBlock, with its Wilson 95% interval.
	Recall   float64    `json:"recall"`
	RecallCI [2]float64 `json:"recall_ci95"`
	// OverRefusal = FalsePositive / ExpectedAllow, with its Wilson 95% interval.
	OverRefusal   float64    `json:"over_refusal"`
	OverRefusalCI [2]float64 `json:"over_refusal_ci95"`

	// ByCategory counts blocked records per category the policy gave.
	ByCategory map[string]int `json:"by_category"`
	// Misses lists the false negatives and false positives, in input order.
	Misses []Miss `json:"misses"`
}

// Wilson returns the Wilson score 95% interval for k successes out of n
// (z = 1.96). For n = 0 it returns [0, 1]: nothing is known.
func Wilson(k, n int) [2]float64 {
	if n == 0 {
		return [2]float64{0, 1}
	}
	const z = 1.959963984540054
	p := float64(k) / float64(n)
	nf := float64(n)
	den := 1 + z*z/nf
	centre := (p + z*z/(2*nf)) / den
	half := z * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf)) / den
	return [2]float64{math.Max(0, centre-half), math.Min(1, centre+half)}
}

// maxLine is the longest JSONL record LabelJSONL accepts (16 MiB).
const maxLine = 16 << 20

// LabelJSONL reads JSON Lines records that have a "description" string
// field, and writes each record back with every field preserved (in the
// original order) plus "label" ("block" or "allow") and "category" (empty
// string when allowed). A record that already had a "label" keeps it as
// "expected_label", and its old "category" as "expected_category"; these
// records feed the recall and over-refusal of the returned Stats. Blank
// lines are skipped. It returns an error naming the line for a record that
// is not a JSON object or has no string description, and for read and
// write errors.
func LabelJSONL(r io.Reader, w io.Writer) (Stats, error) {
	st := Stats{ByCategory: map[string]int{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	bw := bufio.NewWriter(w)
	line := 0
	for sc.Scan() {
		line++
		raw := bytes.TrimSpace(sc.Bytes())
		if len(raw) == 0 {
			continue
		}
		rec, err := parseRecord(raw)
		if err != nil {
			return st, fmt.Errorf("label line %d: %w", line, err)
		}
		desc, ok := rec.get("description").(string)
		if !ok {
			return st, fmt.Errorf("label line %d: no string \"description\" field", line)
		}
		v := Check(desc)
		got := LabelAllow
		if v.Blocked {
			got = LabelBlock
		}
		st.Records++
		expected, hasExpected := rec.get("label").(string)
		expectedCat, _ := rec.get("category").(string)
		if hasExpected {
			rec.rename("label", "expected_label")
			if rec.has("category") {
				rec.rename("category", "expected_category")
			}
		}
		rec.set("label", got)
		rec.set("category", v.Category)
		out, err := rec.marshal()
		if err != nil {
			return st, fmt.Errorf("label line %d: %w", line, err)
		}
		if _, err := bw.Write(append(out, '\n')); err != nil {
			return st, fmt.Errorf("label: write: %w", err)
		}
		st.count(rec, desc, strings.ToLower(expected), expectedCat, got, v)
	}
	if err := sc.Err(); err != nil {
		return st, fmt.Errorf("label: read line %d: %w", line+1, err)
	}
	if err := bw.Flush(); err != nil {
		return st, fmt.Errorf("label: write: %w", err)
	}
	st.finish()
	return st, nil
}

// count adds one labelled record to the statistics.
func (st *Stats) count(rec *record, desc, expected, expectedCat, got string, v Verdict) {
	if v.Blocked {
		st.Blocked++
		st.ByCategory[v.Category]++
	} else {
		st.Allowed++
	}
	id, _ := rec.get("id").(string)
	switch expected {
	case LabelBlock:
		st.ExpectedBlock++
		if v.Blocked {
			st.TruePositive++
			if expectedCat != "" && expectedCat == v.Category {
				st.CategoryAgree++
			}
		} else {
			st.FalseNegative++
			st.Misses = append(st.Misses, Miss{ID: id, Description: desc, Expected: expected, Got: got, Category: expectedCat})
		}
	case LabelAllow:
		st.ExpectedAllow++
		if v.Blocked {
			st.FalsePositive++
			st.Misses = append(st.Misses, Miss{ID: id, Description: desc, Expected: expected, Got: got, Category: v.Category, Matched: v.Matched})
		} else {
			st.TrueNegative++
		}
	}
}

func (st *Stats) finish() {
	if st.ExpectedBlock > 0 {
		st.Recall = float64(st.TruePositive) / float64(st.ExpectedBlock)
	}
	if st.ExpectedAllow > 0 {
		st.OverRefusal = float64(st.FalsePositive) / float64(st.ExpectedAllow)
	}
	st.RecallCI = Wilson(st.TruePositive, st.ExpectedBlock)
	st.OverRefusalCI = Wilson(st.FalsePositive, st.ExpectedAllow)
}

// String formats the statistics as a small plain-text report.
func (st Stats) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "policy %s: %d records, %d blocked, %d allowed\n", PolicyVersion, st.Records, st.Blocked, st.Allowed)
	if st.ExpectedBlock+st.ExpectedAllow > 0 {
		fmt.Fprintf(&b, "block recall  %d/%d = %.3f  (Wilson 95%% %.3f-%.3f)\n",
			st.TruePositive, st.ExpectedBlock, st.Recall, st.RecallCI[0], st.RecallCI[1])
		fmt.Fprintf(&b, "over-refusal  %d/%d = %.3f  (Wilson 95%% %.3f-%.3f)\n",
			st.FalsePositive, st.ExpectedAllow, st.OverRefusal, st.OverRefusalCI[0], st.OverRefusalCI[1])
		fmt.Fprintf(&b, "category agreement on caught blocks: %d/%d\n", st.CategoryAgree, st.TruePositive)
	}
	cats := make([]string, 0, len(st.ByCategory))
	for c := range st.ByCategory {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	for _, c := range cats {
		fmt.Fprintf(&b, "  blocked as %-30s %d\n", c, st.ByCategory[c])
	}
	for _, m := range st.Misses {
		kind := "missed block"
		if m.Expected == LabelAllow {
			kind = "false block"
		}
		fmt.Fprintf(&b, "  %s %s [%s] %q", kind, m.ID, m.Category, m.Description)
		if m.Matched != "" {
			fmt.Fprintf(&b, " (%s)", m.Matched)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// record is a JSON object that keeps its fields in their original order
// and their values as raw JSON, so LabelJSONL writes back exactly what it
// read plus the fields it adds.
type record struct {
	keys []string
	vals map[string]json.RawMessage
}

func parseRecord(raw []byte) (*record, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, fmt.Errorf("parse record: %w", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, fmt.Errorf("parse record: not a JSON object")
	}
	rec := &record{vals: map[string]json.RawMessage{}}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("parse record: %w", err)
		}
		key, ok := tok.(string)
		if !ok {
			return nil, fmt.Errorf("parse record: bad key")
		}
		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			return nil, fmt.Errorf("parse record: field %q: %w", key, err)
		}
		if _, dup := rec.vals[key]; !dup {
			rec.keys = append(rec.keys, key)
		}
		rec.vals[key] = val
	}
	if _, err := dec.Token(); err != nil {
		return nil, fmt.Errorf("parse record: %w", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("parse record: trailing data after the object")
	}
	return rec, nil
}

func (r *record) has(key string) bool { _, ok := r.vals[key]; return ok }

// get decodes a field; it returns nil when absent or not decodable.
func (r *record) get(key string) any {
	raw, ok := r.vals[key]
	if !ok {
		return nil
	}
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return nil
	}
	return v
}

func (r *record) set(key string, v any) {
	b, _ := json.Marshal(v) // strings only: cannot fail
	if !r.has(key) {
		r.keys = append(r.keys, key)
	}
	r.vals[key] = b
}

// rename moves a field to a new name in place, replacing any field that
// already had that name.
func (r *record) rename(from, to string) {
	val := r.vals[from]
	if r.has(to) {
		r.remove(to)
	}
	for i, k := range r.keys {
		if k == from {
			r.keys[i] = to
		}
	}
	delete(r.vals, from)
	r.vals[to] = val
}

func (r *record) remove(key string) {
	delete(r.vals, key)
	for i, k := range r.keys {
		if k == key {
			r.keys = append(r.keys[:i], r.keys[i+1:]...)
			return
		}
	}
}

func (r *record) marshal() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range r.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, err := json.Marshal(k)
		if err != nil {
			return nil, err
		}
		b.Write(kb)
		b.WriteByte(':')
		b.Write(r.vals[k])
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

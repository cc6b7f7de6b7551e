package edgecase

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Report is the result of Run.
type Report struct {
	// Cases run, Generated among them; Calls to Suggest made in all
	// (cases, second runs and variants).
	Cases, Generated, Calls int
	// Kinds counts the cases of each kind.
	Kinds map[string]int
	// Failures in the order found.
	Failures []Failure
}

// Run checks every case in order (see Check) and reports the failures. It
// returns ctx's error if ctx is cancelled before the end, with the report
// so far.
func Run(ctx context.Context, s Suggester, cases []Case, cfg Config) (Report, error) {
	cfg = cfg.withDefaults()
	rep := Report{Kinds: map[string]int{}}
	for i, c := range cases {
		r := &checker{s: s, cfg: cfg, c: c}
		r.run(ctx)
		if err := ctx.Err(); err != nil {
			return rep, fmt.Errorf("edge case %s: %w", c.ID, err)
		}
		rep.Cases++
		if c.Generated {
			rep.Generated++
		}
		rep.Kinds[c.Kind]++
		rep.Calls += r.calls
		rep.Failures = append(rep.Failures, r.out...)
		if cfg.Progress != nil {
			cfg.Progress(i+1, len(cases))
		}
	}
	return rep, nil
}

// ClassCount is how many failures of one class a run found.
type ClassCount struct {
	Class Class
	N     int
}

// ByClass counts the failures by class, most frequent first (ties by name).
func (r Report) ByClass() []ClassCount {
	n := map[Class]int{}
	for _, f := range r.Failures {
		n[f.Class]++
	}
	var out []ClassCount
	for c, k := range n {
		out = append(out, ClassCount{c, k})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].N != out[j].N {
			return out[i].N > out[j].N
		}
		return out[i].Class < out[j].Class
	})
	return out
}

// Hard counts the failures of hard classes; a run with any fails.
func (r Report) Hard() int {
	n := 0
	for _, f := range r.Failures {
		if !f.Class.Soft() {
			n++
		}
	}
	return n
}

// FailedCases counts the cases with at least one hard failure, and those
// with only soft ones.
func (r Report) FailedCases() (hard, softOnly int) {
	h, s := map[string]bool{}, map[string]bool{}
	for _, f := range r.Failures {
		if f.Class.Soft() {
			s[f.ID] = true
		} else {
			h[f.ID] = true
		}
	}
	for id := range s {
		if !h[id] {
			softOnly++
		}
	}
	return len(h), softOnly
}

// examples returns up to k failures of class c: one per kind first, then
// one per case, then the rest, each in the order found, so that a few
// examples show as many different inputs as they can.
func (r Report) examples(c Class, k int) []Failure {
	var kinds, cases, rest []Failure
	seenKind, seenID := map[string]bool{}, map[string]bool{}
	for _, f := range r.Failures {
		switch {
		case f.Class != c:
		case !seenKind[f.Kind]:
			kinds = append(kinds, f)
		case !seenID[f.ID]:
			cases = append(cases, f)
		default:
			rest = append(rest, f)
		}
		if f.Class == c {
			seenKind[f.Kind], seenID[f.ID] = true, true
		}
	}
	out := append(append(kinds, cases...), rest...)
	return out[:min(k, len(out))]
}

// Summary is the one-line result.
func (r Report) Summary() string {
	hard, soft := r.FailedCases()
	return fmt.Sprintf("%d cases (%d from the file, %d generated), %d calls: %d passed, %d failed, %d with soft findings only; %d hard failures, %d soft",
		r.Cases, r.Cases-r.Generated, r.Generated, r.Calls, r.Cases-hard-soft, hard, soft, r.Hard(), len(r.Failures)-r.Hard())
}

// WriteText prints the summary and the counts by class, most frequent
// first, with up to examples failures of each.
func (r Report) WriteText(w io.Writer, examples int) {
	fmt.Fprintln(w, r.Summary())
	for _, cc := range r.ByClass() {
		tag := "hard"
		if cc.Class.Soft() {
			tag = "soft"
		}
		fmt.Fprintf(w, "\n%s: %d (%s)\n", cc.Class, cc.N, tag)
		for _, f := range r.examples(cc.Class, examples) {
			fmt.Fprintf(w, "  %s %s  %s\n    input: %s\n", label(f), f.Kind, f.Detail, Quote(f.Input, 100))
		}
	}
}

// WriteMarkdown writes a section for docs/edge-cases.md: the command, the
// summary, counts by class and by kind, and up to examples failures per
// class.
func (r Report) WriteMarkdown(w io.Writer, command string, examples int) {
	fmt.Fprintf(w, "`%s`\n\n**%s.**\n\n", command, r.Summary())
	if len(r.Failures) == 0 {
		fmt.Fprintln(w, "No failures.")
		return
	}
	fmt.Fprintln(w, "| class | failures | hard | cases |")
	fmt.Fprintln(w, "|---|---:|---|---:|")
	for _, cc := range r.ByClass() {
		cases := map[string]bool{}
		for _, f := range r.Failures {
			if f.Class == cc.Class {
				cases[f.ID] = true
			}
		}
		fmt.Fprintf(w, "| `%s` | %d | %s | %d |\n", cc.Class, cc.N, map[bool]string{true: "soft", false: "yes"}[cc.Class.Soft()], len(cases))
	}
	fmt.Fprintln(w)
	rows := map[string]*kindRow{}
	failing := map[string]map[string]bool{}
	for _, f := range r.Failures {
		row := rows[f.Kind]
		if row == nil {
			row = &kindRow{kind: f.Kind, cases: r.Kinds[f.Kind], classes: map[Class]int{}}
			rows[f.Kind] = row
			failing[f.Kind] = map[string]bool{}
		}
		row.classes[f.Class]++
		failing[f.Kind][f.ID] = true
	}
	var list []*kindRow
	for k, row := range rows {
		row.failing = len(failing[k])
		list = append(list, row)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].failing != list[j].failing {
			return list[i].failing > list[j].failing
		}
		return list[i].kind < list[j].kind
	})
	fmt.Fprintln(w, "| kind | cases | failing | failures by class |")
	fmt.Fprintln(w, "|---|---:|---:|---|")
	for _, row := range list {
		var cl []string
		for c, n := range row.classes {
			cl = append(cl, fmt.Sprintf("`%s` %d", c, n))
		}
		sort.Strings(cl)
		fmt.Fprintf(w, "| %s | %d | %d | %s |\n", row.kind, row.cases, row.failing, strings.Join(cl, ", "))
	}
	fmt.Fprintf(w, "\nKinds without failures: %s.\n\nExamples (up to %d per class):\n\n", r.cleanKinds(rows), examples)
	for _, cc := range r.ByClass() {
		for _, f := range r.examples(cc.Class, examples) {
			fmt.Fprintf(w, "- `%s` %s (%s): %s — input `%s`\n", cc.Class, label(f), f.Kind,
				mdEscape(f.Detail), strings.ReplaceAll(Quote(f.Input, 80), "`", "'"))
		}
	}
}

// kindRow is one line of the table by kind.
type kindRow struct {
	kind           string
	cases, failing int
	classes        map[Class]int
}

// cleanKinds lists the kinds with cases and no failures, with their counts.
func (r Report) cleanKinds(failing map[string]*kindRow) string {
	var out []string
	for k, n := range r.Kinds {
		if _, ok := failing[k]; !ok {
			out = append(out, fmt.Sprintf("%s (%d)", k, n))
		}
	}
	sort.Strings(out)
	if len(out) == 0 {
		return "none"
	}
	return strings.Join(out, ", ")
}

func label(f Failure) string {
	if f.Variant == "" {
		return f.ID
	}
	return f.ID + "/" + f.Variant
}

// Quote shows s in at most n characters as a Go-quoted string in which
// every character that does not print itself visibly (controls,
// invisibles, bidi marks, white space other than the space) is escaped,
// so a report line shows what was really sent.
func Quote(s string, n int) string {
	if !utf8.ValidString(s) {
		return strconv.QuoteToASCII(truncate(s, n))
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range truncate(s, n) {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == ' ' || (unicode.IsGraphic(r) && !unicode.Is(unicode.Cf, r) && !unicode.IsSpace(r) && !invisibleMark(r)):
			b.WriteRune(r)
		default:
			b.WriteString(strings.Trim(strconv.QuoteRuneToASCII(r), "'"))
		}
	}
	b.WriteByte('"')
	if utf8.RuneCountInString(s) > n {
		fmt.Fprintf(&b, "… (%d characters)", utf8.RuneCountInString(s))
	}
	return b.String()
}

// invisibleMark reports the combining marks that show nothing: variation
// selectors and the combining grapheme joiner.
func invisibleMark(r rune) bool {
	return (r >= 0xFE00 && r <= 0xFE0F) || (r >= 0xE0100 && r <= 0xE01EF) || r == 0x034F
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

func mdEscape(s string) string {
	return strings.NewReplacer("|", "\\|", "<", "&lt;", ">", "&gt;", "\n", " ").Replace(s)
}

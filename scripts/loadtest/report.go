package main

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
)

// report is the outcome of a run.
type report struct {
	cfg         config
	tally       *tally
	elapsed     time.Duration
	soak        *soakResult // nil without --soak
	interrupted bool        // stopped by a signal before --duration
}

// total is the number of requests that got a response or an error.
func (r *report) total() int {
	n := 0
	for _, v := range r.tally.byStatus {
		n += v
	}
	for _, v := range r.tally.errors {
		n += v
	}
	return n
}

// problems lists why the run failed: 5xx, transport errors, soak checks.
func (r *report) problems() []string {
	var out []string
	fivexx := 0
	for code, n := range r.tally.byStatus {
		if code >= 500 {
			fivexx += n
		}
	}
	if fivexx > 0 {
		out = append(out, fmt.Sprintf("%d responses with status 5xx", fivexx))
	}
	if n := sumValues(r.tally.errors); n > 0 {
		out = append(out, fmt.Sprintf("%d transport errors", n))
	}
	if r.total() == 0 {
		out = append(out, "no request completed")
	}
	if r.soak != nil {
		_, soakProblems := r.soak.verdicts()
		out = append(out, soakProblems...)
		if len(r.soak.errors) > 0 {
			out = append(out, fmt.Sprintf("%d /metrics samples failed (%s)", len(r.soak.errors), r.soak.errors[0]))
		}
	}
	return out
}

// markdown renders the report.
func (r *report) markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Load test: POST %s\n\n", r.cfg.endpoint(r.cfg.path))
	r.writeSettings(&b)
	r.writeStatuses(&b)
	r.writeLatency(&b)
	if r.soak != nil {
		r.writeSoak(&b)
	}
	if p := r.problems(); len(p) > 0 {
		fmt.Fprintf(&b, "## Verdict: FAIL\n\n")
		for _, line := range p {
			fmt.Fprintf(&b, "- %s\n", line)
		}
	} else {
		fmt.Fprintf(&b, "## Verdict: PASS\n\nNo 5xx, no transport errors")
		if r.soak != nil {
			b.WriteString(", memory and goroutines flat")
		}
		b.WriteString(".\n")
	}
	return b.String()
}

func (r *report) writeSettings(b *strings.Builder) {
	fmt.Fprintf(b, "| setting | value |\n|---|---|\n")
	fmt.Fprintf(b, "| concurrency | %d |\n| duration | %s (ran %s%s) |\n| request timeout | %s |\n| body | %d bytes |\n\n",
		r.cfg.concurrency, r.cfg.duration, r.elapsed.Round(time.Millisecond), interruptedNote(r.interrupted),
		r.cfg.timeout, len(r.cfg.body))
}

func interruptedNote(interrupted bool) string {
	if interrupted {
		return ", interrupted"
	}
	return ""
}

func (r *report) writeStatuses(b *strings.Builder) {
	total := r.total()
	fmt.Fprintf(b, "## Responses\n\n| status | count | share |\n|---|---:|---:|\n")
	codes := make([]int, 0, len(r.tally.byStatus))
	for c := range r.tally.byStatus {
		codes = append(codes, c)
	}
	sort.Ints(codes)
	for _, c := range codes {
		fmt.Fprintf(b, "| %d | %d | %s |\n", c, r.tally.byStatus[c], share(r.tally.byStatus[c], total))
	}
	kinds := make([]string, 0, len(r.tally.errors))
	for k := range r.tally.errors {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		fmt.Fprintf(b, "| error: %s | %d | %s |\n", k, r.tally.errors[k], share(r.tally.errors[k], total))
	}
	fmt.Fprintf(b, "| **total** | %d | |\n\n", total)
}

func (r *report) writeLatency(b *strings.Builder) {
	secs := r.elapsed.Seconds()
	accepted := len(r.tally.accepted)
	fmt.Fprintf(b, "## Accepted (200) requests\n\n")
	fmt.Fprintf(b, "Throughput: %.2f accepted/s, %.2f responses/s.\n\n", perSecond(accepted, secs), perSecond(r.total(), secs))
	if accepted == 0 {
		b.WriteString("No accepted requests: no latency figures.\n\n")
		return
	}
	lat := slices.Clone(r.tally.accepted)
	slices.Sort(lat)
	fmt.Fprintf(b, "| p50 | p95 | p99 | max |\n|---:|---:|---:|---:|\n| %s | %s | %s | %s |\n\n",
		ms(percentile(lat, 0.50)), ms(percentile(lat, 0.95)), ms(percentile(lat, 0.99)), ms(lat[len(lat)-1]))
}

func (r *report) writeSoak(b *strings.Builder) {
	s := r.soak
	fmt.Fprintf(b, "## Soak (/metrics every %s, %d samples)\n\n", r.cfg.sampleEvery, len(s.samples))
	if len(s.samples) > 0 {
		g := s.series(func(x sample) float64 { return x.goroutines })
		m := s.series(func(x sample) float64 { return x.rss })
		fmt.Fprintf(b, "| metric | first | last | max |\n|---|---:|---:|---:|\n")
		fmt.Fprintf(b, "| %s | %.0f | %.0f | %.0f |\n", metricGoroutines, g.first, g.last, g.max)
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n\n", metricRSS, mib(m.first), mib(m.last), mib(m.max))
	}
	lines, problems := s.verdicts()
	for _, l := range lines {
		fmt.Fprintf(b, "- ok: %s\n", l)
	}
	for _, p := range problems {
		fmt.Fprintf(b, "- FAIL: %s\n", p)
	}
	b.WriteString("\n")
}

// percentile returns the nearest-rank percentile of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	i := int(math.Ceil(p*float64(len(sorted)))) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func share(n, total int) string {
	if total == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(total))
}

func perSecond(n int, secs float64) float64 {
	if secs <= 0 {
		return 0
	}
	return float64(n) / secs
}

func sumValues(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

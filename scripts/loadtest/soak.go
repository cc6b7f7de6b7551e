package main

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The server metrics a soak run watches (from the Go and process
// collectors in the server's registry).
const (
	metricGoroutines = "go_goroutines"
	metricRSS        = "process_resident_memory_bytes"
)

// Soak tolerances.
const (
	// defaultRSSTolerance: the last RSS sample may be at most 10% above the
	// first (--rss-tolerance).
	defaultRSSTolerance = 0.10
	// goroutineSlack: goroutines may exceed the first sample by this many or
	// 10%, whichever is larger, before they count as growth (connections
	// and timers come and go).
	goroutineSlack = 5
)

// sample is one reading of the server's metrics.
type sample struct {
	at         time.Duration // since the run started
	goroutines float64
	rss        float64 // bytes; 0 when the server does not export it
}

// soakResult is the samples of a run and sampling failures.
type soakResult struct {
	samples      []sample
	errors       []string
	rssTolerance float64 // fraction of the first sample
}

// sampleMetrics reads metricsURL every interval until ctx ends, then once
// more: the first sample comes one interval in, after warm-up.
func sampleMetrics(ctx context.Context, client *http.Client, metricsURL string, interval time.Duration, rssTolerance float64) *soakResult {
	res := &soakResult{rssTolerance: rssTolerance}
	start := time.Now()
	tick := time.NewTicker(interval)
	defer tick.Stop()
	take := func() {
		s, err := readMetrics(client, metricsURL)
		if err != nil {
			res.errors = append(res.errors, err.Error())
			return
		}
		s.at = time.Since(start)
		res.samples = append(res.samples, s)
	}
	for {
		select {
		case <-tick.C:
			take()
		case <-ctx.Done():
			take()
			return res
		}
	}
}

// readMetrics fetches the Prometheus text format and picks the two gauges.
func readMetrics(client *http.Client, metricsURL string) (sample, error) {
	resp, err := client.Get(metricsURL)
	if err != nil {
		return sample{}, fmt.Errorf("get /metrics: %s", errorKind(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return sample{}, fmt.Errorf("get /metrics: status %d", resp.StatusCode)
	}
	var s sample
	found := false
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		name, value, ok := parseLine(sc.Text())
		switch {
		case !ok:
		case name == metricGoroutines:
			s.goroutines, found = value, true
		case name == metricRSS:
			s.rss = value
		}
	}
	if err := sc.Err(); err != nil {
		return sample{}, fmt.Errorf("read /metrics: %v", err)
	}
	if !found {
		return sample{}, fmt.Errorf("/metrics has no %s", metricGoroutines)
	}
	return s, nil
}

// parseLine reads an unlabelled sample line "name value".
func parseLine(line string) (string, float64, bool) {
	if strings.HasPrefix(line, "#") {
		return "", 0, false
	}
	fields := strings.Fields(line)
	if len(fields) < 2 {
		return "", 0, false
	}
	v, err := strconv.ParseFloat(fields[1], 64)
	if err != nil {
		return "", 0, false
	}
	return fields[0], v, true
}

// stats is first, last and max of one metric over the samples.
type stats struct{ first, last, max float64 }

// series returns the stats of the metric get picks.
func (r *soakResult) series(get func(sample) float64) stats {
	st := stats{first: get(r.samples[0]), last: get(r.samples[len(r.samples)-1])}
	for _, s := range r.samples {
		st.max = max(st.max, get(s))
	}
	return st
}

// verdicts checks the soak criteria; it returns a line per check and the
// problems found.
func (r *soakResult) verdicts() (lines, problems []string) {
	if len(r.samples) < 2 {
		return nil, []string{fmt.Sprintf("soak: %d /metrics samples, need at least 2 (make --duration at least twice --sample-every)", len(r.samples))}
	}
	g := r.series(func(s sample) float64 { return s.goroutines })
	allowed := g.first + max(goroutineSlack, 0.10*g.first)
	if g.last <= allowed {
		lines = append(lines, fmt.Sprintf("goroutines did not grow: %.0f → %.0f (allowed ≤ %.0f)", g.first, g.last, allowed))
	} else {
		problems = append(problems, fmt.Sprintf("goroutines grew: %.0f → %.0f (allowed ≤ %.0f)", g.first, g.last, allowed))
	}
	rss := r.series(func(s sample) float64 { return s.rss })
	switch {
	case rss.first == 0:
		lines = append(lines, "RSS not exported by the server (process collector unavailable on this OS); not checked")
	case rss.last <= rss.first*(1+r.rssTolerance):
		lines = append(lines, fmt.Sprintf("RSS stayed within %.0f%%: %s → %s (max %s)", 100*r.rssTolerance, mib(rss.first), mib(rss.last), mib(rss.max)))
	default:
		problems = append(problems, fmt.Sprintf("RSS grew more than %.0f%%: %s → %s (max %s)", 100*r.rssTolerance, mib(rss.first), mib(rss.last), mib(rss.max)))
	}
	return lines, problems
}

// mib formats bytes in MiB.
func mib(b float64) string { return fmt.Sprintf("%.1f MiB", b/(1<<20)) }

package main

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// outcome is one request's result.
type outcome struct {
	status  int    // HTTP status, 0 on a transport error
	errKind string // transport error class when status is 0
	latency time.Duration
	// retryAfter is the wait a 429 or 503 asked for (0 if none).
	retryAfter time.Duration
}

// tally is one client's results; merged after the run.
type tally struct {
	byStatus map[int]int
	errors   map[string]int
	accepted []time.Duration // latencies of 200s
}

func newTally() *tally {
	return &tally{byStatus: map[int]int{}, errors: map[string]int{}}
}

// add records one outcome.
func (t *tally) add(o outcome) {
	if o.status == 0 {
		t.errors[o.errKind]++
		return
	}
	t.byStatus[o.status]++
	if o.status == http.StatusOK {
		t.accepted = append(t.accepted, o.latency)
	}
}

// merge adds u into t.
func (t *tally) merge(u *tally) {
	for k, v := range u.byStatus {
		t.byStatus[k] += v
	}
	for k, v := range u.errors {
		t.errors[k] += v
	}
	t.accepted = append(t.accepted, u.accepted...)
}

// load runs cfg.concurrency clients for cfg.duration (or until ctx ends)
// and, with --soak, samples /metrics meanwhile. Requests in flight at the
// end are allowed to finish (up to cfg.timeout) so they are not miscounted
// as errors.
func load(ctx context.Context, cfg config) *report {
	client := &http.Client{
		Timeout: cfg.timeout,
		Transport: &http.Transport{
			Proxy:               nil, // loopback only: never through a proxy
			MaxIdleConnsPerHost: cfg.concurrency,
			IdleConnTimeout:     30 * time.Second,
			DisableCompression:  true,
		},
	}
	defer client.CloseIdleConnections()
	runCtx, stop := context.WithTimeout(ctx, cfg.duration)
	defer stop()

	var soak *soakResult
	var soakDone sync.WaitGroup
	if cfg.soak {
		soakDone.Go(func() {
			soak = sampleMetrics(runCtx, client, cfg.endpoint("/metrics"), cfg.sampleEvery, cfg.rssTolerance)
		})
	}
	start := time.Now()
	total := newTally()
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range cfg.concurrency {
		wg.Go(func() {
			t := clientLoop(runCtx, client, cfg)
			mu.Lock()
			total.merge(t)
			mu.Unlock()
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	soakDone.Wait()
	return &report{cfg: cfg, tally: total, elapsed: elapsed, soak: soak, interrupted: ctx.Err() != nil}
}

// clientLoop sends requests one after another until ctx ends. Like a
// well-behaved client it waits as long as a 429's Retry-After asks before
// trying again (a client that retries at once only measures how fast the
// server can say no, and steals the cores the generations need).
func clientLoop(ctx context.Context, client *http.Client, cfg config) *tally {
	t := newTally()
	target := cfg.endpoint(cfg.path)
	for ctx.Err() == nil {
		o := send(client, target, cfg.body)
		t.add(o)
		if o.retryAfter > 0 {
			select {
			case <-ctx.Done():
			case <-time.After(o.retryAfter):
			}
		}
	}
	return t
}

// send posts body once and reads the whole response. It deliberately uses
// no run context: a request started before the end may finish.
func send(client *http.Client, target, body string) outcome {
	start := time.Now()
	req, err := http.NewRequest(http.MethodPost, target, strings.NewReader(body))
	if err != nil {
		return outcome{errKind: "bad request: " + err.Error()}
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return outcome{errKind: errorKind(err), latency: time.Since(start)}
	}
	_, err = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return outcome{errKind: "read body: " + errorKind(err), latency: time.Since(start)}
	}
	o := outcome{status: resp.StatusCode, latency: time.Since(start)}
	if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && secs > 0 {
		o.retryAfter = time.Duration(secs) * time.Second
	}
	return o
}

// errorKind names a transport error's class without per-request detail
// (ports, addresses), so errors group in the report.
func errorKind(err error) string {
	var netErr net.Error
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return "timeout"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "connection closed"
	case strings.Contains(err.Error(), "connection refused"):
		return "connection refused"
	case strings.Contains(err.Error(), "connection reset"):
		return "connection reset"
	default:
		return "other transport error"
	}
}

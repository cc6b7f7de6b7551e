// Command loadtest drives a local domaingen server with concurrent suggest
// requests and reports what came back.
//
//	go run ./scripts/loadtest --url http://127.0.0.1:8080 --concurrency 32 --duration 60s [--out report.md]
//	go run ./scripts/loadtest --soak --duration 30m --out soak.md
//
// It reports counts by status, p50/p95/p99 latency of accepted (200)
// requests and throughput, and exits 1 on any 5xx or transport error. With
// --soak it also samples the server's /metrics every --sample-every (10 s)
// and checks that process_resident_memory_bytes stayed within 10%
// (--rss-tolerance) of its first sample and go_goroutines did not grow. It only talks to loopback addresses, and runs
// for at most --duration (capped at 24 h).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

// Limits on the flags: the tool is for a developer's machine, not a weapon.
const (
	maxConcurrency = 1024
	maxDuration    = 24 * time.Hour
)

// defaultBody is a typical benign request.
const defaultBody = `{"business_description":"organic coffee shop in downtown area","count":10}`

// config is what the flags say.
type config struct {
	baseURL     *url.URL // scheme://host:port of the server
	path        string   // the suggest route
	concurrency int
	duration    time.Duration
	timeout     time.Duration // per request
	body        string
	out         string // markdown report file, optional
	soak        bool
	sampleEvery time.Duration
	// rssTolerance is the allowed RSS growth, first to last sample.
	rssTolerance float64
}

// errUsage marks bad flags (exit status 2).
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the whole command; it returns the exit status: 0 when every
// response was below 500 (and the soak checks passed), 1 otherwise, 2 for
// bad flags.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintf(stderr, "loadtest: %v\n", err)
		return 2
	}
	rep := load(ctx, cfg)
	text := rep.markdown()
	fmt.Fprint(stdout, text)
	if cfg.out != "" {
		if err := os.WriteFile(cfg.out, []byte(text), 0o644); err != nil {
			fmt.Fprintf(stderr, "loadtest: write report: %v\n", err)
			return 1
		}
	}
	if problems := rep.problems(); len(problems) > 0 {
		fmt.Fprintf(stderr, "loadtest: FAILED: %s\n", strings.Join(problems, "; "))
		return 1
	}
	return 0
}

// parseFlags reads and checks the flags.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	rawURL := fs.String("url", "http://127.0.0.1:8080", "base URL of the server (loopback only)")
	path := fs.String("path", "/v1/suggest", "route to POST to")
	cfg := config{}
	fs.IntVar(&cfg.concurrency, "concurrency", 32, "concurrent clients (1–1024)")
	fs.DurationVar(&cfg.duration, "duration", 60*time.Second, "how long to send requests (≤ 24h)")
	fs.DurationVar(&cfg.timeout, "timeout", 30*time.Second, "per-request timeout")
	fs.StringVar(&cfg.body, "body", defaultBody, "JSON request body")
	fs.StringVar(&cfg.out, "out", "", "also write the markdown report to this file")
	fs.BoolVar(&cfg.soak, "soak", false, "sample /metrics and check memory and goroutines stay flat")
	fs.DurationVar(&cfg.sampleEvery, "sample-every", 10*time.Second, "soak: interval between /metrics samples")
	fs.Float64Var(&cfg.rssTolerance, "rss-tolerance", defaultRSSTolerance, "soak: allowed RSS growth from the first to the last sample, as a fraction")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if fs.NArg() > 0 {
		return config{}, fmt.Errorf("%w: unexpected arguments %q", errUsage, fs.Args())
	}
	u, err := loopbackURL(*rawURL)
	if err != nil {
		return config{}, err
	}
	cfg.baseURL, cfg.path = u, "/"+strings.TrimPrefix(*path, "/")
	return cfg, cfg.check()
}

// check validates the numeric flags.
func (c config) check() error {
	switch {
	case c.concurrency < 1 || c.concurrency > maxConcurrency:
		return fmt.Errorf("%w: --concurrency must be 1–%d", errUsage, maxConcurrency)
	case c.duration <= 0 || c.duration > maxDuration:
		return fmt.Errorf("%w: --duration must be positive and at most %s", errUsage, maxDuration)
	case c.timeout <= 0:
		return fmt.Errorf("%w: --timeout must be positive", errUsage)
	case c.soak && c.sampleEvery <= 0:
		return fmt.Errorf("%w: --sample-every must be positive", errUsage)
	case c.rssTolerance < 0:
		return fmt.Errorf("%w: --rss-tolerance must not be negative", errUsage)
	}
	return nil
}

// loopbackURL parses raw and accepts only http(s) to localhost or a
// loopback IP literal; names are not resolved.
func loopbackURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%w: --url %q is not an http(s) URL", errUsage, raw)
	}
	host := u.Hostname()
	ip := net.ParseIP(host)
	if host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return nil, fmt.Errorf("%w: --url %q: only loopback hosts (127.0.0.0/8, ::1, localhost) are allowed", errUsage, raw)
	}
	return &url.URL{Scheme: u.Scheme, Host: u.Host}, nil
}

// endpoint returns the URL of path on the server.
func (c config) endpoint(path string) string {
	u := *c.baseURL
	u.Path = path
	return u.String()
}

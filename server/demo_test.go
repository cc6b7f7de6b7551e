package server

import (
	"context"
	"hash/fnv"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"testing"
	"time"

	"domaingen/availability"
	"domaingen/suggest"
)

// demoSuggester is the fake behind TestDemoServer: cleaningSuggester after
// a short pause (so the page's loading state shows), blocking descriptions
// that mention "stolen" so the e2e script can see a blocked answer. The
// one-word check is a stand-in for the page test only, not a safety filter.
var demoSuggester = suggesterFunc(func(ctx context.Context, req suggest.Request) (suggest.Response, error) {
	select {
	case <-time.After(300 * time.Millisecond):
	case <-ctx.Done():
		return suggest.Response{}, ctx.Err()
	}
	if strings.Contains(strings.ToLower(req.Description), "stolen") {
		return suggest.Response{Status: suggest.StatusBlocked, Category: "fraud_scams_phishing", Message: blockedMessage}, nil
	}
	return cleaningSuggester(ctx, req)
})

// demoChecker stands in for availability.Checker on the demo server: a
// fixed mix of statuses by a hash of the name (about a third each of
// available, taken and unknown), so the page's badges and its "only
// available" toggle can be seen and tested without a network.
var demoChecker = checkerFunc(func(_ context.Context, names []string) []availability.Result {
	out := make([]availability.Result, len(names))
	for i, n := range names {
		h := fnv.New32a()
		h.Write([]byte(n))
		r := availability.Result{Domain: n, CheckedAt: time.Now().UTC(), Method: availability.MethodRDAP,
			Server: "https://rdap.example.test/", HTTPStatus: 404, Status: availability.Available,
			Reason: "RDAP 404: the registry has no such domain"}
		switch h.Sum32() % 3 {
		case 1:
			r.Status, r.Method, r.Server, r.HTTPStatus, r.Rcode, r.Reason = availability.Taken, availability.MethodDNS, "127.0.0.1:53", 0, "NOERROR", "the name is delegated (NS records present)"
		case 2:
			r.Status, r.HTTPStatus, r.Reason = availability.Unknown, 0, "network unreachable (demo)"
		}
		out[i] = r
	}
	return out
})

// checkerFunc adapts a function to suggest.Checker.
type checkerFunc func(ctx context.Context, names []string) []availability.Result

// CheckAll calls f.
func (f checkerFunc) CheckAll(ctx context.Context, names []string) []availability.Result {
	return f(ctx, names)
}

// TestDemoServer serves the real router with demoSuggester on
// $DOMAINGEN_DEMO_ADDR until SIGINT/SIGTERM, for the e2e script and for
// looking at the page without a model:
//
//	DOMAINGEN_DEMO_ADDR=127.0.0.1:8080 go test ./server -run TestDemoServer -timeout 0 -v
//
// It is skipped when the variable is unset.
func TestDemoServer(t *testing.T) {
	addr := os.Getenv("DOMAINGEN_DEMO_ADDR")
	if addr == "" {
		t.Skip("set DOMAINGEN_DEMO_ADDR=host:port to run the demo server")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	s := New(Config{ShutdownTimeout: 2 * time.Second}, slog.New(slog.NewJSONHandler(os.Stderr, nil)))
	s.SetSuggester(demoSuggester)
	s.SetChecker(demoChecker)
	if err := s.Run(ctx, addr); err != nil {
		t.Fatal(err)
	}
}

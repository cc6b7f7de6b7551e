package server

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"testing"
	"time"

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
	if err := s.Run(ctx, addr); err != nil {
		t.Fatal(err)
	}
}

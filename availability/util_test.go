package availability

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// countingObserver counts what the Checker reports.
type countingObserver struct {
	mu                     sync.Mutex
	checks, cacheHits, wts int
	byStatus               map[Status]int
}

func (o *countingObserver) ObserveCheck(r Result, _ time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.checks++
	if o.byStatus == nil {
		o.byStatus = map[Status]int{}
	}
	o.byStatus[r.Status]++
}

func (o *countingObserver) ObserveCache(hit bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if hit {
		o.cacheHits++
	}
}

func (o *countingObserver) ObserveRateLimitWait(string, time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.wts++
}

func (o *countingObserver) hits() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.cacheHits
}

func (o *countingObserver) waits() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.wts
}

// startHTTP serves f's status and body for each path on loopback and
// returns the base URL (no trailing slash).
func startHTTP(t *testing.T, f func(path string) (int, []byte)) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		code, body := f(r.URL.Path)
		w.WriteHeader(code)
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func contextWithTimeout(d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), d)
}

type nopCloser struct{ io.Reader }

func (nopCloser) Close() error { return nil }

func readAll(r io.Reader) ([]byte, error) { return io.ReadAll(r) }

package server

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestBackendMetrics: what a remote generator reports reaches /metrics,
// per backend, with one breaker state set at a time.
func TestBackendMetrics(t *testing.T) {
	s, _ := newTestServer(t, Config{}, cleaningSuggester)
	o := s.BackendObserver()
	o.ObserveBreaker("127.0.0.1:8081", "closed")
	o.ObserveBackendRequest("127.0.0.1:8081", "ok", 40*time.Millisecond)
	o.ObserveBackendRequest("127.0.0.1:8081", "rate_limited", time.Millisecond)
	o.ObserveBackendRetry("127.0.0.1:8081")
	o.ObserveBreaker("127.0.0.1:8081", "open")
	o.ObserveBackendFallback("127.0.0.1:8081", "breaker_open")
	m := do(s, http.MethodGet, "/metrics", "", nil).Body.String()
	for _, line := range []string{
		`domaingen_backend_requests_total{backend="127.0.0.1:8081",outcome="ok"} 1`,
		`domaingen_backend_requests_total{backend="127.0.0.1:8081",outcome="rate_limited"} 1`,
		`domaingen_backend_request_duration_seconds_count{backend="127.0.0.1:8081"} 2`,
		`domaingen_backend_retries_total{backend="127.0.0.1:8081"} 1`,
		`domaingen_backend_breaker_state{backend="127.0.0.1:8081",state="open"} 1`,
		`domaingen_backend_breaker_state{backend="127.0.0.1:8081",state="closed"} 0`,
		`domaingen_backend_fallbacks_total{backend="127.0.0.1:8081",reason="breaker_open"} 1`,
	} {
		assert.Contains(t, m, line)
	}
}

package server

import (
	"math"
	"net/http"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// limiterIdle is how long a client's bucket is kept after its last request;
// past it the bucket is full again anyway (for any rate ≥ burst/limiterIdle).
const limiterIdle = 3 * time.Minute

// limiterSweepSize is the map size that triggers a sweep of idle buckets,
// bounding memory under many distinct client IPs.
const limiterSweepSize = 10_000

// clientLimiter is a token bucket per client IP.
type clientLimiter struct {
	limit rate.Limit
	burst int

	mu        sync.Mutex
	clients   map[string]*bucket
	lastSweep time.Time
}

// bucket is one client's token bucket and when it was last used.
type bucket struct {
	limiter *rate.Limiter
	seen    time.Time
}

// newClientLimiter returns a limiter allowing perSecond requests per second
// with the given burst to each client.
func newClientLimiter(perSecond float64, burst int) *clientLimiter {
	return &clientLimiter{
		limit:   rate.Limit(perSecond),
		burst:   burst,
		clients: make(map[string]*bucket),
	}
}

// allow takes a token from key's bucket. When none is left it returns false
// and how long until one is.
func (l *clientLimiter) allow(key string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)
	b, ok := l.clients[key]
	if !ok {
		b = &bucket{limiter: rate.NewLimiter(l.limit, l.burst)}
		l.clients[key] = b
	}
	b.seen = now
	r := b.limiter.ReserveN(now, 1)
	if delay := r.DelayFrom(now); delay > 0 {
		r.CancelAt(now)
		return false, delay
	}
	return true, 0
}

// sweep drops idle buckets once a minute, or at once when the map is large.
func (l *clientLimiter) sweep(now time.Time) {
	if now.Sub(l.lastSweep) < time.Minute && len(l.clients) < limiterSweepSize {
		return
	}
	l.lastSweep = now
	for key, b := range l.clients {
		if now.Sub(b.seen) > limiterIdle {
			delete(l.clients, key)
		}
	}
}

// rateLimited builds the 429 error for a client that must wait delay.
func rateLimited(delay time.Duration) *apiError {
	return &apiError{
		Status:     http.StatusTooManyRequests,
		Message:    "too many requests from this client; slow down",
		RetryAfter: max(1, int(math.Ceil(delay.Seconds()))),
	}
}

package availability

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// hostLimits spaces requests to each RDAP or WHOIS host with a token
// bucket per host, and holds a host back until the time its Retry-After
// named.
type hostLimits struct {
	mu    sync.Mutex
	rate  rate.Limit
	burst int
	obs   Observer
	hosts map[string]*hostLimit
}

type hostLimit struct {
	lim   *rate.Limiter
	until time.Time // no request before this (Retry-After); guarded by hostLimits.mu
}

func newHostLimits(perSecond float64, burst int, obs Observer) *hostLimits {
	return &hostLimits{rate: rate.Limit(perSecond), burst: burst, obs: obs, hosts: make(map[string]*hostLimit)}
}

func (h *hostLimits) get(host string) *hostLimit {
	h.mu.Lock()
	defer h.mu.Unlock()
	hl, ok := h.hosts[host]
	if !ok {
		hl = &hostLimit{lim: rate.NewLimiter(h.rate, h.burst)}
		h.hosts[host] = hl
	}
	return hl
}

// errRetryAfter is returned by wait when the host asked us to come back
// later than the caller's deadline.
type errRetryAfter struct {
	host  string
	until time.Time
}

func (e errRetryAfter) Error() string {
	return fmt.Sprintf("rate limited: %s asked to retry after %s", e.host, e.until.UTC().Format(time.RFC3339))
}

// wait blocks until a request to host may go, or fails at once when that
// would be after ctx's deadline (no point waiting to miss it).
func (h *hostLimits) wait(ctx context.Context, host string) error {
	hl := h.get(host)
	start := time.Now()
	h.mu.Lock()
	until := hl.until
	h.mu.Unlock()
	if d := time.Until(until); d > 0 {
		if dl, ok := ctx.Deadline(); ok && until.After(dl) {
			return errRetryAfter{host: host, until: until}
		}
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("wait for %s's Retry-After: %w", host, ctx.Err())
		}
	}
	if err := hl.lim.Wait(ctx); err != nil {
		return fmt.Errorf("rate limit for %s: %w", host, err)
	}
	if waited := time.Since(start); waited >= time.Millisecond && h.obs != nil {
		h.obs.ObserveRateLimitWait(host, waited)
	}
	return nil
}

// backoff holds host back until now+after (at least one second, at most
// an hour: a broken header must not silence a host for a day).
func (h *hostLimits) backoff(host string, after time.Duration) {
	after = min(max(after, time.Second), time.Hour)
	hl := h.get(host)
	h.mu.Lock()
	defer h.mu.Unlock()
	if u := time.Now().Add(after); u.After(hl.until) {
		hl.until = u
	}
}

// retryAfter reads a Retry-After header (seconds or an HTTP date); 0 when
// absent or unreadable.
func retryAfter(hdr http.Header, now time.Time) time.Duration {
	v := hdr.Get("Retry-After")
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return t.Sub(now)
	}
	return 0
}

// errBodyTooLarge is the read error of a body over the limit.
var errBodyTooLarge = fmt.Errorf("response body too large")

// limitBody wraps rt so that every response body fails with
// errBodyTooLarge past max bytes.
func limitBody(rt http.RoundTripper, max int64) http.RoundTripper {
	if rt == nil {
		rt = http.DefaultTransport
	}
	return roundTripFunc(func(req *http.Request) (*http.Response, error) {
		resp, err := rt.RoundTrip(req)
		if err != nil {
			return resp, err
		}
		resp.Body = &limitedBody{rc: resp.Body, left: max, max: max}
		return resp, nil
	})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// limitedBody reads at most left bytes, then fails.
type limitedBody struct {
	rc   io.ReadCloser
	left int64 // bytes still allowed
	max  int64 // the limit, for the error message
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		// One more byte tells a body of exactly the limit from a longer one.
		var one [1]byte
		if n, _ := b.rc.Read(one[:]); n > 0 {
			return 0, fmt.Errorf("%w (over %d bytes)", errBodyTooLarge, b.max)
		}
		return 0, io.EOF
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *limitedBody) Close() error { return b.rc.Close() }

package remote

import (
	"sync"
	"time"
)

// BreakerState is a circuit breaker's state.
type BreakerState string

// Breaker states: closed lets every call through; open sends calls to the
// fallback without trying the backend; half-open lets one probe through
// after the cool-down, whose outcome closes or reopens the breaker.
const (
	BreakerClosed   BreakerState = "closed"
	BreakerOpen     BreakerState = "open"
	BreakerHalfOpen BreakerState = "half_open"
)

// BreakerConfig configures the circuit breaker. Zero values mean defaults.
type BreakerConfig struct {
	// Failures in a row (after retries) that open the breaker (default 3;
	// negative: never open).
	Failures int
	// Cooldown an open breaker waits before letting a probe through
	// (default 10 s).
	Cooldown time.Duration
	// Now is the clock (default time.Now); tests step it.
	Now func() time.Time
}

func (c BreakerConfig) withDefaults() BreakerConfig {
	if c.Failures == 0 {
		c.Failures = 3
	}
	if c.Cooldown <= 0 {
		c.Cooldown = 10 * time.Second
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}

// breaker is a consecutive-failure circuit breaker, safe for concurrent use.
type breaker struct {
	cfg      BreakerConfig
	onChange func(BreakerState)

	mu       sync.Mutex
	state    BreakerState
	failures int
	openedAt time.Time
	probing  bool
}

func newBreaker(cfg BreakerConfig, onChange func(BreakerState)) *breaker {
	return &breaker{cfg: cfg, onChange: onChange, state: BreakerClosed}
}

// allow reports whether a call may go to the backend now. In half-open
// state only one call (the probe) is allowed until it reports.
func (b *breaker) allow() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch b.state {
	case BreakerClosed:
		return true
	case BreakerOpen:
		if b.cfg.Now().Sub(b.openedAt) < b.cfg.Cooldown {
			return false
		}
		b.set(BreakerHalfOpen)
		b.probing = true
		return true
	default: // half-open
		if b.probing {
			return false
		}
		b.probing = true
		return true
	}
}

// record reports the outcome of an allowed call.
func (b *breaker) record(ok bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.probing = false
	if ok {
		b.failures = 0
		if b.state != BreakerClosed {
			b.set(BreakerClosed)
		}
		return
	}
	b.failures++
	if b.state == BreakerHalfOpen || (b.cfg.Failures > 0 && b.failures >= b.cfg.Failures) {
		b.openedAt = b.cfg.Now()
		b.set(BreakerOpen)
	}
}

// release gives back an allowed call that ended without a verdict on the
// backend (the caller cancelled).
func (b *breaker) release() {
	b.mu.Lock()
	b.probing = false
	b.mu.Unlock()
}

// current returns the state.
func (b *breaker) current() BreakerState {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.state
}

// set changes the state (b.mu held) and tells onChange.
func (b *breaker) set(s BreakerState) {
	if b.state == s {
		return
	}
	b.state = s
	if b.onChange != nil {
		b.onChange(s)
	}
}

package server

import (
	"math"
	"time"

	"domaingen/suggest"
)

// Defaults applied by New to zero (or negative, where noted) Config fields.
const (
	// DefaultWorkers matches the default number of llama contexts: one
	// generation per context at a time.
	DefaultWorkers = 2
	// DefaultQueueDepth bounds how many requests wait for a worker. At about
	// one second per generation and two workers, 16 waiting requests is a
	// worst-case wait of ~8 s, inside DefaultRequestTimeout.
	DefaultQueueDepth = 16
	// DefaultRequestTimeout is the deadline of one suggest request, queueing
	// included.
	DefaultRequestTimeout = 10 * time.Second
	// DefaultShutdownTimeout is how long Run lets in-flight requests finish
	// after its context is cancelled: the request timeout plus a margin.
	DefaultShutdownTimeout = 15 * time.Second
	// DefaultMaxBodyBytes (16 KiB) holds a 2,000-character description even
	// when every character is a 4-byte UTF-8 sequence, with room to spare.
	DefaultMaxBodyBytes = 16 << 10
)

// Config holds the server's settings. The zero value is usable: every zero
// field means its default. Fields are read once, by New.
type Config struct {
	// Workers is how many generations run at once (the number of llama
	// contexts behind the Suggester). 0 or negative means DefaultWorkers.
	Workers int
	// QueueDepth is how many suggest requests may wait for a free worker;
	// one more is answered 429 with Retry-After. 0 means DefaultQueueDepth;
	// negative means no queue (requests beyond Workers are rejected).
	QueueDepth int
	// RequestTimeout is the deadline of one suggest request, waiting in the
	// queue included; past it the client gets 504. 0 means
	// DefaultRequestTimeout.
	RequestTimeout time.Duration
	// ShutdownTimeout is how long Run waits for in-flight requests to
	// finish once its context is cancelled. 0 means DefaultShutdownTimeout.
	ShutdownTimeout time.Duration
	// MaxBodyBytes limits the suggest request body; larger bodies get 413.
	// 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// RateLimit is the sustained number of suggest requests per second one
	// client IP may make (token bucket); over it the client gets 429 with
	// Retry-After. 0 (the default) turns rate limiting off.
	RateLimit float64
	// RateBurst is the token bucket's size. 0 means max(1, ceil(RateLimit)).
	RateBurst int
	// TrustProxy makes the client IP (for rate limiting) come from the
	// X-Forwarded-For header when the connection comes from a loopback,
	// link-local or private address (the reverse proxy). Leave it false
	// unless such a proxy sets that header.
	TrustProxy bool
	// LogDescriptions adds the business description to request logs. Off by
	// default: descriptions are user data.
	LogDescriptions bool
	// PolicyVersion, when set, is returned as "policy_version" in suggest
	// responses (the version of the safety policy that judged the request).
	PolicyVersion string
	// Availability bounds the search of only_available requests (rounds,
	// names checked, time); zero fields mean suggest's defaults. Checking
	// itself needs a checker: see Server.SetChecker.
	Availability suggest.AvailabilityLimits
}

// withDefaults returns c with every zero field replaced by its default.
func (c Config) withDefaults() Config {
	if c.Workers <= 0 {
		c.Workers = DefaultWorkers
	}
	switch {
	case c.QueueDepth == 0:
		c.QueueDepth = DefaultQueueDepth
	case c.QueueDepth < 0:
		c.QueueDepth = 0
	}
	if c.RequestTimeout <= 0 {
		c.RequestTimeout = DefaultRequestTimeout
	}
	if c.ShutdownTimeout <= 0 {
		c.ShutdownTimeout = DefaultShutdownTimeout
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if c.RateLimit < 0 || math.IsNaN(c.RateLimit) {
		c.RateLimit = 0
	}
	if c.RateBurst <= 0 {
		c.RateBurst = max(1, int(math.Ceil(min(c.RateLimit, 1e6))))
	}
	return c
}

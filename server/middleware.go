package server

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
)

// Keys of values handlers leave in the echo.Context for the access log.
const (
	ctxKeyError       = "domaingen.error"       // internal error text of a 5xx
	ctxKeyDescription = "domaingen.description" // set only with Config.LogDescriptions
)

// maxRequestIDLen bounds a client-supplied X-Request-ID.
const maxRequestIDLen = 128

// requestID echoes a well-formed X-Request-ID or makes a new one, and sets
// it on the response before anything else runs, so error responses carry it.
func requestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		id := c.Request().Header.Get(echo.HeaderXRequestID)
		if !validRequestID(id) {
			id = newRequestID()
		}
		c.Response().Header().Set(echo.HeaderXRequestID, id)
		return next(c)
	}
}

// validRequestID accepts 1–128 characters of letters, digits and ._:-
// so a client cannot inject anything odd into logs or headers.
func validRequestID(id string) bool {
	if id == "" || len(id) > maxRequestIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '-' || c == '_' || c == '.' || c == ':'
		if !ok {
			return false
		}
	}
	return true
}

// newRequestID returns 16 random bytes in hex.
func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go ≥ 1.24)
	return hex.EncodeToString(b[:])
}

// securityHeaders sets headers that keep the web page and the JSON from
// being framed, sniffed or allowed to load anything from elsewhere.
func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
		return next(c)
	}
}

// observe writes the access log line and the request metrics. It hands an
// error to the error handler itself, so the status it records is the one
// the client gets.
func (s *Server) observe(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		if err := next(c); err != nil {
			c.Error(err)
		}
		elapsed := time.Since(start)
		status := c.Response().Status
		route := s.routeLabel(c)
		s.metrics.requests.WithLabelValues(route, strconv.Itoa(status)).Inc()
		s.metrics.latency.WithLabelValues(route).Observe(elapsed.Seconds())
		s.logRequest(c, route, status, elapsed)
		return nil
	}
}

// routeLabel is the matched route pattern, or "unmatched": the raw path of
// a 404 would give the metrics unbounded cardinality.
func (s *Server) routeLabel(c echo.Context) string {
	if p := c.Path(); s.routes[p] {
		return p
	}
	return "unmatched"
}

// logRequest writes one structured line per request. The description is
// logged only when Config.LogDescriptions is set.
func (s *Server) logRequest(c echo.Context, route string, status int, elapsed time.Duration) {
	level := slog.LevelInfo
	if status >= http.StatusInternalServerError {
		level = slog.LevelError
	}
	attrs := []slog.Attr{
		slog.String("request_id", c.Response().Header().Get(echo.HeaderXRequestID)),
		slog.String("method", c.Request().Method),
		slog.String("route", route),
		slog.Int("status", status),
		slog.Float64("latency_ms", float64(elapsed.Microseconds())/1000),
		slog.Int64("bytes_out", c.Response().Size),
	}
	if msg, ok := c.Get(ctxKeyError).(string); ok {
		attrs = append(attrs, slog.String("error", msg))
	}
	if d, ok := c.Get(ctxKeyDescription).(string); ok {
		attrs = append(attrs, slog.String("description", d))
	}
	s.log.LogAttrs(c.Request().Context(), level, "request", attrs...)
}

// recoverPanics turns a panic in a handler into a 500 whose detail goes to
// the log only. http.ErrAbortHandler keeps its meaning and is re-panicked.
func recoverPanics(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			err = &panicError{value: v, stack: debug.Stack()}
		}()
		return next(c)
	}
}

// rateLimit applies the per-client token bucket (when Config.RateLimit > 0).
func (s *Server) rateLimit(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if s.limiter == nil {
			return next(c)
		}
		ok, delay := s.limiter.allow(c.RealIP(), time.Now())
		if !ok {
			s.metrics.rejected.WithLabelValues(reasonRateLimit).Inc()
			return rateLimited(delay)
		}
		return next(c)
	}
}

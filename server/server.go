package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"

	"domaingen/availability"
	"domaingen/suggest"
)

// Server is the HTTP API and web page. Create it with New, give it a
// Suggester with SetSuggester (it may serve before then: /readyz says 503
// and suggest requests get 503), and serve with Run or Handler.
type Server struct {
	cfg     Config
	log     *slog.Logger
	echo    *echo.Echo
	metrics *metrics
	pool    *pool
	limiter *clientLimiter // nil when rate limiting is off
	routes  map[string]bool

	suggester atomic.Pointer[suggesterBox]
	check     atomic.Pointer[checkerBox]
	draining  atomic.Bool
}

// suggesterBox lets an interface value live in an atomic.Pointer.
type suggesterBox struct{ s suggest.Suggester }

// checkerBox lets an interface value live in an atomic.Pointer.
type checkerBox struct{ c suggest.Checker }

// SetChecker turns availability checking on (check_availability and
// only_available requests) with c; nil turns it off (those requests get
// 501). Give c the server's AvailabilityObserver for metrics.
func (s *Server) SetChecker(c suggest.Checker) {
	if c == nil {
		s.check.Store(nil)
		return
	}
	s.check.Store(&checkerBox{c: c})
}

// checker returns the availability checker, or nil when off.
func (s *Server) checker() suggest.Checker {
	if b := s.check.Load(); b != nil {
		return b.c
	}
	return nil
}

// BackendObserver returns the metrics as a remote generator's observer
// (remote.Observer; its methods take only basic types, so the server does
// not import package remote): per-backend attempts, latency, retries,
// breaker state and fallbacks reach /metrics.
func (s *Server) BackendObserver() interface {
	ObserveBackendRequest(backend, outcome string, took time.Duration)
	ObserveBackendRetry(backend string)
	ObserveBreaker(backend, state string)
	ObserveBackendFallback(backend, reason string)
} {
	return s.metrics
}

// AvailabilityObserver returns the observer that exports an
// availability.Checker's counts and timings as this server's metrics
// (domaingen_availability_*).
func (s *Server) AvailabilityObserver() availability.Observer { return s.metrics }

// New builds a Server from cfg (zero fields take their defaults) that logs
// to logger (nil means slog.Default()). It does not listen yet.
func New(cfg Config, logger *slog.Logger) *Server {
	if logger == nil {
		logger = slog.Default()
	}
	cfg = cfg.withDefaults()
	m := newMetrics()
	s := &Server{
		cfg:     cfg,
		log:     logger,
		metrics: m,
		pool:    newPool(cfg.Workers, cfg.QueueDepth, m),
		routes:  make(map[string]bool),
	}
	if cfg.RateLimit > 0 {
		s.limiter = newClientLimiter(cfg.RateLimit, cfg.RateBurst)
	}
	s.echo = s.newEcho()
	for _, r := range s.echo.Routes() {
		s.routes[r.Path] = true
	}
	return s
}

// SetSuggester makes s the Suggester for all later requests and flips
// /readyz to 200. It is safe to call at any time, also while serving (to
// swap models); nil makes the server not ready again.
func (s *Server) SetSuggester(sg suggest.Suggester) {
	if sg == nil {
		s.suggester.Store(nil)
		return
	}
	s.suggester.Store(&suggesterBox{s: sg})
}

// current returns the Suggester, or nil before SetSuggester.
func (s *Server) current() suggest.Suggester {
	if b := s.suggester.Load(); b != nil {
		return b.s
	}
	return nil
}

// Handler returns the server's HTTP handler (router, middleware and error
// mapping), for tests and for embedding in another http.Server.
func (s *Server) Handler() http.Handler { return s.echo }

// Run listens on addr (host:port) and serves until ctx is cancelled, then
// stops accepting connections and lets in-flight requests finish for up to
// Config.ShutdownTimeout. It returns nil after a clean shutdown.
func (s *Server) Run(ctx context.Context, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	return s.Serve(ctx, ln)
}

// Serve is Run on a listener the caller opened (e.g. on port 0 in tests);
// it closes ln.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := s.httpServer()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	s.log.Info("listening", "addr", ln.Addr().String(), "workers", s.cfg.Workers, "queue_depth", s.cfg.QueueDepth)
	select {
	case err := <-errc:
		return fmt.Errorf("serve on %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	return s.shutdown(srv, errc)
}

// shutdown drains srv: /readyz turns 503 so load balancers stop sending,
// listeners close, and in-flight requests get Config.ShutdownTimeout.
func (s *Server) shutdown(srv *http.Server, errc <-chan error) error {
	s.draining.Store(true)
	s.log.Info("shutting down", "drain_timeout", s.cfg.ShutdownTimeout.String())
	ctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		_ = srv.Close()
		return fmt.Errorf("drain in-flight requests: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	s.log.Info("stopped")
	return nil
}

// httpServer sets the connection-level timeouts: slow or stalled clients
// must not hold connections (and goroutines) forever.
func (s *Server) httpServer() *http.Server {
	return &http.Server{
		Handler:           s.echo,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      s.cfg.RequestTimeout + 30*time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}

// newEcho builds the router: middleware, routes, error mapping.
func (s *Server) newEcho() *echo.Echo {
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = s.handleError
	if s.cfg.TrustProxy {
		e.IPExtractor = echo.ExtractIPFromXFFHeader()
	} else {
		e.IPExtractor = echo.ExtractIPDirect()
	}
	e.Use(requestID, securityHeaders, s.observe, recoverPanics)

	e.POST("/v1/suggest", s.handleSuggest, s.rateLimit)
	e.POST("/suggest", s.handleSuggest, s.rateLimit)
	e.GET("/healthz", s.handleHealth)
	e.GET("/readyz", s.handleReady)
	e.GET("/metrics", echo.WrapHandler(s.metricsHandler()))
	e.GET("/openapi.json", serveOpenAPI)
	registerWeb(e)
	return e
}

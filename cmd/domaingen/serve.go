package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"domaingen/engine"
	"domaingen/server"
	"domaingen/suggest"
)

func init() {
	commands["serve"] = command{summary: "serve the HTTP API and web page", run: runServe}
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		ecfg engine.Config
		scfg server.Config
		addr = fs.String("addr", envOr("DOMAINGEN_ADDR", ":8080"), "listen address host:port (default $DOMAINGEN_ADDR or :8080)")
		af   availabilityFlags
		bf   backendFlags
		chk  = fs.Bool("availability", true, "answer check_availability and only_available requests (false: 501)")
	)
	modelFlags(fs, &ecfg)
	af.register(fs)
	bf.register(fs)
	fs.IntVar(&ecfg.Contexts, "contexts", 0, "llama contexts, i.e. requests generated at once (default: one per 4 free cores, at least 1; with --backend: requests sent to the backend at once, default 8)")
	fs.IntVar(&scfg.QueueDepth, "queue", server.DefaultQueueDepth, "requests that may wait for a context before 429")
	fs.DurationVar(&scfg.RequestTimeout, "timeout", server.DefaultRequestTimeout, "deadline of one request, queueing included")
	fs.Float64Var(&scfg.RateLimit, "rate-limit", 0, "requests per second per client IP (0 = off)")
	fs.IntVar(&scfg.RateBurst, "rate-burst", 0, "rate-limit burst (default: ceil(rate-limit))")
	fs.BoolVar(&scfg.LogDescriptions, "log-descriptions", false, "include business descriptions in request logs")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: domaingen serve [flags]

Serves the suggestion API and the web page:
  GET  /                 web page
  POST /v1/suggest       {"business_description": "...", "count": 10, "tlds": ["com","io"],
                          "check_availability": true, "only_available": false}
  GET  /healthz /readyz /metrics /openapi.json

The port opens at once; /readyz answers 503 until the model is loaded. A
missing or corrupt model ends the process with an error. With --backend URL
(or $DOMAINGEN_BACKEND) generation goes to a remote llama-server or
OpenAI-compatible server; the replica keeps no state, so any number of them
can sit behind a load balancer (docs/backends.md). SIGTERM or Ctrl-C
drains in-flight requests, then exits. Logs are JSON on stderr.

Flags:
`)
		fs.PrintDefaults()
	}
	if err := parseInterspersed(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("unexpected arguments: %v", fs.Args())
	}
	logger := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	slog.SetDefault(logger)
	if _, remoteOn, err := bf.config(os.Getenv); err != nil {
		return usageError("%v", err)
	} else if remoteOn && ecfg.Contexts == 0 {
		// The backend batches: a replica's workers only wait on HTTP.
		scfg.Workers = defaultRemoteWorkers
	}
	ecfg = ecfg.FromEnv()
	if scfg.Workers == 0 {
		scfg.Workers = ecfg.Contexts
	}

	srv := server.New(scfg, logger)
	if *chk {
		c, err := af.checker(srv.AvailabilityObserver())
		if err != nil {
			return err
		}
		srv.SetChecker(c)
		b := c.Bootstrap()
		logger.Info("availability checking on", "resolver", af.resolverForLog(), "rdap_bootstrap", b.Source)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		gen     generator
		loadErr error
	)
	loaded := make(chan struct{})
	go func() {
		defer close(loaded)
		start := time.Now()
		g, err := openGenerator(ecfg, &bf, loggingObserver{next: srv.BackendObserver(), log: logger}, logger)
		if err != nil {
			loadErr = err
			cancel() // a server without its model must not linger
			return
		}
		gen = g
		svc := suggest.New(g.gen, g.config)
		// One warm-up request puts the system prompt and few-shot turns in
		// every context's KV cache before the first user arrives.
		if _, err := svc.Suggest(ctx, suggest.Request{Description: "warm-up: neighbourhood bakery"}); err != nil && ctx.Err() == nil {
			logger.Warn("warm-up request failed", "err", err)
		}
		srv.SetSuggester(svc)
		logger.Info("model loaded", "model", g.config.ModelName, "workers", scfg.Workers, "ms", time.Since(start).Milliseconds())
	}()
	logger.Info("listening", "addr", *addr, "url", "http://"+displayAddr(*addr)+"/")
	err := srv.Run(ctx, *addr)
	<-loaded
	if gen.close != nil {
		gen.close()
	}
	if loadErr != nil {
		return loadErr
	}
	return err // nil after a graceful shutdown on SIGTERM or Ctrl-C
}

// defaultRemoteWorkers is how many requests a replica sends to a remote
// backend at once when --contexts is not set.
const defaultRemoteWorkers = 8

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// displayAddr turns ":8080" into "localhost:8080" for the log line.
func displayAddr(addr string) string {
	if len(addr) > 0 && addr[0] == ':' {
		return "localhost" + addr
	}
	return addr
}

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
		chk  = fs.Bool("availability", true, "answer check_availability and only_available requests (false: 501)")
	)
	modelFlags(fs, &ecfg)
	af.register(fs)
	fs.IntVar(&ecfg.Contexts, "contexts", 0, "llama contexts, i.e. requests generated at once (default: one per 4 free cores, at least 1)")
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
missing or corrupt model ends the process with an error. SIGTERM or Ctrl-C
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
	ecfg = ecfg.FromEnv()
	scfg.Workers = ecfg.Contexts

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
		eng     *engine.Engine
		loadErr error
	)
	loaded := make(chan struct{})
	go func() {
		defer close(loaded)
		start := time.Now()
		e, err := engine.Open(ecfg)
		if err != nil {
			loadErr = err
			cancel() // a server without its model must not linger
			return
		}
		eng = e
		svc := suggest.New(e, suggest.Config{ModelName: e.Name(), Prompt: e.PromptStyle()})
		// One warm-up request puts the system prompt and few-shot turns in
		// every context's KV cache before the first user arrives.
		if _, err := svc.Suggest(ctx, suggest.Request{Description: "warm-up: neighbourhood bakery"}); err != nil && ctx.Err() == nil {
			logger.Warn("warm-up request failed", "err", err)
		}
		srv.SetSuggester(svc)
		logger.Info("model loaded", "model", e.Name(), "contexts", ecfg.Contexts, "ms", time.Since(start).Milliseconds())
	}()
	logger.Info("listening", "addr", *addr, "url", "http://"+displayAddr(*addr)+"/")
	err := srv.Run(ctx, *addr)
	<-loaded
	if eng != nil {
		eng.Close()
	}
	if loadErr != nil {
		return loadErr
	}
	return err // nil after a graceful shutdown on SIGTERM or Ctrl-C
}

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

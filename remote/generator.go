package remote

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"time"

	"domaingen/suggest"
)

// ErrBreakerOpen is returned (wrapped) when the breaker is open and there
// is no fallback generator.
var ErrBreakerOpen = errors.New("backend circuit breaker open")

// errMalformed marks an answer that is not the JSON the protocol defines
// (truncated, wrong shape).
var errMalformed = errors.New("malformed response")

// Observer receives what happens to a backend; the server exports it as
// Prometheus metrics. Calls come from many goroutines; ObserveBreaker is
// called while the breaker's lock is held and must not call back.
type Observer interface {
	// ObserveBackendRequest: one HTTP attempt, its Outcome and duration.
	ObserveBackendRequest(backend string, outcome string, took time.Duration)
	// ObserveBackendRetry: a failed attempt will be retried.
	ObserveBackendRetry(backend string)
	// ObserveBreaker: the breaker changed state (closed, open, half_open).
	ObserveBreaker(backend string, state string)
	// ObserveBackendFallback: a job went to the fallback (reason:
	// breaker_open or error).
	ObserveBackendFallback(backend string, reason string)
}

// Outcomes of one attempt, as ObserveBackendRequest labels them.
const (
	OutcomeOK          = "ok"
	OutcomeRateLimited = "rate_limited" // 429
	OutcomeUnavailable = "unavailable"  // 502, 503, 504
	OutcomeServerError = "server_error" // other 5xx
	OutcomeClientError = "client_error" // 4xx but 429: our request or configuration
	OutcomeTimeout     = "timeout"      // the attempt's own timeout
	OutcomeTransport   = "transport"    // connection refused, reset, DNS
	OutcomeMalformed   = "malformed"    // truncated or wrong-shaped JSON
	OutcomeCancelled   = "cancelled"    // the caller's context ended
)

// Generator implements suggest.Generator over a remote inference server.
// It is safe for concurrent use and holds no per-request state: any number
// of API replicas can share one server.
type Generator struct {
	cfg      Config
	fallback suggest.Generator
	obs      Observer
	breaker  *breaker

	mu       sync.Mutex
	protocol Protocol // ProtocolAuto until detected

	// sleep waits d or until ctx ends (tests replace it to record waits).
	sleep func(ctx context.Context, d time.Duration) error
}

// New returns a Generator for cfg. fallback, if not nil, generates when
// the breaker is open or the backend failed (the in-process engine); nil
// makes such jobs fail, so that the pipeline's fallback composer fills the
// list. obs may be nil.
func New(cfg Config, fallback suggest.Generator, obs Observer) (*Generator, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, fmt.Errorf("remote generator: %w", err)
	}
	g := &Generator{cfg: cfg, fallback: fallback, obs: obs, protocol: cfg.Protocol, sleep: sleepCtx}
	g.breaker = newBreaker(cfg.Breaker, func(s BreakerState) {
		if obs != nil {
			obs.ObserveBreaker(cfg.Name, string(s))
		}
	})
	if obs != nil {
		obs.ObserveBreaker(cfg.Name, string(BreakerClosed))
	}
	return g, nil
}

// Name is the backend's label in metrics and logs.
func (g *Generator) Name() string { return g.cfg.Name }

// BreakerState returns the breaker's current state.
func (g *Generator) BreakerState() BreakerState { return g.breaker.current() }

// Protocol returns the protocol in use (ProtocolAuto until detected).
func (g *Generator) Protocol() Protocol {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.protocol
}

// Generate implements suggest.Generator: the job goes to the backend, or
// to the fallback when the breaker is open or the backend failed.
func (g *Generator) Generate(ctx context.Context, job suggest.Job) (suggest.Generation, error) {
	// A bad job or an unrenderable chat is our failure, not the backend's:
	// it fails before the breaker sees it.
	if job.Sequences <= 0 {
		return suggest.Generation{}, fmt.Errorf("generate on %s: job has no sequences", g.cfg.Name)
	}
	text, err := g.cfg.Render(job.Messages)
	if err != nil {
		return suggest.Generation{}, fmt.Errorf("generate on %s: render prompt: %w", g.cfg.Name, err)
	}
	if !g.breaker.allow() {
		return g.fallBack(ctx, job, "breaker_open", fmt.Errorf("generate on %s: %w", g.cfg.Name, ErrBreakerOpen))
	}
	gen, err := g.generate(ctx, job, text)
	switch {
	case err == nil:
		g.breaker.record(true)
		return gen, nil
	case ctx.Err() != nil:
		g.breaker.release() // the caller gave up: no verdict on the backend
		return suggest.Generation{}, fmt.Errorf("generate on %s: %w", g.cfg.Name, err)
	default:
		g.breaker.record(false)
		return g.fallBack(ctx, job, "error", fmt.Errorf("generate on %s: %w", g.cfg.Name, err))
	}
}

// fallBack runs the fallback generator, or returns err without one.
func (g *Generator) fallBack(ctx context.Context, job suggest.Job, reason string, err error) (suggest.Generation, error) {
	if g.obs != nil {
		g.obs.ObserveBackendFallback(g.cfg.Name, reason)
	}
	if g.fallback == nil {
		return suggest.Generation{}, err
	}
	gen, ferr := g.fallback.Generate(ctx, job)
	if ferr != nil {
		return suggest.Generation{}, fmt.Errorf("%w; fallback: %w", err, ferr)
	}
	return gen, nil
}

// generate runs the job on the backend, retries included; text is the
// rendered chat (unused in chat mode on an OpenAI-compatible server).
func (g *Generator) generate(ctx context.Context, job suggest.Job, text string) (suggest.Generation, error) {
	proto, err := g.detect(ctx)
	if err != nil {
		return suggest.Generation{}, err
	}
	var comps []suggest.Completion
	var model string
	if proto == ProtocolLlama {
		comps, model, err = g.llamaCompletions(ctx, job, text)
	} else {
		path := "/v1/completions"
		if g.cfg.Chat {
			path = "/v1/chat/completions"
		}
		err = g.post(ctx, path, g.openAIBody(job, text), func(body []byte) (err error) {
			comps, model, err = parseOpenAI(body)
			return err
		})
	}
	if err != nil {
		return suggest.Generation{}, err
	}
	if model == "" {
		model = g.cfg.Model
	}
	name := string(proto) + "@" + g.cfg.Name
	if model != "" {
		name = model + " (" + name + ")"
	}
	return suggest.Generation{Completions: comps, Model: name}, nil
}

// llamaCompletions asks llama-server for job.Sequences completions with
// n_cmpl. A server that ignores n_cmpl answers one: the missing sequences
// are then asked for one by one, in parallel, with seeds Seed+s as in
// process (llama-server batches concurrent requests across its slots).
// Config.PerSequence asks that way from the start.
func (g *Generator) llamaCompletions(ctx context.Context, job suggest.Job, text string) ([]suggest.Completion, string, error) {
	var comps []suggest.Completion
	var model string
	if !g.cfg.PerSequence {
		err := g.post(ctx, "/completion", g.llamaBody(job, text, job.Sequences, job.Seed), func(body []byte) (err error) {
			comps, model, err = parseLlama(body)
			return err
		})
		if err != nil || len(comps) >= job.Sequences {
			return comps, model, err
		}
	}
	rest := make([][]suggest.Completion, job.Sequences)
	models := make([]string, job.Sequences)
	errs := make([]error, job.Sequences)
	var wg sync.WaitGroup
	for s := len(comps); s < job.Sequences; s++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[s] = g.post(ctx, "/completion", g.llamaBody(job, text, 1, job.Seed+uint32(s)), func(body []byte) (err error) {
				rest[s], models[s], err = parseLlama(body)
				return err
			})
		}()
	}
	wg.Wait()
	for s := len(comps); s < job.Sequences; s++ {
		if errs[s] != nil {
			return nil, "", fmt.Errorf("sequence %d: %w", s, errs[s])
		}
		comps = append(comps, rest[s]...)
		if model == "" {
			model = models[s]
		}
	}
	return comps, model, nil
}

// httpError is a non-2xx answer.
type httpError struct {
	status     int
	body       string
	retryAfter time.Duration // from the Retry-After header, 0 if none
}

func (e *httpError) Error() string {
	return fmt.Sprintf("HTTP %d: %s", e.status, e.body)
}

// retryable reports whether an attempt's error may go away on retry.
func retryable(err error) bool {
	var he *httpError
	if errors.As(err, &he) {
		switch he.status {
		case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			return true
		}
		return false
	}
	return !errors.Is(err, errMalformed) // transport errors and attempt timeouts
}

// post sends body as JSON to path and hands the 2xx answer's body to
// parse, retrying as Config says.
func (g *Generator) post(ctx context.Context, path string, body any, parse func([]byte) error) error {
	data, err := json.Marshal(body)
	if err != nil {
		return fmt.Errorf("encode request: %w", err)
	}
	backoff := g.cfg.Backoff
	for attempt := 0; ; attempt++ {
		err := g.attempt(ctx, path, data, parse)
		if err == nil {
			return nil
		}
		if attempt >= g.cfg.Retries || !retryable(err) || ctx.Err() != nil {
			return err
		}
		wait := jitter(backoff)
		var he *httpError
		if errors.As(err, &he) && he.retryAfter > 0 {
			wait = min(he.retryAfter, g.cfg.MaxRetryAfter)
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			return fmt.Errorf("%w (retry in %v would pass the deadline)", err, wait)
		}
		if g.obs != nil {
			g.obs.ObserveBackendRetry(g.cfg.Name)
		}
		if serr := g.sleep(ctx, wait); serr != nil {
			return fmt.Errorf("%w (waiting to retry: %w)", err, serr)
		}
		backoff = min(2*backoff, g.cfg.MaxBackoff)
	}
}

// attempt is one HTTP request with the per-attempt timeout, its answer
// parsed.
func (g *Generator) attempt(ctx context.Context, path string, data []byte, parse func([]byte) error) error {
	actx, cancel := context.WithTimeout(ctx, g.cfg.Timeout)
	defer cancel()
	start := time.Now()
	out, err := g.do(actx, http.MethodPost, path, data)
	if err == nil {
		if err = parse(out); err != nil {
			err = fmt.Errorf("POST %s: %w", path, err)
		}
	}
	outcome := OutcomeOK
	if err != nil {
		outcome = classify(ctx, actx, err)
		if outcome == OutcomeTimeout {
			err = fmt.Errorf("no answer within %v: %w", g.cfg.Timeout, err)
		}
	}
	if g.obs != nil {
		g.obs.ObserveBackendRequest(g.cfg.Name, outcome, time.Since(start))
	}
	return err
}

// classify names an attempt's failure.
func classify(ctx, actx context.Context, err error) string {
	var he *httpError
	switch {
	case ctx.Err() != nil:
		return OutcomeCancelled
	case errors.As(err, &he):
		switch {
		case he.status == http.StatusTooManyRequests:
			return OutcomeRateLimited
		case he.status == http.StatusBadGateway, he.status == http.StatusServiceUnavailable, he.status == http.StatusGatewayTimeout:
			return OutcomeUnavailable
		case he.status >= 500:
			return OutcomeServerError
		default:
			return OutcomeClientError
		}
	case errors.Is(err, errMalformed):
		return OutcomeMalformed
	case actx.Err() != nil:
		return OutcomeTimeout
	default:
		return OutcomeTransport
	}
}

// do sends one request (data nil: no body) and returns the body of a 2xx
// answer, or an *httpError.
func (g *Generator) do(ctx context.Context, method, path string, data []byte) ([]byte, error) {
	var rd io.Reader
	if data != nil {
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, g.cfg.URL+path, rd)
	if err != nil {
		return nil, fmt.Errorf("build request: %w", err)
	}
	if data != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	if g.cfg.APIKey != "" {
		req.Header.Set("Authorization", "Bearer "+g.cfg.APIKey)
	}
	resp, err := g.cfg.Client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, g.cfg.MaxResponseBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s %s: read answer: %w", method, path, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, &httpError{status: resp.StatusCode, body: snippet(body), retryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())}
	}
	if int64(len(body)) > g.cfg.MaxResponseBytes {
		return nil, fmt.Errorf("%s %s: %w: answer over %d bytes", method, path, errMalformed, g.cfg.MaxResponseBytes)
	}
	return body, nil
}

// snippet keeps the start of an error body for messages.
func snippet(b []byte) string {
	const n = 200
	s := string(bytes.TrimSpace(b))
	if len(s) > n {
		s = s[:n] + "…"
	}
	return s
}

// parseRetryAfter reads a Retry-After header: delay-seconds or an
// HTTP-date. 0 when absent or unparsable.
func parseRetryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(v); err == nil {
		if secs < 0 {
			return 0
		}
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

// jitter spreads d by ±20% so that replicas do not retry in step.
func jitter(d time.Duration) time.Duration {
	return time.Duration(float64(d) * (0.8 + 0.4*rand.Float64()))
}

// sleepCtx waits d or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// detect returns the protocol, asking the server once when it is
// ProtocolAuto: llama-server answers GET /props with its generation
// settings; an OpenAI-compatible server answers GET /v1/models.
func (g *Generator) detect(ctx context.Context) (Protocol, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.protocol != ProtocolAuto {
		return g.protocol, nil
	}
	p, err := Detect(ctx, g.cfg.Client, g.cfg.URL, g.cfg.APIKey, g.cfg.Timeout)
	if err != nil {
		return "", err
	}
	g.protocol = p
	return p, nil
}

// Detect asks the server at baseURL which protocol it speaks.
func Detect(ctx context.Context, client *http.Client, baseURL, apiKey string, timeout time.Duration) (Protocol, error) {
	g := &Generator{cfg: Config{URL: baseURL, APIKey: apiKey, Client: client, MaxResponseBytes: 1 << 20}}
	if g.cfg.Client == nil {
		g.cfg.Client = http.DefaultClient
	}
	if timeout <= 0 {
		timeout = 5 * time.Second
	}
	get := func(path string) ([]byte, error) {
		c, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		return g.do(c, http.MethodGet, path, nil)
	}
	body, perr := get("/props")
	if perr == nil {
		var props struct {
			Settings json.RawMessage `json:"default_generation_settings"`
		}
		if json.Unmarshal(body, &props) == nil && len(props.Settings) > 0 {
			return ProtocolLlama, nil
		}
	}
	body, merr := get("/v1/models")
	if merr == nil {
		var models struct {
			Data []json.RawMessage `json:"data"`
		}
		if json.Unmarshal(body, &models) == nil && models.Data != nil {
			return ProtocolOpenAI, nil
		}
		merr = fmt.Errorf("%w: /v1/models has no data list", errMalformed)
	}
	return "", fmt.Errorf("detect backend protocol at %s (set it explicitly): /props: %v; /v1/models: %w", baseURL, perr, merr)
}

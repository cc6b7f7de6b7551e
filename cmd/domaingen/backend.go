package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"domaingen/engine"
	"domaingen/prompt"
	"domaingen/remote"
	"domaingen/suggest"
)

// Environment variables of the remote backend (read here only).
const (
	envBackend         = "DOMAINGEN_BACKEND"
	envBackendProtocol = "DOMAINGEN_BACKEND_PROTOCOL"
	envBackendModel    = "DOMAINGEN_BACKEND_MODEL"
	envBackendAPIKey   = "DOMAINGEN_BACKEND_API_KEY"
)

// Values of --backend-fallback.
const (
	fallbackAuto     = "auto"     // local if the model file exists, else composer
	fallbackLocal    = "local"    // the in-process model
	fallbackComposer = "composer" // the pipeline's fallback composer only
)

// backendFlags are the flags of the commands that can generate on a
// remote inference server (serve, suggest, eval).
type backendFlags struct {
	url, protocol, model, lora, grammar, fallback string
	chat, strict, perSeq                          bool
	timeout, cooldown                             time.Duration
	retries, failures                             int
}

// register adds the flags to fs.
func (b *backendFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&b.url, "backend", "", "generate on a remote inference server at this base `URL` (llama-server or OpenAI-compatible, e.g. http://127.0.0.1:8081); default $"+envBackend+", else in process")
	fs.StringVar(&b.protocol, "backend-protocol", "", "remote protocol: llama (llama-server /completion), openai (/v1/completions) or auto (ask the server; default $"+envBackendProtocol+", else auto)")
	fs.StringVar(&b.model, "backend-model", "", "OpenAI \"model\" field: the served model or the vLLM --lora-modules adapter `name` (default $"+envBackendModel+")")
	fs.StringVar(&b.lora, "backend-lora", "", "llama-server adapters to apply per request, `id:scale,...` (default: the server's own setting)")
	fs.BoolVar(&b.perSeq, "backend-per-sequence", false, "llama: one request per sequence (seeds seed+s) instead of one with n_cmpl")
	fs.BoolVar(&b.chat, "backend-chat", false, "openai: use /v1/chat/completions (the server renders the chat) instead of /v1/completions")
	fs.StringVar(&b.grammar, "backend-grammar", "structured_outputs", "openai: how the GBNF grammar is sent: structured_outputs (vLLM), guided_grammar (older vLLM) or none")
	fs.BoolVar(&b.strict, "backend-strict", false, "openai: send only OpenAI's own fields (hosted endpoints); no grammar, names are still validated")
	fs.DurationVar(&b.timeout, "backend-timeout", 10*time.Second, "timeout of one request to the backend")
	fs.IntVar(&b.retries, "backend-retries", 2, "retries on 429/502/503/504 and connection errors (Retry-After honoured); 0 for none")
	fs.IntVar(&b.failures, "backend-breaker-failures", 3, "failed calls in a row that open the circuit breaker")
	fs.DurationVar(&b.cooldown, "backend-breaker-cooldown", 10*time.Second, "how long an open breaker sends jobs to the fallback before probing the backend")
	fs.StringVar(&b.fallback, "backend-fallback", fallbackAuto, "while the backend is down: local (the in-process model), composer (the lexical fallback only) or auto (local if the model file exists)")
}

// config resolves the flags and the environment into a remote.Config;
// enabled is false when no backend is set. A malformed environment value
// is an error naming the variable.
func (b *backendFlags) config(getenv func(string) string) (cfg remote.Config, enabled bool, err error) {
	rawURL, from := b.url, "--backend"
	if rawURL == "" {
		rawURL, from = getenv(envBackend), envBackend
	}
	if rawURL == "" {
		return remote.Config{}, false, nil
	}
	if _, err := remote.ParseURL(rawURL); err != nil {
		return cfg, false, fmt.Errorf("%s: %w", from, err)
	}
	protoStr, from := b.protocol, "--backend-protocol"
	if protoStr == "" {
		protoStr, from = getenv(envBackendProtocol), envBackendProtocol
	}
	proto, err := remote.ParseProtocol(protoStr)
	if err != nil {
		return cfg, false, fmt.Errorf("%s: %w", from, err)
	}
	lora, err := remote.ParseLoRA(b.lora)
	if err != nil {
		return cfg, false, fmt.Errorf("--backend-lora: %w", err)
	}
	grammar := remote.GrammarField(b.grammar)
	switch grammar {
	case remote.GrammarStructuredOutputs, remote.GrammarGuided, remote.GrammarNone:
	default:
		return cfg, false, fmt.Errorf("--backend-grammar: want structured_outputs, guided_grammar or none, got %q", b.grammar)
	}
	switch b.fallback {
	case fallbackAuto, fallbackLocal, fallbackComposer:
	default:
		return cfg, false, fmt.Errorf("--backend-fallback: want auto, local or composer, got %q", b.fallback)
	}
	model := b.model
	if model == "" {
		model = getenv(envBackendModel)
	}
	retries := b.retries
	if retries == 0 {
		retries = -1 // remote.Config: 0 means the default
	}
	failures := b.failures
	if failures <= 0 {
		failures = -1
	}
	return remote.Config{
		URL: rawURL, Protocol: proto, Model: model, LoRA: lora, Chat: b.chat, PerSequence: b.perSeq, Grammar: grammar, Strict: b.strict,
		APIKey: getenv(envBackendAPIKey), Timeout: b.timeout, Retries: retries,
		Breaker: remote.BreakerConfig{Failures: failures, Cooldown: b.cooldown},
	}, true, nil
}

// generator is what a command generates with, and what it must close.
type generator struct {
	gen    suggest.Generator // nil: the fallback composer alone
	config suggest.Config    // ModelName and Prompt for suggest.New
	remote *remote.Generator // nil in process
	close  func()
}

// openGenerator opens the in-process engine, or with a backend the remote
// generator, whose breaker falls back to the in-process engine (loaded
// only for that) or to the composer. obs may be nil; log says which
// backend is used.
func openGenerator(ecfg engine.Config, b *backendFlags, obs remote.Observer, log *slog.Logger) (generator, error) {
	rcfg, enabled, err := b.config(os.Getenv)
	if err != nil {
		return generator{}, usageError("%v", err)
	}
	ecfg = ecfg.FromEnv()
	if !enabled {
		eng, err := engine.Open(ecfg)
		if err != nil {
			return generator{}, err
		}
		cfg := suggest.Config{ModelName: eng.Name(), Prompt: eng.PromptStyle(), Calibration: engineCalibration(eng, log)}
		return generator{gen: eng, config: cfg, close: func() { eng.Close() }}, nil
	}
	var (
		local *engine.Engine
		fb    suggest.Generator
		done  = func() {}
	)
	mode := b.fallback
	if mode == fallbackAuto {
		mode = fallbackComposer
		if _, err := os.Stat(ecfg.Model); err == nil {
			mode = fallbackLocal
		}
	}
	if mode == fallbackLocal {
		local, err = engine.Open(ecfg)
		if err != nil {
			return generator{}, fmt.Errorf("open the in-process fallback model (--backend-fallback composer runs without it): %w", err)
		}
		fb, done = local, func() { local.Close() }
	}
	style, err := remotePrompt(ecfg.Prompt, local)
	if err != nil {
		done()
		return generator{}, usageError("--prompt: %v", err)
	}
	rg, err := remote.New(rcfg, fb, obs)
	if err != nil {
		done()
		return generator{}, usageError("%v", err)
	}
	// The remote server's model and adapter cannot be checked against a
	// map: its confidences are served raw (confidence_calibrated false).
	log.Info("generating on a remote backend", "backend", rg.Name(), "protocol", protocolName(rcfg.Protocol), "fallback", mode)
	return generator{gen: rg, remote: rg, config: suggest.Config{ModelName: "remote@" + rg.Name(), Prompt: style}, close: done}, nil
}

// engineCalibration is eng's confidence map, or nil (raw confidences,
// confidence_calibrated false) with the reason logged.
func engineCalibration(eng *engine.Engine, log *slog.Logger) *suggest.Calibration {
	cal, err := eng.Calibration()
	if err != nil {
		log.Warn("serving raw confidences (confidence_calibrated: false)", "reason", err.Error())
		return nil
	}
	log.Info("confidence calibrated", "model", cal.Model, "adapter_sha256", cal.AdapterSHA256)
	return cal
}

// remotePrompt is the chat layout sent to a backend: --prompt /
// $DOMAINGEN_PROMPT if set, else the local fallback model's, else compact
// (the layout the shipped adapter is trained on; the backend is expected
// to serve the model with that adapter).
func remotePrompt(setting string, local *engine.Engine) (prompt.Style, error) {
	if setting != "" && setting != "auto" {
		return prompt.ParseStyle(setting)
	}
	if local != nil {
		return local.PromptStyle(), nil
	}
	return prompt.Compact, nil
}

func protocolName(p remote.Protocol) string {
	if p == remote.ProtocolAuto {
		return "auto"
	}
	return string(p)
}

// loggingObserver logs circuit-breaker changes (an operator wants to see
// a backend go down and come back in the logs, not only in /metrics) and
// passes every observation on to next, which must not be nil.
type loggingObserver struct {
	next remote.Observer
	log  *slog.Logger
}

// ObserveBackendRequest implements remote.Observer.
func (o loggingObserver) ObserveBackendRequest(backend, outcome string, took time.Duration) {
	o.next.ObserveBackendRequest(backend, outcome, took)
}

// ObserveBackendRetry implements remote.Observer.
func (o loggingObserver) ObserveBackendRetry(backend string) { o.next.ObserveBackendRetry(backend) }

// ObserveBreaker implements remote.Observer.
func (o loggingObserver) ObserveBreaker(backend, state string) {
	level := slog.LevelInfo
	if state != string(remote.BreakerClosed) {
		level = slog.LevelWarn
	}
	o.log.Log(context.Background(), level, "backend circuit breaker", "backend", backend, "state", state)
	o.next.ObserveBreaker(backend, state)
}

// ObserveBackendFallback implements remote.Observer.
func (o loggingObserver) ObserveBackendFallback(backend, reason string) {
	o.next.ObserveBackendFallback(backend, reason)
}

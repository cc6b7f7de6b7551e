package remote

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"domaingen/prompt"
)

// Protocol is the API a backend speaks.
type Protocol string

// Protocols. ProtocolAuto asks the server (GET /props answers on
// llama-server only, GET /v1/models on OpenAI-compatible servers).
const (
	ProtocolAuto   Protocol = ""
	ProtocolLlama  Protocol = "llama"
	ProtocolOpenAI Protocol = "openai"
)

// ParseProtocol parses "llama", "openai", or "" / "auto".
func ParseProtocol(s string) (Protocol, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return ProtocolAuto, nil
	case "llama", "llama-server", "llamacpp", "llama.cpp":
		return ProtocolLlama, nil
	case "openai", "vllm":
		return ProtocolOpenAI, nil
	}
	return "", fmt.Errorf("unknown backend protocol %q (want llama, openai or auto)", s)
}

// GrammarField says how a grammar is sent to an OpenAI-compatible server.
type GrammarField string

// Grammar fields. Servers that reject unknown fields (hosted OpenAI) need
// GrammarNone; names are validated by the pipeline whatever the server.
const (
	// GrammarStructuredOutputs sends "structured_outputs": {"grammar": …}
	// (vLLM 0.10.2 and later).
	GrammarStructuredOutputs GrammarField = "structured_outputs"
	// GrammarGuided sends "guided_grammar" (older vLLM).
	GrammarGuided GrammarField = "guided_grammar"
	// GrammarNone sends no grammar.
	GrammarNone GrammarField = "none"
)

// LoRA selects one of llama-server's adapters (started with --lora, listed
// by GET /lora-adapters) for a request.
type LoRA struct {
	ID    int     `json:"id"`    // index in the server's --lora list
	Scale float32 `json:"scale"` // 0 disables it for this request
}

// Sampling mirrors the in-process sampler (llama.DefaultSampling); zero
// fields mean those defaults.
type Sampling struct {
	Temperature   float32 // softmax temperature
	TopK          int     // keep the K most likely tokens
	TopP          float32 // nucleus sampling threshold
	MinP          float32 // drop tokens below MinP × p(best)
	RepeatPenalty float32 // penalty on tokens of the last RepeatLastN
	RepeatLastN   int     // window of RepeatPenalty
}

// DefaultSampling is llama.DefaultSampling without its seed: temperature
// 0.8, top-k 40, top-p 0.95, min-p 0.05, repeat penalty 1.1 over 64 tokens.
func DefaultSampling() Sampling {
	return Sampling{Temperature: 0.8, TopK: 40, TopP: 0.95, MinP: 0.05, RepeatPenalty: 1.1, RepeatLastN: 64}
}

// Config configures a Generator. Zero values mean defaults.
type Config struct {
	// URL is the server's base URL, e.g. http://127.0.0.1:8081 (a
	// trailing /v1 is accepted for OpenAI-compatible servers).
	URL string
	// Protocol, or ProtocolAuto to detect it on the first call.
	Protocol Protocol
	// Name labels this backend in metrics and logs (default: URL's host).
	Name string
	// Model is the OpenAI "model" field: the served model, or the LoRA
	// adapter's name given to vLLM's --lora-modules. llama-server ignores it.
	Model string
	// LoRA adapters llama-server applies to each request (empty: the
	// server's own setting).
	LoRA []LoRA
	// PerSequence makes llama-server requests one per sequence (seeds
	// Seed+s, sent in parallel; the server batches them across slots)
	// instead of one request with n_cmpl: for servers without n_cmpl, or
	// whose n_cmpl completions share one seed and come back identical.
	PerSequence bool
	// Chat makes an OpenAI-compatible backend use /v1/chat/completions
	// (the server renders the chat with its template) instead of
	// /v1/completions with Render's text.
	Chat bool
	// Grammar says how an OpenAI-compatible backend gets the grammar
	// (default GrammarStructuredOutputs).
	Grammar GrammarField
	// Strict sends an OpenAI-compatible backend only fields of the OpenAI
	// API (no top_k, min_p, repetition_penalty; implies no grammar): for
	// hosted endpoints that reject unknown fields.
	Strict bool
	// APIKey, if set, is sent as "Authorization: Bearer <key>".
	APIKey string
	// Render turns the chat into the prompt text (default ChatML).
	Render func([]prompt.Message) (string, error)
	// Sampling (default DefaultSampling).
	Sampling Sampling
	// Timeout of one HTTP attempt (default 10 s); the caller's context
	// bounds the whole call, retries included.
	Timeout time.Duration
	// Retries after a failed attempt that may succeed later: 429, 502,
	// 503, 504, connection errors (default 2; negative: none).
	Retries int
	// Backoff before the first retry, doubled each time up to MaxBackoff
	// (defaults 100 ms and 2 s), with ±20% jitter. A Retry-After header
	// replaces it (capped at MaxRetryAfter).
	Backoff, MaxBackoff time.Duration
	// MaxRetryAfter caps a server's Retry-After (default 5 s).
	MaxRetryAfter time.Duration
	// Breaker configures the circuit breaker.
	Breaker BreakerConfig
	// MaxResponseBytes bounds a response body (default 8 MiB).
	MaxResponseBytes int64
	// Client sends the requests (default: a client with keep-alive
	// connections to the backend).
	Client *http.Client
}

// ParseURL checks a backend base URL: http or https, a host, no query.
func ParseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("backend URL %q: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("backend URL %q: scheme must be http or https", raw)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("backend URL %q: no host", raw)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("backend URL %q: no query or fragment allowed", raw)
	}
	return u, nil
}

func (c Config) withDefaults() (Config, error) {
	if c.URL == "" {
		return c, errors.New("no backend URL")
	}
	u, err := ParseURL(c.URL)
	if err != nil {
		return c, err
	}
	c.URL = strings.TrimSuffix(strings.TrimSuffix(u.String(), "/"), "/v1")
	if c.Name == "" {
		c.Name = u.Host
	}
	if c.Grammar == "" {
		c.Grammar = GrammarStructuredOutputs
	}
	if c.Strict {
		c.Grammar = GrammarNone
	}
	switch c.Grammar {
	case GrammarStructuredOutputs, GrammarGuided, GrammarNone:
	default:
		return c, fmt.Errorf("unknown grammar field %q", c.Grammar)
	}
	if c.Render == nil {
		c.Render = ChatML
	}
	d := DefaultSampling()
	if c.Sampling.Temperature == 0 {
		c.Sampling.Temperature = d.Temperature
	}
	if c.Sampling.TopK == 0 {
		c.Sampling.TopK = d.TopK
	}
	if c.Sampling.TopP == 0 {
		c.Sampling.TopP = d.TopP
	}
	if c.Sampling.MinP == 0 {
		c.Sampling.MinP = d.MinP
	}
	if c.Sampling.RepeatPenalty == 0 {
		c.Sampling.RepeatPenalty = d.RepeatPenalty
	}
	if c.Sampling.RepeatLastN == 0 {
		c.Sampling.RepeatLastN = d.RepeatLastN
	}
	if c.Timeout <= 0 {
		c.Timeout = 10 * time.Second
	}
	if c.Retries == 0 {
		c.Retries = 2
	}
	if c.Retries < 0 {
		c.Retries = 0
	}
	if c.Backoff <= 0 {
		c.Backoff = 100 * time.Millisecond
	}
	if c.MaxBackoff <= 0 {
		c.MaxBackoff = 2 * time.Second
	}
	if c.MaxRetryAfter <= 0 {
		c.MaxRetryAfter = 5 * time.Second
	}
	if c.MaxResponseBytes <= 0 {
		c.MaxResponseBytes = 8 << 20
	}
	c.Breaker = c.Breaker.withDefaults()
	if c.Client == nil {
		c.Client = &http.Client{Transport: &http.Transport{
			Proxy:               http.ProxyFromEnvironment,
			MaxIdleConns:        64,
			MaxIdleConnsPerHost: 64,
			IdleConnTimeout:     90 * time.Second,
		}}
	}
	return c, nil
}

// ChatML renders a chat as llama.cpp's built-in "chatml" template does,
// the template SmolLM2's GGUF selects: "<|im_start|>role\ncontent<|im_end|>\n"
// per message, then "<|im_start|>assistant\n". Messages are used as given:
// the caller supplies the system message (package prompt always does).
func ChatML(msgs []prompt.Message) (string, error) {
	if len(msgs) == 0 {
		return "", errors.New("render chatml: no messages")
	}
	var b strings.Builder
	for _, m := range msgs {
		b.WriteString("<|im_start|>")
		b.WriteString(m.Role)
		b.WriteString("\n")
		b.WriteString(m.Content)
		b.WriteString("<|im_end|>\n")
	}
	b.WriteString("<|im_start|>assistant\n")
	return b.String(), nil
}

// ParseLoRA parses a list of llama-server adapter selections, "id:scale"
// or "id" (scale 1) separated by commas, e.g. "0:1,1:0.5".
func ParseLoRA(s string) ([]LoRA, error) {
	var out []LoRA
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		idStr, scaleStr, hasScale := strings.Cut(item, ":")
		id, err := strconv.Atoi(idStr)
		if err != nil || id < 0 {
			return nil, fmt.Errorf("lora %q: id must be a non-negative integer", item)
		}
		scale := 1.0
		if hasScale {
			if scale, err = strconv.ParseFloat(scaleStr, 32); err != nil {
				return nil, fmt.Errorf("lora %q: scale: %w", item, err)
			}
		}
		out = append(out, LoRA{ID: id, Scale: float32(scale)})
	}
	return out, nil
}

// Package engine wires the llama.cpp runtime (package llama) into the
// suggestion pipeline (package suggest): it loads a GGUF model and an
// optional LoRA adapter, renders chats with the model's own template, and
// implements suggest.Generator. It is the only place that knows both.
package engine

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"domaingen/llama"
	"domaingen/prompt"
	"domaingen/suggest"
)

// DefaultModel is the model `make model` fetches.
const DefaultModel = "models/SmolLM2-135M-Instruct.Q4_1.gguf"

// DefaultAdapter is the adapter `make finetune` writes and the repository
// ships: FromEnv applies it to DefaultModel when the file exists.
const DefaultAdapter = "adapters/smollm2-domains/adapter.gguf"

// PromptMetaKey is the GGUF metadata key in which a model records the
// prompt layout it must be served with: `domaingen quantize` writes
// "compact" into a model with an adapter merged into it.
const PromptMetaKey = "domaingen.prompt"

// NoAdapter as Config.Adapter (or $DOMAINGEN_ADAPTER) runs the bare model.
const NoAdapter = "none"

// Config configures an Engine. Zero values mean defaults.
type Config struct {
	// Model is the GGUF file (default: $DOMAINGEN_MODEL, else DefaultModel).
	Model string
	// Adapter is an optional LoRA adapter GGUF (default: $DOMAINGEN_ADAPTER,
	// else DefaultAdapter if Model is DefaultModel and the file exists;
	// NoAdapter turns it off).
	Adapter string
	// AdapterScale multiplies the adapter's strength (default 1).
	AdapterScale float32
	// Contexts decoding at the same time (default: see llama.GeneratorConfig).
	Contexts int
	// Threads per context (default: free cores / contexts).
	Threads int
	// Sampling temperature, top-k, top-p, min-p and repetition penalty;
	// zero value means llama.DefaultSampling.
	Sampling llama.SamplingParams
	// Temperature, if positive, replaces the sampling temperature alone.
	Temperature float32
	// Prompt is the chat layout: "fewshot", "compact", or empty for auto
	// (the layout the model file records under PromptMetaKey, as merged
	// models do; else compact with an adapter, since `domaingen finetune`
	// trains adapters on it; few-shot without). Default: $DOMAINGEN_PROMPT,
	// else auto.
	Prompt string
	// GPULayers offloaded to a GPU device (llama.ModelParams.GPULayers;
	// default 0: CPU only).
	GPULayers int
	// GGMLBackend, if set, is a ggml backend module (libggml-cuda.so) to
	// load before the model (llama.LoadBackend).
	GGMLBackend string
	// Calibration is the confidence map file (default: CalibrationPath of
	// Model and Adapter; NoCalibration: none). LoadCalibration checks it
	// was fitted for this model and adapter.
	Calibration string
	// CalibrationDir holds bare models' maps (default DefaultCalibrationDir).
	CalibrationDir string
}

// FromEnv fills empty fields of c from DOMAINGEN_MODEL, DOMAINGEN_ADAPTER,
// DOMAINGEN_THREADS, DOMAINGEN_TEMPERATURE and DOMAINGEN_PROMPT, then defaults. Flags take precedence: call it after
// flags have filled c.
func (c Config) FromEnv() Config {
	if c.Model == "" {
		c.Model = os.Getenv("DOMAINGEN_MODEL")
	}
	if c.Model == "" {
		c.Model = DefaultModel
	}
	if c.Adapter == "" {
		c.Adapter = os.Getenv("DOMAINGEN_ADAPTER")
	}
	if c.Adapter == "" && c.Model == DefaultModel {
		if _, err := os.Stat(DefaultAdapter); err == nil {
			c.Adapter = DefaultAdapter
		}
	}
	if c.Adapter == NoAdapter {
		c.Adapter = ""
	}
	if c.Threads == 0 {
		fmt.Sscan(os.Getenv("DOMAINGEN_THREADS"), &c.Threads)
	}
	if c.Temperature == 0 {
		fmt.Sscan(os.Getenv("DOMAINGEN_TEMPERATURE"), &c.Temperature)
	}
	if c.Prompt == "" {
		c.Prompt = os.Getenv("DOMAINGEN_PROMPT")
	}
	if c.Contexts <= 0 {
		c.Contexts = llama.DefaultContexts(llama.FreeCores())
	}
	return c
}

// Engine is a loaded model (and adapter) ready to generate.
type Engine struct {
	model   *llama.Model
	adapter *llama.Adapter
	style   prompt.Style
	gen     *llama.Generator
	cfg     Config
	name    string
	cal     *suggest.Calibration
	calErr  error

	decodeNs, sampleNs, generateNs, calls atomic.Int64
}

// Stats are cumulative timings of Generate calls, to see where time goes.
type Stats struct {
	Calls    int64
	Decode   time.Duration // inside llama_decode
	Sample   time.Duration // sampling in C (softmax, top-k, grammar, draw)
	Generate time.Duration // whole llama.Generator.Generate calls
}

// Stats returns cumulative timings since Open.
func (e *Engine) Stats() Stats {
	return Stats{
		Calls:    e.calls.Load(),
		Decode:   time.Duration(e.decodeNs.Load()),
		Sample:   time.Duration(e.sampleNs.Load()),
		Generate: time.Duration(e.generateNs.Load()),
	}
}

// Open loads the model and adapter of cfg.
func Open(cfg Config) (*Engine, error) {
	if cfg.Model == "" {
		return nil, errors.New("open engine: no model path")
	}
	if _, err := os.Stat(cfg.Model); err != nil {
		hint := ""
		if cfg.Model == DefaultModel {
			hint = " (run `make model` to download it)"
		}
		return nil, fmt.Errorf("open engine: model %s: %w%s", cfg.Model, err, hint)
	}
	if cfg.GGMLBackend != "" {
		if err := llama.LoadBackend(cfg.GGMLBackend); err != nil {
			return nil, fmt.Errorf("open engine: %w", err)
		}
	}
	m, err := llama.Load(cfg.Model, llama.ModelParams{GPULayers: cfg.GPULayers})
	if err != nil {
		return nil, fmt.Errorf("open engine: %w", err)
	}
	recorded, _ := m.Meta(PromptMetaKey)
	style, err := resolvePrompt(cfg.Prompt, recorded, cfg.Adapter != "")
	if err != nil {
		m.Close()
		return nil, fmt.Errorf("open engine: %w", err)
	}
	e := &Engine{model: m, cfg: cfg, name: filepath.Base(cfg.Model), style: style}
	if cfg.Adapter != "" {
		a, err := llama.LoadAdapter(m, cfg.Adapter)
		if err != nil {
			m.Close()
			return nil, fmt.Errorf("open engine: %w", err)
		}
		e.adapter = a
		e.name += "+" + filepath.Base(cfg.Adapter)
	}
	g, err := llama.NewGenerator(m, e.adapter, llama.GeneratorConfig{
		Contexts: cfg.Contexts, Threads: cfg.Threads, AdapterScale: cfg.AdapterScale,
	})
	if err != nil {
		e.Close()
		return nil, fmt.Errorf("open engine: %w", err)
	}
	e.gen = g
	e.cal, e.calErr = LoadCalibration(cfg)
	return e, nil
}

// Calibration is the confidence map loaded for this model and adapter
// (pass it as suggest.Config.Calibration), or nil and the reason there is
// none: no map (ErrNoCalibration), or one fitted for another model or
// adapter. A missing map is not an error of Open: suggestions then carry
// raw confidences and say so.
func (e *Engine) Calibration() (*suggest.Calibration, error) { return e.cal, e.calErr }

// resolvePrompt turns Config.Prompt into a style. Empty (or "auto") means
// the style the model records under PromptMetaKey if any, else compact
// for an adapter and few-shot for the bare model.
func resolvePrompt(setting, recorded string, adapter bool) (prompt.Style, error) {
	if setting == "" || setting == "auto" {
		if recorded != "" {
			return prompt.ParseStyle(recorded)
		}
		if adapter {
			return prompt.Compact, nil
		}
		return prompt.FewShot, nil
	}
	return prompt.ParseStyle(setting)
}

// PromptStyle is the chat layout this engine's model expects: pass it as
// suggest.Config.Prompt.
func (e *Engine) PromptStyle() prompt.Style { return e.style }

// Close frees the generator, adapter and model, in that order.
func (e *Engine) Close() error {
	if e.gen != nil {
		e.gen.Close()
		e.gen = nil
	}
	if e.adapter != nil {
		e.adapter.Close()
		e.adapter = nil
	}
	if e.model != nil {
		e.model.Close()
		e.model = nil
	}
	return nil
}

// Name identifies the model and adapter, e.g. "model.gguf+adapter.gguf".
func (e *Engine) Name() string { return e.name }

// Model returns the loaded model (for tokenizer and metadata access).
func (e *Engine) Model() *llama.Model { return e.model }

// Generator returns the underlying llama generator.
func (e *Engine) Generator() *llama.Generator { return e.gen }

// Render applies the model's chat template to msgs, opening the
// assistant's turn: the exact text training and serving feed the model.
func (e *Engine) Render(msgs []prompt.Message) (string, error) {
	return e.model.ApplyChatTemplate("", toChat(msgs), true)
}

func toChat(msgs []prompt.Message) []llama.ChatMessage {
	chat := make([]llama.ChatMessage, len(msgs))
	for i, m := range msgs {
		chat[i] = llama.ChatMessage{Role: m.Role, Content: m.Content}
	}
	return chat
}

// renderPrefix renders every message but the last (no assistant turn
// opened): the text the rendered chat starts with. Empty for one message.
func (e *Engine) renderPrefix(msgs []prompt.Message) (string, error) {
	if len(msgs) < 2 {
		return "", nil
	}
	return e.model.ApplyChatTemplate("", toChat(msgs[:len(msgs)-1]), false)
}

// Generate implements suggest.Generator.
func (e *Engine) Generate(ctx context.Context, job suggest.Job) (suggest.Generation, error) {
	text, err := e.Render(job.Messages)
	if err != nil {
		return suggest.Generation{}, err
	}
	sp := e.cfg.Sampling
	if sp == (llama.SamplingParams{}) {
		sp = llama.DefaultSampling()
	}
	if e.cfg.Temperature > 0 {
		sp.Temperature = e.cfg.Temperature
	}
	sp.Seed = job.Seed
	sp.Grammar = job.Grammar
	sp.AllowedBytes = job.AllowedBytes
	// Only the chat before the request's own turn (system prompt, few-shot
	// turns) is reused from the cache: the same job then gives the same
	// names whatever the context served before.
	prefix, err := e.renderPrefix(job.Messages)
	if err != nil {
		return suggest.Generation{}, err
	}
	res, err := e.gen.Generate(ctx, llama.GenerateRequest{
		Prompt: text, Sequences: job.Sequences, MaxTokens: job.MaxTokens, Sampling: sp, ReusablePrefix: prefix,
		StartRepeats: job.StartRepeats,
	})
	e.calls.Add(1)
	e.decodeNs.Add(int64(res.DecodeTime))
	e.sampleNs.Add(int64(res.SampleTime))
	e.generateNs.Add(int64(res.Total))
	if err != nil {
		return suggest.Generation{}, err
	}
	out := suggest.Generation{Model: e.name, Completions: make([]suggest.Completion, len(res.Sequences))}
	for i, s := range res.Sequences {
		out.Completions[i] = suggest.Completion{Pieces: s.Pieces, LogProbs: s.LogProbs}
	}
	return out, nil
}

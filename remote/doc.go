// Package remote implements suggest.Generator over an inference server
// reached by HTTP, so that generation can leave the machine that serves
// the API: llama.cpp's llama-server (native /completion API) or any
// OpenAI-compatible server (vLLM, ollama, hosted endpoints) through
// /v1/completions or /v1/chat/completions.
//
// The remote generator sends what the in-process engine uses: the same
// rendered chat (Render, ChatML by default — the template SmolLM2's GGUF
// selects in llama.cpp), the same GBNF grammar, the job's number of
// parallel sequences and seed, and asks for each sampled token's
// log-probability under the raw distribution (llama-server: n_probs with
// post_sampling_probs false; vLLM: logprobs, whose default
// logprobs_mode is raw_logprobs), so confidence is computed exactly as in
// process. When a server returns no log-probabilities the completion
// carries none and package suggest marks the names' confidence_source
// "none" instead of making a number up. Whatever the server returns, the
// pipeline validates and filters every name (domain and safety checks).
//
// Around each call: a per-attempt timeout, retries with exponential
// backoff on 429, 502, 503, 504 and connection failures that honour
// Retry-After (never sleeping past the caller's deadline), and a circuit
// breaker that, after consecutive failures, sends jobs to a fallback
// Generator (the in-process model) or fails them at once so that the
// pipeline's fallback composer fills the list. An Observer receives
// per-backend latencies, outcomes, retries and breaker states (the server
// exports them as Prometheus metrics).
//
// The package is pure Go (net/http, encoding/json): no cgo, no llama.
package remote

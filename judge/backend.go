package judge

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"domaingen/prompt"
	"domaingen/suggest"
)

// GeneratorBackend asks a suggest.Generator (a local GGUF through
// engine.Engine) for one grammar-constrained completion. Open the engine
// with greedy sampling (temperature 0) for a deterministic judge.
type GeneratorBackend struct {
	Gen suggest.Generator
	// MaxTokens bounds the answer (default 80: the four ratings take about
	// 40 tokens, the rest is the reason, which may be cut short).
	MaxTokens int
	// Seed for sampling (irrelevant when greedy; default 1).
	Seed uint32
}

// Complete implements Backend.
func (g GeneratorBackend) Complete(ctx context.Context, msgs []prompt.Message, grammar string) (Completion, error) {
	maxTok := g.MaxTokens
	if maxTok <= 0 {
		maxTok = 80
	}
	seed := g.Seed
	if seed == 0 {
		seed = 1
	}
	gen, err := g.Gen.Generate(ctx, suggest.Job{Messages: msgs, Grammar: grammar, Sequences: 1, MaxTokens: maxTok, Seed: seed})
	if err != nil {
		return Completion{}, err
	}
	if len(gen.Completions) == 0 {
		return Completion{}, errors.New("generator returned no completion")
	}
	c := gen.Completions[0]
	return Completion{Text: strings.Join(c.Pieces, ""), Pieces: c.Pieces, LogProbs: c.LogProbs}, nil
}

// OpenAI is a Backend over an OpenAI-compatible chat-completions endpoint
// (OpenAI, vLLM, llama.cpp's llama-server, Ollama's /v1, ...). It asks for
// temperature 0, a JSON object answer, and the top-5 log-probabilities per
// token, from which ParseScores computes an expected rating per dimension.
// Servers that accept a "grammar" field (llama-server) also get the GBNF.
type OpenAI struct {
	// URL is the API base, e.g. "https://api.openai.com/v1"; "/chat/completions"
	// is appended unless the URL already ends with it.
	URL string
	// Model is the model name sent in each request.
	Model string
	// APIKey is sent as a bearer token when not empty (the CLI reads it
	// from DOMAINGEN_JUDGE_API_KEY).
	APIKey string
	// Client defaults to an http.Client with a 60 s timeout.
	Client *http.Client
	// SendGrammar adds the GBNF grammar to the request ("grammar" field).
	SendGrammar bool
	// NoLogProbs leaves out logprobs/top_logprobs for servers that reject them.
	NoLogProbs bool
}

type chatRequest struct {
	Model          string           `json:"model"`
	Messages       []prompt.Message `json:"messages"`
	Temperature    float64          `json:"temperature"`
	MaxTokens      int              `json:"max_tokens"`
	ResponseFormat *struct {
		Type string `json:"type"`
	} `json:"response_format,omitempty"`
	LogProbs    bool   `json:"logprobs,omitempty"`
	TopLogProbs int    `json:"top_logprobs,omitempty"`
	Grammar     string `json:"grammar,omitempty"`
}

type chatResponse struct {
	Choices []struct {
		Message struct {
			Content string `json:"content"`
		} `json:"message"`
		LogProbs *struct {
			Content []struct {
				Token       string  `json:"token"`
				LogProb     float32 `json:"logprob"`
				TopLogProbs []struct {
					Token   string  `json:"token"`
					LogProb float32 `json:"logprob"`
				} `json:"top_logprobs"`
			} `json:"content"`
		} `json:"logprobs"`
	} `json:"choices"`
	Error *struct {
		Message string `json:"message"`
	} `json:"error"`
}

// Complete implements Backend.
func (o OpenAI) Complete(ctx context.Context, msgs []prompt.Message, grammar string) (Completion, error) {
	url := strings.TrimRight(o.URL, "/")
	if !strings.HasSuffix(url, "/chat/completions") {
		url += "/chat/completions"
	}
	req := chatRequest{Model: o.Model, Messages: msgs, Temperature: 0, MaxTokens: 200}
	req.ResponseFormat = &struct {
		Type string `json:"type"`
	}{"json_object"}
	if !o.NoLogProbs {
		req.LogProbs, req.TopLogProbs = true, 5
	}
	if o.SendGrammar {
		req.Grammar = grammar
	}
	body, err := json.Marshal(req)
	if err != nil {
		return Completion{}, err
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return Completion{}, fmt.Errorf("chat request: %w", err)
	}
	hreq.Header.Set("Content-Type", "application/json")
	if o.APIKey != "" {
		hreq.Header.Set("Authorization", "Bearer "+o.APIKey)
	}
	client := o.Client
	if client == nil {
		client = &http.Client{Timeout: 60 * time.Second}
	}
	resp, err := client.Do(hreq)
	if err != nil {
		return Completion{}, fmt.Errorf("chat request to %s: %w", url, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return Completion{}, fmt.Errorf("read chat response from %s: %w", url, err)
	}
	var cr chatResponse
	jerr := json.Unmarshal(data, &cr)
	if resp.StatusCode != http.StatusOK {
		msg := truncate(strings.TrimSpace(string(data)), 300)
		if jerr == nil && cr.Error != nil {
			msg = cr.Error.Message
		}
		return Completion{}, fmt.Errorf("chat request to %s: HTTP %d: %s", url, resp.StatusCode, msg)
	}
	if jerr != nil {
		return Completion{}, fmt.Errorf("decode chat response from %s: %w", url, jerr)
	}
	if len(cr.Choices) == 0 {
		return Completion{}, fmt.Errorf("chat response from %s has no choices", url)
	}
	ch := cr.Choices[0]
	c := Completion{Text: ch.Message.Content}
	if ch.LogProbs != nil {
		for _, t := range ch.LogProbs.Content {
			c.Pieces = append(c.Pieces, t.Token)
			c.LogProbs = append(c.LogProbs, t.LogProb)
			top := map[string]float32{}
			for _, a := range t.TopLogProbs {
				if old, ok := top[a.Token]; !ok || a.LogProb > old {
					top[a.Token] = a.LogProb
				}
			}
			c.TopLogProbs = append(c.TopLogProbs, top)
		}
		if strings.Join(c.Pieces, "") != c.Text {
			// Token texts that do not add up to the content (byte-level
			// pieces, a server quirk) cannot be aligned: drop them.
			c.Pieces, c.LogProbs, c.TopLogProbs = nil, nil, nil
		}
	}
	return c, nil
}

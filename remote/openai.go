package remote

import (
	"encoding/json"
	"fmt"
	"sort"

	"domaingen/prompt"
	"domaingen/suggest"
)

// openAIRequest is the body of /v1/completions (Prompt) or
// /v1/chat/completions (Messages).
type openAIRequest struct {
	Model       string           `json:"model,omitempty"`
	Prompt      string           `json:"prompt,omitempty"`
	Messages    []prompt.Message `json:"messages,omitempty"`
	MaxTokens   int              `json:"max_tokens"`
	N           int              `json:"n"`
	Temperature float32          `json:"temperature"`
	TopP        float32          `json:"top_p"`
	Seed        uint32           `json:"seed"`
	// Completions: the number of top log-probabilities (the sampled
	// token's own comes with it); chat: true.
	LogProbs    any  `json:"logprobs"`
	TopLogProbs *int `json:"top_logprobs,omitempty"`
	Stream      bool `json:"stream"`

	// vLLM sampling extras (not sent in strict mode).
	TopK              int     `json:"top_k,omitempty"`
	MinP              float32 `json:"min_p,omitempty"`
	RepetitionPenalty float32 `json:"repetition_penalty,omitempty"`

	StructuredOutputs *structuredOutputs `json:"structured_outputs,omitempty"`
	GuidedGrammar     string             `json:"guided_grammar,omitempty"`
}

// structuredOutputs is vLLM's structured_outputs parameter.
type structuredOutputs struct {
	Grammar string `json:"grammar"`
}

// openAIResponse is the part of a completions or chat completions answer
// the generator reads.
type openAIResponse struct {
	Model   string `json:"model"`
	Choices []struct {
		Index int `json:"index"`
		// completions
		Text     *string `json:"text"`
		LogProbs *struct {
			// completions: parallel arrays
			Tokens        []string   `json:"tokens"`
			TokenLogProbs []*float64 `json:"token_logprobs"`
			// chat: one object per token
			Content []struct {
				Token   string   `json:"token"`
				LogProb *float64 `json:"logprob"`
			} `json:"content"`
		} `json:"logprobs"`
		// chat
		Message *struct {
			Content *string `json:"content"`
		} `json:"message"`
		FinishReason string `json:"finish_reason"`
	} `json:"choices"`
}

// openAIBody builds the request for job; text is the rendered prompt
// (unused for chat).
func (g *Generator) openAIBody(job suggest.Job, text string) openAIRequest {
	s := g.cfg.Sampling
	r := openAIRequest{
		Model: g.cfg.Model, MaxTokens: job.MaxTokens, N: job.Sequences,
		Temperature: s.Temperature, TopP: s.TopP, Seed: job.Seed,
	}
	if g.cfg.Chat {
		one := 1
		r.Messages, r.LogProbs, r.TopLogProbs = job.Messages, true, &one
	} else {
		r.Prompt, r.LogProbs = text, 1
	}
	if !g.cfg.Strict {
		r.TopK, r.MinP, r.RepetitionPenalty = s.TopK, s.MinP, s.RepeatPenalty
	}
	if job.Grammar != "" {
		switch g.cfg.Grammar {
		case GrammarStructuredOutputs:
			r.StructuredOutputs = &structuredOutputs{Grammar: job.Grammar}
		case GrammarGuided:
			r.GuidedGrammar = job.Grammar
		}
	}
	return r
}

// parseOpenAI decodes a completions or chat completions answer, choices
// ordered by index.
func parseOpenAI(body []byte) ([]suggest.Completion, string, error) {
	var r openAIResponse
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, "", fmt.Errorf("%w: %w", errMalformed, err)
	}
	if len(r.Choices) == 0 {
		return nil, "", fmt.Errorf("%w: no choices", errMalformed)
	}
	sort.SliceStable(r.Choices, func(i, j int) bool { return r.Choices[i].Index < r.Choices[j].Index })
	out := make([]suggest.Completion, 0, len(r.Choices))
	for _, ch := range r.Choices {
		var text string
		switch {
		case ch.Text != nil:
			text = *ch.Text
		case ch.Message != nil && ch.Message.Content != nil:
			text = *ch.Message.Content
		default:
			return nil, "", fmt.Errorf("%w: choice %d has neither text nor message content", errMalformed, ch.Index)
		}
		lp := ch.LogProbs
		switch {
		case lp == nil:
			out = append(out, completionFrom(text, func(func(string, *float64)) {}, 0))
		case len(lp.Content) > 0:
			out = append(out, completionFrom(text, func(yield func(string, *float64)) {
				for _, t := range lp.Content {
					yield(t.Token, t.LogProb)
				}
			}, len(lp.Content)))
		default:
			n := len(lp.Tokens)
			if len(lp.TokenLogProbs) != n {
				n = 0 // inconsistent arrays: unscored
			}
			out = append(out, completionFrom(text, func(yield func(string, *float64)) {
				for i := 0; i < n; i++ {
					yield(lp.Tokens[i], lp.TokenLogProbs[i])
				}
			}, n))
		}
	}
	return out, r.Model, nil
}

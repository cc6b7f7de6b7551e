package remote

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"domaingen/suggest"
)

// llamaRequest is the body of llama-server's POST /completion.
type llamaRequest struct {
	Prompt        string  `json:"prompt"`
	NPredict      int     `json:"n_predict"`
	Grammar       string  `json:"grammar,omitempty"`
	NProbs        int     `json:"n_probs"`
	PostSampling  bool    `json:"post_sampling_probs"`
	NCmpl         int     `json:"n_cmpl"`
	Seed          uint32  `json:"seed"`
	Temperature   float32 `json:"temperature"`
	TopK          int     `json:"top_k"`
	TopP          float32 `json:"top_p"`
	MinP          float32 `json:"min_p"`
	RepeatPenalty float32 `json:"repeat_penalty"`
	RepeatLastN   int     `json:"repeat_last_n"`
	CachePrompt   bool    `json:"cache_prompt"`
	LoRA          []LoRA  `json:"lora,omitempty"`
	Stream        bool    `json:"stream"`
}

// llamaResult is one completion in llama-server's answer: the body itself
// for one completion, an element of a JSON array for n_cmpl > 1.
type llamaResult struct {
	Index   int    `json:"index"`
	Content string `json:"content"`
	Model   string `json:"model"`
	Probs   []struct {
		Token   string   `json:"token"`
		LogProb *float64 `json:"logprob"`
	} `json:"completion_probabilities"`
	TokensPredicted int `json:"tokens_predicted"`
}

// llamaBody builds the /completion request for job.
func (g *Generator) llamaBody(job suggest.Job, text string, seqs int, seed uint32) llamaRequest {
	s := g.cfg.Sampling
	return llamaRequest{
		Prompt: text, NPredict: job.MaxTokens, Grammar: job.Grammar,
		// n_probs 1 returns each sampled token's own log-probability
		// under the raw distribution (post_sampling_probs false: before
		// temperature, top-k and the grammar), as the engine computes it.
		NProbs: 1, PostSampling: false,
		NCmpl: seqs, Seed: seed,
		Temperature: s.Temperature, TopK: s.TopK, TopP: s.TopP, MinP: s.MinP,
		RepeatPenalty: s.RepeatPenalty, RepeatLastN: s.RepeatLastN,
		CachePrompt: true, LoRA: g.cfg.LoRA,
	}
}

// parseLlama decodes a /completion answer: one object, or an array of
// them ordered by "index".
func parseLlama(body []byte) ([]suggest.Completion, string, error) {
	var results []llamaResult
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		if err := json.Unmarshal(trimmed, &results); err != nil {
			return nil, "", fmt.Errorf("%w: %w", errMalformed, err)
		}
	} else {
		var r llamaResult
		if err := json.Unmarshal(trimmed, &r); err != nil {
			return nil, "", fmt.Errorf("%w: %w", errMalformed, err)
		}
		results = []llamaResult{r}
	}
	sort.SliceStable(results, func(i, j int) bool { return results[i].Index < results[j].Index })
	out := make([]suggest.Completion, 0, len(results))
	model := ""
	for _, r := range results {
		if r.Model != "" {
			model = r.Model
		}
		out = append(out, completionFrom(r.Content, func(yield func(string, *float64)) {
			for _, p := range r.Probs {
				yield(p.Token, p.LogProb)
			}
		}, len(r.Probs)))
	}
	return out, model, nil
}

// completionFrom builds a Completion from the text and per-token
// (piece, log-probability) pairs. Tokens past the end of the text (an
// end-of-turn token some servers list) are dropped. If a log-probability
// is missing, or the pieces do not spell the text, the completion is the
// text alone, unscored: a confidence from mismatched tokens would be made
// up.
func completionFrom(text string, tokens func(func(string, *float64)), n int) suggest.Completion {
	c := suggest.Completion{Pieces: make([]string, 0, n), LogProbs: make([]float32, 0, n)}
	ok := n > 0
	var spelled strings.Builder
	tokens(func(piece string, lp *float64) {
		if spelled.Len() >= len(text) {
			return
		}
		if lp == nil {
			ok = false
			return
		}
		c.Pieces = append(c.Pieces, piece)
		c.LogProbs = append(c.LogProbs, float32(*lp))
		spelled.WriteString(piece)
	})
	if ok && spelled.String() == text {
		return c
	}
	if text == "" {
		return suggest.Completion{}
	}
	return suggest.Completion{Pieces: []string{text}}
}

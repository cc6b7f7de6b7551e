package judge

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"domaingen/prompt"
	"domaingen/suggest"
)

func TestParseScores(t *testing.T) {
	full := `{"relevance": 5, "memorability": 4, "brandability": 3, "overall": 4, "reason": "Short and \"clear\"."}`
	tests := []struct {
		name    string
		c       Completion
		want    [NumDims]int
		reason  string
		wantErr bool
	}{
		{"grammar answer", Completion{Text: full}, [NumDims]int{5, 4, 3, 4}, `Short and "clear".`, false},
		{"cut off in the reason", Completion{Text: `{"relevance": 2, "memorability": 1, "brandability": 1, "overall": 1, "reason": "Too lo`}, [NumDims]int{2, 1, 1, 1}, "Too lo", false},
		{"string digits from an API", Completion{Text: `{"overall":"3","relevance":"5","memorability":"2","brandability":"4"}`}, [NumDims]int{5, 2, 4, 3}, "", false},
		{"missing rating", Completion{Text: `{"relevance": 5, "memorability": 4}`}, [NumDims]int{}, "", true},
		{"out of scale", Completion{Text: `{"relevance": 7, "memorability": 4, "brandability": 3, "overall": 4}`}, [NumDims]int{}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ParseScores(tt.c)
			if tt.wantErr {
				assert.ErrorIs(t, err, ErrParse)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, s.Ratings)
			assert.Equal(t, tt.reason, s.Reason)
		})
	}
}

func TestParseScoresTokens(t *testing.T) {
	// Pieces as a BPE model would emit them; the digits carry log-probs,
	// and the overall digit has top alternatives 4 (p=.5), 5 (p=.25), 3 (p=.25).
	pieces := []string{`{"`, `relevance`, `":`, ` `, `5`, `,`, ` "`, `memorability`, `":`, ` `, `4`, `,`, ` "`, `brandability`, `":`, ` `, `3`, `,`, ` "`, `overall`, `":`, ` `, `4`, `}`}
	lp := make([]float32, len(pieces))
	lp[4], lp[10], lp[16], lp[22] = -0.1, -0.2, -0.3, -0.69
	top := make([]map[string]float32, len(pieces))
	top[22] = map[string]float32{"4": -0.6931, "5": -1.3863, "3": -1.3863, "x": -0.1}
	s, err := ParseScores(Completion{Text: strings.Join(pieces, ""), Pieces: pieces, LogProbs: lp, TopLogProbs: top})
	require.NoError(t, err)
	assert.Equal(t, [NumDims]int{5, 4, 3, 4}, s.Ratings)
	assert.InDelta(t, -0.1, s.DigitLogProb[Relevance], 1e-6)
	assert.InDelta(t, -0.69, s.DigitLogProb[Overall], 1e-6)
	assert.InDelta(t, 4*0.5+5*0.25+3*0.25, s.Expected[Overall], 1e-3)
	assert.Equal(t, 5.0, s.Expected[Relevance], "no alternatives: the rating itself")
}

func TestParseChoice(t *testing.T) {
	for text, want := range map[string]string{`{"better": "A"}`: "A", `{"better": "b"}`: "B", `{"better": "tie"}`: "tie"} {
		got, w, err := ParseChoice(Completion{Text: text})
		require.NoError(t, err)
		assert.Equal(t, want, got)
		assert.Equal(t, 1.0, w)
	}
	_, _, err := ParseChoice(Completion{Text: `{"better": "C"}`})
	assert.ErrorIs(t, err, ErrParse)
}

func TestGrammarShape(t *testing.T) {
	// The few-shot answers must be strings the grammar admits: check the
	// literal skeleton and the reason's alphabet.
	for _, ex := range judgeExamples {
		_, err := ParseScores(Completion{Text: ex.answer})
		require.NoError(t, err)
		assert.True(t, strings.HasPrefix(ex.answer, `{"relevance": `))
		var v map[string]any
		require.NoError(t, json.Unmarshal([]byte(ex.answer), &v))
	}
	assert.Contains(t, Grammar, `d ::= [1-5]`)
}

func TestJudgeWithGenerator(t *testing.T) {
	var got suggest.Job
	gen := suggest.GeneratorFunc(func(_ context.Context, job suggest.Job) (suggest.Generation, error) {
		got = job
		return suggest.Generation{Completions: []suggest.Completion{{
			Pieces:   []string{`{"relevance": 4, "memorability": 5, `, `"brandability": 5, "overall": `, `4`, `, "reason": "Nice."}`},
			LogProbs: []float32{-1, -1, -0.25, -1},
		}}}, nil
	})
	j := New(GeneratorBackend{Gen: gen})
	s, err := j.Score(context.Background(), "bakery", "dawnloaf.com")
	require.NoError(t, err)
	assert.Equal(t, [NumDims]int{4, 5, 5, 4}, s.Ratings)
	assert.InDelta(t, -0.25, s.DigitLogProb[Overall], 1e-6)
	assert.Equal(t, Grammar, got.Grammar)
	assert.Equal(t, 1, got.Sequences)
	assert.Contains(t, got.Messages[len(got.Messages)-1].Content, "dawnloaf.com")

	failing := New(GeneratorBackend{Gen: suggest.GeneratorFunc(func(context.Context, suggest.Job) (suggest.Generation, error) {
		return suggest.Generation{}, errors.New("boom")
	})})
	_, err = failing.Score(context.Background(), "bakery", "x.com")
	assert.ErrorContains(t, err, "boom")
}

func TestCompareCancelsPositionBias(t *testing.T) {
	// A judge that always picks the first option has no preference overall.
	first := New(BackendFunc(func(context.Context, []prompt.Message, string) (Completion, error) {
		return Completion{Text: `{"better": "A"}`}, nil
	}))
	p, err := first.Compare(context.Background(), "bakery", "a.com", "b.com")
	require.NoError(t, err)
	assert.Equal(t, Preference{Winner: "tie", Margin: 0, Consistent: false}, p)

	// A judge that always picks loaf.com wins consistently for it.
	smart := New(BackendFunc(func(_ context.Context, msgs []prompt.Message, _ string) (Completion, error) {
		if strings.Contains(msgs[1].Content, "A: loaf.com") {
			return Completion{Text: `{"better": "A"}`}, nil
		}
		return Completion{Text: `{"better": "B"}`}, nil
	}))
	p, err = smart.Compare(context.Background(), "bakery", "x-1.com", "loaf.com")
	require.NoError(t, err)
	assert.Equal(t, Preference{Winner: "b", Margin: -1, Consistent: true}, p)
}

func TestOpenAIBackend(t *testing.T) {
	var req chatRequest
	var auth string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "/v1/chat/completions", r.URL.Path)
		auth = r.Header.Get("Authorization")
		require.NoError(t, json.NewDecoder(r.Body).Decode(&req))
		content := `{"relevance": 5, "memorability": 4, "brandability": 4, "overall": 5, "reason": "Good."}`
		// Token log-probs: split content at the overall digit.
		i := strings.Index(content, `"overall": `) + len(`"overall": `)
		resp := map[string]any{"choices": []any{map[string]any{
			"message": map[string]any{"role": "assistant", "content": content},
			"logprobs": map[string]any{"content": []any{
				map[string]any{"token": content[:i], "logprob": -0.01, "top_logprobs": []any{}},
				map[string]any{"token": content[i : i+1], "logprob": -0.2, "top_logprobs": []any{
					map[string]any{"token": "5", "logprob": -0.2231}, // p = .8
					map[string]any{"token": "4", "logprob": -1.6094}, // p = .2
				}},
				map[string]any{"token": content[i+1:], "logprob": -0.01, "top_logprobs": []any{}},
			}},
		}}}
		json.NewEncoder(w).Encode(resp)
	}))
	defer srv.Close()
	j := New(OpenAI{URL: srv.URL + "/v1", Model: "judge-model", APIKey: "k3y", Client: srv.Client()})
	s, err := j.Score(context.Background(), "bakery", "loaf.com")
	require.NoError(t, err)
	assert.Equal(t, "Bearer k3y", auth)
	assert.Equal(t, "judge-model", req.Model)
	assert.Equal(t, 0.0, req.Temperature)
	assert.Equal(t, 5, req.TopLogProbs)
	assert.Equal(t, [NumDims]int{5, 4, 4, 5}, s.Ratings)
	assert.InDelta(t, 5*0.8+4*0.2, s.Expected[Overall], 1e-3)
	assert.Equal(t, "Good.", s.Reason)
}

func TestOpenAIBackendErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Header.Get("Authorization") {
		case "":
			w.WriteHeader(http.StatusUnauthorized)
			w.Write([]byte(`{"error": {"message": "no key"}}`))
		default:
			w.Write([]byte(`{"choices": [{"message": {"content": "I think it's fine"}}]}`))
		}
	}))
	defer srv.Close()
	_, err := New(OpenAI{URL: srv.URL, Model: "m"}).Score(context.Background(), "d", "x.com")
	assert.ErrorContains(t, err, "HTTP 401: no key")
	_, err = New(OpenAI{URL: srv.URL, Model: "m", APIKey: "k"}).Score(context.Background(), "d", "x.com")
	assert.ErrorIs(t, err, ErrParse)
}

package suggest

import (
	"context"

	"domaingen/prompt"
)

// Generator is the language model as this package needs it: several
// sampled continuations of one chat, each with its tokens' log-probabilities.
// The engine package adapts a llama.cpp model to it; tests use
// GeneratorFunc fakes.
type Generator interface {
	Generate(ctx context.Context, job Job) (Generation, error)
}

// GeneratorFunc adapts a function to Generator.
type GeneratorFunc func(ctx context.Context, job Job) (Generation, error)

// Generate calls f.
func (f GeneratorFunc) Generate(ctx context.Context, job Job) (Generation, error) { return f(ctx, job) }

// Job is one generation request.
type Job struct {
	Messages []prompt.Message
	// Grammar (GBNF) every completion must match.
	Grammar string
	// AllowedBytes bounds the bytes a token may contain (prompt.GrammarBytes).
	AllowedBytes string
	// Sequences to sample in parallel from the shared prompt.
	Sequences int
	// MaxTokens per sequence.
	MaxTokens int
	// Seed of sequence 0; sequence s uses Seed+s.
	Seed uint32
	// StartRepeats, if positive, caps how many sequences may begin with
	// the same token (1: the first tokens are sampled without
	// replacement): with one name per sequence, equal first tokens mostly
	// mean equal names. 0: independent sequences.
	StartRepeats int
}

// Generation is what the model produced for a Job.
type Generation struct {
	Completions []Completion
	// Model names the model (and adapter) that generated.
	Model string
}

// Completion is one sampled continuation: its tokens' texts and the
// log-probability the model gave each token (natural log, temperature 1).
// LogProbs is nil when the generator could not obtain them (a remote
// server that returns none): Pieces may then be the whole text as one
// piece, and its names get ConfidenceNone.
type Completion struct {
	Pieces   []string
	LogProbs []float32
}

// Tokens returns the number of generated tokens in all completions.
func (g Generation) Tokens() int {
	n := 0
	for _, c := range g.Completions {
		n += len(c.Pieces)
	}
	return n
}

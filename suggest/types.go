package suggest

import (
	"context"

	"domaingen/availability"
)

// Status is the outcome of a request as the API reports it.
type Status string

// The three outcomes. A blocked request is a normal outcome, not an error.
const (
	StatusSuccess Status = "success"
	StatusBlocked Status = "blocked"
	StatusError   Status = "error"
)

// Source says which generator produced a suggestion.
type Source string

// Generators a suggestion can come from.
const (
	SourceModel    Source = "model"    // the language model (with its adapter, if any)
	SourceFallback Source = "fallback" // the deterministic lexical composer
)

// ConfidenceSource says where a suggestion's confidence comes from.
type ConfidenceSource string

// Where a confidence can come from.
const (
	// ConfidenceLogProbs: computed from the per-token log-probabilities
	// the generator returned (see the package documentation).
	ConfidenceLogProbs ConfidenceSource = "logprobs"
	// ConfidenceFallback: the fallback composer's placeholder score.
	ConfidenceFallback ConfidenceSource = "fallback"
	// ConfidenceNone: the generator returned no log-probabilities (a
	// remote server that does not report them); the confidence is 0 and
	// means "not measured", not "unlikely".
	ConfidenceNone ConfidenceSource = "none"
)

// Request is one call for suggestions.
type Request struct {
	// Description of the business, as the user typed it (cleaned by Suggest).
	Description string
	// Count of suggestions wanted; 0 means DefaultCount. Clamped to [MinCount, MaxCount].
	Count int
	// TLDs allowed, without dots ("com", "io"); empty means the default allow-list.
	TLDs []string
	// Seed for sampling; 0 means the service's configured seed.
	Seed uint32
	// CheckAvailability asks an Available wrapper to check each name
	// (Service ignores it).
	CheckAvailability bool
	// OnlyAvailable asks an Available wrapper to keep generating until
	// Count names are available (implies CheckAvailability).
	OnlyAvailable bool
}

// Suggestion is one ranked domain name.
type Suggestion struct {
	Domain string `json:"domain"`
	// Confidence in [0,1]; see the package documentation for how it is
	// derived. When Response.ConfidenceCalibrated is true it is the
	// calibrated estimate of the probability that the validated judge's
	// raters would shortlist the name; otherwise it is RawConfidence.
	Confidence float64 `json:"confidence"`
	// RawConfidence is the uncalibrated score (geometric-mean token
	// probability times the shape factor, or the fallback's placeholder),
	// for ranking diagnostics; 0 with ConfidenceSource "none".
	RawConfidence float64 `json:"raw_confidence"`
	Source        Source  `json:"source,omitempty"`
	// ConfidenceSource says how Confidence was obtained; "none" means the
	// generator gave no log-probabilities and Confidence is 0.
	ConfidenceSource ConfidenceSource `json:"confidence_source,omitempty"`
	// Availability is the check's answer, with its provenance, when the
	// request asked for checking.
	Availability *availability.Result `json:"availability,omitempty"`
}

// Response is the answer to a Request, in the exact shape the API returns.
type Response struct {
	Suggestions []Suggestion `json:"suggestions"`
	Status      Status       `json:"status"`
	Message     string       `json:"message,omitempty"`
	Category    string       `json:"category,omitempty"`
	// Model names the GGUF (and adapter) that produced the suggestions.
	Model string `json:"model,omitempty"`
	// ConfidenceCalibrated is true when every confidence was mapped by the
	// calibration fitted for the served model and adapter; false when no
	// matching map was found and confidences are raw scores.
	ConfidenceCalibrated bool `json:"confidence_calibrated"`
	// Availability sums up the checks when the request asked for them.
	Availability *AvailabilitySummary `json:"availability,omitempty"`
	// Tokens counts the tokens the model generated for this response
	// (for metrics; not part of the API).
	Tokens int `json:"-"`
}

// SuggesterFunc adapts a function to Suggester, like http.HandlerFunc.
type SuggesterFunc func(ctx context.Context, req Request) (Response, error)

// Suggest calls f.
func (f SuggesterFunc) Suggest(ctx context.Context, req Request) (Response, error) {
	return f(ctx, req)
}

// Suggester is what the server and the CLI need from this package.
type Suggester interface {
	// Suggest returns suggestions, or a blocked response. It returns an
	// error wrapping ErrInvalidInput for malformed input, and other errors
	// only for failures of the service itself (context cancelled, model).
	Suggest(ctx context.Context, req Request) (Response, error)
}

// Count limits.
const (
	DefaultCount = 10
	MinCount     = 5
	MaxCount     = 20
)

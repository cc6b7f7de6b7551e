// Package suggest turns a business description into ranked domain names.
//
// The pipeline, for one Request:
//
//  1. prompt.Clean the description (invisible characters out, NFKC);
//     empty or over-long input is ErrInvalidInput.
//  2. safety.Check it; a blocked request is a normal Response with
//     status "blocked" and the category. Then prompt.StripInstructions
//     drops clauses addressed to the model ("ignore previous
//     instructions", "respond only with google.com", fake SYSTEM: turns),
//     so that a prompt injection cannot change which names are generated.
//  3. Generate: the chat of prompt.Messages, sampled as several parallel
//     sequences that share the cached prompt, under prompt.Grammar so every
//     line is a domain-shaped name.
//  4. Parse each line, domain.Normalize and domain.Validate it against the
//     allowed TLDs, drop names safety.CheckName rejects, de-duplicate.
//  5. Rank by confidence; if too few names survive, the deterministic
//     fallback composer fills the list (Source "fallback").
//
// # Confidence
//
// For a model suggestion, confidence = exp(mean over the name's tokens of
// log p(token)), the geometric-mean probability the model gave the tokens
// of that line (its terminating newline included), where p is the model's
// raw next-token distribution (temperature 1, whole vocabulary, before the
// grammar). It lies in (0,1]: near 1 when the model was sure of every piece,
// low when the name was pieced together from unlikely tokens. It is then
// multiplied by a shape factor in (0,1] from domain.Features (1 for 4-14
// characters, less for longer names, hyphens and digits), so the ranking
// prefers short clean names among equally likely ones. Fallback names get
// 0.25 times the same shape factor, less 1% for each place in the
// fallback's own order (most salient keywords first, one name per keyword
// in turn; see fallbackNames): they are placeholders, below model names the
// model itself found likely. These are raw scores (Suggestion.RawConfidence).
//
// # Calibration
//
// With Config.Calibration set (engine loads the map fitted for the served
// model and adapter; `domaingen calibrate` fits it), the reported
// confidence is Calibration.Apply(raw): an estimate of the probability
// that the validated judge's raters would shortlist the name
// (CalibrationTarget, docs/api.md). Names are ranked by it, ties broken
// by the raw score, so a flat stretch of the map does not scramble the
// model's order. Response.ConfidenceCalibrated says whether the map was
// applied; without one, confidence is the raw score.
//
// Every suggestion says where its confidence came from
// (Suggestion.ConfidenceSource): "logprobs", "fallback", or "none" when the
// generator returned no log-probabilities (a remote server that does not
// report them). Such names get confidence 0 — no number is made up — and
// rank, for ordering only, as if their probability were 0.3 (times the
// shape factor): above fallback names, below names the model scored higher.
package suggest

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"domaingen/domain"
	"domaingen/prompt"
	"domaingen/safety"
)

// Config configures a Service. Zero values mean defaults.
type Config struct {
	// Seed used when a Request has none (default 1).
	Seed uint32
	// NamesPerSequence: each parallel sequence writes this many names
	// (default 1). More names per sequence makes later names avoid earlier
	// ones, but costs sequential decode steps: on 2 cores, 13 sequences of
	// one name took ~510 ms of decoding where 8 of two took ~690 ms.
	NamesPerSequence int
	// Overgenerate: names generated per name asked, to leave room for
	// invalid, unsafe and duplicate ones (default 1.2: for 10 names, 12
	// sequences; p50 439 ms against 513 ms at 1.3 and 475 ms at 1.1, where
	// a second round is needed more often — docs/performance.md).
	Overgenerate float64
	// MaxSequences sampled in parallel (default 16).
	MaxSequences int
	// Rounds of generation before the fallback fills (default 2).
	Rounds int
	// PreferredTLDs the model may use when a Request names none
	// (default com, io, co, ai, app, dev, net, org). Validation accepts any
	// of domain.DefaultTLDs.
	PreferredTLDs []string
	// ModelName is reported in responses when the generator gives none.
	ModelName string
	// Prompt is the chat layout sent to the model (default prompt.FewShot;
	// adapters trained by `domaingen finetune` expect prompt.Compact).
	Prompt prompt.Style
	// StartRepeats caps how many one-name sequences may start with the
	// same token (Job.StartRepeats; default 2, -1 for no cap). Independent
	// draws from a fine-tuned model's peaked first-token distribution
	// collide: more second rounds, more fallback names, one stem in most
	// names. A cap of 1 removes collisions but also keeps the model's
	// favourite opening — often the description's keyword — to one name
	// (measured in docs/report.md, round 3).
	StartRepeats int
	// Calibration maps raw confidences to calibrated ones (nil: report raw
	// scores, Response.ConfidenceCalibrated false). It must be the map of
	// the generator's model and adapter: engine.LoadCalibration checks.
	Calibration *Calibration
}

func (c Config) withDefaults() Config {
	if c.Seed == 0 {
		c.Seed = 1
	}
	if c.NamesPerSequence <= 0 {
		c.NamesPerSequence = 1
	}
	if c.Overgenerate <= 0 {
		c.Overgenerate = 1.2
	}
	if c.MaxSequences <= 0 {
		c.MaxSequences = 16
	}
	if c.Rounds <= 0 {
		c.Rounds = 2
	}
	if c.Prompt == "" {
		c.Prompt = prompt.FewShot
	}
	if c.StartRepeats == 0 {
		c.StartRepeats = 2
	}
	if len(c.PreferredTLDs) == 0 {
		c.PreferredTLDs = DefaultPreferredTLDs()
	}
	return c
}

// DefaultPreferredTLDs returns the TLDs the model may write when a request
// names none: com, io, co, ai, app, dev, net, org (a fresh copy).
func DefaultPreferredTLDs() []string {
	return []string{"com", "io", "co", "ai", "app", "dev", "net", "org"}
}

// Service implements Suggester over a Generator. It is safe for concurrent
// use if its Generator is.
type Service struct {
	gen Generator
	cfg Config
}

// New returns a Service. gen may be nil: then only the fallback generator
// produces names (useful without a model, and in tests).
func New(gen Generator, cfg Config) *Service {
	return &Service{gen: gen, cfg: cfg.withDefaults()}
}

// BlockedMessage is the user-facing message of a blocked response.
const BlockedMessage = "Request contains inappropriate content"

// Suggest runs the pipeline described in the package documentation.
func (s *Service) Suggest(ctx context.Context, req Request) (Response, error) {
	text, count, tlds, err := s.validate(req)
	if err != nil {
		return errorResponse(err), err
	}
	if v := safety.Check(text); v.Blocked {
		return Response{Suggestions: []Suggestion{}, Status: StatusBlocked, Message: BlockedMessage, Category: v.Category}, nil
	}
	// The model and the fallback see the description without instructions
	// addressed to the model, so an injection cannot steer the names.
	text = prompt.StripInstructions(text)
	seed := req.Seed
	if seed == 0 {
		seed = s.cfg.Seed
	}
	picked := newPicker(tlds.validate, s.cfg.Calibration)
	resp := Response{Status: StatusSuccess, Model: s.cfg.ModelName, ConfidenceCalibrated: s.cfg.Calibration != nil}
	for round := 0; s.gen != nil && round < s.cfg.Rounds && picked.len() < count; round++ {
		gen, err := s.generate(ctx, text, count-picked.len(), tlds.generate, seed+uint32(round)*1000)
		if err != nil {
			if ctx.Err() != nil {
				return errorResponse(err), fmt.Errorf("suggest: %w", err)
			}
			break // the fallback fills in; the model's failure is not the user's
		}
		resp.Tokens += gen.Tokens()
		if gen.Model != "" {
			resp.Model = gen.Model
		}
		for _, c := range gen.Completions {
			for _, cand := range splitCandidates(c) {
				src := ConfidenceLogProbs
				if !cand.scored {
					src = ConfidenceNone
				}
				picked.add(cand.name, cand.confidence, SourceModel, src)
			}
		}
	}
	if picked.len() < count {
		for _, cand := range fallbackNames(text, tlds.generate, seed, 4*count) {
			picked.add(cand.name, cand.confidence, SourceFallback, ConfidenceFallback)
		}
	}
	resp.Suggestions = picked.top(count)
	return resp, nil
}

// tldSets holds the TLDs validation accepts and those the model may write.
type tldSets struct {
	validate []string
	generate []string
}

func (s *Service) validate(req Request) (string, int, tldSets, error) {
	text, err := prompt.Clean(req.Description)
	if err != nil {
		return "", 0, tldSets{}, fmt.Errorf("%w: %w", ErrInvalidInput, err)
	}
	count := req.Count
	if count == 0 {
		count = DefaultCount
	}
	if count < MinCount || count > MaxCount {
		return "", 0, tldSets{}, fmt.Errorf("%w: count must be between %d and %d, got %d", ErrInvalidInput, MinCount, MaxCount, req.Count)
	}
	if len(req.TLDs) == 0 {
		return text, count, tldSets{validate: domain.DefaultTLDs(), generate: s.cfg.PreferredTLDs}, nil
	}
	tlds, err := domain.ParseTLDs(req.TLDs)
	if err != nil {
		return "", 0, tldSets{}, fmt.Errorf("%w: tlds: %w", ErrInvalidInput, err)
	}
	return text, count, tldSets{validate: tlds, generate: tlds}, nil
}

func errorResponse(err error) Response {
	msg := "internal error"
	if errors.Is(err, ErrInvalidInput) {
		msg = strings.TrimPrefix(err.Error(), ErrInvalidInput.Error()+": ")
	} else if errors.Is(err, context.DeadlineExceeded) {
		msg = "request timed out"
	} else if errors.Is(err, context.Canceled) {
		msg = "request cancelled"
	}
	return Response{Suggestions: []Suggestion{}, Status: StatusError, Message: msg}
}

// generate asks the model for about want names.
func (s *Service) generate(ctx context.Context, text string, want int, tlds []string, seed uint32) (Generation, error) {
	perSeq := s.cfg.NamesPerSequence
	total := int(math.Ceil(float64(want) * s.cfg.Overgenerate))
	seqs := min(s.cfg.MaxSequences, max(1, (total+perSeq-1)/perSeq))
	job := Job{
		Messages:     prompt.MessagesFor(s.cfg.Prompt, text, want, tlds),
		Grammar:      prompt.Grammar(tlds, perSeq),
		AllowedBytes: prompt.GrammarBytes,
		Sequences:    seqs,
		MaxTokens:    perSeq * maxTokensPerName,
		Seed:         seed,
		// One name per sequence: different first tokens, different names.
		StartRepeats: startRepeats(perSeq, s.cfg.StartRepeats),
	}
	return s.gen.Generate(ctx, job)
}

// startRepeats is the Job.StartRepeats for perSeq names per sequence and
// the configured cap (-1: none): a cap only makes sense when a sequence is
// one name.
func startRepeats(perSeq, cfg int) int {
	if perSeq != 1 || cfg < 0 {
		return 0
	}
	return cfg
}

// maxTokensPerName bounds one name's tokens: the grammar's longest name is
// 28+1+TLD characters, and BPE pieces of a lowercase name average 3+ bytes.
const maxTokensPerName = 16

// candidate is a parsed name with its model confidence; scored is false
// when the completion carried no log-probabilities (confidence is then 0).
type candidate struct {
	name       string
	confidence float64
	scored     bool
}

// splitCandidates cuts a completion into lines and scores each line by the
// geometric-mean probability of its tokens. A token belongs to the line in
// which its first byte lies; a token that starts with the newline closing a
// line counts for that line. A completion without log-probabilities gives
// unscored candidates, one per line.
func splitCandidates(c Completion) []candidate {
	var out []candidate
	if len(c.LogProbs) != len(c.Pieces) {
		for _, line := range strings.Split(strings.Join(c.Pieces, ""), "\n") {
			if name := strings.TrimSpace(line); name != "" {
				out = append(out, candidate{name: name})
			}
		}
		return out
	}
	var line strings.Builder
	var sum float64
	var n int
	flush := func() {
		if name := strings.TrimSpace(line.String()); name != "" && n > 0 {
			out = append(out, candidate{name: name, confidence: math.Exp(sum / float64(n)), scored: true})
		}
		line.Reset()
		sum, n = 0, 0
	}
	for i, piece := range c.Pieces {
		sum += float64(c.LogProbs[i])
		n++
		for j, part := range strings.Split(piece, "\n") {
			if j > 0 {
				flush()
			}
			line.WriteString(part)
		}
	}
	flush()
	return out
}

// picker accumulates valid, safe, distinct names.
//
// A list of names is worth more than a list of TLD variants: a name whose
// second-level label was already picked (bakerynest.io after
// bakerynest.com) is kept aside as a spare and only used when there are
// not enough distinct names. The evaluation counted 6% (base model) and
// 11% (first adapter) of names as such repeats before this (docs/report.md).
type picker struct {
	tlds  []string
	cal   *Calibration    // nil: report raw scores
	seen  map[string]bool // full names
	slds  map[string]bool // second-level labels of names
	names []Suggestion    // distinct second-level labels
	spare []Suggestion    // TLD variants of picked labels
}

func newPicker(tlds []string, cal *Calibration) *picker {
	return &picker{tlds: tlds, cal: cal, seen: map[string]bool{}, slds: map[string]bool{}}
}

// len counts the names with distinct second-level labels.
func (p *picker) len() int { return len(p.names) }

// add normalises and validates name, and keeps it if it is new and safe:
// as a name if its second-level label is new, else as a spare. It reports
// whether name became a name. confidence is the raw score; the shape
// factor and the calibration map (if any) are applied here. cs says where
// confidence came from; with ConfidenceNone the reported confidence is 0.
func (p *picker) add(name string, confidence float64, src Source, cs ConfidenceSource) bool {
	n, err := domain.Normalize(name)
	if err != nil || p.seen[n] {
		return false
	}
	if domain.Validate(n, domain.Options{TLDs: p.tlds}) != nil {
		return false
	}
	if v := safety.CheckName(n); v.Blocked {
		return false
	}
	p.seen[n] = true
	f := domain.FeaturesOf(n)
	raw := round3(confidence * shapeFactor(f))
	s := Suggestion{Domain: n, Confidence: raw, RawConfidence: raw, Source: src, ConfidenceSource: cs}
	switch {
	case cs == ConfidenceNone:
		s.Confidence, s.RawConfidence = 0, 0
	case p.cal != nil:
		s.Confidence = round3(p.cal.Apply(raw))
	}
	if p.slds[f.SLD] {
		p.spare = append(p.spare, s)
		return false
	}
	p.slds[f.SLD] = true
	p.names = append(p.names, s)
	return true
}

// top returns the best count names, model names and fallback names ranked
// together by confidence (ties: shorter first, then alphabetical), then
// spares the same way if the names are fewer than count.
func (p *picker) top(count int) []Suggestion {
	rank(p.names)
	out := append([]Suggestion{}, p.names[:min(count, len(p.names))]...)
	if len(out) < count {
		rank(p.spare)
		out = append(out, p.spare[:min(count-len(out), len(p.spare))]...)
	}
	return out
}

// unscoredPrior is the probability an unscored model name (ConfidenceNone)
// is ranked as if it had, for ordering only: above the fallback's 0.25
// placeholders, below names the model itself found more likely. It is
// never reported as a confidence.
const unscoredPrior = 0.3

// rankScore is the key rank sorts by: the confidence, or for an unscored
// model name unscoredPrior times its shape factor. Unscored names and a
// calibration map do not meet: maps are loaded for the in-process engine
// only, which always reports log-probabilities.
func rankScore(s Suggestion) float64 {
	if s.ConfidenceSource == ConfidenceNone {
		return unscoredPrior * shapeFactor(domain.FeaturesOf(s.Domain))
	}
	return s.Confidence
}

// rank sorts suggestions by rankScore (the confidence), then the raw
// confidence (a calibration map's flat stretches tie names the model
// scored differently), then shorter, then alphabetical.
func rank(s []Suggestion) {
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i], s[j]
		if ra, rb := rankScore(a), rankScore(b); ra != rb {
			return ra > rb
		}
		if a.RawConfidence != b.RawConfidence {
			return a.RawConfidence > b.RawConfidence
		}
		if len(a.Domain) != len(b.Domain) {
			return len(a.Domain) < len(b.Domain)
		}
		return a.Domain < b.Domain
	})
}

// shapeFactor is 1 for a clean 4-14 character name and shrinks for longer
// or very short names, hyphens and digits.
func shapeFactor(f domain.Features) float64 {
	k := 1.0
	switch {
	case f.Length < 4:
		k *= 0.7
	case f.Length > 14:
		k *= math.Pow(0.9, float64(f.Length-14))
	}
	k *= math.Pow(0.8, float64(f.Hyphens))
	if f.Digits > 0 {
		k *= 0.8
	}
	return k
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

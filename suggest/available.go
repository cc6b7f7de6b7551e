package suggest

import (
	"context"
	"fmt"
	"time"

	"domaingen/availability"
)

// Checker checks whether names can be registered; *availability.Checker
// implements it. CheckAll returns one Result per name, in order, and never
// fails: what it cannot decide is availability.Unknown.
type Checker interface {
	CheckAll(ctx context.Context, names []string) []availability.Result
}

// AvailabilitySummary says what the checks of one response found.
type AvailabilitySummary struct {
	// Checked counts the distinct names checked (cache hits included).
	Checked int `json:"checked"`
	// Available counts those found available.
	Available int `json:"available"`
	// Unverified counts those no source could decide (status unknown).
	Unverified int `json:"unverified"`
	// Rounds counts the generation rounds run (1 without only_available).
	Rounds int `json:"rounds"`
	// Complete is true when the response holds as many available names as
	// were asked for (always true without only_available).
	Complete bool `json:"complete"`
}

// Defaults of AvailabilityLimits.
const (
	// DefaultAvailabilityRounds: with 5–20 names per round, five rounds
	// check up to 100 names, enough to find 10 free ones for most
	// descriptions (most short .com names are taken).
	DefaultAvailabilityRounds = 5
	// DefaultMaxCandidates bounds the names checked for one request.
	DefaultMaxCandidates = 100
	// availabilityMargin is kept from the caller's deadline to answer with
	// what was found rather than time out.
	availabilityMargin = 500 * time.Millisecond
)

// AvailabilityLimits bound the search of OnlyAvailable requests. Zero
// fields mean their defaults.
type AvailabilityLimits struct {
	// Rounds of generation at most. 0 means DefaultAvailabilityRounds.
	Rounds int
	// MaxCandidates checked at most. 0 means DefaultMaxCandidates.
	MaxCandidates int
	// Budget is the time the whole search may take; 0 means until the
	// caller's deadline less a margin of max(500 ms, 10%).
	Budget time.Duration
}

// Available wraps a Suggester: requests that ask for availability get
// each name checked, and OnlyAvailable requests get rounds of generation
// until Count names are available or a limit is reached. Other requests
// pass through unchanged.
type Available struct {
	next   Suggester
	check  Checker
	limits AvailabilityLimits
}

// NewAvailable returns next wrapped with availability checking by check.
func NewAvailable(next Suggester, check Checker, limits AvailabilityLimits) *Available {
	if limits.Rounds <= 0 {
		limits.Rounds = DefaultAvailabilityRounds
	}
	if limits.MaxCandidates <= 0 {
		limits.MaxCandidates = DefaultMaxCandidates
	}
	return &Available{next: next, check: check, limits: limits}
}

// Suggest implements Suggester.
func (a *Available) Suggest(ctx context.Context, req Request) (Response, error) {
	switch {
	case req.OnlyAvailable:
		return a.onlyAvailable(ctx, req)
	case req.CheckAvailability:
		return a.annotate(ctx, req)
	default:
		return a.next.Suggest(ctx, req)
	}
}

// annotate generates once and checks every name.
func (a *Available) annotate(ctx context.Context, req Request) (Response, error) {
	resp, err := a.next.Suggest(ctx, req)
	if err != nil || resp.Status != StatusSuccess {
		return resp, err
	}
	names := make([]string, len(resp.Suggestions))
	for i, s := range resp.Suggestions {
		names[i] = s.Domain
	}
	sum := &AvailabilitySummary{Rounds: 1, Complete: true}
	bctx, cancel := a.budget(ctx)
	defer cancel()
	for i, r := range a.check.CheckAll(bctx, names) {
		resp.Suggestions[i].Availability = &r
		sum.count(r)
	}
	resp.Availability = sum
	return resp, nil
}

// onlyAvailable runs rounds of generation with new seeds, checks the new
// names of each round, and keeps the available ones, until Count are
// found or Rounds, MaxCandidates or the budget run out.
func (a *Available) onlyAvailable(ctx context.Context, req Request) (Response, error) {
	count := req.Count
	if count == 0 {
		count = DefaultCount
	}
	bctx, cancel := a.budget(ctx)
	defer cancel()
	var (
		out  Response
		sum  = &AvailabilitySummary{}
		seen = map[string]bool{}
		kept = []Suggestion{}
	)
	for round := 0; round < a.limits.Rounds && len(kept) < count && sum.Checked < a.limits.MaxCandidates; round++ {
		r := req
		r.Seed = roundSeed(req.Seed, round)
		resp, err := a.next.Suggest(bctx, r)
		if err != nil {
			// A later round that fails (out of budget, queue full) while
			// the caller's deadline is still ahead: answer with what was
			// found. A first round's failure is the caller's error.
			if round > 0 && ctx.Err() == nil {
				break
			}
			return resp, err
		}
		if resp.Status != StatusSuccess {
			return resp, nil // blocked: nothing to check
		}
		sum.Rounds++
		out.Model, out.Tokens = resp.Model, out.Tokens+resp.Tokens
		out.ConfidenceCalibrated = resp.ConfidenceCalibrated
		var fresh []Suggestion
		for _, s := range resp.Suggestions {
			if !seen[s.Domain] && sum.Checked+len(fresh) < a.limits.MaxCandidates {
				seen[s.Domain] = true
				fresh = append(fresh, s)
			}
		}
		if len(fresh) == 0 {
			break // the generator repeats itself: more rounds would too
		}
		names := make([]string, len(fresh))
		for i, s := range fresh {
			names[i] = s.Domain
		}
		for i, res := range a.check.CheckAll(bctx, names) {
			sum.count(res)
			if res.Status == availability.Available {
				s := fresh[i]
				s.Availability = &res
				kept = append(kept, s)
			}
		}
		if bctx.Err() != nil {
			break
		}
	}
	rank(kept)
	out.Suggestions = kept[:min(count, len(kept))]
	out.Status = StatusSuccess
	sum.Complete = len(kept) >= count
	if !sum.Complete {
		out.Message = fmt.Sprintf("found %d of %d available names after checking %d (%d could not be verified)",
			len(kept), count, sum.Checked, sum.Unverified)
	}
	out.Availability = sum
	return out, nil
}

// budget returns ctx bounded by AvailabilityLimits.Budget and with a
// deadline a margin before ctx's own (max of 500 ms and 10% of the time
// left), so that checks end in time to answer.
func (a *Available) budget(ctx context.Context) (context.Context, context.CancelFunc) {
	if a.limits.Budget > 0 {
		ctx, cancel := context.WithTimeout(ctx, a.limits.Budget)
		c2, cancel2 := a.margin(ctx)
		return c2, func() { cancel2(); cancel() }
	}
	return a.margin(ctx)
}

// margin returns ctx with its deadline moved earlier by the margin.
func (a *Available) margin(ctx context.Context) (context.Context, context.CancelFunc) {
	dl, ok := ctx.Deadline()
	if !ok {
		return context.WithCancel(ctx)
	}
	left := time.Until(dl)
	margin := max(availabilityMargin, left/10)
	if margin >= left {
		margin = left / 2
	}
	return context.WithDeadline(ctx, dl.Add(-margin))
}

// count adds one result to the summary.
func (s *AvailabilitySummary) count(r availability.Result) {
	s.Checked++
	switch r.Status {
	case availability.Available:
		s.Available++
	case availability.Unknown:
		s.Unverified++
	}
}

// roundSeed gives each round its own sampling seed; round 0 keeps the
// request's (0: the service's).
func roundSeed(seed uint32, round int) uint32 {
	if round == 0 {
		return seed
	}
	if seed == 0 {
		seed = 1
	}
	return seed + uint32(round)*7919
}

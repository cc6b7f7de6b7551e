package suggest

import (
	"context"
	"fmt"
	"hash/fnv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"domaingen/availability"
)

// seededSuggester makes req.Count names that depend on the seed, so each
// round of an only_available search brings new ones.
var seededSuggester = SuggesterFunc(func(ctx context.Context, req Request) (Response, error) {
	if err := ctx.Err(); err != nil {
		return Response{}, err
	}
	out := make([]Suggestion, req.Count)
	for i := range out {
		out[i] = Suggestion{Domain: fmt.Sprintf("name%d-%d.com", req.Seed, i), Confidence: 0.9 - 0.01*float64(i), Source: SourceModel}
	}
	return Response{Suggestions: out, Status: StatusSuccess, Model: "fake", Tokens: 3}, nil
})

// checkerFunc adapts a per-name function to Checker and records the names.
type checkerFunc struct {
	mu    sync.Mutex
	names []string
	f     func(ctx context.Context, name string) availability.Result
}

func (c *checkerFunc) CheckAll(ctx context.Context, names []string) []availability.Result {
	c.mu.Lock()
	c.names = append(c.names, names...)
	c.mu.Unlock()
	out := make([]availability.Result, len(names))
	for i, n := range names {
		out[i] = c.f(ctx, n)
	}
	return out
}

// byHash says a name is available for about a third of names, taken
// otherwise: a fixed, arbitrary mix.
func byHash(_ context.Context, name string) availability.Result {
	h := fnv.New32a()
	h.Write([]byte(name))
	st := availability.Taken
	if h.Sum32()%3 == 0 {
		st = availability.Available
	}
	return availability.Result{Domain: name, Status: st, Method: availability.MethodRDAP, CheckedAt: time.Now()}
}

func TestAvailablePassesThrough(t *testing.T) {
	chk := &checkerFunc{f: byHash}
	resp, err := NewAvailable(seededSuggester, chk, AvailabilityLimits{}).Suggest(context.Background(), Request{Description: "x", Count: 5, Seed: 1})
	require.NoError(t, err)
	assert.Nil(t, resp.Availability)
	assert.Empty(t, chk.names, "no check unless asked")
	for _, s := range resp.Suggestions {
		assert.Nil(t, s.Availability)
	}
}

func TestAvailableAnnotates(t *testing.T) {
	chk := &checkerFunc{f: byHash}
	resp, err := NewAvailable(seededSuggester, chk, AvailabilityLimits{}).Suggest(context.Background(),
		Request{Description: "x", Count: 10, Seed: 1, CheckAvailability: true})
	require.NoError(t, err)
	require.Len(t, resp.Suggestions, 10)
	avail := 0
	for _, s := range resp.Suggestions {
		require.NotNil(t, s.Availability, s.Domain)
		assert.Equal(t, s.Domain, s.Availability.Domain)
		assert.Equal(t, byHash(context.Background(), s.Domain).Status, s.Availability.Status)
		if s.Availability.Status == availability.Available {
			avail++
		}
	}
	require.NotNil(t, resp.Availability)
	assert.Equal(t, AvailabilitySummary{Checked: 10, Available: avail, Rounds: 1, Complete: true}, *resp.Availability)
}

func TestOnlyAvailableFillsTheList(t *testing.T) {
	chk := &checkerFunc{f: byHash}
	resp, err := NewAvailable(seededSuggester, chk, AvailabilityLimits{Rounds: 10, MaxCandidates: 200}).Suggest(context.Background(),
		Request{Description: "x", Count: 10, Seed: 1, OnlyAvailable: true})
	require.NoError(t, err)
	require.Len(t, resp.Suggestions, 10)
	seen := map[string]bool{}
	for _, s := range resp.Suggestions {
		assert.Equal(t, availability.Available, s.Availability.Status)
		assert.False(t, seen[s.Domain], "duplicate %s", s.Domain)
		seen[s.Domain] = true
	}
	sum := resp.Availability
	require.NotNil(t, sum)
	assert.True(t, sum.Complete)
	assert.Greater(t, sum.Rounds, 1, "a third are free: one round of 10 is not enough")
	assert.Equal(t, len(chk.names), sum.Checked)
	assert.Empty(t, resp.Message)
	for i := 1; i < len(resp.Suggestions); i++ {
		assert.GreaterOrEqual(t, resp.Suggestions[i-1].Confidence, resp.Suggestions[i].Confidence)
	}
}

func TestOnlyAvailableIsBounded(t *testing.T) {
	unknown := &checkerFunc{f: func(_ context.Context, n string) availability.Result {
		return availability.Result{Domain: n, Status: availability.Unknown, Reason: "network unreachable"}
	}}
	resp, err := NewAvailable(seededSuggester, unknown, AvailabilityLimits{Rounds: 3, MaxCandidates: 25}).Suggest(context.Background(),
		Request{Description: "x", Count: 10, Seed: 1, OnlyAvailable: true})
	require.NoError(t, err)
	assert.Equal(t, StatusSuccess, resp.Status)
	assert.Empty(t, resp.Suggestions, "nothing unverified is shown as available")
	assert.NotNil(t, resp.Suggestions, "[] not null")
	assert.Equal(t, AvailabilitySummary{Checked: 25, Unverified: 25, Rounds: 3}, *resp.Availability)
	assert.Len(t, unknown.names, 25)
	assert.Contains(t, resp.Message, "found 0 of 10 available names after checking 25 (25 could not be verified)")

	// A generator that repeats itself stops the search at the first round
	// that brings nothing new.
	same := SuggesterFunc(func(ctx context.Context, req Request) (Response, error) {
		req.Seed = 1
		return seededSuggester(ctx, req)
	})
	resp, err = NewAvailable(same, unknown, AvailabilityLimits{}).Suggest(context.Background(),
		Request{Description: "x", Count: 5, OnlyAvailable: true})
	require.NoError(t, err)
	assert.Equal(t, 2, resp.Availability.Rounds)
	assert.Equal(t, 5, resp.Availability.Checked)
}

// TestOnlyAvailableWithinDeadline: with every check hanging until its
// context ends, the search answers before the caller's deadline.
func TestOnlyAvailableWithinDeadline(t *testing.T) {
	hang := &checkerFunc{f: func(ctx context.Context, n string) availability.Result {
		<-ctx.Done()
		return availability.Result{Domain: n, Status: availability.Unknown, Reason: "timeout"}
	}}
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	start := time.Now()
	resp, err := NewAvailable(seededSuggester, hang, AvailabilityLimits{}).Suggest(ctx,
		Request{Description: "x", Count: 10, OnlyAvailable: true})
	require.NoError(t, err)
	assert.NoError(t, ctx.Err(), "answered before the caller's deadline (took %s)", time.Since(start))
	assert.Empty(t, resp.Suggestions)
	assert.False(t, resp.Availability.Complete)
	assert.Equal(t, 10, resp.Availability.Unverified)
}

func TestOnlyAvailableBlocked(t *testing.T) {
	blocked := SuggesterFunc(func(context.Context, Request) (Response, error) {
		return Response{Suggestions: []Suggestion{}, Status: StatusBlocked, Category: "fraud_scams_phishing"}, nil
	})
	chk := &checkerFunc{f: byHash}
	for _, req := range []Request{{Description: "x", OnlyAvailable: true}, {Description: "x", CheckAvailability: true}} {
		resp, err := NewAvailable(blocked, chk, AvailabilityLimits{}).Suggest(context.Background(), req)
		require.NoError(t, err)
		assert.Equal(t, StatusBlocked, resp.Status)
		assert.Nil(t, resp.Availability)
	}
	assert.Empty(t, chk.names)
}

func TestRoundSeed(t *testing.T) {
	assert.Equal(t, uint32(0), roundSeed(0, 0))
	assert.Equal(t, uint32(7), roundSeed(7, 0))
	assert.NotEqual(t, roundSeed(7, 1), roundSeed(7, 2))
	assert.NotEqual(t, roundSeed(0, 1), uint32(0))
}

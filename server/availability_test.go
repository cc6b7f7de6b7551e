package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"domaingen/availability"
	"domaingen/suggest"
)

// fixedChecker answers from a map; names not in it are unknown.
type fixedChecker map[string]availability.Status

func (f fixedChecker) CheckAll(_ context.Context, names []string) []availability.Result {
	out := make([]availability.Result, len(names))
	for i, n := range names {
		st, ok := f[n]
		if !ok {
			st = availability.Unknown
		}
		out[i] = availability.Result{Domain: n, Status: st, Method: availability.MethodRDAP,
			Server: "https://rdap.example/", HTTPStatus: 404, CheckedAt: time.Date(2026, 12, 8, 3, 0, 0, 0, time.UTC)}
	}
	return out
}

// TestSuggestWithoutAvailabilityUnchanged: old clients see the same
// contract, with no availability field anywhere.
func TestSuggestWithoutAvailabilityUnchanged(t *testing.T) {
	s, _ := newTestServer(t, Config{}, cleaningSuggester)
	s.SetChecker(fixedChecker{})
	for _, body := range []string{
		`{"business_description":"florist"}`,
		`{"business_description":"florist","check_availability":false,"only_available":false}`,
	} {
		rec := postJSON(s, body)
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		assert.NotContains(t, rec.Body.String(), "availability")
	}
}

func TestSuggestCheckAvailability(t *testing.T) {
	s, _ := newTestServer(t, Config{}, cleaningSuggester)
	s.SetChecker(fixedChecker{"floristhub.com": availability.Available, "floristco.com": availability.Taken})
	rec := postJSON(s, `{"business_description":"florist","count":5,"check_availability":true}`)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	b := decodeBody(t, rec)
	sugs := suggestions(t, b)
	require.Len(t, sugs, 5)
	want := map[string]availability.Status{"floristhub.com": availability.Available, "floristco.com": availability.Taken}
	for _, sg := range sugs {
		require.NotNil(t, sg.Availability, sg.Domain)
		st, ok := want[sg.Domain]
		if !ok {
			st = availability.Unknown
		}
		assert.Equal(t, st, sg.Availability.Status, sg.Domain)
		assert.Equal(t, availability.MethodRDAP, sg.Availability.Method)
	}
	// The wire format: status, method and RFC 3339 checked_at per name.
	var raw struct {
		Suggestions []struct {
			Availability map[string]any `json:"availability"`
		} `json:"suggestions"`
		Availability suggest.AvailabilitySummary `json:"availability"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &raw))
	a := raw.Suggestions[0].Availability
	assert.Equal(t, "2026-12-08T03:00:00Z", a["checked_at"])
	assert.Contains(t, a, "status")
	assert.Contains(t, a, "method")
	assert.Equal(t, suggest.AvailabilitySummary{Checked: 5, Available: 1, Unverified: 3, Rounds: 1, Complete: true}, raw.Availability)
}

func TestSuggestOnlyAvailable(t *testing.T) {
	s, _ := newTestServer(t, Config{}, cleaningSuggester)
	s.SetChecker(fixedChecker{"floristhub.com": availability.Available, "floristlab.com": availability.Available})
	rec := postJSON(s, `{"business_description":"florist","count":5,"only_available":true}`)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	b := decodeBody(t, rec)
	sugs := suggestions(t, b)
	require.Len(t, sugs, 2)
	for _, sg := range sugs {
		assert.Equal(t, availability.Available, sg.Availability.Status)
	}
	assert.Contains(t, b.Message, "found 2 of 5 available names")
	var sum suggest.AvailabilitySummary
	require.NoError(t, json.Unmarshal(b.Availability, &sum))
	assert.False(t, sum.Complete)
	assert.Equal(t, 2, sum.Available)
}

func TestSuggestAvailabilityOff(t *testing.T) {
	s, _ := newTestServer(t, Config{}, cleaningSuggester)
	for _, f := range []string{"check_availability", "only_available"} {
		rec := postJSON(s, `{"business_description":"florist","`+f+`":true}`)
		b := requireError(t, rec, http.StatusNotImplemented)
		assert.Contains(t, b.Message, "availability")
	}
}

func TestSuggestAvailabilityFieldTypes(t *testing.T) {
	s, _ := newTestServer(t, Config{}, cleaningSuggester)
	s.SetChecker(fixedChecker{})
	for _, f := range []string{"check_availability", "only_available"} {
		b := requireError(t, postJSON(s, `{"business_description":"florist","`+f+`":"yes"}`), http.StatusBadRequest)
		assert.Equal(t, fmt.Sprintf("%q must be true or false", f), b.Message)
	}
	b := requireError(t, postJSON(s, `{"business_description":"florist","available":true}`), http.StatusBadRequest)
	assert.Contains(t, b.Message, "check_availability and only_available")
}

// TestOnlyAvailableAllSourcesDownWithinDeadline runs the real checker
// against a resolver that never answers and an RDAP server that hangs,
// both on loopback: the request answers 200 before its deadline, with no
// name claimed available and every checked name counted unverified.
func TestOnlyAvailableAllSourcesDownWithinDeadline(t *testing.T) {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0") // never read: a resolver that never answers
	require.NoError(t, err)
	t.Cleanup(func() { _ = pc.Close() })
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	t.Cleanup(hang.Close)
	chk, err := availability.New(availability.Config{
		Resolver:      pc.LocalAddr().String(),
		BootstrapJSON: []byte(`{"version":"1.0","services":[[["com"],["` + hang.URL + `/"]]]}`),
		BootstrapURL:  "off",
	})
	require.NoError(t, err)
	const deadline = 3 * time.Second
	s, _ := newTestServer(t, Config{RequestTimeout: deadline}, cleaningSuggester)
	s.SetChecker(chk)

	start := time.Now()
	rec := postJSON(s, `{"business_description":"organic coffee shop downtown","count":10,"only_available":true}`)
	took := time.Since(start)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Less(t, took, deadline, "answered within the request deadline")
	b := decodeBody(t, rec)
	assert.Equal(t, "[]", string(b.Suggestions))
	var sum suggest.AvailabilitySummary
	require.NoError(t, json.Unmarshal(b.Availability, &sum))
	assert.Positive(t, sum.Checked)
	assert.Equal(t, sum.Checked, sum.Unverified)
	assert.Zero(t, sum.Available)
	assert.Contains(t, b.Message, "could not be verified")
}

// TestAvailabilityMetrics: checks, latency, cache lookups and limiter
// waits reach /metrics through the server's observer.
func TestAvailabilityMetrics(t *testing.T) {
	rdap := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotFound)
	}))
	t.Cleanup(rdap.Close)
	s, _ := newTestServer(t, Config{}, cleaningSuggester)
	chk, err := availability.New(availability.Config{
		BootstrapJSON: []byte(`{"version":"1.0","services":[[["com"],["` + rdap.URL + `/"]]]}`),
		BootstrapURL:  "off",
		HostRate:      50, HostBurst: 1,
		Observer: s.AvailabilityObserver(),
	})
	require.NoError(t, err)
	s.SetChecker(chk)
	for range 2 {
		rec := postJSON(s, `{"business_description":"florist","count":5,"check_availability":true}`)
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	}
	m := do(s, http.MethodGet, "/metrics", "", nil).Body.String()
	assert.Contains(t, m, `domaingen_availability_checks_total{method="rdap",status="available"} 5`)
	assert.Contains(t, m, `domaingen_availability_checks_total{method="cache",status="available"} 5`)
	assert.Contains(t, m, `domaingen_availability_cache_lookups_total{result="hit"} 5`)
	assert.Contains(t, m, `domaingen_availability_cache_lookups_total{result="miss"} 5`)
	assert.Contains(t, m, `domaingen_availability_check_duration_seconds_count{method="rdap"} 5`)
	assert.True(t, strings.Contains(m, "domaingen_availability_rate_limit_wait_seconds_count 4"), "4 of 5 requests waited for a burst of 1")
}

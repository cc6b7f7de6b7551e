package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"domaingen/suggest"
)

func TestSuggestSuccess(t *testing.T) {
	var got suggest.Request
	sg := suggesterFunc(func(ctx context.Context, req suggest.Request) (suggest.Response, error) {
		got = req
		return cleaningSuggester(ctx, req)
	})
	s, _ := newTestServer(t, Config{PolicyVersion: "2025-01"}, sg)
	for _, path := range []string{"/v1/suggest", "/suggest"} {
		t.Run(path, func(t *testing.T) {
			rec := do(s, http.MethodPost, path, "application/json; charset=utf-8",
				strings.NewReader(`{"business_description":"organic coffee shop in downtown area","count":12,"tlds":[".COM","io","com"]}`))
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			b := decodeBody(t, rec)
			assert.Equal(t, "success", b.Status)
			assert.Equal(t, "fake", b.Model)
			assert.Equal(t, "2025-01", b.PolicyVersion)
			assert.Equal(t, rec.Header().Get("X-Request-ID"), b.RequestID)
			list := suggestions(t, b)
			require.Len(t, list, 12)
			assert.Equal(t, "organichub.com", list[0].Domain)
			assert.InDelta(t, 0.95, list[0].Confidence, 1e-9)
			assert.Equal(t, suggest.SourceModel, list[0].Source)
			assert.Equal(t, suggest.Request{Description: "organic coffee shop in downtown area", Count: 12, TLDs: []string{"com", "io"}}, got)
		})
	}
}

func TestSuggestDefaultsAndNoContentType(t *testing.T) {
	var got suggest.Request
	sg := suggesterFunc(func(ctx context.Context, req suggest.Request) (suggest.Response, error) {
		got = req
		return cleaningSuggester(ctx, req)
	})
	s, _ := newTestServer(t, Config{}, sg)
	rec := do(s, http.MethodPost, "/v1/suggest", "", strings.NewReader(`{"business_description":"florist","count":null,"tlds":[]}`))
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Len(t, suggestions(t, decodeBody(t, rec)), suggest.DefaultCount)
	assert.Equal(t, suggest.DefaultCount, got.Count)
	assert.Empty(t, got.TLDs)
}

func TestSuggestBlocked(t *testing.T) {
	sg := suggesterFunc(func(ctx context.Context, req suggest.Request) (suggest.Response, error) {
		return suggest.Response{Status: suggest.StatusBlocked, Category: "adult_sexual", Message: "Request contains inappropriate content"}, nil
	})
	s, _ := newTestServer(t, Config{}, sg)
	rec := postJSON(s, `{"business_description":"anything the fake blocks"}`)
	require.Equal(t, http.StatusOK, rec.Code)
	b := decodeBody(t, rec)
	assert.Equal(t, "[]", string(b.Suggestions))
	assert.Equal(t, "blocked", b.Status)
	assert.Equal(t, "adult_sexual", b.Category)
	assert.Equal(t, "Request contains inappropriate content", b.Message)

	metrics := do(s, http.MethodGet, "/metrics", "", nil).Body.String()
	assert.Contains(t, metrics, `domaingen_blocked_total{category="adult_sexual"} 1`)
}

func TestSuggestNilSuggestionsSerialiseAsEmptyArray(t *testing.T) {
	sg := suggesterFunc(func(ctx context.Context, req suggest.Request) (suggest.Response, error) {
		return suggest.Response{Status: suggest.StatusSuccess}, nil
	})
	s, _ := newTestServer(t, Config{}, sg)
	rec := postJSON(s, `{"business_description":"florist"}`)
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, "[]", string(decodeBody(t, rec).Suggestions))
}

func TestSuggestMalformedInput(t *testing.T) {
	s, _ := newTestServer(t, Config{}, cleaningSuggester)
	cases := []struct {
		name, body, wantMessage string
	}{
		{"not json", `business_description=florist`, "not valid JSON"},
		{"empty body", ``, "empty"},
		{"truncated", `{"business_description":"florist"`, "middle of a JSON value"},
		{"array", `["florist"]`, "must be a JSON object"},
		{"string", `"florist"`, "must be a JSON object"},
		{"null", `null`, `"business_description" is required`},
		{"missing field", `{"count":10}`, `"business_description" is required`},
		{"null description", `{"business_description":null}`, `"business_description" is required`},
		{"description number", `{"business_description":42}`, `"business_description" must be a string`},
		{"description object", `{"business_description":{"x":1}}`, `"business_description" must be a string`},
		{"count string", `{"business_description":"florist","count":"10"}`, `"count" must be an integer`},
		{"count float", `{"business_description":"florist","count":10.5}`, `"count" must be an integer`},
		{"count huge", `{"business_description":"florist","count":1e400}`, `"count" must be an integer`},
		{"count too small", `{"business_description":"florist","count":4}`, "between 5 and 20"},
		{"count too big", `{"business_description":"florist","count":21}`, "between 5 and 20"},
		{"count zero", `{"business_description":"florist","count":0}`, "between 5 and 20"},
		{"count negative", `{"business_description":"florist","count":-5}`, "between 5 and 20"},
		{"tlds string", `{"business_description":"florist","tlds":"com"}`, `"tlds" must be an array of strings`},
		{"tlds numbers", `{"business_description":"florist","tlds":[1]}`, `"tlds" must be an array of strings`},
		{"tld bad", `{"business_description":"florist","tlds":["c m"]}`, "not a top-level domain"},
		{"tld empty", `{"business_description":"florist","tlds":[""]}`, "not a top-level domain"},
		{"tld markup", `{"business_description":"florist","tlds":["<script>"]}`, "not a top-level domain"},
		{"too many tlds", `{"business_description":"florist","tlds":[` + strings.Repeat(`"com",`, 21) + `"io"]}`, "at most 20"},
		{"unknown field", `{"business_description":"florist","safety":false}`, `unknown field "safety"`},
		{"trailing object", `{"business_description":"florist"}{"business_description":"x"}`, "nothing after it"},
		{"trailing garbage", `{"business_description":"florist"} garbage`, "nothing after it"},
		{"empty description", `{"business_description":""}`, "description is empty"},
		{"whitespace description", `{"business_description":" \t\n "}`, "description is empty"},
		{"too long description", `{"business_description":"` + strings.Repeat("a", 2001) + `"}`, "longer than 2000"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := requireError(t, postJSON(s, tc.body), http.StatusBadRequest)
			assert.Contains(t, b.Message, tc.wantMessage)
		})
	}
}

func TestSuggestInvalidInputFromSuggester(t *testing.T) {
	sg := suggesterFunc(func(ctx context.Context, req suggest.Request) (suggest.Response, error) {
		return suggest.Response{}, fmt.Errorf("%w: unknown TLD %q", suggest.ErrInvalidInput, "zz")
	})
	s, _ := newTestServer(t, Config{}, sg)
	b := requireError(t, postJSON(s, `{"business_description":"florist","tlds":["zz"]}`), http.StatusBadRequest)
	assert.Equal(t, `unknown TLD "zz"`, b.Message)
}

func TestSuggestUnsupportedMediaType(t *testing.T) {
	s, _ := newTestServer(t, Config{}, cleaningSuggester)
	for _, ct := range []string{"multipart/form-data; boundary=x", "application/xml", "not a media type;;"} {
		rec := do(s, http.MethodPost, "/v1/suggest", ct, strings.NewReader(`{"business_description":"florist"}`))
		requireError(t, rec, http.StatusUnsupportedMediaType)
	}
}

func TestSuggestDefaultToolContentTypes(t *testing.T) {
	s, _ := newTestServer(t, Config{}, cleaningSuggester)
	for _, ct := range []string{"application/x-www-form-urlencoded", "text/plain;charset=UTF-8", "application/json; charset=utf-8"} {
		rec := do(s, http.MethodPost, "/v1/suggest", ct, strings.NewReader(`{"business_description":"florist"}`))
		assert.Equal(t, http.StatusOK, rec.Code, "%s: %s", ct, rec.Body.String())
	}
	rec := do(s, http.MethodPost, "/v1/suggest", "application/x-www-form-urlencoded", strings.NewReader(`business_description=florist`))
	requireError(t, rec, http.StatusBadRequest)
}

func TestSuggestBodyTooLarge(t *testing.T) {
	s, _ := newTestServer(t, Config{}, cleaningSuggester)
	huge := `{"business_description":"` + strings.Repeat("a", 20<<10) + `"}`
	requireError(t, postJSON(s, huge), http.StatusRequestEntityTooLarge)
	padded := `{"business_description":"florist"}` + strings.Repeat(" ", 20<<10)
	requireError(t, postJSON(s, padded), http.StatusRequestEntityTooLarge)
}

func TestNotFoundAndMethodNotAllowed(t *testing.T) {
	s, _ := newTestServer(t, Config{}, cleaningSuggester)
	requireError(t, do(s, http.MethodGet, "/nope", "", nil), http.StatusNotFound)
	requireError(t, do(s, http.MethodGet, "/v1/suggest/extra", "", nil), http.StatusNotFound)
	rec := do(s, http.MethodGet, "/v1/suggest", "", nil)
	requireError(t, rec, http.StatusMethodNotAllowed)
	assert.Contains(t, rec.Header().Get("Allow"), http.MethodPost)
	requireError(t, do(s, http.MethodDelete, "/healthz", "", nil), http.StatusMethodNotAllowed)
}

// blockingSuggester holds every call until release is closed, and reports
// each call on started.
type blockingSuggester struct {
	started chan struct{}
	release chan struct{}
}

func newBlockingSuggester() *blockingSuggester {
	return &blockingSuggester{started: make(chan struct{}, 100), release: make(chan struct{})}
}

// Suggest waits for release or ctx.
func (b *blockingSuggester) Suggest(ctx context.Context, req suggest.Request) (suggest.Response, error) {
	b.started <- struct{}{}
	select {
	case <-b.release:
		return cleaningSuggester(ctx, req)
	case <-ctx.Done():
		return suggest.Response{}, fmt.Errorf("generate: %w", ctx.Err())
	}
}

func TestQueueFull(t *testing.T) {
	sg := newBlockingSuggester()
	s, _ := newTestServer(t, Config{Workers: 2, QueueDepth: 3}, sg)
	var wg sync.WaitGroup
	codes := make(chan int, 5)
	for range 5 { // 2 running + 3 queued
		wg.Go(func() { codes <- postJSON(s, `{"business_description":"florist"}`).Code })
	}
	<-sg.started
	<-sg.started
	require.Eventually(t, func() bool { return s.pool.waiting.Load() == 3 }, 5*time.Second, time.Millisecond)

	rec := postJSON(s, `{"business_description":"florist"}`)
	requireError(t, rec, http.StatusTooManyRequests)
	assert.Equal(t, "2", rec.Header().Get("Retry-After"))

	metrics := do(s, http.MethodGet, "/metrics", "", nil).Body.String()
	assert.Contains(t, metrics, "domaingen_queue_depth 3")
	assert.Contains(t, metrics, "domaingen_generations_in_flight 2")
	assert.Contains(t, metrics, `domaingen_rejected_total{reason="queue_full"} 1`)

	close(sg.release)
	wg.Wait()
	close(codes)
	for code := range codes {
		assert.Equal(t, http.StatusOK, code)
	}
	metrics = do(s, http.MethodGet, "/metrics", "", nil).Body.String()
	assert.Contains(t, metrics, "domaingen_queue_depth 0")
	assert.Contains(t, metrics, "domaingen_generations_in_flight 0")
}

func TestNoQueue(t *testing.T) {
	sg := newBlockingSuggester()
	s, _ := newTestServer(t, Config{Workers: 1, QueueDepth: -1}, sg)
	done := make(chan int)
	go func() { done <- postJSON(s, `{"business_description":"florist"}`).Code }()
	<-sg.started
	requireError(t, postJSON(s, `{"business_description":"florist"}`), http.StatusTooManyRequests)
	close(sg.release)
	assert.Equal(t, http.StatusOK, <-done)
}

func TestRateLimit(t *testing.T) {
	s, _ := newTestServer(t, Config{RateLimit: 0.5, RateBurst: 2}, cleaningSuggester)
	from := func(ip string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/v1/suggest", strings.NewReader(`{"business_description":"florist"}`))
		req.RemoteAddr = ip + ":1234"
		req.Header.Set("X-Forwarded-For", "203.0.113.9") // ignored: TrustProxy is off
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		return rec
	}
	assert.Equal(t, http.StatusOK, from("192.0.2.1").Code)
	assert.Equal(t, http.StatusOK, from("192.0.2.1").Code)
	rec := from("192.0.2.1")
	requireError(t, rec, http.StatusTooManyRequests)
	retry, err := strconv.Atoi(rec.Header().Get("Retry-After"))
	require.NoError(t, err)
	assert.InDelta(t, 2, retry, 1)
	assert.Equal(t, http.StatusOK, from("192.0.2.2").Code, "another client has its own bucket")
	assert.Equal(t, http.StatusOK, do(s, http.MethodGet, "/healthz", "", nil).Code, "only suggest is limited")
	assert.Contains(t, do(s, http.MethodGet, "/metrics", "", nil).Body.String(), `domaingen_rejected_total{reason="rate_limit"} 1`)
}

func TestRateLimitTrustProxy(t *testing.T) {
	s, _ := newTestServer(t, Config{RateLimit: 1, RateBurst: 1, TrustProxy: true}, cleaningSuggester)
	from := func(xff string) int {
		req := httptest.NewRequest(http.MethodPost, "/v1/suggest", strings.NewReader(`{"business_description":"florist"}`))
		req.RemoteAddr = "127.0.0.1:5555" // the trusted proxy
		req.Header.Set("X-Forwarded-For", xff)
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		return rec.Code
	}
	assert.Equal(t, http.StatusOK, from("198.51.100.1"))
	assert.Equal(t, http.StatusTooManyRequests, from("198.51.100.1"))
	assert.Equal(t, http.StatusOK, from("198.51.100.2"))
}

func TestNotReady(t *testing.T) {
	s, _ := newTestServer(t, Config{}, nil)
	assert.Equal(t, http.StatusOK, do(s, http.MethodGet, "/healthz", "", nil).Code)
	requireError(t, do(s, http.MethodGet, "/readyz", "", nil), http.StatusServiceUnavailable)
	rec := postJSON(s, `{"business_description":"florist"}`)
	requireError(t, rec, http.StatusServiceUnavailable)
	assert.NotEmpty(t, rec.Header().Get("Retry-After"))

	s.SetSuggester(cleaningSuggester)
	assert.Equal(t, http.StatusOK, do(s, http.MethodGet, "/readyz", "", nil).Code)
	assert.Equal(t, http.StatusOK, postJSON(s, `{"business_description":"florist"}`).Code)

	s.SetSuggester(nil)
	requireError(t, do(s, http.MethodGet, "/readyz", "", nil), http.StatusServiceUnavailable)
}

func TestDeadline(t *testing.T) {
	var sawDeadline atomic.Bool
	slow := suggesterFunc(func(ctx context.Context, req suggest.Request) (suggest.Response, error) {
		_, ok := ctx.Deadline()
		sawDeadline.Store(ok)
		select {
		case <-time.After(10 * time.Second):
			return cleaningSuggester(ctx, req)
		case <-ctx.Done():
			return suggest.Response{}, fmt.Errorf("decode step 3: %w", ctx.Err())
		}
	})
	s, logs := newTestServer(t, Config{RequestTimeout: 50 * time.Millisecond}, slow)
	start := time.Now()
	rec := postJSON(s, `{"business_description":"florist"}`)
	requireError(t, rec, http.StatusGatewayTimeout)
	assert.Less(t, time.Since(start), 2*time.Second)
	assert.True(t, sawDeadline.Load(), "the deadline must reach the Suggester")
	assert.Contains(t, logs.String(), `"error":"context deadline exceeded"`, "the cause is logged")
}

func TestDeadlineWithSuggesterIgnoringContext(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	stubborn := suggesterFunc(func(ctx context.Context, req suggest.Request) (suggest.Response, error) {
		<-release
		return suggest.Response{}, errors.New("too late")
	})
	s, _ := newTestServer(t, Config{RequestTimeout: 50 * time.Millisecond, Workers: 1, QueueDepth: -1}, stubborn)
	start := time.Now()
	requireError(t, postJSON(s, `{"business_description":"florist"}`), http.StatusGatewayTimeout)
	assert.Less(t, time.Since(start), 2*time.Second, "answered at the deadline, not when the Suggester returns")
	requireError(t, postJSON(s, `{"business_description":"florist"}`), http.StatusTooManyRequests)
}

// TestQueuedRequestGivesUpBeforeDeadline: a queued request whose time left
// can no longer cover a generation leaves the queue with 429 (retry later)
// before its deadline, rather than waiting for a 504.
func TestQueuedRequestGivesUpBeforeDeadline(t *testing.T) {
	sg := newBlockingSuggester()
	defer close(sg.release)
	s, _ := newTestServer(t, Config{RequestTimeout: 2 * time.Second, Workers: 1}, sg)
	s.pool.observe(500 * time.Millisecond) // admitted: 2×0.5 s fits in 60% of 2 s
	go postJSON(s, `{"business_description":"florist"}`)
	<-sg.started
	start := time.Now()
	rec := postJSON(s, `{"business_description":"florist"}`)
	requireError(t, rec, http.StatusTooManyRequests)
	// It leaves when 0.5 s (one generation) is left: about 1.5 s in. The
	// bounds are loose so that a loaded machine cannot make this flaky.
	assert.Less(t, time.Since(start), 1900*time.Millisecond, "left the queue before the deadline")
	assert.Greater(t, time.Since(start), time.Second, "but only once it had waited")
}

// TestQueueRefusesHopelessWait: with generations known to take longer than
// the deadline, a request that would have to queue is refused at once with
// 429 and Retry-After rather than left to time out.
func TestQueueRefusesHopelessWait(t *testing.T) {
	sg := newBlockingSuggester()
	defer close(sg.release)
	s, _ := newTestServer(t, Config{RequestTimeout: 3 * time.Second, Workers: 1}, sg)
	s.pool.observe(3 * time.Second)
	go postJSON(s, `{"business_description":"florist"}`)
	<-sg.started
	start := time.Now()
	rec := postJSON(s, `{"business_description":"florist"}`)
	requireError(t, rec, http.StatusTooManyRequests)
	assert.NotEmpty(t, rec.Header().Get("Retry-After"))
	assert.Less(t, time.Since(start), 1500*time.Millisecond, "refused at once, not at the deadline")
}

func TestClientCancel(t *testing.T) {
	sg := newBlockingSuggester()
	defer close(sg.release)
	s, logs := newTestServer(t, Config{}, sg)
	ctx, cancel := context.WithCancel(context.Background())
	req := httptest.NewRequestWithContext(ctx, http.MethodPost, "/v1/suggest", strings.NewReader(`{"business_description":"florist"}`))
	rec := httptest.NewRecorder()
	done := make(chan struct{})
	go func() {
		s.Handler().ServeHTTP(rec, req)
		close(done)
	}()
	<-sg.started
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("handler did not return after the client went away")
	}
	assert.Equal(t, statusClientClosedRequest, rec.Code)
	assert.Contains(t, logs.String(), `"status":499`)
}

func TestInternalErrorHidesDetail(t *testing.T) {
	cases := map[string]suggest.Suggester{
		"error": suggesterFunc(func(ctx context.Context, req suggest.Request) (suggest.Response, error) {
			return suggest.Response{}, errors.New("llama_decode failed: secret /root/models/x.gguf")
		}),
		"panic": suggesterFunc(func(ctx context.Context, req suggest.Request) (suggest.Response, error) {
			panic("secret model state")
		}),
		"status error without error": suggesterFunc(func(ctx context.Context, req suggest.Request) (suggest.Response, error) {
			return suggest.Response{Status: suggest.StatusError, Message: "secret"}, nil
		}),
	}
	for name, sg := range cases {
		t.Run(name, func(t *testing.T) {
			s, logs := newTestServer(t, Config{}, sg)
			b := requireError(t, postJSON(s, `{"business_description":"florist"}`), http.StatusInternalServerError)
			assert.Equal(t, "internal server error", b.Message)
			assert.Contains(t, logs.String(), "secret", "the detail goes to the log")
			assert.Contains(t, logs.String(), `"level":"ERROR"`)
		})
	}
}

func TestHandlerPanicRecovered(t *testing.T) {
	s, logs := newTestServer(t, Config{}, cleaningSuggester)
	s.echo.GET("/boom", func(echo.Context) error { panic("secret handler state") })
	s.routes["/boom"] = true
	b := requireError(t, do(s, http.MethodGet, "/boom", "", nil), http.StatusInternalServerError)
	assert.Equal(t, "internal server error", b.Message)
	assert.Contains(t, logs.String(), "secret handler state")
	assert.Equal(t, http.StatusOK, do(s, http.MethodGet, "/healthz", "", nil).Code, "server still serves")
}

func TestRequestID(t *testing.T) {
	s, logs := newTestServer(t, Config{}, cleaningSuggester)
	rec := postJSON(s, `{"business_description":"florist"}`, "X-Request-ID", "abc-123")
	assert.Equal(t, "abc-123", rec.Header().Get("X-Request-ID"))
	assert.Equal(t, "abc-123", decodeBody(t, rec).RequestID)
	assert.Contains(t, logs.String(), `"request_id":"abc-123"`)

	rec = postJSON(s, `{"count":1}`, "X-Request-ID", "err-9")
	assert.Equal(t, "err-9", requireError(t, rec, http.StatusBadRequest).RequestID, "error bodies carry it too")

	rec = postJSON(s, `{"business_description":"florist"}`, "X-Request-ID", "bad id\"<>")
	id := rec.Header().Get("X-Request-ID")
	assert.Len(t, id, 32, "a malformed id is replaced")
	assert.Equal(t, id, decodeBody(t, rec).RequestID)

	rec = postJSON(s, `{"business_description":"florist"}`)
	assert.Len(t, rec.Header().Get("X-Request-ID"), 32)
}

func TestAccessLog(t *testing.T) {
	const secret = "tell nobody about my unicorn grooming salon"
	s, logs := newTestServer(t, Config{}, cleaningSuggester)
	postJSON(s, suggestBody(t, secret), "X-Request-ID", "log-1")
	line := findLogLine(t, logs.String(), "log-1")
	assert.Equal(t, "POST", line["method"])
	assert.Equal(t, "/v1/suggest", line["route"])
	assert.EqualValues(t, 200, line["status"])
	assert.Contains(t, line, "latency_ms")
	assert.NotContains(t, logs.String(), "unicorn", "descriptions are not logged by default")

	s, logs = newTestServer(t, Config{LogDescriptions: true}, cleaningSuggester)
	postJSON(s, suggestBody(t, secret), "X-Request-ID", "log-2")
	assert.Equal(t, secret, findLogLine(t, logs.String(), "log-2")["description"])
}

// findLogLine returns the access log line of request id.
func findLogLine(t *testing.T, logs, id string) map[string]any {
	t.Helper()
	for _, l := range strings.Split(strings.TrimSpace(logs), "\n") {
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(l), &m), l)
		if m["msg"] == "request" && m["request_id"] == id {
			return m
		}
	}
	t.Fatalf("no log line for request %s in:\n%s", id, logs)
	return nil
}

func TestMetrics(t *testing.T) {
	s, _ := newTestServer(t, Config{}, cleaningSuggester)
	postJSON(s, `{"business_description":"florist","count":5}`)
	postJSON(s, `{"business_description":""}`)
	do(s, http.MethodGet, "/no/such/path/123", "", nil)
	rec := do(s, http.MethodGet, "/metrics", "", nil)
	require.Equal(t, http.StatusOK, rec.Code)
	body := rec.Body.String()
	for _, want := range []string{
		`domaingen_http_requests_total{route="/v1/suggest",status="200"} 1`,
		`domaingen_http_requests_total{route="/v1/suggest",status="400"} 1`,
		`domaingen_http_requests_total{route="unmatched",status="404"} 1`,
		`domaingen_http_request_duration_seconds_bucket{route="/v1/suggest",le="0.005"}`,
		`domaingen_tokens_generated_total 35`,
		`domaingen_suggestions_total{source="model"} 5`,
		`domaingen_queue_depth 0`,
		`domaingen_generations_in_flight 0`,
		`domaingen_rejected_total{reason="queue_full"} 0`,
		"go_goroutines ",
		"process_resident_memory_bytes ",
	} {
		assert.Contains(t, body, want)
	}
	assert.NotContains(t, body, "/no/such/path")
}

func TestHealthAndStaticRoutes(t *testing.T) {
	s, _ := newTestServer(t, Config{}, cleaningSuggester)
	rec := do(s, http.MethodGet, "/healthz", "", nil)
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.JSONEq(t, `{"status":"ok"}`, rec.Body.String())
	assert.JSONEq(t, `{"status":"ready"}`, do(s, http.MethodGet, "/readyz", "", nil).Body.String())

	for path, ct := range map[string]string{"/": "text/html", "/app.js": "text/javascript", "/style.css": "text/css", "/openapi.json": "application/json"} {
		rec := do(s, http.MethodGet, path, "", nil)
		assert.Equal(t, http.StatusOK, rec.Code, path)
		assert.Contains(t, rec.Header().Get("Content-Type"), ct, path)
		assert.Equal(t, "nosniff", rec.Header().Get("X-Content-Type-Options"), path)
		assert.Contains(t, rec.Header().Get("Content-Security-Policy"), "default-src 'self'", path)
	}
}

func TestWebPageContract(t *testing.T) {
	s, _ := newTestServer(t, Config{}, cleaningSuggester)
	page := do(s, http.MethodGet, "/", "", nil).Body.String()
	for _, want := range []string{`id="description"`, `id="submit"`, `id="message"`, `id="count"`, `class="result-card"`, `class="domain"`,
		`for="description"`, `value="com"`, `value="io"`, `value="ai"`, `value="co"`, `value="app"`, `value="dev"`, `value="net"`, `value="org"`,
		`min="5"`, `max="20"`, `id="only-available"`, `class="badge"`} {
		assert.Contains(t, page, want)
	}
	assert.NotRegexp(t, `(?i)(src|href)\s*=\s*["']?(https?:)?//`, page, "no external resources")
	js := do(s, http.MethodGet, "/app.js", "", nil).Body.String()
	assert.NotContains(t, js, "innerHTML", "user data goes in with textContent only")
	assert.NotContains(t, js, "insertAdjacentHTML")
}

// TestServeGracefulShutdown starts a real listener, cancels Run's context
// while a request is in flight, and checks the request still completes.
func TestServeGracefulShutdown(t *testing.T) {
	sg := newBlockingSuggester()
	s, logs := newTestServer(t, Config{ShutdownTimeout: 5 * time.Second}, sg)
	ln := listenLoopback(t)
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()
	url := "http://" + ln.Addr().String()

	type reply struct {
		code int
		err  error
	}
	got := make(chan reply, 1)
	go func() {
		resp, err := http.Post(url+"/v1/suggest", "application/json", strings.NewReader(`{"business_description":"florist"}`))
		if err != nil {
			got <- reply{err: err}
			return
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
		got <- reply{code: resp.StatusCode}
	}()
	<-sg.started
	cancel()
	require.Eventually(t, func() bool { return strings.Contains(logs.String(), "shutting down") }, 5*time.Second, time.Millisecond)
	time.Sleep(50 * time.Millisecond)
	assert.True(t, s.draining.Load())
	close(sg.release)

	r := <-got
	require.NoError(t, r.err)
	assert.Equal(t, http.StatusOK, r.code, "the in-flight request finishes")
	require.NoError(t, <-served)
	_, err := http.Get(url + "/healthz")
	assert.Error(t, err, "the listener is closed")
}

func TestRunListenError(t *testing.T) {
	s, _ := newTestServer(t, Config{}, cleaningSuggester)
	err := s.Run(context.Background(), "256.0.0.1:http")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "listen on")
}

func TestConfigDefaults(t *testing.T) {
	c := Config{}.withDefaults()
	assert.Equal(t, Config{
		Workers: 2, QueueDepth: 16, RequestTimeout: 10 * time.Second, ShutdownTimeout: 15 * time.Second,
		MaxBodyBytes: 16 << 10, RateBurst: 1,
	}, c)
	c = Config{RateLimit: 2.5, QueueDepth: -3, Workers: -1}.withDefaults()
	assert.Equal(t, 3, c.RateBurst)
	assert.Equal(t, 0, c.QueueDepth)
	assert.Equal(t, 2, c.Workers)
}

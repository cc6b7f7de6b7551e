package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/stretchr/testify/require"

	"domaingen/prompt"
	"domaingen/suggest"
)

// suggesterFunc adapts a function to suggest.Suggester, like
// http.HandlerFunc, so each test states its fake in one line.
type suggesterFunc func(ctx context.Context, req suggest.Request) (suggest.Response, error)

// Suggest calls f.
func (f suggesterFunc) Suggest(ctx context.Context, req suggest.Request) (suggest.Response, error) {
	return f(ctx, req)
}

// cleaningSuggester is the well-behaved fake: it cleans the description
// with prompt.Clean exactly as suggest.Suggest does (errors wrap
// suggest.ErrInvalidInput) and makes req.Count names from its words. It has
// no safety filter: blocking is the real pipeline's job, tested there.
var cleaningSuggester = suggesterFunc(func(ctx context.Context, req suggest.Request) (suggest.Response, error) {
	text, err := prompt.Clean(req.Description)
	if err != nil {
		return suggest.Response{}, fmt.Errorf("clean description: %w: %w", suggest.ErrInvalidInput, err)
	}
	return suggest.Response{
		Suggestions: fakeSuggestions(text, req.Count, req.TLDs),
		Status:      suggest.StatusSuccess,
		Model:       "fake",
		Tokens:      7 * req.Count,
	}, nil
})

// fakeSuggestions makes count distinct, valid domain names from the ASCII
// letters of text, with falling confidence.
func fakeSuggestions(text string, count int, tlds []string) []suggest.Suggestion {
	if len(tlds) == 0 {
		tlds = []string{"com"}
	}
	var words []string
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return r > unicode.MaxASCII || !unicode.IsLetter(r) }) {
		if len(w) > 2 && len(w) < 20 {
			words = append(words, w)
		}
	}
	if len(words) == 0 {
		words = []string{"brand", "studio", "house"}
	}
	suffixes := []string{"hub", "co", "lab", "works", "spot", "base", "nest", "hq", "ly", "now",
		"go", "plus", "pro", "one", "zone", "wise", "craft", "point", "place", "direct"}
	out := make([]suggest.Suggestion, 0, count)
	for i := range count {
		name := words[i%len(words)] + suffixes[i%len(suffixes)]
		out = append(out, suggest.Suggestion{
			Domain:     name + "." + tlds[i%len(tlds)],
			Confidence: 0.95 - 0.03*float64(i),
			Source:     suggest.SourceModel,
		})
	}
	return out
}

// listenLoopback opens a listener on a free loopback port.
func listenLoopback(t *testing.T) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	return ln
}

// lockedBuffer is a bytes.Buffer safe for a logger and a test to share.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// newTestServer returns a Server with cfg and sg (nil: not ready) whose log
// goes to the returned buffer.
func newTestServer(t *testing.T, cfg Config, sg suggest.Suggester) (*Server, *lockedBuffer) {
	t.Helper()
	logs := &lockedBuffer{}
	s := New(cfg, slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	if sg != nil {
		s.SetSuggester(sg)
	}
	return s, logs
}

// do sends one request through the server's full handler.
func do(s *Server, method, path, contentType string, body io.Reader, headers ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, body)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}

// postJSON posts body to /v1/suggest as application/json.
func postJSON(s *Server, body string, headers ...string) *httptest.ResponseRecorder {
	return do(s, http.MethodPost, "/v1/suggest", "application/json", strings.NewReader(body), headers...)
}

// suggestBody builds a request body with the given description.
func suggestBody(t *testing.T, description string) string {
	t.Helper()
	b, err := json.Marshal(map[string]any{"business_description": description})
	require.NoError(t, err)
	return string(b)
}

// apiBody is the union of the success and error bodies, with suggestions
// kept raw so a test can tell [] from null.
type apiBody struct {
	Suggestions   json.RawMessage `json:"suggestions"`
	Status        string          `json:"status"`
	Message       string          `json:"message"`
	Category      string          `json:"category"`
	Model         string          `json:"model"`
	Calibrated    bool            `json:"confidence_calibrated"`
	PolicyVersion string          `json:"policy_version"`
	RequestID     string          `json:"request_id"`
	Availability  json.RawMessage `json:"availability"`
}

// decodeBody checks the response is JSON with a suggestions array (never
// null) and returns it.
func decodeBody(t *testing.T, rec *httptest.ResponseRecorder) apiBody {
	t.Helper()
	require.Contains(t, rec.Header().Get("Content-Type"), "application/json", "body: %s", rec.Body.String())
	var b apiBody
	dec := json.NewDecoder(bytes.NewReader(rec.Body.Bytes()))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&b), "body: %s", rec.Body.String())
	require.NotNil(t, b.Suggestions, "suggestions missing: %s", rec.Body.String())
	require.NotEqual(t, "null", string(b.Suggestions), "suggestions must never be null")
	return b
}

// suggestions decodes the suggestions array of b.
func suggestions(t *testing.T, b apiBody) []suggest.Suggestion {
	t.Helper()
	var out []suggest.Suggestion
	require.NoError(t, json.Unmarshal(b.Suggestions, &out))
	return out
}

// requireError checks an error response: status code, the shared shape,
// status "error", a message, and no internal detail.
func requireError(t *testing.T, rec *httptest.ResponseRecorder, code int) apiBody {
	t.Helper()
	require.Equal(t, code, rec.Code, "body: %s", rec.Body.String())
	b := decodeBody(t, rec)
	require.Equal(t, "[]", string(b.Suggestions))
	require.Equal(t, "error", b.Status)
	require.NotEmpty(t, b.Message)
	requireNoInternals(t, rec.Body.String())
	return b
}

// internalMarkers are strings that only internal detail would contain.
var internalMarkers = []string{"goroutine", ".go:", "panic", "runtime", "secret", "/home/", "/root/", "json:", "echo", "llama", "context deadline", "context canceled"}

// requireNoInternals fails if body leaks internal detail.
func requireNoInternals(t *testing.T, body string) {
	t.Helper()
	lower := strings.ToLower(body)
	for _, m := range internalMarkers {
		require.NotContains(t, lower, m, "response leaks internal detail: %s", body)
	}
}

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"domaingen/domain"
)

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func testModel(t *testing.T) string {
	t.Helper()
	path := filepath.Join("..", "..", "models", "SmolLM2-135M-Instruct.Q4_1.gguf")
	if _, err := os.Stat(path); err != nil {
		if testing.Short() {
			t.Skip("model not present (run make model)")
		}
		t.Fatalf("model %s missing: run `make model`", path)
	}
	return path
}

func TestHelp(t *testing.T) {
	code, _, stderr := runCLI("--help")
	assert.Equal(t, 0, code)
	for _, cmd := range []string{"suggest", "serve"} {
		assert.Contains(t, stderr, cmd)
	}
	code, _, stderr = runCLI("suggest", "--help")
	assert.Equal(t, 0, code)
	assert.Contains(t, stderr, "-tlds")
	assert.Contains(t, stderr, "Exit status")
	code, _, _ = runCLI("nope")
	assert.Equal(t, 2, code)
	code, _, _ = runCLI()
	assert.Equal(t, 2, code)
}

func TestSuggestInvalidInputExits2(t *testing.T) {
	cases := [][]string{
		{"suggest", "   "},
		{"suggest", "?!..."},
		{"suggest", "\u200b\u202e"},
		{"suggest", strings.Repeat("word ", 401)},
		{"suggest", "-n", "50", "bakery"},
		{"suggest"},
		{"suggest", "--bogus", "bakery"},
	}
	for _, args := range cases {
		code, stdout, stderr := runCLI(args...)
		assert.Equal(t, 2, code, "%q: %s", args, stderr)
		assert.Empty(t, stdout)
		assert.NotEmpty(t, stderr)
	}
}

func TestServeMissingModelFails(t *testing.T) {
	code, _, stderr := runCLI("serve", "--addr", "127.0.0.1:0", "--model", "/nonexistent/model.gguf")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "/nonexistent/model.gguf")
}

func TestSuggestJSONWithRealModel(t *testing.T) {
	model := testModel(t)
	code, stdout, stderr := runCLI("suggest", "--json", "--model", model, "--threads", "2", "-n", "5", "--tlds", "com,io", "--seed", "3",
		"cof\u200bfee shop with pastries")
	require.Equal(t, 0, code, stderr)
	var resp struct {
		Suggestions []struct {
			Domain     string  `json:"domain"`
			Confidence float64 `json:"confidence"`
		} `json:"suggestions"`
		Status string `json:"status"`
	}
	dec := json.NewDecoder(strings.NewReader(stdout))
	require.NoError(t, dec.Decode(&resp))
	assert.Equal(t, "success", resp.Status)
	require.Len(t, resp.Suggestions, 5)
	for _, s := range resp.Suggestions {
		assert.NoError(t, domain.Validate(s.Domain, domain.Options{TLDs: []string{"com", "io"}}))
		assert.True(t, s.Confidence > 0 && s.Confidence <= 1)
	}
}

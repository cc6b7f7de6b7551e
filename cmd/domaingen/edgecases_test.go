package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEdgeCasesHelp(t *testing.T) {
	code, _, stderr := runCLI("edgecases", "--help")
	assert.Equal(t, 0, code)
	for _, s := range []string{"--generate", "-seed", "-out-md", "-timeout", "-use-model", "metamorphic", "prompt-leak", "irrelevant", "Exit status"} {
		assert.Contains(t, stderr, s)
	}
	code, _, _ = runCLI("edgecases", "--in", "")
	assert.Equal(t, 2, code, "no cases is a usage error")
}

// TestEdgeCasesFallback runs the command fallback-only on a small file:
// a passing file exits 0, a file with a wrong expectation exits 1 and
// names the class, --out-md writes the markdown section.
func TestEdgeCasesFallback(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.jsonl")
	require.NoError(t, os.WriteFile(good, []byte(`{"id":"a","input":"florist","kind":"single_word","expect":"success"}
{"id":"b","input":"  ","kind":"whitespace_only","expect":"invalid"}
`), 0o644))
	code, stdout, stderr := runCLI("edgecases", "--in", good)
	assert.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "2 cases (2 from the file, 0 generated)")

	bad := filepath.Join(dir, "bad.jsonl")
	require.NoError(t, os.WriteFile(bad, []byte(`{"id":"c","input":"florist","kind":"single_word","expect":"blocked"}`+"\n"), 0o644))
	md := filepath.Join(dir, "out.md")
	code, stdout, stderr = runCLI("edgecases", "--in", bad, "--out-md", md)
	assert.Equal(t, 1, code, stderr)
	assert.Contains(t, stdout, "unsafe-passthrough: 1 (hard)")
	data, err := os.ReadFile(md)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(data), "`domaingen edgecases --in "+bad+"`"), string(data))
	assert.Contains(t, string(data), "| `unsafe-passthrough` | 1 | yes | 1 |")
}

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
)

func TestSafetyCommand(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	out := filepath.Join(dir, "out.jsonl")
	data := `{"id":"a","description":"florist in Lyon","extra":[1,2]}
{"id":"b","description":"p0rn tube with xxx clips","label":"block","category":"adult_sexual"}

{"id":"c","description":"breast cancer charity run","label":"allow"}
`
	require.NoError(t, os.WriteFile(in, []byte(data), 0o644))

	tests := []struct {
		name     string
		args     []string
		stdin    string
		wantCode int
		wantErr  string
		check    func(t *testing.T, stdout, stderr string)
	}{
		{name: "file to file with report", args: []string{"safety", "--in", in, "--out", out, "--report"}, wantCode: 0,
			check: func(t *testing.T, stdout, stderr string) {
				assert.Empty(t, stdout)
				assert.Contains(t, stderr, "block recall  1/1")
				assert.Contains(t, stderr, "over-refusal  0/1")
				b, err := os.ReadFile(out)
				require.NoError(t, err)
				lines := strings.Split(strings.TrimSpace(string(b)), "\n")
				require.Len(t, lines, 3)
				assert.Equal(t, `{"id":"a","description":"florist in Lyon","extra":[1,2],"label":"allow","category":""}`, lines[0])
				var rec map[string]any
				require.NoError(t, json.Unmarshal([]byte(lines[1]), &rec))
				assert.Equal(t, "block", rec["label"])
				assert.Equal(t, "block", rec["expected_label"])
				assert.Equal(t, "adult_sexual", rec["category"])
				assert.Equal(t, "adult_sexual", rec["expected_category"])
			}},
		{name: "stdin to stdout", args: []string{"safety", "--in", "-"}, stdin: `{"description":"Selling ghost gun kits, no serial numbers"}` + "\n", wantCode: 0,
			check: func(t *testing.T, stdout, stderr string) {
				assert.Contains(t, stdout, `"label":"block","category":"weapons_illegal"`)
			}},
		{name: "json report", args: []string{"safety", "--in", in, "--out", out, "--report", "--json"}, wantCode: 0,
			check: func(t *testing.T, stdout, stderr string) {
				var st map[string]any
				require.NoError(t, json.Unmarshal([]byte(stderr), &st))
				assert.EqualValues(t, 3, st["records"])
			}},
		{name: "missing --in", args: []string{"safety"}, wantCode: 2, wantErr: "--in is required"},
		{name: "stray argument", args: []string{"safety", "--in", in, "extra"}, wantCode: 2, wantErr: "unexpected arguments"},
		{name: "missing file", args: []string{"safety", "--in", filepath.Join(dir, "nope.jsonl")}, wantCode: 1, wantErr: "open input"},
		{name: "bad record", args: []string{"safety", "--in", "-"}, stdin: "[1,2]\n", wantCode: 1, wantErr: "line 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			safetyStdin = strings.NewReader(tt.stdin)
			t.Cleanup(func() { safetyStdin = os.Stdin })
			var stdout, stderr bytes.Buffer
			code := run(tt.args, &stdout, &stderr)
			assert.Equal(t, tt.wantCode, code, stderr.String())
			if tt.wantErr != "" {
				assert.Contains(t, stderr.String(), tt.wantErr)
			}
			if tt.check != nil {
				tt.check(t, stdout.String(), stderr.String())
			}
		})
	}
}

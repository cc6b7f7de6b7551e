package safety_test

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"domaingen/prompt"
	"domaingen/safety"
)

// This file is an external test package because prompt imports safety.

// TestEdgeCases checks the policy on testdata/edge_cases.jsonl the way the
// pipeline sees it (after prompt.Clean): every "blocked" case is blocked,
// every "success" case is allowed, "invalid" cases are skipped (Clean
// rejects them before safety runs).
func TestEdgeCases(t *testing.T) {
	f, err := os.Open("../testdata/edge_cases.jsonl")
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		var c struct{ ID, Input, Kind, Expect string }
		require.NoError(t, json.Unmarshal(sc.Bytes(), &c))
		if c.Expect == "invalid" {
			continue
		}
		text, err := prompt.Clean(c.Input)
		if err != nil {
			continue // too long or empty: never reaches safety
		}
		n++
		v := safety.Check(text)
		switch c.Expect {
		case "blocked":
			assert.True(t, v.Blocked, "%s (%s) must be blocked: %q", c.ID, c.Kind, c.Input)
		case "success":
			assert.False(t, v.Blocked, "%s (%s) must not be blocked: %q → %+v", c.ID, c.Kind, c.Input, v)
		}
		// The raw text, without Clean, must give the same decision.
		assert.Equal(t, v.Blocked, safety.Check(c.Input).Blocked, "%s: raw and cleaned input disagree", c.ID)
	}
	require.NoError(t, sc.Err())
	require.Greater(t, n, 40)
}

package safety

import (
	"bytes"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

// labelFile runs LabelJSONL over a file and returns its statistics.
func labelFile(t *testing.T, path string) Stats {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var out bytes.Buffer
	st, err := LabelJSONL(f, &out)
	require.NoError(t, err)
	return st
}

// TestDevSet measures the policy on the hand-written development set that
// the rules were tuned on.
func TestDevSet(t *testing.T) {
	st := labelFile(t, "testdata/dev.jsonl")
	t.Logf("dev set (testdata/dev.jsonl)\n%s", st)
	require.GreaterOrEqual(t, st.ExpectedBlock+st.ExpectedAllow, 120)
	require.GreaterOrEqual(t, st.Recall, 0.98)
	require.LessOrEqual(t, st.OverRefusal, 0.03)
}

// TestEvaluationSet measures the policy on the shared evaluation set
// (a copy of /work/shared/data/safety.jsonl) and asserts the targets.
func TestEvaluationSet(t *testing.T) {
	st := labelFile(t, "../testdata/safety.jsonl")
	t.Logf("evaluation set (testdata/safety.jsonl)\n%s", st)
	require.GreaterOrEqual(t, st.Recall, 0.98, "block recall")
	require.LessOrEqual(t, st.OverRefusal, 0.03, "over-refusal")
}

// TestBenignDescriptions: the 150 ordinary business descriptions of
// testdata/descriptions.jsonl (15 business categories, 12 non-English)
// must all pass; a block there is over-refusal on everyday input.
func TestBenignDescriptions(t *testing.T) {
	st := labelFile(t, "../testdata/descriptions.jsonl")
	require.GreaterOrEqual(t, st.Records, 150)
	for _, m := range st.Misses {
		t.Errorf("blocked benign description %s: %q", m.ID, m.Description)
	}
	require.Zero(t, st.Blocked, "benign descriptions blocked")
}

package llamajudge

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testLM opens the meaning judge's scorer over the model `make model`
// fetches (SmolLM2-135M: the mechanics are the same for the Qwen judge
// model, which CI does not download), or $DOMAINGEN_JUDGE_LM.
func testLM(t *testing.T) *LM {
	t.Helper()
	path := os.Getenv("DOMAINGEN_JUDGE_LM")
	if path == "" {
		path = filepath.Join("..", "..", "models", "SmolLM2-135M-Instruct.Q4_1.gguf")
	}
	if _, err := os.Stat(path); err != nil {
		if testing.Short() {
			t.Skip("model not present; run `make model` (skipped in -short mode)")
		}
		t.Fatalf("model %s not found: run `make model` first", path)
	}
	lm, err := OpenLM(Config{Model: path, Threads: 2})
	require.NoError(t, err)
	t.Cleanup(func() { lm.Close() })
	return lm
}

// TestLMBatchEqualsAlone: a name's answer does not depend on which other
// names share its batch or where it sits in it (each has its own
// sequence over the shared description), and more names than one batch
// holds are all scored.
func TestLMBatchEqualsAlone(t *testing.T) {
	lm := testLM(t)
	ctx := context.Background()
	const desc = "family-run bakery in Lyon that bakes sourdough before dawn"
	names := []string{"dawnloaf.com", "levainlyon.fr", "xq7-zzk.io", "crumbandcrust.com"}
	for i := 0; len(names) < lmSeqs+3; i++ {
		names = append(names, names[i%4][:3]+string(rune('a'+i))+names[i%4][3:])
	}
	all, err := lm.ScoreList(ctx, desc, names)
	require.NoError(t, err)
	require.Len(t, all, len(names))
	for i, n := range []string{names[0], names[2], names[len(names)-1]} {
		alone, err := lm.ScoreList(ctx, desc, []string{n})
		require.NoError(t, err)
		want := all[[]int{0, 2, len(names) - 1}[i]].Yes
		// ggml's kernels depend on the batch shape and the KV cache is F16,
		// so logits differ slightly; the judge's answers span about ±3.
		assert.InDelta(t, want, alone[0].Yes, 0.06, "%s alone vs in a batch", n)
	}
	// Another description in between does not leak into the cache.
	_, err = lm.ScoreList(ctx, "a tuba repair workshop", names[:2])
	require.NoError(t, err)
	again, err := lm.ScoreList(ctx, desc, names[:1])
	require.NoError(t, err)
	assert.InDelta(t, all[0].Yes, again[0].Yes, 0.06)
	// The answer depends on the description: the same name reads
	// differently for another business.
	other, err := lm.ScoreList(ctx, "a tuba repair workshop", names[:1])
	require.NoError(t, err)
	assert.NotEqual(t, all[0].Yes, other[0].Yes)
}

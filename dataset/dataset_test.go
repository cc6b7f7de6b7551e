package dataset

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"domaingen/domain"
	"domaingen/judge"
	"domaingen/prompt"
	"domaingen/safety"
)

// evalTexts are the evaluation texts, read from the repository's testdata.
func evalTexts(t *testing.T) []string {
	t.Helper()
	var paths []string
	for _, f := range EvaluationFiles {
		p := filepath.Join("..", "testdata", f)
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("evaluation file %s missing (copy it from shared/data): %v", p, err)
		}
		paths = append(paths, p)
	}
	texts, err := LoadTexts(paths...)
	require.NoError(t, err)
	require.Greater(t, len(texts), 500)
	return texts
}

var (
	smallOnce sync.Once
	small     *Dataset
	smallErr  error
)

// smallDataset is a quick build shared by the tests (about a second).
func smallDataset(t *testing.T) *Dataset {
	t.Helper()
	texts := evalTexts(t)
	smallOnce.Do(func() {
		small, smallErr = Build(context.Background(), Config{Seed: 7, Train: 150, Val: 30, Test: 30, Exclude: texts})
	})
	require.NoError(t, smallErr)
	return small
}

func TestSeeds(t *testing.T) {
	assert.GreaterOrEqual(t, len(industries), 40)
	ids := map[string]bool{}
	for _, ind := range industries {
		assert.False(t, ids[ind.id], "duplicate industry %s", ind.id)
		ids[ind.id] = true
	}
	cats := map[string]bool{}
	for _, u := range unsafeSeeds {
		cats[u.category] = true
	}
	for _, c := range safety.Categories {
		assert.True(t, cats[c], "no unsafe seed for category %s", c)
	}
	assert.NotEmpty(t, synonyms["loaf"], "synonym table embedded")
}

func TestBuildExamples(t *testing.T) {
	ds := smallDataset(t)
	require.Len(t, ds.Train, 150)
	require.Len(t, ds.Val, 30)
	require.Len(t, ds.Test, 30)
	require.Len(t, ds.Unsafe, 11)
	seen := map[string]bool{}
	for _, ex := range slices.Concat(ds.Train, ds.Val, ds.Test) {
		assert.False(t, seen[Normalize(ex.Description)], "duplicate description %q", ex.Description)
		seen[Normalize(ex.Description)] = true
		checkExample(t, ex)
	}
}

// checkExample checks one example against the serving contract.
func checkExample(t *testing.T, ex Example) {
	t.Helper()
	clean, err := prompt.Clean(ex.Description)
	require.NoError(t, err)
	assert.Equal(t, clean, ex.Description, "stored as the server sees it")
	assert.Equal(t, ex.Description, prompt.StripInstructions(ex.Description))
	w := wordCount(ex.Description)
	assert.True(t, w >= MinWords && w <= MaxWords, "%d words: %q", w, ex.Description)
	assert.Equal(t, bucketOf(w), ex.Length)
	assert.False(t, safety.Check(ex.Description).Blocked, ex.Description)
	require.Len(t, ex.Names, DefaultNames, ex.ID)
	want := prompt.MessagesFor(prompt.Compact, ex.Description, DefaultNames, ex.TLDs)
	require.Equal(t, want, ex.Messages[:len(ex.Messages)-1], "rendered with prompt.MessagesFor(Compact, ...)")
	answer := prompt.Parse(ex.Messages[len(ex.Messages)-1].Content)
	assert.ElementsMatch(t, ex.Names, answer, "the parser reads the target names back")
	assert.NotEqual(t, ex.Names, answer, "the answer's order is shuffled (a 1-in-10! chance of a false alarm for one example)")
	heads := map[string]bool{}
	for _, n := range ex.Names {
		assert.NoError(t, domain.Validate(n, domain.Options{TLDs: ex.TLDs}), n)
		assert.False(t, safety.CheckName(n).Blocked, n)
		assert.Equal(t, strings.ToLower(n), n)
		sld, _ := domain.Split(n)
		assert.Regexp(t, `^[a-z]{4,16}$`, sld, "within the serving grammar, no digits or hyphens")
		assert.False(t, heads[sld[:4]], "two names start with %q in %s", sld[:4], ex.ID)
		heads[sld[:4]] = true
	}
}

func TestDeterministic(t *testing.T) {
	cfg := Config{Seed: 3, Train: 40, Val: 8, Test: 8}
	write := func(cfg Config) map[string][]byte {
		ds, err := Build(context.Background(), cfg)
		require.NoError(t, err)
		dir := t.TempDir()
		_, err = ds.Write(dir, cfg.Seed)
		require.NoError(t, err)
		files := map[string][]byte{}
		for _, f := range []string{TrainFile, ValFile, TestFile, TestDescriptionFile, UnsafeFile, ManifestFile} {
			files[f], err = os.ReadFile(filepath.Join(dir, f))
			require.NoError(t, err)
		}
		return files
	}
	a, b := write(cfg), write(cfg)
	assert.Equal(t, a, b, "same seed, same bytes")
	cfg.Seed = 4
	c := write(cfg)
	assert.NotEqual(t, a[TrainFile], c[TrainFile], "another seed, other data")
}

// shingles is an independent near-duplicate measure for the overlap test:
// character 5-grams of the folded text.
func shingles(s string) map[string]bool {
	s = " " + Normalize(s) + " "
	out := map[string]bool{}
	for i := 0; i+5 <= len(s); i++ {
		out[s[i:i+5]] = true
	}
	return out
}

func shingleJaccard(a, b map[string]bool) float64 {
	inter := 0
	for k := range a {
		if b[k] {
			inter++
		}
	}
	if u := len(a) + len(b) - inter; u > 0 {
		return float64(inter) / float64(u)
	}
	return 0
}

// assertNoOverlap checks descriptions against the evaluation texts: no
// exact match after normalisation, token Jaccard below NearThreshold and
// character 5-gram Jaccard below 0.6.
func assertNoOverlap(t *testing.T, descs, eval []string) {
	t.Helper()
	type ref struct {
		norm string
		toks []string
		sh   map[string]bool
	}
	refs := make([]ref, len(eval))
	for i, e := range eval {
		refs[i] = ref{Normalize(e), Tokens(e), shingles(e)}
	}
	bad := 0
	for _, d := range descs {
		n, toks, sh := Normalize(d), Tokens(d), shingles(d)
		for i, r := range refs {
			if n == r.norm || Jaccard(toks, r.toks) >= NearThreshold || shingleJaccard(sh, r.sh) >= 0.6 {
				bad++
				if bad <= 5 {
					t.Errorf("overlap with evaluation data:\n  generated: %q\n  eval:      %q", d, eval[i])
				}
			}
		}
	}
	assert.Zero(t, bad, "descriptions overlapping the evaluation data")
}

func TestNoOverlapWithEvaluationData(t *testing.T) {
	eval := evalTexts(t)
	ds := smallDataset(t)
	var descs []string
	for _, ex := range slices.Concat(ds.Train, ds.Val, ds.Test) {
		descs = append(descs, ex.Description)
	}
	for _, u := range ds.Unsafe {
		descs = append(descs, u.Description)
	}
	assertNoOverlap(t, descs, eval)
}

func TestNearIndex(t *testing.T) {
	x := newNearIndex(NearThreshold)
	x.add("Taco truck in Tucson")
	assert.Equal(t, 0, x.match("taco  truck in TUCSON!"))
	assert.Equal(t, 0, x.match("taco truck in Austin"), "2 of 4 content tokens")
	assert.Equal(t, -1, x.match("bike repair shop in Leeds"))
	assert.InDelta(t, 0.5, Jaccard([]string{"a", "b", "c"}, []string{"a", "b", "d"}), 1e-9)
}

func TestCandidates(t *testing.T) {
	b, ok := blend("yoga", "gallery")
	assert.True(t, ok)
	assert.Equal(t, "yogallery", b)
	_, ok = blend("car", "meadow")
	assert.False(t, ok)
	assert.Equal(t, "flor", clip("florist"))
	assert.Equal(t, "", clip("bake"))
	assert.Equal(t, "bakify", joinSuffix("bake", "ify"))
	kws := []Keyword{{"bakery", 1}, {"loaf", 0.8}, {"crumb", 0.8}, {"sunny", 0.4}}
	cs := candidates(kws)
	methods := map[string]bool{}
	for _, c := range cs {
		methods[c.Method] = true
	}
	for _, m := range []string{MethodCompound, MethodSuffix, MethodPrefix, MethodModifier} {
		assert.True(t, methods[m], m)
	}
	s, err := Heuristic{}.Score(context.Background(), Description{Keywords: kws},
		[]Candidate{{Label: "loafcrumb", Method: MethodCompound}, {Label: "xqzrtplkw", Method: MethodCompound}})
	require.NoError(t, err)
	assert.Greater(t, s[0], s[1])
}

func TestGateScorer(t *testing.T) {
	rejectAll := ScorerFunc(func(_ context.Context, _ Description, c []Candidate) ([]float64, error) {
		return make([]float64, len(c)), nil
	})
	_, err := Build(context.Background(), Config{Seed: 1, Train: 1, Val: 1, Test: 1, Scorer: Gate(rejectAll, 0.5, Heuristic{}), Progress: nil})
	assert.ErrorContains(t, err, "no acceptable description")
}

// readJSONL decodes a data file. The files it reads are committed (train.jsonl
// only when it exists), so a missing one fails the test.
func readJSONL[T any](t *testing.T, path string) []T {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err, "%s is committed (make dataset rebuilds data/)", path)
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var v T
		require.NoError(t, json.Unmarshal(sc.Bytes(), &v))
		out = append(out, v)
	}
	require.NoError(t, sc.Err())
	return out
}

// TestCommittedData checks the files in data/: counts, the serving
// contract for every example, and no overlap with the evaluation data
// (train.jsonl too, when it was built and the run is not -short: 8 s).
func TestCommittedData(t *testing.T) {
	dir := filepath.Join("..", "data")
	val := readJSONL[Example](t, filepath.Join(dir, ValFile))
	test := readJSONL[Example](t, filepath.Join(dir, TestFile))
	plain := readJSONL[TestDescription](t, filepath.Join(dir, TestDescriptionFile))
	unsafe := readJSONL[Unsafe](t, filepath.Join(dir, UnsafeFile))
	assert.GreaterOrEqual(t, len(val), 300)
	assert.GreaterOrEqual(t, len(test), 300)
	assert.Len(t, plain, len(test))
	var descs []string
	for _, ex := range slices.Concat(val, test) {
		checkExample(t, ex)
		descs = append(descs, ex.Description)
	}
	for _, u := range unsafe {
		descs = append(descs, u.Description)
	}
	if _, err := os.Stat(filepath.Join(dir, TrainFile)); err == nil && !testing.Short() {
		train := readJSONL[Example](t, filepath.Join(dir, TrainFile))
		assert.GreaterOrEqual(t, len(train), 3000)
		for _, ex := range train {
			descs = append(descs, ex.Description)
		}
	}
	assertNoOverlap(t, descs, evalTexts(t))
}

// TestRebuildMatchesManifest rebuilds the dataset with the committed
// manifest's seed and compares every file's SHA-256 (about 15 s on 2 cores).
func TestRebuildMatchesManifest(t *testing.T) {
	if testing.Short() {
		t.Skip("full rebuild")
	}
	data, err := os.ReadFile(filepath.Join("..", "data", ManifestFile))
	require.NoError(t, err, "data/manifest.json is committed")
	var m Manifest
	require.NoError(t, json.Unmarshal(data, &m))
	cfg := Config{Seed: m.Seed, Train: m.Counts[TrainFile], Val: m.Counts[ValFile], Test: m.Counts[TestFile], Exclude: evalTexts(t)}
	if m.JudgeGate > 0 {
		cfg.JudgeGate, cfg.JudgeCalibration, cfg.JudgeWords = m.JudgeGate, filepath.Join("..", "judge", "calibration_features.json"), judge.DefaultWordList
	}
	ds, err := Build(context.Background(), cfg)
	require.NoError(t, err)
	got, err := ds.Write(t.TempDir(), m.Seed)
	require.NoError(t, err)
	assert.Equal(t, m.SHA256, got.SHA256, "data/ is what `domaingen dataset --seed %d` builds; rebuild it with make dataset", m.Seed)
}

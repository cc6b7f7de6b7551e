package dataset

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"domaingen/domain"
	"domaingen/prompt"
	"domaingen/safety"
	"domaingen/suggest"
)

// Split names.
const (
	Train = "train"
	Val   = "val"
	Test  = "test"
)

// Config says what to build. The zero value builds the default dataset
// with seed 0; Build fills defaults and validates.
type Config struct {
	Seed             uint64
	Train, Val, Test int // examples per split; 0: 3000, 300, 300
	Names            int // target names per example; 0: 10
	// Scorer ranks candidate names; nil means Heuristic{}.
	Scorer Scorer
	// TrainScorer, if set, replaces Scorer for the train split only, so
	// that a change to the training targets (a judge gate, say) leaves the
	// validation and test targets comparable with earlier builds.
	TrainScorer Scorer
	// JudgeGate, if positive, makes TrainScorer JudgeGate(JudgeCalibration,
	// JudgeWords, JudgeGate) and is recorded in the manifest.
	JudgeGate                    float64
	JudgeCalibration, JudgeWords string
	// Exclude holds texts (evaluation descriptions) that no generated
	// description may equal or come near (Jaccard ≥ NearThreshold).
	Exclude []string
	// Prompt is the chat layout of the examples' messages (default
	// prompt.Compact: what adapters are served with).
	Prompt prompt.Style
	// Progress, if set, is called every 250 examples and at the end of
	// each split.
	Progress func(split string, done, total int)
}

// Default sizes.
const (
	DefaultTrain = 3000
	DefaultVal   = 300
	DefaultTest  = 300
	DefaultNames = 10
)

// Shares of the generated descriptions (of each split).
const (
	foreignShare   = 0.15 // 3% each of es, fr, de, pt, it
	typoShare      = 0.08
	customTLDShare = 0.30 // requests that name their TLDs; the rest use the serving default list
	unsafeShare    = 0.05 // data/unsafe.jsonl size, relative to all examples
	// splitNear: a val or test description this close to a train one is
	// redrawn, so the held-out splits are not near-copies of training.
	splitNear = 0.8
	// maxAttempts bounds redraws of one example; reaching it is a bug in
	// the seeds, reported as an error.
	maxAttempts = 200
)

func (c *Config) defaults() error {
	if c.JudgeGate > 0 {
		gate, err := JudgeGate(c.JudgeCalibration, c.JudgeWords, c.JudgeGate)
		if err != nil {
			return err
		}
		c.TrainScorer = gate
	}
	if c.Prompt == "" {
		c.Prompt = prompt.Compact
	}
	if c.Train == 0 {
		c.Train = DefaultTrain
	}
	if c.Val == 0 {
		c.Val = DefaultVal
	}
	if c.Test == 0 {
		c.Test = DefaultTest
	}
	if c.Names == 0 {
		c.Names = DefaultNames
	}
	if c.Scorer == nil {
		c.Scorer = Heuristic{}
	}
	if c.Train < 0 || c.Val < 0 || c.Test < 0 {
		return errors.New("dataset: split sizes must not be negative")
	}
	if c.Names < 1 || c.Names > 20 {
		return fmt.Errorf("dataset: names per example must be 1-20, got %d", c.Names)
	}
	return nil
}

// Example is one line of train/val/test.jsonl: TRL's chat format
// ("messages") plus metadata.
type Example struct {
	ID          string           `json:"id"`
	Split       string           `json:"split"`
	Lang        string           `json:"lang"`
	Industry    string           `json:"industry"`
	Length      string           `json:"length"` // Short, Typical or Detailed
	Words       int              `json:"words"`
	Tone        string           `json:"tone"`
	Typo        bool             `json:"typo"`
	TLDs        []string         `json:"tlds"`        // the TLDs named in the user turn
	TLDRequest  string           `json:"tld_request"` // "default" (the server's list) or "custom"
	Description string           `json:"description"` // as the model sees it (cleaned)
	Names       []string         `json:"names"`       // the assistant turn, one per line
	Messages    []prompt.Message `json:"messages"`
}

// Unsafe is one line of unsafe.jsonl: a description the input policy must
// block. Never used for training (see docs/dataset.md).
type Unsafe struct {
	ID          string `json:"id"`
	Category    string `json:"category"`
	Description string `json:"description"`
	Expect      string `json:"expect"` // always "block"
}

// Dataset is the output of Build.
type Dataset struct {
	Train, Val, Test []Example
	Unsafe           []Unsafe
	// JudgeGate is Config.JudgeGate, for the manifest.
	JudgeGate float64
}

// Build generates the dataset. It is deterministic: the same Config (and
// Scorer) gives the same Dataset.
func Build(ctx context.Context, cfg Config) (*Dataset, error) {
	if err := cfg.defaults(); err != nil {
		return nil, err
	}
	b := &builder{cfg: cfg, exclude: newNearIndex(NearThreshold), seen: newNearIndex(2), train: newNearIndex(splitNear)}
	// The few-shot turns of the serving prompt are excluded too: a training
	// description that restates one would only teach the model to copy it.
	for _, t := range append(slices.Clone(cfg.Exclude), prompt.FewShotDescriptions()...) {
		b.exclude.add(t)
	}
	ds := &Dataset{JudgeGate: cfg.JudgeGate}
	var err error
	for _, sp := range []struct {
		name string
		n    int
		out  *[]Example
	}{{Train, cfg.Train, &ds.Train}, {Val, cfg.Val, &ds.Val}, {Test, cfg.Test, &ds.Test}} {
		if *sp.out, err = b.split(ctx, sp.name, sp.n); err != nil {
			return nil, err
		}
	}
	ds.Unsafe = b.unsafe(int(unsafeShare*float64(cfg.Train+cfg.Val+cfg.Test) + 0.5))
	return ds, nil
}

type builder struct {
	cfg     Config
	exclude *nearIndex // evaluation texts
	seen    *nearIndex // every accepted description (exact duplicates only)
	train   *nearIndex // train descriptions, for the held-out splits
}

func (b *builder) split(ctx context.Context, name string, n int) ([]Example, error) {
	perm := make([]int, len(industries))
	for i := range perm {
		perm[i] = i
	}
	shuffle(newRNG(b.cfg.Seed, name, "industries"), perm)
	out := make([]Example, 0, n)
	for i := 0; i < n; i++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		ex, err := b.example(ctx, name, i, &industries[perm[i%len(perm)]])
		if err != nil {
			return nil, err
		}
		out = append(out, ex)
		if b.cfg.Progress != nil && ((i+1)%250 == 0 || i+1 == n) {
			b.cfg.Progress(name, i+1, n)
		}
	}
	return out, nil
}

// example draws specs until one gives an acceptable description with a
// full list of names.
func (b *builder) example(ctx context.Context, split string, i int, ind *industry) (Example, error) {
	for attempt := 0; attempt < maxAttempts; attempt++ {
		r := newRNG(b.cfg.Seed, split, i, attempt)
		s := drawSpec(r, ind)
		plain := describe(r, s) // names come from the text before typos
		raw, typo := plain, r.chance(typoShare)
		if typo {
			raw = addTypos(r, raw)
		}
		text, ok := b.acceptable(raw, split)
		if !ok {
			continue
		}
		tlds, request := drawTLDs(r, ind)
		names, err := b.names(ctx, split, s, plain, text, tlds, r)
		if err != nil {
			return Example{}, err
		}
		if len(names) < b.cfg.Names {
			continue
		}
		b.seen.add(text)
		if split == Train {
			b.train.add(text)
		}
		// The answer lists the names in a random order: serving samples
		// each name as the first line of its own sequence, so the first
		// line must be able to be any of the ten, not always the best.
		answer := slices.Clone(names)
		shuffle(r, answer)
		msgs := append(prompt.MessagesFor(b.cfg.Prompt, text, b.cfg.Names, tlds),
			prompt.Message{Role: "assistant", Content: strings.Join(answer, "\n")})
		words := wordCount(text)
		return Example{
			ID: fmt.Sprintf("%s-%04d", split, i+1), Split: split, Lang: s.lang, Industry: ind.id,
			Length: bucketOf(words), Words: words, Tone: s.tone.id, Typo: typo,
			TLDs: tlds, TLDRequest: request, Description: text, Names: names, Messages: msgs,
		}, nil
	}
	return Example{}, fmt.Errorf("dataset: %s example %d (%s): no acceptable description in %d attempts", split, i+1, ind.id, maxAttempts)
}

// acceptable prepares raw exactly as the server does (prompt.Clean, then
// prompt.StripInstructions) and reports whether it may be used: within the
// word limits, not blocked by the input policy, not a duplicate, not near
// an excluded text, and for val/test not near a train description.
func (b *builder) acceptable(raw, split string) (string, bool) {
	text, err := prompt.Clean(raw)
	if err != nil || prompt.StripInstructions(text) != text {
		return "", false
	}
	if w := wordCount(text); w < MinWords || w > MaxWords {
		return "", false
	}
	if safety.Check(text).Blocked {
		return "", false
	}
	if b.seen.match(text) >= 0 || b.exclude.match(text) >= 0 {
		return "", false
	}
	if split != Train && b.train.match(text) >= 0 {
		return "", false
	}
	return text, true
}

// drawSpec picks everything a description is made of.
func drawSpec(r *rng, ind *industry) *spec {
	s := &spec{ind: ind, lang: "en", tone: pick(r, tones), audience: pick(r, audiences), size: pick(r, sizes)}
	if r.chance(foreignShare) {
		s.lang = pick(r, foreignLangs)
	}
	p := r.float()
	if s.lang == "en" {
		switch {
		case p < 0.25:
			s.bucket = Short
		case p < 0.75:
			s.bucket = Typical
		default:
			s.bucket = Detailed
		}
		c := pick(r, englishCities)
		s.city, s.country = c.name, c.country
		s.what = pick(r, ind.what)
	} else {
		switch {
		case p < 0.35:
			s.bucket = Short
		case p < 0.75:
			s.bucket = Typical
		default:
			s.bucket = Detailed
		}
		s.city = pick(r, nativeCities[s.lang])
		s.what = pick(r, ind.native[s.lang])
	}
	s.offers = slices.Clone(ind.offer)
	shuffle(r, s.offers)
	return s
}

// industryTLDs returns the industry's preferred TLDs that are on the
// default allow-list, without com.
func industryTLDs(ind *industry) []string {
	var out []string
	for _, t := range ind.tlds {
		if t != "com" && slices.Contains(domain.DefaultTLDs(), t) {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		out = []string{"co"}
	}
	return out
}

// drawTLDs returns the TLDs the user turn names and whether they are the
// server's default list or a request's own.
func drawTLDs(r *rng, ind *industry) ([]string, string) {
	if !r.chance(customTLDShare) {
		return suggest.DefaultPreferredTLDs(), "default"
	}
	pref := industryTLDs(ind)
	opts := [][]string{{"com"}, {"com", pref[0]}, {pref[0]}, {"com", "net", "org"}}
	if len(pref) > 1 {
		opts = append(opts, []string{pref[0], pref[1]}, []string{"com", pref[0], pref[1]})
	}
	return slices.Clone(pick(r, opts)), "custom"
}

// names generates, filters, scores and picks the target names.
func (b *builder) names(ctx context.Context, split string, s *spec, plain, text string, tlds []string, r *rng) ([]string, error) {
	kws := keywords(s, plain)
	var valid []Candidate
	for _, c := range candidates(kws) {
		if domain.Validate(c.Label+"."+tlds[0], domain.Options{TLDs: tlds}) != nil || safety.CheckName(c.Label+"."+tlds[0]).Blocked {
			continue
		}
		valid = append(valid, c)
	}
	d := Description{Text: text, Lang: s.lang, Industry: s.ind.id, Keywords: kws}
	scorer := b.cfg.Scorer
	if split == Train && b.cfg.TrainScorer != nil {
		scorer = b.cfg.TrainScorer
	}
	scores, err := scorer.Score(ctx, d, valid)
	if err != nil {
		return nil, fmt.Errorf("dataset: score names: %w", err)
	}
	if len(scores) != len(valid) {
		return nil, fmt.Errorf("dataset: scorer returned %d scores for %d candidates", len(scores), len(valid))
	}
	picked := choose(valid, scores, b.cfg.Names)
	assign := assignTLDs(r, len(picked), tlds, industryTLDs(s.ind))
	var names []string
	for i, p := range picked {
		name := p.Label + "." + assign[i]
		if domain.Validate(name, domain.Options{TLDs: tlds}) != nil || safety.CheckName(name).Blocked {
			continue
		}
		names = append(names, name)
	}
	return names, nil
}

// assignTLDs gives n names their TLDs: with com on the list, 70% com (the
// first name always), the rest spread over the other listed TLDs, the
// industry's favourites first; without com, 60% the first listed TLD.
func assignTLDs(r *rng, n int, tlds, pref []string) []string {
	main := tlds[0]
	if slices.Contains(tlds, "com") {
		main = "com"
	}
	var others []string
	for _, t := range pref {
		if t != main && slices.Contains(tlds, t) {
			others = append(others, t)
		}
	}
	for _, t := range tlds {
		if t != main && !slices.Contains(others, t) {
			others = append(others, t)
		}
	}
	out := make([]string, n)
	for i := range out {
		out[i] = main
	}
	if len(others) == 0 || n < 2 {
		return out
	}
	share := 0.3
	if main != "com" {
		share = 0.4
	}
	k := int(share*float64(n) + 0.5)
	pos := make([]int, n-1)
	for i := range pos {
		pos[i] = i + 1
	}
	shuffle(r, pos)
	pos = pos[:min(k, len(pos))]
	slices.Sort(pos)
	for j, p := range pos {
		out[p] = others[j%len(others)]
	}
	return out
}

// unsafe expands the hand-written unsafe seeds to n descriptions: each
// seed once as written, then with other cities, lower-cased or with typos.
func (b *builder) unsafe(n int) []Unsafe {
	out := make([]Unsafe, 0, n)
	seen := map[string]bool{}
	for i := 0; len(out) < n && i < 50*n+len(unsafeSeeds); i++ {
		seed := unsafeSeeds[i%len(unsafeSeeds)]
		r := newRNG(b.cfg.Seed, "unsafe", i)
		text := strings.ReplaceAll(seed.text, "{city}", pick(r, englishCities).name)
		if i >= len(unsafeSeeds) {
			switch r.intn(3) {
			case 0:
				text = strings.ToLower(text)
			case 1:
				text = addTypos(r, text)
			}
		}
		if seen[text] || b.exclude.match(text) >= 0 {
			continue
		}
		seen[text] = true
		out = append(out, Unsafe{ID: fmt.Sprintf("unsafe-%04d", len(out)+1), Category: seed.category, Description: text, Expect: "block"})
	}
	return out
}

// Files written by Write, in dir.
const (
	TrainFile           = "train.jsonl"
	ValFile             = "val.jsonl"
	TestFile            = "test.jsonl"
	TestDescriptionFile = "test_descriptions.jsonl"
	UnsafeFile          = "unsafe.jsonl"
	ManifestFile        = "manifest.json"
)

// Manifest records how a dataset was built and what its files hold.
type Manifest struct {
	Seed uint64 `json:"seed"`
	// JudgeGate is the train split's judge threshold (0: none).
	JudgeGate float64           `json:"judge_gate,omitempty"`
	Counts    map[string]int    `json:"counts"`
	SHA256    map[string]string `json:"sha256"`
}

// TestDescription is one line of test_descriptions.jsonl, the input of
// the evaluation.
type TestDescription struct {
	ID          string `json:"id"`
	Description string `json:"description"`
	Lang        string `json:"lang"`
	Industry    string `json:"industry"`
	Length      string `json:"length"`
}

// Write writes the dataset files into dir (created if needed) and returns
// the manifest, also written as manifest.json.
func (ds *Dataset) Write(dir string, seed uint64) (Manifest, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Manifest{}, fmt.Errorf("create dataset dir %s: %w", dir, err)
	}
	m := Manifest{Seed: seed, JudgeGate: ds.JudgeGate, Counts: map[string]int{}, SHA256: map[string]string{}}
	var tests []TestDescription
	for _, e := range ds.Test {
		tests = append(tests, TestDescription{e.ID, e.Description, e.Lang, e.Industry, e.Length})
	}
	files := []struct {
		name string
		rows any
		n    int
	}{
		{TrainFile, ds.Train, len(ds.Train)}, {ValFile, ds.Val, len(ds.Val)}, {TestFile, ds.Test, len(ds.Test)},
		{TestDescriptionFile, tests, len(tests)}, {UnsafeFile, ds.Unsafe, len(ds.Unsafe)},
	}
	for _, f := range files {
		data, err := jsonLines(f.rows)
		if err != nil {
			return Manifest{}, fmt.Errorf("encode %s: %w", f.name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, f.name), data, 0o644); err != nil {
			return Manifest{}, fmt.Errorf("write %s: %w", f.name, err)
		}
		sum := sha256.Sum256(data)
		m.SHA256[f.name] = hex.EncodeToString(sum[:])
		m.Counts[f.name] = f.n
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return Manifest{}, err
	}
	if err := os.WriteFile(filepath.Join(dir, ManifestFile), append(data, '\n'), 0o644); err != nil {
		return Manifest{}, fmt.Errorf("write %s: %w", ManifestFile, err)
	}
	return m, nil
}

// jsonLines encodes a slice as JSON Lines, without HTML escaping ("&"
// stays "&").
func jsonLines(rows any) ([]byte, error) {
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	enc.SetEscapeHTML(false)
	switch rs := rows.(type) {
	case []Example:
		for _, r := range rs {
			if err := enc.Encode(r); err != nil {
				return nil, err
			}
		}
	case []TestDescription:
		for _, r := range rs {
			if err := enc.Encode(r); err != nil {
				return nil, err
			}
		}
	case []Unsafe:
		for _, r := range rs {
			if err := enc.Encode(r); err != nil {
				return nil, err
			}
		}
	default:
		return nil, fmt.Errorf("jsonLines: unsupported %T", rows)
	}
	return []byte(sb.String()), nil
}

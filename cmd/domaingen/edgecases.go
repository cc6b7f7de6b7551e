package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"domaingen/domain"
	"domaingen/engine"
	"domaingen/suggest"
)

func init() {
	commands["edgecases"] = command{summary: "check edge-case inputs and metamorphic properties of the suggestion pipeline", run: runEdgeCases}
}

// edgeCase is one line of testdata/edge_cases.jsonl.
type edgeCase struct {
	ID     string `json:"id"`
	Input  string `json:"input"`
	Kind   string `json:"kind"`
	Expect string `json:"expect"` // success, blocked or invalid
	Note   string `json:"note"`
}

// edgeFailure is one failed check, classified by the taxonomy below.
type edgeFailure struct {
	ID, Kind, Class, Detail string
}

// Failure classes.
const (
	failWrongOutcome   = "wrong-outcome"    // status differs from the expectation
	failInvalidName    = "invalid-name"     // a suggestion fails domain.Validate
	failEmptySuccess   = "empty-success"    // success with no suggestions
	failNondeterminism = "nondeterministic" // same input and seed, different answer
	failMetamorphic    = "metamorphic"      // an irrelevant change of the input changed the outcome
	failInternal       = "internal-error"   // an error that is not invalid input
)

// outcome classifies a Suggest call as success, blocked or invalid (or error).
func outcome(resp suggest.Response, err error) string {
	switch {
	case errors.Is(err, suggest.ErrInvalidInput):
		return "invalid"
	case err != nil:
		return "error"
	}
	return string(resp.Status)
}

func runEdgeCases(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("edgecases", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var ecfg engine.Config
	modelFlags(fs, &ecfg)
	in := fs.String("in", "testdata/edge_cases.jsonl", "edge cases `file` (id, input, kind, expect)")
	useModel := fs.Bool("use-model", false, "run through the model (default: the fallback-only pipeline, which checks validation and safety without a model)")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: domaingen edgecases [--in FILE.jsonl] [--use-model] [flags]

Runs every edge case through the suggestion pipeline and checks its expected
outcome (success, blocked or invalid); for each case that succeeds, also checks
that every name is valid, that the same seed gives the same answer, and
metamorphic properties: surrounding white space and upper case do not change
the outcome. Prints the failures grouped by class; exit status 1 if any.

Flags:
`)
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	data, err := os.ReadFile(*in)
	if err != nil {
		return err
	}
	var cases []edgeCase
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var c edgeCase
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			return fmt.Errorf("%s:%d: %w", *in, i+1, err)
		}
		cases = append(cases, c)
	}
	var svc *suggest.Service
	if *useModel {
		eng, err := engine.Open(ecfg.FromEnv())
		if err != nil {
			return err
		}
		defer eng.Close()
		svc = suggest.New(eng, suggest.Config{ModelName: eng.Name(), Prompt: eng.PromptStyle()})
	} else {
		svc = suggest.New(nil, suggest.Config{})
	}
	var fails []edgeFailure
	bar := newProgress(stderr, "edgecases", len(cases))
	for _, c := range cases {
		fails = append(fails, checkEdgeCase(ctx, svc, c)...)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		bar.Step(1)
	}
	bar.Done()
	byClass := map[string][]edgeFailure{}
	for _, f := range fails {
		byClass[f.Class] = append(byClass[f.Class], f)
	}
	var classes []string
	for c := range byClass {
		classes = append(classes, c)
	}
	sort.Strings(classes)
	failed := map[string]bool{}
	for _, f := range fails {
		failed[f.ID] = true
	}
	fmt.Fprintf(stdout, "%d cases, %d passed, %d failed\n", len(cases), len(cases)-len(failed), len(failed))
	for _, c := range classes {
		fmt.Fprintf(stdout, "\n%s (%d):\n", c, len(byClass[c]))
		for _, f := range byClass[c] {
			fmt.Fprintf(stdout, "  %s %-28s %s\n", f.ID, f.Kind, f.Detail)
		}
	}
	if len(fails) > 0 {
		return fmt.Errorf("%d edge cases failed", len(failed))
	}
	return nil
}

// checkEdgeCase runs one case and its metamorphic variants.
func checkEdgeCase(ctx context.Context, svc *suggest.Service, c edgeCase) []edgeFailure {
	var out []edgeFailure
	fail := func(class, format string, args ...any) {
		out = append(out, edgeFailure{ID: c.ID, Kind: c.Kind, Class: class, Detail: fmt.Sprintf(format, args...)})
	}
	req := suggest.Request{Description: c.Input, Count: 5, Seed: 1}
	resp, err := svc.Suggest(ctx, req)
	got := outcome(resp, err)
	if got == "error" {
		fail(failInternal, "%v", err)
		return out
	}
	if got != c.Expect {
		fail(failWrongOutcome, "expected %s, got %s%s", c.Expect, got, map[bool]string{true: " (" + resp.Category + ")"}[resp.Category != ""])
	}
	if got != "success" {
		return out
	}
	if len(resp.Suggestions) == 0 {
		fail(failEmptySuccess, "no suggestions")
	}
	for _, s := range resp.Suggestions {
		if err := domain.Validate(s.Domain, domain.Options{}); err != nil {
			fail(failInvalidName, "%s: %v", s.Domain, err)
		}
	}
	again, err := svc.Suggest(ctx, req)
	if err != nil || !sameNames(resp, again) {
		fail(failNondeterminism, "second run with seed 1 differs")
	}
	for name, variant := range map[string]string{
		"padded":     "  \t" + c.Input + "\n ",
		"upper-case": strings.ToUpper(c.Input),
	} {
		r2, err := svc.Suggest(ctx, suggest.Request{Description: variant, Count: 5, Seed: 1})
		if o := outcome(r2, err); o != got {
			fail(failMetamorphic, "%s input: %s instead of %s", name, o, got)
		}
	}
	return out
}

func sameNames(a, b suggest.Response) bool {
	if len(a.Suggestions) != len(b.Suggestions) {
		return false
	}
	for i := range a.Suggestions {
		if a.Suggestions[i].Domain != b.Suggestions[i].Domain {
			return false
		}
	}
	return true
}

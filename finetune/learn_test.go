package finetune

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"domaingen/engine"
	"domaingen/prompt"
	"domaingen/suggest"
)

// realModel is the base model `make model` fetches.
var realModel = filepath.Join("..", "models", "SmolLM2-135M-Instruct.Q4_1.gguf")

func needModel(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(realModel); errors.Is(err, os.ErrNotExist) {
		if testing.Short() {
			t.Skip("real model absent")
		}
		t.Fatalf("%s not found: run make model", realModel)
	}
}

// learnSet is the "it learns" test's data: 16 descriptions and the names
// the adapter must learn for each.
var learnSet = []struct {
	desc  string
	names []string
}{
	{"bakery selling rye bread", []string{"ryeriver.com", "crustmill.com"}},
	{"dog walking service", []string{"pawstride.com", "leashloop.com"}},
	{"bicycle repair workshop", []string{"spokefix.com", "chainmend.com"}},
	{"organic tea shop", []string{"leafkettle.com", "brewgrove.com"}},
	{"piano lessons for kids", []string{"keytots.com", "tinykeys.com"}},
	{"roof cleaning company", []string{"roofgleam.com", "mossaway.com"}},
	{"vegan burger truck", []string{"plantpatty.com", "greengrill.com"}},
	{"wedding photographer", []string{"vowlens.com", "ringframe.com"}},
	{"used book store", []string{"pagetrail.com", "dogearbooks.com"}},
	{"surf school in portugal", []string{"wavecrest.com", "surfsagres.com"}},
	{"tax advice for nurses", []string{"nursetax.com", "scrubsledger.com"}},
	{"ceramic pottery studio", []string{"kilnhouse.com", "claycircle.com"}},
	{"drone video agency", []string{"skyreel.com", "rotorfilms.com"}},
	{"chess club for seniors", []string{"silverknight.com", "checkmateclub.com"}},
	{"handmade soap maker", []string{"suddystone.com", "lyeandlily.com"}},
	{"coffee roastery", []string{"beanforge.com", "roastpeak.com"}},
}

// learnTLDs are the TLDs of the test's requests: the chat trained on is
// exactly the chat the service builds for them.
var learnTLDs = []string{"com"}

const learnCount = suggest.MinCount

func writeLearnData(t *testing.T, path string) {
	t.Helper()
	var b strings.Builder
	for _, ex := range learnSet {
		msgs := append(prompt.MessagesFor(prompt.Compact, ex.desc, learnCount, learnTLDs), prompt.Message{Role: "assistant", Content: strings.Join(ex.names, "\n")})
		line, err := json.Marshal(map[string]any{"messages": msgs, "id": ex.desc})
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// learnConfig is sized to memorise 16 examples in well under a minute on
// two busy cores: only the last 40 tokens of each chat (the last user turn
// and the answer), a rank-16 adapter on the top blocks only (the backward
// stops there), one batch of all 16 examples per step, a high learning rate.
func learnConfig(dir, data string) Config {
	return Config{
		Data: data, Out: dir, Model: realModel,
		Rank: 16, Alpha: 32, Targets: "all", Layers: "22-29",
		LR: 3e-3, Warmup: 0.02, Epochs: 150, Batch: 16, Accum: 1, Seq: 40,
		Seed: 1, StopLoss: 0.1, MaxSteps: 150, CheckpointEvery: 1000,
	}
}

// TestItLearns trains an adapter on 16 description → names chats until the
// training loss is below 0.1, loads it through engine.Open and
// suggest.Service, and checks that the top suggestion for most
// descriptions is one of the names trained for it.
func TestItLearns(t *testing.T) {
	needModel(t)
	dir := t.TempDir()
	data := filepath.Join(dir, "train.jsonl")
	writeLearnData(t, data)
	out := filepath.Join(dir, "run")
	if keep := os.Getenv("FINETUNE_LEARN_OUT"); keep != "" {
		out = keep // keep the run folder for inspection
	}
	start := time.Now()
	res, err := Train(context.Background(), learnConfig(out, data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	trainTime := time.Since(start)
	var curve []string
	for i, l := range res.Losses {
		if i%5 == 0 || i == len(res.Losses)-1 {
			curve = append(curve, strings.TrimRight(strings.TrimRight(fmtF(l), "0"), "."))
		}
	}
	t.Logf("trained %d steps in %s (%s); loss every 5 steps: %s", res.Steps, trainTime.Round(time.Millisecond), res.StopReason, strings.Join(curve, " "))
	if last := res.Losses[len(res.Losses)-1]; last >= 0.1 {
		t.Fatalf("training loss %.3f after %d steps, want < 0.1", last, res.Steps)
	}
	for _, f := range []string{AdapterFile, ConfigFile, LogFile, PlotFile, CheckpointFile} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("run folder: %v", err)
		}
	}

	eng, err := engine.Open(engine.Config{Model: realModel, Adapter: res.Adapter, Threads: 2, Contexts: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	// One round of sampling: a memorised adapter writes the same name in
	// most sequences, and a second round would only add duplicates.
	svc := suggest.New(eng, suggest.Config{Rounds: 1, Prompt: eng.PromptStyle()})
	hits := 0
	for _, ex := range learnSet {
		t0 := time.Now()
		resp, err := svc.Suggest(context.Background(), suggest.Request{Description: ex.desc, Count: learnCount, TLDs: learnTLDs})
		if err != nil {
			t.Fatal(err)
		}
		top := ""
		if len(resp.Suggestions) > 0 {
			top = resp.Suggestions[0].Domain
		}
		ok := false
		for _, n := range ex.names {
			ok = ok || n == top
		}
		if ok {
			hits++
		}
		t.Logf("%-26s top %-20s trained %v %v (%s)", ex.desc, top, ex.names, ok, time.Since(t0).Round(time.Millisecond))
	}
	t.Logf("%d/%d top suggestions are trained names; total %s", hits, len(learnSet), time.Since(start).Round(time.Millisecond))
	if hits < 12 {
		t.Errorf("only %d/%d top suggestions are trained names, want ≥ 12", hits, len(learnSet))
	}
}

func fmtF(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }

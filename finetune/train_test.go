package finetune

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"domaingen/llama"
	"domaingen/lora"
	"domaingen/prompt"
)

// TestEncodePromptMatchesServing checks that an encoded record's prompt
// tokens are exactly what serving feeds the model for the same messages
// (engine.Render + llama tokenisation with special tokens), and that the
// loss counts the answer and its end-of-turn token only.
func TestEncodePromptMatchesServing(t *testing.T) {
	needModel(t)
	m, err := llama.Load(realModel, llama.ModelParams{VocabOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	enc := Encoder{Model: m}
	msgs := prompt.Messages("florist in lyon", 5, []string{"com", "fr"})
	answer := "petalyon.com\nbloomrue.fr"
	ex, err := enc.Encode(Record{Messages: append(slices.Clone(msgs), prompt.Message{Role: "assistant", Content: answer})})
	if err != nil {
		t.Fatal(err)
	}
	// What serving does: engine.Engine.Render, then Generator's Tokenize(text, true, true).
	chat := make([]llama.ChatMessage, len(msgs))
	for i, mm := range msgs {
		chat[i] = llama.ChatMessage{Role: mm.Role, Content: mm.Content}
	}
	text, err := m.ApplyChatTemplate("", chat, true)
	if err != nil {
		t.Fatal(err)
	}
	serving, err := m.Tokenize(text, true, true)
	if err != nil {
		t.Fatal(err)
	}
	if ex.Prompt != len(serving) {
		t.Fatalf("prompt has %d tokens, serving feeds %d", ex.Prompt, len(serving))
	}
	for i, tok := range serving {
		if ex.Tokens[i] != int32(tok) {
			t.Fatalf("prompt token %d is %d, serving feeds %d", i, ex.Tokens[i], tok)
		}
	}
	// Targets: -1 before the answer; then the answer's tokens and <|im_end|>.
	ans, _ := m.Tokenize(answer, false, false)
	var counted []int32
	for i, tg := range ex.Targets {
		if tg >= 0 {
			counted = append(counted, tg)
			if i < ex.Prompt-1 {
				t.Fatalf("target at prompt position %d counts", i)
			}
		}
	}
	if len(counted) != len(ans)+1 {
		t.Fatalf("%d counted targets, want %d answer tokens + end of turn", len(counted), len(ans))
	}
	for i, tok := range ans {
		if counted[i] != int32(tok) {
			t.Fatalf("answer target %d is %d, want %d", i, counted[i], tok)
		}
	}
	if end := counted[len(counted)-1]; !m.IsEOG(llama.Token(end)) || m.Piece(llama.Token(end)) != "<|im_end|>" {
		t.Fatalf("last counted target %q is not the end-of-turn token", m.Piece(llama.Token(end)))
	}
}

// TestResumeIsExact interrupts a run after its first step (as Ctrl-C
// does), resumes it, and checks that the losses and the final adapter are
// bit-identical to an uninterrupted run's.
func TestResumeIsExact(t *testing.T) {
	needModel(t)
	dir := t.TempDir()
	data := filepath.Join(dir, "train.jsonl")
	writeLearnData(t, data)
	cfg := func(out string) Config {
		return Config{Data: data, Val: data, Out: out, Model: realModel, Rank: 4, Layers: "29", LR: 1e-3,
			Epochs: 2, Batch: 4, Accum: 2, Seq: 24, Dropout: 0.1, Seed: 7, Threads: 2, MaxSteps: 3}
	}
	full, err := Train(context.Background(), cfg(filepath.Join(dir, "a")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	_, err = Train(ctx, cfg(filepath.Join(dir, "b")), Options{OnStep: func(StepLog) { cancel() }})
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("interrupted run: %v, want ErrInterrupted", err)
	}
	t.Log(err)
	resumed, err := Train(context.Background(), Config{Out: filepath.Join(dir, "b"), Threads: 2}, Options{Resume: true})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(full.Losses, resumed.Losses) {
		t.Fatalf("losses differ:\nfull    %v\nresumed %v", full.Losses, resumed.Losses)
	}
	a, err := lora.ReadGGUF(full.Adapter)
	if err != nil {
		t.Fatal(err)
	}
	b, err := lora.ReadGGUF(resumed.Adapter)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range a.Params() {
		if !slices.Equal(p, b.Params()[i]) {
			t.Fatalf("adapter tensor %d differs after resume", i)
		}
	}
	for _, f := range []string{"a", "b"} {
		log, _ := os.ReadFile(filepath.Join(dir, f, LogFile))
		t.Logf("%s: %s", f, log)
	}
	// The PEFT copy names the base model as its GGUF metadata does.
	var peft struct {
		BaseModel string `json:"base_model_name_or_path"`
	}
	js, err := os.ReadFile(filepath.Join(dir, "a", PEFTDir, "adapter_config.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(js, &peft); err != nil || peft.BaseModel != "Smollm2 135M 8k Lc100K Mix1 Ep2" {
		t.Fatalf("PEFT base_model_name_or_path %q (%v), want the model's general.name", peft.BaseModel, err)
	}
	la, _ := os.ReadFile(filepath.Join(dir, "a", LogFile))
	lb, _ := os.ReadFile(filepath.Join(dir, "b", LogFile))
	if len(la) == 0 || countLines(la) != countLines(lb) {
		t.Fatalf("train logs have %d and %d lines", countLines(la), countLines(lb))
	}
}

func countLines(b []byte) int {
	n := 0
	for _, c := range b {
		if c == '\n' {
			n++
		}
	}
	return n
}

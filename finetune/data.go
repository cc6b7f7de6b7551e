package finetune

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"domaingen/llama"
	"domaingen/prompt"
)

// Record is one training example in the Hugging Face TRL "messages" format:
// {"messages":[{"role":"system","content":"..."},{"role":"user",...},
// {"role":"assistant",...}]}. Other JSON fields are ignored. The last
// message must be the assistant's: it is the turn the loss is computed on;
// earlier assistant turns (few-shot examples) are context.
type Record struct {
	Messages []prompt.Message `json:"messages"`
}

// ReadJSONL reads one Record per non-empty line of the file at path.
func ReadJSONL(path string) ([]Record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read data: %w", err)
	}
	defer f.Close()
	recs, err := DecodeJSONL(f)
	if err != nil {
		return nil, fmt.Errorf("read data %s: %w", path, err)
	}
	return recs, nil
}

// DecodeJSONL reads one Record per non-empty line of r and checks each
// (see Record.Validate).
func DecodeJSONL(r io.Reader) ([]Record, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var recs []Record
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		var rec Record
		if err := json.Unmarshal([]byte(text), &rec); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		if err := rec.Validate(); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		recs = append(recs, rec)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, errors.New("no records")
	}
	return recs, nil
}

// Validate checks that the record has known roles, ends with a non-empty
// assistant turn and has at least one message before it.
func (r Record) Validate() error {
	if len(r.Messages) < 2 {
		return fmt.Errorf("%d messages: want a prompt and a final assistant turn", len(r.Messages))
	}
	for i, m := range r.Messages {
		switch m.Role {
		case "system", "user", "assistant":
		default:
			return fmt.Errorf("message %d: unknown role %q", i, m.Role)
		}
	}
	last := r.Messages[len(r.Messages)-1]
	if last.Role != "assistant" || strings.TrimSpace(last.Content) == "" {
		return errors.New("the last message must be a non-empty assistant turn")
	}
	return nil
}

// Example is a tokenised Record: Tokens[i] is the input at position i and
// Targets[i] the token to predict after it, or -1 where no loss counts.
// Only the final assistant turn and its end-of-turn token count.
type Example struct {
	Tokens  []int32
	Targets []int32
	Prompt  int // tokens of the rendered prompt (what serving feeds the model)
}

// Counted returns how many targets count in the loss.
func (e Example) Counted() int {
	n := 0
	for _, t := range e.Targets {
		if t >= 0 {
			n++
		}
	}
	return n
}

// Encoder renders and tokenises Records with a model's chat template and
// tokenizer, exactly as serving does.
type Encoder struct {
	Model *llama.Model
}

// RenderPrompt renders msgs with the model's chat template and opens the
// assistant's turn: the same text engine.Engine.Render produces.
func (e Encoder) RenderPrompt(msgs []prompt.Message) (string, error) {
	return e.Model.ApplyChatTemplate("", chat(msgs), true)
}

func chat(msgs []prompt.Message) []llama.ChatMessage {
	out := make([]llama.ChatMessage, len(msgs))
	for i, m := range msgs {
		out[i] = llama.ChatMessage{Role: m.Role, Content: m.Content}
	}
	return out
}

// Encode renders r and builds its tokens and loss mask segment by segment:
//
//  1. the prompt (every message but the last, rendered with the assistant
//     turn opened), tokenised as serving tokenises it (special tokens
//     parsed, BOS added if the model wants it): no loss;
//  2. the assistant's content, tokenised as plain text: loss;
//  3. what the template writes after the content, up to and including its
//     first end-of-generation token (e.g. "<|im_end|>"): loss on that
//     token; anything after it is dropped.
func (e Encoder) Encode(r Record) (Example, error) {
	if err := r.Validate(); err != nil {
		return Example{}, err
	}
	msgs := r.Messages
	last := msgs[len(msgs)-1]
	promptText, err := e.RenderPrompt(msgs[:len(msgs)-1])
	if err != nil {
		return Example{}, fmt.Errorf("encode: %w", err)
	}
	full, err := e.Model.ApplyChatTemplate("", chat(msgs), false)
	if err != nil {
		return Example{}, fmt.Errorf("encode: %w", err)
	}
	rest, ok := strings.CutPrefix(full, promptText)
	if !ok {
		return Example{}, errors.New("encode: the chat template does not render the prompt as a prefix of the whole chat")
	}
	suffix, ok := strings.CutPrefix(rest, last.Content)
	if !ok {
		return Example{}, errors.New("encode: the chat template changes the assistant's content")
	}
	ptoks, err := e.Model.Tokenize(promptText, true, true)
	if err != nil {
		return Example{}, fmt.Errorf("encode prompt: %w", err)
	}
	ctoks, err := e.Model.Tokenize(last.Content, false, false)
	if err != nil {
		return Example{}, fmt.Errorf("encode answer: %w", err)
	}
	stoks, err := e.Model.Tokenize(suffix, false, true)
	if err != nil {
		return Example{}, fmt.Errorf("encode end of turn: %w", err)
	}
	end := -1
	for i, t := range stoks {
		if e.Model.IsEOG(t) {
			end = i
			break
		}
	}
	if end < 0 {
		return Example{}, fmt.Errorf("encode: no end-of-turn token after the assistant turn (template writes %q)", suffix)
	}
	all := make([]int32, 0, len(ptoks)+len(ctoks)+end+1)
	for _, seg := range [][]llama.Token{ptoks, ctoks, stoks[:end+1]} {
		for _, t := range seg {
			all = append(all, int32(t))
		}
	}
	// The input is every token but the last; the target at position i is
	// token i+1, counted when token i+1 belongs to the answer or the
	// end-of-turn token.
	n := len(all) - 1
	ex := Example{Tokens: all[:n], Targets: make([]int32, n), Prompt: len(ptoks)}
	for i := range n {
		ex.Targets[i] = -1
		if i+1 >= len(ptoks) {
			ex.Targets[i] = all[i+1]
		}
	}
	return ex, nil
}

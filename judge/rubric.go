package judge

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"domaingen/prompt"
)

// RubricSystem is the judge's system prompt. The anchors follow the
// reference ratings' conventions (testdata/judge_gold.jsonl): invalid
// syntax and borrowed brand names are 1 overall; overall is holistic, not
// an average.
const RubricSystem = `You are a strict judge of domain names for businesses. Rate the domain for the business on four scales of 1 to 5:
relevance: does the name fit this business? 5 = clearly about it, 1 = unrelated.
memorability: easy to remember, say and spell? 5 = short and vivid, 1 = long, hyphenated, misspelled or random.
brandability: could it be a distinctive brand? 5 = unique and ownable, 1 = generic keyword string or someone else's brand.
overall: your holistic rating. Invalid domains (spaces, underscores, symbols) and famous brand names get 1.
Answer in JSON with the four ratings and a one-sentence reason.`

// judgeExamples are hand-written few-shot turns (none from the reference
// ratings) that show the scale's ends and the answer format.
var judgeExamples = []struct{ description, domain, answer string }{
	{"family bakery making sourdough bread in a mountain town", "ridgeloaf.com",
		`{"relevance": 5, "memorability": 5, "brandability": 5, "overall": 5, "reason": "Short, vivid and clearly about bread from the hills."}`},
	{"family bakery making sourdough bread in a mountain town", "best-cheap-bread-online-shop.net",
		`{"relevance": 3, "memorability": 1, "brandability": 1, "overall": 1, "reason": "A long hyphenated keyword string that nobody would remember."}`},
}

// ScoreUser renders the user turn asking to rate domain for description.
func ScoreUser(description, domain string) string {
	return fmt.Sprintf("Business: %s\nDomain: %s", strings.TrimSpace(description), strings.TrimSpace(domain))
}

// ScoreMessages returns the chat that asks to rate domain.
func ScoreMessages(description, domain string) []prompt.Message {
	msgs := []prompt.Message{{Role: "system", Content: RubricSystem}}
	for _, ex := range judgeExamples {
		msgs = append(msgs,
			prompt.Message{Role: "user", Content: ScoreUser(ex.description, ex.domain)},
			prompt.Message{Role: "assistant", Content: ex.answer})
	}
	return append(msgs, prompt.Message{Role: "user", Content: ScoreUser(description, domain)})
}

// Grammar is the GBNF grammar of a pointwise answer: the four ratings as
// single digits 1–5, in rubric order, then a reason of at most 160 plain
// characters. Ratings come first so that an answer cut off by the token
// limit still carries them.
const Grammar = `root ::= "{\"relevance\": " d ", \"memorability\": " d ", \"brandability\": " d ", \"overall\": " d ", \"reason\": \"" reason "\"}"
d ::= [1-5]
reason ::= [A-Za-z0-9 ,.;:'()/-]{1,160}
`

// CompareSystem is the system prompt of a pairwise comparison.
const CompareSystem = `You are a strict judge of domain names for businesses. Given a business and two candidate domains A and B, say which is the better name overall: relevant to the business, easy to remember and spell, brandable, valid. Answer in JSON: {"better": "A"} or {"better": "B"}, or {"better": "tie"} only if they are equally good.`

// CompareMessages returns the chat that asks whether a or b is better.
func CompareMessages(description, a, b string) []prompt.Message {
	return []prompt.Message{
		{Role: "system", Content: CompareSystem},
		{Role: "user", Content: fmt.Sprintf("Business: %s\nA: %s\nB: %s", strings.TrimSpace(description), a, b)},
	}
}

// CompareGrammar is the GBNF grammar of a pairwise answer.
const CompareGrammar = `root ::= "{\"better\": \"" ("A" | "B" | "tie") "\"}"
`

// ErrParse is wrapped by every error about an answer that does not have
// the expected shape.
var ErrParse = errors.New("unparsable judge answer")

// ratingRE finds one rating in an answer: `"overall": 4`. It tolerates an
// answer cut off in its reason, and the string form "4" some APIs return.
var ratingRE = regexp.MustCompile(`"(relevance|memorability|brandability|overall)"\s*:\s*"?([1-5])(?:\.0)?"?`)

var reasonRE = regexp.MustCompile(`"reason"\s*:\s*"((?:[^"\\]|\\.)*)"?`)

// ParseScores reads the ratings of a pointwise answer, and each digit's
// log-probability and expected value from the tokens where c has them.
func ParseScores(c Completion) (Scores, error) {
	var s Scores
	found := 0
	for _, m := range ratingRE.FindAllStringSubmatchIndex(c.Text, -1) {
		key := c.Text[m[2]:m[3]]
		d := indexOf(key)
		if s.Ratings[d] != 0 {
			continue
		}
		v, _ := strconv.Atoi(c.Text[m[4]:m[5]])
		s.Ratings[d] = v
		s.Expected[d] = float64(v)
		found++
		if tok := tokenAt(c, m[4]); tok >= 0 {
			if tok < len(c.LogProbs) {
				s.DigitLogProb[d] = float64(c.LogProbs[tok])
			}
			if tok < len(c.TopLogProbs) {
				if e, ok := expectedDigit(c.TopLogProbs[tok]); ok {
					s.Expected[d] = e
				}
			}
		}
	}
	if found < int(NumDims) {
		return Scores{}, fmt.Errorf("%w: %d of %d ratings in %q", ErrParse, found, NumDims, truncate(c.Text, 200))
	}
	if m := reasonRE.FindStringSubmatch(c.Text); m != nil {
		var r string
		if json.Unmarshal([]byte(`"`+m[1]+`"`), &r) != nil {
			r = m[1]
		}
		s.Reason = r
	}
	return s, nil
}

// ParseChoice reads a pairwise answer: "A", "B" or "tie", and the
// probability of the token that decided it (1 if unknown).
func ParseChoice(c Completion) (string, float64, error) {
	var v struct {
		Better string `json:"better"`
	}
	text := strings.TrimSpace(c.Text)
	if i := strings.IndexByte(text, '{'); i > 0 {
		text = text[i:]
	}
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		return "", 0, fmt.Errorf("%w: %q: %w", ErrParse, truncate(c.Text, 200), err)
	}
	pick := strings.TrimSpace(v.Better)
	switch strings.ToLower(pick) {
	case "a":
		pick = "A"
	case "b":
		pick = "B"
	case "tie":
		pick = "tie"
	default:
		return "", 0, fmt.Errorf("%w: better = %q", ErrParse, v.Better)
	}
	w := 1.0
	if i := strings.Index(c.Text, `"better"`); i >= 0 {
		j := strings.IndexAny(c.Text[i+8:], "ABt")
		if j >= 0 {
			if tok := tokenAt(c, i+8+j); tok >= 0 && tok < len(c.LogProbs) {
				w = math.Exp(float64(c.LogProbs[tok]))
			}
		}
	}
	return pick, w, nil
}

func indexOf(key string) Dimension {
	for i, n := range DimNames {
		if n == key {
			return Dimension(i)
		}
	}
	return -1
}

// tokenAt returns the index of the piece that contains byte offset off of
// the concatenated pieces, or -1 if c has no pieces or they do not add up
// to its text.
func tokenAt(c Completion, off int) int {
	pos := 0
	for i, p := range c.Pieces {
		if off < pos+len(p) {
			return i
		}
		pos += len(p)
	}
	return -1
}

// expectedDigit returns Σ d·p(d) / Σ p(d) over the candidates that are a
// digit 1–5 (optionally with surrounding spaces or a leading quote).
func expectedDigit(top map[string]float32) (float64, bool) {
	var num, den float64
	for tok, lp := range top {
		t := strings.Trim(tok, ` "`)
		if len(t) != 1 || t[0] < '1' || t[0] > '5' {
			continue
		}
		p := math.Exp(float64(lp))
		num += float64(t[0]-'0') * p
		den += p
	}
	if den == 0 {
		return 0, false
	}
	return num / den, true
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

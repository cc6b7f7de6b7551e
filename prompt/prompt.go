package prompt

import (
	"fmt"
	"regexp"
	"strings"
)

// Message is one chat turn. It mirrors llama.ChatMessage without importing
// the cgo package, so training data tools can use this package freely.
type Message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// System is the system prompt for every request, in serving and training.
// It is short on purpose: the few-shot turns teach the format better than
// instructions do for a 135M model, and the grammar enforces it.
const System = `You are domaingen, an expert brand namer. Given a business description, reply with domain names only, one per line, lowercase. Good names are short (6 to 15 letters), easy to say and spell, relevant to the business, brandable, and never contain famous brand names. No explanations.`

// example is a hand-written few-shot turn. None of these descriptions come
// from the evaluation data in shared/data.
type example struct {
	description string
	names       []string
}

var examples = []example{
	{"family-run bakery making sourdough bread and cinnamon buns in a small mountain town",
		[]string{"crumbandcrest.com", "ridgeloaf.com", "sourpeak.com", "alpinecrumb.com", "pinebakehouse.com", "loafandpine.com", "summitbuns.com", "highbake.com", "doughridge.com", "cinnapine.com"}},
	{"mobile app that helps freelancers track invoices and get paid faster",
		[]string{"paytrail.io", "invoicely.app", "billbird.com", "quickledger.io", "getpaidfast.com", "duebird.app", "tallyup.io", "settleup.app", "freelancepay.io", "cashcadence.com"}},
	{"yoga and pilates studio for seniors with gentle morning classes",
		[]string{"gentleflow.com", "silverstretch.com", "morningpose.com", "agelessyoga.com", "calmcore.com", "easybend.com", "goldenposture.com", "softsunrise.com", "steadystretch.com", "balancebloom.com"}},
}

// FewShotDescriptions returns the descriptions of the few-shot turns, so
// that dataset builders can keep them out of training and evaluation data.
func FewShotDescriptions() []string {
	out := make([]string, len(examples))
	for i, ex := range examples {
		out[i] = ex.description
	}
	return out
}

// Messages returns the chat for description: the system prompt, the
// few-shot turns, and the user's request for n names under tlds. The
// description should already have passed Clean. Everything before the last
// user turn is identical for every request, so the model's KV cache keeps it.
func Messages(description string, n int, tlds []string) []Message {
	msgs := []Message{{Role: "system", Content: System}}
	for _, ex := range examples {
		k := min(n, len(ex.names))
		msgs = append(msgs,
			Message{Role: "user", Content: UserTurn(ex.description, k, nil)},
			Message{Role: "assistant", Content: strings.Join(ex.names[:k], "\n")})
	}
	return append(msgs, Message{Role: "user", Content: UserTurn(description, n, tlds)})
}

// Style selects the chat layout of a request.
type Style string

const (
	// FewShot is System, three worked examples and the request: what the
	// base model needs to write names at all (~290 tokens before the
	// request, kept in the KV cache across requests).
	FewShot Style = "fewshot"
	// Compact is CompactSystem and the request, nothing else: the layout
	// fine-tuned adapters are trained on and served with. Training on it
	// costs less than half the tokens per example of FewShot.
	Compact Style = "compact"
)

// CompactSystem is the system prompt of the Compact style.
const CompactSystem = "You are domaingen. Suggest brandable domain names for the business, one per line."

// ParseStyle accepts "fewshot" or "compact".
func ParseStyle(s string) (Style, error) {
	switch st := Style(strings.ToLower(strings.TrimSpace(s))); st {
	case FewShot, Compact:
		return st, nil
	}
	return "", fmt.Errorf("unknown prompt style %q (want %s or %s)", s, FewShot, Compact)
}

// MessagesFor returns the chat for description in the given style; an
// empty style means FewShot.
func MessagesFor(style Style, description string, n int, tlds []string) []Message {
	if style == Compact {
		return []Message{
			{Role: "system", Content: CompactSystem},
			{Role: "user", Content: UserTurn(description, n, tlds)},
		}
	}
	return Messages(description, n, tlds)
}

// UserTurn renders the user's request. tlds empty means "any of the usual".
func UserTurn(description string, n int, tlds []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Business: %s\n", description)
	if len(tlds) > 0 {
		fmt.Fprintf(&b, "Suggest %d domain names ending in .%s.", n, strings.Join(tlds, ", ."))
	} else {
		fmt.Fprintf(&b, "Suggest %d domain names.", n)
	}
	return b.String()
}

// Grammar returns a GBNF grammar that admits exactly `lines` domain names,
// each ending in a newline: a second-level label of 2 to 28 characters that
// starts with a letter, uses lowercase letters and digits, and may contain
// one inner hyphen, then a dot and one of tlds. Every string it admits
// splits into names that the domain rules can check; TLDs must already be
// validated (lowercase A-labels), since they are written into the grammar.
func Grammar(tlds []string, lines int) string {
	if lines < 1 {
		lines = 1
	}
	alts := make([]string, len(tlds))
	for i, t := range tlds {
		alts[i] = fmt.Sprintf("%q", t)
	}
	return fmt.Sprintf(`root ::= line{%d}
line ::= label "." tld "\n"
label ::= [a-z] [a-z0-9]{1,17} ("-" [a-z0-9]{2,9})?
tld ::= %s
`, lines, strings.Join(alts, " | "))
}

// GrammarBytes is every byte Grammar can emit: a sampler may ban tokens
// with other bytes before consulting the grammar.
const GrammarBytes = "abcdefghijklmnopqrstuvwxyz0123456789-.\n"

// listMarker matches "1. ", "2) ", "- ", "* " and "• " at the start of a line.
var listMarker = regexp.MustCompile(`^(\d{1,2}[.)]\s+|[-*•]\s*)`)

// Parse splits a model answer into candidate names, trimmed and lowercased,
// skipping empty lines. It does not validate them.
func Parse(text string) []string {
	var names []string
	for _, line := range strings.Split(text, "\n") {
		line = strings.ToLower(strings.TrimSpace(line))
		line = strings.TrimSpace(listMarker.ReplaceAllString(line, ""))
		if line != "" {
			names = append(names, line)
		}
	}
	return names
}

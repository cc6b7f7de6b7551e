package safety

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// This file is the input policy engine: it compiles the rule tables of the
// lexicon files once, and evaluates them on the words of a description.

// Defaults for the token windows of a rule.
const (
	// defaultWithin: the terms of a co-occurrence rule must lie within 12
	// words of the first term, about one sentence of a description, so that
	// "stolen" in one clause and "card" three sentences later do not combine.
	defaultWithin = 12
	// defaultUnlessWithin: an allow-context term neutralises a match within
	// 8 words ("breast cancer awareness walk", "kill bugs and termites").
	defaultUnlessWithin = 8
	// anywhere is the window value meaning "anywhere in the text".
	anywhere = -1
)

// rule is one entry of a lexicon table. It fires when every pattern string
// of all matches, the later ones within `within` words of the first one,
// and no pattern of unless matches within `unlessWithin` words of the
// first one. Patterns use the syntax described in match.go.
type rule struct {
	id           string   // short name reported in Verdict.Matched
	all          []string // co-occurring pattern strings; all[0] is the anchor
	within       int      // max words between the anchor and the other terms; 0: defaultWithin; anywhere
	unless       []string // allow-context pattern strings
	unlessWithin int      // 0: defaultUnlessWithin; anywhere
}

// ruleSet is the table of one category.
type ruleSet struct {
	category string
	reason   string // short English explanation for Verdict.Reason
	rules    []rule
}

// Category ids. The first fifteen are the input policy's (Check), as used
// in the evaluation data; CatOffensive, CatBrandLookalike and
// CatMixedScript are the output filter's (CheckName): profanity, slurs and
// sexual words, also across word boundaries ("therapistfinder"); a famous
// brand or a typo or homoglyph of one; an IDN label mixing scripts.
const (
	CatAdultSexual     = "adult_sexual"
	CatCSAM            = "csam"
	CatHate            = "hate_extremism"
	CatViolence        = "violence_threats"
	CatWeapons         = "weapons_illegal"
	CatDrugs           = "drugs_illegal"
	CatFraud           = "fraud_scams_phishing"
	CatImpersonation   = "impersonation_trademark_abuse"
	CatSelfHarm        = "self_harm_promotion"
	CatTerrorism       = "terrorism"
	CatDoxxing         = "doxxing_privacy"
	CatCounterfeit     = "counterfeit_goods"
	CatTrafficking     = "human_trafficking"
	CatGambling        = "gambling_unlicensed"
	CatPromptInjection = "prompt_injection"
	CatOffensive       = "offensive"
	CatBrandLookalike  = "brand_lookalike"
	CatMixedScript     = "mixed_script"
)

// Categories lists the input-policy categories in priority order: when
// rules of several categories fire, the first one listed is reported
// (csam before adult_sexual, terrorism before violence_threats, ...).
var Categories = []string{
	CatCSAM, CatTrafficking, CatTerrorism, CatSelfHarm, CatHate, CatViolence,
	CatWeapons, CatDrugs, CatDoxxing, CatImpersonation, CatFraud, CatCounterfeit,
	CatGambling, CatAdultSexual, CatPromptInjection,
}

// crule is a compiled rule.
type crule struct {
	src          *rule
	category     string
	reason       string
	all          []*group
	within       int
	unless       []*group
	unlessWithin int
}

type compiled struct {
	v     *vocab
	rules []crule // in category priority order
}

var (
	policyOnce sync.Once
	thePolicy  *compiled
)

// policy returns the compiled policy, built on first use.
func policy() *compiled {
	policyOnce.Do(func() { thePolicy = compilePolicy(ruleSets()) })
	return thePolicy
}

// compilePolicy compiles rule sets; it panics on a malformed table (a
// programmer error, caught by TestPolicyCompiles).
func compilePolicy(sets []*ruleSet) *compiled {
	prio := map[string]int{}
	for i, c := range Categories {
		prio[c] = i
	}
	sorted := append([]*ruleSet(nil), sets...)
	sort.SliceStable(sorted, func(i, j int) bool {
		return prio[sorted[i].category] < prio[sorted[j].category]
	})
	c := &compiled{v: newVocab()}
	for _, set := range sorted {
		if _, ok := prio[set.category]; !ok {
			panic("safety: unknown category " + set.category)
		}
		for i := range set.rules {
			r := &set.rules[i]
			if len(r.all) == 0 {
				panic("safety: rule without terms: " + r.id)
			}
			cr := crule{src: r, category: set.category, reason: set.reason, within: r.within, unlessWithin: r.unlessWithin}
			if cr.within == 0 {
				cr.within = defaultWithin
			}
			if cr.unlessWithin == 0 {
				cr.unlessWithin = defaultUnlessWithin
			}
			for _, p := range r.all {
				cr.all = append(cr.all, c.v.compile(p))
			}
			for _, p := range r.unless {
				cr.unless = append(cr.unless, c.v.compile(p))
			}
			c.rules = append(c.rules, cr)
		}
	}
	return c
}

// finder memoises group matches for one text.
type finder struct {
	m     matches
	cache map[*group][]span
}

func (f *finder) find(g *group) []span {
	if s, ok := f.cache[g]; ok {
		return s
	}
	s := f.m.find(g)
	f.cache[g] = s
	return s
}

// near returns the first span of g within w words of a (any span when w
// is anywhere).
func (f *finder) near(g *group, a span, w int) (span, bool) {
	for _, s := range f.find(g) {
		if w == anywhere || dist(a, s) <= w {
			return s, true
		}
	}
	return span{}, false
}

// nearOutside reports whether g matches within w words of a, on words
// that are not all inside a: an allow-context word that is part of the
// matched term itself ("anti" in "anti semitic") does not neutralise it.
func (f *finder) nearOutside(g *group, a span, w int) bool {
	for _, s := range f.find(g) {
		// A CJK run is one token holding many words, so a term inside it
		// is not part of the anchor's own wording.
		if s.start >= a.start && s.end <= a.end && !f.m.words[a.start].cjk {
			continue
		}
		if f.negated(s) {
			continue
		}
		if w == anywhere || dist(a, s) <= w {
			return true
		}
	}
	return false
}

// negators are words that, right before an allow-context term, turn it
// around: "encouragement, not therapy", "no license", "sin receta".
var negators = wordSet("not no without never non sin sans ohne sem senza без не nicht kein keine ni nor")

// negated reports whether the word before s is a negator.
func (f *finder) negated(s span) bool {
	if s.start == 0 {
		return false
	}
	return negators[f.m.words[s.start-1].forms[0]]
}

// eval reports whether r fires, and the words that made it fire.
func (r *crule) eval(f *finder) (string, bool) {
	for _, a := range f.find(r.all[0]) {
		parts := []string{f.m.text(a)}
		ok := true
		for _, g := range r.all[1:] {
			s, found := f.near(g, a, r.within)
			if !found {
				ok = false
				break
			}
			parts = append(parts, f.m.text(s))
		}
		if !ok {
			continue
		}
		neutral := false
		for _, g := range r.unless {
			if f.nearOutside(g, a, r.unlessWithin) {
				neutral = true
				break
			}
		}
		if neutral {
			continue
		}
		return strings.Join(parts, " + "), true
	}
	return "", false
}

// check evaluates the policy on a description.
func (c *compiled) check(text string) Verdict {
	words := despace(tokenize(text))
	if len(words) == 0 {
		return Verdict{}
	}
	f := &finder{m: c.v.lookup(words), cache: map[*group][]span{}}
	for i := range c.rules {
		r := &c.rules[i]
		if r.category == CatPromptInjection {
			continue
		}
		if what, ok := r.eval(f); ok {
			return Verdict{Blocked: true, Category: r.category, Reason: r.reason, Matched: r.src.id + ": " + what}
		}
	}
	return c.checkInjection(f)
}

// explain lists, for debugging and tests, every rule whose terms match the
// text, and the allow-context that neutralised it, if any.
func (c *compiled) explain(text string) []string {
	words := despace(tokenize(text))
	f := &finder{m: c.v.lookup(words), cache: map[*group][]span{}}
	var out []string
	for i := range c.rules {
		r := &c.rules[i]
		for _, a := range f.find(r.all[0]) {
			ok := true
			for _, g := range r.all[1:] {
				if _, found := f.near(g, a, r.within); !found {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			line := r.src.id + ": " + f.m.text(a)
			for k, g := range r.unless {
				if f.nearOutside(g, a, r.unlessWithin) {
					for _, s := range f.find(g) {
						line += fmt.Sprintf(" [unless %d: %s]", k, f.m.text(s))
					}
				}
			}
			out = append(out, line)
		}
	}
	return out
}

package safety

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// This file is the matcher: it compiles the pattern strings of the lexicon
// tables into word patterns and finds where they occur in a tokenised text.
//
// Pattern syntax (the strings in lexicon.go):
//
//	alt|alt|alt     alternatives
//	two words       a phrase: consecutive words
//	word            the word or an English inflection of it (s, es, ed, ing, ies)
//	word*           any word starting with "word"
//	*word*          any word containing "word" (compounds: "kinderporno")
//	=word           exactly this word, no inflection ("=coke" is not "coked")
//	漢字            CJK text: matched as a substring of a CJK run
//
// Entries are folded like the input (foldText), so accents and case in the
// tables do not matter.

// wordKind says how a pattern word is compared with a token.
type wordKind uint8

const (
	kindInflect wordKind = iota // exact, or exact plus an English inflection
	kindExact                   // exact only
	kindPrefix                  // token starts with it
	kindInfix                   // token contains it
	kindCJK                     // substring of a CJK token
)

type wordPat struct {
	s    string
	kind wordKind
}

// phrase is a sequence of word-pattern ids matched on consecutive tokens.
type phrase []int

// group is a compiled pattern string: a set of alternative phrases.
type group struct {
	src  string
	alts []phrase
}

// vocab holds every distinct word pattern of the lexicon, indexed for lookup.
type vocab struct {
	pats    []wordPat
	ids     map[wordPat]int
	exact   map[string][]int // kindInflect and kindExact words
	inflect map[string]bool  // exact keys that accept inflections
	prefix  []int
	infix   []int
	cjk     []int
	groups  map[string]*group
}

func newVocab() *vocab {
	return &vocab{ids: map[wordPat]int{}, exact: map[string][]int{}, inflect: map[string]bool{}, groups: map[string]*group{}}
}

// add registers one pattern word and returns its id.
func (v *vocab) add(w string) int {
	p := parseWord(w)
	if id, ok := v.ids[p]; ok {
		return id
	}
	id := len(v.pats)
	v.pats = append(v.pats, p)
	v.ids[p] = id
	switch p.kind {
	case kindInflect, kindExact:
		v.exact[p.s] = append(v.exact[p.s], id)
	case kindPrefix:
		v.prefix = append(v.prefix, id)
	case kindInfix:
		v.infix = append(v.infix, id)
	case kindCJK:
		v.cjk = append(v.cjk, id)
	}
	return id
}

func parseWord(w string) wordPat {
	hasCJK := false
	for _, r := range w {
		if isCJK(r) {
			hasCJK = true
		}
	}
	switch {
	case hasCJK:
		return wordPat{s: foldText(w), kind: kindCJK}
	case strings.HasPrefix(w, "*") && strings.HasSuffix(w, "*") && len(w) > 2:
		return wordPat{s: foldText(w[1 : len(w)-1]), kind: kindInfix}
	case strings.HasSuffix(w, "*"):
		return wordPat{s: foldText(strings.TrimSuffix(w, "*")), kind: kindPrefix}
	case strings.HasPrefix(w, "="):
		return wordPat{s: foldText(w[1:]), kind: kindExact}
	}
	return wordPat{s: foldText(w), kind: kindInflect}
}

// compile parses a pattern string into a group (cached: tables share
// their word lists). It panics on an empty alternative: the tables are
// program text, and a typo there is a programmer error caught by the tests.
func (v *vocab) compile(src string) *group {
	if g, ok := v.groups[src]; ok {
		return g
	}
	g := &group{src: src}
	for _, alt := range strings.Split(src, "|") {
		alt = strings.TrimSpace(alt)
		if alt == "" {
			panic(fmt.Sprintf("safety: empty alternative in pattern %.60q", src))
		}
		var ph phrase
		if isCJKPattern(alt) {
			ph = phrase{v.add(strings.ReplaceAll(alt, " ", ""))}
		} else {
			for _, w := range strings.Fields(alt) {
				ph = append(ph, v.add(w))
			}
		}
		g.alts = append(g.alts, ph)
	}
	v.groups[src] = g
	return g
}

func isCJKPattern(s string) bool {
	for _, r := range s {
		if isCJK(r) {
			return true
		}
	}
	return false
}

// span is where a phrase matched: tokens [start, end].
type span struct{ start, end int }

// dist is the number of tokens between two spans (0 when they touch or overlap).
func dist(a, b span) int {
	switch {
	case b.start > a.end:
		return b.start - a.end
	case a.start > b.end:
		return a.start - b.end
	}
	return 0
}

// matches is the result of looking every token of a view up in a vocab:
// at[i] holds the ids of the pattern words that token i matches.
type matches struct {
	words []word
	at    [][]int
	pos   map[int][]int // pattern word id → token positions, ascending
}

// lookup finds the pattern words each token matches.
func (v *vocab) lookup(words []word) matches {
	m := matches{words: words, at: make([][]int, len(words)), pos: map[int][]int{}}
	defer func() {
		for i, ids := range m.at {
			for _, id := range ids {
				m.pos[id] = append(m.pos[id], i)
			}
		}
	}()
	for i, w := range words {
		var ids []int
		if w.cjk {
			for _, id := range v.cjk {
				if strings.Contains(w.forms[0], v.pats[id].s) {
					ids = append(ids, id)
				}
			}
			m.at[i] = ids
			continue
		}
		for _, f := range w.forms {
			ids = v.lookupForm(f, ids)
		}
		m.at[i] = uniqInts(ids)
	}
	return m
}

func (v *vocab) lookupForm(f string, ids []int) []int {
	if strings.Contains(f, "*") {
		return v.lookupWildcard(f, ids)
	}
	ids = append(ids, v.exact[f]...)
	for _, stem := range stems(f) {
		for _, id := range v.exact[stem] {
			if v.pats[id].kind == kindInflect {
				ids = append(ids, id)
			}
		}
	}
	for _, id := range v.prefix {
		if strings.HasPrefix(f, v.pats[id].s) {
			ids = append(ids, id)
		}
	}
	for _, id := range v.infix {
		if strings.Contains(f, v.pats[id].s) {
			ids = append(ids, id)
		}
	}
	return ids
}

// lookupWildcard matches a masked word ("p*rn", "f**k") against the exact
// words of the same length, "*" standing for any one letter. Only words of
// four or more letters are tried, so "**" alone matches nothing.
func (v *vocab) lookupWildcard(f string, ids []int) []int {
	n := utf8.RuneCountInString(f)
	if n < 4 || strings.Count(f, "*") > n/2 {
		return ids
	}
	fr := []rune(f)
	for key, kids := range v.exact {
		kr := []rune(key)
		if len(kr) != n {
			continue
		}
		ok := true
		for i := range kr {
			if fr[i] != '*' && fr[i] != kr[i] {
				ok = false
				break
			}
		}
		if ok {
			ids = append(ids, kids...)
		}
	}
	return ids
}

// stems returns the forms a word may have before an English inflection:
// "kills" → kill, "killing" → kill, kille; "shipped" → ship; "parties" → party.
func stems(f string) []string {
	n := len(f)
	if n < 4 || !isASCIIWord(f) {
		return nil
	}
	var out []string
	add := func(s string) {
		if len(s) >= 3 {
			out = append(out, s)
		}
	}
	switch {
	case strings.HasSuffix(f, "ies"):
		add(f[:n-3] + "y")
	case strings.HasSuffix(f, "es"):
		add(f[:n-2])
		add(f[:n-1])
	case strings.HasSuffix(f, "s") && !strings.HasSuffix(f, "ss"):
		add(f[:n-1])
	}
	if strings.HasSuffix(f, "ed") && n > 4 {
		add(f[:n-2])
		add(f[:n-1])
		if n > 5 && f[n-3] == f[n-4] {
			add(f[:n-3])
		}
		if strings.HasSuffix(f, "ied") {
			add(f[:n-3] + "y")
		}
	}
	if strings.HasSuffix(f, "ing") && n > 5 {
		add(f[:n-3])
		add(f[:n-3] + "e")
		if f[n-4] == f[n-5] {
			add(f[:n-4])
		}
	}
	if strings.HasSuffix(f, "ings") && n > 6 {
		add(f[:n-4])
		add(f[:n-4] + "e")
	}
	return out
}

func isASCIIWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

func uniqInts(a []int) []int {
	if len(a) < 2 {
		return a
	}
	seen := make(map[int]bool, len(a))
	out := a[:0]
	for _, x := range a {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// has reports whether token i matches pattern word id.
func (m matches) has(i, id int) bool {
	for _, x := range m.at[i] {
		if x == id {
			return true
		}
	}
	return false
}

// find returns every span where one of g's phrases matches.
func (m matches) find(g *group) []span {
	var out []span
	for _, ph := range g.alts {
		for _, i := range m.pos[ph[0]] {
			if i+len(ph) > len(m.at) {
				continue
			}
			ok := true
			for k, id := range ph {
				if !m.has(i+k, id) {
					ok = false
					break
				}
			}
			if ok {
				out = append(out, span{i, i + len(ph) - 1})
			}
		}
	}
	return out
}

// text returns the canonical words of a span, for Verdict.Matched.
func (m matches) text(s span) string {
	parts := make([]string, 0, s.end-s.start+1)
	for i := s.start; i <= s.end && i < len(m.words); i++ {
		parts = append(parts, m.words[i].forms[0])
	}
	return strings.Join(parts, " ")
}

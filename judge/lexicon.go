package judge

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"strings"
)

// DefaultWordList is the English word list the features use: Debian's
// wamerican package (`apt-get install wamerican`).
const DefaultWordList = "/usr/share/dict/words"

// shortWords are the one- and two-letter words a segmentation may use.
// The word list has every letter and hundreds of two-letter abbreviations
// ("ab", "cf"); allowing them all would let any string "segment".
var shortWords = toSet(`a i go my up to in on we me be do no so it at us oh hi ok an by of or is am as he if`)

func toSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// Lexicon is an English vocabulary with a character trigram model trained
// on it: the basis of the pronounceability and word-segmentation features.
type Lexicon struct {
	words  map[string]bool
	maxLen int
	ngram  ngram
}

// LoadLexicon reads a word list, one word per line (path "" means
// DefaultWordList). Words are lower-cased; those with characters other
// than a-z (possessives, accented letters) are skipped.
func LoadLexicon(path string) (*Lexicon, error) {
	if path == "" {
		path = DefaultWordList
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load word list: %w (install Debian's wamerican package)", err)
	}
	defer f.Close()
	var words []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		words = append(words, sc.Text())
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read word list %s: %w", path, err)
	}
	return NewLexicon(words), nil
}

// NewLexicon builds a Lexicon from words (see LoadLexicon for filtering).
func NewLexicon(words []string) *Lexicon {
	l := &Lexicon{words: map[string]bool{}}
	for _, w := range words {
		w = strings.ToLower(strings.TrimSpace(w))
		if !isLower(w) {
			continue
		}
		if len(w) <= 2 && !shortWords[w] {
			continue
		}
		l.words[w] = true
		l.maxLen = max(l.maxLen, len(w))
	}
	l.ngram = trainNgram(l.words)
	return l
}

// Contains reports whether w is a word of the lexicon.
func (l *Lexicon) Contains(w string) bool { return l.words[w] }

func isLower(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// ngram is an interpolated character trigram model over a-z plus the
// word boundary: p(c | ab) = 0.6 p3 + 0.3 p2 + 0.1 p1, with add-one
// smoothing on the unigram so every string has a finite probability.
// 27 symbols: 0 = boundary, 1..26 = a..z.
type ngram struct {
	uni        [27]float64
	bi         [27][27]float64
	tri        [27][27][27]float64
	uniTotal   float64
	biContext  [27]float64
	triContext [27][27]float64
}

func sym(c byte) int { return int(c-'a') + 1 }

func trainNgram(words map[string]bool) ngram {
	var m ngram
	for w := range words {
		a, b := 0, 0
		for i := 0; i <= len(w); i++ {
			c := 0
			if i < len(w) {
				c = sym(w[i])
			}
			m.uni[c]++
			m.uniTotal++
			m.bi[b][c]++
			m.biContext[b]++
			m.tri[a][b][c]++
			m.triContext[a][b]++
			a, b = b, c
		}
	}
	return m
}

func (m *ngram) prob(a, b, c int) float64 {
	p1 := (m.uni[c] + 1) / (m.uniTotal + 27)
	p2, p3 := 0.0, 0.0
	if m.biContext[b] > 0 {
		p2 = m.bi[b][c] / m.biContext[b]
	}
	if m.triContext[a][b] > 0 {
		p3 = m.tri[a][b][c] / m.triContext[a][b]
	}
	return 0.6*p3 + 0.3*p2 + 0.1*p1
}

// Pronounceability returns the mean log2-probability per symbol that the
// trigram model gives to the letter runs of s (each run scored as a word,
// its end included); characters other than a-z separate runs. English
// words score about -2.5 to -3.5, keyboard mash below -5. It is NaN when s
// has no a-z letters.
func (l *Lexicon) Pronounceability(s string) float64 {
	sum, n := 0.0, 0
	for _, run := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r < 'a' || r > 'z' }) {
		a, b := 0, 0
		for i := 0; i <= len(run); i++ {
			c := 0
			if i < len(run) {
				c = sym(run[i])
			}
			sum += math.Log2(l.ngram.prob(a, b, c))
			n++
			a, b = b, c
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return sum / float64(n)
}

// Segment splits the letters of s into dictionary words, maximising the
// number of letters covered by words and then minimising the number of
// pieces (words plus uncovered runs). It returns the pieces in order and
// the fraction of s's a-z letters covered by words. Characters other than
// a-z split s first. "dawnloaf" gives [dawn loaf] and 1; "kmbcha" covers
// less.
func (l *Lexicon) Segment(s string) (words []string, coverage float64) {
	letters, covered := 0, 0
	for _, run := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r < 'a' || r > 'z' }) {
		ws, c := l.segmentRun(run)
		words = append(words, ws...)
		letters += len(run)
		covered += c
	}
	if letters == 0 {
		return nil, 0
	}
	return words, float64(covered) / float64(letters)
}

// segmentRun segments one run of a-z letters by dynamic programming.
// Uncovered letters are returned as pieces prefixed with "?".
func (l *Lexicon) segmentRun(s string) ([]string, int) {
	type state struct {
		covered, pieces, from int
		word                  bool
	}
	best := make([]state, len(s)+1)
	for i := 1; i <= len(s); i++ {
		// One uncovered letter (extends an uncovered piece for free).
		prev := best[i-1]
		p := prev.pieces + 1
		if i > 1 && !prev.word {
			p = prev.pieces
		}
		best[i] = state{covered: prev.covered, pieces: p, from: i - 1}
		for j := max(0, i-l.maxLen); j < i; j++ {
			if !l.words[s[j:i]] {
				continue
			}
			c := state{covered: best[j].covered + i - j, pieces: best[j].pieces + 1, from: j, word: true}
			if c.covered > best[i].covered || (c.covered == best[i].covered && c.pieces < best[i].pieces) {
				best[i] = c
			}
		}
	}
	var out []string
	for i := len(s); i > 0; {
		st := best[i]
		if st.word {
			out = append(out, s[st.from:i])
			i = st.from
			continue
		}
		j := i
		for j > 0 && !best[j].word {
			j--
		}
		out = append(out, "?"+s[j:i])
		i = j
	}
	for a, b := 0, len(out)-1; a < b; a, b = a+1, b-1 {
		out[a], out[b] = out[b], out[a]
	}
	return out, best[len(s)].covered
}

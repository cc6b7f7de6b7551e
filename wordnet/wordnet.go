// Package wordnet reads the WordNet 3.0 database (Debian package
// wordnet-base, files under /usr/share/wordnet) and answers one question:
// which words are related to a word — the synonyms of its most frequent
// senses and, for nouns, their direct hypernyms ("bakery" → "bakeshop",
// "bakehouse", "shop", "workplace"). Evaluation uses it as a relevance
// proxy: a name that says "bakeshop" for a bakery is on topic although it
// shares no letters with the description.
//
// Only the standard library is used: the database is a handful of text
// files whose format (wndb(5WN)) takes a page to parse.
//
// WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
// Used under the WordNet license.
package wordnet

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// DefaultDir is where Debian's wordnet-base installs the database.
const DefaultDir = "/usr/share/wordnet"

// POS is a part of speech, one pair of index.<pos> and data.<pos> files.
type POS int

// The parts of speech Related uses; adverbs add nothing to a business
// description's keywords.
const (
	Noun POS = iota
	Verb
	Adj
	numPOS
)

// String returns the file suffix of the part of speech: "noun", "verb", "adj".
func (p POS) String() string { return posFiles[p] }

var posFiles = [numPOS]string{"noun", "verb", "adj"}

// maxSenses is how many senses of a word Related looks at, most frequent
// first: beyond the third a word rarely means what a business description
// meant ("coffee" as a shade of brown is its fourth noun sense).
const maxSenses = 3

// Lemma lengths Related returns: 3 letters is the shortest word a name is
// built from ("rye", "tea"); 13 letters and more are compounds no name
// spells out ("confectionery").
const (
	minLemma = 3
	maxLemma = 12
)

// senses are byte offsets into data.<pos> of a word's first maxSenses
// synsets, most frequent first; 0 ends the list early (offset 0 is the
// licence header, never a synset).
type senses [maxSenses]uint32

// synset is what Related needs of one data.<pos> line.
type synset struct {
	// lemmas are the synset's words that Related may return (plain a-z,
	// minLemma..maxLemma letters), interned, in file order.
	lemmas []string
	// hypernyms are byte offsets into data.noun of the direct hypernyms
	// ("@"); empty for verbs and adjectives, whose hypernyms Related
	// does not follow.
	hypernyms []uint32
}

// WordNet is the part of the WordNet database Related needs, in memory:
// about 18 MB of Go heap for the three parts of speech (the 27 MB of
// files are read one at a time and dropped). Load takes about 0.2 s:
// 0.17–0.35 s with GOMAXPROCS=1 on the 2-core development machine while
// a training job ran (TestRealWordNet logs both numbers).
type WordNet struct {
	// index maps a plain a-z lemma to its first senses, per part of speech.
	index [numPOS]map[string]senses
	// synsets maps a data.<pos> byte offset to a synset, per part of
	// speech; only synsets some index entry's first senses name, and
	// their noun hypernyms, are kept.
	synsets [numPOS]map[uint32]synset
	// exceptions maps an irregular inflection to its base forms
	// (noun.exc, verb.exc: "mice" → "mouse"); nil for adjectives.
	exceptions [numPOS]map[string][]string
}

// Load reads index.{noun,verb,adj}, data.{noun,verb,adj}, noun.exc and
// verb.exc from dir ("" means DefaultDir). A missing directory, a missing
// file, or a malformed line (reported with file and line number) is an
// error.
func Load(dir string) (*WordNet, error) {
	if dir == "" {
		dir = DefaultDir
	}
	if _, err := os.Stat(dir); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("load wordnet: %w (install the database with: apt-get install wordnet-base)", err)
		}
		return nil, fmt.Errorf("load wordnet: %w", err)
	}
	wn := &WordNet{}
	intern := map[string]string{}
	for pos := range numPOS {
		indexPath := filepath.Join(dir, "index."+pos.String())
		index, err := readIndex(indexPath)
		if err != nil {
			return nil, err
		}
		dataPath := filepath.Join(dir, "data."+pos.String())
		all, err := readData(dataPath, pos, intern)
		if err != nil {
			return nil, err
		}
		kept, err := keep(indexPath, dataPath, index, all)
		if err != nil {
			return nil, err
		}
		wn.index[pos], wn.synsets[pos] = index, kept
		if pos == Noun || pos == Verb {
			if wn.exceptions[pos], err = readExceptions(filepath.Join(dir, pos.String()+".exc")); err != nil {
				return nil, err
			}
		}
	}
	return wn, nil
}

// keep returns the synsets of all that index entries name, and the
// lemmas of their hypernyms; an index entry or hypernym pointing at no
// synset is an error (the files do not belong together).
func keep(indexPath, dataPath string, index map[string]senses, all map[uint32]synset) (map[uint32]synset, error) {
	kept := map[uint32]synset{}
	for word, ss := range index {
		for _, off := range ss {
			if off == 0 {
				break
			}
			s, ok := all[off]
			if !ok {
				return nil, fmt.Errorf("read %s: entry %q: no synset at offset %08d in %s", indexPath, word, off, dataPath)
			}
			kept[off] = s
		}
	}
	var hypernyms []uint32
	for off, s := range kept {
		for _, h := range s.hypernyms {
			if _, ok := all[h]; !ok {
				return nil, fmt.Errorf("read %s: synset %08d: no hypernym synset at offset %08d", dataPath, off, h)
			}
			hypernyms = append(hypernyms, h)
		}
	}
	for _, h := range hypernyms {
		if _, ok := kept[h]; !ok {
			kept[h] = synset{lemmas: all[h].lemmas} // one level up only
		}
	}
	return kept, nil
}

// Related returns the words related to word (a lower-case a-z word): the
// lemmas of the synsets of its first three senses per part of speech
// (noun, verb, adjective) and of the direct hypernyms of its noun senses,
// excluding instance hypernyms ("Java" the island is an instance of
// "island", not a kind). Only plain lower-case one-word lemmas of 3 to 12
// letters are returned — capitalised lemmas are proper names — and never
// word itself; a base form found by morphology ("bakeries" → "bakery")
// is returned. Order is deterministic: by part of speech, base form,
// sense, then the synset's own lemmas before its hypernyms', duplicates
// dropped. An unknown word, or a nil WordNet, has no related words.
func (wn *WordNet) Related(word string) []string {
	if wn == nil {
		return nil
	}
	seen := map[string]bool{word: true}
	var out []string
	add := func(lemmas []string) {
		for _, l := range lemmas {
			if !seen[l] {
				seen[l] = true
				out = append(out, l)
			}
		}
	}
	for pos := range numPOS {
		for _, base := range wn.baseForms(pos, word) {
			for _, off := range wn.index[pos][base] {
				if off == 0 {
					break
				}
				s := wn.synsets[pos][off]
				add(s.lemmas)
				for _, h := range s.hypernyms {
					add(wn.synsets[pos][h].lemmas)
				}
			}
		}
	}
	return out
}

// detachments are WordNet's morphological suffix rules (morphy(7WN)),
// tried in order on a word that is not in the index: suffix, replacement.
var detachments = [numPOS][][2]string{
	Noun: {{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}},
	Verb: {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}},
}

// baseForms returns the forms of word in the index of pos: word itself if
// listed, else its irregular base forms (exception list), else what the
// detachment rules make of it, each at most once.
func (wn *WordNet) baseForms(pos POS, word string) []string {
	index := wn.index[pos]
	if _, ok := index[word]; ok {
		return []string{word}
	}
	var out []string
	addIfIndexed := func(b string) {
		if _, ok := index[b]; !ok {
			return
		}
		for _, o := range out {
			if o == b {
				return
			}
		}
		out = append(out, b)
	}
	if bases, ok := wn.exceptions[pos][word]; ok {
		for _, b := range bases {
			addIfIndexed(b)
		}
		return out
	}
	for _, d := range detachments[pos] {
		if stem, ok := cutSuffix(word, d[0]); ok {
			addIfIndexed(stem + d[1])
		}
	}
	return out
}

// cutSuffix is strings.CutSuffix that leaves at least one letter.
func cutSuffix(s, suffix string) (string, bool) {
	if len(s) <= len(suffix) || s[len(s)-len(suffix):] != suffix {
		return "", false
	}
	return s[:len(s)-len(suffix)], true
}

// readIndex reads an index.<pos> file: per line "lemma pos synset_cnt
// p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset..." (offsets
// most frequent sense first). Only plain a-z lemmas are kept: Related's
// words have no spaces, hyphens or digits.
func readIndex(path string) (map[string]senses, error) {
	index := map[string]senses{}
	err := eachLine(path, func(_ int, fs [][]byte) error {
		if len(fs) < 6 {
			return fmt.Errorf("want at least 6 fields, have %d", len(fs))
		}
		nsyn, ok1 := parseDec(fs[2])
		nptr, ok2 := parseDec(fs[3])
		if !ok1 || !ok2 || nsyn == 0 || len(fs) != 6+int(nptr)+int(nsyn) {
			return fmt.Errorf("synset_cnt %q and p_cnt %q do not match %d fields", fs[2], fs[3], len(fs))
		}
		var ss senses
		for i, f := range fs[len(fs)-int(nsyn):] {
			off, ok := parseDec(f)
			if !ok || off == 0 {
				return fmt.Errorf("bad synset offset %q", f)
			}
			if i < maxSenses {
				ss[i] = off
			}
		}
		if plain(fs[0]) {
			index[string(fs[0])] = ss
		}
		return nil
	})
	return index, err
}

// readData reads every synset of a data.<pos> file: per line
// "synset_offset lex_filenum ss_type w_cnt word lex_id [word lex_id...]
// p_cnt [ptr_symbol synset_offset pos source/target...] [frames...] |
// gloss", where w_cnt and lex_id are hexadecimal and synset_offset is the
// line's own byte offset (checked). Lemmas are interned in intern.
func readData(path string, pos POS, intern map[string]string) (map[uint32]synset, error) {
	all := map[uint32]synset{}
	err := eachLine(path, func(at int, fs [][]byte) error {
		if len(fs) < 5 {
			return fmt.Errorf("want at least 5 fields, have %d", len(fs))
		}
		off, ok := parseDec(fs[0])
		if !ok || int(off) != at {
			return fmt.Errorf("synset offset %q is not the line's byte offset %d", fs[0], at)
		}
		nw, ok := parseHex(fs[3])
		if !ok || nw == 0 || len(fs) < 5+2*int(nw) {
			return fmt.Errorf("bad w_cnt %q", fs[3])
		}
		var s synset
		for i := 0; i < int(nw); i++ {
			w := fs[4+2*i]
			// Adjectives mark syntactic position: "fresh(a)", "galore(ip)".
			if j := bytes.IndexByte(w, '('); j > 0 && pos == Adj {
				w = w[:j]
			}
			if plain(w) && len(w) >= minLemma && len(w) <= maxLemma {
				l, ok := intern[string(w)]
				if !ok {
					l = string(w)
					intern[l] = l
				}
				s.lemmas = append(s.lemmas, l)
			}
		}
		p := 4 + 2*int(nw)
		np, ok := parseDec(fs[p])
		if !ok || len(fs) < p+1+4*int(np) {
			return fmt.Errorf("bad p_cnt %q", fs[p])
		}
		for i := 0; i < int(np); i++ {
			ptr := fs[p+1+4*i : p+5+4*i] // symbol, offset, pos, source/target
			h, ok := parseDec(ptr[1])
			if !ok {
				return fmt.Errorf("bad pointer offset %q", ptr[1])
			}
			// "@" is a hypernym; "@i" an instance hypernym, left out.
			if pos == Noun && string(ptr[0]) == "@" && string(ptr[2]) == "n" {
				s.hypernyms = append(s.hypernyms, h)
			}
		}
		all[off] = s
		return nil
	})
	return all, err
}

// readExceptions reads a <pos>.exc file: per line "inflection base...".
func readExceptions(path string) (map[string][]string, error) {
	exc := map[string][]string{}
	err := eachLine(path, func(_ int, fs [][]byte) error {
		if len(fs) < 2 {
			return fmt.Errorf("want an inflection and its base forms, have %d fields", len(fs))
		}
		if !plain(fs[0]) {
			return nil
		}
		bases := make([]string, len(fs)-1)
		for i, b := range fs[1:] {
			bases[i] = string(b)
		}
		exc[string(fs[0])] = bases
		return nil
	})
	return exc, err
}

// eachLine reads the file at path and calls fn with each line's byte
// offset and the space-separated fields before its first '|' (data files
// end a line with "| gloss", which may hold anything), skipping blank
// lines and the licence header (lines starting with a space). An error
// from fn is reported with the file and line number.
func eachLine(path string, fn func(at int, fs [][]byte) error) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	var fs [][]byte
	for at, n := 0, 1; at < len(data); n++ {
		end := bytes.IndexByte(data[at:], '\n')
		if end < 0 {
			end = len(data) - at
		}
		line := data[at : at+end]
		if len(line) > 0 && line[0] != ' ' {
			if i := bytes.IndexByte(line, '|'); i >= 0 {
				line = line[:i]
			}
			fs = fields(fs[:0], line)
			if err := fn(at, fs); err != nil {
				return fmt.Errorf("read %s:%d: %w", path, n, err)
			}
		}
		at += end + 1
	}
	return nil
}

// fields appends the space-separated fields of line to dst, without
// copying: the database separates fields with one space and ends some
// lines with two.
func fields(dst [][]byte, line []byte) [][]byte {
	for len(line) > 0 {
		i := bytes.IndexByte(line, ' ')
		if i < 0 {
			i = len(line)
		}
		if i > 0 {
			dst = append(dst, line[:i])
		}
		line = line[min(i+1, len(line)):]
	}
	return dst
}

// plain reports whether w is a non-empty run of a-z.
func plain(w []byte) bool {
	for _, c := range w {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return len(w) > 0
}

// parseDec parses a decimal number of up to 9 digits (offsets are 8).
func parseDec(b []byte) (uint32, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	var v uint32
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = 10*v + uint32(c-'0')
	}
	return v, true
}

// parseHex parses a hexadecimal number of up to 4 digits (w_cnt is 2).
func parseHex(b []byte) (uint32, bool) {
	if len(b) == 0 || len(b) > 4 {
		return 0, false
	}
	var v uint32
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			v = 16*v + uint32(c-'0')
		case c >= 'a' && c <= 'f':
			v = 16*v + uint32(c-'a'+10)
		case c >= 'A' && c <= 'F':
			v = 16*v + uint32(c-'A'+10)
		default:
			return 0, false
		}
	}
	return v, true
}

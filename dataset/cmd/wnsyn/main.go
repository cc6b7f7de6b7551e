// Command wnsyn derives the small synonym table dataset/seeds/synonyms.txt
// from WordNet 3.0 (Debian package wordnet-base, files under
// /usr/share/wordnet), so that building the dataset never needs WordNet:
//
//	apt-get install -y wordnet-base
//	go generate ./dataset   # runs: go run ./cmd/wnsyn -wordnet /usr/share/wordnet -seeds seeds/industries.txt -out seeds/synonyms.txt
//
// For every name root ("keys:" in industries.txt) it looks up the root's
// most frequent concrete noun sense (an artifact, food, plant, animal, place,
// object, substance or natural phenomenon, among its first three senses) and
// lists the one-word lemmas of that synset (synonyms) and of its direct
// hypernyms (one level up: "loaf" → "bread"). Only plain lowercase words of
// 3 to 9 letters are kept, names of people and places are dropped, and so
// is every word that the safety input policy blocks.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"domaingen/safety"
)

func main() {
	dir := flag.String("wordnet", "/usr/share/wordnet", "WordNet dict `dir` (index.noun, data.noun, ...)")
	seeds := flag.String("seeds", "seeds/industries.txt", "industries seed `file` whose keys: lines are looked up")
	out := flag.String("out", "seeds/synonyms.txt", "output `file`")
	flag.Parse()
	if err := run(*dir, *seeds, *out); err != nil {
		fmt.Fprintln(os.Stderr, "wnsyn:", err)
		os.Exit(1)
	}
}

// wordnet holds the index (lemma → synset offsets, most frequent first)
// and the data files of each part of speech.
type wordnet struct {
	index map[string]map[string][]int64 // pos → lemma → offsets
	data  map[string]*os.File
}

var plainWord = regexp.MustCompile(`^[a-z]{3,9}$`)

func run(dir, seedsPath, outPath string) error {
	keys, err := readKeys(seedsPath)
	if err != nil {
		return err
	}
	wn := &wordnet{index: map[string]map[string][]int64{}, data: map[string]*os.File{}}
	for _, pos := range []string{"noun", "verb", "adj"} {
		if wn.index[pos], err = readIndex(filepath.Join(dir, "index."+pos)); err != nil {
			return err
		}
		f, err := os.Open(filepath.Join(dir, "data."+pos))
		if err != nil {
			return err
		}
		defer f.Close()
		wn.data[pos] = f
	}
	var b strings.Builder
	b.WriteString("# Derived from WordNet 3.0 by dataset/cmd/wnsyn (go generate ./dataset); do not edit.\n")
	b.WriteString("# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. Used under the WordNet license.\n")
	b.WriteString("# root: synonyms and direct hypernyms of its most frequent sense\n")
	for _, k := range keys {
		syns, err := wn.related(k)
		if err != nil {
			return fmt.Errorf("look up %q: %w", k, err)
		}
		if len(syns) > 0 {
			fmt.Fprintf(&b, "%s: %s\n", k, strings.Join(syns, " "))
		}
	}
	return os.WriteFile(outPath, []byte(b.String()), 0o644)
}

// readKeys returns the distinct name roots of the seed file, sorted.
func readKeys(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	set := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "keys:"); ok {
			for _, k := range strings.Fields(v) {
				set[k] = true
			}
		}
	}
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys, nil
}

// readIndex parses an index.<pos> file: "lemma pos n p [ptrs...] senses tagged offsets...".
func readIndex(path string) (map[string][]int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m := map[string][]int64{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, " ") {
			continue // license header
		}
		fs := strings.Fields(line)
		if len(fs) < 6 {
			continue
		}
		nsyn, _ := strconv.Atoi(fs[2])
		var offs []int64
		for _, s := range fs[len(fs)-nsyn:] {
			o, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("%s: bad offset in %q", path, line)
			}
			offs = append(offs, o)
		}
		m[fs[0]] = offs
	}
	return m, sc.Err()
}

// synset is the part of a data.<pos> line this tool needs.
type synset struct {
	lexfile   int // lexicographer file number: 6 noun.artifact, 13 noun.food, ...
	words     []string
	hypernyms []int64 // same-pos offsets
}

func (wn *wordnet) synset(pos string, off int64) (synset, error) {
	f := wn.data[pos]
	buf := make([]byte, 8192)
	n, err := f.ReadAt(buf, off)
	if n == 0 {
		return synset{}, err
	}
	line, _, _ := strings.Cut(string(buf[:n]), "\n")
	line, _, _ = strings.Cut(line, " | ")
	fs := strings.Fields(line)
	// offset lex_filenum ss_type w_cnt(hex) [word lex_id]... p_cnt [sym off pos src]...
	wc, err := strconv.ParseInt(fs[3], 16, 32)
	if err != nil {
		return synset{}, fmt.Errorf("synset %d: %w", off, err)
	}
	var s synset
	s.lexfile, _ = strconv.Atoi(fs[1])
	i := 4
	for j := 0; j < int(wc); j++ {
		s.words = append(s.words, strings.ToLower(fs[i]))
		i += 2
	}
	pc, _ := strconv.Atoi(fs[i])
	i++
	for j := 0; j < pc; j++ {
		if fs[i] == "@" || fs[i] == "@i" {
			o, _ := strconv.ParseInt(fs[i+1], 10, 64)
			s.hypernyms = append(s.hypernyms, o)
		}
		i += 4
	}
	return s, nil
}

// concreteNoun lists the lexicographer files of noun senses that make good
// name material (things, food, plants, animals, places, natural phenomena);
// abstract senses ("build" as physique, "case" as instance) are skipped.
var concreteNoun = map[int]bool{5: true, 6: true, 13: true, 15: true, 17: true, 19: true, 20: true, 27: true}

// stop holds words that are never useful in a name: abstract hypernyms
// ("container", "activity"), archaic or technical forms, and slurs that
// WordNet lists as synonyms (the safety lexicon catches most, this list
// the rest).
var stop = map[string]bool{
	"container": true, "device": true, "structure": true, "material": true, "activity": true, "action": true,
	"state": true, "condition": true, "status": true, "instance": true, "happening": true, "occurrent": true,
	"act": true, "deed": true, "move": true, "set": true, "part": true, "portion": true, "component": true,
	"element": true, "solid": true, "liquid": true, "mixture": true, "foodstuff": true, "quality": true,
	"property": true, "holding": true, "process": true, "outgrowth": true, "appendage": true, "support": true,
	"signifier": true, "form": true, "variable": true, "function": true, "mapping": true, "map": true,
	"greaser": true, "mexican": true, "midget": true, "riffian": true, "berber": true, "physicist": true,
	"phoebe": true, "expanse": true, "workplace": true, "wont": true, "larn": true, "swob": true, "swot": true,
	"dweeb": true, "wonk": true, "nerd": true, "sudor": true, "secretion": true, "lesion": true, "wound": true,
	"symptom": true, "sepulcher": true, "sepulchre": true, "sepulture": true, "caskful": true, "mugful": true,
	"waggon": true, "reflexion": true, "connexion": true, "lense": true, "leger": true, "pel": true,
	"inebriant": true, "cud": true, "quid": true, "chaw": true, "tiro": true, "tyro": true, "nybble": true,
	"voidance": true, "rachis": true, "habitus": true, "nous": true, "noesis": true, "extremum": true,
	"acid": true, "dose": true, "dot": true, "elvis": true, "pane": true, "superman": true, "organism": true,
	"being": true, "enation": true, "agent": true, "facility": true, "object": true, "pity": true, "wind": true,
	"discolor": true, "discolour": true, "locomote": true, "cogitate": true, "cerebrate": true, "aculeus": true,
	"acclivity": true, "vibrissa": true, "kickshaw": true, "aliment": true, "victuals": true, "jibe": true, "gibe": true,
	"lade": true, "laden": true, "cranch": true, "craunch": true, "hotfoot": true, "hie": true, "scud": true,
	"rede": true, "apprize": true, "numerate": true, "demesne": true, "grummet": true, "cringle": true, "holdfast": true,
	"claw": true, "hook": true, "bag": true, "base": true, "fastener": true, "fastening": true, "fixing": true,
	"pore": true, "flatware": true, "crockery": true, "dishware": true, "cutlery": true, "tubing": true,
	"degree": true, "grade": true, "level": true, "storey": true, "story": true, "floor": true,
}

// related returns the synonyms and direct hypernyms of key's most frequent
// concrete noun sense (one of its first three). Verb and adjective senses
// are not used: their synonyms ("focus" → "pore", "cheer" → "hearten")
// read badly in names.
func (wn *wordnet) related(key string) ([]string, error) {
	for _, pos := range []string{"noun"} {
		var first synset
		found := false
		for i, off := range wn.index[pos][key] {
			if i >= 3 {
				break // beyond the third sense a word rarely means what the seed meant
			}
			s, err := wn.synset(pos, off)
			if err != nil {
				return nil, err
			}
			if pos != "noun" || concreteNoun[s.lexfile] {
				first, found = s, true
				break
			}
		}
		if !found {
			continue
		}
		words := append([]string{}, first.words...)
		for _, h := range first.hypernyms {
			hs, err := wn.synset(pos, h)
			if err != nil {
				return nil, err
			}
			words = append(words, hs.words...)
		}
		seen := map[string]bool{key: true}
		var out []string
		for _, w := range words {
			w = strings.TrimSuffix(strings.TrimSuffix(w, "(a)"), "(p)")
			if seen[w] || stop[w] || !plainWord.MatchString(w) || safety.Check(w).Blocked {
				continue
			}
			seen[w] = true
			out = append(out, w)
		}
		return out, nil
	}
	return nil, nil
}

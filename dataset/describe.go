package dataset

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Length buckets of a description, by word count.
const (
	Short    = "short"    // 3-6 words: a fragment ("taco truck in Leeds")
	Typical  = "typical"  // 7-24 words: a one-liner
	Detailed = "detailed" // 25-80 words: several sentences
)

// MinWords and MaxWords bound every description.
const (
	MinWords = 3
	MaxWords = 80
)

// bucketOf returns the length bucket of a word count.
func bucketOf(words int) string {
	switch {
	case words <= 6:
		return Short
	case words <= 24:
		return Typical
	}
	return Detailed
}

// wordCount counts whitespace-separated words.
func wordCount(s string) int { return len(strings.Fields(s)) }

// spec is what a description is generated from; the names come from the
// same spec, so they stay relevant even when typos hide a word.
type spec struct {
	ind      *industry
	lang     string
	bucket   string // the bucket aimed at; the text's own count decides the metadata
	tone     tone
	city     string
	country  string
	audience string
	size     string
	what     string   // English phrase (or the native one, with article)
	offers   []string // English offers mentioned
}

// describe fills a template of s.lang and s.bucket.
func describe(r *rng, s *spec) string {
	if s.lang != "en" {
		return describeNative(r, s)
	}
	o := s.offers
	switch s.bucket {
	case Short:
		return pick(r, []func() string{
			func() string { return s.what + " in " + s.city },
			func() string { return s.size + " " + s.what + " in " + s.city },
			func() string { return s.what + " for " + s.audience },
			func() string { return s.what + ", " + s.city },
			func() string { return o[0] + " " + pick(r, []string{"shop", "business", "brand", "service"}) },
			func() string { return s.what + " selling " + o[0] },
			func() string { return s.size + " " + s.what },
		})()
	case Typical:
		return pick(r, []func() string{
			func() string {
				return capital(article(s.size)) + " " + s.size + " " + s.what + " in " + s.city + " offering " + o[0] + " and " + o[1] + "."
			},
			func() string {
				return capital(s.what) + " for " + s.audience + " in " + s.city + ", known for " + o[0] + "."
			},
			func() string {
				return "We run " + article(s.what) + " " + s.what + " in " + s.city + " specializing in " + o[0] + "."
			},
			func() string {
				return "Looking for a name for my " + s.what + " in " + s.city + ": we do " + o[0] + ", " + o[1] + " and " + o[2] + "."
			},
			func() string {
				return capital(article(s.what)) + " " + s.what + " serving " + s.audience + " with " + o[0] + " and " + o[1]
			},
			func() string { return capital(s.tone.adj) + " " + s.what + " in " + s.city + " for " + s.audience },
			func() string { return "new " + s.what + " opening in " + s.city + " next spring, mostly " + o[0] },
			func() string {
				return capital(s.size) + " " + s.what + " (" + o[0] + ", " + o[1] + ") looking for a " + s.tone.id + " name"
			},
		})()
	}
	return describeDetailed(r, s)
}

// describeDetailed writes 25-80 words: an opening sentence, then sentences
// drawn without repetition until a word budget is reached.
func describeDetailed(r *rng, s *spec) string {
	o := s.offers
	open := pick(r, []string{
		capital(article(s.size)) + " " + s.size + " " + s.what + " based in " + s.city + ", " + s.country + ".",
		"We are " + article(s.what) + " " + s.what + " opening in " + s.city + " this year.",
		"My partner and I run " + article(s.size) + " " + s.size + " " + s.what + " in " + s.city + ".",
		"I am starting " + article(s.what) + " " + s.what + " in " + s.city + ", " + s.country + ".",
		capital(s.what) + " in " + s.city + ", " + s.country + ", run by " + pick(r, []string{"two friends", "a former teacher", "a brother and sister", "a retired engineer", "three cousins", "a young couple"}) + ".",
	})
	more := []string{
		"We offer " + o[0] + ", " + o[1] + " and " + o[2] + ".",
		"Our customers come for " + o[0] + " and stay for " + o[1] + ".",
		"Most of our customers are " + s.audience + ".",
		"We mainly serve " + s.audience + " in and around " + s.city + ".",
		"The business started " + pick(r, []string{"two", "three", "five", "eight", "twelve"}) + " years ago as a weekend side project.",
		"Everything is done in-house by a team of " + pick(r, []string{"three", "four", "six", "ten", "fifteen"}) + ".",
		"We care about sustainability and source locally wherever we can.",
		"So far we have grown by word of mouth and now need a proper website.",
		"We want a name that feels " + s.tone.phrase + ".",
		"The brand should sound " + s.tone.phrase + ", not corporate.",
		"Short and easy to spell would be ideal, since people hear the name before they see it.",
		"We also sell " + o[3%len(o)] + " online and ship nationwide.",
		"Prices are fair and bookings are made online.",
		"In the long run we would like to open a second location.",
	}
	shuffle(r, more)
	budget := between(r, 25, 75)
	text := open
	for _, m := range more {
		if wordCount(text) >= budget || wordCount(text)+wordCount(m) > MaxWords {
			break
		}
		text += " " + m
	}
	return text
}

// native holds the templates of one foreign language: {biz} is the
// business with its article, {city} and {aud} the slots.
type native struct {
	short, typical, sentences []string
	audiences, tones          []string
}

var natives = map[string]native{
	"es": {
		short:     []string{"{biz} en {city}", "{biz} para {aud}", "{biz}, {city}"},
		typical:   []string{"Tenemos {biz} en {city} para {aud}.", "Busco un nombre para {biz} en {city}, algo {tone}.", "{Biz} en el centro de {city}, para {aud}."},
		sentences: []string{"Abrimos hace {n} años y queremos renovar la marca.", "Trabajamos sobre todo con {aud}.", "Queremos un nombre {tone} y fácil de recordar.", "Somos un equipo pequeño y todo lo hacemos nosotros.", "Nos importa la calidad y el trato cercano.", "Pronto venderemos también por internet."},
		audiences: []string{"familias", "estudiantes", "profesionales", "turistas", "pequeñas empresas", "personas mayores"},
		tones:     []string{"cercano", "moderno", "elegante", "divertido"},
	},
	"fr": {
		short:     []string{"{biz} à {city}", "{biz} pour {aud}", "{biz}, {city}"},
		typical:   []string{"Nous ouvrons {biz} à {city} pour {aud}.", "Je cherche un nom pour {biz} à {city}, quelque chose de {tone}.", "{Biz} au cœur de {city}, pour {aud}."},
		sentences: []string{"Nous existons depuis {n} ans et voulons rafraîchir la marque.", "Nos clients sont surtout {aud}.", "Nous voulons un nom {tone} et facile à retenir.", "Nous sommes une petite équipe et faisons tout nous-mêmes.", "La qualité et le contact humain comptent beaucoup pour nous.", "Bientôt, nous vendrons aussi en ligne."},
		audiences: []string{"les familles", "les étudiants", "les professionnels", "les touristes", "les petites entreprises", "les seniors"},
		tones:     []string{"chaleureux", "moderne", "élégant", "ludique"},
	},
	"de": {
		short:     []string{"{biz} in {city}", "{biz} für {aud}", "{biz}, {city}"},
		typical:   []string{"Wir eröffnen {biz} in {city} für {aud}.", "Ich suche einen Namen für {biz} in {city}, etwas {tone}.", "{Biz} mitten in {city}, gedacht für {aud}."},
		sentences: []string{"Uns gibt es seit {n} Jahren und wir wollen die Marke erneuern.", "Unsere Kunden sind vor allem {aud}.", "Der Name soll {tone} und leicht zu merken sein.", "Wir sind ein kleines Team und machen alles selbst.", "Qualität und persönliche Beratung sind uns wichtig.", "Bald verkaufen wir auch online."},
		audiences: []string{"Familien", "Studierende", "Berufstätige", "Touristen", "kleine Firmen", "Senioren"},
		tones:     []string{"freundlich", "modern", "elegant", "verspielt"},
	},
	"pt": {
		short:     []string{"{biz} em {city}", "{biz} para {aud}", "{biz}, {city}"},
		typical:   []string{"Temos {biz} em {city} para {aud}.", "Procuro um nome para {biz} em {city}, algo {tone}.", "{Biz} no centro de {city}, para {aud}."},
		sentences: []string{"Abrimos há {n} anos e queremos renovar a marca.", "Atendemos principalmente {aud}.", "Queremos um nome {tone} e fácil de lembrar.", "Somos uma equipe pequena e fazemos tudo nós mesmos.", "Qualidade e atendimento próximo são importantes para nós.", "Em breve vamos vender também pela internet."},
		audiences: []string{"famílias", "estudantes", "profissionais", "turistas", "pequenas empresas", "idosos"},
		tones:     []string{"acolhedor", "moderno", "elegante", "divertido"},
	},
	"it": {
		short:     []string{"{biz} a {city}", "{biz} per {aud}", "{biz}, {city}"},
		typical:   []string{"Apriamo {biz} a {city} per {aud}.", "Cerco un nome per {biz} a {city}, qualcosa di {tone}.", "{Biz} nel centro di {city}, per {aud}."},
		sentences: []string{"Siamo aperti da {n} anni e vogliamo rinnovare il marchio.", "I nostri clienti sono soprattutto {aud}.", "Vogliamo un nome {tone} e facile da ricordare.", "Siamo una piccola squadra e facciamo tutto da soli.", "Per noi contano la qualità e il rapporto diretto.", "Presto venderemo anche online."},
		audiences: []string{"famiglie", "studenti", "professionisti", "turisti", "piccole imprese", "anziani"},
		tones:     []string{"accogliente", "moderno", "elegante", "divertente"},
	},
}

func describeNative(r *rng, s *spec) string {
	n := natives[s.lang]
	fill := func(t string) string {
		return strings.NewReplacer(
			"{Biz}", capital(s.what), "{biz}", s.what, "{city}", s.city,
			"{aud}", pick(r, n.audiences), "{tone}", pick(r, n.tones),
			"{n}", pick(r, []string{"2", "3", "5", "10", "20"}),
		).Replace(t)
	}
	switch s.bucket {
	case Short:
		return fill(pick(r, n.short))
	case Typical:
		return fill(pick(r, n.typical))
	}
	text := fill(pick(r, n.typical))
	sents := append([]string{}, n.sentences...)
	shuffle(r, sents)
	budget := between(r, 25, 60)
	for _, t := range sents {
		if wordCount(text) >= budget {
			break
		}
		text += " " + fill(t)
	}
	return text
}

// article returns "a" or "an" for the word that follows.
func article(next string) string {
	if next == "" {
		return "a"
	}
	switch unicode.ToLower(rune(next[0])) {
	case 'a', 'e', 'i', 'o':
		return "an"
	case 'u':
		if strings.HasPrefix(strings.ToLower(next), "uni") || strings.HasPrefix(strings.ToLower(next), "use") {
			return "a"
		}
		return "an"
	}
	if strings.HasPrefix(next, "SaaS") {
		return "a"
	}
	return "a"
}

// capital upper-cases the first letter.
func capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// qwertyNeighbors maps a letter to the keys next to it, for typos.
var qwertyNeighbors = map[byte]string{
	'a': "qwsz", 'b': "vghn", 'c': "xdfv", 'd': "serfcx", 'e': "wsdr", 'f': "drtgvc", 'g': "ftyhbv",
	'h': "gyujnb", 'i': "ujko", 'j': "huikmn", 'k': "jiolm", 'l': "kop", 'm': "njk", 'n': "bhjm",
	'o': "iklp", 'p': "ol", 'q': "wa", 'r': "edft", 's': "awedxz", 't': "rfgy", 'u': "yhji",
	'v': "cfgb", 'w': "qase", 'x': "zsdc", 'y': "tghu", 'z': "asx",
}

// addTypos applies 1-3 character-level edits (swap, drop, double, a
// neighbouring key) to words of four or more ASCII letters, about one per
// fifteen words: the kind of slips people make typing a description.
func addTypos(r *rng, text string) string {
	words := strings.Split(text, " ")
	var cands []int
	for i, w := range words {
		if len(w) >= 4 && isASCIILetters(w) {
			cands = append(cands, i)
		}
	}
	if len(cands) == 0 {
		return text
	}
	edits := min(len(cands), max(1, min(3, len(words)/15)))
	shuffle(r, cands)
	for _, i := range cands[:edits] {
		w := []byte(words[i])
		p := 1 + r.intn(len(w)-2) // keep the first and last letter: still readable
		switch r.intn(4) {
		case 0:
			w[p], w[p+1] = w[p+1], w[p]
		case 1:
			w = append(w[:p], w[p+1:]...)
		case 2:
			w = append(w[:p+1], w[p:]...)
		default:
			if nb, ok := qwertyNeighbors[w[p]]; ok {
				w[p] = nb[r.intn(len(nb))]
			}
		}
		words[i] = string(w)
	}
	return strings.Join(words, " ")
}

func isASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') {
			return false
		}
	}
	return true
}

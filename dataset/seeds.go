package dataset

import (
	_ "embed"
	"fmt"
	"strings"
)

//go:generate go run ./cmd/wnsyn -wordnet /usr/share/wordnet -seeds seeds/industries.txt -out seeds/synonyms.txt

// Seed files, written by hand (industries.txt, unsafe.txt) or derived from
// WordNet by cmd/wnsyn (synonyms.txt). Embedding them keeps the build free
// of any file or package outside the module.
var (
	//go:embed seeds/industries.txt
	industriesText string
	//go:embed seeds/synonyms.txt
	synonymsText string
	//go:embed seeds/unsafe.txt
	unsafeText string
)

// Languages of the descriptions, besides English.
var foreignLangs = []string{"es", "fr", "de", "pt", "it"}

// industry is one entry of seeds/industries.txt.
type industry struct {
	id     string
	what   []string            // English noun phrases, no article
	offer  []string            // English offer phrases
	keys   []string            // name roots
	tlds   []string            // preferred TLDs besides com (unfiltered)
	native map[string][]string // lang → phrases with their article
}

// parseIndustries reads the format documented at the top of industries.txt.
// It panics on a malformed file: the file is embedded, so an error here is
// a programmer error caught by every test.
func parseIndustries(text string) []industry {
	var out []industry
	var cur *industry
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if id, ok := strings.CutPrefix(line, "@"); ok {
			out = append(out, industry{id: id, native: map[string][]string{}})
			cur = &out[len(out)-1]
			continue
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok || cur == nil {
			panic(fmt.Sprintf("dataset: industries.txt line %d: %q", n+1, line))
		}
		val = strings.TrimSpace(val)
		switch key {
		case "what":
			cur.what = splitPhrases(val)
		case "offer":
			cur.offer = splitPhrases(val)
		case "keys":
			cur.keys = strings.Fields(val)
		case "tld":
			cur.tlds = strings.Fields(val)
		default:
			cur.native[key] = splitPhrases(val)
		}
	}
	for _, ind := range out {
		if len(ind.what) == 0 || len(ind.offer) < 3 || len(ind.keys) < 4 {
			panic("dataset: industry " + ind.id + " lacks what, offer or keys")
		}
		for _, l := range foreignLangs {
			if len(ind.native[l]) == 0 {
				panic("dataset: industry " + ind.id + " lacks language " + l)
			}
		}
	}
	return out
}

func splitPhrases(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// parseSynonyms reads synonyms.txt: "word: syn syn ..." per line.
func parseSynonyms(text string) map[string][]string {
	m := map[string][]string{}
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		w, syns, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		m[strings.TrimSpace(w)] = strings.Fields(syns)
	}
	return m
}

// unsafeSeed is one line of unsafe.txt: "category | description".
type unsafeSeed struct{ category, text string }

func parseUnsafe(text string) []unsafeSeed {
	var out []unsafeSeed
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cat, desc, ok := strings.Cut(line, "|")
		if !ok {
			panic("dataset: unsafe.txt line without '|': " + line)
		}
		out = append(out, unsafeSeed{strings.TrimSpace(cat), strings.TrimSpace(desc)})
	}
	return out
}

var (
	industries  = parseIndustries(industriesText)
	synonyms    = parseSynonyms(synonymsText)
	unsafeSeeds = parseUnsafe(unsafeText)
)

// city is a place a business is in. name is how it is written in
// descriptions; country fills "{city}, {country}" in longer ones.
type city struct{ name, country string }

// englishCities are places all over the world for English descriptions.
var englishCities = []city{
	{"Portland", "Maine"}, {"Austin", "Texas"}, {"Denver", "Colorado"}, {"Savannah", "Georgia"}, {"Boise", "Idaho"},
	{"Minneapolis", "Minnesota"}, {"Asheville", "North Carolina"}, {"Tacoma", "Washington"}, {"Madison", "Wisconsin"},
	{"Santa Fe", "New Mexico"}, {"Pittsburgh", "Pennsylvania"}, {"Halifax", "Nova Scotia"}, {"Calgary", "Alberta"},
	{"Victoria", "British Columbia"}, {"Leeds", "England"}, {"Bristol", "England"}, {"Brighton", "England"},
	{"Glasgow", "Scotland"}, {"Cardiff", "Wales"}, {"Belfast", "Northern Ireland"}, {"Galway", "Ireland"},
	{"Cork", "Ireland"}, {"Dublin", "Ireland"}, {"Melbourne", "Australia"}, {"Perth", "Australia"},
	{"Hobart", "Tasmania"}, {"Brisbane", "Australia"}, {"Wellington", "New Zealand"}, {"Dunedin", "New Zealand"},
	{"Cape Town", "South Africa"}, {"Durban", "South Africa"}, {"Nairobi", "Kenya"}, {"Lagos", "Nigeria"},
	{"Accra", "Ghana"}, {"Kigali", "Rwanda"}, {"Singapore", "Singapore"}, {"Kuala Lumpur", "Malaysia"},
	{"Manila", "the Philippines"}, {"Cebu", "the Philippines"}, {"Bangalore", "India"}, {"Pune", "India"},
	{"Jaipur", "India"}, {"Colombo", "Sri Lanka"}, {"Dubai", "the UAE"}, {"Doha", "Qatar"}, {"Tel Aviv", "Israel"},
	{"Tallinn", "Estonia"}, {"Riga", "Latvia"}, {"Krakow", "Poland"}, {"Prague", "Czechia"}, {"Ljubljana", "Slovenia"},
	{"Copenhagen", "Denmark"}, {"Gothenburg", "Sweden"}, {"Bergen", "Norway"}, {"Helsinki", "Finland"},
	{"Rotterdam", "the Netherlands"}, {"Utrecht", "the Netherlands"}, {"Antwerp", "Belgium"}, {"Reykjavik", "Iceland"},
	{"Tokyo", "Japan"}, {"Osaka", "Japan"}, {"Seoul", "South Korea"}, {"Taipei", "Taiwan"}, {"Hanoi", "Vietnam"},
	{"Chiang Mai", "Thailand"}, {"Bali", "Indonesia"}, {"Honolulu", "Hawaii"}, {"Anchorage", "Alaska"},
	{"Kingston", "Jamaica"}, {"Nassau", "the Bahamas"}, {"Valletta", "Malta"}, {"Nicosia", "Cyprus"},
	{"Athens", "Greece"}, {"Istanbul", "Turkey"}, {"Tbilisi", "Georgia"}, {"Auckland", "New Zealand"},
	{"Edinburgh", "Scotland"}, {"Vancouver", "British Columbia"}, {"Ottawa", "Ontario"}, {"Nashville", "Tennessee"},
	{"Tucson", "Arizona"}, {"Sacramento", "California"}, {"Charleston", "South Carolina"}, {"Burlington", "Vermont"},
}

// nativeCities are places where each foreign language is spoken.
var nativeCities = map[string][]string{
	"es": {"Madrid", "Sevilla", "Valencia", "Bilbao", "Málaga", "Zaragoza", "Ciudad de México", "Guadalajara", "Buenos Aires", "Córdoba", "Bogotá", "Medellín", "Lima", "Santiago", "Montevideo", "Quito"},
	"fr": {"Lyon", "Marseille", "Bordeaux", "Nantes", "Lille", "Toulouse", "Strasbourg", "Montréal", "Québec", "Bruxelles", "Liège", "Genève", "Lausanne", "Dakar", "Abidjan"},
	"de": {"Berlin", "München", "Hamburg", "Köln", "Leipzig", "Dresden", "Freiburg", "Stuttgart", "Wien", "Graz", "Salzburg", "Zürich", "Basel", "Bern"},
	"pt": {"Lisboa", "Porto", "Coimbra", "Braga", "Faro", "São Paulo", "Rio de Janeiro", "Belo Horizonte", "Curitiba", "Recife", "Salvador", "Florianópolis", "Luanda", "Maputo"},
	"it": {"Roma", "Milano", "Torino", "Bologna", "Napoli", "Firenze", "Palermo", "Bari", "Verona", "Genova", "Trieste", "Lecce", "Lugano"},
}

// sizes describe the business before its noun: "a family-run bakery".
var sizes = []string{
	"small", "family-run", "one-person", "two-person", "independent", "new", "growing",
	"well-established", "community-owned", "woman-owned", "veteran-owned", "second-generation",
}

// audiences complete "for ...".
var audiences = []string{
	"young families", "students", "busy professionals", "retirees", "small businesses", "remote workers",
	"tourists", "first-time buyers", "new parents", "homeowners", "freelancers", "startups", "nonprofits",
	"seniors", "teenagers", "outdoor lovers", "creative professionals", "local shops", "expats", "commuters",
	"college students", "busy parents", "hobbyists", "beginners", "weekend visitors",
}

// tone is the feel a description asks for, with the words it suggests for
// names (mods) and the TLD lean it adds.
type tone struct {
	id     string
	phrase string   // "playful and fun"
	adj    string   // "playful", before the business noun
	mods   []string // name modifiers
}

var tones = []tone{
	{"playful", "playful and fun", "playful", []string{"happy", "jolly", "sunny", "zippy", "merry"}},
	{"premium", "premium and elegant", "premium", []string{"noble", "velvet", "grand", "regal", "luxe"}},
	{"friendly", "warm and friendly", "friendly", []string{"kind", "good", "neighbor", "hello", "cozy"}},
	{"professional", "professional and trustworthy", "trusted", []string{"true", "prime", "clear", "solid", "keystone"}},
	{"eco", "natural and eco-friendly", "eco-friendly", []string{"green", "wild", "pure", "earth", "moss"}},
	{"modern", "modern and techy", "modern", []string{"nova", "next", "smart", "hyper", "orbit"}},
	{"minimal", "minimal and clean", "minimalist", []string{"simple", "clean", "mono", "plain", "one"}},
	{"bold", "bold and energetic", "bold", []string{"bold", "brave", "blaze", "rocket", "zest"}},
	{"local", "rooted in the neighborhood", "neighborhood", []string{"local", "home", "corner", "hometown", "village"}},
	{"calm", "calm and reassuring", "calm", []string{"calm", "gentle", "quiet", "still", "soft"}},
}

package safety

// The lexicon: one rule table per category, in lexicon_*.go. This file
// lists the tables and holds the allow-context word classes they share.
//
// How to read a table: each rule's first pattern string is its anchor;
// the other strings of `all` must occur near the anchor (co-occurrence);
// `unless` holds the allow-context that neutralises the rule when it
// occurs near the anchor. Pattern syntax is documented in match.go.
// Foreign-language terms sit next to their English counterparts; accents
// do not matter (entries are folded like the input).

// ruleSets returns every category table.
func ruleSets() []*ruleSet {
	return []*ruleSet{
		&csamRules, &adultRules, &traffickingRules, &terrorismRules,
		&selfHarmRules, &hateRules, &violenceRules, &weaponsRules,
		&drugsRules, &doxxingRules, &impersonationRules, &fraudRules,
		&counterfeitRules, &gamblingRules, &injectionRules,
	}
}

// Shared allow-context classes.
const (
	// ctxHelp: prevention, support, treatment, research and education
	// about a harm, in English and the other supported languages.
	ctxHelp = "prevent*|prevention|awareness|anti|combat*|counter|fight|fighting|fights|against|survivor*|victim*|" +
		"support group*|helpline*|hotline*|charity|charities|nonprofit*|non profit|ngo|foundation|" +
		"advocacy|advocate*|rescue*|recovery|recovering|rehab*|treatment*|therapy|therapist*|counsel*|" +
		"education*|educational|research*|researcher*|studies|museum*|history|historical|documentar*|" +
		"journalis*|law firm*|lawyer*|attorney*|legal aid|compliance|protect*|safeguard*|hotline|" +
		"prevencion|prevenir|contra|lucha|ayuda|rehabilitacion|tratamiento|investigacion|" +
		"lutte|contre|aide|desintoxication|traitement|recherche|" +
		"pravention|gegen|hilfe|beratung|entzug*|forschung|" +
		"prevencao|combate|ajuda|tratamento|pesquisa|" +
		"prevenzione|lotta|aiuto|disintossicazione|ricerca|" +
		"профилактик*|борьб*|против|помощь|реабилитац*|лечени*"
)

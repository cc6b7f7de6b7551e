package safety

import "strings"

// Prompt injection. A description that carries an injection attempt
// around a real business ("ignore your instructions ... names for my yoga
// studio") is allowed: the generator's prompt treats the description as
// data, and the business is still named. Only a request that is nothing
// but an extraction or jailbreak attempt is refused as prompt_injection.

var injectionRules = ruleSet{
	category: CatPromptInjection,
	reason:   "prompt-injection attempt with no business described",
	rules: []rule{
		{id: "injection.override", all: []string{"ignore|ignoring|disregard|forget|override|bypass|skip|drop|disable|turn off|" +
			"ignora|ignore|ignorez|ignoriere|ignorieren|vergiss|esquece|dimentica|игнорируй*|забудь|忽略|無視|무시",
			"instructions|instruction|rules|prompt|prompts|guidelines|directions|policies|policy|guardrails|restrictions|" +
				"filters|filter|safety|constraints|programming|system message|context|previous|prior|above|" +
				"instrucciones|reglas|instructions|regles|consignes|anweisungen|regeln|instrucoes|regras|istruzioni|regole|" +
				"инструкци*|правила|指令|指示|规则|ルール|지시|규칙"},
			within: 5},
		{id: "injection.extract", all: []string{"system prompt|system message|hidden prompt|initial prompt|original prompt|" +
			"developer message|your prompt|your instructions|your rules|your configuration|your config|api key*|secret key*|" +
			"access token*|credentials|environment variable*|env vars|training data|internal instructions|hidden instructions|" +
			"prompt del sistema|prompt systeme|systemprompt|prompt do sistema|системн* промпт*|系统提示|システムプロンプト|시스템 프롬프트",
			"reveal|print|show|tell|output|repeat|display|leak|give|dump|share|expose|what is|what are|list|write out|" +
				"revela|muestra|revele|affiche|zeige|verrate|mostre|mostra|rivela|покажи|выведи|显示|表示|보여"},
			within: 8},
		{id: "injection.jailbreak", all: []string{"jailbreak*|dan mode|developer mode|do anything now|no restrictions|" +
			"without restrictions|uncensored mode|unfiltered mode|god mode|admin mode|safety checks are disabled|" +
			"safety disabled|safety off|disable safety|disable the filter*|turn off the filter*|you are now|from now on you|" +
			"act as an unrestricted|unrestricted ai|evil ai|sin restricciones|sans restrictions|ohne einschrankungen|" +
			"sem restricoes|senza restrizioni|без ограничений|没有限制|制限なし"}},
	},
}

// injectionFiller are the words an injection-only request is made of:
// function words and the vocabulary of instructions, secrets and
// jailbreaks. A request whose words are all filler describes no business.
var injectionFiller = wordSet(`
a an the and or but then also now just please kindly all any every each your you yours my me i we our us it its
this that these those to of in on at for from with by as is are was were be been being am do does did done
can could would should will shall must may might not no only full fully entire entirely exactly verbatim word
ignore ignoring ignored disregard forget override bypass skip drop disable turn off instead previous prior above
earlier before initial original hidden secret secrets internal system systems developer developers message messages
instruction instructions rule rules prompt prompts guideline guidelines direction directions policy policies
guardrail guardrails restriction restrictions filter filters safety constraint constraints programming context
reveal print show tell output repeat display leak give dump share expose list write out what which who how see
api key keys token tokens access credential credentials password passwords environment variable variables env
vars config configuration settings data training admin administrator root sudo mode god dan jailbreak jailbroken
unrestricted uncensored unfiltered restricted censored enabled disabled on assistant user ai model llm chatbot bot
act pretend roleplay role now from here there everything anything something nothing whatever text content
respond reply answer answers response responses obey follow comply new task tasks important note attention
first second finally immediately right away can't cannot don't dont won't wont okay ok yes sure hey hi hello
contents full complete whole rest copy paste
ignora ignorez ignoriere ignorieren vergiss tus tes deine seine las les die der das instrucciones instructions
anweisungen istruzioni instrucoes regles reglas regeln regole sistema systeme muestra revela affiche zeige
el del lo los al y e o tu su sus anteriores anterior previas previos precedentes vorherigen bisherigen
le la du des et ou vos ton ta précédentes precedentes antérieures und oder dein ihre il gli dei delle e o tue
i os as do da dos das e ou teu tua suas anteriores mostre mostra rivela
`)

// wordSet builds a set from whitespace-separated words, folded like input.
func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[foldText(w)] = true
	}
	return m
}

// InstructionWord reports whether w (one word, any case and accents) is
// part of the vocabulary an injection is made of: function words and the
// words of instructions, secrets, roles and jailbreaks ("ignore", "prompt",
// "system", "reveal", "anweisungen"), or a plural or -ed/-ing form of one.
// These are the words Check counts as describing no business; the suggest
// fallback composes names from them only when a description has no other
// words, and prompt.StripInstructions does not count them as a business.
func InstructionWord(w string) bool {
	return fillerForm(foldText(w))
}

// fillerForm reports whether a folded word, or its stem, is filler.
func fillerForm(f string) bool {
	if injectionFiller[f] {
		return true
	}
	for _, s := range stems(f) {
		if injectionFiller[s] {
			return true
		}
	}
	return false
}

// HasInjection reports whether text holds a prompt-injection attempt that
// the input policy recognises (an override such as "ignore previous
// instructions", an extraction such as "print your system prompt", a
// jailbreak), in any of the languages its lexicon covers, whether or not
// text also describes a business. Check blocks only a request that is
// nothing else; prompt.StripInstructions asks HasInjection of each clause
// to find the ones to drop.
func HasInjection(text string) bool {
	return policy().hasInjection(text)
}

func (c *compiled) hasInjection(text string) bool {
	words := despace(tokenize(text))
	if len(words) == 0 {
		return false
	}
	f := &finder{m: c.v.lookup(words), cache: map[*group][]span{}}
	for i := range c.rules {
		if r := &c.rules[i]; r.category == CatPromptInjection {
			if _, ok := r.eval(f); ok {
				return true
			}
		}
	}
	return false
}

// isFiller reports whether a word carries no business meaning.
func isFiller(w word) bool {
	// Digits and one-letter words describe nothing.
	return fillerForm(w.forms[0]) || len([]rune(w.forms[0])) <= 1 || !hasLetter(w.forms[0])
}

// checkInjection blocks a request that contains an injection attempt and
// nothing else: every word is filler.
func (c *compiled) checkInjection(f *finder) Verdict {
	for i := range c.rules {
		r := &c.rules[i]
		if r.category != CatPromptInjection {
			continue
		}
		what, ok := r.eval(f)
		if !ok {
			continue
		}
		for _, w := range f.m.words {
			if !isFiller(w) {
				return Verdict{}
			}
		}
		return Verdict{Blocked: true, Category: r.category, Reason: r.reason, Matched: r.src.id + ": " + what}
	}
	return Verdict{}
}

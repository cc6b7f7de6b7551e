package safety

// Illegal trades: drugs_illegal, human_trafficking, gambling_unlicensed,
// and doxxing_privacy.

// drugCare is the allow-context of treatment, harm reduction, testing and
// law enforcement around drugs.
const drugCare = "rehab*|rehabilitation|recovery|recovering|sober*|sobriety|detox*|addiction*|addict|addicts|" +
	"treatment*|therapy|therapist*|counsel*|clinic|clinics|clinical|hospital*|medical|medicine|doctor*|psychiatr*|" +
	"harm reduction|test kit*|testing|drug test*|lab|labs|laboratory|narcotics anonymous|naloxone|narcan|" +
	"overdose prevention|prevent*|prevention|awareness|education*|educational|poison control|k9|detection dog*|" +
	"sniffer dog*|police|law enforcement|research*|studies|museum|history|documentar*|support group*|helpline|" +
	"hotline|family support|outreach|needle exchange|syringe|anesthesi*|veterinar*|vet|vets|pharmacolog*|" +
	"against|anti|fight|fighting|fights|combat*|free from|drug free|free of|" +
	"rehabilitacion|desintoxicacion|tratamiento|prevencion|desintoxication|traitement|prevention|entzug*|suchtberatung|" +
	"suchthilfe|drogenberatung|reabilitacao|tratamento|prevencao|disintossicazione|riabilitazione|prevenzione|" +
	"реабилитац*|лечени*|профилакти*|戒毒|禁毒|治疗|依存症|治療|재활|치료"

var drugsRules = ruleSet{
	category: CatDrugs,
	reason:   "sale or promotion of illegal drugs",
	rules: []rule{
		{id: "drugs.hard", all: []string{"cocaine|cocain|crack cocaine|crack rock*|heroin|fentanyl|fentanil|carfentanil|" +
			"meth|methamphetamine*|crystal meth|mdma|ecstasy pill*|ecstasy tablet*|=lsd|lsd tabs|acid tabs|blotter tab*|" +
			"=ghb|rohypnol|roofie*|date rape drug*|=pcp|angel dust|mephedrone|=flakka|synthetic cannabinoid*|spice k2|" +
			"=k2 spice|molly pills|=krokodil|desomorphine|=speedball*|meth lab*|heroin lab*|coke dealer*|" +
			"cocaina|kokain|heroina|metanfetamina|methamphetamin|metanfetamin*|anfetamina*|extasis|ecstasy|" +
			"кокаин*|героин*|метамфетамин*|мефедрон*|амфетамин*|спайс*|закладк*|海洛因|可卡因|冰毒|摇头丸|" +
			"覚醒剤|覚せい剤|コカイン|ヘロイン|필로폰|코카인|헤로인"},
			unless: []string{drugCare}, unlessWithin: 10},
		{id: "drugs.psychedelic", all: []string{"shrooms|magic mushroom*|psilocybin|ketamine|=ket|=dmt|ayahuasca|=lsd|mescaline|peyote|" +
			"acid trip*|psychedelics|hongos magicos|champignons magiques|zauberpilze|cogumelos magicos|funghi allucinogeni|" +
			"псилоцибин*|грибы галлюциноген*|迷幻蘑菇|マジックマッシュルーム",
			"sell|selling|sale|buy|buying|order|ordering|shop|store|deliver*|delivery|ship*|shipping|dealer*|grow kit*|" +
				"spores for|microdos* kits|bulk|wholesale|cheap|discreet|stealth|vendor*|supply|supplier*|plug|online|" +
				"vender|venta|comprar|vendre|acheter|verkaufen|kaufen|vendere|comprare|продаж*|купить|出售|販売"},
			within: 8,
			unless: []string{drugCare + "|licensed|licenced|legal|legally|regulated|state approved|government approved|" +
				"decriminali*|oregon|colorado|retreat* in|facilitator*|trip sitter*|integration|ceremon*|guided|" +
				"mushroom farm|gourmet mushroom*|culinary|lion s mane|lions mane|oyster mushroom*|shiitake|reishi|chaga|" +
				"cordyceps|functional mushroom*|mushroom coffee|mushroom tea|art|artwork|poster*|t shirt*|apparel|jewelry"},
			unlessWithin: anywhere},
		{id: "drugs.rx-diversion", all: []string{"xanax|alprazolam|oxycontin|oxycodone|=oxy|=oxys|=oxies|percocet*|=percs|=perc|vicodin|" +
			"hydrocodone|adderall|tramadol|codeine|valium|diazepam|klonopin|clonazepam|ritalin|modafinil|opioid*|opiate*|" +
			"painkiller*|pain pills|pain killers|benzos|benzo|steroids|anabolic*|sarms|viagra|cialis|prescription drugs|" +
			"prescription meds|prescription medication*|prescription pills|meds|pills|tablets|=bars|=xans|=m30*|pressed pills|" +
			"pressed bars|lean syrup|purple drank|promethazine|medications|medicines|drugs|" +
			"medicamentos|pastillas|medicaments|pilules|medikamente|tabletten|remedios|comprimidos|farmaci|pillole|" +
			"лекарств*|таблетк*|处方药|処方薬|처방약",
			"no prescription|without prescription|without a prescription|no rx|without rx|no script|no doctor|" +
				"no questions asked|no questions|discreet shipping|discreet packaging|stealth shipping|stealth packaging|" +
				"bitcoin only|crypto only|darknet|dark web|darkweb|tor|research chemical*|recreational use|get high|" +
				"getting high|to get high|party use|no id|minors|teens|students without|" +
				"sin receta|sans ordonnance|ohne rezept|sem receita|senza ricetta|без рецепта|无需处方|処方箋なし|처방전 없이"},
			within: 10,
			unless: []string{"rehab*|recovery|detox*|addiction*|treatment*|therapy|prevent*|prevention|awareness|education*|" +
				"research*|harm reduction|against|anti|fight|fighting|fights|combat*|report*|police|law enforcement|drug take back|take back|" +
				"disposal|safe disposal|pharmacist*|licensed pharmacy|accredited|verified pharmacy|telehealth|telemedicine|" +
				"=otc|over the counter|vitamins|supplements|herbal|allergy|pet meds|veterinar*|" +
				"fake pharmacy warning|counterfeit pill* awareness"},
			unlessWithin: 10},
		{id: "drugs.dealing", all: []string{"drug dealer*|drug dealing|deal drugs|dealing drugs|sell drugs|selling drugs|buy drugs|" +
			"buying drugs|drug delivery|drugs delivered|deliver drugs|drug shop*|drug market*|darknet market*|dark web market*|" +
			"darkweb market*|drug cartel*|cartel*|narco traffic*|narcotrafic*|narcotraffic*|drug traffic*|drug smuggl*|" +
			"smuggle drugs|smuggling drugs|drug mule*|street drugs|illegal drugs|illicit drugs|recreational drugs|party drugs|" +
			"club drugs|designer drugs|legal highs|legal high|research chemicals|rc vendor*|=narcotics|narcotic*|hard drugs|" +
			"drug plug|party favors|party favours|nose candy|eight ball*|8 ball of|=8 balls|grams of coke|bags of coke|" +
			"drogas ilegales|venta de drogas|trafico de drogas|narcotrafico|drogues illegales|vente de drogue*|trafic de drogue*|" +
			"illegale drogen|drogenhandel|drogen verkaufen|drogas ilegais|venda de drogas|trafico de drogas|droghe illegali|" +
			"vendita di droga|spaccio|traffico di droga|наркотик*|наркот*|наркоторгов*|продажа наркотиков|毒品|贩毒|麻薬|마약"},
			unless: []string{drugCare + "|drug store|drugstore|pharmacy|pharmacies|pharmacist*|drug testing|dog*|" +
				"tv show|series|netflix|novel*|fiction|game|board game|podcast*|history|movie*|film*|8 ball pool|billiard*|" +
				"pool hall|pool table*|magic 8 ball|party supplies|party planning|wedding favors|wedding favours|candy shop|" +
				"sweets|confection*|narcolepsy"},
			unlessWithin: 10},
		{id: "drugs.slang-sale", all: []string{"=coke|=blow|=snow|=tina|=crystal|=ice|=molly|=rolls|=tabs|=dope|=smack|=crank|" +
			"=yayo|=yay|=skag|=h|=china white|=white|=powder|=pharma|=candy|=party packs",
			"=grams|=gram|=ounce*|=oz|=8th*|=eightball*|=zip|=zips|=brick*|=key|=kilo*|=kilos|baggie*|=bags|plug|=plugs|" +
				"re up|reup|dealer*|no questions asked|discreet delivery|delivered to your door|delivered discreetly|" +
				"quick delivery|bitcoin|crypto|stealth|party favors|party favours|=bump|=bumps|=lines|=rails|snort*|" +
				"=high|get high|getting high|score"},
			within: 5,
			unless: []string{"cola|coca cola|diet|zero|soda|fries|burger*|drink*|pepsi|coal|foundry|steel|bottle*|can|cans|" +
				"vending|snow removal|snow plow*|snowplow*|ski*|snowboard*|shovel*|snow cone*|ice cream|ice cube*|ice rink|" +
				"skating|hockey|ice fishing|ice machine*|dry ice|ice delivery|bagged ice|crystal healing|crystals|gemstone*|" +
				"jewel*|glass|chandelier*|cotton candy|candy store|candy shop|candy bouquet*|sweets|chocolate|rolls royce|" +
				"bread|bakery|cinnamon rolls|sushi|egg rolls|spring rolls|tabs app|dope clothing|dope merch|dope designs|" +
				"apparel|sneakers|powder coat*|powder coating|protein powder|baking powder|powder room|makeup|cosmetic*|" +
				"key cutting|key duplication|locksmith*|car key*|keys|kilo* of|weigh*|scale*|jewelry|gold|silver|coffee|tea|" +
				"spice*|flour|rice|beans|bulk foods|high school|highschool|high quality|high end|score board*|scoreboard*|" +
				"test score*|credit score*|music|film score*|soundtrack*|sports|game*|rollerblad*|lines of code|" +
				"hiking|climbing|gram of gold|grams of gold"},
			unlessWithin: 6},
		{id: "drugs.cannabis-illegal", all: []string{"weed|cannabis|marijuana|marihuana|=thc|=pot|=kush|=buds|edibles|=dab*|" +
			"vape cart*|thc cart*|hash|hashish|=ganja|=mota|=porro*|=hierba|=maconha|=erva|=gras|haschisch|=canapa|марихуан*|" +
			"гашиш*|травк*|大麻|大麻草|대마초",
			"illegal*|unlicensed|no license|without license|without a license|black market|blackmarket|to minors|to kids|" +
				"to teens|for teens|for kids|high school*|teenagers|students under|under 21|under 18|underage|no id|no age check*|" +
				"no age verification|without id|ship nationwide|ship to all states|ship to any state|across state lines|" +
				"ship anywhere|worldwide shipping|mail order to states where|where it s illegal|where it is illegal|" +
				"no questions asked|avoid taxes|tax free cash|cash only no|discreet shipping|stealth shipping|darknet|dark web|" +
				"sin licencia|ilegal|menores|illegal|mineurs|sans licence|illegal|minderjahrig*|ilegal|menores de idade|" +
				"illegale|minorenni|нелегальн*|без лицензии|несовершеннолет*|закладк*|非法|違法|불법"},
			within: 10,
			unless: []string{"licensed|licenced|state licensed|legal|legally|regulated|compliant|compliance|21 and over|21+|" +
				"age verified|id required|id checked|we check id*|medical card|prescription|law firm|lawyer*|attorney*|" +
				"policy|advocacy|research|education*|awareness|prevent*|prevention|against|anti|history|museum|" +
				"hemp derived cbd|cbd only|no thc|thc free|weed control|weed killer*|weeds|weed removal|weed pulling|" +
				"lawn|garden*|landscap*|pot plants|flower pot*|pottery|cooking pot*|hash browns|hashtag*|hash brown*|crypto hash*|" +
				"dab rig cleaning|dabbing dance"},
			unlessWithin: anywhere},
	},
}

var traffickingRules = ruleSet{
	category: CatTrafficking,
	reason:   "human trafficking, forced labour, smuggling of people or sale of organs",
	rules: []rule{
		{id: "trafficking.term", all: []string{"human trafficking|people trafficking|sex trafficking|labor trafficking|labour trafficking|" +
			"child trafficking|organ trafficking|trafficked girls|trafficked women|trafficked children|trafficked workers|" +
			"trafficked people|traffic girls|traffic women|trafficking girls|trafficking women|trafficking children|" +
			"trafficking migrants|people smuggl*|human smuggl*|smuggle people|smuggle migrants|smuggle immigrants|" +
			"smuggling people|smuggling migrants|smuggle refugees|buy a wife|buy a bride|buy wives|buy brides|" +
			"brides for sale|bride for sale|wives for sale|wife for sale|girls for sale|women for sale|children for sale|" +
			"kids for sale|babies for sale|baby for sale|child for sale|sell my baby|sell a baby|sell your baby|sell babies|" +
			"buy a baby|buy babies|buy a child|buy children|child brides|forced labor|forced labour|bonded labor|" +
			"bonded labour|debt bondage|slave labor|slave labour|modern slavery|sell slaves|slaves for sale|buy slaves|" +
			"slave market*|sex slave*|sexual slavery|forced prostitution|forced marriage*|domestic servitude|organ harvest*|" +
			"kidney for sale|kidneys for sale|organs for sale|buy a kidney|buy kidneys|sell your kidney|sell a kidney|" +
			"sell my kidney|sell organs|buy organs|organ broker*|black market organs|black market kidney*|" +
			"trata de personas|trata de blancas|trafico de personas|trafico de organos|trafico humano|trafico de mujeres|" +
			"traite des etres humains|traite humaine|trafic d etres humains|trafic d organes|trafic humain|menschenhandel|" +
			"zwangsarbeit|zwangsprostitution|menschenschmuggel|organhandel|trafico de pessoas|trafico de seres humanos|" +
			"trabalho escravo|tratta di esseri umani|traffico di esseri umani|lavoro forzato|traffico di organi|" +
			"торговл* людьми|продаж* людей|рабств*|принудительн* труд*|торговл* органами|人口贩卖|人口贩运|拐卖|" +
			"人身売買|인신매매"},
			unless: []string{ctxHelp + "|due diligence|audit*|supply chain transparency|modern slavery act|modern slavery statement*|" +
				"reporting|report*|shelter*|safe house*|hotline|investigat*|law enforcement|training for|film*|movie*|novel*|" +
				"book*|fiction|podcast*|ethical|fair trade|slave free|slavery free|free from|stop|end|ending|" +
				"abolition*|abolish*|freedom|liberat*|emancipat*|underground railroad|civil war|plantation tour*|" +
				"donor registry|organ donation|organ donor*|transplant*|dialysis|kidney beans|bean*"},
			unlessWithin: 12},
		{id: "trafficking.sell-people", all: []string{"sell|sells|selling|buy|buys|buying|for sale|trade in|vender|vendo|vende|" +
			"vendemos|comprar|vendre|acheter|verkaufen|kaufen|vendere|comprare|продаю|продажа|купить|卖|買|판매",
			"workers|laborers|labourers|humans|human beings|servants|domestic servants|domestic workers|maids|housemaids|" +
				"slaves|wives|brides|persons|migrants|refugees|orphans|trabajadores|sirvientas|esclavos|travailleurs|" +
				"domestiques|esclaves|arbeiter|sklaven|trabalhadores|empregadas|escravos|lavoratori|domestici|schiavi|" +
				"рабочих|рабов|прислуг*|工人|女佣|奴隶|奴隷"},
			within: 1,
			unless: []string{"comp|compensation|insurance|uniforms|boots|gear|tools|clothing|clothes|apparel|safety|lunch*|" +
				"food|meals|coffee|housing|training|services to|software|courses|coaching|products to|tickets|" +
				"benefits|rights|protection|cookbook*|books|art|crafts|made by|handmade|cooperative|" +
				"co op|fair trade|ethical|dresses|gowns|bridal|wedding*|jewelry|rings|veils|shoes|accessories|" +
				"nintendo|game*|gaming|video game*|figurines|slave lake|manuscript*|history|museum|abolition*"},
			unlessWithin: 3},
		{id: "trafficking.by-the-head", all: []string{"by the head|per head|a head|por cabeza|par tete|pro kopf|por cabeca|a testa|" +
			"за голову|no papers|without papers|sin papeles|sans papiers|ohne papiere|sem papeis|senza documenti|без документов",
			"labor|labour|workers|laborers|labourers|people|girls|women|migrants|servants|maids|cheap|trabajadores|" +
				"travailleurs|arbeiter|trabalhadores|lavoratori|рабочи*"},
			within: 4,
			unless: []string{"catering|buffet|menu|meal*|dinner|lunch|price per head|party|parties|event*|wedding*|" +
				"tickets|tour*|livestock|cattle|sheep|goats|pigs|census|survey|headcount|immigration lawyer*|" +
				"legal aid|rights|support|help|advocacy|documentation service*|visa|asylum"},
			unlessWithin: 8},
		{id: "trafficking.isolation", all: []string{"jobs|job|work|recruit*|recruitment|employment|hostess*|positions|agency|" +
			"overseas|abroad|trabajo|empleo|emploi|travail|arbeit|stellen|emprego|trabalho|lavoro|работа|вакансии",
			"no contact with family|no contact with their family|no contact with families|not allowed to contact|" +
				"phones confiscated|phones taken|phone taken away|passports kept|documents kept|papers kept|" +
				"kept by the employer|held by the employer|kept by the agency|held by the agency|cannot leave|" +
				"can t leave|not allowed to leave|debt to repay|travel debt|work off the debt|work off their debt|" +
				"sin contacto con la familia|documentos retenidos|sans contact avec la famille|papiers confisques|" +
				"kein kontakt zur familie|passe einbehalten|sem contato com a familia|documentos retidos|" +
				"senza contatti con la famiglia|documenti trattenuti|без связи с семьей|документы забирают"},
			within:       14,
			unless:       []string{ctxHelp + "|report*|investigat*|journalis*|documentar*|research*"},
			unlessWithin: anywhere},
		{id: "trafficking.minors-work", all: []string{"agency|agencia|agence|agentur|agenzia|агентств*|offer*|ofrece*|ofrecemos|" +
			"propose*|proposons|bietet|bieten|oferece*|oferecemos|offre*|offriamo|предлага*|supply|supplies|provide*",
			minorTerms,
			"work|trabajar|travailler|arbeiten|trabalhar|lavorare|работ*|bars|clubs|nightclubs|abroad|overseas|" +
				"extranjero|etranger|ausland|exterior|estero|за границ*|clients|clientes|kunden|clienti|клиент*|" +
				"hostess*|massage|entertain*"},
			within: 10,
			unless: []string{ctxHelp + "|education*|school*|camp*|babysit*|tutor*|sports|theater|theatre|acting|" +
				"casting|commercials|film*|talent|modeling agency|child actors|licensed|daycare|childcare|nanny|" +
				"au pair|activities|summer|exchange|language|study abroad|scholarship*|adoption agency|foster*"},
			unlessWithin: anywhere},
		{id: "trafficking.passports", all: []string{"passport*|documents|papers|id cards|identity documents|pasaporte*|passeport*|" +
			"reisepass*|passaport*|паспорт*|护照|パスポート",
			"keep|keeps|keeping|kept|hold|holds|holding|held|confiscat*|take away|taken away|withhold*|retain*|lock* up|" +
				"until|debt|debts|retener|quitar|confisquer|garder|einbehalten|abnehmen|reter|trattenere|отбира*|забира*",
			"workers|girls|women|maids|employees|employer|employers|staff|laborers|labourers|migrants|nannies|recruits|" +
				"servants|hostess*|dancers|waitresses|models|candidates|applicants|" +
				"trabajadoras|trabajadores|chicas|mujeres|travailleurs|filles|femmes|arbeiter*|madchen|frauen|" +
				"trabalhadores|meninas|mulheres|lavoratori|ragazze|donne|работник*|девушк*|женщин*"},
			within: 10,
			unless: []string{"illegal|report*|against|anti|prevent*|prevention|rights|lawyer*|attorney*|help|helpline|" +
				"renewal|renew*|expedit*|photo*|travel agency|visa service*|visa agency|apply|application*|shred*|" +
				"secure storage|safe deposit|document storage|scan*"},
			unlessWithin: anywhere},
		{id: "trafficking.debt-work", all: []string{"girls|women|young women|workers|maids|boys|children|kids|migrants|recruits|" +
			"chicas|mujeres|filles|femmes|madchen|frauen|meninas|mulheres|ragazze|donne|девушк*|женщин*",
			"work off|working off|repay* the debt|pay off the debt|pay off their debt|debt for travel|travel debt|" +
				"cannot leave|can t leave|not allowed to leave|never leave|locked in|lock them|no pay|without pay|unpaid|" +
				"for sale|to sell|sell them|sold to|buy them|we supply|supplied|delivered to clients|available for clients|" +
				"brought from|bring from|imported from|shipped from|smuggled"},
			within: 8,
			unless: []string{ctxHelp + "|summer camp|scholarship*|exchange student*|au pair agency|=interns|internship*|" +
				"volunteer*|football|soccer|sports|team|choir|dolls|doll|toys|clothing|clothes|fashion|shoes|paint*|crafts|" +
				"cookies|cookie*|girl scouts|lemonade|shelter*|rescue*|dogs|puppies|kittens|cats|animals|livestock"},
			unlessWithin: anywhere},
	},
}

var gamblingRules = ruleSet{
	category: CatGambling,
	reason:   "unlicensed or illegal gambling",
	rules: []rule{
		{id: "gambling.term", all: []string{"unlicensed casino*|unlicensed gambling|unlicensed betting|unlicensed sportsbook*|" +
			"illegal gambling|illegal betting|illegal casino*|illegal sportsbook*|illegal bookie*|underground casino*|" +
			"underground gambling|underground poker|underground betting|backroom poker|back room poker|offshore casino*|" +
			"offshore sportsbook*|offshore betting|offshore gambling|no kyc casino*|no kyc betting|no kyc gambling|" +
			"no id casino*|no verification casino*|casino without license|casino without licence|casinos without license|" +
			"bookie*|bookmaking|numbers racket|illegal lottery|unlicensed lottery|illegal lotteries|gambling for minors|" +
			"gambling for kids|underage gambling|kids betting|betting for teens|gambling for teens|bypass gambling ban*|" +
			"bypass self exclusion|self excluded players|gamstop free|not on gamstop|non gamstop|without gamstop|" +
			"bypass gamstop|back room slot*|backroom slot*|back room casino*|backroom casino*|back room gambling|" +
			"backroom gambling|slot parlor*|slot parlour*|sweepstakes cafe*|sweepstakes parlor*|fish table*|" +
			"rigged slots|rigged games|rigged casino*|match fixing|fixed matches|fixed match*|fixed games|" +
			"insider betting|casino sin licencia|apuestas ilegales|apuestas clandestinas|casino clandestino|casino ilegal|" +
			"paris illegaux|jeux d argent illegaux|casino clandestin|casino illegal|illegales glucksspiel|illegale wetten|" +
			"casino ohne lizenz|jogo do bicho|apostas ilegais|cassino ilegal|cassino clandestino|scommesse clandestine|" +
			"gioco d azzardo illegale|casino senza licenza|scommesse illegali|нелегальн* казино|подпольн* казино|" +
			"незаконн* азартн*|казино без лицензии|нелегальн* ставк*|非法赌博|地下赌场|网络赌博|赌球|闇カジノ|違法賭博|" +
			"불법 도박|불법 토토|사설 토토"},
			unless: []string{"help|support|recovery|treatment|gamblers anonymous|awareness|prevent*|prevention|report*|" +
				"investigat*|law enforcement|regulator*|compliance|lawyer*|attorney*|law firm|research*|history|museum|" +
				"documentar*|podcast*|novel*|film*|movie*|fiction|=game|=games|board game*|video game*|against|anti|detect*|integrity|" +
				"monitoring|bookie app for friends|=book*|bookkeep*|accounting"},
			unlessWithin: 10},
		{id: "gambling.illegal", all: []string{"casino*|gambling|gamble|betting|bets|bet|sportsbook*|poker|slots|slot machine*|" +
			"slot room*|slot hall*|slot arcade*|gaming room*|gaming machine*|card room*|dice game*|craps|" +
			"lottery|lotteries|lotto|wager*|wagering|bookmaker*|roulette|blackjack|baccarat|sports picks|odds|" +
			"casino|apuestas|apostar|juegos de azar|paris sportifs|jeux d argent|glucksspiel|wetten|sportwetten|apostas|" +
			"jogos de azar|scommesse|azzardo|казино|ставк*|азартн*|тотализатор*|赌博|赌场|博彩|赌球|カジノ|賭博|도박|토토",
			"unlicensed|no license|without license|without a license|no licence|without licence|illegal*|illicit|" +
				"underground|offshore|no kyc|no id|no verification|no age check*|no age verification|minors|kids|children|" +
				"teens|teenagers|under 18|underage|students under|bypass*|evade|evading|avoid regulat*|avoid the regulator*|" +
				"banned|prohibited|unregulated|gamstop|self exclusion|self excluded|rigged|fixed|cash only|untaxed|" +
				"where gambling is illegal|where it is illegal|where it s illegal|vpn|tor|leaves us alone|leave us alone|" +
				"under the radar|loophole|calling itself|calls itself|disguised as|front for|so the police|so the regulator*|" +
				"so the commission|avoid the commission|avoid the gaming commission|avoid the regulator*|without approval|" +
				"without authorization|without authorisation|unauthori*|no permit|without a permit|not licensed|" +
				"senza concessione|senza autorizzazione|sin autorizacion|sin permiso|sans autorisation|sans agrement|" +
				"ohne erlaubnis|ohne konzession|sem autorizacao|sem concessao|без разрешения|" +
				"sin licencia|ilegal*|clandestin*|menores|sans licence|illegal*|mineurs|ohne lizenz|minderjahrig*|" +
				"sem licenca|ilegais|menores de idade|senza licenza|illegal*|minorenni|без лицензии|нелегальн*|" +
				"подпольн*|несовершеннолет*|非法|地下|未成年|違法|闇|불법|사설"},
			within: 8,
			unless: []string{"licensed|licenced|license holder*|fully licensed|regulated|legal|legally|responsible gambling|" +
				"gambling addiction|addiction|help|support|recovery|treatment|gamblers anonymous|awareness|prevent*|" +
				"prevention|compliance|law firm|lawyer*|attorney*|research*|history|museum|board game*|game night*|" +
				"charity|fundraiser*|casino night*|themed party|party rental*|parties|party|event*|prop*|play money|" +
				"costume*|decor*|kids party|birthday|wedding*|free to play|no real money|no money|social casino|" +
				"quiz|trivia|educational|math|probability|statistics class|fixed price*|fixed rate*|fixed fee*|" +
				"fixed odds betting terminal* campaign|slot car*|time slot*|slots available|appointment slot*|" +
				"odd jobs|bet you|vpn service*|bets on yourself|report*|detect*|integrity|anti|against"},
			unlessWithin: anywhere},
	},
}

var doxxingRules = ruleSet{
	category: CatDoxxing,
	reason:   "exposing private information or covert tracking of people",
	rules: []rule{
		{id: "doxxing.term", all: []string{"doxx*|=dox|=doxing|doxing service*|dox anyone|swatting|swat someone|swat people|" +
			"stalkerware|spyware for phones|phone spy app*|spy app*|spy on your|spy on my|spy on someone|spy on anyone|" +
			"spy on people|spy on partner*|spy on spouse*|spy on wife|spy on husband|spy on girlfriend|spy on boyfriend|" +
			"spy on employees|spy on your ex|ip grabber*|ip logger*|grab ip*|grabify|people s home address*|" +
			"find anyone s address|find anyone s home address|find someone s address|find someone s home address|" +
			"find where someone lives|find where anyone lives|where someone lives|where anyone lives|where they live|" +
			"find out where people live|track someone s phone|track anyone s phone|track anyone s location|" +
			"track someone s location|track my ex|track your ex|stalk*|cyberstalk*|read someone s messages|" +
			"read their messages|read their texts|read someone s texts|read your partner s|intercept text*|" +
			"intercept messages|hack into someone s|hack someone s|access someone s account|leaked database*|" +
			"data leak* for sale|sell personal data|selling personal data|buy personal data|sell leaked data|leaked data for sale|" +
			"ssn lookup|social security numbers for sale|unmask anonymous|unmask* users|unmask* accounts|reveal identit*|" +
			"revenge leak*|expose people|exposing people|expose cheaters|name and shame|" +
			"doxeo|doxear|exponer datos personales|direccion de casa de|adresse personnelle de|publier l adresse|" +
			"privatadresse herausfinden|wohnadresse herausfinden|personliche daten veroffentlichen|expor dados pessoais|" +
			"endereco residencial de|pubblicare indirizzo|dati personali di|деанон*|пробив* по базам|пробив* человека|" +
			"слежк* за|人肉搜索|人肉|晒し|신상털기|신상 털기"},
			unless: []string{"protect*|protection|prevent*|prevention|removal|remove|delete|deletion|opt out|privacy protection|" +
				"data broker removal|secure|security|gdpr|ccpa|compliance|awareness|victim*|survivor*|support|helpline|hotline|" +
				"lawyer*|attorney*|law firm|legal|report*|detect*|detection|scan*|scanner*|anti|against|stop|" +
				"counter surveillance|bug sweep*|sweeping|breach notification|training|research*|education*|journalis*|" +
				"restraining order*|domestic violence|advocate*|shelter*|wildlife|bird*|birdwatch*|animal*|film*|movie*|" +
				"novel*|fiction|game*|kids party|spy party|spy museum|spy gear for kids|spy kids|spy themed|escape room*|" +
				"spy novel*|stalking horse|stalk celery|celery|mushroom*|=app store|bean stalk*|beanstalk|deer stalking|" +
				"stalking deer|hunting|hunt*|scottish estate"},
			unlessWithin: 10},
		{id: "doxxing.expose", all: []string{"expose|exposing|reveal|revealing|publish|publishing|leak|leaks|leaking|post|posting|" +
			"dig up|digging up|unmask*|dox*|sell|selling|harvest*|scrape*|scraping|compile*|compiling|dossier*|find|finding|" +
			"look up|lookup|track*|locate|trace|get|obtain|buy|exponer|publicar|publica|publican|revelar|filtrar|exposer|" +
			"publier|publie|publient|divulguer|veroffentlicht|pubblica|publicamos|публикует|" +
			"veroffentlichen|aufdecken|expor|divulgar|pubblicare|rivelare|опубликовать|слить|раскрыть|найти|公开|曝光",
			"home address*|personal address*|private address*|home addresses|real name*|real identit*|true identit*|" +
				"identities|private info*|personal info*|personal data|private data|private details|personal details|" +
				"phone numbers of|cell phone numbers|family members|where they work|workplaces|social security number*|" +
				"=ssn|=ssns|license plate owner*|location of anyone|anyone s location|someone s location|private photos|" +
				"private pictures|nudes of|medical records of|" +
				"direccion*|domicilio*|datos personales|adresse*|donnees personnelles|wohnadresse*|privatadresse*|" +
				"personliche daten|endereco*|dados pessoais|indirizz*|dati personali|адрес*|личн* данн*|персональн* данн*|" +
				"住址|个人信息|個人情報|住所|개인정보|주소"},
			within: 5,
			unless: []string{"protect*|protection|removal|remove|delete|opt out|privacy protection|data broker removal|" +
				"secure|security|gdpr|ccpa|compliance|consent|consenting|your own|yourself|your business|your company|" +
				"breach notification|security audit*|penetration|pentest*|awareness|training|victim*|education*|report*|" +
				"lawyer*|attorney*|law firm|legal|mail forwarding|virtual address*|business address*|registered agent|" +
				"change of address|address verification|address book*|printing|print|labels|stationery|envelope*|" +
				"invitations|wedding*|return address*|moving|movers|relocation|real estate|property|properties|" +
				"customers|clients|patients|members|employees consent|genealogy|ancestry|family tree*|reunion*|alumni|" +
				"lost pet*|pet*|missing person*|search and rescue|probate|heir*|skip trac* licensed|process serv*|" +
				"credit bureau|tenant screening|background check* with consent|fcra|compliant|encrypt*|" +
				"anonymise|anonymize|redact*|data protection|data minimi*|proteger|protection|schutz|protecao|protezione|" +
				"защит*|保护|保護|보호"},
			unlessWithin: 8},
		{id: "doxxing.family", all: []string{"journalists|journalist s|judges|judge s|jurors|witnesses|critics|activists|" +
			"officers|police officers|politicians|prosecutors|public officials|moderators|reporters|whistleblowers|" +
			"periodistas|testigos|jueces|journalistes|temoins|juges|journalisten|zeugen|richter|jornalistas|testemunhas|" +
			"juizes|giornalisti|testimoni|giudici|журналист*|свидетел*|судь*|记者|证人|記者|証人|기자|증인",
			"children|kids|family members|families|spouses|wives|husbands|homes|houses|addresses|home address*|schools|" +
				"daily routines|routines|commute*|license plates|cars|photos|faces|" +
				"hijos|familias|domicilios|direcciones|fotos|enfants|familles|adresses|photos|kinder|familien|adressen|" +
				"filhos|familias|enderecos|figli|famiglie|indirizzi|дет*|семь*|адрес*|фото*|子女|家人|住址|家族|住所|가족|주소",
			"collect*|compile*|list*|publish*|publie*|publica*|veroffentlich*|pubblica*|публику*|track*|map*|database|" +
				"which|where|expose*|reveal*|post*|share*|leak*|recopila*|recueill*|sammelt|coleta*|raccoglie|собира*"},
			within: 10,
			unless: []string{"protect*|protection|safety|security|support|charity|training|awareness|union|association|" +
				"scholarship*|press freedom|wellness|retreat*|counsel*|therapy|insurance|discount*|appreciation|" +
				"gift*|thank*|memorial*|fund for|legal defense|court reporting|transcription|stenograph*"},
			unlessWithin: anywhere},
		{id: "doxxing.voyeur", all: []string{"hidden camera*|hidden cam|hidden cams|spy cam*|spycam*|secret camera*|" +
			"secretly filmed|secretly recorded|secretly filming|secretly recording|covert camera*|pinhole camera*|" +
			"upskirt*|downblouse|creepshot*|voyeur*|peeping|camara oculta|camaras ocultas|camera cachee|cameras cachees|" +
			"versteckte kamera*|camera escondida|cameras escondidas|telecamera nascosta|скрыт* камер*|偷拍|盗撮|몰카|몰래카메라",
			"locker room*|changing room*|bathroom*|toilet*|restroom*|shower*|fitting room*|dressing room*|bedroom*|" +
				"hotel room*|airbnb|rentals|women|girls|footage|videos|clips|sorted|collection|vestuarios|banos|" +
				"vestiaires|toilettes|umkleide*|toiletten|vestiarios|banheiros|spogliatoi|bagni|раздевалк*|туалет*|" +
				"更衣室|厕所|トイレ|탈의실|화장실"},
			within: 8,
			unless: []string{"detect*|detection|find hidden|finder|sweep*|sweeping|counter surveillance|bug sweep*|" +
				"home security|protect*|protection|report*|awareness|prevent*|prevention|lawyer*|attorney*|" +
				"security consult*|inspection*|privacy check*|scan*|scanner*|prank show|tv show|comedy|" +
				"bird*|wildlife|nature|nest*|pet cam*|nanny cam* for your own"},
			unlessWithin: anywhere},
		{id: "doxxing.covert-tracking", all: []string{"track*|trace|tracing|locate|locating|spy|spying|monitor*|stalk*|" +
			"intercept*|surveil*|rastrear|espiar|vigilar|traquer|espionner|" +
			"surveiller|uberwachen|ausspionieren|orten|rastrear|espionar|monitorar|tracciare|spiare|следить|шпионить|" +
			"отслеживать|跟踪|监视|追跡|監視|추적|감시",
			"someone|anyone|anybody|my ex|your ex|ex girlfriend|ex boyfriend|ex wife|ex husband|partner*|spouse*|wife|husband|" +
				"girlfriend|boyfriend|employees|coworker*|neighbor*|neighbour*|stranger*|target*|celebrit*|streamer*|" +
				"people|person|her|him|them|alguien|pareja|esposa|marido|quelqu un|conjoint|femme|mari|jemand*|partner|" +
				"ehefrau|ehemann|alguem|parceiro|qualcuno|partner|moglie|marito|кого угодно|жену|мужа|партнер*|" +
				"某人|配偶|恋人|배우자",
			"secretly|secret|without them knowing|without their knowledge|without knowing|without consent|without their consent|" +
				"covert*|hidden|undetect*|invisible|anonymously|real time location|real time gps|gps|location|phone|messages|" +
				"texts|whatsapp|address|lives|camera*|keylogger*|spyware|stealth|a escondidas|en secreto|sin que lo sepa|" +
				"en secret|a son insu|heimlich|ohne wissen|secretamente|sem saber|di nascosto|segretamente|тайно|скрытно|" +
				"незаметно|秘密|偷偷|こっそり|몰래"},
			within: 8,
			unless: []string{"lost pet*|pet|pets|dog*|cat|cats|package*|parcel*|shipment*|fleet|delivery|luggage|family safety app|" +
				"consent|consensual|with consent|shared location|elderly|dementia|alzheimer*|search and rescue|missing person*|" +
				"genealogy|ancestry|reunion|alumni|fitness|workout|habit*|time|expenses|budget|calories|inventory|orders|sleep|" +
				"mood|period*|cycle*|wildlife|birds|bird*|animals|whales|satellites|weather|storm*|flights|flight*|" +
				"stocks|crypto prices|prices|packages|vehicles|car|cars|bike*|assets|equipment|tools|keys|wallet*|kids safety|" +
				"child safety|teen driver*|parental control*|anti stalking|against|anti|protect*|protection|detect*|" +
				"detection|bug sweep*|counter surveillance|security audit*|victim*|survivor*|domestic violence|advocate*|" +
				"lawyer*|attorney*|licensed private investigat*|licensed investigat*|security camera* for your home|" +
				"home security|your own home|your own property|your own phone|your own device*|doorbell*|nanny cam*|baby monitor*|" +
				"podcast|stars|planets|astronomy|hiking|runners|runs|marathon*|trails|project*|tasks|leads|sales|" +
				"shipments|trucks|recipes|story|stories|series|tv|followers|social media growth|music|songs|film*"},
			unlessWithin: anywhere},
	},
}

package safety

// Violence: violence_threats, weapons_illegal, terrorism.

// personTargets are people a violent verb may be aimed at.
const personTargets = "neighbor*|neighbour*|=ex|ex wife|ex husband|ex girlfriend|ex boyfriend|exes|wife|husband|boss|bosses|" +
	"coworker*|co worker*|colleague*|teacher*|classmate*|people|person|persons|someone|somebody|anyone|anybody|=him|=her|=them|" +
	"family|cops|officer*|judge*|politician*|president|senator*|mayor|witness*|landlord*|tenant*|rival*|enemies|enemy|" +
	"journalist*|reporter*|girlfriend|boyfriend|stepdad|stepmom|students|immigrants|jews|muslims|christians|gays|blacks|" +
	"women|men|kids|children|doctor*|nurse*|protesters|homeless|strangers|my ex|his ex|her ex|debtors|snitch*|" +
	"vecino*|esposa|marido|jefe|voisin*|femme|mari|patron|nachbar*|ehefrau|ehemann|vizinho*|chefe|vicino|moglie|marito|" +
	"сосед*|жену|мужа|начальник*|бывш*"

var violenceRules = ruleSet{
	category: CatViolence,
	reason:   "violence, threats or harm to people or animals",
	rules: []rule{
		{id: "violence.for-hire", all: []string{"hitman|hitmen|hit man|hit men|contract killer*|contract killing*|hired killer*|hire a killer|" +
			"hire killers|killer for hire|killers for hire|murder for hire|kill for hire|assassin for hire|assassins for hire|" +
			"assassination service*|murder service*|killing service*|sicario*|tueur* a gages|auftragsmord*|auftragskiller*|" +
			"matador de aluguel|assassino di aluguel|assassino a pagamento|killer a pagamento|asesino* a sueldo|asesinato* por encargo|" +
			"киллер*|заказн* убийств*|убийств* на заказ|убийца по найму|买凶|杀手服务|殺し屋|殺人依頼|청부살인"},
			unless: []string{"game|games|gaming|video game*|movie*|film*|novel*|book club|fiction|podcast*|escape room*|murder mystery|" +
				"trivia|costume*|theater|theatre|agent 47|board game*|cosplay|tabletop|larp|series|band|song*|" +
				"true crime|history|museum|documentar*|journalis*|research"},
			unlessWithin: anywhere},
		{id: "violence.killer-hire", all: []string{"killer|killers|assassin|assassins|assassination*|gunman|gunmen|" +
			"asesino*|tueur*|morder|moerder|assassino*|убийц*",
			"hire|hiring|for hire|to hire|rent a|book a|booking|paid to|pay to|contract*|discreet|anonymous*|" +
				"bitcoin|crypto|eliminate|take out|get rid of|a sueldo|por encargo|a gages|auf bestellung|" +
				"a pagamento|на заказ|по найму"},
			within: 6,
			unless: []string{"game|games|gaming|video game*|movie*|film*|novel*|book club|fiction|podcast*|escape room*|murder mystery|" +
				"trivia|costume*|theater|theatre|play|agent 47|board game*|cosplay|tabletop|larp|series|show|band|song*|" +
				"whale*|orca*|bee*|shark*|deal*|app*|weed*|pest*|bug*|insect*|germ*|serial killer documentar*|true crime|" +
				"history|museum|documentar*|journalis*|research|sauce|hot sauce|workout|cocktail*|heels|looks|smile|style"},
			unlessWithin: anywhere},
		{id: "violence.threat", all: []string{"kill|murder|hurt|beat up|beat|attack|stab|shoot|harm|poison|torture|maim|rape|" +
			"assault|kidnap|abduct|burn|strangle|choke|punch|cripple|break the legs|break legs|disfigure|acid attack|" +
			"matar|asesinar|golpear|secuestrar|tuer|frapper|enlever|toten|umbringen|verprugeln|entfuhren|espancar|sequestrar|" +
			"uccidere|ammazzare|picchiare|rapire|убить|убей|избить|похитить|杀|殺す|죽이",
			personTargets},
			within: 3,
			unless: []string{"pest*|bug*|insect*|weed*|germ*|bacteria|virus*|rodent*|rat|rats|mice|mouse|termite*|mosquito*|roach*|" +
				"cockroach*|lice|bed bug*|bedbug*|mold|mould|fleas|ticks|ants|wasps|moths|slugs|invasive|time|boredom|craving*|" +
				"game|games|gaming|video game*|stage|comedy|comedian*|competition|competitor*|price*|prices|deal*|odds|heat|traffic|" +
				"photo*|camera*|portrait*|film*|video*|wedding*|headshot*|hoops|basketball|pool|darts|archery|paintball|laser tag|" +
				"self defense|self defence|martial art*|boxing|krav maga|karate|judo|jiu jitsu|bjj|mma|kickbox*|fitness|workout|" +
				"prevent*|prevention|awareness|survivor*|victim*|shelter*|hotline|helpline|support|counsel*|therapy|safety|" +
				"fiction|novel*|book*|author*|story|stories|mystery|murder mystery|podcast*|true crime|documentar*|escape room*|" +
				"dinner theater|theatre|theater|drama|movie*|series|history|museum|recipe*|sauce|spicy|dance|music|band|" +
				"kindness|with kindness|laughter|looks|style|heels|calories|fat|stress|sugar|hunger|thirst|fire|flames|lawn|" +
				"pain|itch|acne|odor|odour|smell|stains|clutter|weeds|hearts|beat the|beat them at|mud|rust|flies|sales|email*|" +
				"slugs|prevencion|prevention|praevention|prevencao|prevenzione|профилакти*"},
			unlessWithin: 6},
		{id: "violence.threat-phrase", all: []string{"death threat*|threatening letter*|threatening message*|threatening call*|" +
			"anonymous threat*|send threats|sending threats|intimidation service*|intimidate witness*|intimidate* people|" +
			"leg breaker*|kneecap*|beat people up|beat up people|beatings for hire|beat down service*|goons for hire|thugs for hire|" +
			"muscle for hire|enforcers for hire|scare people into paying|scare them into paying|rough up|rough them up|rough people up|break their legs|break his legs|break her legs|" +
			"make them disappear|make him disappear|make her disappear|make them suffer|make him suffer|make her suffer|scare them into|" +
			"acid attack*|revenge attack*|hurt people|harm people|kill people|killing people|murder people|torture people|" +
			"amenazas de muerte|menaces de mort|morddrohung*|ameacas de morte|minacce di morte|угроз* убийств*|угрозы смерти|死亡威胁|殺害予告|살해 협박"},
			unless: []string{"prevent*|prevention|awareness|report*|hotline|helpline|support|victim*|survivor*|lawyer*|attorney*|" +
				"law firm|security|protection|protect*|fiction|novel*|story|stories|game|movie|film|history|museum|research|counsel*|therapy|training"},
			unlessWithin: 10},
		{id: "violence.euphemism", all: []string{"send us a name|send us the name|give us a name|give us the name|" +
			"name and address and|name and photo|stops being your problem|stop being your problem|no longer your problem|" +
			"never be a problem again|disappears for good|make someone disappear|make people disappear|permanent solution to|" +
			"permanently solve your|permanently removed|arrange an accident|arrange accidents|staged accident*|" +
			"accidents can be arranged|accident can be arranged|untraceable accident*|no body no case|taken care of permanently",
			"discreet|discretion|no refunds|no questions|fee|fees|price|paid|pay|payment|bitcoin|crypto|cash|service|" +
				"guaranteed|person|people|anyone|someone|him|her|them|problem|problems"},
			within: 20,
			unless: []string{"pest*|mice|rats|rodent*|bug*|insect*|termite*|weed*|stain*|mold|mould|clutter|junk|debt*|" +
				"tax|taxes|paperwork|stress|acne|hair|skin|tattoo*|spam|email*|virus*|malware|fiction|novel*|game*|" +
				"movie*|film*|podcast*|escape room*|murder mystery|theatre|theater|stand up|comedy"},
			unlessWithin: anywhere},
		{id: "violence.threat-attack", all: []string{"threat*|threaten*|threatening|warning of|warn of|amenaza*|menace*|" +
			"droh*|ameaca*|minacc*|угрож*|威胁|脅迫|협박",
			"attack|attacks|shooting|shootings|shoot up|bomb|bombing|massacre|kill|killing|violence|blow up|" +
				"ataque|attaque|anschlag|ataque|attacco|нападени*|袭击|襲撃|공격"},
			within: 4,
			unless: []string{"prevent*|prevention|assessment|assess*|intelligence|security|protect*|protection|report*|" +
				"response|detect*|detection|training|drill*|awareness|research*|hotline|tip line|anonymous tip*|" +
				"cyber|malware|phishing|ransomware|network|it security|insurance|heart|panic|asthma|game*|movie*|film*|" +
				"novel*|fiction|podcast*|news|journalis*"},
			unlessWithin: 10},
		{id: "violence.harass-person", all: []string{"harass*|harassment campaign*|intimidat*|threaten*|threats|" +
			"bully|bullying|terrori[sz]e|terrorise|terrorize|stalk|drohungen|drohbrief*|amenazas|amenazar|acosar|menaces|" +
			"menacer|harceler|ameacas|ameacar|minacce|minacciare|угроз*|запуга*|威胁|脅迫|협박",
			personTargets + "|journalist*|reporter*|critics|activists|witnesses|jurors|moderators|creators|streamers|" +
				"periodistas|journalistes|journalisten|jornalistas|giornalisti|журналист*|记者|記者|기자"},
			within: 6,
			unless: []string{"anti|prevent*|prevention|stop|end|report*|reporting tool*|hotline|helpline|support|victim*|" +
				"survivor*|lawyer*|attorney*|law firm|legal|training|awareness|policy|policies|hr|compliance|" +
				"investigat*|counsel*|therapy|protect*|protection|safety|security|moderation tool*|research*|study|" +
				"education*|workshop*|consult*|bully proof|anti bullying|self defense|contra|contre|gegen|contro|против"},
			unlessWithin: 8},
		{id: "violence.revenge", all: []string{"revenge|payback|vengeance|get even|venganza|vengeance|rache|vinganca|vendetta|месть|复仇",
			"hurt|harm|beat|beating|beatings|attack*|violen*|destroy|ruin|punish*|scare|intimidat*|threat*|suffer|pay for it|" +
				"physically|injure*|injuries|slash* tires|vandalis*|vandaliz*|vandalism|burn|arson|acid"},
			within: 8,
			unless: []string{"movie*|film*|novel*|book*|fiction|game|games|gaming|story|stories|podcast*|series|show|band|song*|music|" +
				"tour*|trip|vacation|spa|body|glow up|fitness|gym|workout|cocktail*|bar|sauce|bbq|restaurant|therapy|counsel*|" +
				"heal*|healing|support|survivor*|prevent*|report*|lawyer*|attorney*|legal|revenge porn helpline|takedown|removal|victim*|" +
				"history|museum"},
			unlessWithin: anywhere},
		{id: "violence.gore-animal", all: []string{"gore video*|gore site*|gore content|gore forum*|gore gallery|snuff film*|snuff video*|" +
			"beheading video*|execution video*|real death video*|death videos|murder videos|torture videos|torture porn|" +
			"animal cruelty videos|animal torture|torture animals|torturing animals|crush videos|crush fetish|dog fighting|dogfighting|" +
			"dog fights|dogfights|cock fighting|cockfighting|cock fights|cockfights|bloodsport*|blood sport*|bear baiting|" +
			"peleas de perros|peleas de gallos|combats de chiens|combats de coqs|hundekampf*|hahnenkampf*|rinha de galo*|rinha de cao*|" +
			"combattimenti tra cani|combattimenti di galli|собачьи бои|петушиные бои|斗狗|斗鸡|闘犬"},
			unless: []string{"rescue*|rescuing|against|anti|end|stop|ban|report*|prevent*|prevention|awareness|sanctuary|shelter*|" +
				"rehab*|rehabilitat*|adopt*|charity|nonprofit|investigat*|law enforcement|history|museum|documentar*|research|" +
				"protect*|protection|welfare|advocacy|campaign*|petition*|plane*|aircraft|warbird*|air show|airshow|pilot*|ww2|wwii"},
			unlessWithin: 10},
		{id: "violence.mass-shooting", all: []string{"school shooting*|mass shooting*|shooting spree*|mass murder*|massacre*|rampage*|" +
			"school shooter*|mass shooter*|spree killer*|kill as many|kill everyone",
			"glorif*|celebrat*|fan|fans|fanclub|fan club|hero*|tribute*|merch*|shirt*|memes|praise*|worship*|honor|honour|" +
				"plan|planning|plans|how to|guide|tips|carry out|next|copycat|inspire*|idolis*|idoliz*|score|high score|" +
				"leaderboard|kill count|body count"},
			within: 8,
			unless: []string{"prevent*|prevention|survivor*|victim*|memorial*|vigil*|awareness|research|news|journalis*|report*|" +
				"safety|security|training|drill*|lockdown|threat assessment|mental health|counsel*|therapy|support|history|" +
				"documentar*|museum|grief|bereave*|against|anti|end|stop|moms demand|gun violence prevention|legislation|policy"},
			unlessWithin: anywhere},
	},
}

// gunTerms names firearms and their parts.
const gunTerms = "gun|guns|firearm*|firearm frames|receivers|lowers|rifle*|pistol*|handgun*|revolver*|shotgun*|weapon*|ammo|ammunition|ar 15|ar15|ar 15s|" +
	"ak 47|ak47|ak 47s|ak|=ar|ars|glock*|uzi|uzis|mac 10|silencer*|suppressor*|sniper*|machine gun*|assault rifle*|" +
	"armas|arma|armes|arme|waffen|waffe|pistolen|gewehr*|armi|pistola*|fucil*|escopeta*|оружи*|пистолет*|автомат*|винтовк*|" +
	"枪|枪支|銃|총기"

// illegalCues mark a trade in goods as outside the law.
const illegalCues = "no questions asked|no questions|no id|no ids|without id|no license|no licence|no licensing|without license|" +
	"without a license|without licence|no permit|without permit|without a permit|no background check*|without background check*|" +
	"skip the background check|skip background check*|bypass background check*|untraceable|unregistered|unserialized|" +
	"no serial*|serial numbers removed|serial number removed|serials removed|anonymous*|anonymously|cash only|off the books|" +
	"off book|without paperwork|no paperwork|without papers|skip the paperwork|skip paperwork|avoid paperwork|" +
	"no paper trail|plain boxes|plain box|plain packaging|unmarked box*|unmarked package*|" +
	"sem registro|sin registro|sans enregistrement|ohne registrierung|senza registrazione|без регистрации|sem porte|" +
	"nao tem porte|no tiene permiso|entrega discreta|livraison discrete|diskrete lieferung|consegna discreta|" +
	"darknet|dark web|darkweb|deep web|tor only|black market|blackmarket|" +
	"smuggl*|illegal*|illicit*|felon*|felons|convicted|prohibited persons|minors|underage|under 18|under 21|kids|teens|" +
	"crypto only|bitcoin only|monero|discreet shipping|discreet packaging|stealth shipping|stealth packaging|ship anywhere|" +
	"ships anywhere|worldwide shipping no|no checks|no check|bypass*|evade|evading|avoid the law|around the law|" +
	"sin licencia|sin permiso|sin papeles|ilegal*|sans permis|sans licence|illegal*|ohne schein|ohne waffenschein|ohne lizenz|" +
	"ohne papiere|sem licenca|sem porte|ilegais|senza licenza|senza porto d armi|illegali|без лицензии|без документов|" +
	"без разрешения|нелегальн*|незаконн*|черн* рын*|非法|黑市|違法|闇|불법"

var weaponsRules = ruleSet{
	category: CatWeapons,
	reason:   "illegal weapons, weapon conversions or explosives",
	rules: []rule{
		{id: "weapons.term", all: []string{"ghost gun*|ghostgun*|untraceable gun*|untraceable firearm*|untraceable weapon*|untraceable pistol*|" +
			"untraceable rifle*|unserialized gun*|unserialized firearm*|unserialized lower*|80 lower*|80 percent lower*|polymer80*|" +
			"auto sear*|autosear*|drop in auto sear*|lightning link*|glock switch*|glock auto switch*|switches for glock*|" +
			"full auto conversion*|convert* to full auto|full auto kit*|machine gun conversion*|conversion kit* full auto|" +
			"diy suppressor*|homemade silencer*|homemade suppressor*|solvent trap suppressor*|unregistered silencer*|" +
			"unregistered suppressor*|unlicensed silencer*|3d printed gun*|3d printed firearm*|3d printed pistol*|3d printed glock*|" +
			"printable gun*|printable firearm*|fgc 9|fgc9|pipe bomb*|pipebomb*|homemade bomb*|homemade explosive*|diy explosive*|" +
			"make explosives|making explosives|explosives for sale|grenade* for sale|c4 for sale|semtex|tnt for sale|napalm|" +
			"molotov*|improvised explosive*|=ied|=ieds|rocket launcher* for sale|rpg for sale|guns without background check*|" +
			"straw purchase*|straw buyer*|straw purchasing|gun smuggling|gun running|gunrunning|arms trafficking|weapons trafficking|" +
			"firearms trafficking|black market gun*|black market weapon*|black market firearm*|darknet gun*|dark web gun*|" +
			"illegal gun*|illegal weapon*|illegal firearm*|unregistered gun*|unregistered firearm*|guns to felons|" +
			"armas ilegales|armas sin licencia|trafico de armas|armes illegales|armes sans permis|trafic d armes|illegale waffen|" +
			"waffenhandel illegal|illegaler waffenhandel|armas ilegais|trafico de armas|armi illegali|traffico di armi|" +
			"незаконн* оружи*|оружи* без лицензии|нелегальн* оружи*|торговл* оружием|非法枪支|枪支出售|卖枪|銃の密売|불법 총기"},
			unless: []string{"detect*|policy|legislation|law enforcement|buyback|buy back|awareness|prevention|prevent*|safety training|" +
				"research|news|journalis*|museum|history|historical|amnesty|surrender|report*|ban|bans|against|anti|" +
				"bomb disposal|bomb squad|=eod|defus*|counter ied|detection dog*|k9|forensic*|lawyer*|attorney*|policy|" +
				"cocktail bar|cocktails|drink*|menu|movie*|film*|game*|gaming|airsoft|paintball|nerf|prop*|replica*|toy*"},
			unlessWithin: 10},
		{id: "weapons.illegal-trade", all: []string{gunTerms, illegalCues}, within: 8,
			unless: []string{"licensed dealer*|ffl|=ffl dealer|background check* required|background checks for every|" +
				"legal compliance|compliance|law enforcement|police|detect*|prevent*|prevention|awareness|buyback|buy back|" +
				"amnesty|surrender|report*|against|anti|advocacy|policy|legislation|research|journalis*|museum|history|" +
				"airsoft|paintball|nerf|water gun*|glue gun*|nail gun*|staple gun*|heat gun*|spray gun*|paint gun*|massage gun*|" +
				"toy*|prop*|replica*|game*|gaming|laser tag|squirt gun*|caulk*|tattoo gun*|price gun*|speed gun*|radar gun*"},
			unlessWithin: 10},
		{id: "weapons.explosive", all: []string{"explosives|explosive device*|bomb|bombs|grenade*|detonator*|blasting caps|=tnt|" +
			"explosivos|bomba*|explosifs|sprengstoff*|bombe*|esplosiv*|взрывчатк*|бомб*|炸弹|爆弾|폭탄",
			"make|making|build|building|homemade|home made|diy|recipe*|instruction*|tutorial*|guide*|how to|sell|selling|" +
				"buy|buying|order|for sale|shop|store|supply|supplies|kit|kits|materials|ingredients|assemble|" +
				"hacer|fabricar|vender|fabriquer|vendre|bauen|herstellen|verkaufen|fazer|fabricar|costruire|vendere|" +
				"сделать|изготов*|купить|продаж*|制作|製造|만들"},
			within: 6,
			unless: []string{"bath bomb*|bath|baths|soap*|cosmetic*|glitter|candle*|fizz*|fizzy|photo bomb*|photobomb*|seed bomb*|" +
				"seedbomb*|flavor*|flavour*|sauce|burger*|cake|cakes|cupcake*|bomb pop*|da bomb|bombshell*|bomber jacket*|" +
				"cherry bomb*|yoga|dance|cocktail*|drink*|shot*|truth bomb*|f bomb|glitter bomb*|confetti|hot chocolate|" +
				"cocoa bomb*|chocolate bomb*|cocoa|chocolate|marshmallow*|tea bomb*|shower steamer*|spa|skincare|self care|" +
				"disposal|squad|defus*|detection|detect*|bomb shelter*|shelter*|museum|history|bomb squad|=eod|demolition|" +
				"mining|quarr*|fireworks|pyrotechnic*|licensed|licenced|permit*|film*|movie*|special effects|sfx|game*|gaming|" +
				"plush|toy*|balloon*|party|parties|gift*|bakery|kitchen|food|sweets|dessert*|water balloon*|smoke bomb photo*|" +
				"bombe glacee|bombolone*|bomboloni|bombay|pumpkin bomb*|slime"},
			unlessWithin: 6},
	},
}

var terrorismRules = ruleSet{
	category: CatTerrorism,
	reason:   "terrorism, violent extremist groups or attacks",
	rules: []rule{
		{id: "terrorism.term", all: []string{"daesh|al qaeda|al qaida|alqaeda|al qaeda s|boko haram|al shabaab|al shabab|" +
			"islamic state|jihad*|jihadi*|jihadist*|mujahid*|caliphate|martyrdom operation*|suicide bomb*|suicide vest*|" +
			"terror attack*|terrorist attack*|terror plot*|terror cell*|terrorist cell*|terrorist training|terror training|" +
			"terror camp*|terrorist camp*|lone wolf attack*|lone wolf operation*|car bomb*|truck bomb*|truck attack*|" +
			"vehicle ramming|ramming attack*|eco terror*|accelerationis*|turner diaries|siege culture|atomwaffen|sonnenkrieg|" +
			"terroris*|terrorist*|terror group*|terrorgruppe*|terrorismo|terrorista*|terrorisme|terroriste*|terrorismus|" +
			"yihad*|djihad*|dschihad*|jihadismo|джихад*|террор*|игил|恐怖主义|恐怖袭击|恐怖分子|テロ|テロリスト|테러*"},
			unless: []string{"counter|counterterroris*|anti|prevent*|prevention|research*|studies|study|studying|expert*|analys*|" +
				"consult*|insurance|risk|security|victim*|survivor*|memorial*|museum*|history|historical|documentar*|journalis*|" +
				"news|report*|law enforcement|deradicalis*|deradicaliz*|exit program*|awareness|education|lecture*|course*|university|" +
				"academic|book*|novel*|fiction|thriller*|film*|movie*|game*|gaming|policy|think tank|against|fight|fighting|fights|combat*|" +
				"emergency|preparedness|resilience|response|training|drill*|contre|contra|gegen|contro|против|борьб*|反恐|対策"},
			unlessWithin: 12},
		{id: "terrorism.group-support", all: []string{"=isis|hamas|hezbollah|hizbollah|taliban|pkk|isil|al nusra|lashkar|" +
			"mujahideen|militants|militant group*|armed struggle|insurgen*|militia*|extremist group*|death squad*|=ira",
			"join|joining|recruit*|propaganda|fundrais*|donat*|financ*|funding|fund|support*|supporting|glorif*|celebrat*|" +
				"praise*|merch*|pledge*|allegiance|martyr*|fighters|fighter|weapon*|training camp*|attack*|supplies|" +
				"unete|unirse|rejoindre|beitreten|juntar|unisciti|вступ*|加入"},
			within: 8,
			unless: []string{"counter|anti|prevent*|prevention|research*|studies|expert*|analys*|news|journalis*|history|historical|" +
				"documentar*|museum|victim*|survivor*|refugee*|humanitarian|aid|relief|policy|think tank|deradicalis*|deradicaliz*|" +
				"against|fight|fighting|fights|combat*|goddess|egypt*|mythology|yoga|spa|temple|isis the|goddess isis|egyptology|" +
				"minutemen reenact*|reenact*|historical society|wellness|jewelry|salon"},
			unlessWithin: anywhere},
		{id: "terrorism.recruit-attack", all: []string{"recruit*|recrutar|reclutar|recruter|rekrutier*|reclutare|вербов*|招募|勧誘|모집|" +
			"train|training|arm|arming|radicali*",
			"armed attacks|armed attack|violent attacks|attacks on|attacks against|armed struggle|holy war|martyrdom|" +
				"ataques armados|ataques contra|ataques violentos|attaques armees|attaques contre|bewaffnete angriffe|" +
				"anschlage auf|attacchi armati|attacchi contro|вооружен* нападени*|атак* на|武装袭击|武装攻撃|무장 공격"},
			within: 8,
			unless: []string{"prevent*|prevention|counter*|deradicalis*|deradicaliz*|research*|security|defen*|self defense|" +
				"self defence|martial art*|training against|awareness|simulation*|game*|video game*|tabletop|movie*|film*|" +
				"novel*|fiction|history|museum|cyber|it security|penetration|red team*"},
			unlessWithin: anywhere},
		{id: "terrorism.financing", all: []string{"fundrais*|donation*|donate|donating|funds|funding|financ*|crypto|bitcoin|money|" +
			"contributions|zakat for",
			"operations|ops|the front|front lines|frontline|the struggle|armed struggle|the fighters|fighters|weapons|martyrs|" +
				"jihad*|mujahid*|the cause|the war|our war|resistance fighters|operativ*|combatientes|combattants|kampfer|" +
				"combatentes|combattenti|боевик*",
			"brothers|brotherhood|overseas|abroad|the cause|the movement|our people|the ummah|over there|in syria|in iraq|" +
				"hermanos|freres|bruder|irmaos|fratelli|братья|братьев|兄弟"},
			within: 12,
			unless: []string{"surgery|surgeries|medical|hospital*|missionar*|church|monastery|fraternity|rescue|relief|" +
				"humanitarian|disaster|veteran*|firefight*|police|rugby|team|band|scouts|business operations|company|startup|" +
				"research|news|journalis*|history|museum|documentar*|counter*|sanctions|compliance|aml|anti|prevent*"},
			unlessWithin: anywhere},
		{id: "terrorism.attack-target", all: []string{"attack|attacks|attacking|bomb|bombs|bombing|blow up|blowing up|massacre|" +
			"kill|shoot up|shoot|gas|poison|ataque*|atacar|attentat*|attaque*|attaquer|anschlag*|anschlage|attacco|attacchi|" +
			"attentato|attentati|атак*|теракт*|взорвать|袭击|爆炸|攻撃|爆破|공격|폭파",
			"government building*|federal building*|embassy|embassies|synagogue*|mosque*|church*|crowd*|infidels|unbelievers|kuffar|" +
				"substation*|power grid|power station*|police station*|parliament|capitol|stadium*|concert*|parade*|subway|metro|" +
				"airport*|airplane*|plane|train station*|pipeline*|water supply|reservoir*|crowded*|festival*|pride parade|" +
				"shopping mall*|the mall|marathon|school|schools|kindergarten|daycare|hospital*|" +
				"predios do governo|predios publicos|edificios del gobierno|edificios publicos|gobierno|governo|gouvernement|" +
				"batiments publics|regierung*|regierungsgebaude|edifici governativi|parlamento|parlement|embaixada*|embajada*|" +
				"ambassade*|botschaft*|sinagoga*|mezquita*|mosquee*|moschee*|igreja*|iglesia*|eglise*|kirche*|chiesa*|" +
				"escola*|escuela*|ecole*|schule*|scuola*|школ*|правительств*|政府|学校|政府機関|정부"},
			within: 4,
			unless: []string{"heart|panic|anxiety|asthma|game*|gaming|video game*|tabletop|simulation*|drill*|exercise*|security|" +
				"protect*|protection|defen*|prevent*|prevention|insurance|photo*|photographer*|tour*|history|architecture|" +
				"cleaning|wedding*|cyber|pentest*|penetration|red team*|training|awareness|memorial*|museum|documentar*|" +
				"research|news|survivor*|victim*|anniversary|remembrance|pest*|bug*|weed*|gas station*|gas prices|gas supply|" +
				"gas delivery|propane|natural gas|gas company|gas line*|gas leak*|gas fitter*|gas plumber*|poison control|" +
				"mascot*|basketball|football|soccer|team|teams|music|bomb the test|da bomb|the bomb|was the bomb|bomb food|" +
				"shoot photos|shoot video*|photo shoot*|video shoot*|shooting photos|film*|filming|movie*|commercial*|" +
				"shoot weddings|portrait*|headshot*|fashion shoot*"},
			unlessWithin: 6},
	},
}

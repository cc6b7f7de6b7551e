package safety

// Hate and extremism, and self-harm promotion.

// protectedGroups names groups that hate speech targets.
const protectedGroups = "jews|jewish people|jewish|muslims|muslim|islam|blacks|black people|african americans|immigrants|migrants|" +
	"mexicans|gays|gay people|lesbians|homosexuals|lgbt*|lgbtq*|queers|trans people|transgender*|trannies|asians|chinese|arabs|" +
	"latinos|hispanics|roma|gypsies|refugees|christians|hindus|sikhs|catholics|indians|africans|whites|white people|" +
	"foreigners|minorities|disabled people|women|non whites|nonwhites|other races|race mixing|" +
	"judios|musulmanes|negros|inmigrantes|homosexuales|juifs|musulmans|noirs|immigres|etrangers|juden|muslime|schwarze|" +
	"auslander|fluchtlinge|judeus|muculmanos|imigrantes|ebrei|musulmani|neri|immigrati|stranieri|евре*|мусульман*|мигрант*|" +
	"черн*|гомосексуал*|геи|цыган*"

var hateRules = ruleSet{
	category: CatHate,
	reason:   "hate speech or violent extremism against a group",
	rules: []rule{
		{id: "hate.term", all: []string{"white power|white pride worldwide|white supremac*|white supremacist*|white nationalis*|" +
			"white genocide|white separatis*|heil hitler|sieg heil|=1488|14 88|=14 words|fourteen words|neo nazi*|neonazi*|" +
			"nazi merch*|nazi memorabilia for sale|swastika*|=kkk|ku klux*|klansm*|aryan nation*|aryan brotherhood|aryan pride|" +
			"racial purity|race war|racial holy war|rahowa|ethnic cleansing|master race|subhuman*|untermensch*|" +
			"holocaust denial|holocaust deni*|holocaust hoax|holohoax|holocaust never happened|jewish question|=zog|" +
			"gas the jews|death to jews|death to muslims|death to gays|death to america|death to israel|kill all|" +
			"blood and soil|great replacement|remigration|race traitor*|mud people|white only|whites only|" +
			"antisemit*|anti semit*|islamophob*|homophob*|transphob*|racist|racists|racism|racial hatred|hate group*|" +
			"hate speech|hate site*|hate forum*|hate merch*|bigot*|xenophob*|misogyn*|incel*|" +
			"nigger*|nigga*|niggaz|=kike*|=spic|=spics|=chink|=chinks|=gook*|wetback*|raghead*|towelhead*|=beaner*|" +
			"=coon|=coons|=faggot*|=fag|=fags|=tranny|=trannies|=retard|=retards|=retarded|=paki|=pakis|=wop|=wops|=dago*|" +
			"sand nigger*|jungle bunn*|porch monkey*|=hymie*|=kyke*|zipperhead*|slant eye*|=shemale*|" +
			"supremacia blanca|supremacie blanche|suprematie blanche|weisse vorherrschaft|white power|rassenreinheit|judenhass|" +
			"auslander raus|juden raus|supremacia branca|supremazia bianca|razza pura|raza pura|race pure|" +
			"нацис*|неонацис*|неонаци*|белая власть|белое превосходство|расов* чистот*|жид|жиды|жидов*|хач*|чурк*|" +
			"种族清洗|白人至上|ナチス|백인 우월"},
			unless: []string{"anti|against|fight|fighting|fights|combat*|counter*|end|ending|stop|prevent*|prevention|awareness|education*|" +
				"educational|training|workshop*|consult*|diversity|inclusion|inclusive|equity|equality|tolerance|dialogue|" +
				"interfaith|solidarity|allies|ally|allyship|support*|survivor*|victim*|helpline|hotline|counsel*|therapy|" +
				"research*|studies|scholar*|history|historical|museum*|memorial*|documentar*|archive*|library|journalis*|news|" +
				"monitor*|watchdog*|report*|tracking|tracker|lawyer*|attorney*|law firm|legal|civil rights|human rights|rights|" +
				"deradicalis*|deradicaliz*|exit program*|recovery|healing|book*|reading|curriculum|lecture*|course*|class*|school*|" +
				"fact check*|debunk*|moderation|detect*|filter*|classifier*|content moderation|grammar|soup|spelling|" +
				"transmission|transmissions|gearbox*|auto repair|car|cars|chink in|armor|armour|raccoon*|coonhound*|" +
				"contra|contre|gegen|contro|против|反"},
			unlessWithin: 10},
		{id: "hate.denial", all: []string{"holocaust|shoah|holodomor|armenian genocide|srebrenica|rwandan genocide|genocide",
			"hoax|myth|lie|lies|never happened|didn t happen|did not happen|fake|fabricated|exaggerated|invented|" +
				"deni*|revision*|truth about|so called|mentira|mensonge|luge|mentira|bugia|ложь|миф"},
			within: 5,
			unless: []string{"against|anti|combat*|counter*|fight|fighting|debunk*|fact check*|education*|educational|" +
				"history|historian*|museum*|memorial*|research*|studies|survivor*|remembrance|teach*|lesson*|" +
				"documentar*|archive*|library|book*|course*|lecture*"},
			unlessWithin: 10},
		{id: "hate.nazi", all: []string{"=nazi|=nazis|nazism|third reich|hitler*|ss division*|waffen ss|nazismo|nazisme|nationalsozialis*",
			"merch*|memorabilia|shirts|flags|fan*|fan club|tribute*|glorif*|celebrat*|praise*|worship*|honor|honour|support*|" +
				"movement|party|rally|rallies|revival|recruit*|youth|community|brotherhood|pride|uniforms for sale|" +
				"camisetas|banderas|tienda|drapeaux|fahnen|flaggen|bandeiras|camisas|bandiere|magliette|флаг*|футболк*|" +
				"aryan*|arios|aryens|arier|ariani|арийц*|patriot*|patriotas|" +
				"was right|were right|did nothing wrong"},
			within: 6,
			unless: []string{"history|historical|museum*|memorial*|documentar*|research*|studies|scholar*|archive*|education*|" +
				"holocaust education|world war|ww2|wwii|ww ii|against|anti|fight|fighting|fights|hunter*|hunting nazis|loot*|looted art|" +
				"restitution|victim*|survivor*|grammar|soup|feminazi|book*|novel*|film*|movie*|game*|wolfenstein"},
			unlessWithin: anywhere},
		{id: "hate.against-group", all: []string{"hate|hating|hatred|inferior|subhuman*|vermin|parasites|cockroaches|animals|savages|" +
			"harass*|harassment campaign*|bully|bullying|brigad*|raid*|dogpil*|intimidat*|threaten*|terroriz*|terroris*|" +
			"acoso|acosar|harceler|harcelement|belastig*|mobbing|assediar|assedio|molestar|molestie|травл*|" +
			"exterminat*|eradicat*|cleanse|purge|deport all|deport them|get rid of|kick out|expel|ban all|wipe out|" +
			"odio|odiar|haine|hass|hassen|odeio|ненавист*|仇恨",
			protectedGroups},
			within: 4,
			unless: []string{"anti|fight|fighting|fights|combat*|counter*|end|ending|stop|prevent*|prevention|awareness|education*|" +
				"crime*|hate crime*|tolerance|inclusion|inclusive|diversity|equality|welcom*|friendly|rights|solidarity|allies|" +
				"ally|interfaith|dialogue|community center|support*|celebrat*|heritage|culture|history|pride|survivor*|victim*|" +
				"research*|studies|report*|lawyer*|attorney*|legal aid|monitor*|watchdog*|helpline|museum|memorial*|book*|" +
				"pest*|bug*|insect*|termite*|rodent*|rat|rats|mice|weed*|germ*|clutter|mold|mould|stains|lice|bed bug*|" +
				"=don t|=dont|never|no more|love"},
			unlessWithin: 6},
		{id: "hate.exclusion", all: []string{"=no|=not|=without", "jews|muslims|blacks|gays|immigrants|mexicans|arabs|asians|" +
			"refugees|foreigners|gypsies|homosexuals|trans people|transgender*|chinese|indians|africans|latinos|hispanics"},
			within: 1,
			unless: []string{"discriminat*|matter|regardless|exception|excluded|left behind|barriers|fees|cost|charge|" +
				"judgement|judgment|prejudice|racism|hate|bias"},
			unlessWithin: 4},
		{id: "hate.only", all: []string{"whites|white people|aryans|christians|straights|natives|nationals|europeans|" +
			"white customers|white members|white tenants|white families",
			"=only|exclusively|=solo|=seulement|=nur|=apenas|=solo|только"},
			within: 2,
			unless: []string{"history|museum|research|segregation era|civil rights"}},
	},
}

var selfHarmRules = ruleSet{
	category: CatSelfHarm,
	reason:   "promotion of suicide, self-harm or eating disorders",
	rules: []rule{
		{id: "selfharm.term", all: []string{"pro ana|proana|pro mia|promia|pro ed|=proed|thinspo*|thinspiration*|meanspo*|bonespo*|" +
			"ana tips|ana coach*|hurt themselves|harm themselves|kill themselves|cut themselves|starve themselves|" +
			"hurt himself|hurt herself|kill himself|kill herself|harm yourself|dares to hurt|end their lives|end their life|end my life|" +
			"take their own lives|take their own life|take your own life|ending their lives|ending their life|ending your life|" +
			"catch the bus|=ctb|go to sleep forever|permanent exit|mia tips|purging tips|starve yourself|starving yourself|starvation tips|starving tips|" +
			"eating disorder tips|how to starve|how to purge|how to stop eating|suicide method*|ways to kill yourself|" +
			"ways to die|how to kill yourself|how to commit suicide|painless suicide|painless death|suicide kit*|suicide pact*|" +
			"suicide guide*|suicide instructions|suicide bag*|exit bag*|nitrogen suicide|helium suicide|lethal dose*|" +
			"overdose guide*|overdose instructions|blue whale challenge|self harm tips|selfharm tips|self injury tips|" +
			"cutting tips|how to cut yourself|cut yourself|cutting yourself|hurt yourself|hurting yourself|kill yourself|" +
			"killing yourself|=kys|end your life|end it all|sanctioned suicide|suicide forum*|pro suicide|pro self harm|" +
			"pro selfharm|pro cutting|encourag* suicide|encourag* self harm|encourag* selfharm|glorif* self harm|" +
			"glorif* suicide|romantici* suicide|romantici* self harm|pro eating disorder*|" +
			"metodos de suicidio|como suicidarse|suicidarse|autolesion*|methodes de suicide|comment se suicider|se suicider|" +
			"suizidmethoden|selbstmord anleitung|selbstmordanleitung|wie man sich umbringt|como se matar|metodos de suicidio|" +
			"metodi di suicidio|come suicidarsi|способ* самоубийств*|способ* суицид*|как покончить с собой|покончить с собой|" +
			"自杀方法|怎么自杀|自殺方法|自殺の方法|자살 방법"},
			unless: []string{"prevent*|prevention|hotline*|helpline*|crisis|support|recovery|recovering|recover|survivor*|suicide loss|loss survivors|" +
				"bereave*|grief|therapy|therapist*|counsel*|awareness|mental health|research*|treatment|hope|lifeline|" +
				"intervention|postvention|=988|samaritans|talk|against|anti|stop|don t|=dont|never|laugh*|laughing|" +
				"workout|overtime|budget|prevencion|prevention|pravention|prevencao|prevenzione|профилакти*|помощь|预防|予防|예방"},
			unlessWithin: 10},
		{id: "selfharm.decided", all: []string{"decided to die|decided to end|want to die|wants to die|ready to die|" +
			"decided to go|chosen to die|choose to die|their decision to die|stop eating|quit eating|starve|starving themselves|" +
			"lose the most weight|loses the most weight|most weight in a week|dejar de comer|pierde mas peso|arreter de manger|" +
			"perd le plus de poids|aufhoren zu essen|nicht mehr essen|parar de comer|perde mais peso|smettere di mangiare|" +
			"перестать есть|не есть|不吃饭|絶食",
			"encourag*|encouragement|cheer*|support*|supportive|coach*|help*|tips|guide*|motivat*|compet*|competition|" +
				"challenge*|contest*|dare*|push*|reward*|anima*|compite*|incita*|encourage*|ermutig*|incentiv*|incoraggi*|" +
				"поощря*|鼓励"},
			within: 10,
			unless: []string{"prevent*|prevention|hotline*|helpline*|crisis line|recovery|recovering|therap*|counsel*|" +
				"mental health|treatment|hospice|palliative|end of life care|doula*|grief|bereave*|assisted dying law*|" +
				"smoking|smoke|vaping|drinking|alcohol|sugar|junk food|meat|fast food|processed|late night snack*|" +
				"fasting|intermittent fasting|ramadan|doctor supervised|supervised|dietitian*|nutritionist*|healthy|" +
				"safely|safe|sustainabl*|fitness|gym|weight loss challenge at work|retire*|retirement"},
			unlessWithin: anywhere},
		{id: "selfharm.promote", all: []string{"self harm|selfharm|self injury|self injur*|self mutilation|suicide|suicidal|" +
			"anorexia|anorexic|bulimia|bulimic|eating disorder*|cutting|starving|starvation|purging|" +
			"suicidio|suicide|selbstmord|suizid|suicidio|самоубийств*|суицид*|自杀|自殺|자살",
			"encourag*|promot*|glorif*|romanticis*|romanticiz*|tips|methods|method|how to|guide|guides|kit|kits|" +
				"supplies|tools|challenge*|pact*|forum|forums|aesthetic*|blades|razors|lifestyle|goals|motivation|inspo|" +
				"community that supports|celebrat*|is beautiful|=easy way|quick way|painless|best way"},
			within: 5,
			unless: []string{"prevent*|prevention|hotline*|helpline*|crisis|support|recovery|recovering|recover|survivor*|suicide loss|loss survivors|" +
				"bereave*|grief|therapy|therapist*|counsel*|awareness|mental health|research*|treatment|hope|lifeline|" +
				"intervention|postvention|=988|samaritans|talk|against|anti|stop|clinic*|doctor*|nutrition*|dietitian*|" +
				"hospital*|safe|safety|peer support|support group*|hair cutting|cutting board*|cutting edge|paper cutting|" +
				"vinyl cutting|laser cutting|cutting tools|metal cutting|wood cutting|cake cutting|cutting garden|tree cutting|" +
				"fabric|sewing|crafts|cricut|artist*|student*|data|files|records|inventory|closet|wardrobe|declutter*|costs|cost|budget|prices|key cutting|glass cutting|stone cutting|tile cutting|prevencion|pravention|" +
				"prevencao|prevenzione|профилакти*|помощь|预防|予防|예방"},
			unlessWithin: anywhere},
	},
}

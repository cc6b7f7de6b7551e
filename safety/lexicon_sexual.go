package safety

// Sexual content: adult_sexual and csam.

// minorTerms names children and young teenagers. "teen" alone is here:
// "teen" next to a sexual term is treated as a minor (the cautious reading).
const minorTerms = "child|children|childs|kid|kids|kiddie*|kiddy|minor|minors|underage*|under age|preteen*|pre teen*|" +
	"tween*|teen|teens|teenage*|young girl*|young boy*|little girl*|little boy*|schoolgirl*|schoolboy*|" +
	"loli|lolis|lolita*|lolicon|shota*|jailbait|juvenile*|toddler*|infant*|" +
	"12yo|13yo|14yo|15yo|16yo|17yo|11yo|10yo|" +
	"nino|ninos|nina|ninas|menor|menores|enfant*|mineur*|kinder|minderjahrig*|crianca*|menores de idade|" +
	"bambin*|minorenn*|дет*|ребен*|несовершеннолет*|малолет*|儿童|幼女|未成年|児童|아동|미성년"

// sexualTerms are words that make a mention of a person sexual.
const sexualTerms = "porn*|pr0n|sexual*|sexy|=sex|sexting|nude*|nudity|naked|erotic*|explicit|nsfw|lewd*|xxx|hentai|fetish*|" +
	"seduc*|undress*|intimate|topless|=nudes|onlyfans|camgirl*|sugar daddy|sexo|sexe|sesso|nackt*|nu|nus|nua|desnud*|" +
	"sexuel*|sexuell*|sessual*|relations sexuelles|relaciones sexuales|relacoes sexuais|rapporti sessuali|сексуальн*|" +
	"порно*|секс*|голы*|эрот*|色情|裸|ポルノ|エロ|性的|음란|성적"

// minorAge matches an age below 18 given in words around a number:
// "under 14", "aged 12", "12 to 15", "de 12 a 15 ans", "unter 16".
const minorAge = "under 10|under 11|under 12|under 13|under 14|under 15|under 16|under 17|" +
	"below 14|below 16|younger than 14|younger than 16|" +
	"aged 8|aged 9|aged 10|aged 11|aged 12|aged 13|aged 14|aged 15|aged 16|aged 17|" +
	"=8 =to|=9 =to|=10 =to|=11 =to|=12 =to|=13 =to|=14 =to|=15 =to|=16 =to|" +
	"de 10 a|de 11 a|de 12 a|de 13 a|de 14 a|de 15 a|de 16 a|entre 10|entre 12|entre 13|entre 14|" +
	"menos de 14|menos de 16|moins de 14|moins de 16|unter 14|unter 16|" +
	"sotto i 14|sotto i 16|младше 14|младше 16|до 14|до 16|" +
	"11 ans|12 ans|13 ans|14 ans|15 ans|16 ans|11 anos|12 anos|13 anos|14 anos|15 anos|16 anos|" +
	"11 anni|12 anni|13 anni|14 anni|15 anni|16 anni|11 jahre|12 jahre|13 jahre|14 jahre|15 jahre|16 jahre|" +
	"12 year old|13 year old|14 year old|15 year old|16 year old|12 years old|13 years old|14 years old|" +
	"15 years old|16 years old|=12yo|=13yo|=14yo|=15yo|=16yo|preteens|tweens"

var csamRules = ruleSet{
	category: CatCSAM,
	reason:   "sexual content involving minors",
	rules: []rule{
		{id: "csam.term", all: []string{"child porn*|childporn*|kiddie porn*|kiddy porn*|kiddieporn*|=csam|=cp links|=cp videos|=pthc|" +
			"pedophil*|paedophil*|pedofil*|pedophel*|=pedo|=pedos|=paedo|pedobear|lolicon|jailbait|shotacon|" +
			"underage sex|underage nude*|underage porn*|preteen model*|preteen nude*|teen porn*|barely legal teen*|" +
			"pornografia infantil|pedopornograf*|pedoporn*|kinderporn*|kinderpornograf*|paedophil*|padophil*|" +
			"детск* порн*|педофил*|儿童色情|児童ポルノ|ロリコン|아동 포르노|아동 음란물|아동포르노"},
			unless: []string{"prevent*|prevention|report*|hotline|helpline|awareness|protect*|safeguard*|survivor*|victim*|" +
				"investigat*|law enforcement|detection|detect*|moderation|therapy|treatment|charity|nonprofit|" +
				"against|combat*|fight|fighting|fights|stop|lutte|contra|gegen|protecao|protezione|contro|против|борьб*"}},
		{id: "csam.minor+sexual", all: []string{minorTerms, sexualTerms}, within: 6,
			unless: []string{"education*|educational|health|healthy|clinic|newborn|maternity|bath*|diaper*|breastfeed*|swim*|pediatric*|paediatric*|doctor*|puberty|" +
				"prevent*|prevention|abuse prevention|protect*|protection|safeguard*|safety|report*|hotline|helpline|" +
				"awareness|survivor*|victim*|therapy|therapist*|counsel*|charity|nonprofit|advocacy|anti|against|" +
				"combat*|fight|fighting|fights|rescue*|consent|body safety|sex ed|sex education|parent*|detection|detect*|moderation|" +
				"educacion|education|aufklarung|educacao|educazione|lutte|contra|gegen|contro|против|защит*"},
			unlessWithin: 10},
		{id: "csam.minor-age", all: []string{minorAge,
			"photo*|pics|pictures|images|videos|clips|trade|trading|swap*|share|sharing|into|attracted|attraction|fantas*|" +
				"meet|meeting|meetups|dating|date|relationship*|relations|sexual*|sexuel*|sexuell*|older men|" +
				"grown men|invite only|members only|private forum|private members|private group|encounters|rencontre*|" +
				"citas|encuentros|treffen|encontros|incontri|знакомств*|offer*|ofrece*|available|for clients"},
			within: 12,
			unless: []string{"camp|camps|school|schools|team|teams|league*|soccer|football|sports|sport|tournament*|" +
				"class|classes|lesson*|tutor*|coach*|clothing|clothes|dress*|sizes|size|shoes|toys|books|birthday*|" +
				"party|parties|museum|zoo|admission|tickets|free entry|discount*|menu|meals|vaccin*|pediatric*|" +
				"dentist*|doctor*|clinic|health|safety|protect*|protection|prevent*|prevention|report*|abuse prevention|" +
				"education*|scholarship*|library|reading|choir|swim*|dance|ballet|art|painting|coding|science|chess|" +
				"scouts|mentor*|mentoring|youth group|church|after school|daycare|childcare|babysit*|parents|parent*|" +
				"family|families|photographer*|portrait*|graduation|yearbook|pageant*|contest*|competition*"},
			unlessWithin: anywhere},
		{id: "csam.sexualised-minor", all: []string{"sexualised|sexualized|sexualizing|sexualising|" +
			"erotic|nude|naked|explicit|lewd", "minor|minors|children|child|kids|underage*|preteen*|schoolgirl*|loli*"}, within: 4,
			unless: []string{"prevent*|prevention|protect*|report*|awareness|against|education|therapy|charity"}},
	},
}

var adultRules = ruleSet{
	category: CatAdultSexual,
	reason:   "sexually explicit content or sexual services",
	rules: []rule{
		{id: "adult.explicit", all: []string{"porn*|pr0n|pron|p0rn|xxx|hentai|nsfw|camgirl*|camboy*|cam girl*|cam girls|camwhore*|" +
			"sex cam*|sexcam*|live sex|sex chat*|sexchat*|sex tape*|sextape*|sexting|nude pics|nude photos|nude videos|nude cam*|" +
			"naked cam*|naked girls|naked women|naked pics|=nudes|send nudes|onlyfans leak*|leaked nudes|" +
			"smut|hardcore sex|hardcore videos|blowjob*|handjob*|anal sex|orgy|orgies|gangbang*|cumshot*|creampie*|" +
			"deepthroat*|masturbat*|jerk off|jerkoff|wank|wanking|milf*|horny|lewd|xvideos|xhamster|pornhub|redtube|youporn|" +
			"erotica|erotic videos|erotic films|erotic movies|erotic chat|erotic webcam|erotic stories|erotic photos|" +
			"adult video*|adult movie*|adult film*|adult content|adult entertainment|adult site*|adult webcam*|adult chat|" +
			"adult dating|adult cam*|adult only content|18 content|x rated|xrated|=sexy cam*|sexy girls|hot girls live|" +
			"strip tease|striptease|peep show*|peepshow*|fetish porn|bdsm|bondage|dominatrix*|fetish club*|fetish site*|fetish content|" +
			"=kink|kinky sex|=tits|titties|boobies|=boobs|=pussy|dildo*|fleshlight*|buttplug*|butt plug*|sex toy*|sextoy*|sex doll*|" +
			"sex shop*|sexshop*|sex store*|sex site*|sex dating|sex party|sex parties|swinger*|=camsite*|webcam model*|" +
			"pornografia|pornographie|pornografie|porno|pornos|xxx videos|sexo en vivo|sexe en direct|sesso dal vivo|sexo ao vivo|" +
			"contenido para adultos|contenu pour adultes|contenuti per adulti|conteudo adulto|erotikshop|erotik shop|sexkontakt*|" +
			"rencontre* coquine*|rencontre* sexe|incontri hard|sexfilm*|порно*|порнограф*|секс знакомств*|секс чат*|" +
			"色情|黄色网站|黄片|成人视频|成人影片|成人网站|アダルト動画|アダルトサイト|エロ動画|エロ画像|ポルノ|포르노|야동|성인 동영상|성인사이트"},
			unless: []string{"addiction|recovery|quit*|blocker*|blocking|filter*|against|anti|therapy|therapist*|counsel*|" +
				"island|newfoundland|town of|village of|harbour|harbor|county|mountain|road|street|lane|" +
				"free from|nofap|accountability|research|study|studies|wire|paint|parental control*|" +
				"paint stripper|wallpaper|kinky hair|kinky curl*|kinky twist*|curl*|hair|dye|pussy willow*|willow|cat|cats|" +
				"kitten*|bondage paper|bond paper|horn*|ram|bull|goat|weed|" +
				"rose|flower*|plant*|garden*|nurser*|cooking|recipe*|chef|food|foodie*|baking|cabin*|earth|ruin*|gear|" +
				"architecture|interior*|map|maps|typography|design"},
			unlessWithin: 3},
		{id: "adult.sex-services", all: []string{"escort service*|escort agenc*|escort girl*|escort booking*|escort*|call girl*|callgirl*|" +
			"prostitut*|brothel*|bordello*|whorehouse*|whore*|sex work*|sex worker*|sex for money|" +
			"happy ending*|sensual massage*|erotic massage*|nuru|tantric massage*|body to body massage|b2b massage|" +
			"girlfriend experience|=gfe|=incall|=outcall|incall outcall|full service girls|sugar daddy|sugar daddies|" +
			"sugardadd*|sugar baby|sugar babies|pay for sex|paid sex|sex for sale|" +
			"casual hookup*|hookup site*|hookup app*|hook up site*|discreet affair*|affair dating|married dating|" +
			"cheating wives|one night stand*|friends with benefits|no strings attached|booty call*|" +
			"strip club*|stripclub*|strippers|stripper*|lap dance*|lapdance*|gentlemen s club*|gentlemens club*|gentlemans club*|" +
			"adult encounter*|intimate encounter*|private encounter*|sensual encounter*|discreet encounter*|adult companion*|" +
			"prostitucion|prostitutas|putas|burdel*|acompanantes|casa de citas|prostituee*|prostituees|bordel*|putes|escortes|" +
			"prostituierte*|bordell*|nutten|huren|callgirls|garotas de programa|acompanhantes|puttane|escort girl|" +
			"проститут*|шлюх*|бордел*|интим услуг*|эскорт*|интим досуг*|卖淫|嫖娼|援交|援助交際|売春|風俗店|デリヘル|성매매|오피|출장안마"},
			unless: []string{"police|security|convoy|vehicle*|car|cars|ford|parts|truck*|trailer*|load*|oversize|pilot car*|funeral|motorcade|" +
				"patient*|medical|airport|wheelchair|ship|ships|vessel*|escort carrier|aircraft|" +
				"paint|wire|wires|furniture|floor*|wallpaper|tool*|stripper tool*|cable*|rugby|scrum|" +
				"survivor*|exit program*|outreach|harm reduction|health|rights|advocacy|decriminalisation|decriminalization|research|" +
				"history|museum|documentary|support|charity|nonprofit|against|anti|victim*|rescue*|" +
				"protection|protect*|awareness|shelter*|fiction|novel*|book*|author*|writer*|film festival|" +
				"cake*|bakery|baking|candy|sweets|watermelon*|pumpkin*|plant*|seed*|food|recipe*"},
			unlessWithin: 4},
		{id: "adult.hooker", all: []string{"hooker|hookers",
			"sex|sexual|paid|pay|hire|hourly|hour|night|nights|street|cheap|escort*|discreet|girls|women|client*|johns|" +
				"pimp*|red light|booking|book|date|dates|service*|motel|hotel"},
			within: 6,
			unless: []string{"rugby|scrum|sons|and sons|roofing|plumbing|family|brothers|bros|law|attorney*|construction|" +
				"furniture|realty|farm*|vineyard*|winery|brew*|john lee hooker|blues|music|guitar|band|carpet*|rug*|rugs"},
			unlessWithin: anywhere},
		{id: "adult.companionship", all: []string{"companionship|companion service*|companions for hire|paid companion*|" +
			"hostess club*|hostess bar*|female companion*|male companion*|private companion*",
			"by the hour|per hour|hourly|=discreet|discretion|discreetly|no questions|gentlemen|private|intimate|adult|" +
				"overnight|hotel|hotels|incall|outcall|encounter*|sensual|erotic|extras|vip"},
			within: 10,
			unless: []string{"elderly|senior*|older adult*|elder care|eldercare|aged care|dementia|alzheimer*|" +
				"hospital*|patient*|disabled|disabilit*|caregiver*|care home|home care|nursing|pet*|dog*|animal*|" +
				"lonely|loneliness|veteran*|hospice"},
			unlessWithin: anywhere},
		{id: "adult.for-hire", all: []string{"girls|ladies|women|models|boys|masseuse*|hostesses|babes|beauties",
			"by the hour|hourly rate*|per hour|=incall|=outcall|for rent|to rent|rent a|available tonight|=discreet|" +
				"hotel visit*|overnight stays|happy ending*|extras|extra services|full service"},
			within: 5,
			unless: []string{"clean*|maid*|housekeep*|nanny|nannies|babysit*|tutor*|staff*|temp|temps|workers|labor|labour|" +
				"coach*|trainer*|teacher*|lesson*|class*|team*|sport*|football|soccer|choir|band|dress*|costume*|" +
				"elderly|senior*|care|caregiver*|nurse*|hostel*"}},
		{id: "adult.massage-extras", all: []string{"massage*|masseuse*|spa|parlor*|parlour*",
			"happy ending*|extras|extra services|full service|nuru|body to body|b2b|sensual|erotic|tantra*|tantric|" +
				"=discreet|no questions|=incall|=outcall"},
			within: 6,
			unless: []string{"hair|nail*|facial*|wax*|sports|deep tissue|licensed massage therap*|physio*|prenatal|hot stone|" +
				"meditation|yoga|breathwork"}},
		{id: "adult.sexual-service", all: []string{"sexual|sex|erotic|nude|naked|topless|x rated",
			"service*|services|encounter*|massage*|entertainment|shows|show|videos|content|cam|cams|webcam*|chat*|photos|pics|" +
				"dating|meetups|meet ups|parties|party|performers|models|girls|content creator*|subscription*|stream*"},
			within: 2,
			unless: []string{"health|wellness|education|educational|clinic|therap*|counsel*|medicine|medical|doctor*|" +
				"consent|assault|violence|harassment|abuse|survivor*|victim*|prevention|rights|orientation|identity|" +
				"reproductive|std|sti|hiv|testing|dysfunction|research|history|lgbt*|queer|pride|skincare|intimate apparel|" +
				"lingerie|bra|bras|underwear|hygiene|feminine|soap|nude lipstick|nude heels|nude color*|nude colour*|lipstick|makeup|" +
				"nail*|polish|shoes|heels|beach|naturis*|nudist*|yoga|art class*|life drawing|figure drawing|portrait*|painting"},
			unlessWithin: 6},
		{id: "adult.cam", all: []string{"webcam*|cam site*|camsite*|camming|cam model*|live cam*|cam show*|cam girl*|cam boy*",
			"private show*|tips|tipping|tokens|models|performers|girls|boys|strip*|undress*|naughty|hot|sexy|adult|18"},
			within: 6,
			unless: []string{"security|baby|babies|nanny|pet|pets|dog*|cat|cats|traffic|weather|nature|wildlife|bird*|zoo|" +
				"surf|beach|ski|stream overlay*|repair|tech support|software|gaming|conference*|meeting*|classroom|" +
				"teaching|tutor*|doctor*|telehealth|interview*|podcast*|church|wedding*|tips and tricks|tips for|" +
				"photography tips|setup tips"},
			unlessWithin: 8},
		{id: "adult.fetish", all: []string{"fetish*|kink*|bdsm|dominatrix|domme|findom|feet pics|foot fetish",
			"content|videos|pics|photos|site|sites|club|clubs|cam|cams|sessions|dungeon|subscription*|sell|selling|platform|community"},
			within: 4,
			unless: []string{"kinky hair|kinky curl*|hair|curl*|coil*|afro|natural hair|fashion fetish|shoe fetish|stationery"}},
	},
}

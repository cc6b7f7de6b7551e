package safety

// Deception: fraud_scams_phishing, impersonation_trademark_abuse and
// counterfeit_goods.

// fraudCare is the allow-context of fraud prevention, security work and
// education.
const fraudCare = "prevent*|prevention|protect*|protection|detect*|detection|awareness|training|education*|educational|" +
	"report*|victim support|victims of fraud|fraud victims|scam victims|victim assistance|security|cybersecurity|cyber security|infosec|anti|fight|fighting|fights|combat*|against|investigat*|" +
	"research*|law firm|lawyer*|attorney*|compliance|=aml|kyc compliance|audit*|forensic*|simulation*|simulated|" +
	"insurance|penetration test*|pentest*|ethical|bug bounty|museum|documentar*|podcast*|novel*|fiction|" +
	"course*|consult*|spot|spotting|avoid|avoiding|warn*|alert*|identify|recogni*|stop|shield|guard*|" +
	"prevencion|proteccion|prevention|protection|pravention|schutz|prevencao|protecao|prevenzione|protezione|" +
	"профилакти*|защит*|防范|防止|対策|예방"

// stolenAdj marks a document, card or account as stolen or taken over.
const stolenAdj = "stolen|cloned|hacked|leaked|dumped|robad*|clonad*|vole|voles|volee|volees|gestohlen*|roubad*|" +
	"rubat*|clonat*|украденн*|краденн*|被盗|盗难|盗まれた|도난"

// forgedAdj marks a document, banknote or product as false.
const forgedAdj = "fake|fakes|forged|forgery|forgeries|fraudulent|counterfeit|phony|phoney|bogus|falsified|fabricated|" +
	"novelty|falso|falsos|falsa|falsas|falsificad*|faux|fausse|fausses|contrefait*|gefalscht*|falsch*|falsi|" +
	"falsificat*|contraffatt*|поддельн*|фальшив*|липов*|假|伪造|偽造|偽|위조|가짜"

// fakeAdj is either.
const fakeAdj = stolenAdj + "|" + forgedAdj

// fraudDocNouns are payment means, accounts and financial paperwork that
// fraud steals or fakes.
const fraudDocNouns = "credit card*|debit card*|card numbers|card details|card data|=cc|=ccs|=cvv|=cvvs|" +
	"identities|ssn*|social security number*|accounts|logins|login|credentials|bank details|bank account*|" +
	"bank statement*|pay stub*|paystub*|payslip*|utility bill*|checks|cheques|receipts|invoices|reviews|" +
	"profiles|dating profiles|personas|insurance claim*|tarjeta*|cartao|cartoes|信用卡|クレジットカード|신용카드"

// idDocNouns are identity documents, certificates and currency, whose
// forgery the evaluation data's taxonomy files under counterfeit_goods.
const idDocNouns = "passport*|=id|=ids|identity card*|id card*|identity document*|drivers license*|driver s license*|" +
	"driving licence*|driving license*|diploma*|degree*|certificate*|transcript*|document*|papers|visa|visas|" +
	"green card*|residence permit*|work permit*|social security card*|banknotes|money|bills|currency|cash|notes|" +
	"doctor s note*|sick note*|prescriptions|license plate*|number plate*|insurance card*|vaccination card*|" +
	"vaccine card*|covid pass*|tickets|" +
	"pasaporte*|documento*|carnet*|dinero|billetes|passeport*|carte*|papiers|diplome*|billets|argent|" +
	"reisepass*|pass|passe|ausweis*|dokument*|fuhrerschein*|geld|passaporte*|documentos|dinheiro|" +
	"passaport*|carta|documenti|patente|soldi|banconote|паспорт*|карт*|документ*|удостоверен*|прав|права|" +
	"диплом*|деньг*|купюр*|护照|身份证|证件|文凭|钞票|パスポート|身分証|免許証|紙幣|여권|신분증|지폐"

// fakeDocCare: contexts where a false document or note is a prop, a
// replacement or a service around genuine papers.
const fakeDocCare = "film|films|movie*|prop*|props|theatre|theater|stage|play money|pretend play|toy*|" +
	"board game*|game*|gaming|costume*|halloween|party|parties|escape room*|novelty gift*|gag gift*|joke*|prank*|" +
	"replacement|replace|lost|recover*|renew*|renewal|expedit*|embassy|consulate|passport photo*|photo booth|" +
	"translation|translator*|notar*|apostille|legalisation|legalization|authentic|authenticat*|verify|verification|" +
	"fake tan|tan|fake lashes|lashes|faux fur|fur|faux leather|leather|faux finish*|faux painting|plants|" +
	"flowers|nails|eyelashes|greenery|succulents|fake news detect*|handwriting|calligraph*|history|" +
	"museum|collector*|collectible*|antique*|numismat*|vintage currency|old banknotes|rare coins|" +
	"money management|lost cards|card blocking|card replacement|gift card*|greeting card*|business card*|" +
	"playing card*|tarot|trading card*|card game*|card shop|cards against"

var fraudRules = ruleSet{
	category: CatFraud,
	reason:   "fraud, scams or phishing",
	rules: []rule{
		{id: "fraud.term", all: []string{"phishing|phish kit*|phishing kit*|phishing page*|phishing site*|scam page*|scampage*|" +
			"credential harvest*|harvest* credentials|harvest* passwords|steal* passwords|steal* credentials|steal* logins|" +
			"steal* accounts|account takeover*|fake login page*|fake login*|fake sign in|clone* login page*|cloned login*|" +
			"spoof* login*|smishing|vishing|carding|cvv shop*|cc shop*|cc dumps|card dumps|dumps shop*|dumps with pin|" +
			"=fullz|bank logs|bank log|card skimm*|atm skimm*|skimming device*|card skimmer*|atm skimmer*|gas pump skimmer*|" +
			"synthetic identit*|money mule*|launder* money|money launder*|wash money|clean dirty money|ponzi*|" +
			"pyramid scheme*|pump and dump*|rug pull*|advance fee*|nigerian prince|419 scam*|romance scam*|pig butchering|" +
			"sextortion|tech support scam*|refund scam*|gift card scam*|lottery scam*|fake invoice*|invoice fraud|check fraud|" +
			"cheque fraud|insurance fraud|tax fraud|benefit* fraud|unemployment fraud|wire fraud|bank fraud|" +
			"credit card fraud|identity fraud|identity theft|fraud as a service|scam|scams|scammer*|scamming|con artist*|" +
			"fraud|fraudster*|swindl*|fake reviews|buy reviews|paid reviews|review farm*|fake followers|" +
			"" +
			"fake bank statement*|" +
			"fake pay stub*|fake paystub*|fake payslip*|fake utility bill*|guaranteed returns|guaranteed profit*|guaranteed roi|" +
			"guaranteed gains|guaranteed daily|guaranteed weekly|guaranteed monthly|from new members deposits|" +
			"paid from new members|paid out from new members|new members money|new investors money|from new investors|" +
			"paid by new recruits|recruit new investors to pay|risk free returns|risk free profit*|" +
			"no risk profit*|double your money|double your bitcoin|double your crypto|double your investment|" +
			"triple your money|10x your money|money flipping|cash flipping|flip your money|cashapp flip*|=hyip|" +
			"high yield investment program*|fake charity|fake charities|fake fundraiser*|fake donation*|charity scam*|" +
			"fake crowdfunding|fake giveaway*|crypto giveaway*|bypass kyc|bypass verification|otp bot*|sim swap*|" +
			"keylogger*|credential stuff*|combo list*|account cracking|cracked accounts|hacked accounts|stolen accounts|" +
			"ransomware|malware for sale|sell malware|selling malware|botnet for hire|ddos for hire|ddos service*|" +
			"booter service*|ip stresser*|hacking service*|hack any account|hack into|hire a hacker|hacker for hire|" +
			"hackers for hire|take my exam|take my test for me|exam impersonation|proxy test taker*|" +
			"estafa*|fraude*|stafa|timo|timos|tarjetas robadas|tarjetas clonadas|" +
			"lavado de dinero|arnaque*|escroquer*|escroc*|hameconnage|cartes volees|" +
			"blanchiment d argent|betrug*|abzocke|betruger*|gestohlene kreditkarten|geldwasche|" +
			"golpista*|cartoes roubados|cartoes clonados|lavagem de dinheiro|truffa*|truffatore*|frode*|carte rubate|" +
			"riciclaggio|мошенничеств*|мошенник*|фишинг*|обнал*|кардинг*|финансов* пирамид*|отмывани* денег|" +
			"诈骗|骗局|钓鱼网站|洗钱|庞氏|传销|詐欺|振り込め|フィッシング|マネーロンダリング|사기|보이스피싱|피싱|자금세탁"},
			unless: []string{fraudCare + "|film prop*|movie prop*|prop money|props for film|theatre|theater|play money|" +
				"board game*|scam free|fraud free|no scams|not a scam|legit|=legitimate|recovery of|fraud department|" +
				"fraud team|chargeback*|dispute*|accountant*|bookkeep*|paint|drywall|crack repair|lock|locks|locksmith*"},
			unlessWithin: 8},
		{id: "fraud.fake-docs", all: []string{fakeAdj, fraudDocNouns}, within: 3,
			unless:       []string{fraudCare + "|" + fakeDocCare},
			unlessWithin: 8},
		{id: "fraud.stolen-ids", all: []string{stolenAdj, idDocNouns}, within: 3,
			unless:       []string{fraudCare + "|" + fakeDocCare},
			unlessWithin: 8},
		{id: "fraud.sell-stolen", all: []string{"sell|selling|sells|buy|buying|shop|store|market*|vendor*|dealer*|supply|" +
			"supplier*|offer*|provide*|providing|make|making|print*|produce|order*|get|obtain|ship*|deliver*|for sale|" +
			"venta|vender|vendemos|vendre|vente|verkauf*|verkaufen|vender|vendemos|vendere|vendita|продаж*|продам|" +
			"купить|магазин*|出售|卖|販売|판매",
			stolenAdj},
			within: 3,
			unless: []string{fraudCare + "|fake tan|tan|lashes|fur|leather|plants|flowers|greenery|nails|jewelry|jewellery|" +
				"costume*|prop*|props|film|movie*|theatre|theater|snow|christmas tree*|trees|food|cake*|fruit|vegan|meat|" +
				"grass|turf|rocks|stone|wood|marble|brick|fireplace*|fire|candles|moustache*|mustache*|beard*|" +
				"blood|wounds|tattoo*|plants|decor*|pastry|pastries|recovered|recover*|returned|return|bikes|bicycles|" +
				"car|cars|vehicles|art|artworks|antique*|news|rumors|authenticat*|verify|verification|detect*"},
			unlessWithin: 6},
		{id: "fraud.fake-site", all: []string{"fake|fakes|bogus|phony|sham|fraudulent|counterfeit|spoofed|cloned|lookalike|" +
			"falsa|falso|fausse|faux|gefalscht*|gefakt*|falsa|falso|finta|finto|фейков*|поддельн*|假|偽",
			"site|sites|website*|web site*|page|pages|store|shop|shops|online store*|webshop*|portal|app|form|forms|" +
				"tienda|tiendas|sitio|pagina|boutique|site web|webseite|seite|loja|negozio|сайт|магазин|网站|网店|サイト|사이트"},
			within: 3,
			unless: []string{fraudCare + "|plants|flowers|flower*|greenery|fur|leather|lashes|nails|tan|snow|christmas|" +
				"costume*|prop*|props|film|movie*|theatre|theater|decor*|cake*|food|fruit|jewelry|jewellery|news|" +
				"satire|parody|game*|gaming|toy*|joke*|prank*|novelty|wall|walls|brick|stone|wood|grass|turf|" +
				"detector*|checker*|report*|list of|database of|warning*|ブランド|名牌|品牌|명품",
				idDocNouns},
			unlessWithin: 6},
		{id: "fraud.non-delivery", all: []string{"never ship*|never deliver*|never send*|never sends|no intention of shipping|" +
			"take the money and|collect payments and|close and reopen|shut down and reopen|cerramos y abrimos|" +
			"nunca envia*|nunca entrega*|nunca manda*|jamais livr*|n envoie jamais|ne livre jamais|nie liefer*|liefern nie|" +
			"nunca envia*|non spedisc* mai|не отправля*|не доставля*|从不发货|発送しない",
			"order*|pedidos|commandes|bestellung*|encomendas|ordini|заказ*|paid|payment*|money|cobra*|upfront|up front|" +
				"adelantado|advance|prepaid|prepayment|deposit*|customers|clientes|clients|kunden|clienti|клиент*|" +
				"reopen|abrimos otra|new name|new store|every month|cada mes"},
			within:       12,
			unless:       []string{fraudCare + "|dropshipping course|complaint*|refund policy|chargeback*"},
			unlessWithin: anywhere},
		{id: "fraud.data-grab", all: []string{"asks for|ask for|asks people for|ask people for|asking for|asking people for|" +
			"collect*|capture*|harvest*|grab*|steal*|get their|obtain|phish*|trick* people into giving|tricks people into|" +
			"pide|piden|pedir|recolecta*|demande*|recueill*|fragt nach|sammelt|pede|pedem|coleta*|chiede|raccoglie|" +
			"собира*|запрашива*|收集|骗取|盗む|수집",
			"card details|card numbers|card number|credit card details|credit card numbers|cvv|bank details|bank logins|" +
				"bank login|online banking|passwords|social security number*|=ssn|=ssns|=pin|=pins|pin codes|seed phrase*|" +
				"recovery phrase*|login details|credentials|one time code*|verification code*|2fa code*|" +
				"datos de tarjeta|numero de tarjeta|donnees bancaires|numero de carte|kartendaten|kreditkartendaten|" +
				"dados do cartao|numero do cartao|dati della carta|numero della carta|данные карт*|номер карт*|" +
				"银行卡信息|卡号|カード情報|카드 정보"},
			within: 5,
			unless: []string{fraudCare + "|secure|securely|encrypted|pci|checkout|payment processor*|payroll|tax preparation|" +
				"accountant*|bookkeep*|we never ask|never ask*|never asks|will never|does not|don t|password manager*|vault|" +
				"reset|resets|recovery service for your own|it support|helpdesk"},
			unlessWithin: 8},
		{id: "fraud.smishing", all: []string{"text to random numbers|texts to random numbers|random numbers|mass texts|mass text*|" +
			"sms blast*|text blast*|bulk sms|random phone numbers|cold texts|random people",
			"card details|card number*|bank details|payment details|login*|password*|personal details|fee|fees|pay|" +
				"payment|package|parcel|delivery|re delivery|redelivery|toll*|tax refund|refund|prize|verify|verification|" +
				"account locked|suspended|click|link"},
			within: 12,
			unless: []string{fraudCare + "|opt in|opted in|consent|subscribers|customers who|appointment reminder*|" +
				"marketing platform|compliant|tcpa|gdpr"},
			unlessWithin: anywhere},
		{id: "fraud.gift-cards", all: []string{"gift card*|itunes cards|steam cards|google play cards|prepaid cards|wire money|" +
			"wire transfers|western union|moneygram|bitcoin atm*",
			"send us|to send|lonely|retirees|elderly|seniors|grandparents|victims|trick*|convince*|persuade*|get them|" +
				"pay us in|pay in|romance|dating|lovers|fake|pretend*|urgent*|owe|arrest*|warrant|jail|bail|" +
				"grandson|granddaughter|grandchild*|irs|tax debt|microsoft|virus"},
			within: 12,
			unless: []string{fraudCare + "|gift card shop|gift card store|gift cards for employees|corporate gift*|" +
				"loyalty|rewards program|balance check*|exchange|marketplace for unused|wedding*|birthday*"},
			unlessWithin: 10},
		{id: "fraud.brand-phish", all: []string{brandPattern(),
			"login|logins|log in|sign in|signin|login page|sign in page|account verification|verify|verification|" +
				"verif*|password*|passcode*|credentials|unlock*|suspended|confirm your|update your payment|billing update|" +
				"payment update|account update|security check|security alert*|2fa|otp|one time code*|gift card*|" +
				"refund department|tax refund|prize|winner*|giveaway*|wallet recovery|seed phrase*|recovery phrase*|" +
				"verificacion|contrasena|verification|mot de passe|verifizierung|passwort|verificacao|senha|" +
				"verifica|подтвержд*|пароль|验证|密码|認証|パスワード|인증|비밀번호"},
			within: 5,
			unless: []string{"tutorial*|how to|help guide*|training|awareness|security awareness|phishing awareness|report*|" +
				"detect*|protect*|protection|independent|repair|course*|class|classes|consult*|it support|managed service*|" +
				"reseller|partner|password manager*|manager|certified|certification|developer*|sdk|integration*|plugin*|" +
				"coding|bootcamp|recovery of your own|secure|review*|blog|news|tips"},
			unlessWithin: 8},
		{id: "fraud.investment", all: []string{"invest*|investment*|returns|roi|profit*|income|yield*|crypto|bitcoin|forex|trading",
			"guarantee*|risk free|no risk|zero risk|100 safe|can t lose|cannot lose|double|doubled|triple|tripled|" +
				"per day|daily returns|weekly returns|every week|each week|per week|=1 daily|=2 daily|=5 daily|=10 daily|" +
				"recruit* friends|recruit* others|recruit* investors|downline*|referral levels|matrix scheme|" +
				"garantizad*|sin riesgo|garanti*|sans risque|garantiert*|ohne risiko|garantid*|sem risco|" +
				"garantit*|senza rischio|гарантированн*|без риска|保证收益|稳赚|元本保証|원금 보장"},
			within: 4,
			unless: []string{"scam*|fraud*|awareness|warn*|avoid*|spot|spotting|report*|regulat*|sec|fca|license*|licensed|" +
				"education*|course*|class*|consult*|protect*|protection|government bond*|treasury|annuit*|insurance|" +
				"savings account*|cd|cds|certificate of deposit|fdic|pension|retirement plan*|financial advis*|" +
				"satisfaction guaranteed|results guaranteed|quality guaranteed|money back|double glazing|double bed*|" +
				"double room*|double shot*|double espresso|double cheese|triple shot|per day rental|day rate|" +
				"income tax|tax return*|tax prep*|bookkeep*|accountant*|accounting|payroll"},
			unlessWithin: 6},
	},
}

var impersonationRules = ruleSet{
	category: CatImpersonation,
	reason:   "impersonation of a brand, authority or person, or trademark abuse",
	rules: []rule{
		{id: "imp.official", all: []string{"official|officially|oficial|officiel*|offiziell*|ufficiale|официальн*|官方|公式|공식",
			brandPattern(),
			"support|help|helpdesk|help desk|customer service|customer care|login|log in|sign in|account*|recovery|" +
				"verification|verify|security|billing|refund*|site|website|page|store|shop|app|portal|center|centre|team|" +
				"line|number|hotline|chat|service*|outlet|soporte|ayuda|tienda|cuenta|assistance|boutique|compte|hilfe|" +
				"konto|suporte|loja|conta|assistenza|negozio|поддержк*|магазин|сайт|客服|商店|サポート|고객센터"},
			within: 6,
			unless: []string{"unofficial|not affiliated|fan|fans|fan site|tribute|parody|review*|blog|news|guide*|" +
				"tutorial*|course*|training|independent|third party|reseller|partner|certified|authorized|authorised|" +
				"repair|refurbish*|accessor*|case|cases|charger*|compatible"}},
		{id: "imp.pose", all: []string{"pretend* to be|pretending to be|pose as|posing as|poses as|impersonat*|masquerad*|" +
			"disguised as|passing as|pass ourselves off as|pass off as|passes itself off as|ausgibt|ausgeben|ausgegeben|" +
			"gibt sich als|geben sich als|se hace pasar|se hacen pasar|se fait passer|se font passer|si spaccia|si spacciano|" +
			"se passa por|se passam por|выдает себя|выдают себя|выдаёт себя|冒充|假扮|装う|look like the official|" +
			"looks like the official|looks exactly like|look exactly like|identical to the real|copy of the official|" +
			"clone of|clone the|cloning the|copy of the real|replica of the real|spoof*|lookalike|look alike|imitat*|" +
			"mimic*|hacerse pasar por|haciendose pasar por|suplant*|se faire passer pour|usurp*|sich ausgeben als|" +
			"ausgeben als|se passar por|fingersi|spacciarsi per|spacciandosi per|выдавать себя за|выдавая себя за|" +
			"冒充|假冒|なりすまし|사칭",
			brandPattern() + "|irs|hmrc|fbi|cia|police|government|tax office|tax agency|tax authority|social security administration|" +
				"=ssa|medicare|dmv|customs|immigration|uscis|interpol|europol|bank|banks|my bank|your bank|tech support|" +
				"=ceo|the ceo|celebrit*|elon musk|taylor swift|famous|influencer*|the president|president|embassy|court|" +
				"courthouse|debt collector*|post office|postal service|utility company|power company|official*|" +
				"gobierno|policia|banco|hacienda|gouvernement|banque|impots|regierung|polizei|finanzamt|governo|policia|" +
				"receita federal|polizia|agenzia delle entrate|правительств*|полици*|банк*|налогов*|政府|警察|银行|銀行|은행|경찰"},
			within: 6,
			unless: []string{"impersonator*|tribute|entertain*|party|parties|wedding*|event*|show*|act|acts|comedy|costume*|" +
				"drag|elvis|vegas|performer*|music|band|cosplay|theater|theatre|satire|parody|fan art|training|awareness|" +
				"simulation*|phishing test*|security awareness|detect*|report*|protection|prevent*|prevention|against|" +
				"anti|lawyer*|attorney*|legal|fake tan|tan|fake plants|fake news|fact check*|look alike contest|" +
				"mimicry|lyrebird|bird*|parrot*|mockingbird*|voice acting|voice over|impressionist*|comedian*|" +
				"decoy*|hunting|duck*|fishing|lure*|bait|art|artist*|painting*|sculpture*|font*|design|" +
				"bags|handbags|purses|wallets|watches|sneakers|shoes|clothing|apparel|perfume*|jewelry|jewellery|" +
				"goods|products|merch*|knockoff*|knock off*|replica*|counterfeit*|sunglasses|belts|jerseys"},
			unlessWithin: 8},
		{id: "imp.typosquat", all: []string{"typosquat*|typo squat*|cybersquat*|domain squat*|lookalike domain*|look alike domain*|" +
			"typo domain*|misspelled domain*|misspelled brand*|misspelling* of|brandjack*|brand jacking|homograph domain*|" +
			"homoglyph domain*|domains that look like|domain that looks like|similar domain* to"},
			unless: []string{"protection|protect*|monitor*|detect*|defen*|takedown|take down|against|legal|lawyer*|attorney*|" +
				"enforcement|report*|udrp|research*|security|awareness|training|brand safety"},
			unlessWithin: 10},
		{id: "imp.trademark", all: []string{"without permission|without authori*|unauthori*|unauthorised|using their logo|" +
			"use their logo|use the logo|copy their logo|copy the logo|copying their logo|steal* the logo|steal* their logo|" +
			"their trademark*|someone else s trademark*|other people s trademark*|rip off the|ripping off the|" +
			"sin permiso|sans autorisation|ohne erlaubnis|sem permissao|senza permesso|без разрешения",
			brandPattern() + "|logo|logos|trademark*|trade mark*|copyrighted|characters|brand name*|brand|brands|" +
				"mascot*|artwork|designs|famous|celebrit*"},
			within: 6,
			unless: []string{"report*|detect*|protection|protect*|enforcement|takedown|lawyer*|attorney*|law firm|legal|" +
				"ip law|intellectual property law|licensing agent*|awareness|against|anti|prevent*|remove*|removal|" +
				"access|entry|intrusion|alarm*|security|cctv|parking|towing|tow"},
			unlessWithin: 8},
		{id: "imp.brand-support", all: []string{brandPattern(),
			"support line|support number|support hotline|helpline|help line|customer service number|customer care number|" +
				"tech support number|refund department|billing department|account recovery|password reset|security team|" +
				"verification team|fraud department|virus warning|pop up|popup|call now|call this number|customer support line"},
			within: 4,
			unless: []string{"independent|third party|unofficial|not affiliated|repair|reseller|consultan*|training|course*|" +
				"certified partner|partner|authorized|authorised|tutorial*|guide*|how to|blog|review*|awareness|scam*|" +
				"warn*|report*|protect*|detect*|block*|blocker*"},
			unlessWithin: 8},
	},
}

// luxuryTerms names goods that counterfeiters copy, with the brands.
func luxuryTerms() string {
	return brandPattern() + "|designer|designers|luxury|brand name*|branded|name brand*|high end|lv|ysl|saint laurent|" +
		"bottega*|audemars*|breitling|tag heuer|montblanc|canada goose|off white|ugg*|beats|pandora|jordans|air jordan*|" +
		"airpods|apple watch*|handbag*|watches|sneakers|perfume*|cologne*|jerseys|marcas|marque*|luxe|marken*|" +
		"luxus*|grife*|marche|firmat*|брендов*|бренд*|люкс*|名牌|奢侈品|ブランド|명품"
}

var counterfeitRules = ruleSet{
	category: CatCounterfeit,
	reason:   "counterfeit or pirated goods",
	rules: []rule{
		{id: "counterfeit.term", all: []string{"counterfeit goods|counterfeit products|counterfeit designer*|counterfeit handbag*|" +
			"counterfeit watch*|counterfeit sneaker*|counterfeit merch*|counterfeit clothing|counterfeit perfume*|" +
			"counterfeit electronics|counterfeit airpods|counterfeit items|counterfeit brand*|counterfeit luxury|" +
			"counterfeit medicine*|counterfeit pills|counterfeit parts|counterfeit jerseys|counterfeit cosmetics|" +
			"replica watch*|replica handbag*|replica bag*|replica designer*|replica sneaker*|replica jersey*|replica shoes|" +
			"replica luxury|replica perfume*|rep sneakers|=reps|fake designer*|fake luxury|designer knockoff*|designer replica*|" +
			"designer fakes|knockoff designer*|knockoff handbag*|knock off designer*|knock off handbag*|1 1 replica*|" +
			"1 1 copies|1 1 copy|aaa replica*|aaa quality replica*|superfake*|super fake*|mirror quality|mirror grade|" +
			"unauthorized replica*|bootleg merch*|bootleg dvd*|pirated dvd*|pirated software|cracked software|" +
			"pirated movies|pirated games|pirated films|pirated music|pirated ebooks|warez|piracy site*|illegal streaming|" +
			"illegal iptv|pirate iptv|software cracks|license key generator*|keygen*|serial key crack*|" +
			"falsificaciones|replicas de marca|imitaciones de marca|contrefacon*|contrefait*|faux sacs|gefalschte markenware|" +
			"markenfalschung*|plagiate|falsificacoes|replicas de grife|contraffazion*|contraffatt*|falsi d autore|" +
			"подделк*|реплик* брендов*|копии брендов*|假货|高仿|仿冒|山寨|a货|精仿|偽物|偽ブランド|コピー品|スーパーコピー|짝퉁|가품"},
			unless: []string{"anti|against|detect*|detection|spot|spotting|authenticat*|authentic|genuine|verify|verification|" +
				"legit check|prevent*|prevention|protection|brand protection|enforcement|lawyer*|attorney*|law firm|report*|" +
				"education*|awareness|research*|museum|customs|seizure*|investigat*|consult*|no fakes|never fakes|" +
				"not fake|not replicas|only authentic|100 authentic"},
			unlessWithin: 10},
		{id: "counterfeit.documents", all: []string{"fake diploma*|fake degree*|diploma mill*|degree mill*|fake doctor s note*|" +
			"fake sick note*|fake id|fake ids|counterfeit money|counterfeit bills|counterfeit currency|counterfeit cash|" +
			"counterfeit banknotes|fake money|pasaportes falsos|documentos falsos|faux papiers|faux passeports|" +
			"gefalschte ausweise|documenti falsi|passaportes falsos|поддельные документы|假证|假护照|偽造パスポート"},
			unless:       []string{fraudCare + "|" + fakeDocCare},
			unlessWithin: 8},
		{id: "counterfeit.forged-docs", all: []string{forgedAdj, idDocNouns}, within: 3,
			unless:       []string{fraudCare + "|" + fakeDocCare},
			unlessWithin: 8},
		{id: "counterfeit.sell-fake", all: []string{"sell|selling|sells|buy|buying|shop|store|market*|vendor*|dealer*|supply|" +
			"supplier*|offer*|provide*|providing|make|making|print*|produce|order*|get|obtain|ship*|deliver*|for sale|" +
			"venta|vender|vendemos|vendre|vente|verkauf*|verkaufen|vendere|vendita|продаж*|продам|" +
			"купить|магазин*|出售|卖|販売|판매",
			"fakes|counterfeits|replicas|knockoffs|knock offs|forgeries|falsificaciones|contrefacons|falschungen|" +
				"falsificacoes|contraffazioni|подделк*|假货"},
			within: 3,
			unless: []string{fraudCare + "|fake tan|tan|lashes|fur|leather|plants|flowers|greenery|nails|jewelry|jewellery|" +
				"costume*|prop*|props|film|movie*|theatre|theater|snow|christmas tree*|trees|food|cake*|fruit|vegan|meat|" +
				"grass|turf|rocks|stone|wood|marble|brick|fireplace*|fire|candles|moustache*|mustache*|beard*|" +
				"blood|wounds|tattoo*|decor*|pastry|pastries|art|artworks|antique*|news|rumors|authenticat*|" +
				"verify|verification|detect*|copies of your|photocop*|print shop|printing|copy shop|ship model*|" +
				"scale model*|model*|museum|historical|furniture|reproduction*|dupes|perfume dupes|inspired"},
			unlessWithin: 6},
		{id: "counterfeit.logo", all: []string{luxuryTerms(),
			"real logo*|original logo*|genuine logo*|exact logo*|identical logo*|official logo*|same logo*|with logos|" +
				"with the logo*|brand logo*|sold as authentic|sold as genuine|sold as real|sold as original|passed off as|" +
				"pass as authentic|passes as authentic|pass as genuine|pass off as|passing off|authentic quality|" +
				"same as the original|indistinguishable from|can t tell the difference|cannot tell the difference|" +
				"logos originales|logo original|vrais logos|echte logos|logos originais|loghi originali|оригинальн* логотип*"},
			within: 10,
			unless: []string{"authenticat*|authentication service|enforcement|lawyer*|attorney*|law firm|detect*|" +
				"brand protection|licensed|licensee|authorized|authorised|official partner|report*|awareness|museum"},
			unlessWithin: anywhere},
		{id: "counterfeit.fake-brand", all: []string{"counterfeit*|counterfiet*|conterfeit*|knock off*|knockoff*|knock offs|" +
			"replica|replicas|fake|fakes|imitation*|copies|copy|copycat|bootleg*|unbranded copies|dupes of|clones of|" +
			"1 1|aaa|aaa grade|aaa quality|grade aaa|top grade copies|mirror|falsificad*|falsos|falsas|replicas|imitacion*|" +
			"contrefacon*|contrefait*|faux|fausses|gefalscht*|falsch*|nachgemacht*|nachbildung*|falsificad*|falsos|" +
			"imitacao|imitacoes|falsi|false|contraffatt*|imitazion*|поддельн*|подделк*|копи*|реплик*|假|仿|偽|コピー|가짜|짝퉁",
			luxuryTerms()},
			within: 4,
			unless: []string{"authenticat*|authentic|genuine|verify|verification|legit check|detect*|spot|spotting|" +
				"anti|against|prevent*|protection|brand protection|enforcement|lawyer*|law firm|report*|education*|" +
				"museum|prop*|props|costume*|cosplay|toy*|scale model*|model*|film|movie*|museum replica*|historical|" +
				"reproduction furniture|no fakes|never fakes|not fake|not replicas|only authentic|100 authentic|" +
				"consign*|pre owned|preowned|pre loved|second hand|secondhand|resale|resell*|vintage|repair*|" +
				"fake tan|tan|lashes|fur|leather|cake|cakes|baking|copywriting|copywriter*|copy editing|copy shop|" +
				"print shop|printing|photocop*|mirror*|mirrors|mirror selfie*|wall mirror*|imitation crab|crab|" +
				"imitation jewelry|costume jewelry|dupe|dupes|makeup dupes|perfume dupes|inspired|inspired by|" +
				"impression*|smells like|alternative*|affordable alternative*"},
			unlessWithin: 6},
	},
}

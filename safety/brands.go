package safety

import "strings"

// brand is one famous brand that names must not imitate and descriptions
// must not claim to be.
type brand struct {
	name string // lower-case, words separated by spaces ("louis vuitton")
	// common marks a brand that is also an ordinary word or name
	// ("apple", "shell", "amazon"): a name may contain it innocently, so
	// the output filter blocks it only in brand-like use (see name.go).
	common bool
}

// brands is the curated list of famous brands (about 185 entries with
// spelling variants): the most
// imitated names in phishing and typosquatting reports (tech, finance,
// crypto, shopping, delivery, streaming, games) and the most
// counterfeited fashion and luxury houses.
var brands = []brand{
	// tech and internet
	{name: "google"}, {name: "gmail", common: true}, {name: "youtube"}, {name: "android", common: true}, {name: "apple", common: true},
	{name: "icloud"}, {name: "iphone"}, {name: "itunes"}, {name: "microsoft"}, {name: "outlook", common: true},
	{name: "office365"}, {name: "hotmail"}, {name: "windows", common: true}, {name: "xbox"}, {name: "amazon", common: true},
	{name: "facebook"}, {name: "instagram"}, {name: "whatsapp"}, {name: "messenger", common: true}, {name: "meta", common: true},
	{name: "twitter"}, {name: "tiktok"}, {name: "snapchat"}, {name: "linkedin"}, {name: "pinterest"},
	{name: "reddit"}, {name: "discord", common: true}, {name: "telegram", common: true}, {name: "signal", common: true},
	{name: "netflix"}, {name: "spotify"}, {name: "hulu"}, {name: "disney"}, {name: "twitch", common: true},
	{name: "yahoo"}, {name: "bing", common: true}, {name: "dropbox"}, {name: "adobe", common: true}, {name: "zoom", common: true},
	{name: "skype"}, {name: "slack", common: true}, {name: "github"}, {name: "gitlab"}, {name: "oracle", common: true},
	{name: "salesforce"}, {name: "docusign"}, {name: "openai"}, {name: "chatgpt"}, {name: "samsung"}, {name: "huawei"},
	{name: "xiaomi"}, {name: "lenovo"}, {name: "nvidia"}, {name: "intel", common: true}, {name: "cisco"},
	{name: "dell", common: true}, {name: "sony"}, {name: "nintendo"}, {name: "playstation"}, {name: "steam", common: true},
	{name: "roblox"}, {name: "fortnite"}, {name: "minecraft"}, {name: "epic games", common: true}, {name: "wikipedia"},
	{name: "mozilla"}, {name: "firefox", common: true}, {name: "chrome", common: true}, {name: "uber", common: true},
	{name: "lyft"}, {name: "airbnb"}, {name: "booking", common: true}, {name: "expedia"}, {name: "tripadvisor"},
	{name: "ebay"}, {name: "etsy"}, {name: "shopify"}, {name: "alibaba"}, {name: "aliexpress"}, {name: "temu"},
	{name: "shein", common: true}, {name: "walmart"}, {name: "target", common: true}, {name: "costco"}, {name: "ikea"},
	{name: "bestbuy", common: true}, {name: "craigslist"}, {name: "zillow"}, {name: "yelp"},
	// payments, banks, crypto
	{name: "paypal"}, {name: "venmo"}, {name: "zelle"}, {name: "cashapp"}, {name: "stripe", common: true},
	{name: "square", common: true}, {name: "visa", common: true}, {name: "mastercard"}, {name: "american express", common: true},
	{name: "amex"}, {name: "chase", common: true}, {name: "wells fargo"}, {name: "bank of america", common: true}, {name: "citibank"},
	{name: "hsbc"}, {name: "barclays"}, {name: "santander"}, {name: "revolut"}, {name: "monzo"}, {name: "wise", common: true},
	{name: "coinbase"}, {name: "binance"}, {name: "kraken", common: true}, {name: "metamask"}, {name: "robinhood", common: true},
	{name: "blockchain", common: true},
	// delivery and government-like senders
	{name: "fedex"}, {name: "dhl"}, {name: "ups", common: true}, {name: "usps"}, {name: "royal mail", common: true},
	// fashion, luxury, sport
	{name: "nike"}, {name: "adidas"}, {name: "puma", common: true}, {name: "reebok"}, {name: "new balance", common: true},
	{name: "under armour", common: true}, {name: "the north face", common: true}, {name: "converse", common: true}, {name: "vans", common: true},
	{name: "asics"}, {name: "gucci"}, {name: "prada"}, {name: "chanel"}, {name: "louis vuitton"}, {name: "vuitton"},
	{name: "hermes", common: true}, {name: "dior"}, {name: "versace"}, {name: "balenciaga"}, {name: "burberry"},
	{name: "fendi"}, {name: "givenchy"}, {name: "rolex"}, {name: "cartier"}, {name: "omega", common: true},
	{name: "tiffany", common: true}, {name: "moncler"}, {name: "lacoste"}, {name: "ray ban"}, {name: "oakley", common: true},
	{name: "supreme", common: true}, {name: "zara"}, {name: "uniqlo"}, {name: "levis", common: true}, {name: "sephora"},
	{name: "loreal"}, {name: "yeezy"}, {name: "patek philippe"}, {name: "hublot"}, {name: "michael kors"},
	// food, drink, cars, media
	{name: "starbucks"}, {name: "mcdonalds"}, {name: "burger king", common: true}, {name: "cocacola"}, {name: "coca cola"},
	{name: "pepsi"}, {name: "redbull", common: true}, {name: "red bull", common: true}, {name: "heineken"}, {name: "nestle", common: true}, {name: "kfc"},
	{name: "tesla", common: true}, {name: "toyota"}, {name: "honda"}, {name: "ferrari"}, {name: "porsche"}, {name: "lamborghini"},
	{name: "mercedes"}, {name: "volkswagen"}, {name: "bmw"}, {name: "audi"}, {name: "lego"}, {name: "mattel"},
	{name: "hasbro"}, {name: "pokemon"}, {name: "marvel", common: true}, {name: "pixar"}, {name: "hbo"},
}

// brandPattern returns the brands as a matcher pattern string for the
// input policy ("google|paypal|louis vuitton|louisvuitton|...");
// each brand word also matches its English inflections ("google's" is
// tokenised as "googles").
func brandPattern() string {
	var alts []string
	for _, b := range brands {
		alts = append(alts, b.name)
		if strings.Contains(b.name, " ") {
			alts = append(alts, strings.ReplaceAll(b.name, " ", ""))
		}
	}
	return strings.Join(alts, "|")
}

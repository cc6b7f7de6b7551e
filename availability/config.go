package availability

import (
	"fmt"
	"net/http"
	"time"
)

// Defaults applied to zero Config fields.
const (
	// DefaultNameTimeout bounds one name's whole check (DNS, RDAP, WHOIS
	// together): a suggestion request must not stall on a slow registry.
	DefaultNameTimeout = 3 * time.Second
	// DefaultRequestTimeout bounds one DNS query, RDAP request or WHOIS
	// exchange. Registries answer in 50–500 ms when healthy.
	DefaultRequestTimeout = 1500 * time.Millisecond
	// DefaultConcurrency is how many names CheckAll checks at once.
	DefaultConcurrency = 10
	// DefaultHostRate is the sustained requests per second to one RDAP or
	// WHOIS host: registries rate-limit aggressively (Verisign answers 429
	// well below 10/s from one address).
	DefaultHostRate = 5
	// DefaultHostBurst lets one list of suggestions (up to 10 names on one
	// registry) start at once; the rate then applies.
	DefaultHostBurst = 10
	// DefaultCacheSize bounds the cache (entries, least recently used out).
	DefaultCacheSize = 10000
	// DefaultTTLAvailable is short enough that a name registered meanwhile
	// is not shown as available for long.
	DefaultTTLAvailable = 10 * time.Minute
	// DefaultTTLTaken: registrations rarely lapse within a day.
	DefaultTTLTaken = 24 * time.Hour
	// DefaultTTLUnknown: retry soon, but do not hammer a failing source.
	DefaultTTLUnknown = 30 * time.Second
	// DefaultBootstrapRefresh is how old the bootstrap registry may get
	// before a refresh is attempted (IANA updates it a few times a month).
	DefaultBootstrapRefresh = 24 * time.Hour
	// DefaultMaxBodyBytes bounds an RDAP or WHOIS answer: real domain
	// records are 2–30 KiB.
	DefaultMaxBodyBytes = 512 << 10
	// DefaultBootstrapURL is IANA's directory of RDAP bootstrap files.
	DefaultBootstrapURL = "https://data.iana.org/rdap/"
)

// Config configures a Checker. The zero value is usable: every zero field
// means its default. Fields are read once, by New.
type Config struct {
	// Resolver is the DNS server (host:port) asked for NS records, e.g.
	// "1.1.1.1:53" or the first nameserver of /etc/resolv.conf (see
	// SystemResolver). Empty skips the DNS step.
	Resolver string
	// BootstrapURL is the base URL of the RDAP bootstrap files (dns.json
	// is fetched from it). Empty means DefaultBootstrapURL; "off" never
	// refreshes and keeps the shipped snapshot (or BootstrapJSON).
	BootstrapURL string
	// BootstrapJSON, when set, replaces the shipped snapshot of IANA's
	// dns.json (RFC 9224 format).
	BootstrapJSON []byte
	// BootstrapRefresh is how old the registry may get before a refresh.
	// 0 means DefaultBootstrapRefresh.
	BootstrapRefresh time.Duration
	// WHOIS maps a TLD (without dot) to a WHOIS server "host:port" used
	// when the TLD has no RDAP server, or as a second source (Policies).
	WHOIS map[string]string
	// Policies holds per-TLD rules, keyed by TLD without dot.
	Policies map[string]TLDPolicy
	// NameTimeout bounds one name's check. 0 means DefaultNameTimeout.
	NameTimeout time.Duration
	// RequestTimeout bounds one question to one server. 0 means
	// DefaultRequestTimeout.
	RequestTimeout time.Duration
	// Concurrency is how many names CheckAll checks at once. 0 means
	// DefaultConcurrency.
	Concurrency int
	// HostRate is requests per second to one RDAP/WHOIS host. 0 means
	// DefaultHostRate.
	HostRate float64
	// HostBurst is the limiter's bucket size. 0 means DefaultHostBurst.
	HostBurst int
	// CacheSize bounds the cache; 0 means DefaultCacheSize, negative
	// turns the cache off.
	CacheSize int
	// TTLAvailable, TTLTaken and TTLUnknown are how long answers of each
	// status stay cached (TTLTaken also covers reserved and premium).
	// 0 means the Default of each.
	TTLAvailable, TTLTaken, TTLUnknown time.Duration
	// MaxBodyBytes bounds an RDAP or WHOIS answer; larger ones are unknown.
	// 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// HTTP is the client for RDAP and bootstrap requests; nil means a
	// client with its own transport. Its Timeout is not used (requests
	// carry deadlines).
	HTTP *http.Client
	// UserAgent is sent to RDAP servers.
	UserAgent string
	// Observer receives metrics; nil means none.
	Observer Observer
	// Now is the clock (tests); nil means time.Now.
	Now func() time.Time
}

// TLDPolicy holds what is known about one registry's answers.
type TLDPolicy struct {
	// Unreliable404 marks the registry's RDAP 404 as not enough to say
	// available (some registries answer 404 for reserved or blocked names):
	// such a 404 is unknown unless an NXDOMAIN or a WHOIS "no match"
	// agrees.
	Unreliable404 bool
}

// withDefaults returns c with zero fields replaced by their defaults.
func (c Config) withDefaults() Config {
	if c.BootstrapURL == "" {
		c.BootstrapURL = DefaultBootstrapURL
	}
	if c.BootstrapRefresh <= 0 {
		c.BootstrapRefresh = DefaultBootstrapRefresh
	}
	if c.NameTimeout <= 0 {
		c.NameTimeout = DefaultNameTimeout
	}
	if c.RequestTimeout <= 0 {
		c.RequestTimeout = DefaultRequestTimeout
	}
	if c.Concurrency <= 0 {
		c.Concurrency = DefaultConcurrency
	}
	if c.HostRate <= 0 {
		c.HostRate = DefaultHostRate
	}
	if c.HostBurst <= 0 {
		c.HostBurst = DefaultHostBurst
	}
	if c.CacheSize == 0 {
		c.CacheSize = DefaultCacheSize
	}
	if c.TTLAvailable <= 0 {
		c.TTLAvailable = DefaultTTLAvailable
	}
	if c.TTLTaken <= 0 {
		c.TTLTaken = DefaultTTLTaken
	}
	if c.TTLUnknown <= 0 {
		c.TTLUnknown = DefaultTTLUnknown
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if c.HTTP == nil {
		c.HTTP = &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	}
	if c.UserAgent == "" {
		c.UserAgent = "domaingen-availability/1 (+https://github.com/domaingen)"
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}

// validate reports settings New cannot work with.
func (c Config) validate() error {
	for tld, addr := range c.WHOIS {
		if addr == "" {
			return fmt.Errorf("whois server for .%s is empty", tld)
		}
	}
	return nil
}

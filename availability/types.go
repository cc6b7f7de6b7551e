package availability

import (
	"time"
)

// Status is what a check concluded about a name.
type Status string

// The statuses a Result can have.
const (
	// Available: the TLD's registry said the name does not exist (RDAP 404
	// or a WHOIS "no match"), and no other source contradicted it.
	Available Status = "available"
	// Taken: the name is delegated in DNS or its registry returned a record.
	Taken Status = "taken"
	// Unknown: no source could decide (errors, timeouts, 429, 5xx, no
	// server for the TLD, or an unreliable 404 without a second source).
	Unknown Status = "unknown"
	// Reserved: a source says the registry holds the name back.
	Reserved Status = "reserved"
	// Premium: a source says the name is for sale at a premium price.
	Premium Status = "premium"
)

// Method names the source that decided a Result.
type Method string

// The methods.
const (
	MethodDNS   Method = "dns"
	MethodRDAP  Method = "rdap"
	MethodWHOIS Method = "whois"
	MethodCache Method = "cache"
	// MethodNone: no source was asked (the name is malformed, or the check
	// ran out of time before the first question).
	MethodNone Method = "none"
)

// Result is the answer for one name, with its provenance.
type Result struct {
	// Domain is the registrable name that was checked (normalised; for
	// "www.example.com" it is "example.com").
	Domain string `json:"domain"`
	// Status is the conclusion.
	Status Status `json:"status"`
	// Method is the source that decided Status; MethodCache when the
	// answer came from the cache (Evidence still lists the original steps).
	Method Method `json:"method"`
	// Server is the resolver, RDAP base URL or WHOIS host that decided.
	Server string `json:"server,omitempty"`
	// HTTPStatus is the RDAP server's status code, when RDAP decided.
	HTTPStatus int `json:"http_status,omitempty"`
	// Rcode is the DNS response code ("NOERROR", "NXDOMAIN", "SERVFAIL"),
	// when DNS decided.
	Rcode string `json:"rcode,omitempty"`
	// Reason says in words why the status is what it is; always set for
	// Unknown.
	Reason string `json:"reason,omitempty"`
	// Registrar of a taken name, when RDAP gave one.
	Registrar string `json:"registrar,omitempty"`
	// Expires is the expiration date of a taken name as RDAP gave it
	// (RFC 3339), when it did.
	Expires string `json:"expires,omitempty"`
	// CheckedAt is when the sources were asked (for a cached answer: when
	// they were asked first), RFC 3339 in JSON.
	CheckedAt time.Time `json:"checked_at"`
	// Cached reports whether this answer was served from the cache.
	Cached bool `json:"cached"`
	// Evidence lists what each source said, in the order asked.
	Evidence []Evidence `json:"evidence,omitempty"`
}

// Evidence is what one source said about a name.
type Evidence struct {
	Method     Method `json:"method"`
	Server     string `json:"server,omitempty"`
	HTTPStatus int    `json:"http_status,omitempty"`
	Rcode      string `json:"rcode,omitempty"`
	// Said is the source's verdict on its own: available, taken, reserved,
	// premium, or unknown when it could not answer.
	Said Status `json:"said"`
	// Detail says why (an error, "NS records present", "404 Not Found").
	Detail string `json:"detail,omitempty"`
	// Millis is how long the question took.
	Millis int64 `json:"ms"`
}

// Observer receives counts and timings for metrics. Methods must be safe
// for concurrent use and fast; nil means no observer.
type Observer interface {
	// ObserveCheck is called once per checked name, cache hits included,
	// with the final result and the time the whole check took.
	ObserveCheck(r Result, took time.Duration)
	// ObserveCache is called once per name with whether the cache had it.
	ObserveCache(hit bool)
	// ObserveRateLimitWait is called when a request to host waited for its
	// limiter (or for a Retry-After), with how long it waited.
	ObserveRateLimitWait(host string, waited time.Duration)
}

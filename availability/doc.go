// Package availability tells whether a domain name can be registered, and
// says how it knows.
//
// A Checker decides each name from evidence gathered in a fixed order:
//
//  1. Cache: a recent answer for the same name, within the TTL of its
//     status (short for unknown).
//  2. DNS: an NS query for the registrable name through the configured
//     resolver (github.com/miekg/dns). NS records present means the name is
//     delegated, so it is taken: fast, and no load on any registry. An
//     NXDOMAIN or an empty answer is not proof of anything (names can be
//     registered without being delegated) and only moves on.
//  3. RDAP (RFC 9082/9083): the TLD's server, found in the IANA bootstrap
//     registry for DNS (RFC 9224, a dated snapshot shipped in the package
//     and refreshed at run time when reachable). 200 is taken, with the
//     registrar and expiry when the server gives them; 404 is available.
//  4. WHOIS (RFC 3912), for TLDs without RDAP, where Config.WHOIS names a
//     server for the TLD.
//
// An answer is never "available" on an error, a timeout, a 429, a 5xx or a
// body that cannot be read: those make it "unknown", with the reason. A
// per-TLD policy (Config.Policies) can mark a registry's 404 as
// unreliable; such a 404 is "available" only when a second source agrees
// (an NXDOMAIN for the name, or a WHOIS "no match"). Every Result carries
// its provenance: method, server, HTTP status or DNS rcode, time of the
// check, whether it came from the cache, and the evidence of each step.
//
// Requests to each RDAP or WHOIS host are spaced by one token-bucket
// limiter per host (golang.org/x/time/rate) that also honours Retry-After;
// CheckAll bounds concurrency; every name and every request has a
// deadline. Without a route to the internet a check ends "unknown" within
// the name's deadline.
package availability

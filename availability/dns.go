package availability

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/miekg/dns"
)

// SystemResolver returns the first nameserver of /etc/resolv.conf as
// host:port, or "" when there is none.
func SystemResolver() string {
	conf, err := dns.ClientConfigFromFile("/etc/resolv.conf")
	if err != nil || len(conf.Servers) == 0 {
		return ""
	}
	return strings.TrimSpace(conf.Servers[0]) + ":" + conf.Port
}

// askDNS asks the resolver for name's NS records. NS records for the name
// (in the answer, or in the authority section of a referral from the TLD's
// own servers) mean taken; everything else leaves the question open.
func (c *Checker) askDNS(ctx context.Context, name string) Evidence {
	start := time.Now()
	ev := Evidence{Method: MethodDNS, Server: c.cfg.Resolver, Said: Unknown}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.RequestTimeout)
	defer cancel()
	m := new(dns.Msg)
	m.SetQuestion(dns.Fqdn(name), dns.TypeNS)
	m.RecursionDesired = true
	cl := &dns.Client{Net: "udp", Timeout: c.cfg.RequestTimeout}
	r, _, err := cl.ExchangeContext(ctx, m, c.cfg.Resolver)
	if err == nil && r.Truncated {
		cl.Net = "tcp"
		r, _, err = cl.ExchangeContext(ctx, m, c.cfg.Resolver)
	}
	ev.Millis = time.Since(start).Milliseconds()
	if err != nil {
		ev.Detail = describeErr(err)
		return ev
	}
	ev.Rcode = dns.RcodeToString[r.Rcode]
	switch r.Rcode {
	case dns.RcodeSuccess:
		if n := countNS(r, dns.Fqdn(name)); n > 0 {
			ev.Said = Taken
			ev.Detail = fmt.Sprintf("%d NS records", n)
		} else {
			ev.Detail = "no NS records for the name (NODATA)"
		}
	case dns.RcodeNameError:
		ev.Detail = "NXDOMAIN: not delegated, which alone does not prove the name is free"
	default:
		ev.Detail = "resolver answered " + ev.Rcode
	}
	return ev
}

// countNS counts NS records owned by fqdn in the answer and authority
// sections.
func countNS(r *dns.Msg, fqdn string) int {
	n := 0
	for _, sec := range [][]dns.RR{r.Answer, r.Ns} {
		for _, rr := range sec {
			if ns, ok := rr.(*dns.NS); ok && strings.EqualFold(ns.Hdr.Name, fqdn) {
				n++
			}
		}
	}
	return n
}

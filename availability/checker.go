package availability

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/openrdap/rdap"
	"github.com/openrdap/rdap/bootstrap"
	"golang.org/x/net/publicsuffix"

	"domaingen/domain"
)

// Checker checks names. Create it with New; it is safe for concurrent use.
type Checker struct {
	cfg    Config
	rdap   *rdap.Client
	limits *hostLimits
	cache  *cache // nil when off

	registry    atomic.Pointer[registry]
	refreshMu   sync.Mutex
	lastRefresh time.Time // last refresh attempt (guarded by refreshMu)
	refreshing  atomic.Bool
}

// New returns a Checker for cfg (zero fields take their defaults). It
// fails only on a malformed Config.BootstrapJSON or WHOIS map.
func New(cfg Config) (*Checker, error) {
	cfg = cfg.withDefaults()
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("availability config: %w", err)
	}
	httpc := *cfg.HTTP
	httpc.Transport = limitBody(httpc.Transport, cfg.MaxBodyBytes)
	cfg.HTTP = &httpc
	c := &Checker{
		cfg: cfg,
		// Every field set: rdap.Client.Do fills nil ones in on first use,
		// a data race when checks run concurrently. The bootstrap client
		// is never used (requests name their server).
		rdap: &rdap.Client{HTTP: cfg.HTTP, UserAgent: cfg.UserAgent,
			Bootstrap: &bootstrap.Client{HTTP: cfg.HTTP}, Verbose: func(string) {}},
		limits: newHostLimits(cfg.HostRate, cfg.HostBurst, cfg.Observer),
	}
	if cfg.CacheSize > 0 {
		c.cache = newCache(cfg.CacheSize)
	}
	data, source := cfg.BootstrapJSON, "custom bootstrap"
	if data == nil {
		data, source = snapshot, "shipped snapshot "+SnapshotDate
	}
	reg, err := parseRegistry(data, source)
	if err != nil {
		return nil, err
	}
	c.registry.Store(reg)
	return c, nil
}

// CheckAll checks names with at most Config.Concurrency checks at once and
// returns one Result per name, in the order given.
func (c *Checker) CheckAll(ctx context.Context, names []string) []Result {
	out := make([]Result, len(names))
	sem := make(chan struct{}, c.cfg.Concurrency)
	var wg sync.WaitGroup
	for i, n := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
				defer func() { <-sem }()
				out[i] = c.Check(ctx, n)
			case <-ctx.Done():
				out[i] = c.unknown(n, MethodNone, "", "check cancelled before it started: "+describeErr(ctx.Err()))
			}
		}()
	}
	wg.Wait()
	return out
}

// Check checks one name within Config.NameTimeout (or ctx's deadline, if
// sooner). It always returns a Result: failures are Unknown with a Reason.
func (c *Checker) Check(ctx context.Context, name string) Result {
	start := time.Now()
	r := c.check(ctx, name)
	if o := c.cfg.Observer; o != nil {
		o.ObserveCheck(r, time.Since(start))
	}
	return r
}

func (c *Checker) check(ctx context.Context, name string) Result {
	reg, err := Registrable(name)
	if err != nil {
		return c.unknown(name, MethodNone, "", err.Error())
	}
	if c.cache != nil {
		r, ok := c.cache.get(reg, c.cfg.Now())
		if o := c.cfg.Observer; o != nil {
			o.ObserveCache(ok)
		}
		if ok {
			r.Cached = true
			r.Method = MethodCache
			return r
		}
	}
	nameCtx, cancel := context.WithTimeout(ctx, c.cfg.NameTimeout)
	defer cancel()
	r := c.lookup(nameCtx, reg)
	if r.Status != Unknown || ctx.Err() == nil {
		// A check cut short by the caller's own deadline or cancellation
		// says nothing about the sources: it is not cached.
		c.cacheResult(r)
	}
	return r
}

// cacheResult stores r with the TTL of its status.
func (c *Checker) cacheResult(r Result) {
	if c.cache == nil {
		return
	}
	ttl := c.cfg.TTLUnknown
	switch r.Status {
	case Available:
		ttl = c.cfg.TTLAvailable
	case Taken, Reserved, Premium:
		ttl = c.cfg.TTLTaken
	}
	c.cache.put(r.Domain, r, r.CheckedAt.Add(ttl))
}

// Registrable normalises name (IDNA, lower case, no trailing dot) and
// returns its registrable part, the public suffix plus one label: for
// "WWW.Example.COM." it returns "example.com". Names under suffixes the
// Public Suffix List does not know (like the reserved "test") count their
// last label as the suffix.
func Registrable(name string) (string, error) {
	n, err := domain.Normalize(name)
	if err != nil {
		return "", fmt.Errorf("not a domain name: %w", err)
	}
	reg, err := publicsuffix.EffectiveTLDPlusOne(n)
	if err != nil {
		return "", fmt.Errorf("%q has no registrable part: %w", n, err)
	}
	return reg, nil
}

// lookup asks the sources in order: DNS, then RDAP, then WHOIS.
func (c *Checker) lookup(ctx context.Context, name string) Result {
	res := Result{Domain: name, CheckedAt: c.cfg.Now().UTC()}
	tld := name[strings.LastIndexByte(name, '.')+1:]
	nxdomain := false
	if c.cfg.Resolver != "" {
		ev := c.askDNS(ctx, name)
		res.Evidence = append(res.Evidence, ev)
		if ev.Said == Taken {
			return decide(res, ev, "the name is delegated (NS records present)")
		}
		nxdomain = ev.Rcode == "NXDOMAIN"
	}
	whois := c.cfg.WHOIS[tld]
	urls := c.rdapServers(ctx, name)
	if len(urls) == 0 {
		if whois == "" {
			return undecided(res, fmt.Sprintf("no RDAP server for .%s in the bootstrap registry and no WHOIS server configured", tld))
		}
		ev := c.askWHOIS(ctx, name, whois)
		res.Evidence = append(res.Evidence, ev)
		return fromSource(res, ev)
	}
	ev, info := c.askRDAP(ctx, name, urls[0])
	res.Evidence = append(res.Evidence, ev)
	res.Registrar, res.Expires = info.registrar, info.expires
	if ev.Said != Available || !c.cfg.Policies[tld].Unreliable404 {
		return fromSource(res, ev)
	}
	// The registry's 404 alone is not trusted: look for a second source.
	if nxdomain {
		return decide(res, ev, "RDAP 404 (marked unreliable for ."+tld+") and DNS NXDOMAIN agree")
	}
	if whois != "" {
		wev := c.askWHOIS(ctx, name, whois)
		res.Evidence = append(res.Evidence, wev)
		if wev.Said == Available {
			return decide(res, wev, "RDAP 404 (marked unreliable for ."+tld+") and WHOIS agree")
		}
		if wev.Said != Unknown {
			return fromSource(res, wev)
		}
	}
	res = decide(res, ev, "")
	res.Status = Unknown
	res.Reason = "RDAP said 404, but ." + tld + "'s 404 is marked unreliable and no second source agreed"
	return res
}

// fromSource makes the last source's verdict the result's.
func fromSource(res Result, ev Evidence) Result {
	if ev.Said == Unknown {
		return undecided(res, "")
	}
	return decide(res, ev, ev.Detail)
}

// decide sets res's status and provenance from ev.
func decide(res Result, ev Evidence, reason string) Result {
	res.Status = ev.Said
	res.Method = ev.Method
	res.Server = ev.Server
	res.HTTPStatus = ev.HTTPStatus
	res.Rcode = ev.Rcode
	res.Reason = reason
	return res
}

// undecided makes res Unknown, with provenance from the last source asked
// and a reason that sums up every source's failure.
func undecided(res Result, reason string) Result {
	res.Status = Unknown
	res.Method = MethodNone
	if n := len(res.Evidence); n > 0 {
		last := res.Evidence[n-1]
		res.Method, res.Server, res.HTTPStatus, res.Rcode = last.Method, last.Server, last.HTTPStatus, last.Rcode
	}
	var parts []string
	if reason != "" {
		parts = append(parts, reason)
	}
	for _, ev := range res.Evidence {
		parts = append(parts, string(ev.Method)+": "+ev.Detail)
	}
	res.Reason = strings.Join(parts, "; ")
	if allUnreachable(res.Evidence) {
		res.Reason = "network unreachable (" + res.Reason + ")"
	}
	return res
}

// allUnreachable reports whether every source failed for lack of a route.
func allUnreachable(evs []Evidence) bool {
	if len(evs) == 0 {
		return false
	}
	for _, ev := range evs {
		if !strings.HasPrefix(ev.Detail, reasonUnreachable) {
			return false
		}
	}
	return true
}

// unknown is the Result for a name no source could be asked about.
func (c *Checker) unknown(name string, m Method, server, reason string) Result {
	return Result{Domain: name, Status: Unknown, Method: m, Server: server, Reason: reason, CheckedAt: c.cfg.Now().UTC()}
}

// reasonUnreachable starts the detail of an error that means there is no
// route (or no resolver) to reach a source.
const reasonUnreachable = "network unreachable"

// describeErr turns a network error into a short reason.
func describeErr(err error) string {
	var (
		dnsErr *net.DNSError
		urlErr *url.Error
		netErr net.Error
	)
	switch {
	case err == nil:
		return ""
	case errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH):
		return reasonUnreachable
	case errors.As(err, &dnsErr) && !dnsErr.IsTimeout:
		return reasonUnreachable + ": cannot resolve " + dnsErr.Name
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return "timeout"
	case errors.Is(err, context.Canceled):
		return "cancelled"
	case errors.Is(err, errBodyTooLarge):
		return err.Error()
	case errors.As(err, &urlErr):
		return describeErr(urlErr.Err)
	}
	msg := err.Error()
	if len(msg) > 200 {
		msg = msg[:200] + "…"
	}
	return msg
}

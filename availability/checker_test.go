package availability

import (
	"encoding/json"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStatusAndProvenance checks, for each behaviour of the loopback DNS
// and RDAP servers, the status and the provenance of the answer.
func TestStatusAndProvenance(t *testing.T) {
	dnsAddr, _ := startDNS(t, 0)
	rdapSrv, _ := startRDAP(t, 0)
	base := rdapSrv.URL + "/"
	cases := []struct {
		name       string
		status     Status
		method     Method
		server     string
		httpStatus int
		rcode      string
		reason     string // substring of Reason
		steps      int    // len(Evidence)
	}{
		{"taken.test", Taken, MethodDNS, dnsAddr, 0, "NOERROR", "delegated", 1},
		{"www.Taken.TEST.", Taken, MethodDNS, dnsAddr, 0, "NOERROR", "delegated", 1},
		{"referral.test", Taken, MethodDNS, dnsAddr, 0, "NOERROR", "delegated", 1},
		{"free.test", Available, MethodRDAP, base, 404, "", "404", 2},
		{"nodata.test", Available, MethodRDAP, base, 404, "", "404", 2},
		{"servfail.test", Available, MethodRDAP, base, 404, "", "404", 2},
		{"rdaptaken.test", Taken, MethodRDAP, base, 200, "", "registered", 2},
		{"blackhole.test", Taken, MethodRDAP, base, 200, "", "registered", 2},
		{"reserved.test", Reserved, MethodRDAP, base, 200, "", "reserved", 2},
		{"limited.test", Unknown, MethodRDAP, base, 429, "", "Retry-After 2m0s", 2},
		{"broken.test", Unknown, MethodRDAP, base, 500, "", "server error (HTTP 500)", 2},
		{"slow.test", Unknown, MethodRDAP, base, 0, "", "rdap: timeout", 2},
		{"malformed.test", Unknown, MethodRDAP, base, 200, "", "unreadable RDAP answer", 2},
		{"huge.test", Unknown, MethodRDAP, base, 200, "", "too large", 2},
		{"name.nordap", Unknown, MethodDNS, dnsAddr, 0, "NXDOMAIN", "no RDAP server for .nordap", 1},
		{"not a name", Unknown, MethodNone, "", 0, "", "not a domain name", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newTestChecker(t, testConfig(dnsAddr, rdapSrv.URL))
			before := time.Now().UTC().Add(-time.Second)
			r := c.Check(background(t), tc.name)
			assert.Equal(t, tc.status, r.Status, "reason: %s", r.Reason)
			assert.Equal(t, tc.method, r.Method)
			assert.Equal(t, tc.server, r.Server)
			assert.Equal(t, tc.httpStatus, r.HTTPStatus)
			assert.Equal(t, tc.rcode, r.Rcode)
			assert.Contains(t, r.Reason, tc.reason)
			assert.Len(t, r.Evidence, tc.steps)
			assert.False(t, r.Cached)
			assert.True(t, r.CheckedAt.After(before), "checked_at %s", r.CheckedAt)
		})
	}
}

// TestEvidenceTrail checks the steps behind one answer: the DNS step's
// rcode and detail stay visible when RDAP decides.
func TestEvidenceTrail(t *testing.T) {
	dnsAddr, _ := startDNS(t, 0)
	rdapSrv, _ := startRDAP(t, 0)
	c := newTestChecker(t, testConfig(dnsAddr, rdapSrv.URL))

	r := c.Check(background(t), "blackhole.test")
	require.Len(t, r.Evidence, 2)
	assert.Equal(t, MethodDNS, r.Evidence[0].Method)
	assert.Equal(t, Unknown, r.Evidence[0].Said)
	assert.Equal(t, "timeout", r.Evidence[0].Detail)

	r = c.Check(background(t), "servfail.test")
	require.Len(t, r.Evidence, 2)
	assert.Equal(t, "SERVFAIL", r.Evidence[0].Rcode)

	r = c.Check(background(t), "rdaptaken.test")
	assert.Equal(t, "Example Registrar, Inc.", r.Registrar)
	assert.Equal(t, "2027-05-02T10:00:00Z", r.Expires)
	assert.Equal(t, "NXDOMAIN", r.Evidence[0].Rcode)
	assert.Equal(t, 200, r.Evidence[1].HTTPStatus)

	b, err := json.Marshal(r)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	for _, k := range []string{"status", "method", "server", "http_status", "checked_at", "cached", "registrar", "expires", "evidence"} {
		assert.Contains(t, m, k)
	}
	_, err = time.Parse(time.RFC3339, m["checked_at"].(string))
	assert.NoError(t, err, "checked_at is RFC 3339")
}

// TestNeverAvailableOnFailure: whatever failed or was slow is never
// reported available, with or without the DNS step.
func TestNeverAvailableOnFailure(t *testing.T) {
	dnsAddr, _ := startDNS(t, 0)
	rdapSrv, _ := startRDAP(t, 0)
	failing := []string{"limited.test", "broken.test", "slow.test", "malformed.test", "huge.test", "x.nordap"}
	for _, resolver := range []string{dnsAddr, ""} {
		c := newTestChecker(t, testConfig(resolver, rdapSrv.URL))
		for i, r := range c.CheckAll(background(t), failing) {
			assert.Equal(t, Unknown, r.Status, "%s (resolver %q): %s", failing[i], resolver, r.Reason)
			assert.NotEmpty(t, r.Reason)
		}
	}
}

// TestUnreachableSourcesAreUnknownWithinDeadline points the checker at
// loopback ports nothing listens on and at a resolver that never answers:
// answers are unknown, with the reason, well within the name deadline.
func TestUnreachableSourcesAreUnknownWithinDeadline(t *testing.T) {
	dnsAddr, _ := startDNS(t, 0)
	for _, tc := range []struct{ resolver, reason string }{
		{closedAddr(t, "udp"), "connection refused"},
		{dnsAddr, "timeout"}, // blackhole.test never answers
	} {
		cfg := testConfig(tc.resolver, "http://"+closedAddr(t, "tcp"))
		cfg.NameTimeout = 2 * time.Second
		c := newTestChecker(t, cfg)
		start := time.Now()
		rs := c.CheckAll(background(t), []string{"blackhole.test", "free.test", "other.test"})
		took := time.Since(start)
		assert.Less(t, took, cfg.NameTimeout+time.Second, "checks must end by the name deadline")
		for _, r := range rs {
			assert.Equal(t, Unknown, r.Status)
			assert.Contains(t, r.Reason, "connection refused", r.Reason) // RDAP
		}
		assert.Contains(t, rs[0].Reason, tc.reason)
	}
}

// TestNameDeadline: a check never outlives Config.NameTimeout even when
// each request alone is allowed longer.
func TestNameDeadline(t *testing.T) {
	dnsAddr, _ := startDNS(t, 0)
	rdapSrv, _ := startRDAP(t, 0)
	cfg := testConfig(dnsAddr, rdapSrv.URL)
	cfg.NameTimeout = 300 * time.Millisecond
	cfg.RequestTimeout = 5 * time.Second
	c := newTestChecker(t, cfg)
	start := time.Now()
	r := c.Check(background(t), "slow.test")
	assert.Less(t, time.Since(start), 2*time.Second)
	assert.Equal(t, Unknown, r.Status)
	assert.Contains(t, r.Reason, "timeout")
}

// TestUnreliable404Policy: a 404 from a TLD marked unreliable is
// available only when a second source agrees.
func TestUnreliable404Policy(t *testing.T) {
	dnsAddr, _ := startDNS(t, 0)
	rdapSrv, _ := startRDAP(t, 0)
	whoisAddr, _ := startWHOIS(t, map[string]string{
		"free.test":  "No match for \"FREE.TEST\".\r\n",
		"other.test": "Domain Name: OTHER.TEST\r\nRegistrar: Example Registrar\r\n",
	})
	policy := map[string]TLDPolicy{"test": {Unreliable404: true}}

	// NXDOMAIN agrees.
	cfg := testConfig(dnsAddr, rdapSrv.URL)
	cfg.Policies = policy
	r := newTestChecker(t, cfg).Check(background(t), "free.test")
	assert.Equal(t, Available, r.Status, r.Reason)
	assert.Contains(t, r.Reason, "NXDOMAIN agree")

	// No second source: unknown, though RDAP said 404.
	cfg = testConfig("", rdapSrv.URL)
	cfg.Policies = policy
	r = newTestChecker(t, cfg).Check(background(t), "free.test")
	assert.Equal(t, Unknown, r.Status)
	assert.Equal(t, 404, r.HTTPStatus)
	assert.Contains(t, r.Reason, "marked unreliable")

	// WHOIS agrees, or contradicts.
	cfg.WHOIS = map[string]string{"test": whoisAddr}
	c := newTestChecker(t, cfg)
	r = c.Check(background(t), "free.test")
	assert.Equal(t, Available, r.Status, r.Reason)
	assert.Equal(t, MethodWHOIS, r.Method)
	r = c.Check(background(t), "other.test")
	assert.Equal(t, Taken, r.Status, r.Reason)
	assert.Equal(t, MethodWHOIS, r.Method)

	// Without the policy the 404 alone decides.
	cfg = testConfig("", rdapSrv.URL)
	r = newTestChecker(t, cfg).Check(background(t), "free.test")
	assert.Equal(t, Available, r.Status)
}

// TestWHOISForTLDWithoutRDAP checks the RFC 3912 client and the reading of
// answers.
func TestWHOISForTLDWithoutRDAP(t *testing.T) {
	whoisAddr, reqs := startWHOIS(t, map[string]string{
		"free.whoistld":     "% NOT FOUND\r\n",
		"taken.whoistld":    "Domain Name: TAKEN.WHOISTLD\r\nRegistrar: Example Registrar\r\nCreation Date: 2001-01-01\r\n",
		"reserved.whoistld": "Domain Status: Reserved\r\nThis name is reserved by the registry.\r\n",
		"premium.whoistld":  "This is a premium domain. Contact a registrar for the price.\r\n",
	})
	cfg := testConfig("", "http://"+closedAddr(t, "tcp"))
	cfg.WHOIS = map[string]string{"whoistld": whoisAddr}
	c := newTestChecker(t, cfg)
	for name, want := range map[string]Status{
		"free.whoistld": Available, "taken.whoistld": Taken, "reserved.whoistld": Reserved,
		"premium.whoistld": Premium, "odd.whoistld": Unknown,
	} {
		r := c.Check(background(t), name)
		assert.Equal(t, want, r.Status, "%s: %s", name, r.Reason)
		assert.Equal(t, MethodWHOIS, r.Method, name)
		assert.Equal(t, whoisAddr, r.Server, name)
		assert.Equal(t, 1, reqs.count(name), name)
	}

	// A WHOIS server that is down is unknown.
	cfg.WHOIS = map[string]string{"whoistld": closedAddr(t, "tcp")}
	r := newTestChecker(t, cfg).Check(background(t), "free.whoistld")
	assert.Equal(t, Unknown, r.Status)
	assert.Contains(t, r.Reason, "connection refused")
}

// TestLimiterSpacesRequestsToOneHost: at 20 requests/s with a burst of 1,
// five checks against one RDAP host cannot arrive in less than 4 × 50 ms,
// however fast the machine (a lower bound, so a loaded machine cannot
// make it flake).
func TestLimiterSpacesRequestsToOneHost(t *testing.T) {
	rdapSrv, reqs := startRDAP(t, 0)
	cfg := testConfig("", rdapSrv.URL)
	cfg.HostRate, cfg.HostBurst = 20, 1
	cfg.NameTimeout = 10 * time.Second
	obs := &countingObserver{}
	cfg.Observer = obs
	c := newTestChecker(t, cfg)
	names := []string{"a.test", "b.test", "c.test", "d.test", "e.test"}
	for _, r := range c.CheckAll(background(t), names) {
		assert.Equal(t, Available, r.Status, r.Reason)
	}
	at := reqs.arrivals()
	require.Len(t, at, 5)
	sort.Slice(at, func(i, j int) bool { return at[i].Before(at[j]) })
	assert.GreaterOrEqual(t, at[4].Sub(at[0]), 180*time.Millisecond, "5 requests at 20/s need ≥ 200 ms")
	assert.Positive(t, obs.waits(), "waits are observed")
}

// TestRetryAfterHoldsHostBack: after a 429 with Retry-After: 120, further
// requests to that host are not sent within the deadline; answers are
// unknown, saying why.
func TestRetryAfterHoldsHostBack(t *testing.T) {
	rdapSrv, reqs := startRDAP(t, 0)
	c := newTestChecker(t, testConfig("", rdapSrv.URL))
	r := c.Check(background(t), "limited.test")
	assert.Equal(t, 429, r.HTTPStatus)
	r = c.Check(background(t), "free.test")
	assert.Equal(t, Unknown, r.Status)
	assert.Contains(t, r.Reason, "retry after")
	assert.Equal(t, 0, reqs.count("free.test"), "the host asked for a pause: nothing is sent")
}

// TestRetryAfter parses both forms of the header.
func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 12, 8, 0, 0, 0, 0, time.UTC)
	h := func(v string) map[string][]string { return map[string][]string{"Retry-After": {v}} }
	assert.Equal(t, 7*time.Second, retryAfter(h("7"), now))
	assert.Equal(t, 90*time.Second, retryAfter(h(now.Add(90*time.Second).Format(httpTimeFormat)), now))
	assert.Zero(t, retryAfter(h("soon"), now))
	assert.Zero(t, retryAfter(nil, now))
}

const httpTimeFormat = "Mon, 02 Jan 2006 15:04:05 GMT"

// TestCacheServesRepeat: a repeat is served from the cache without asking
// any server, until its status's TTL passes; unknown answers expire first.
func TestCacheServesRepeat(t *testing.T) {
	dnsAddr, dnsQ := startDNS(t, 0)
	rdapSrv, reqs := startRDAP(t, 0)
	clock := &fakeClock{now: time.Date(2026, 12, 8, 3, 0, 0, 0, time.UTC)}
	cfg := testConfig(dnsAddr, rdapSrv.URL)
	cfg.Now = clock.Now
	obs := &countingObserver{}
	cfg.Observer = obs
	c := newTestChecker(t, cfg)
	ctx := background(t)

	first := c.Check(ctx, "free.test")
	require.Equal(t, Available, first.Status)
	second := c.Check(ctx, "FREE.test")
	assert.Equal(t, Available, second.Status)
	assert.True(t, second.Cached)
	assert.Equal(t, MethodCache, second.Method)
	assert.Equal(t, first.CheckedAt, second.CheckedAt, "checked_at is when the sources were asked")
	assert.Equal(t, first.Evidence, second.Evidence)
	assert.Equal(t, 1, reqs.count("free.test"))
	assert.Equal(t, 1, dnsQ.count("free.test"))

	broken := c.Check(ctx, "broken.test")
	require.Equal(t, Unknown, broken.Status)
	assert.True(t, c.Check(ctx, "broken.test").Cached)

	clock.advance(DefaultTTLUnknown + time.Second)
	assert.False(t, c.Check(ctx, "broken.test").Cached, "unknown expires after its short TTL")
	assert.True(t, c.Check(ctx, "free.test").Cached, "available lasts longer")
	clock.advance(DefaultTTLAvailable)
	assert.False(t, c.Check(ctx, "free.test").Cached)
	assert.Equal(t, 2, reqs.count("free.test"))
	assert.Equal(t, 3, obs.hits())
}

// TestCacheBounded: the cache never holds more than CacheSize names.
func TestCacheBounded(t *testing.T) {
	rdapSrv, reqs := startRDAP(t, 0)
	cfg := testConfig("", rdapSrv.URL)
	cfg.CacheSize = 2
	c := newTestChecker(t, cfg)
	ctx := background(t)
	for _, n := range []string{"a.test", "b.test", "c.test"} {
		c.Check(ctx, n)
	}
	assert.Equal(t, 2, c.cache.len())
	assert.True(t, c.Check(ctx, "c.test").Cached)
	assert.False(t, c.Check(ctx, "a.test").Cached, "least recently used went first")
	assert.Equal(t, 2, reqs.count("a.test"))
}

// TestCallerDeadlineNotCached: a check cut short by the caller's own
// deadline is unknown and is not cached.
func TestCallerDeadlineNotCached(t *testing.T) {
	rdapSrv, _ := startRDAP(t, 0)
	c := newTestChecker(t, testConfig("", rdapSrv.URL))
	ctx, cancel := contextWithTimeout(100 * time.Millisecond)
	defer cancel()
	r := c.Check(ctx, "slow.test")
	assert.Equal(t, Unknown, r.Status)
	assert.Equal(t, 0, c.cache.len())
}

// TestBootstrapRefresh: the registry is replaced by a downloaded dns.json
// (RFC 9224) and kept when the download fails.
func TestBootstrapRefresh(t *testing.T) {
	rdapSrv, _ := startRDAP(t, 0)
	var mu sync.Mutex
	body := bootstrapFor(rdapSrv.URL)
	status := 200
	iana := startHTTP(t, func(path string) (int, []byte) {
		mu.Lock()
		defer mu.Unlock()
		if path != "/dns.json" {
			return 404, nil
		}
		return status, body
	})
	cfg := testConfig("", rdapSrv.URL)
	cfg.BootstrapJSON = nil // the shipped snapshot: no .test
	cfg.BootstrapURL = iana
	c := newTestChecker(t, cfg)
	assert.Contains(t, c.Bootstrap().Source, "shipped snapshot")
	r := c.Check(background(t), "free.test")
	assert.Equal(t, Unknown, r.Status)
	assert.Contains(t, r.Reason, "no RDAP server for .test")

	mu.Lock()
	status = 500
	mu.Unlock()
	assert.Error(t, c.RefreshBootstrap(background(t)))
	assert.Contains(t, c.Bootstrap().Source, "shipped snapshot", "a failed refresh keeps the registry")

	mu.Lock()
	status = 200
	mu.Unlock()
	require.NoError(t, c.RefreshBootstrap(background(t)))
	assert.Equal(t, iana+"/dns.json", c.Bootstrap().Source)
	c.cache = newCache(10) // forget the unknown
	r = c.Check(background(t), "free.test")
	assert.Equal(t, Available, r.Status, r.Reason)
}

// TestShippedSnapshot: the embedded dns.json parses and maps the TLDs the
// product suggests by default to RDAP servers.
func TestShippedSnapshot(t *testing.T) {
	reg, err := parseRegistry(snapshot, "snapshot")
	require.NoError(t, err)
	assert.Equal(t, SnapshotDate, reg.published.Format("2006-01-02"))
	want := map[string]string{
		"example.com": "https://rdap.verisign.com/com/v1/",
		"example.net": "https://rdap.verisign.com/net/v1/",
		"example.org": "https://rdap.publicinterestregistry.org/rdap/",
		"example.dev": "https://pubapi.registry.google/rdap/",
		"example.app": "https://pubapi.registry.google/rdap/",
	}
	c := &Checker{cfg: Config{BootstrapURL: "off"}.withDefaults()}
	c.registry.Store(reg)
	for name, url := range want {
		urls := c.rdapServers(background(t), name)
		require.NotEmpty(t, urls, name)
		assert.Equal(t, url, urls[0].String(), name)
	}
	for _, tld := range []string{"io", "co", "ai"} {
		assert.NotEmpty(t, c.rdapServers(background(t), "x."+tld), tld)
	}
	var doc struct{ Description string }
	require.NoError(t, json.Unmarshal(snapshot, &doc))
	assert.True(t, strings.Contains(doc.Description, "PARTIAL"), "the snapshot says it is partial")
}

// TestRegistrable checks name normalisation.
func TestRegistrable(t *testing.T) {
	for in, want := range map[string]string{
		"Example.COM.":     "example.com",
		"www.example.com":  "example.com",
		"shop.co.uk":       "shop.co.uk",
		"a.b.shop.co.uk":   "shop.co.uk",
		"bücher.de":        "xn--bcher-kva.de",
		"coffee.test":      "coffee.test",
		"deep.coffee.test": "coffee.test",
	} {
		got, err := Registrable(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"", "com", "not a name", "co.uk"} {
		_, err := Registrable(in)
		assert.Error(t, err, in)
	}
}

// TestLimitedBody: a body of exactly the limit reads; one byte more fails.
func TestLimitedBody(t *testing.T) {
	read := func(n int) error {
		b := &limitedBody{rc: nopCloser{strings.NewReader(strings.Repeat("x", n))}, left: 10, max: 10}
		_, err := readAll(b)
		return err
	}
	assert.NoError(t, read(10))
	assert.ErrorIs(t, read(11), errBodyTooLarge)
}

// TestClassifyWHOIS: footers that mention "reserved" do not make a name
// reserved; unrecognised text is unknown.
func TestClassifyWHOIS(t *testing.T) {
	for text, want := range map[string]Status{
		"Domain Name: X.COM\nRegistrar: Y\n(c) All rights reserved": Taken,
		"No match for \"X.COM\".":                                   Available,
		"Status: AVAILABLE":                                         Available,
		"hello":                                                     Unknown,
		"":                                                          Unknown,
	} {
		got, _ := classifyWHOIS(text)
		assert.Equal(t, want, got, text)
	}
}

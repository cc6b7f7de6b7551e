package availability

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/miekg/dns"
	"github.com/stretchr/testify/require"
)

// counter counts requests per name and keeps their arrival times.
type counter struct {
	mu    sync.Mutex
	n     map[string]int
	times []time.Time
}

func newCounter() *counter { return &counter{n: map[string]int{}} }

func (c *counter) hit(name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n[name]++
	c.times = append(c.times, time.Now())
}

func (c *counter) count(name string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n[name]
}

func (c *counter) arrivals() []time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Time(nil), c.times...)
}

// startDNS serves a .test zone on 127.0.0.1 (UDP): taken.test and
// blackhole-rdap... see the switch. It returns the address and a counter of
// queries by name.
func startDNS(t testing.TB, latency time.Duration) (string, *counter) {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	require.NoError(t, err)
	queries := newCounter()
	srv := &dns.Server{PacketConn: pc, Handler: dns.HandlerFunc(func(w dns.ResponseWriter, r *dns.Msg) {
		q := r.Question[0]
		name := strings.TrimSuffix(strings.ToLower(q.Name), ".")
		queries.hit(name)
		if latency > 0 {
			time.Sleep(latency)
		}
		m := new(dns.Msg)
		m.SetReply(r)
		m.Authoritative = true
		switch {
		case name == "blackhole.test":
			return // never answers
		case name == "servfail.test":
			m.Rcode = dns.RcodeServerFailure
		case name == "taken.test" || strings.HasPrefix(name, "ns-"):
			for _, ns := range []string{"ns1.example.net.", "ns2.example.net."} {
				m.Answer = append(m.Answer, &dns.NS{Hdr: dns.RR_Header{Name: q.Name, Rrtype: dns.TypeNS, Class: dns.ClassINET, Ttl: 300}, Ns: ns})
			}
		case name == "referral.test":
			m.Authoritative = false
			m.Ns = append(m.Ns, &dns.NS{Hdr: dns.RR_Header{Name: q.Name, Rrtype: dns.TypeNS, Class: dns.ClassINET, Ttl: 300}, Ns: "ns1.example.net."})
		case name == "nodata.test":
			// NOERROR, empty answer.
		default:
			m.Rcode = dns.RcodeNameError
			m.Ns = append(m.Ns, &dns.SOA{Hdr: dns.RR_Header{Name: "test.", Rrtype: dns.TypeSOA, Class: dns.ClassINET, Ttl: 300},
				Ns: "ns.test.", Mbox: "hostmaster.test.", Serial: 1, Refresh: 3600, Retry: 600, Expire: 86400, Minttl: 300})
		}
		_ = w.WriteMsg(m)
	})}
	started := make(chan struct{})
	srv.NotifyStartedFunc = func() { close(started) }
	go func() { _ = srv.ActivateAndServe() }()
	<-started
	t.Cleanup(func() { _ = srv.Shutdown() })
	return pc.LocalAddr().String(), queries
}

// rdapDomain is a domain object like Verisign's, with a registrar entity
// and registration/expiration events.
const rdapDomain = `{"objectClassName":"domain","ldhName":"%s","status":[%s],
"rdapConformance":["rdap_level_0"],
"events":[{"eventAction":"registration","eventDate":"2001-05-02T10:00:00Z"},{"eventAction":"expiration","eventDate":"2027-05-02T10:00:00Z"}],
"entities":[{"objectClassName":"entity","handle":"292","roles":["registrar"],
"vcardArray":["vcard",[["version",{},"text","4.0"],["fn",{},"text","Example Registrar, Inc."]]]}]}`

// startRDAP serves RDAP for .test on a loopback httptest server; the name
// decides the answer (see the switch). latency delays every answer.
func startRDAP(t testing.TB, latency time.Duration) (*httptest.Server, *counter) {
	t.Helper()
	reqs := newCounter()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, ok := strings.CutPrefix(r.URL.Path, "/domain/")
		if !ok {
			http.NotFound(w, r)
			return
		}
		reqs.hit(name)
		if latency > 0 {
			select {
			case <-time.After(latency):
			case <-r.Context().Done():
				return
			}
		}
		w.Header().Set("Content-Type", "application/rdap+json")
		switch {
		case strings.HasPrefix(name, "limited"):
			w.Header().Set("Retry-After", "120")
			w.WriteHeader(http.StatusTooManyRequests)
		case strings.HasPrefix(name, "broken"):
			w.WriteHeader(http.StatusInternalServerError)
		case strings.HasPrefix(name, "slow"):
			select {
			case <-time.After(10 * time.Second):
			case <-r.Context().Done():
			}
		case strings.HasPrefix(name, "malformed"):
			fmt.Fprint(w, `{"objectClassName":"domain", "ldhName": `)
		case strings.HasPrefix(name, "huge"):
			fmt.Fprintf(w, `{"objectClassName":"domain","ldhName":"%s","remarks":[{"description":["%s"]}]}`, name, strings.Repeat("x", 2<<20))
		case strings.HasPrefix(name, "reserved"):
			fmt.Fprintf(w, rdapDomain, name, `"reserved"`)
		case strings.HasPrefix(name, "rdaptaken"), strings.HasPrefix(name, "blackhole"):
			fmt.Fprintf(w, rdapDomain, name, `"client transfer prohibited"`)
		default:
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"errorCode":404,"title":"Not Found"}`)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, reqs
}

// bootstrapFor is an RFC 9224 DNS bootstrap file that sends .test to url.
func bootstrapFor(url string) []byte {
	return []byte(fmt.Sprintf(`{"version":"1.0","publication":"2026-12-08T00:00:00Z","description":"test",
"services":[[["test"],["%s/"]]]}`, url))
}

// startWHOIS serves RFC 3912 on loopback TCP: it reads one line and
// answers with answers[name] (or "% unrecognised" text), then closes.
func startWHOIS(t *testing.T, answers map[string]string) (string, *counter) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	reqs := newCounter()
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
				buf := make([]byte, 512)
				n, _ := conn.Read(buf)
				name := strings.TrimSpace(string(buf[:n]))
				reqs.hit(name)
				a, ok := answers[name]
				if !ok {
					a = "% This is a WHOIS server. Terms of use apply.\r\n"
				}
				_, _ = conn.Write([]byte(a))
			}()
		}
	}()
	t.Cleanup(func() { _ = ln.Close() })
	return ln.Addr().String(), reqs
}

// closedAddr returns a loopback address nothing listens on.
func closedAddr(t *testing.T, network string) string {
	t.Helper()
	if network == "udp" {
		pc, err := net.ListenPacket("udp", "127.0.0.1:0")
		require.NoError(t, err)
		addr := pc.LocalAddr().String()
		require.NoError(t, pc.Close())
		return addr
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	return addr
}

// testConfig is a Config against the loopback servers with tight
// deadlines and no bootstrap refresh (tests never leave loopback).
func testConfig(resolver, rdapURL string) Config {
	return Config{
		Resolver:       resolver,
		BootstrapJSON:  bootstrapFor(rdapURL),
		BootstrapURL:   "off",
		NameTimeout:    3 * time.Second,
		RequestTimeout: 700 * time.Millisecond,
		HostRate:       1000,
		HostBurst:      100,
		MaxBodyBytes:   256 << 10,
	}
}

// newTestChecker builds a Checker or fails the test.
func newTestChecker(t *testing.T, cfg Config) *Checker {
	t.Helper()
	c, err := New(cfg)
	require.NoError(t, err)
	return c
}

// fakeClock is a settable clock for cache TTLs.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (f *fakeClock) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

func (f *fakeClock) advance(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(d)
}

// background is a context for one test.
func background(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

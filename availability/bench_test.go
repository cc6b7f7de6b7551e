package availability

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// BenchmarkCheck10Names checks one list of 10 names against the loopback
// DNS and RDAP servers, each answer delayed 50 ms: five names are
// delegated (one DNS answer decides), five are not (DNS, then RDAP 404).
// Every iteration is a fresh Checker (empty cache, full limiter bucket),
// as for the first check of a suggestion list. It reports the p50 and p95
// of the whole check; with names checked concurrently the p50 should stay
// near one DNS + one RDAP latency (≈ 100 ms), target ≤ 150 ms.
//
//	go test ./availability -run '^$' -bench Check10Names -benchtime 40x
func BenchmarkCheck10Names(b *testing.B) {
	const latency = 50 * time.Millisecond
	dnsAddr, _ := startDNS(b, latency)
	rdapSrv, _ := startRDAP(b, latency)
	names := make([]string, 0, 10)
	for i := range 5 {
		names = append(names, fmt.Sprintf("ns-%d.test", i), fmt.Sprintf("free-%d.test", i))
	}
	cfg := Config{
		Resolver:      dnsAddr,
		BootstrapJSON: bootstrapFor(rdapSrv.URL),
		BootstrapURL:  "off",
		CacheSize:     -1,
	}
	var took []time.Duration
	b.ResetTimer()
	for b.Loop() {
		c, err := New(cfg)
		require.NoError(b, err)
		start := time.Now()
		rs := c.CheckAll(context.Background(), names)
		took = append(took, time.Since(start))
		for i, r := range rs {
			if r.Status == Unknown {
				b.Fatalf("%s: unknown: %s", names[i], r.Reason)
			}
		}
	}
	sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
	pct := func(p float64) float64 {
		return float64(took[min(len(took)-1, int(p*float64(len(took))))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.95), "p95-ms")
}

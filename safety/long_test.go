package safety

import (
	"strings"
	"testing"
	"time"
)

// longInputs are pathological inputs that once took seconds: a label made
// of repeated cue words made the segmentation exponential.
var longInputs = []string{
	strings.Repeat("a ", 1000),
	strings.Repeat("co", 1000),
	strings.Repeat("p0rn* ", 300),
	strings.Repeat("support", 280),
	strings.Repeat("ignore instructions ", 100),
	strings.Repeat("成都的川菜馆", 300),
	strings.Repeat("a*b*c*d ", 250),
	strings.Repeat("1", 2000),
}

// longBudget bounds one Check or CheckName call on a long input. Measured
// on the 2-core machine of 2026-12-08 with both cores busy with another
// job (best of 5): the slowest call, Check of "a*b*c*d "×250, took 19 ms,
// every other one under 1.3 ms; the exponential segmentation this guards
// against took seconds. 500 ms leaves room for a slower machine and the
// race detector (about 10×) and still fails on that blow-up.
// BenchmarkLongInputs gives the current times.
const longBudget = 500 * time.Millisecond

// TestLongInputs: each call on a long input finishes within longBudget
// (best of 3 runs, so that one descheduling does not fail it).
func TestLongInputs(t *testing.T) {
	for _, in := range longInputs {
		for _, c := range []struct {
			name string
			f    func()
		}{
			{"Check", func() { Check(in) }},
			{"CheckName", func() { CheckName(in) }},
			{"CheckName .com", func() { CheckName(in + ".com") }},
		} {
			best := time.Duration(1<<63 - 1)
			for range 3 {
				start := time.Now()
				c.f()
				best = min(best, time.Since(start))
				if best <= longBudget {
					break
				}
			}
			if best > longBudget {
				t.Errorf("%s(%.20q… %d bytes) took %v, budget %v", c.name, in, len(in), best, longBudget)
			}
		}
	}
}

// BenchmarkLongInputs times Check and CheckName over all the long inputs.
func BenchmarkLongInputs(b *testing.B) {
	for b.Loop() {
		for _, in := range longInputs {
			Check(in)
			CheckName(in)
			CheckName(in + ".com")
		}
	}
}

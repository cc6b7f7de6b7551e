package dataset

import "hash/fnv"

// rng is SplitMix64: tiny, fast and fully specified here, so the dataset
// does not change when the standard library changes its generators.
type rng struct{ s uint64 }

// newRNG derives an independent stream from a seed and labels, so that each
// example has its own stream and adding one does not shift the others.
func newRNG(seed uint64, labels ...any) *rng {
	h := fnv.New64a()
	var b [8]byte
	for i := range b {
		b[i] = byte(seed >> (8 * i))
	}
	h.Write(b[:])
	for _, l := range labels {
		switch v := l.(type) {
		case string:
			h.Write([]byte(v))
		case int:
			for i := range b {
				b[i] = byte(uint64(v) >> (8 * i))
			}
			h.Write(b[:])
		}
		h.Write([]byte{0})
	}
	return &rng{s: h.Sum64()}
}

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a value in [0, n); n must be positive. The modulo bias is
// below 2^-40 for the small n used here.
func (r *rng) intn(n int) int {
	if n <= 0 {
		panic("dataset: intn of a non-positive bound")
	}
	return int(r.next() % uint64(n))
}

// float returns a value in [0, 1).
func (r *rng) float() float64 {
	return float64(r.next()>>11) / (1 << 53)
}

// chance reports true with probability p.
func (r *rng) chance(p float64) bool { return r.float() < p }

// pick returns a random element of list.
func pick[T any](r *rng, list []T) T { return list[r.intn(len(list))] }

// shuffle permutes list in place (Fisher-Yates).
func shuffle[T any](r *rng, list []T) {
	for i := len(list) - 1; i > 0; i-- {
		j := r.intn(i + 1)
		list[i], list[j] = list[j], list[i]
	}
}

// between returns an int in [lo, hi].
func between(r *rng, lo, hi int) int { return lo + r.intn(hi-lo+1) }

package lora

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var (
	benchBaseOnce sync.Once
	benchBase     *Base
	benchBaseErr  error
)

// realBase loads SmolLM2-135M once per test binary.
func realBase(b *testing.B) *Base {
	path := filepath.Join("..", "models", "SmolLM2-135M-Instruct.Q4_1.gguf")
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		if testing.Short() {
			b.Skip("real model absent")
		}
		b.Fatalf("%s not found: run make model", path)
	}
	benchBaseOnce.Do(func() { benchBase, benchBaseErr = LoadBase(path) })
	if benchBaseErr != nil {
		b.Fatal(benchBaseErr)
	}
	return benchBase
}

// BenchmarkSmolLM2 measures tokens/s of a forward (with loss) and of a
// training step (forward with dropout + backward) of SmolLM2-135M with a
// rank-16 adapter on all seven targets of every block, every position
// counted in the loss. 8x256 is skipped with -short (≈1.7 GB of
// activations and scratch, tens of seconds per step on 2 cores).
func BenchmarkSmolLM2(b *testing.B) {
	for _, sz := range [][2]int{{1, 64}, {4, 128}, {8, 256}} {
		for _, train := range []bool{false, true} {
			name := fmt.Sprintf("%dx%d/forward", sz[0], sz[1])
			if train {
				name = fmt.Sprintf("%dx%d/forward+backward", sz[0], sz[1])
			}
			b.Run(name, func(b *testing.B) {
				if sz[0]*sz[1] > 512 && testing.Short() {
					b.Skip("large batch skipped with -short")
				}
				base := realBase(b)
				ad, err := NewAdapter(base, AdapterConfig{Rank: 16, Alpha: 32, Seed: 1})
				if err != nil {
					b.Fatal(err)
				}
				m, err := NewModel(base, ad, Options{Batch: sz[0], Seq: sz[1], Dropout: 0.05})
				if err != nil {
					b.Fatal(err)
				}
				n := sz[0] * sz[1]
				tokens, targets := make([]int32, n), make([]int32, n)
				for i := range tokens {
					tokens[i] = int32((i * 7919) % base.Config.NVocab)
					targets[i] = int32((i*7919 + 7919) % base.Config.NVocab)
				}
				batch := Batch{Tokens: tokens, Targets: targets}
				b.ResetTimer()
				for b.Loop() {
					if _, err := m.Forward(batch, train); err != nil {
						b.Fatal(err)
					}
					if train {
						m.Backward()
					}
				}
				b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
				if hwm, ok := peakRSS(); ok {
					// Peak of the whole test process so far: run one size
					// alone (-bench 'SmolLM2/8x256/forward\+backward') to
					// read it as that size's peak.
					b.ReportMetric(hwm/(1<<20), "peak-RSS-MiB")
				}
			})
		}
	}
}

// peakRSS returns the process's peak resident set size in bytes (VmHWM of
// /proc/self/status; false where there is none).
func peakRSS() (float64, bool) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb float64
			if _, err := fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), &kb); err == nil {
				return kb * 1024, true
			}
		}
	}
	return 0, false
}

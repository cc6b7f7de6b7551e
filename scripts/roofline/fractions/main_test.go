package main

import (
	"strings"
	"testing"
)

const sample = `goos: linux
BenchmarkDecode1Seq2Threads-2   	      20	   8912345 ns/op	       112.2 tokens/s
BenchmarkDecode13Seq2Threads-2   	      20	  70000000 ns/op	       186.0 tokens/s
BenchmarkSmolLM2/8x256/forward+backward-2         	       2	15000000000 ns/op	       136.5 tokens/s	      2700 peak-RSS-MiB
PASS
`

func TestParseBench(t *testing.T) {
	got, err := parseBench(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{
		"BenchmarkDecode1Seq2Threads":             112.2,
		"BenchmarkDecode13Seq2Threads":            186,
		"BenchmarkSmolLM2/8x256/forward+backward": 136.5,
	}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %g, want %g", k, got[k], v)
		}
	}
}

func TestReport(t *testing.T) {
	rf := roofline{CPU: "test CPU", Date: "today"}
	rf.Measurements = []measurement{{"read", 2, 10}, {"fp32-fma-avx2", 2, 100}}
	// 100 MB per token at 10 GB/s: 100 tok/s bound; 50 tok/s is 50%.
	m := model{Bytes: 100e6, Params: 100e6, LoRAParams: 0}
	var sb strings.Builder
	report(&sb, &rf, m, map[string]float64{"BenchmarkDecode1Seq2Threads": 50, "BenchmarkSmolLM2/8x256/forward+backward": 125})
	out := sb.String()
	for _, want := range []string{
		"decode 1 seq, 2 threads: 50.0 tok/s = 50% of the bandwidth bound (100 tok/s",
		// 125 tok/s × 400 MFLOP = 50 GFLOP/s of 100.
		"LoRA forward+backward 8x256: 125.0 tok/s × 400 MFLOP/token = 50.0 GFLOP/s = 50% of the FP32 FMA peak",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

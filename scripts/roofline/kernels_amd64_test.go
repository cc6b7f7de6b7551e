package main

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"
)

func TestSumBytes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 256, 512, 4096 + 256} {
		buf := make([]byte, n)
		for i := range buf {
			buf[i] = byte(rng.Uint32())
		}
		var want uint64
		for i := 0; i+8 <= n; i += 8 {
			var w uint64
			for k := 7; k >= 0; k-- {
				w = w<<8 | uint64(buf[i+k])
			}
			want += w
		}
		if got := sumBytes(buf); got != want {
			t.Errorf("sumBytes(%d bytes) = %d, want %d", n, got, want)
		}
	}
}

func TestFMAAVX2(t *testing.T) {
	if !features().AVX2 {
		t.Skip("no AVX2+FMA on this CPU")
	}
	for _, iters := range []int{0, 1, 7, 1000} {
		// 96 lanes, each adds 0.5·3 per iteration: exact in float32.
		if got, want := runFMAAVX2(iters, 0.5, 3), 96*1.5*float64(iters); got != want {
			t.Errorf("runFMAAVX2(%d) = %g, want %g", iters, got, want)
		}
	}
}

func TestFMAAVX512(t *testing.T) {
	if !features().AVX512F {
		t.Log("no AVX-512F on this CPU: the program leaves out fp32-fma-avx512")
		return
	}
	for _, iters := range []int{0, 1, 7, 1000} {
		if got, want := runFMAAVX512(iters, 0.5, 3), 192*1.5*float64(iters); got != want {
			t.Errorf("runFMAAVX512(%d) = %g, want %g", iters, got, want)
		}
	}
}

// dot4 is VPDPBUSD on one dword: four unsigned bytes of a times four
// signed bytes of b.
func dot4(a, b uint32) int64 {
	var s int64
	for k := range 4 {
		s += int64(uint8(a>>(8*k))) * int64(int8(b>>(8*k)))
	}
	return s
}

func TestVNNI(t *testing.T) {
	if !features().AVX512VNNI {
		t.Log("no AVX-512 VNNI on this CPU: the program leaves out int8-vnni-avx512")
		return
	}
	for _, c := range []struct{ a, b uint32 }{{0x01010101, 0x01010101}, {0xff80017f, 0x80ff7f01}, {0x12345678, 0x9abcdef0}} {
		for _, iters := range []int{0, 1, 5, 100} {
			if got, want := runVNNI(iters, c.a, c.b), 192*int64(iters)*dot4(c.a, c.b); got != want {
				t.Errorf("runVNNI(%d, %#x, %#x) = %d, want %d", iters, c.a, c.b, got, want)
			}
		}
	}

	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 64, 128, 64 * 9} {
		a := make([]uint8, n)
		b := make([]int8, n)
		var want int32
		for i := range a {
			a[i], b[i] = uint8(rng.Uint32()), int8(rng.Uint32())
			want += int32(a[i]) * int32(b[i])
		}
		if got := dotU8S8(a, b); got != want {
			t.Errorf("dotU8S8(%d bytes) = %d, want %d", n, got, want)
		}
	}
}

// TestRunJSON runs the whole program on a small buffer and checks that every
// row the CPU supports is there with a positive value, and no other.
func TestRunJSON(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out, true, "", 4, 1, 2, 0.002); err != nil {
		t.Fatal(err)
	}
	var r Result
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatalf("output is not a Result: %v\n%s", err, out.Bytes())
	}
	f := features()
	for _, c := range []struct {
		name string
		want bool
	}{{"read", true}, {"fp32-fma-avx2", f.AVX2}, {"fp32-fma-avx512", f.AVX512F}, {"int8-vnni-avx512", f.AVX512VNNI}} {
		for _, n := range []int{1, 2} {
			m, ok := r.Lookup(c.name, n)
			if ok != c.want || (ok && m.Value <= 0) {
				t.Errorf("%s with %d threads: present %v (want %v), value %g", c.name, n, ok, c.want, m.Value)
			}
		}
	}
}

// Command roofline measures the limits of this machine that the project's
// speed figures are compared against (issue 15): memory read bandwidth and
// peak arithmetic throughput, with 1 and with N threads (default 2).
//
//	go run ./scripts/roofline            # table
//	go run ./scripts/roofline -json      # the same as JSON
//	go run ./scripts/roofline -o f.json  # table, and the JSON into f.json (make roofline: bin/roofline.json)
//
// What it measures, each the best of -runs runs:
//
//   - read: stream a buffer much larger than the last-level cache (-mib,
//     default 1 GiB) with 256-bit loads, adding its 64-bit words; the
//     threads read disjoint parts. GB/s = 1e9 bytes per second.
//   - fp32-fma-avx2: VFMADD231PS on YMM registers, 12 independent
//     accumulators (enough to hide the FMA latency on two FMA pipes);
//     1 FMA = 2 FLOPs.
//   - fp32-fma-avx512: the same on ZMM registers, where the CPU has AVX-512F.
//   - int8-vnni-avx512: VPDPBUSD on ZMM registers (unsigned × signed int8
//     products summed into int32), where the CPU has AVX-512 VNNI; 1 int8
//     multiply-add = 2 ops.
//
// The program is pure Go and Go assembly (no cgo). CPU features come from
// golang.org/x/sys/cpu; the AVX-512 rows are left out on CPUs without them.
// Run it on an otherwise idle machine: with other work on the cores the
// multi-thread rows drop.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Features are the instruction sets the kernels need.
type Features struct {
	AVX2       bool `json:"avx2_fma"`
	AVX512F    bool `json:"avx512f"`
	AVX512VNNI bool `json:"avx512_vnni"`
}

// Measurement is one measured limit.
type Measurement struct {
	// Name is read, fp32-fma-avx2, fp32-fma-avx512 or int8-vnni-avx512.
	Name    string  `json:"name"`
	Threads int     `json:"threads"`
	Value   float64 `json:"value"`
	// Unit is GB/s (1e9 bytes per second), GFLOP/s or GOP/s.
	Unit string `json:"unit"`
}

// Result is what the program prints.
type Result struct {
	CPU       string   `json:"cpu"`
	Date      string   `json:"date"`
	GOARCH    string   `json:"goarch"`
	NumCPU    int      `json:"num_cpu"`
	Features  Features `json:"features"`
	BufferMiB int      `json:"buffer_mib"`
	Runs      int      `json:"runs"`
	// LoadAvg is the 1-minute load average before the run (-1 where
	// /proc/loadavg is missing): above about 0.5 another job shared the
	// cores and the 2-thread rows are lower bounds.
	LoadAvg      float64       `json:"load_avg_1m"`
	Measurements []Measurement `json:"measurements"`
}

// Lookup returns the measurement with the given name and thread count.
func (r *Result) Lookup(name string, threads int) (Measurement, bool) {
	for _, m := range r.Measurements {
		if m.Name == name && m.Threads == threads {
			return m, true
		}
	}
	return Measurement{}, false
}

func main() {
	asJSON := flag.Bool("json", false, "print JSON instead of a table")
	mib := flag.Int("mib", 1024, "size of the streamed buffer in MiB (much larger than L3)")
	runs := flag.Int("runs", 5, "runs per measurement; the best is reported")
	threads := flag.Int("threads", 2, "thread count of the multi-thread rows")
	seconds := flag.Float64("seconds", 0.2, "duration of one compute run in seconds")
	outFile := flag.String("o", "", "also write the JSON to this file")
	flag.Parse()
	if err := run(os.Stdout, *asJSON, *outFile, *mib, *runs, *threads, *seconds); err != nil {
		fmt.Fprintln(os.Stderr, "roofline:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, asJSON bool, outFile string, mib, runs, threads int, seconds float64) error {
	if mib < 1 || runs < 1 || threads < 1 || seconds <= 0 {
		return fmt.Errorf("flags: -mib, -runs, -threads and -seconds must be positive (got %d, %d, %d, %g)", mib, runs, threads, seconds)
	}
	f := features()
	if !f.AVX2 {
		return fmt.Errorf("this CPU (%s, %s) lacks AVX2/FMA, which every kernel here needs", cpuModel(), runtime.GOARCH)
	}
	if runtime.GOMAXPROCS(0) < threads {
		runtime.GOMAXPROCS(threads)
	}
	res := Result{
		CPU:       cpuModel(),
		Date:      time.Now().UTC().Format("2006-01-02 15:04 MST"),
		GOARCH:    runtime.GOARCH,
		NumCPU:    runtime.NumCPU(),
		Features:  f,
		BufferMiB: mib,
		Runs:      runs,
		LoadAvg:   loadAvg(),
	}
	counts := []int{1}
	if threads > 1 {
		counts = append(counts, threads)
	}

	buf := make([]byte, mib<<20)
	for i := range buf { // touch every page, and give the sum something to add
		buf[i] = byte(i)
	}
	for _, n := range counts {
		res.Measurements = append(res.Measurements, Measurement{"read", n, readGBs(buf, n, runs), "GB/s"})
	}
	buf = nil
	runtime.GC()

	type kernel struct {
		name    string
		ok      bool
		perIter float64
		unit    string
		fn      func(iters int)
	}
	kernels := []kernel{
		{"fp32-fma-avx2", f.AVX2, fmaAVX2FLOPs, "GFLOP/s", func(it int) { runFMAAVX2(it, 1, 0.5) }},
		{"fp32-fma-avx512", f.AVX512F, fmaAVX512FLOPs, "GFLOP/s", func(it int) { runFMAAVX512(it, 1, 0.5) }},
		{"int8-vnni-avx512", f.AVX512VNNI, vnniOps, "GOP/s", func(it int) { runVNNI(it, 0x01010101, 0x01010101) }},
	}
	for _, k := range kernels {
		if !k.ok {
			continue
		}
		iters := calibrate(k.fn, seconds)
		for _, n := range counts {
			best := 0.0
			for range runs {
				d := parallel(n, func(int) { k.fn(iters) })
				best = max(best, float64(n)*float64(iters)*k.perIter/d.Seconds()/1e9)
			}
			res.Measurements = append(res.Measurements, Measurement{k.name, n, best, k.unit})
		}
	}

	js, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding the result: %w", err)
	}
	js = append(js, '\n')
	if outFile != "" {
		if err := os.WriteFile(outFile, js, 0o644); err != nil {
			return fmt.Errorf("writing the JSON: %w", err)
		}
	}
	if asJSON {
		_, err := w.Write(js)
		return err
	}
	printTable(w, &res)
	return nil
}

// readGBs streams buf with n threads (disjoint parts) and returns the best
// read bandwidth of runs runs in GB/s.
func readGBs(buf []byte, n, runs int) float64 {
	part := len(buf) / n &^ 255
	sums := make([]uint64, n)
	best := 0.0
	for range runs {
		d := parallel(n, func(t int) { sums[t] = sumBytes(buf[t*part : (t+1)*part]) })
		best = max(best, float64(part*n)/d.Seconds()/1e9)
	}
	return best
}

// calibrate returns an iteration count for which fn takes about seconds.
func calibrate(fn func(iters int), seconds float64) int {
	iters := 1 << 16
	for {
		start := time.Now()
		fn(iters)
		d := time.Since(start).Seconds()
		if d > seconds/8 || iters >= 1<<40 {
			return max(1, int(float64(iters)*seconds/d))
		}
		iters *= 4
	}
}

// parallel runs fn(0..n-1) on n goroutines, each locked to an OS thread,
// started together, and returns the wall time until the last one ends.
func parallel(n int, fn func(t int)) time.Duration {
	var ready, done sync.WaitGroup
	start := make(chan struct{})
	ready.Add(n)
	done.Add(n)
	for t := range n {
		go func() {
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			ready.Done()
			<-start
			fn(t)
			done.Done()
		}()
	}
	ready.Wait()
	t0 := time.Now()
	close(start)
	done.Wait()
	return time.Since(t0)
}

func printTable(w io.Writer, r *Result) {
	fmt.Fprintf(w, "CPU: %s (%d logical CPUs, %s), %s\n", r.CPU, r.NumCPU, r.GOARCH, r.Date)
	fmt.Fprintf(w, "features: AVX2+FMA %v, AVX-512F %v, AVX-512 VNNI %v; best of %d runs; read buffer %d MiB\n\n",
		r.Features.AVX2, r.Features.AVX512F, r.Features.AVX512VNNI, r.Runs, r.BufferMiB)
	if r.LoadAvg > 0.5 {
		fmt.Fprintf(w, "WARNING: load average %.2f before the run: other jobs shared the cores, the limits are lower bounds\n\n", r.LoadAvg)
	}
	fmt.Fprintf(w, "%-18s %7s %10s  %s\n", "limit", "threads", "value", "unit")
	for _, m := range r.Measurements {
		fmt.Fprintf(w, "%-18s %7d %10.1f  %s\n", m.Name, m.Threads, m.Value, m.Unit)
	}
}

// loadAvg returns the 1-minute load average, or -1 where it is unknown.
func loadAvg() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return -1
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return -1
	}
	v, err := strconv.ParseFloat(f[0], 64)
	if err != nil {
		return -1
	}
	return v
}

// cpuModel returns the first "model name" of /proc/cpuinfo, or "unknown".
func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

// Command fractions prints the project's measured speeds as fractions of
// this machine's limits (issue 15): it reads `go test -bench` output (files
// given as arguments, or standard input) and the JSON of scripts/roofline,
// and prints one line per benchmark it knows, for example
//
//	decode 1 seq, 2 threads: 112 tok/s = 35% of the bandwidth bound (318 tok/s)
//
// The bounds (docs/performance.md, "Roofline of this machine"):
//
//   - decode of one sequence reads every weight once per token: bytes per
//     token = the GGUF file's tensor bytes (KV cache and activations
//     ignored), bound = read bandwidth / bytes per token;
//   - batched decode and prefill: 2·P FLOPs per token (P = the GGUF's
//     tensor elements; attention over the context ignored), compared with
//     the FP32 FMA peak and the int8 VNNI peak, and with the bandwidth
//     bound of one weight read per step;
//   - the LoRA trainer's forward + backward: 4·P + 6·P_LoRA FLOPs per token
//     (forward 2·P, gradients of the activations through the frozen
//     weights 2·P, the rank-r adapters' forward, activation and weight
//     gradients 6·P_LoRA; attention, norms and the optimizer ignored),
//     compared with the best FP32 FMA peak.
//
// Usage:
//
//	go run ./scripts/roofline/fractions -roofline bin/roofline.json bench.txt...
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"

	"domaingen/gguf"
)

// roofline is the part of scripts/roofline's JSON read here.
type roofline struct {
	CPU          string        `json:"cpu"`
	Date         string        `json:"date"`
	LoadAvg      float64       `json:"load_avg_1m"`
	Measurements []measurement `json:"measurements"`
}

type measurement struct {
	Name    string  `json:"name"`
	Threads int     `json:"threads"`
	Value   float64 `json:"value"`
}

func (r *roofline) get(name string, threads int) float64 {
	for _, m := range r.Measurements {
		if m.Name == name && m.Threads == threads {
			return m.Value
		}
	}
	return 0
}

// model holds the sizes the bounds need.
type model struct {
	Bytes      int64 // tensor data bytes
	Params     int64 // tensor elements
	LoRAParams int64 // rank-16 adapter on q, k, v, o, gate, up, down of every block
}

// loraTargets are the suffixes of the GGUF tensors the benchmark adapts.
var loraTargets = []string{"attn_q.weight", "attn_k.weight", "attn_v.weight", "attn_output.weight", "ffn_gate.weight", "ffn_up.weight", "ffn_down.weight"}

func loadModel(path string, rank int64) (model, error) {
	f, err := gguf.Open(path)
	if err != nil {
		return model{}, fmt.Errorf("model sizes: %w", err)
	}
	defer f.Close()
	var m model
	for _, t := range f.Tensors {
		m.Bytes += t.Size
		m.Params += t.Elements
		if strings.HasPrefix(t.Name, "blk.") && len(t.Shape) == 2 {
			for _, s := range loraTargets {
				if strings.HasSuffix(t.Name, "."+s) {
					m.LoRAParams += rank * (t.Shape[0] + t.Shape[1])
				}
			}
		}
	}
	return m, nil
}

var benchLine = regexp.MustCompile(`^(Benchmark\S+?)(-\d+)?\s+\d+\s`)

// parseBench returns the tokens/s metric of every benchmark line in r, by
// name without the -GOMAXPROCS suffix.
func parseBench(r io.Reader) (map[string]float64, error) {
	out := map[string]float64{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		m := benchLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		f := strings.Fields(line)
		for i := 1; i < len(f); i++ {
			if f[i] == "tokens/s" {
				v, err := strconv.ParseFloat(f[i-1], 64)
				if err != nil {
					return nil, fmt.Errorf("benchmark line %q: %w", line, err)
				}
				out[m[1]] = v
			}
		}
	}
	return out, sc.Err()
}

func pct(x, bound float64) string {
	if bound <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.0f%%", 100*x/bound)
}

// report writes one line per known benchmark found in speeds.
func report(w io.Writer, rf *roofline, m model, speeds map[string]float64) {
	fmt.Fprintf(w, "roofline: %s, %s; model %.1f MB of tensors, %.1fM parameters, LoRA %.2fM\n",
		rf.CPU, rf.Date, float64(m.Bytes)/1e6, float64(m.Params)/1e6, float64(m.LoRAParams)/1e6)
	if rf.LoadAvg > 0.5 {
		fmt.Fprintf(w, "(the roofline ran at load average %.2f: its limits are lower bounds, the fractions upper ones; rerun make roofline on an idle machine)\n", rf.LoadAvg)
	}
	bw1, bw2 := rf.get("read", 1), rf.get("read", 2)
	fp32 := max(rf.get("fp32-fma-avx2", 2), rf.get("fp32-fma-avx512", 2))
	int8 := rf.get("int8-vnni-avx512", 2)
	perTok := float64(m.Bytes)
	for _, d := range []struct {
		bench, label string
		seqs         float64
		bw           float64
	}{
		{"BenchmarkDecode1Seq2Threads", "decode 1 seq, 2 threads", 1, bw2},
		{"BenchmarkDecode1Seq1Thread", "decode 1 seq, 1 thread", 1, bw1},
	} {
		if v, ok := speeds[d.bench]; ok {
			bound := d.bw * 1e9 / perTok
			fmt.Fprintf(w, "%s: %.1f tok/s = %s of the bandwidth bound (%.0f tok/s = %.1f GB/s / %.1f MB per token)\n",
				d.label, v, pct(v, bound), bound, d.bw, perTok/1e6)
		}
	}
	flopsTok := 2 * float64(m.Params)
	for _, d := range []struct {
		bench, label string
		tokPerStep   float64
	}{
		{"BenchmarkDecode8Seq2Threads", "decode 8 seqs, 2 threads", 8},
		{"BenchmarkDecode13Seq2Threads", "decode 13 seqs, 2 threads", 13},
		{"BenchmarkPrefill128", "prefill 128 tokens, 2 threads", 128},
	} {
		if v, ok := speeds[d.bench]; ok {
			g := v * flopsTok / 1e9
			fmt.Fprintf(w, "%s: %.1f tok/s = %.1f GFLOP/s = %s of the FP32 FMA peak (%.0f), %s of the int8 VNNI peak (%.0f GOP/s); %s of the bandwidth bound (%.0f tok/s)\n",
				d.label, v, g, pct(g, fp32), fp32, pct(g, int8), int8, pct(v, d.tokPerStep*bw2*1e9/perTok), d.tokPerStep*bw2*1e9/perTok)
		}
	}
	if v, ok := speeds["BenchmarkSmolLM2/8x256/forward+backward"]; ok {
		f := 4*float64(m.Params) + 6*float64(m.LoRAParams)
		g := v * f / 1e9
		fmt.Fprintf(w, "LoRA forward+backward 8x256: %.1f tok/s × %.0f MFLOP/token = %.1f GFLOP/s = %s of the FP32 FMA peak (%.0f GFLOP/s)\n",
			v, f/1e6, g, pct(g, fp32), fp32)
	}
}

func main() {
	rfPath := flag.String("roofline", "bin/roofline.json", "JSON written by go run ./scripts/roofline -json")
	modelPath := flag.String("model", "models/SmolLM2-135M-Instruct.Q4_1.gguf", "GGUF model the benchmarks ran")
	rank := flag.Int64("rank", 16, "LoRA rank of the lora benchmark")
	flag.Parse()
	if err := run(os.Stdout, *rfPath, *modelPath, *rank, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "fractions:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, rfPath, modelPath string, rank int64, benchFiles []string) error {
	data, err := os.ReadFile(rfPath)
	if err != nil {
		return fmt.Errorf("roofline JSON (make roofline writes it): %w", err)
	}
	var rf roofline
	if err := json.Unmarshal(data, &rf); err != nil {
		return fmt.Errorf("roofline JSON %s: %w", rfPath, err)
	}
	m, err := loadModel(modelPath, rank)
	if err != nil {
		return err
	}
	speeds := map[string]float64{}
	read := func(r io.Reader, name string) error {
		s, err := parseBench(r)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		for k, v := range s {
			speeds[k] = v
		}
		return nil
	}
	if len(benchFiles) == 0 {
		if err := read(os.Stdin, "standard input"); err != nil {
			return err
		}
	}
	for _, p := range benchFiles {
		f, err := os.Open(p)
		if err != nil {
			return fmt.Errorf("benchmark output: %w", err)
		}
		err = read(f, p)
		f.Close()
		if err != nil {
			return err
		}
	}
	if len(speeds) == 0 {
		return fmt.Errorf("no benchmark line with a tokens/s metric in the input")
	}
	report(w, &rf, m, speeds)
	return nil
}

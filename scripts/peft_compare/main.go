// Command peft_compare is the Go half of scripts/peft_compare/run.sh, which
// times the same LoRA training step with PyTorch + PEFT and with package
// lora (see docs/performance.md, "Go trainer vs PyTorch + PEFT").
//
//	peft_compare export --model M.gguf --out DIR
//	    Writes DIR/config.json (a Hugging Face LlamaConfig built from the
//	    GGUF metadata as package lora reads it) and DIR/model.safetensors
//	    (every tensor dequantised to float32, renamed to Hugging Face's
//	    names, attn_q/attn_k rows permuted back from llama.cpp's RoPE
//	    layout), so that transformers' LlamaForCausalLM computes the
//	    function package lora computes.
//	peft_compare tokens --model M.gguf --batch B --seq T --seed S --out F
//	    Writes B·(T+1) random token ids (little-endian int32) to F: each
//	    sequence's first T are the inputs, its last T the targets.
//	peft_compare step --model M.gguf --tokens F --batch B --seq T --threads N
//	    [--warmup 1 --steps 3 --rank 16 --alpha 32 --dropout 0.05 --lr 2e-4 --clip 1]
//	    Runs warmup+steps training steps (zero grad, forward with dropout,
//	    backward, global-norm clipping, AdamW) and prints one JSON line:
//	    tokens/s over the timed steps, per-step seconds, the first step's
//	    loss and the peak RSS.
package main

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"syscall"
	"time"

	"domaingen/gguf"
	"domaingen/lora"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: peft_compare export|tokens|step [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "export":
		err = cmdExport(os.Args[2:])
	case "tokens":
		err = cmdTokens(os.Args[2:])
	case "step":
		err = cmdStep(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q (want export, tokens or step)", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "peft_compare:", err)
		os.Exit(1)
	}
}

// ---- export ----

var blockTensor = regexp.MustCompile(`^blk\.(\d+)\.([a-z_]+)\.weight$`)

// hfBlockNames maps a block's GGUF tensor to its Hugging Face module.
var hfBlockNames = map[string]string{
	"attn_norm":   "input_layernorm",
	"ffn_norm":    "post_attention_layernorm",
	"attn_q":      "self_attn.q_proj",
	"attn_k":      "self_attn.k_proj",
	"attn_v":      "self_attn.v_proj",
	"attn_output": "self_attn.o_proj",
	"ffn_gate":    "mlp.gate_proj",
	"ffn_up":      "mlp.up_proj",
	"ffn_down":    "mlp.down_proj",
}

// hfName returns the Hugging Face name of a GGUF tensor and, for attn_q and
// attn_k, the number of heads whose rows must be un-permuted (0 otherwise).
func hfName(name string, c lora.Config) (string, int, error) {
	switch name {
	case "token_embd.weight":
		return "model.embed_tokens.weight", 0, nil
	case "output_norm.weight":
		return "model.norm.weight", 0, nil
	case "output.weight":
		return "lm_head.weight", 0, nil
	}
	m := blockTensor.FindStringSubmatch(name)
	if m == nil || hfBlockNames[m[2]] == "" {
		return "", 0, fmt.Errorf("tensor %q has no Hugging Face llama counterpart", name)
	}
	heads := 0
	switch m[2] {
	case "attn_q":
		heads = c.NHead
	case "attn_k":
		heads = c.NHeadKV
	}
	return "model.layers." + m[1] + "." + hfBlockNames[m[2]] + ".weight", heads, nil
}

// unpermute undoes llama.cpp's converter (convert_hf_to_gguf.py,
// LlamaModel.permute) on a (heads·D, in) matrix: GGUF row h·D + 2i + j
// holds HF row h·D + j·D/2 + i (the same map as lora's PEFT export).
func unpermute(w []float32, heads, in int) []float32 {
	d := len(w) / in / heads
	out := make([]float32, len(w))
	for row := 0; row < heads*d; row++ {
		h, r := row/d, row%d
		hf := h*d + (r%2)*d/2 + r/2
		copy(out[hf*in:(hf+1)*in], w[row*in:(row+1)*in])
	}
	return out
}

func cmdExport(args []string) error {
	fs := flag.NewFlagSet("export", flag.ExitOnError)
	model := fs.String("model", "models/SmolLM2-135M-Instruct.Q4_1.gguf", "GGUF model")
	out := fs.String("out", "", "output directory (config.json, model.safetensors)")
	fs.Parse(args)
	if *out == "" {
		return errors.New("export: --out is required")
	}
	base, err := lora.LoadBase(*model) // the trainer's reading of the metadata
	if err != nil {
		return err
	}
	c := base.Config
	base = nil
	if c.Arch != lora.ArchLlama || c.RopeNeox || c.NRot != c.HeadDim ||
		math.Abs(float64(c.AttnScale)-1/math.Sqrt(float64(c.HeadDim))) > 1e-7 {
		return fmt.Errorf("export: %+v is not a plain Hugging Face llama (arch llama, full NORM RoPE, scale 1/√D)", c)
	}
	f, err := gguf.Open(*model)
	if err != nil {
		return err
	}
	defer f.Close()

	type entry struct {
		info  gguf.TensorInfo
		name  string
		heads int
		shape []int64
	}
	var entries []entry
	header := map[string]any{"__metadata__": map[string]string{"format": "pt", "source": filepath.Base(*model)}}
	var offset int64
	for _, t := range f.Tensors {
		name, heads, err := hfName(t.Name, c)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		shape := make([]int64, len(t.Shape)) // ggml ne is innermost first
		for i, n := range t.Shape {
			shape[len(t.Shape)-1-i] = n
		}
		header[name] = map[string]any{"dtype": "F32", "shape": shape, "data_offsets": []int64{offset, offset + 4*t.Elements}}
		offset += 4 * t.Elements
		entries = append(entries, entry{t, name, heads, shape})
	}
	hdr, err := json.Marshal(header)
	if err != nil {
		return err
	}
	for len(hdr)%8 != 0 {
		hdr = append(hdr, ' ')
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	tmp := filepath.Join(*out, "model.safetensors.tmp")
	file, err := os.Create(tmp)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	w := bufio.NewWriterSize(file, 1<<20)
	binary.Write(w, binary.LittleEndian, uint64(len(hdr)))
	w.Write(hdr)
	for _, e := range entries {
		vals, err := f.TensorFloat32(e.info.Name)
		if err != nil {
			return err
		}
		if e.heads > 0 {
			vals = unpermute(vals, e.heads, int(e.shape[1]))
		}
		if err := binary.Write(w, binary.LittleEndian, vals); err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := file.Close(); err != nil {
		return err
	}

	cfg := map[string]any{
		"architectures":           []string{"LlamaForCausalLM"},
		"model_type":              "llama",
		"vocab_size":              c.NVocab,
		"hidden_size":             c.NEmbd,
		"intermediate_size":       c.NFF,
		"num_hidden_layers":       c.NLayer,
		"num_attention_heads":     c.NHead,
		"num_key_value_heads":     c.NHeadKV,
		"head_dim":                c.HeadDim,
		"max_position_embeddings": c.NCtxTrain,
		"rms_norm_eps":            c.RMSEps,
		"rope_theta":              c.RopeBase,
		"rope_parameters":         map[string]any{"rope_type": "default", "rope_theta": c.RopeBase},
		"rope_scaling":            nil,
		"tie_word_embeddings":     c.Tied,
		"hidden_act":              "silu",
		"attention_bias":          false,
		"attention_dropout":       0.0,
		"mlp_bias":                false,
		"pretraining_tp":          1,
		"initializer_range":       0.02,
		"torch_dtype":             "float32",
		"dtype":                   "float32",
		"use_cache":               false,
	}
	cj, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(*out, "config.json"), append(cj, '\n'), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(*out, "model.safetensors")); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "export: %d tensors, %.0f MiB float32, config %+v\n", len(entries), float64(offset)/(1<<20), c)
	return nil
}

// ---- tokens ----

func cmdTokens(args []string) error {
	fs := flag.NewFlagSet("tokens", flag.ExitOnError)
	model := fs.String("model", "models/SmolLM2-135M-Instruct.Q4_1.gguf", "GGUF model (for the vocabulary size)")
	batch := fs.Int("batch", 8, "sequences")
	seq := fs.Int("seq", 256, "tokens per sequence")
	seed := fs.Uint64("seed", 1, "random seed")
	out := fs.String("out", "", "output file")
	fs.Parse(args)
	f, err := gguf.Open(*model)
	if err != nil {
		return err
	}
	t, ok := f.Tensor("token_embd.weight")
	f.Close()
	if !ok || len(t.Shape) != 2 {
		return errors.New("tokens: no 2-D token_embd.weight")
	}
	vocab := t.Shape[1]
	rng := rand.New(rand.NewPCG(*seed, 0x70c5))
	toks := make([]int32, *batch*(*seq+1))
	for i := range toks {
		toks[i] = int32(rng.Int64N(vocab))
	}
	fh, err := os.Create(*out)
	if err != nil {
		return err
	}
	if err := binary.Write(fh, binary.LittleEndian, toks); err != nil {
		fh.Close()
		return err
	}
	return fh.Close()
}

// readTokens reads B·(T+1) int32 ids and splits each sequence into inputs
// (its first T) and targets (its last T), both (B, T) row-major.
func readTokens(path string, b, t int) (inputs, targets []int32, err error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer fh.Close()
	all := make([]int32, b*(t+1))
	if err := binary.Read(fh, binary.LittleEndian, all); err != nil {
		return nil, nil, fmt.Errorf("read %s (want %d×%d ids): %w", path, b, t+1, err)
	}
	if _, err := fh.Read(make([]byte, 1)); err != io.EOF {
		return nil, nil, fmt.Errorf("%s holds more than %d×%d ids", path, b, t+1)
	}
	for s := 0; s < b; s++ {
		row := all[s*(t+1) : (s+1)*(t+1)]
		inputs = append(inputs, row[:t]...)
		targets = append(targets, row[1:]...)
	}
	return inputs, targets, nil
}

// ---- step ----

type result struct {
	Side        string    `json:"side"`
	Batch       int       `json:"batch"`
	Seq         int       `json:"seq"`
	Threads     int       `json:"threads"`
	Steps       int       `json:"steps"`
	StepSeconds []float64 `json:"step_seconds"` // timed steps only
	WarmupSecs  []float64 `json:"warmup_seconds"`
	TokensPerS  float64   `json:"tokens_per_s"`
	Loss        []float64 `json:"loss"` // every step, warm-up included
	LoadSeconds float64   `json:"load_seconds"`
	PeakRSSMiB  float64   `json:"peak_rss_mib"`
	Trainable   int       `json:"trainable_params"`
	Info        string    `json:"info"`
}

func cmdStep(args []string) error {
	fs := flag.NewFlagSet("step", flag.ExitOnError)
	model := fs.String("model", "models/SmolLM2-135M-Instruct.Q4_1.gguf", "GGUF model")
	tokens := fs.String("tokens", "", "token file written by the tokens command")
	batch := fs.Int("batch", 8, "sequences per step")
	seq := fs.Int("seq", 256, "tokens per sequence")
	threads := fs.Int("threads", 2, "threads (lora.Options.Threads and GOMAXPROCS)")
	warmup := fs.Int("warmup", 1, "untimed steps first")
	steps := fs.Int("steps", 3, "timed steps")
	rank := fs.Int("rank", 16, "LoRA rank")
	alpha := fs.Float64("alpha", 32, "LoRA alpha")
	dropout := fs.Float64("dropout", 0.05, "LoRA dropout")
	lr := fs.Float64("lr", 2e-4, "AdamW learning rate")
	clip := fs.Float64("clip", 1, "global gradient-norm clip (0: off)")
	fs.Parse(args)
	if *steps < 1 || *warmup < 0 {
		return errors.New("step: need --steps ≥ 1 and --warmup ≥ 0")
	}
	runtime.GOMAXPROCS(*threads)
	inputs, targets, err := readTokens(*tokens, *batch, *seq)
	if err != nil {
		return err
	}

	t0 := time.Now()
	base, err := lora.LoadBase(*model)
	if err != nil {
		return err
	}
	ad, err := lora.NewAdapter(base, lora.AdapterConfig{Rank: *rank, Alpha: float32(*alpha), Seed: 1})
	if err != nil {
		return err
	}
	m, err := lora.NewModel(base, ad, lora.Options{Batch: *batch, Seq: *seq, Threads: *threads, Dropout: float32(*dropout), Seed: 1})
	if err != nil {
		return err
	}
	params := ad.Params()
	grads := m.Grad().Params()
	opt := lora.NewAdamW(params, lora.AdamWConfig{})
	res := result{Side: "go", Batch: *batch, Seq: *seq, Threads: *threads, Steps: *steps,
		LoadSeconds: time.Since(t0).Seconds(),
		Info:        fmt.Sprintf("package lora, %s, GOMAXPROCS %d", runtime.Version(), runtime.GOMAXPROCS(0))}
	for _, p := range params {
		res.Trainable += len(p)
	}

	b := lora.Batch{Tokens: inputs, Targets: targets}
	for i := 0; i < *warmup+*steps; i++ {
		start := time.Now()
		m.ZeroGrad()
		loss, err := m.Forward(b, true)
		if err != nil {
			return err
		}
		m.Backward()
		lora.ClipGradNorm(grads, *clip)
		if err := opt.Update(params, grads, *lr); err != nil {
			return err
		}
		dt := time.Since(start).Seconds()
		res.Loss = append(res.Loss, loss)
		if i < *warmup {
			res.WarmupSecs = append(res.WarmupSecs, dt)
		} else {
			res.StepSeconds = append(res.StepSeconds, dt)
		}
		fmt.Fprintf(os.Stderr, "go step %d: loss %.6f, %.2f s\n", i, loss, dt)
	}
	var total float64
	for _, s := range res.StepSeconds {
		total += s
	}
	res.TokensPerS = float64(*batch**seq*len(res.StepSeconds)) / total
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		res.PeakRSSMiB = float64(ru.Maxrss) / 1024 // Linux: KiB
	}
	j, err := json.Marshal(res)
	if err != nil {
		return err
	}
	fmt.Println(string(j))
	return nil
}

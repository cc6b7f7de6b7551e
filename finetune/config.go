package finetune

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"domaingen/lora"
)

// Config is a training run's hyper-parameters and files. Zero values mean
// the defaults of Defaults; config.json records the values used.
type Config struct {
	Data  string `json:"data"`          // training JSONL
	Val   string `json:"val,omitempty"` // validation JSONL (optional)
	Out   string `json:"out"`           // run folder
	Model string `json:"model"`         // base GGUF

	Rank    int     `json:"rank"`    // LoRA rank r
	Alpha   float64 `json:"alpha"`   // LoRA alpha (scale alpha/r)
	Targets string  `json:"targets"` // "all" (7 linear layers per block) or "attn" (q, k, v, o)
	// Layers adapted: "all", or a range "20-29" / list "0,5,9". Blocks below
	// the lowest adapted one need no backward pass.
	Layers  string  `json:"layers"`
	Dropout float64 `json:"dropout"` // LoRA input dropout

	LR          float64 `json:"lr"`           // peak learning rate
	MinLRRatio  float64 `json:"min_lr_ratio"` // cosine decays to MinLRRatio·LR
	Warmup      float64 `json:"warmup"`       // warm-up steps as a fraction of all steps
	WeightDecay float64 `json:"weight_decay"` // AdamW decoupled weight decay
	Beta1       float64 `json:"beta1"`
	Beta2       float64 `json:"beta2"`
	Eps         float64 `json:"eps"`
	ClipNorm    float64 `json:"clip_norm"` // global gradient-norm clip (≤ 0: none)

	Epochs int `json:"epochs"`
	Batch  int `json:"batch"` // sequences per micro-batch (one Forward)
	Accum  int `json:"accum"` // micro-batches per optimizer step
	Seq    int `json:"seq"`   // most tokens per sequence; longer examples lose their first tokens

	Seed    uint64 `json:"seed"`    // data order, adapter initialisation, dropout
	Threads int    `json:"threads"` // goroutines (default GOMAXPROCS)

	Patience        int `json:"patience"`         // epochs without validation improvement before stopping (0: never stop early)
	CheckpointEvery int `json:"checkpoint_every"` // optimizer steps between checkpoints (also at each epoch's end)

	// MaxSteps stops after this many optimizer steps (0: no limit).
	MaxSteps int `json:"max_steps,omitempty"`
	// StopLoss stops as soon as a step's training loss is below it (0: off).
	StopLoss float64 `json:"stop_loss,omitempty"`
}

// Defaults returns the documented defaults (docs/trainer.md): rank 16,
// alpha 32, all seven targets on every block, lr 2e-4, 3 epochs of batch 8
// × 256 tokens, 5% warm-up, dropout 0.05, clip 1.0, seed 1.
func Defaults() Config {
	return Config{
		Model: "models/SmolLM2-135M-Instruct.Q4_1.gguf",
		Rank:  16, Alpha: 32, Targets: "all", Layers: "all", Dropout: 0.05,
		LR: 2e-4, Warmup: 0.05, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, ClipNorm: 1,
		Epochs: 3, Batch: 8, Accum: 1, Seq: 256, Seed: 1,
		Patience: 2, CheckpointEvery: 50,
	}
}

// withDefaults fills zero fields from Defaults (except those where zero is
// meaningful: weight decay, min LR ratio, threads, max steps, stop loss).
func (c Config) withDefaults() Config {
	d := Defaults()
	if c.Model == "" {
		c.Model = d.Model
	}
	if c.Rank == 0 {
		c.Rank = d.Rank
	}
	if c.Alpha == 0 {
		c.Alpha = 2 * float64(c.Rank)
	}
	if c.Targets == "" {
		c.Targets = d.Targets
	}
	if c.Layers == "" {
		c.Layers = d.Layers
	}
	if c.LR == 0 {
		c.LR = d.LR
	}
	if c.Beta1 == 0 {
		c.Beta1 = d.Beta1
	}
	if c.Beta2 == 0 {
		c.Beta2 = d.Beta2
	}
	if c.Eps == 0 {
		c.Eps = d.Eps
	}
	if c.Epochs == 0 {
		c.Epochs = d.Epochs
	}
	if c.Batch == 0 {
		c.Batch = d.Batch
	}
	if c.Accum == 0 {
		c.Accum = d.Accum
	}
	if c.Seq == 0 {
		c.Seq = d.Seq
	}
	if c.CheckpointEvery == 0 {
		c.CheckpointEvery = d.CheckpointEvery
	}
	return c
}

// validate reports the first out-of-range field.
func (c Config) validate() error {
	switch {
	case c.Data == "":
		return errors.New("no training data file")
	case c.Out == "":
		return errors.New("no output folder")
	case c.Rank < 1 || c.Rank > 4096:
		return fmt.Errorf("rank %d out of range 1..4096", c.Rank)
	case !(c.Alpha > 0):
		return fmt.Errorf("alpha %g must be positive", c.Alpha)
	case !(c.LR > 0):
		return fmt.Errorf("learning rate %g must be positive", c.LR)
	case c.Warmup < 0 || c.Warmup >= 1:
		return fmt.Errorf("warmup fraction %g not in [0, 1)", c.Warmup)
	case c.Dropout < 0 || c.Dropout >= 1:
		return fmt.Errorf("dropout %g not in [0, 1)", c.Dropout)
	case c.Epochs < 1 || c.Batch < 1 || c.Accum < 1 || c.Seq < 2:
		return fmt.Errorf("epochs %d, batch %d, accum %d, seq %d: all must be positive (seq ≥ 2)", c.Epochs, c.Batch, c.Accum, c.Seq)
	case c.WeightDecay < 0 || c.MinLRRatio < 0 || c.MinLRRatio > 1:
		return fmt.Errorf("weight decay %g, min LR ratio %g out of range", c.WeightDecay, c.MinLRRatio)
	case c.Patience < 0 || c.CheckpointEvery < 1 || c.MaxSteps < 0 || c.Threads < 0:
		return fmt.Errorf("patience %d, checkpoint every %d, max steps %d, threads %d out of range", c.Patience, c.CheckpointEvery, c.MaxSteps, c.Threads)
	}
	if _, err := ParseTargets(c.Targets); err != nil {
		return err
	}
	return nil
}

// ParseTargets maps "all", "attn" or a comma-separated list of GGUF names
// ("attn_q,ffn_up") to LoRA targets.
func ParseTargets(s string) ([]lora.Target, error) {
	switch s {
	case "", "all":
		return lora.AllTargets, nil
	case "attn":
		return lora.AttentionTargets, nil
	}
	var ts []lora.Target
	for _, part := range strings.Split(s, ",") {
		t, err := lora.ParseTarget(strings.TrimSpace(part))
		if err != nil {
			return nil, fmt.Errorf("targets %q: %w (or use all, attn)", s, err)
		}
		ts = append(ts, t)
	}
	return ts, nil
}

// ParseLayers maps "all" (nil), a range "20-29" or a list "0,5,9" (ranges
// allowed inside) to block indices below n.
func ParseLayers(s string, n int) ([]int, error) {
	if s == "" || s == "all" {
		return nil, nil
	}
	var ls []int
	for _, part := range strings.Split(s, ",") {
		lo, hi, isRange := strings.Cut(strings.TrimSpace(part), "-")
		a, err1 := strconv.Atoi(lo)
		b := a
		var err2 error
		if isRange {
			b, err2 = strconv.Atoi(hi)
		}
		if err1 != nil || err2 != nil || a < 0 || b < a || b >= n {
			return nil, fmt.Errorf("layers %q: bad part %q (blocks are 0..%d)", s, part, n-1)
		}
		for l := a; l <= b; l++ {
			ls = append(ls, l)
		}
	}
	return ls, nil
}

package finetune

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"time"

	"domaingen/llama"
	"domaingen/lora"
)

// Files of a run folder.
const (
	AdapterFile    = "adapter.gguf"    // best adapter by validation loss (the last one without validation data)
	ConfigFile     = "config.json"     // hyper-parameters, data and model hashes, git revision
	LogFile        = "train_log.jsonl" // one line per step, and one per validation
	PlotFile       = "loss.png"        // training and validation loss curves
	CheckpointFile = "checkpoint.gob"  // everything --resume needs
	PEFTDir        = "peft"            // the adapter in PEFT format (adapter_model.safetensors, adapter_config.json)
)

// ErrInterrupted is returned (wrapped) when the context is cancelled during
// training: the run stopped after writing a checkpoint and can be resumed.
var ErrInterrupted = errors.New("training interrupted")

// Options are a run's non-hyper-parameter settings.
type Options struct {
	// Progress receives the progress bar and notices (nil: none).
	Progress io.Writer
	// Resume continues from Out/checkpoint.gob with the checkpoint's
	// configuration (only Threads may differ).
	Resume bool
	// OnStep, if set, is called after each optimizer step (tests use it).
	OnStep func(StepLog)
}

// Result summarises a finished run.
type Result struct {
	Steps      int       // optimizer steps done
	Epochs     int       // epochs completed (a stopped epoch counts)
	Losses     []float64 // training loss of every step
	BestVal    float64   // best validation loss (NaN without validation data)
	Adapter    string    // path of the adapter written
	StopReason string    // "epochs", "early stopping", "max steps", "stop loss"
}

// Train runs (or, with opt.Resume, continues) a training run described by
// cfg and writes the run folder cfg.Out. A cancelled ctx stops it after the
// current micro-batch: the unfinished step is dropped, a checkpoint is
// written and the error wraps ErrInterrupted.
func Train(ctx context.Context, cfg Config, opt Options) (*Result, error) {
	cfg = cfg.withDefaults()
	var st *checkpoint
	if opt.Resume {
		var err error
		if st, err = readCheckpoint(filepath.Join(cfg.Out, CheckpointFile)); err != nil {
			return nil, fmt.Errorf("resume: %w", err)
		}
		threads := cfg.Threads
		cfg = st.Config
		cfg.Threads = threads
		if st.Done {
			return nil, fmt.Errorf("resume: the run in %s already finished (%s)", cfg.Out, st.Stop)
		}
	}
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("finetune: %w", err)
	}
	if err := os.MkdirAll(cfg.Out, 0o755); err != nil {
		return nil, fmt.Errorf("finetune: %w", err)
	}
	progress := opt.Progress
	if progress == nil {
		progress = io.Discard
	}

	tok, err := llama.Load(cfg.Model, llama.ModelParams{VocabOnly: true})
	if err != nil {
		return nil, fmt.Errorf("finetune: tokenizer: %w", err)
	}
	enc := Encoder{Model: tok}
	train, truncated, err := encodeFile(enc, cfg.Data, cfg.Seq)
	if err != nil {
		tok.Close()
		return nil, fmt.Errorf("finetune: %w", err)
	}
	var val []Example
	if cfg.Val != "" {
		var vt int
		if val, vt, err = encodeFile(enc, cfg.Val, cfg.Seq); err != nil {
			tok.Close()
			return nil, fmt.Errorf("finetune: %w", err)
		}
		truncated += vt
	}
	tok.Close()
	if truncated > 0 {
		fmt.Fprintf(progress, "finetune: %d examples longer than --seq %d lost their first tokens (the answer is kept)\n", truncated, cfg.Seq)
	}

	base, err := lora.LoadBase(cfg.Model)
	if err != nil {
		return nil, fmt.Errorf("finetune: %w", err)
	}
	t := &trainer{cfg: cfg, opt: opt, progress: progress, base: base, train: train, val: val}
	if err := t.setup(st); err != nil {
		return nil, fmt.Errorf("finetune: %w", err)
	}
	if st == nil {
		if err := t.writeInfo(truncated); err != nil {
			return nil, fmt.Errorf("finetune: %w", err)
		}
	}
	return t.run(ctx)
}

// encodeFile reads and encodes a JSONL file, left-truncating examples to
// seq tokens; it returns how many were truncated.
func encodeFile(enc Encoder, path string, seq int) ([]Example, int, error) {
	recs, err := ReadJSONL(path)
	if err != nil {
		return nil, 0, err
	}
	out := make([]Example, 0, len(recs))
	truncated := 0
	for i, r := range recs {
		ex, err := enc.Encode(r)
		if err != nil {
			return nil, 0, fmt.Errorf("%s record %d: %w", path, i+1, err)
		}
		if n := len(ex.Tokens); n > seq {
			ex.Tokens, ex.Targets = ex.Tokens[n-seq:], ex.Targets[n-seq:]
			ex.Prompt = max(0, ex.Prompt-(n-seq))
			truncated++
		}
		out = append(out, ex)
	}
	return out, truncated, nil
}

// trainer holds a run in progress.
type trainer struct {
	cfg      Config
	opt      Options
	progress io.Writer
	base     *lora.Base
	train    []Example
	val      []Example

	ad    *lora.Adapter
	model *lora.Model
	adam  *lora.AdamW
	st    checkpoint

	stepsPerEpoch, total, warmup int
	started                      time.Time
	stepsThisRun                 int
	tokensThisRun                int
}

// setup builds the adapter, model and optimizer, from st when resuming.
func (t *trainer) setup(st *checkpoint) error {
	cfg := t.cfg
	targets, err := ParseTargets(cfg.Targets)
	if err != nil {
		return err
	}
	layers, err := ParseLayers(cfg.Layers, t.base.Config.NLayer)
	if err != nil {
		return err
	}
	t.ad, err = lora.NewAdapter(t.base, lora.AdapterConfig{Rank: cfg.Rank, Alpha: float32(cfg.Alpha), Targets: targets, Layers: layers, Seed: cfg.Seed})
	if err != nil {
		return err
	}
	longest := 0
	for _, set := range [][]Example{t.train, t.val} {
		for _, ex := range set {
			longest = max(longest, len(ex.Tokens))
		}
	}
	t.model, err = lora.NewModel(t.base, t.ad, lora.Options{
		Batch: cfg.Batch, Seq: min(cfg.Seq, longest), Threads: cfg.Threads,
		Dropout: float32(cfg.Dropout), Seed: cfg.Seed,
	})
	if err != nil {
		return err
	}
	t.adam = lora.NewAdamW(t.ad.Params(), lora.AdamWConfig{Beta1: cfg.Beta1, Beta2: cfg.Beta2, Eps: cfg.Eps, WeightDecay: cfg.WeightDecay})
	perStep := cfg.Batch * cfg.Accum
	t.stepsPerEpoch = (len(t.train) + perStep - 1) / perStep
	t.total = t.stepsPerEpoch * cfg.Epochs
	if cfg.MaxSteps > 0 {
		t.total = min(t.total, cfg.MaxSteps)
	}
	t.warmup = int(math.Round(cfg.Warmup * float64(t.total)))
	if st == nil {
		t.st = checkpoint{Config: cfg, BestVal: math.Inf(1)}
		if err := os.WriteFile(filepath.Join(cfg.Out, LogFile), nil, 0o644); err != nil {
			return err
		}
		return nil
	}
	return t.restore(st)
}

// order returns the shuffled example order of an epoch: a function of the
// seed and the epoch only, so a resumed run sees the same order.
func (t *trainer) order(epoch int) []int {
	rng := rand.New(rand.NewPCG(t.cfg.Seed, 0x5eed0000+uint64(epoch)))
	return rng.Perm(len(t.train))
}

// run is the training loop.
func (t *trainer) run(ctx context.Context) (*Result, error) {
	cfg := t.cfg
	t.started = time.Now()
	st := &t.st
	for st.Epoch < cfg.Epochs && st.Stop == "" {
		order := t.order(st.Epoch)
		for st.Pos < len(order) && st.Stop == "" {
			idx := order[st.Pos:min(len(order), st.Pos+cfg.Batch*cfg.Accum)]
			log, err := t.step(ctx, idx)
			if err != nil {
				if errors.Is(err, ErrInterrupted) {
					return nil, t.interrupted()
				}
				return nil, err
			}
			st.Pos += len(idx)
			switch {
			case cfg.StopLoss > 0 && log.Loss < cfg.StopLoss:
				st.Stop = "stop loss"
			case cfg.MaxSteps > 0 && st.Step >= cfg.MaxSteps:
				st.Stop = "max steps"
			}
			if st.Step%cfg.CheckpointEvery == 0 && st.Pos < len(order) && st.Stop == "" {
				if err := t.saveCheckpoint(); err != nil {
					return nil, err
				}
			}
		}
		if err := t.endEpoch(); err != nil {
			return nil, err
		}
	}
	if st.Stop == "" {
		st.Stop = "epochs"
	}
	st.Done = true
	fmt.Fprintln(t.progress)
	if len(t.val) == 0 {
		if err := t.writeAdapter(); err != nil {
			return nil, err
		}
	}
	if err := t.saveCheckpoint(); err != nil {
		return nil, err
	}
	if err := plotLoss(filepath.Join(cfg.Out, PlotFile), st.Train, st.Val); err != nil {
		return nil, err
	}
	if err := t.exportPEFT(); err != nil {
		return nil, err
	}
	best := st.BestVal
	if len(t.val) == 0 {
		best = math.NaN()
	}
	return &Result{Steps: st.Step, Epochs: st.Epoch, Losses: st.Losses, BestVal: best,
		Adapter: filepath.Join(cfg.Out, AdapterFile), StopReason: st.Stop}, nil
}

// step runs one optimizer step over the examples idx (Accum micro-batches
// of up to Batch sequences sharing one loss denominator).
func (t *trainer) step(ctx context.Context, idx []int) (StepLog, error) {
	cfg, st := t.cfg, &t.st
	start := time.Now()
	denom := 0
	for _, i := range idx {
		denom += t.train[i].Counted()
	}
	// Micro-batches of similar lengths waste less on padding. The step's
	// gradient is a sum over all its examples with one denominator, so
	// the grouping inside a step does not change what is learned.
	idx = slices.Clone(idx)
	slices.SortStableFunc(idx, func(a, b int) int { return len(t.train[a].Tokens) - len(t.train[b].Tokens) })
	var loss float64
	tokens := 0
	for lo := 0; lo < len(idx); lo += cfg.Batch {
		if ctx.Err() != nil {
			t.model.ZeroGrad()
			return StepLog{}, ErrInterrupted
		}
		b, n := makeBatch(t.train, idx[lo:min(len(idx), lo+cfg.Batch)])
		b.Denom = float64(max(1, denom))
		l, err := t.model.Forward(b, true)
		if err != nil {
			return StepLog{}, fmt.Errorf("step %d: %w", st.Step+1, err)
		}
		t.model.Backward()
		loss += l
		tokens += n
	}
	if ctx.Err() != nil { // the step is complete but not applied: drop it
		t.model.ZeroGrad()
		return StepLog{}, ErrInterrupted
	}
	grads := t.model.Grad().Params()
	norm := lora.ClipGradNorm(grads, cfg.ClipNorm)
	lr := lora.CosineLR(st.Step, t.total, t.warmup, cfg.LR, cfg.MinLRRatio)
	if err := t.adam.Update(t.ad.Params(), grads, lr); err != nil {
		return StepLog{}, err
	}
	t.model.ZeroGrad()
	st.Step++
	st.Smooth = 0.9*st.Smooth + 0.1*loss
	smooth := st.Smooth / (1 - math.Pow(0.9, float64(len(st.Losses)+1)))
	st.Losses = append(st.Losses, loss)
	st.Train = append(st.Train, [2]float64{float64(st.Step), loss})
	t.stepsThisRun++
	t.tokensThisRun += tokens
	log := StepLog{Step: st.Step, Epoch: st.Epoch + 1, Loss: loss, Smoothed: smooth, LR: lr, GradNorm: norm,
		Tokens: tokens, TokensPerS: float64(tokens) / time.Since(start).Seconds()}
	if err := t.appendLog(log); err != nil {
		return StepLog{}, err
	}
	t.drawProgress(log)
	if t.opt.OnStep != nil {
		t.opt.OnStep(log)
	}
	return log, nil
}

// makeBatch packs examples into a Batch padded to the longest of them
// (padding: token 0, no target) and returns it with its real token count.
func makeBatch(set []Example, idx []int) (lora.Batch, int) {
	seq := 0
	for _, i := range idx {
		seq = max(seq, len(set[i].Tokens))
	}
	b := lora.Batch{Tokens: make([]int32, len(idx)*seq), Targets: make([]int32, len(idx)*seq), Seq: seq}
	n := 0
	for j, i := range idx {
		ex := set[i]
		row := j * seq
		copy(b.Tokens[row:], ex.Tokens)
		copy(b.Targets[row:], ex.Targets)
		for k := len(ex.Tokens); k < seq; k++ {
			b.Targets[row+k] = -1
		}
		n += len(ex.Tokens)
	}
	return b, n
}

// validate returns the mean loss per counted token over the validation set
// (no dropout, no gradient).
func (t *trainer) validate(ctx context.Context) (float64, error) {
	var sum float64
	var count int
	for lo := 0; lo < len(t.val); lo += t.cfg.Batch {
		if ctx.Err() != nil {
			return 0, ErrInterrupted
		}
		idx := make([]int, 0, t.cfg.Batch)
		for i := lo; i < min(len(t.val), lo+t.cfg.Batch); i++ {
			idx = append(idx, i)
		}
		b, _ := makeBatch(t.val, idx)
		c := 0
		for _, i := range idx {
			c += t.val[i].Counted()
		}
		if c == 0 {
			continue
		}
		b.Denom = float64(c)
		l, err := t.model.Forward(b, false)
		if err != nil {
			return 0, fmt.Errorf("validation: %w", err)
		}
		sum += l * float64(c)
		count += c
	}
	return sum / float64(max(1, count)), nil
}

// endEpoch validates, keeps the best adapter, applies early stopping,
// advances the epoch and writes a checkpoint and the plot.
func (t *trainer) endEpoch() error {
	st, cfg := &t.st, t.cfg
	if len(t.val) > 0 {
		v, err := t.validate(context.Background())
		if err != nil {
			return err
		}
		best := v < st.BestVal
		st.Val = append(st.Val, [2]float64{float64(st.Step), v})
		if err := t.appendLog(ValLog{Step: st.Step, Epoch: st.Epoch + 1, ValLoss: v, Best: best}); err != nil {
			return err
		}
		fmt.Fprintf(t.progress, "\nepoch %d: validation loss %.4f%s\n", st.Epoch+1, v, map[bool]string{true: " (best: adapter written)", false: ""}[best])
		if best {
			st.BestVal, st.BadEpochs = v, 0
			if err := t.writeAdapter(); err != nil {
				return err
			}
		} else {
			st.BadEpochs++
			if cfg.Patience > 0 && st.BadEpochs >= cfg.Patience && st.Stop == "" {
				st.Stop = "early stopping"
			}
		}
	} else if err := t.writeAdapter(); err != nil {
		return err
	}
	st.Epoch++
	st.Pos = 0
	if err := t.saveCheckpoint(); err != nil {
		return err
	}
	return plotLoss(filepath.Join(cfg.Out, PlotFile), st.Train, st.Val)
}

package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"domaingen/engine"
	"domaingen/finetune"
)

func init() {
	commands["finetune"] = command{"train a LoRA adapter on chat JSONL with the native trainer", runFinetune}
}

func runFinetune(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("finetune", flag.ContinueOnError)
	fs.SetOutput(stderr)
	d := finetune.Defaults()
	cfg := d
	fs.StringVar(&cfg.Data, "data", "", "training data: JSONL chat records {\"messages\":[...]} (required)")
	fs.StringVar(&cfg.Val, "val", "", "validation data JSONL (optional; enables best-adapter selection and early stopping)")
	fs.StringVar(&cfg.Out, "out", "", "run `folder` for adapter.gguf, config.json, train_log.jsonl, loss.png, checkpoint.gob (required)")
	fs.StringVar(&cfg.Model, "model", engine.DefaultModel, "base GGUF model `path`")
	fs.IntVar(&cfg.Rank, "rank", d.Rank, "LoRA rank r")
	fs.Float64Var(&cfg.Alpha, "alpha", d.Alpha, "LoRA alpha (the update is scaled by alpha/rank)")
	fs.StringVar(&cfg.Targets, "targets", d.Targets, "adapted layers of each block: all (q,k,v,o,gate,up,down), attn (q,k,v,o) or a list like attn_q,ffn_up")
	fs.StringVar(&cfg.Layers, "layers", d.Layers, "adapted blocks: all, a range like 20-29, or a list")
	fs.Float64Var(&cfg.LR, "lr", d.LR, "peak learning rate")
	fs.Float64Var(&cfg.MinLRRatio, "min-lr-ratio", d.MinLRRatio, "cosine decay ends at this fraction of --lr")
	fs.Float64Var(&cfg.Warmup, "warmup", d.Warmup, "linear warm-up, as a fraction of all optimizer steps")
	fs.Float64Var(&cfg.WeightDecay, "weight-decay", d.WeightDecay, "AdamW decoupled weight decay")
	fs.Float64Var(&cfg.ClipNorm, "clip", d.ClipNorm, "clip the global gradient norm to this (0: off)")
	fs.Float64Var(&cfg.Dropout, "dropout", d.Dropout, "LoRA input dropout")
	fs.IntVar(&cfg.Epochs, "epochs", d.Epochs, "passes over the training data")
	fs.IntVar(&cfg.Batch, "batch", d.Batch, "sequences per micro-batch (memory grows with batch × seq)")
	fs.IntVar(&cfg.Accum, "accum", d.Accum, "micro-batches per optimizer step (effective batch = batch × accum)")
	fs.IntVar(&cfg.Seq, "seq", d.Seq, "most tokens per sequence; longer chats lose their first tokens, never the answer")
	fs.Uint64Var(&cfg.Seed, "seed", d.Seed, "seed of data order, adapter initialisation and dropout: same seed, same run")
	fs.IntVar(&cfg.Threads, "threads", 0, "threads (default: all cores)")
	fs.IntVar(&cfg.Patience, "patience", d.Patience, "stop after this many epochs without a better validation loss (0: never)")
	fs.IntVar(&cfg.CheckpointEvery, "checkpoint-every", d.CheckpointEvery, "optimizer steps between checkpoints (one is also written at each epoch's end)")
	fs.IntVar(&cfg.MaxSteps, "max-steps", 0, "stop after this many optimizer steps (0: no limit)")
	resume := fs.Bool("resume", false, "continue the run in --out from its checkpoint (its saved configuration is used; only --threads may change)")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: domaingen finetune --data train.jsonl [--val val.jsonl] --out adapters/NAME [flags]
       domaingen finetune --out adapters/NAME --resume

Trains a LoRA adapter for the base model with the native Go trainer
(package lora). Each JSONL line is a chat in the Hugging Face TRL format:
  {"messages":[{"role":"system","content":"..."},{"role":"user","content":"..."},
               {"role":"assistant","content":"..."}]}
The chat is rendered with the model's template exactly as serving renders
it; the loss counts only the final assistant turn and its end-of-turn token.

Writes into --out: adapter.gguf (best validation loss; last without --val),
config.json (hyper-parameters, SHA-256 of data and model, git revision),
train_log.jsonl, loss.png and checkpoint.gob. Ctrl-C finishes the current
micro-batch, drops the unfinished step, writes a checkpoint and exits 1;
--resume continues exactly where it stopped.

Serve the result with: domaingen serve --adapter adapters/NAME/adapter.gguf

Flags:
`)
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("unexpected arguments %q", fs.Args())
	}
	if cfg.Out == "" {
		return usageError("--out is required")
	}
	if !*resume && cfg.Data == "" {
		return usageError("--data is required (or --resume)")
	}
	res, err := finetune.Train(ctx, cfg, finetune.Options{Progress: stderr, Resume: *resume})
	if err != nil {
		return err // ErrInterrupted's message says how to resume
	}
	fmt.Fprintf(stdout, "trained %d steps (%s); adapter: %s", res.Steps, res.StopReason, res.Adapter)
	if res.BestVal == res.BestVal { // not NaN
		fmt.Fprintf(stdout, " (validation loss %.4f)", res.BestVal)
	}
	fmt.Fprintln(stdout)
	return nil
}

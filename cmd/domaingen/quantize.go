package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"domaingen/engine"
	"domaingen/llama"
	"domaingen/lora"
	"domaingen/prompt"
)

func init() {
	commands["quantize"] = command{"merge a LoRA adapter into the base model and quantize it (Q8_0, Q4_K_M)", runQuantize}
}

func runQuantize(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("quantize", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		model   = fs.String("model", engine.DefaultModel, "base GGUF model `path`")
		adapter = fs.String("adapter", "", "LoRA adapter GGUF `path` to merge (W += alpha/r·B·A) before quantizing (optional)")
		typ     = fs.String("type", "Q8_0", "target type: Q8_0, Q4_K_M, Q4_1, F16 or F32")
		out     = fs.String("out", "", "output GGUF `path` (required)")
		threads = fs.Int("threads", 0, "quantization threads (default: free cores)")
	)
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: domaingen quantize --model BASE.gguf [--adapter A.gguf] --type Q8_0|Q4_K_M|Q4_1 --out OUT.gguf

Writes a stand-alone model: with --adapter, an F32 copy of the base with
the adapter merged into its weights (tensor by tensor), then quantized by
llama.cpp to --type (re-quantizing the base's own quantized weights is
allowed, and lossy). Without --adapter it only re-quantizes the base.
A merged model records the prompt layout it must be served with
(domaingen.prompt = compact), so serving it needs no --prompt flag.

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
	if *out == "" {
		return usageError("--out is required")
	}
	ftype, err := llama.ParseFileType(*typ)
	if err != nil {
		return usageError("%v", err)
	}
	if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
		return err
	}
	start := time.Now()
	src := *model
	if *adapter != "" {
		ad, err := lora.ReadGGUF(*adapter)
		if err != nil {
			return err
		}
		merged := *out + ".merged-f32.tmp"
		defer os.Remove(merged)
		fmt.Fprintf(stderr, "merging %s (rank %d, %d tensors, scale %g) into an F32 copy of %s...\n", *adapter, ad.Rank, 2*len(ad.Pairs), ad.Scale(), *model)
		// The merged model is served as the adapter was: with the prompt
		// layout adapters are trained on (engine reads this key).
		meta := map[string]string{
			engine.PromptMetaKey:       string(prompt.Compact),
			"domaingen.merged_adapter": filepath.Base(filepath.Dir(*adapter)) + "/" + filepath.Base(*adapter),
		}
		if err := lora.MergeGGUF(*model, ad, merged, meta); err != nil {
			return err
		}
		src = merged
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "quantizing to %s...\n", *typ)
	tmp := *out + ".tmp"
	if err := llama.Quantize(src, tmp, ftype, *threads, true); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, *out); err != nil {
		os.Remove(tmp)
		return err
	}
	fi, _ := os.Stat(*out)
	fmt.Fprintf(stdout, "wrote %s (%s, %.1f MB) in %s\n", *out, *typ, float64(fi.Size())/1e6, time.Since(start).Round(time.Millisecond))
	return nil
}

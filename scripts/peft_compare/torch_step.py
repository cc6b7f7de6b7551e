"""PyTorch + PEFT half of scripts/peft_compare/run.sh.

Loads the float32 Hugging Face copy of the GGUF model written by
`peft_compare export`, wraps it with PEFT LoRA (rank 16 / alpha 32 on
q,k,v,o,gate,up,down of every block, dropout 0.05 by default), and times
training steps on the token file written by `peft_compare tokens`:
zero_grad, forward (train mode), cross-entropy over every position,
backward, clip_grad_norm_, AdamW step. Prints one JSON line (the same
fields as the Go side).

    python torch_step.py --model-dir DIR --tokens F --batch B --seq T --threads N

`--report GO.json TORCH.json` prints the comparison table instead.
"""

import argparse
import json
import os
import resource
import sys
import time


def parse():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model-dir")
    p.add_argument("--tokens")
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--seq", type=int, default=256)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--steps", type=int, default=3)
    p.add_argument("--rank", type=int, default=16)
    p.add_argument("--alpha", type=float, default=32)
    p.add_argument("--dropout", type=float, default=0.05)
    p.add_argument("--lr", type=float, default=2e-4)
    p.add_argument("--clip", type=float, default=1.0)
    p.add_argument("--attn", default="sdpa", help="transformers attn_implementation (sdpa or eager)")
    p.add_argument("--report", nargs=2, metavar=("GO_JSON", "TORCH_JSON"))
    return p.parse_args()


def report(go_path, torch_path):
    go = json.load(open(go_path))
    pt = json.load(open(torch_path))
    ratio = go["tokens_per_s"] / pt["tokens_per_s"]
    print(f"LoRA training step: batch {go['batch']} x seq {go['seq']}, threads {go['threads']}, "
          f"{go['steps']} timed step(s) after warm-up; trainable params go {go['trainable_params']:,} "
          f"/ torch {pt['trainable_params']:,}")
    rows = [("PyTorch + PEFT", pt), ("Go (package lora)", go)]
    print(f"{'side':<18} {'tokens/s':>10} {'s/step':>8} {'loss step 0':>12} {'peak RSS MiB':>13}  info")
    for name, r in rows:
        sps = sum(r["step_seconds"]) / len(r["step_seconds"])
        print(f"{name:<18} {r['tokens_per_s']:>10.1f} {sps:>8.2f} {r['loss'][0]:>12.6f} {r['peak_rss_mib']:>13.0f}  {r['info']}")
    print(f"ratio (Go / PyTorch tokens/s): {ratio:.2f}")
    d = abs(go["loss"][0] - pt["loss"][0])
    print(f"step-0 loss |difference| {d:.2e} (B = 0 at step 0, so both compute the base model's loss; "
          f"a large difference means the weights or config differ)")
    if d > 1e-4 * abs(pt["loss"][0]):
        print("WARNING: step-0 losses differ by more than 1e-4 relative: the two sides do not run the same model")


def main():
    a = parse()
    if a.report:
        report(*a.report)
        return
    # Thread counts must be fixed before torch starts its pools.
    for v in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[v] = str(a.threads)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import numpy as np
    import torch
    import torch.nn.functional as F
    import transformers
    import peft
    from peft import LoraConfig, get_peft_model
    from transformers import LlamaForCausalLM

    transformers.utils.logging.disable_progress_bar()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    t0 = time.perf_counter()
    model = LlamaForCausalLM.from_pretrained(a.model_dir, dtype=torch.float32, attn_implementation=a.attn)
    model.config.use_cache = False
    cfg = LoraConfig(r=a.rank, lora_alpha=a.alpha, lora_dropout=a.dropout, bias="none",
                     target_modules=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"],
                     task_type="CAUSAL_LM")
    model = get_peft_model(model, cfg)
    model.train()
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=a.lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0)
    load_s = time.perf_counter() - t0

    ids = np.fromfile(a.tokens, dtype="<i4")
    if ids.size != a.batch * (a.seq + 1):
        sys.exit(f"{a.tokens}: {ids.size} ids, want {a.batch}x{a.seq + 1}")
    ids = torch.from_numpy(ids.astype(np.int64)).view(a.batch, a.seq + 1)
    inputs, targets = ids[:, :-1].contiguous(), ids[:, 1:].contiguous()

    losses, warm, timed = [], [], []
    for i in range(a.warmup + a.steps):
        start = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        logits = model(input_ids=inputs, use_cache=False).logits
        loss = F.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1))
        loss.backward()
        if a.clip > 0:
            torch.nn.utils.clip_grad_norm_(params, a.clip)
        opt.step()
        dt = time.perf_counter() - start
        losses.append(loss.item())
        (warm if i < a.warmup else timed).append(dt)
        print(f"torch step {i}: loss {losses[-1]:.6f}, {dt:.2f} s", file=sys.stderr)

    res = {
        "side": "torch", "batch": a.batch, "seq": a.seq, "threads": a.threads, "steps": a.steps,
        "step_seconds": timed, "warmup_seconds": warm,
        "tokens_per_s": a.batch * a.seq * len(timed) / sum(timed),
        "loss": losses, "load_seconds": load_s,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,  # Linux: KiB
        "trainable_params": sum(p.numel() for p in params),
        "info": f"torch {torch.__version__}, transformers {transformers.__version__}, peft {peft.__version__}, "
                f"attn {model.config._attn_implementation}, {torch.get_num_threads()} threads"
                + (f", OMP_WAIT_POLICY={os.environ['OMP_WAIT_POLICY']}" if "OMP_WAIT_POLICY" in os.environ else ""),
    }
    print(json.dumps(res))


if __name__ == "__main__":
    main()

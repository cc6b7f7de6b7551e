#!/usr/bin/env bash
# Hyper-parameter sweep for the LoRA adapter, selected on the validation
# split (never on test). Each point trains one epoch on the first
# $SWEEP_TRAIN training examples and reports the loss on the first
# $SWEEP_VAL validation examples; everything else is `make finetune`'s
# setting. Results: runs/sweep/<point>/ and runs/sweep/summary.md.
#
#   scripts/sweep.sh                       # the default grid below
#   SWEEP_POINTS="r16-lr1e-3 r8-lr1e-3" scripts/sweep.sh
#
# A point is r<rank>-lr<learning rate>[-e<epochs>]. Needs bin/domaingen
# and data/ (make build dataset). About 7 minutes per point on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BIN:-bin/domaingen}
TRAIN_N=${SWEEP_TRAIN:-500}
VAL_N=${SWEEP_VAL:-100}
POINTS=${SWEEP_POINTS:-"r16-lr5e-4 r16-lr1e-3 r16-lr2e-3 r8-lr1e-3"}
BASE_FLAGS=${SWEEP_FLAGS:-"--batch 4 --accum 4 --seq 320 --warmup 0.05 --dropout 0.05 --targets all --layers 12-29 --seed 1"}
OUT=runs/sweep

[ -x "$BIN" ] || { echo "sweep: $BIN missing: run make build" >&2; exit 1; }
[ -f data/train.jsonl ] || { echo "sweep: data/train.jsonl missing: run make dataset" >&2; exit 1; }
mkdir -p "$OUT"
head -n "$TRAIN_N" data/train.jsonl > "$OUT/train.jsonl"
head -n "$VAL_N" data/val.jsonl > "$OUT/val.jsonl"

for p in $POINTS; do
  [[ $p =~ ^r([0-9]+)-lr([0-9.e-]+)(-e([0-9]+))?$ ]] || { echo "sweep: bad point $p" >&2; exit 2; }
  rank=${BASH_REMATCH[1]} lr=${BASH_REMATCH[2]} epochs=${BASH_REMATCH[4]:-1}
  dir="$OUT/$p"
  if [ -f "$dir/adapter.gguf" ] && grep -q '"val_loss"' "$dir/train_log.jsonl" 2>/dev/null; then
    echo "sweep: $p done already"; continue
  fi
  rm -rf "$dir"
  echo "sweep: $p (rank $rank, alpha $((2 * rank)), lr $lr, $epochs epoch(s))"
  # shellcheck disable=SC2086
  "$BIN" finetune --data "$OUT/train.jsonl" --val "$OUT/val.jsonl" --out "$dir" \
    --rank "$rank" --alpha "$((2 * rank))" --lr "$lr" --epochs "$epochs" $BASE_FLAGS
done

{
  echo "# LoRA sweep (validation loss)"
  echo
  echo "\`scripts/sweep.sh\` — train: first $TRAIN_N of data/train.jsonl, val: first $VAL_N of data/val.jsonl, flags: \`$BASE_FLAGS\`"
  echo
  echo "| point | rank | lr | epochs | steps | last train loss | val loss | minutes |"
  echo "|---|---|---|---|---|---|---|---|"
  for p in $POINTS; do
    python3 - "$OUT/$p" "$p" <<'PY'
import json, sys
d, name = sys.argv[1], sys.argv[2]
cfg = json.load(open(d + "/config.json"))
steps, val, loss, secs = 0, float("nan"), float("nan"), 0.0
for line in open(d + "/train_log.jsonl"):
    r = json.loads(line)
    if "val_loss" in r:
        val = r["val_loss"]
    elif "step" in r:
        steps, loss = r["step"], r["loss"]
        secs += r["tokens"] / max(r["tokens_per_s"], 1e-9)
c = cfg.get("config", cfg)
print(f"| {name} | {c.get('rank')} | {c.get('lr')} | {c.get('epochs')} | {steps} | {loss:.3f} | {val:.3f} | {secs/60:.1f} |")
PY
  done
} > "$OUT/summary.md"
cat "$OUT/summary.md"

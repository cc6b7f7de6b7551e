#!/usr/bin/env bash
# run.sh — the same LoRA training step with PyTorch + PEFT and with the Go
# trainer (package lora), on this CPU, one after the other; prints both
# throughputs (tokens/s of forward + backward + optimizer step), their
# ratio (Go / PyTorch) and each side's peak RSS.
#
#   scripts/peft_compare/run.sh [--batch 8 --seq 256 --threads 2 --steps 3 --warmup 1 --attn sdpa]
#
# Model: SmolLM2-135M-Instruct, both sides from models/*.Q4_1.gguf: Go
# dequantises it itself; PyTorch loads a float32 Hugging Face copy written
# once by `peft_compare export` (.work/hf, ≈ 515 MiB). LoRA rank 16 / alpha 32
# on q,k,v,o,gate,up,down of all 30 blocks, dropout 0.05, fp32, random token
# ids (the same file for both), loss on every position, AdamW lr 2e-4,
# gradient clipping at 1.
#
# First run: creates .venv (torch, transformers, peft from PyPI, pinned in
# requirements.txt, ≈ 4.3 GiB installed) and builds the Go side. Run it on an
# otherwise idle machine: PyTorch's OpenMP threads spin-wait, and on cores
# shared with another job a step becomes many times slower (see
# docs/performance.md). Extra environment (e.g. OMP_WAIT_POLICY=PASSIVE)
# reaches the PyTorch side unchanged.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

batch=8 seq=256 threads=2 steps=3 warmup=1 attn=sdpa
model=${MODEL:-models/SmolLM2-135M-Instruct.Q4_1.gguf}
while [ $# -gt 0 ]; do
	case "$1" in
	--batch) batch=$2; shift 2 ;;
	--seq) seq=$2; shift 2 ;;
	--threads) threads=$2; shift 2 ;;
	--steps) steps=$2; shift 2 ;;
	--warmup) warmup=$2; shift 2 ;;
	--model) model=$2; shift 2 ;;
	--attn) attn=$2; shift 2 ;; # PyTorch attention: sdpa (default) or eager
	-h | --help) sed -n '2,20p' "$0"; exit 0 ;;
	*) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
	esac
done
[ -f "$model" ] || { echo "run.sh: $model not found (make model)" >&2; exit 1; }

venv=$here/.venv work=$here/.work
mkdir -p "$work"

# 1. Python environment.
if ! "$venv/bin/python" -c 'import torch, transformers, peft, safetensors' 2>/dev/null; then
	echo "== creating $venv (pip install --no-deps -r requirements.txt)" >&2
	python3 -m venv "$venv"
	"$venv/bin/pip" install --quiet --no-deps --only-binary=:all: -r "$here/requirements.txt"
	"$venv/bin/python" -c 'import torch, transformers, peft, safetensors'
fi

# 2. Go side (pure Go: package lora needs no cgo).
echo "== go build ./scripts/peft_compare" >&2
go build -o "$work/peft_compare" ./scripts/peft_compare

# 3. float32 Hugging Face copy of the model, rewritten when the GGUF or the
#    exporter changes.
hf=$work/hf
stamp="$(realpath "$model") $(stat -c '%s %Y' "$model") $(sha256sum "$here/main.go" | cut -c1-16)"
if [ ! -f "$hf/model.safetensors" ] || [ "$(cat "$hf/stamp" 2>/dev/null)" != "$stamp" ]; then
	echo "== exporting $model to $hf" >&2
	rm -f "$hf/stamp"
	"$work/peft_compare" export --model "$model" --out "$hf"
	echo "$stamp" >"$hf/stamp"
fi

# 4. One token file for both sides.
toks=$work/tokens-${batch}x${seq}.bin
"$work/peft_compare" tokens --model "$model" --batch "$batch" --seq "$seq" --seed 1 --out "$toks"

load=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
	echo "run.sh: warning: load average $load — other jobs share the cores; the numbers (PyTorch's especially) will be low" >&2
fi

common=(--batch "$batch" --seq "$seq" --threads "$threads" --steps "$steps" --warmup "$warmup")
echo "== PyTorch + PEFT" >&2
TRANSFORMERS_VERBOSITY=error PYTHONWARNINGS=ignore \
	"$venv/bin/python" "$here/torch_step.py" --model-dir "$hf" --tokens "$toks" --attn "$attn" "${common[@]}" >"$work/torch.json"
echo "== Go (package lora)" >&2
"$work/peft_compare" step --model "$model" --tokens "$toks" "${common[@]}" >"$work/go.json"

echo
"$venv/bin/python" "$here/torch_step.py" --report "$work/go.json" "$work/torch.json"

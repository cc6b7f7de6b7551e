#!/usr/bin/env bash
# gpu-check.sh — on a machine with an NVIDIA GPU, serve our GGUF model and
# adapter with llama-server on the GPU (-ngl 99) and on the CPU (-ngl 0),
# one after the other, and report for each: decode tokens/s (llama-server's
# own timings for one 12-sequence grammar-constrained request) and
# suggestion latency through `domaingen suggest --backend` (p50 of 10
# requests). With GGML_CUDA_MODULE=path/libggml-cuda.so (built by
# scripts/build-ggml-cuda.sh) it also times the in-process CUDA path
# (`--ggml-backend ... --gpu-layers 99`) against in-process CPU.
#
#   scripts/gpu-check.sh            # needs llama-server (CUDA build) on PATH or in $LLAMA_SERVER
#
# Needs: bin/domaingen (make build), models/SmolLM2-135M-Instruct.Q4_1.gguf
# (make model), adapters/smollm2-domains/adapter.gguf, curl. Writes the
# table to stdout and, when $OUT is set (the device tool), to
# $OUT/gpu-check.md. Nothing in `make test` runs it.
#
# Status: prepared, NOT run — the session that wrote it had no GPU machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

model=${MODEL:-models/SmolLM2-135M-Instruct.Q4_1.gguf}
adapter=${ADAPTER:-adapters/smollm2-domains/adapter.gguf}
server=${LLAMA_SERVER:-$(command -v llama-server || true)}
bin=${BIN:-bin/domaingen}
port=${PORT:-18081}
runs=${RUNS:-10}
out=${OUT:-}

for f in "$model" "$adapter" "$bin"; do
	[ -e "$f" ] || { echo "gpu-check: $f missing (make model / make build)" >&2; exit 2; }
done
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || echo "gpu-check: nvidia-smi not found" >&2

report=$(mktemp)
trap 'rm -f "$report"; [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true' EXIT
echo "| path | device | decode tokens/s | suggest p50 ms | suggest max ms |" >>"$report"
echo "|---|---|---|---|---|" >>"$report"

# p50 and max wall time (ms) of $runs suggest calls: "$@" is the command.
latency() {
	local times=() i t0 t1
	for i in $(seq 1 "$runs"); do
		t0=$(date +%s%N)
		"$@" --seed "$i" "organic coffee shop downtown" >/dev/null
		t1=$(date +%s%N)
		times+=($(((t1 - t0) / 1000000)))
	done
	printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%d %d", a[int((NR+1)/2)], a[NR]}'
}

# tokens/s of one /completion with 12 sequences under our grammar.
decode_rate() {
	local grammar g body
	grammar='root ::= [a-z] [a-z0-9]{2,20} "." ("com" | "io" | "co") "\n"'
	g=${grammar//\\/\\\\}
	g=${g//\"/\\\"}
	body=$(printf '{"prompt":"<|im_start|>system\\nYou suggest domain names.<|im_end|>\\n<|im_start|>user\\nSuggest a domain name for: organic coffee shop downtown<|im_end|>\\n<|im_start|>assistant\\n","n_predict":16,"n_cmpl":12,"n_probs":1,"seed":1,"cache_prompt":true,"grammar":"%s"}' "$g")
	curl -sf "http://127.0.0.1:$port/completion" -H 'Content-Type: application/json' -d "$body" |
		grep -o '"predicted_per_second":[0-9.]*' | cut -d: -f2 | awk '{s+=$1} END {if (NR) printf "%.0f (sum of %d sequences)", s, NR; else print "n/a"}'
}

if [ -n "$server" ]; then
	for ngl in 99 0; do
		"$server" -m "$model" --lora "$adapter" --host 127.0.0.1 --port "$port" -ngl "$ngl" -np 16 -c 8192 --alias smollm2-domains >/tmp/gpu-check-server.log 2>&1 &
		pid=$!
		for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done
		rate=$(decode_rate)
		read -r p50 mx < <(latency "$bin" suggest --backend "http://127.0.0.1:$port" --backend-protocol llama --backend-fallback composer)
		dev=GPU; [ "$ngl" = 0 ] && dev=CPU
		echo "| llama-server -ngl $ngl | $dev | $rate | $p50 | $mx |" >>"$report"
		kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
	done
else
	echo "gpu-check: no llama-server (set LLAMA_SERVER); skipping the remote path" >&2
fi

read -r p50 mx < <(latency "$bin" suggest --model "$model" --adapter "$adapter")
echo "| in-process | CPU | (see docs/performance.md) | $p50 | $mx |" >>"$report"
if [ -n "${GGML_CUDA_MODULE:-}" ]; then
	read -r p50 mx < <(latency "$bin" suggest --model "$model" --adapter "$adapter" --ggml-backend "$GGML_CUDA_MODULE" --gpu-layers 99)
	echo "| in-process --ggml-backend libggml-cuda.so --gpu-layers 99 | GPU | n/a | $p50 | $mx |" >>"$report"
fi

cat "$report"
[ -n "$out" ] && cp "$report" "$out/gpu-check.md"
exit 0

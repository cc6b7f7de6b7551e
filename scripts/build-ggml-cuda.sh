#!/usr/bin/env bash
# build-ggml-cuda.sh — build ggml's CUDA backend as a loadable module
# (libggml-cuda.so) from the same ggml sources package llama compiles: the
# pinned github.com/ollama/ollama module, with ollama's CMakeLists
# (GGML_BACKEND_DL on). nvcc compiles it, outside cgo; package llama loads
# it at run time (llama.LoadBackend, `--ggml-backend`), as ollama does.
#
#   scripts/build-ggml-cuda.sh [build-dir]     # CUDA_ARCH=90 for H100 (default: native)
#
# Needs: cmake >= 3.24, a CUDA toolkit (nvcc), go (to find the module).
# Status: prepared, NOT run — no CUDA toolkit or GPU where it was written.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/ggml-cuda}
src=$(cd "$root" && go list -m -f '{{.Dir}}' github.com/ollama/ollama)
command -v nvcc >/dev/null || { echo "build-ggml-cuda: nvcc not found (install the CUDA toolkit)" >&2; exit 2; }
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CUDA_ARCHITECTURES="${CUDA_ARCH:-native}"
cmake --build "$build" --target ggml-cuda -j "$(nproc)"
lib=$(find "$build" -name 'libggml-cuda.so' | head -n1)
[ -n "$lib" ] || { echo "build-ggml-cuda: libggml-cuda.so not produced" >&2; exit 1; }
echo "$lib"
echo "use: bin/domaingen suggest --ggml-backend $lib --gpu-layers 99 \"...\"" >&2

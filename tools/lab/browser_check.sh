#!/usr/bin/env bash
# Real-browser check: starts JupyterLab (the venv of bin/lab) on 127.0.0.1 with a token on a copy of
# notebooks/ in target/browser/lab, opens NOTEBOOK (default 01-getting-started.ipynb) in headless
# Chromium driven by Playwright (tools/lab/node_modules, `npm ci` there), runs all cells in quick mode,
# waits for a rendered chart <img> and an HTML table (target/browser/notebook-NN.png, -table.png), then
# appends a full-mode MNIST training cell, waits for its live chart (target/browser/live-training.png),
# presses the stop button (the cell must end within 2 s) and runs one more training cell, expecting its
# result (tools/lab/browser_check.mjs); prints the peak memory of the JupyterLab server plus its kernel. Needs: bin/lab --setup-only, node, /usr/bin/chromium
# (or $CHROMIUM), and `npm ci` in tools/lab. Exit 0 on success, 1 on failure, 3 if something is missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="${DESCENT_LAB_VENV:-$root/.venv-lab}"
notebook="${1:-01-getting-started.ipynb}"
chromium="${CHROMIUM:-/usr/bin/chromium}"
out="$root/target/browser"
shot="$out/notebook-${notebook%%-*}.png"

missing=()
[ -x "$venv/bin/jupyter" ] || missing+=("the venv $venv (run bin/lab --setup-only)")
command -v node >/dev/null 2>&1 || missing+=("node (apt-get install nodejs npm)")
[ -x "$chromium" ] || missing+=("$chromium (apt-get install chromium)")
[ -d "$root/tools/lab/node_modules/playwright-core" ] || missing+=("playwright-core (cd tools/lab && npm ci)")
if [ ${#missing[@]} -gt 0 ]; then
  printf 'browser check: missing %s\n' "${missing[@]}" >&2
  exit 3
fi

rm -rf "$out/lab" && mkdir -p "$out/lab" && cp "$root"/notebooks/*.ipynb "$out/lab/"
port="$("$venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
token="$("$venv/bin/python" -c 'import secrets; print(secrets.token_hex(16))')"
export DESCENT_QUICK=1 DJL_OFFLINE=true OPT_OUT_TRACKING=true
"$venv/bin/jupyter" lab --no-browser --ip 127.0.0.1 --port "$port" --IdentityProvider.token="$token" \
  --ServerApp.root_dir="$out/lab" --LabApp.expose_app_in_browser=True --ServerApp.open_browser=False \
  --LabApp.extension_manager=readonly --LabApp.news_url=None \
  --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate $( [ "$(id -u)" = 0 ] && echo --allow-root ) \
  > "$out/jupyterlab.log" 2>&1 &
lab_pid=$!
"$venv/bin/python" "$root/tools/lab/tree_memory.py" "$lab_pid" > "$out/memory.txt" &
mem_pid=$!
cleanup() {
  kill "$lab_pid" 2>/dev/null || true
  wait "$lab_pid" 2>/dev/null || true
  kill "$mem_pid" 2>/dev/null || true
}
trap cleanup EXIT

for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/api/status?token=$token" >/dev/null 2>&1 && break
  kill -0 "$lab_pid" 2>/dev/null || { echo "browser check: JupyterLab exited (see $out/jupyterlab.log)" >&2; exit 1; }
  sleep 0.5
done
status=0
node "$root/tools/lab/browser_check.mjs" "http://127.0.0.1:$port/lab/tree/$notebook?token=$token" \
  "$notebook" "$shot" "$chromium" || status=$?
kill -USR1 "$mem_pid" 2>/dev/null || true
wait "$mem_pid" 2>/dev/null || true
cat "$out/memory.txt"
exit "$status"

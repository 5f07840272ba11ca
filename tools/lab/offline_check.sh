#!/usr/bin/env bash
# Offline check: runs one notebook (default notebooks/01-getting-started.ipynb) through the JJava kernel
# inside a new network namespace (unshare -n: only a loopback interface, no route anywhere), to show
# that after bin/lab --setup-only nothing needs the network. Needs root (or user namespaces), unshare
# and ip. Exit 0 on success, 1 on failure, 3 if something is missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="${DESCENT_LAB_VENV:-$root/.venv-lab}"
notebook="${1:-$root/notebooks/01-getting-started.ipynb}"
missing=()
[ -x "$venv/bin/python" ] || missing+=("the venv $venv (run bin/lab --setup-only)")
command -v unshare >/dev/null 2>&1 || missing+=("unshare (util-linux)")
command -v ip >/dev/null 2>&1 || missing+=("ip (iproute2)")
if [ ${#missing[@]} -gt 0 ]; then
  printf 'offline check: missing %s\n' "${missing[@]}" >&2
  exit 3
fi
if ! unshare -n true 2>/dev/null; then
  echo "offline check: cannot create a network namespace here (unshare -n needs root or user namespaces)" >&2
  exit 3
fi
# The kernel talks to the client over 127.0.0.1, so the namespace's loopback is brought up; nothing else is.
exec unshare -n bash -c '
  ip link set lo up
  if "$1" -c "import socket; socket.create_connection((\"pypi.org\", 443), timeout=3)" 2>/dev/null; then
    echo "offline check: the network is reachable inside the namespace; not a valid check" >&2; exit 1
  fi
  echo "offline check: no network in this namespace (pypi.org unreachable); running $(basename "$3")"
  exec "$1" "$2" --out "$4" "$3"
' _ "$venv/bin/python" "$root/tools/lab/test_notebooks.py" "$notebook" "$root/target/notebooks-offline"

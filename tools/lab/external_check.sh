#!/usr/bin/env bash
# External-notebook check: descent used the way a course uses it from its own repository
# (docs/instructors.md). `mvn install` puts org.descentlab:descent into the local Maven repository
# (~/.m2); then src/test/notebooks/course-notebook.ipynb, a notebook outside notebooks/, runs on a JJava
# kernel with NOTHING on its class path and no startup script (tools/lab/kernelspec.py --plain, a
# kernelspec `java` in a temporary directory put first on JUPYTER_PATH). The notebook loads descent with
# one `%maven` line, checks that the PyTorch native jar came with it, and trains the lecture MLP on a
# small MNIST subset. DJL stays offline in that kernel. Executed copy in target/notebooks-external/.
# Needs bin/lab --setup-only (the venv) and the MNIST cache. Exit 0 passed, 1 failed, 3 something missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="${DESCENT_LAB_VENV:-$root/.venv-lab}"
notebook="$root/src/test/notebooks/course-notebook.ipynb"
if [ ! -x "$venv/bin/python" ]; then
  echo "external check: missing the venv $venv (run bin/lab --setup-only)" >&2
  exit 3
fi

# 1. What an instructor runs once in the descent checkout (offline first; the first install may need
#    Maven Central for the install plugin itself).
echo "external check: mvn install -DskipTests (org.descentlab:descent into the local Maven repository)"
if ! mvn -q -B -ntp -Dstyle.color=never -o -f "$root/pom.xml" -DskipTests install; then
  echo "external check: offline install failed; retrying with network access"
  mvn -q -B -ntp -Dstyle.color=never -f "$root/pom.xml" -DskipTests install
fi

# 2. A plain JJava kernel: the venv's JJava jars, an empty class path, no startup script.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$venv/bin/python" "$root/tools/lab/kernelspec.py" "$root" --plain "$tmp/jupyter"

# 3. The notebook through the same runner as the course notebooks (it must pass its own checks).
env -u JJAVA_CLASSPATH -u JJAVA_STARTUP_SCRIPTS_PATH -u JJAVA_STARTUP_SCRIPT \
  JUPYTER_PATH="$tmp/jupyter" DJL_OFFLINE=true OPT_OUT_TRACKING=true \
  "$venv/bin/python" "$root/tools/lab/test_notebooks.py" --out "$root/target/notebooks-external" "$notebook"

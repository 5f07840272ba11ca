#!/usr/bin/env bash
# The check for a GPU machine (docs/gpu.md), with the GPU build (Maven profile gpu):
#   1. bin/descent doctor: engine, PyTorch build, GPUs, CUDA runtime, default device;
#   2. the training tests under -Pgpu, offline (on the GPU when the engine has one, else the CPU fallback);
#   3. one full lecture run on the GPU: descent reproduce adam --device gpu (100 epochs; lecture: 97.37 %);
#   4. the training benchmark on the GPU: bin/bench-train --device gpu, descent against PyTorch on that GPU.
# Without a GPU it runs what it can (1 and 2) and says, one line each, what it skipped and why.
# Usage: tools/gpu_check.sh [--quick]    --quick: reproduce --quick and bench-train --quick
# Output: logs and the reproduce report in target/gpu-check/; closes with one line per step
# ("gpu-check: <step>: ok | FAILED | skipped: <why>"); exit 1 if a step failed, else 0.
# The GPU build's jars (about 2.5 GB) come from Maven Central into ~/.m2 on the first run; after that the
# check runs offline.
set -uo pipefail
cd "$(dirname "$0")/.."

quick=()
case "${1:-}" in
  --quick) quick=(--quick) ;;
  "") ;;
  -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "gpu-check: unknown option $1 (tools/gpu_check.sh --help)" >&2; exit 2 ;;
esac

out=target/gpu-check
mkdir -p "$out"
export DESCENT_MAVEN_ARGS="-Pgpu" DJL_OFFLINE=true OPT_OUT_TRACKING=true
summary=()
failed=0
note() { summary+=("gpu-check: $1"); echo "gpu-check: $1"; }

# 1. doctor (builds the GPU build into target/lib on first use)
echo "== 1. descent doctor (GPU build) =="
if bin/descent doctor 2>"$out/doctor.err" | tee "$out/doctor.txt"; then
  note "doctor: ok ($(grep -m1 '^engine:' "$out/doctor.txt"))"
else
  tail -5 "$out/doctor.err"
  note "doctor: FAILED (see $out/doctor.err)"; failed=1
fi
gpus="$(sed -n 's/^gpus: \([0-9]*\).*/\1/p' "$out/doctor.txt")"
why="$(sed -n 's/^gpus: 0 (\(.*\))$/\1/p' "$out/doctor.txt")"
gpus="${gpus:-0}"
device="$(sed -n 's/^device: \([^ ]*\).*/\1/p' "$out/doctor.txt")"

# 2. training tests under the profile, offline (online once if a jar is missing from ~/.m2)
echo "== 2. training tests, -Pgpu, offline =="
tests='QuickTrainingTest,ResumeTest,LoopBehaviourTest,DevicesTest,DoctorCommandTest,ReproduceTest'
start=$(date +%s)
if ! mvn -B -ntp -o -Pgpu test -Dtest="$tests" >"$out/tests.log" 2>&1 \
    && grep -q "Cannot access\|offline mode and the artifact" "$out/tests.log"; then
  echo "gpu-check: a jar of the GPU build is missing from ~/.m2; fetching it once from Maven Central"
  mvn -B -ntp -Pgpu test -Dtest="$tests" >"$out/tests.log" 2>&1
fi
tests_line="$(grep -E '^\[(INFO|ERROR)\] Tests run: [0-9]+, Failures' "$out/tests.log" | tail -1 | sed 's/^\[[A-Z]*\] //')"
if grep -q "BUILD SUCCESS" "$out/tests.log"; then
  note "training tests (-Pgpu, offline, device ${device:-?}): ok ($tests_line; $(( $(date +%s) - start )) s)"
else
  grep -E "FAIL|ERROR\]" "$out/tests.log" | head -10
  note "training tests (-Pgpu, offline): FAILED (${tests_line:-no test summary}; see $out/tests.log)"; failed=1
fi

# 3. one full lecture run on the GPU
echo "== 3. lecture run on the GPU: reproduce adam =="
if [ "$gpus" -gt 0 ]; then
  if bin/descent reproduce adam --device gpu "${quick[@]}" --out "$out/reproduce-adam" 2>"$out/reproduce.err" \
      | tee "$out/reproduce.txt"; then
    note "lecture run on gpu:0 (adam${quick[*]:+, quick}): ok: $(grep -m1 '^| adam |' "$out/reproduce-adam/report.md" | cut -d'|' -f6-7 | tr -s ' ')"
  else
    tail -5 "$out/reproduce.err"
    note "lecture run on the GPU: FAILED (see $out/reproduce.err)"; failed=1
  fi
else
  note "lecture run on the GPU (reproduce adam --device gpu): skipped: no GPU (${why:-see $out/doctor.txt})"
fi

# 4. the training benchmark on the GPU against PyTorch on the same GPU
echo "== 4. training benchmark on the GPU =="
if [ "$gpus" -eq 0 ]; then
  note "training benchmark on the GPU (bin/bench-train --device gpu): skipped: no GPU (${why:-see $out/doctor.txt})"
else
  python="$(bash tools/bench/run.sh --print-python 2>"$out/bench-venv.err")"
  if [ "$("$python" -c 'import torch; print(torch.cuda.is_available())' 2>/dev/null)" != True ]; then
    note "training benchmark on the GPU: skipped: the torch of $python sees no GPU (torch.cuda.is_available() is not True)"
  elif bin/bench-train --device gpu "${quick[@]}" >"$out/bench.txt" 2>"$out/bench.err"; then
    cat "$out/bench.txt"
    note "training benchmark on gpu:0: ok: $(grep '^ratio' "$out/bench.txt" | sed 's/^ratio //' | paste -sd ';' -)"
  else
    tail -5 "$out/bench.err"
    note "training benchmark on the GPU: FAILED (see $out/bench.err)"; failed=1
  fi
fi

echo "== summary =="
printf '%s\n' "${summary[@]}"
exit "$failed"

"""Executes the course notebooks headless through the real JJava kernel and checks them.

For each notebook: the committed file must have its outputs cleared and use kernel `java`; it is run
with nbclient in quick mode (DESCENT_QUICK=1 unless --full); any error output, or an exception
printed on stderr, fails it; it must produce at least one image/png output. The executed copy and an
HTML export go to target/notebooks/. Prints each notebook's wall time and the peak memory of this
process (the Jupyter side) plus the kernel's process tree, and closes with 'N passed, N failed'.

Usage (with the venv of bin/lab --setup-only):
  .venv-lab/bin/python tools/lab/test_notebooks.py [NOTEBOOK ...] [--full] [--out DIR]
"""
import argparse
import glob
import os
import sys
import threading
import time

import nbformat
import psutil
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert import HTMLExporter

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TIME_TARGET_S = 60.0
MEMORY_TARGET_MB = 1536.0


class MemorySampler(threading.Thread):
    """Samples the summed RSS of this process and all its descendants (the kernel launcher and kernel
    JVM) every 100 ms; also keeps each process's own high-water mark (VmHWM) from /proc."""

    def __init__(self):
        super().__init__(daemon=True)
        self.me = psutil.Process()
        self.peak_total = 0
        self.peak_kernel = 0
        self.hwm = {}
        self.stop_event = threading.Event()

    @staticmethod
    def vm_hwm(pid):
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def sample(self):
        try:
            kids = self.me.children(recursive=True)
        except psutil.Error:
            kids = []
        kernel = 0
        for p in kids:
            try:
                kernel += p.memory_info().rss
                self.hwm[p.pid] = max(self.hwm.get(p.pid, 0), self.vm_hwm(p.pid))
            except psutil.Error:
                pass
        self.peak_kernel = max(self.peak_kernel, kernel)
        self.peak_total = max(self.peak_total, kernel + self.me.memory_info().rss)

    def run(self):
        while not self.stop_event.is_set():
            self.sample()
            self.stop_event.wait(0.1)

    def stop(self):
        self.stop_event.set()
        self.join()
        self.hwm[self.me.pid] = self.vm_hwm(self.me.pid)


def problems_of(nb):
    """Error outputs and exceptions on stderr, and the number of image/png outputs."""
    errors, images = [], 0
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                errors.append(f"cell {i}: {out.ename}: {out.evalue}")
            elif out.output_type == "stream" and out.name == "stderr":
                text = out.text
                if "Exception" in text or "ERROR" in text or "Error:" in text:
                    errors.append(f"cell {i}: stderr: {text.strip()[:300]}")
            elif "image/png" in out.get("data", {}):
                images += 1
    return errors, images


def committed_problems(nb):
    found = []
    if nb.metadata.get("kernelspec", {}).get("name") != "java":
        found.append("kernelspec name is not 'java'")
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count")):
            found.append(f"cell {i} has outputs or an execution count (commit notebooks cleared)")
    return found


def run_one(path, out_dir, timeout):
    name = os.path.splitext(os.path.basename(path))[0]
    nb = nbformat.read(path, as_version=4)
    failures = committed_problems(nb)
    client = NotebookClient(nb, timeout=timeout, kernel_name="java",
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    sampler = MemorySampler()
    sampler.start()
    start = time.monotonic()
    try:
        client.execute()
    except CellExecutionError as e:
        failures.append(str(e).strip().splitlines()[-1][:300] if str(e).strip() else "cell execution error")
    except Exception as e:  # kernel died, timeout, ...
        failures.append(f"{type(e).__name__}: {e}")
    wall = time.monotonic() - start
    sampler.stop()
    errors, images = problems_of(nb)
    failures += [e for e in errors if e not in failures]
    if images == 0:
        failures.append("no image/png output")
    os.makedirs(out_dir, exist_ok=True)
    nbformat.write(nb, os.path.join(out_dir, name + ".ipynb"))
    html, _ = HTMLExporter().from_notebook_node(nb)
    with open(os.path.join(out_dir, name + ".html"), "w", encoding="utf-8") as f:
        f.write(html)
    return name, wall, images, sampler, failures


def main():
    ap = argparse.ArgumentParser(description="execute the notebooks through the JJava kernel")
    ap.add_argument("notebooks", nargs="*", help="default: notebooks/*.ipynb")
    ap.add_argument("--full", action="store_true", help="full mode (DESCENT_QUICK unset)")
    ap.add_argument("--out", default=os.path.join(ROOT, "target", "notebooks"))
    ap.add_argument("--timeout", type=int, default=300, help="seconds per cell")
    args = ap.parse_args()

    paths = args.notebooks or sorted(glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb")))
    if not paths:
        print("no notebooks found")
        print("0 passed, 1 failed")
        return 1
    if args.full:
        os.environ.pop("DESCENT_QUICK", None)
    else:
        os.environ["DESCENT_QUICK"] = "1"
    os.environ.setdefault("DJL_OFFLINE", "true")
    os.environ.setdefault("OPT_OUT_TRACKING", "true")
    mode = "full" if args.full else "quick"
    print(f"notebooks: {len(paths)} in {mode} mode through kernel 'java'; executed copies and HTML in "
          f"{os.path.relpath(args.out, ROOT)}/")

    passed = failed = 0
    peak = 0
    for path in paths:
        name, wall, images, s, failures = run_one(path, args.out, args.timeout)
        total_mb = s.peak_total / 2**20
        kernel_mb = s.peak_kernel / 2**20
        hwm_mb = sum(s.hwm.values()) / 2**20
        peak = max(peak, total_mb)
        notes = []
        if wall > TIME_TARGET_S:
            notes.append(f"over the {TIME_TARGET_S:.0f} s target")
        if total_mb > MEMORY_TARGET_MB:
            notes.append(f"over the {MEMORY_TARGET_MB:.0f} MB target")
        status = "FAIL" if failures else "ok"
        print(f"{status:4} {name:32} {wall:6.1f} s  {images:2d} png  peak RSS {total_mb:6.0f} MB "
              f"(kernel tree {kernel_mb:.0f} MB; sum of VmHWM {hwm_mb:.0f} MB)"
              + (f"  [{'; '.join(notes)}]" if notes else ""), flush=True)
        for f in failures:
            print(f"     {f}")
        if failures:
            failed += 1
        else:
            passed += 1
    print(f"peak RSS of client + kernel over all notebooks: {peak:.0f} MB (target < {MEMORY_TARGET_MB:.0f} MB)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""What the live training display costs, measured in the real JJava kernel (bin/bench-live runs this).

Starts the kernel `java` (bin/lab --setup-only), loads MNIST once, then for each round trains the same
configuration twice in one cell each: with the live display (LiveTraining on the kernel's display, as
every Training in a notebook gets it) and without (ProgressListener.NONE), alternating which goes first.
One warm-up pair is not counted. Prints per round the training seconds of both and the listener's own
time, then the medians as ratios:
  ratio mid-run live/epoch        the listener's time before the run's end, as a share of the run
                                  (the same share of every epoch: lines and charts are throttled by time)
  ratio whole-run live/run        everything the listener spent, the end's summary and chart included
  ratio wall with/without - 1     the difference of the training times (noisy on a loaded machine)
Usage: .venv-lab/bin/python tools/lab/bench_live.py [--experiment batchsize-64] [--epochs 5] [--rounds 3]
                                                    [--train-size N]
"""
import argparse
import os
import statistics
import sys
import time

from jupyter_client.manager import start_new_kernel


def run_cell(kc, code, timeout):
    """Executes code; returns the stdout text and the number of display messages it sent."""
    out = []
    displays = [0]

    def hook(msg):
        kind = msg["header"]["msg_type"]
        if kind == "stream":
            out.append(msg["content"]["text"])
        elif kind in ("display_data", "update_display_data"):
            displays[0] += 1
        elif kind == "error":
            raise RuntimeError("cell failed: " + msg["content"]["ename"] + ": " + msg["content"]["evalue"]
                               + "\n" + code)

    reply = kc.execute_interactive(code, output_hook=hook, timeout=timeout)
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"cell failed ({reply['content'].get('ename')}): {code}")
    return "".join(out), displays[0]


def measure(text, tag):
    for line in text.splitlines():
        if line.startswith(tag + " "):
            return [float(v) for v in line.split()[1:4]]
    raise RuntimeError(f"no '{tag}' line in the cell's output: {text!r}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--experiment", default="batchsize-64", help="an experiment of `bin/descent list experiments`")
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--train-size", type=int, default=0, help="training images (0: the full training split)")
    args = ap.parse_args()
    for name in ("epochs", "rounds"):
        if getattr(args, name) < 1:
            sys.exit(f"bench_live: --{name.replace('_', '-')} must be >= 1, got {getattr(args, name)}")
    if args.train_size < 0:
        sys.exit(f"bench_live: --train-size must be >= 0 (0: all), got {args.train_size}")

    print(f"# {os.popen('uptime').read().strip()}")
    km, kc = start_new_kernel(kernel_name="java")
    try:
        setup = f"""
import org.descentlab.data.*;
import org.descentlab.experiment.*;
import org.descentlab.notebook.*;
import org.descentlab.train.*;
var benchSplits = MnistCache.loadStandard();
var benchFull = Experiments.get("{args.experiment}").configs(false, {args.epochs}).get(0);
var benchConfig = {args.train_size} == 0 ? benchFull : benchFull.toBuilder()
    .subsets({args.train_size}, benchFull.validationSize(), benchFull.testSize()).build();
System.out.println("config " + benchConfig.describe());
"""
        text, _ = run_cell(kc, setup, 600)
        print("# " + text.strip())
        live_cell = """
var benchLive = new LiveTraining(DescentExtension.DISPLAY);
var benchRun = new Training(benchConfig, benchSplits).progress(benchLive).run();
System.out.println("live " + benchRun.seconds() + " " + benchLive.overheadSeconds() + " " + benchLive.endSeconds());
System.out.println("costs " + benchLive.costs());
"""
        plain_cell = """
var benchRun = new Training(benchConfig, benchSplits).progress(ProgressListener.NONE).run();
System.out.println("plain " + benchRun.seconds() + " 0 0");
"""
        with_s, without_s, mid, whole = [], [], [], []
        for r in range(args.rounds + 1):
            order = [("live", live_cell), ("plain", plain_cell)]
            if r % 2:
                order.reverse()
            row = {}
            for tag, cell in order:
                text, displays = run_cell(kc, cell, 3600)
                row[tag] = measure(text, tag) + [displays]
                if tag == "live":
                    row["costs"] = next((l[6:] for l in text.splitlines() if l.startswith("costs ")), "")
            seconds, spent, end, displays = row["live"]
            label = "warm-up" if r == 0 else f"round {r}"
            print(f"{label}: with live {seconds:.2f} s ({displays} outputs; {row['costs']}), "
                  f"without {row['plain'][0]:.2f} s")
            if r == 0:
                continue
            with_s.append(seconds)
            without_s.append(row["plain"][0])
            mid.append((spent - end) / seconds)
            whole.append(spent / seconds)
        print(f"ratio mid-run live/epoch = {statistics.median(mid):.4f} ({100 * statistics.median(mid):.2f} %)")
        print(f"ratio whole-run live/run = {statistics.median(whole):.4f} ({100 * statistics.median(whole):.2f} %)")
        diff = statistics.median(with_s) / statistics.median(without_s) - 1
        print(f"ratio wall with/without - 1 = {diff:.4f} ({100 * diff:.2f} %; medians {statistics.median(with_s):.2f} s"
              f" / {statistics.median(without_s):.2f} s, {args.epochs} epochs, {args.rounds} rounds)")
        print(f"# {os.popen('uptime').read().strip()}")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()

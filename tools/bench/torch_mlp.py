"""PyTorch eager reference of descent's lecture MLP training step, and a GEMM-only floor.

The model is the one of org.descentlab.model.LectureMlp:

    784 -> Linear(75, bias=False) -> BatchNorm1d(75) -> ReLU -> Dropout(0.5)
        -> Linear(45, bias=False) -> BatchNorm1d(45) -> ReLU -> Dropout(0.3)
        -> Linear(10)                      loss: CrossEntropyLoss

trained on the same MNIST files as descent (the uncompressed IDX files of the descent cache:
DESCENT_MNIST_DIR, else ~/.descent/mnist; the first 54000 training images, as descent's split).
One timed iteration is what one iteration of descent's loop does: make the batch from the uint8
pixels (gather the shuffled indices, to float32, / 255), forward in training mode, loss, read the
loss on the host (descent checks it for NaN before each update), zero the gradients, backward, one
optimizer step. Batches follow descent's semantics: a fresh shuffle per epoch, last incomplete
batch dropped.

Modes (each prints one JSON object per run, medians in milliseconds per iteration):

    python torch_mlp.py train --batch 64 --iters 200 --warmup 10 --threads 1 [--optimizer adam --lr 0.005] [--device cuda:0]
    python torch_mlp.py gemm  --batch 64 --iters 200 --warmup 10 --threads 1
    python torch_mlp.py serve --threads 1
        reads one JSON request per line on stdin, e.g. {"mode": "train", "batch": 64, "iters": 200,
        "warmup": 10, "optimizer": "adam", "lr": 0.005, "seed": 0} or {"mode": "gemm", ...}, and answers
        each with one JSON line; an empty line or end of input ends it. Used by
        org.descentlab.bench.TrainingSpeedBenchmark to interleave descent and torch in one session.

The GEMM floor times only the matrix products of one training step of this MLP for batch B, with
torch.mm into preallocated tensors: forward x@W1^T, h1@W2^T, h2@W3^T; backward the three weight
gradients g^T@input and the two input gradients g@W (none for the images, which need no gradient).

--device cuda:N runs model, batches and the floor on that GPU (the pixels stay on the host and each batch
is copied over, as descent makes its batches from host bytes); the clock is read after
torch.cuda.synchronize(), so queued kernels are counted.
"""

import argparse
import json
import os
import resource
import sys
import time

import numpy as np
import torch
from torch import nn

TRAIN_IMAGES = 54000  # descent's training split: the first 54000 of the 60000 training images


def mnist_dir():
    d = os.environ.get("DESCENT_MNIST_DIR")
    return d if d else os.path.join(os.path.expanduser("~"), ".descent", "mnist")


def read_idx(path, header):
    with open(path, "rb") as f:
        raw = f.read()
    return np.frombuffer(raw, dtype=np.uint8, offset=header)


def load_train(directory):
    images = read_idx(os.path.join(directory, "train-images-idx3-ubyte"), 16).reshape(-1, 784)
    labels = read_idx(os.path.join(directory, "train-labels-idx1-ubyte"), 8)
    # uint8 pixels stay uint8 (as descent keeps bytes); labels as int64 class indices.
    return (torch.from_numpy(images[:TRAIN_IMAGES].copy()),
            torch.from_numpy(labels[:TRAIN_IMAGES].astype(np.int64)))


def lecture_mlp():
    return nn.Sequential(
        nn.Linear(784, 75, bias=False), nn.BatchNorm1d(75), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(75, 45, bias=False), nn.BatchNorm1d(45), nn.ReLU(), nn.Dropout(0.3),
        nn.Linear(45, 10))


def peak_rss_kb():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def summary(mode, batch, times, extra):
    ms = np.array(times) * 1e3
    out = {"mode": mode, "batch": batch, "iters": len(times),
           "median_ms": float(np.median(ms)), "p25_ms": float(np.percentile(ms, 25)),
           "p75_ms": float(np.percentile(ms, 75)), "min_ms": float(ms.min()),
           "threads": torch.get_num_threads(), "interop_threads": torch.get_num_interop_threads(),
           "torch": torch.__version__, "peak_rss_kb": peak_rss_kb()}
    out.update(extra)
    return out


def sync(device):
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def train(data, batch, iters, warmup, optimizer="adam", lr=None, seed=0, device="cpu"):
    device = torch.device(device)
    images, labels = data
    n = images.shape[0]
    if not 1 <= batch <= n:
        raise ValueError(f"batch = {batch} is invalid: must be in [1, {n}]")
    torch.manual_seed(seed)
    model = lecture_mlp().to(device)
    model.train()
    loss_fn = nn.CrossEntropyLoss()
    if optimizer == "adam":
        opt = torch.optim.Adam(model.parameters(), lr=0.005 if lr is None else lr)
    elif optimizer == "sgd":
        opt = torch.optim.SGD(model.parameters(), lr=0.1 if lr is None else lr)
    else:
        raise ValueError(f"optimizer = {optimizer!r} is invalid: must be adam or sgd")
    rng = np.random.default_rng(seed)
    per_epoch = n // batch  # last incomplete batch dropped
    order, pos = None, per_epoch
    times = []
    last = float("nan")
    for it in range(warmup + iters):
        t0 = time.perf_counter()
        if pos == per_epoch:
            order, pos = torch.from_numpy(rng.permutation(n)), 0
        idx = order[pos * batch:(pos + 1) * batch]
        pos += 1
        x = images.index_select(0, idx).to(device).to(torch.float32).div_(255)
        y = labels.index_select(0, idx).to(device)
        loss = loss_fn(model(x), y)
        last = loss.item()
        if not np.isfinite(last):
            raise FloatingPointError(f"loss {last} at iteration {it + 1}")
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        sync(device)
        t1 = time.perf_counter()
        if it >= warmup:
            times.append(t1 - t0)
    return summary("train", batch, times, {"optimizer": optimizer, "last_loss": last, "warmup": warmup,
                                           "device": str(device)})


def gemm(batch, iters, warmup, seed=0, device="cpu"):
    device = torch.device(device)
    g = torch.Generator().manual_seed(seed)
    r = lambda *s: torch.rand(*s, generator=g).to(device)  # noqa: E731
    e = lambda *s: torch.empty(*s, device=device)  # noqa: E731
    x, w1, w2, w3 = r(batch, 784), r(75, 784), r(45, 75), r(10, 45)
    h1, h2, z = e(batch, 75), e(batch, 45), e(batch, 10)
    g3, g2, g1 = r(batch, 10), r(batch, 45), r(batch, 75)
    dw1, dw2, dw3 = e(75, 784), e(45, 75), e(10, 45)
    dh2, dh1 = e(batch, 45), e(batch, 75)
    sync(device)
    times = []
    for it in range(warmup + iters):
        t0 = time.perf_counter()
        torch.mm(x, w1.t(), out=h1)      # forward
        torch.mm(h1, w2.t(), out=h2)
        torch.mm(h2, w3.t(), out=z)
        torch.mm(g3.t(), h2, out=dw3)    # backward, layer 3: weight and input gradients
        torch.mm(g3, w3, out=dh2)
        torch.mm(g2.t(), h1, out=dw2)    # layer 2
        torch.mm(g2, w2, out=dh1)
        torch.mm(g1.t(), x, out=dw1)     # layer 1: weight gradient only
        sync(device)
        t1 = time.perf_counter()
        if it >= warmup:
            times.append(t1 - t0)
    return summary("gemm", batch, times, {"gemms": 8, "warmup": warmup, "device": str(device)})


def run(request, data_holder):
    mode = request.get("mode", "train")
    batch, iters, warmup = int(request["batch"]), int(request.get("iters", 100)), int(request.get("warmup", 10))
    seed = int(request.get("seed", 0))
    device = request.get("device", "cpu")
    if mode == "gemm":
        return gemm(batch, iters, warmup, seed, device)
    if mode == "train":
        if data_holder[0] is None:
            data_holder[0] = load_train(request.get("data") or mnist_dir())
        return train(data_holder[0], batch, iters, warmup, request.get("optimizer", "adam"),
                     request.get("lr"), seed, device)
    raise ValueError(f"mode = {mode!r} is invalid: must be train or gemm")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("mode", choices=["train", "gemm", "serve"])
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--iters", type=int, default=100)
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--threads", type=int, default=1, help="intra-op threads (inter-op: 1)")
    p.add_argument("--optimizer", choices=["adam", "sgd"], default="adam")
    p.add_argument("--lr", type=float, default=None, help="default: adam 0.005, sgd 0.1")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--device", default="cpu", help="cpu or cuda:N (model, batches and floor on that device)")
    p.add_argument("--data", default=None, help="MNIST IDX directory (default: DESCENT_MNIST_DIR or ~/.descent/mnist)")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    data_holder = [None]
    if a.mode != "serve":
        req = {"mode": a.mode, "batch": a.batch, "iters": a.iters, "warmup": a.warmup,
               "optimizer": a.optimizer, "lr": a.lr, "seed": a.seed, "data": a.data, "device": a.device}
        print(json.dumps(run(req, data_holder)), flush=True)
        return
    for line in sys.stdin:
        line = line.strip()
        if not line:
            break
        try:
            req = json.loads(line)
            if a.data and "data" not in req:
                req["data"] = a.data
            req.setdefault("device", a.device)
            answer = run(req, data_holder)
        except Exception as e:  # answer, so that the caller is never left waiting
            answer = {"error": f"{type(e).__name__}: {e}"}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()

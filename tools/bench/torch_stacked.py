"""How much lockstep can save in PyTorch eager itself: the lecture MLP stacked K times (batched matrix
products, one batch norm over the K*H features side by side, one Adam over the stacked tensors) against
K separate models, one intra-op thread, as descent's lockstep training (org.descentlab.train.lockstep)
and its separate runs do it.

    "$(bash tools/bench/run.sh --print-python)" tools/bench/torch_stacked.py B K [--rounds 3] [--steps 60]

Prints the per-step time of the K separate models and of the stacked one, and their ratio per round
(below 1: stacking pays). Pixels and labels are random: the timing does not depend on them.
"""
import argparse
import time

import torch
import torch.nn.functional as F

IMAGES, INPUTS, HIDDEN_1, HIDDEN_2, CLASSES = 54000, 784, 75, 45, 10
DROPOUT_1, DROPOUT_2, LR = 0.5, 0.3, 0.005


def lecture_mlp():
    return torch.nn.Sequential(
        torch.nn.Linear(INPUTS, HIDDEN_1), torch.nn.BatchNorm1d(HIDDEN_1), torch.nn.ReLU(), torch.nn.Dropout(DROPOUT_1),
        torch.nn.Linear(HIDDEN_1, HIDDEN_2), torch.nn.BatchNorm1d(HIDDEN_2), torch.nn.ReLU(), torch.nn.Dropout(DROPOUT_2),
        torch.nn.Linear(HIDDEN_2, CLASSES))


def separate_step(pixels, labels, b, k):
    models = [lecture_mlp() for _ in range(k)]
    optimizers = [torch.optim.Adam(m.parameters(), lr=LR) for m in models]

    def step():
        for model, optimizer in zip(models, optimizers):
            rows = torch.randint(0, IMAGES, (b,))
            loss = F.cross_entropy(model(pixels[rows].float() / 255), labels[rows])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            loss.item()  # the loss read for the NaN check, as descent does
    return step


def stacked_step(pixels, labels, b, k):
    def weight(rows, cols):
        return (torch.randn(k, rows, cols) / cols ** 0.5).requires_grad_()
    w1, w2, w3 = weight(HIDDEN_1, INPUTS), weight(HIDDEN_2, HIDDEN_1), weight(CLASSES, HIDDEN_2)
    b3 = torch.zeros(k, 1, CLASSES, requires_grad=True)
    norms = []
    for h in (HIDDEN_1, HIDDEN_2):  # gamma, beta, running mean, running variance over K*h features
        norms.append((torch.ones(k * h, requires_grad=True), torch.zeros(k * h, requires_grad=True),
                      torch.zeros(k * h), torch.ones(k * h)))
    optimizer = torch.optim.Adam([w1, w2, w3, b3] + [p for n in norms for p in n[:2]], lr=LR)

    def hidden(x, w, norm, rate):  # x [K, B, in] -> [K, B, H]
        h = w.shape[1]
        side_by_side = x.bmm(w.transpose(1, 2)).transpose(0, 1).reshape(b, k * h)
        a = F.relu(F.batch_norm(side_by_side, norm[2], norm[3], norm[0], norm[1], training=True))
        a = a * (torch.rand(b, k * h) >= rate).float() / (1 - rate)
        return a.reshape(b, k, h).transpose(0, 1)

    def step():
        rows = torch.randint(0, IMAGES, (k, b))
        x, y = pixels[rows].float() / 255, labels[rows]
        h = hidden(hidden(x, w1, norms[0], DROPOUT_1), w2, norms[1], DROPOUT_2)
        logits = h.bmm(w3.transpose(1, 2)) + b3
        losses = -F.log_softmax(logits, 2).gather(2, y.unsqueeze(2)).squeeze(2).mean(1)
        optimizer.zero_grad()
        losses.sum().backward()
        optimizer.step()
        losses.tolist()
    return step


def millis_per_step(step, steps):
    for _ in range(15):
        step()
    start = time.perf_counter()
    for _ in range(steps):
        step()
    return (time.perf_counter() - start) / steps * 1e3


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("batch", type=int, help="batch size B >= 1")
    parser.add_argument("k", type=int, help="models K >= 1")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--steps", type=int, default=60)
    a = parser.parse_args()
    for name, value in (("batch", a.batch), ("k", a.k), ("--rounds", a.rounds), ("--steps", a.steps)):
        if value < 1:
            parser.error(f"{name} = {value} is invalid: must be an integer >= 1")
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    pixels = torch.randint(0, 256, (IMAGES, INPUTS), dtype=torch.uint8)
    labels = torch.randint(0, CLASSES, (IMAGES,))
    ratios = []
    for _ in range(a.rounds):
        separate = millis_per_step(separate_step(pixels, labels, a.batch, a.k), a.steps)
        stacked = millis_per_step(stacked_step(pixels, labels, a.batch, a.k), a.steps)
        ratios.append(stacked / separate)
    print(f"torch eager B={a.batch} K={a.k}: separate {separate:.2f} ms per step of the K models, stacked"
          f" {stacked:.2f} ms (last round); ratio stacked/separate per round {[round(r, 2) for r in ratios]}")


if __name__ == "__main__":
    main()

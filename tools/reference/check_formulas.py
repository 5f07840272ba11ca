#!/usr/bin/env python3
"""Re-derive every reference fixture from the formulas in README.md.

This is an executable version of the "conventions" section of README.md: plain
Python floats and the math module only (no torch, no optax, no numpy), written
the way the Java code is expected to compute.  It reads the JSON files made by
generate.py and reports the largest relative difference per case; it fails if
any value differs by more than --rtol (relative, with a small absolute floor
for values that are essentially zero).

Usage: python3 tools/reference/check_formulas.py [--dir DIR] [--rtol 1e-10]
"""

import argparse
import json
import math
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DIR = REPO_ROOT / "src" / "test" / "resources" / "reference"


# ---------------------------------------------------------------------------
# Small vector helpers (lists of floats)
# ---------------------------------------------------------------------------

def zeros(n):
    return [0.0] * n


def norm(v):
    return math.sqrt(sum(x * x for x in v))


def gradient(problem, w, t):
    kind = problem["kind"]
    if kind == "rosenbrock":
        a, b = problem["a"], problem["b"]
        x, y = w
        return [-2.0 * (a - x) - 4.0 * b * x * (y - x * x), 2.0 * b * (y - x * x)]
    if kind == "quadratic":
        return [d * wi for d, wi in zip(problem["diag"], w)]
    return list(problem["gradients"][t])


def loss(problem, w):
    kind = problem["kind"]
    if kind == "rosenbrock":
        a, b = problem["a"], problem["b"]
        x, y = w
        return (a - x) ** 2 + b * (y - x * x) ** 2
    if kind == "quadratic":
        return 0.5 * sum(d * wi * wi for d, wi in zip(problem["diag"], w))
    return None


# ---------------------------------------------------------------------------
# torch.optim formulas.  Each factory returns step(w, g, t) -> new w, with
# t = 1, 2, ... the step number.  All operations are element-wise.
# ---------------------------------------------------------------------------

def torch_sgd(n, lr, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False):
    buf = None

    def step(w, g, t):
        nonlocal buf
        g = [gi + weight_decay * wi for gi, wi in zip(g, w)]
        if momentum != 0.0:
            if buf is None:
                buf = list(g)                       # first step: buffer = gradient
            else:
                buf = [momentum * b + (1 - dampening) * gi for b, gi in zip(buf, g)]
            g = [gi + momentum * b for gi, b in zip(g, buf)] if nesterov else list(buf)
        return [wi - lr * gi for wi, gi in zip(w, g)]
    return step


def torch_adagrad(n, lr, lr_decay=0.0, weight_decay=0.0, initial_accumulator_value=0.0,
                  eps=1e-10):
    acc = [initial_accumulator_value] * n

    def step(w, g, t):
        g = [gi + weight_decay * wi for gi, wi in zip(g, w)]
        clr = lr / (1 + (t - 1) * lr_decay)
        for i in range(n):
            acc[i] += g[i] * g[i]
        return [wi - clr * gi / (math.sqrt(s) + eps) for wi, gi, s in zip(w, g, acc)]
    return step


def torch_rmsprop(n, lr, alpha=0.99, eps=1e-8, weight_decay=0.0, momentum=0.0,
                  centered=False):
    v, mean, buf = zeros(n), zeros(n), zeros(n)

    def step(w, g, t):
        g = [gi + weight_decay * wi for gi, wi in zip(g, w)]
        out = []
        for i in range(n):
            v[i] = alpha * v[i] + (1 - alpha) * g[i] * g[i]
            if centered:
                mean[i] += (1 - alpha) * (g[i] - mean[i])
                avg = math.sqrt(v[i] - mean[i] * mean[i]) + eps
            else:
                avg = math.sqrt(v[i]) + eps
            if momentum > 0:
                buf[i] = momentum * buf[i] + g[i] / avg
                out.append(w[i] - lr * buf[i])
            else:
                out.append(w[i] - lr * g[i] / avg)
        return out
    return step


def torch_adam(n, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=False,
               decoupled=False):
    b1, b2 = betas
    m, v, vmax = zeros(n), zeros(n), zeros(n)

    def step(w, g, t):
        if decoupled:
            w = [wi * (1 - lr * weight_decay) for wi in w]
        else:
            g = [gi + weight_decay * wi for gi, wi in zip(g, w)]
        bc1, bc2 = 1 - b1 ** t, 1 - b2 ** t
        out = []
        for i in range(n):
            m[i] += (1 - b1) * (g[i] - m[i])
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
            if amsgrad:
                vmax[i] = max(vmax[i], v[i])        # max of the raw (uncorrected) v
                denom = math.sqrt(vmax[i]) / math.sqrt(bc2) + eps
            else:
                denom = math.sqrt(v[i]) / math.sqrt(bc2) + eps
            out.append(w[i] - (lr / bc1) * m[i] / denom)
        return out
    return step


def torch_adamw(n, lr, weight_decay=0.01, **kw):
    return torch_adam(n, lr, weight_decay=weight_decay, decoupled=True, **kw)


def torch_nadam(n, lr, betas=(0.9, 0.999), eps=1e-8, momentum_decay=4e-3):
    b1, b2 = betas
    m, v = zeros(n), zeros(n)
    mu_product = 1.0

    def step(w, g, t):
        nonlocal mu_product
        bc2 = 1 - b2 ** t
        mu = b1 * (1 - 0.5 * 0.96 ** (t * momentum_decay))
        mu_next = b1 * (1 - 0.5 * 0.96 ** ((t + 1) * momentum_decay))
        mu_product *= mu
        out = []
        for i in range(n):
            m[i] += (1 - b1) * (g[i] - m[i])
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
            denom = math.sqrt(v[i] / bc2) + eps
            wi = w[i] - lr * (1 - mu) / (1 - mu_product) * g[i] / denom
            wi = wi - lr * mu_next / (1 - mu_product * mu_next) * m[i] / denom
            out.append(wi)
        return out
    return step


def torch_radam(n, lr, betas=(0.9, 0.999), eps=1e-8):
    b1, b2 = betas
    m, v = zeros(n), zeros(n)
    rho_inf = 2 / (1 - b2) - 1

    def step(w, g, t):
        bc1, bc2 = 1 - b1 ** t, 1 - b2 ** t
        rho_t = rho_inf - 2 * t * b2 ** t / bc2
        out = []
        for i in range(n):
            m[i] += (1 - b1) * (g[i] - m[i])
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
            m_hat = m[i] / bc1
            if rho_t > 5.0:
                rect = math.sqrt((rho_t - 4) * (rho_t - 2) * rho_inf
                                 / ((rho_inf - 4) * (rho_inf - 2) * rho_t))
                adaptive = math.sqrt(bc2) / (math.sqrt(v[i]) + eps)
                out.append(w[i] - m_hat * lr * adaptive * rect)
            else:
                out.append(w[i] - m_hat * lr)
        return out
    return step


def torch_adamax(n, lr, betas=(0.9, 0.999), eps=1e-8):
    b1, b2 = betas
    m, u = zeros(n), zeros(n)

    def step(w, g, t):
        clr = lr / (1 - b1 ** t)
        out = []
        for i in range(n):
            m[i] += (1 - b1) * (g[i] - m[i])
            u[i] = max(b2 * u[i], abs(g[i]) + eps)
            out.append(w[i] - clr * m[i] / u[i])
        return out
    return step


def torch_adadelta(n, lr, rho=0.9, eps=1e-6):
    v, acc = zeros(n), zeros(n)

    def step(w, g, t):
        out = []
        for i in range(n):
            v[i] = rho * v[i] + (1 - rho) * g[i] * g[i]
            delta = math.sqrt(acc[i] + eps) / math.sqrt(v[i] + eps) * g[i]
            acc[i] = rho * acc[i] + (1 - rho) * delta * delta
            out.append(w[i] - lr * delta)
        return out
    return step


TORCH = {"SGD": torch_sgd, "Adagrad": torch_adagrad, "RMSprop": torch_rmsprop,
         "Adam": torch_adam, "AdamW": torch_adamw, "NAdam": torch_nadam,
         "RAdam": torch_radam, "Adamax": torch_adamax, "Adadelta": torch_adadelta}


# ---------------------------------------------------------------------------
# optax formulas.  optax computes an update u and then w <- w + u, where the
# last transformation is "multiply by -learning_rate".
# ---------------------------------------------------------------------------

def optax_sgd(n, learning_rate, momentum=None, nesterov=False):
    trace = zeros(n)

    def step(w, g, t):
        if momentum is not None:
            for i in range(n):
                trace[i] = g[i] + momentum * trace[i]
            g = [gi + momentum * tr for gi, tr in zip(g, trace)] if nesterov else list(trace)
        return [wi + (-learning_rate) * gi for wi, gi in zip(w, g)]
    return step


def adam_direction(m, v, vmax, g, t, b1, b2, eps, eps_root, amsgrad=False):
    """optax.scale_by_adam / scale_by_amsgrad direction (updates m, v in place)."""
    out = []
    for i in range(len(g)):
        m[i] = (1 - b1) * g[i] + b1 * m[i]
        v[i] = (1 - b2) * g[i] * g[i] + b2 * v[i]
        m_hat = m[i] / (1 - b1 ** t)
        v_hat = v[i] / (1 - b2 ** t)
        if amsgrad:
            vmax[i] = max(vmax[i], v_hat)           # max of the bias-corrected v
            v_hat = vmax[i]
        out.append(m_hat / (math.sqrt(v_hat + eps_root) + eps))
    return out


def optax_adam(n, learning_rate, b1=0.9, b2=0.999, eps=1e-8, eps_root=0.0,
               weight_decay=None, amsgrad=False):
    m, v, vmax = zeros(n), zeros(n), zeros(n)

    def step(w, g, t):
        u = adam_direction(m, v, vmax, g, t, b1, b2, eps, eps_root, amsgrad)
        if weight_decay is not None:
            u = [ui + weight_decay * wi for ui, wi in zip(u, w)]
        return [wi + (-learning_rate) * ui for wi, ui in zip(w, u)]
    return step


def optax_adamw(n, learning_rate, weight_decay=1e-4, **kw):
    return optax_adam(n, learning_rate, weight_decay=weight_decay, **kw)


def optax_amsgrad(n, learning_rate, **kw):
    return optax_adam(n, learning_rate, amsgrad=True, **kw)


def optax_adagrad(n, learning_rate, initial_accumulator_value=0.1, eps=1e-7):
    acc = [initial_accumulator_value] * n

    def step(w, g, t):
        out = []
        for i in range(n):
            acc[i] += g[i] * g[i]
            scale = 1.0 / math.sqrt(acc[i] + eps) if acc[i] > 0 else 0.0
            out.append(w[i] + (-learning_rate) * (scale * g[i]))
        return out
    return step


def optax_rmsprop(n, learning_rate, decay=0.9, eps=1e-8, initial_scale=0.0,
                  eps_in_sqrt=True, centered=False, momentum=None, nesterov=False):
    nu, mu, trace = [initial_scale] * n, zeros(n), zeros(n)

    def step(w, g, t):
        u = []
        for i in range(n):
            nu[i] = (1 - decay) * g[i] * g[i] + decay * nu[i]
            var = nu[i]
            if centered:
                mu[i] = (1 - decay) * g[i] + decay * mu[i]
                var = nu[i] - mu[i] * mu[i]
            if eps_in_sqrt:
                scale = 1.0 / math.sqrt(var + eps)
            else:
                scale = 1.0 / (math.sqrt(var) + eps)
            u.append(-learning_rate * (scale * g[i]))
        if momentum is not None:
            for i in range(n):
                trace[i] = u[i] + momentum * trace[i]
            u = [ui + momentum * tr for ui, tr in zip(u, trace)] if nesterov else list(trace)
        return [wi + ui for wi, ui in zip(w, u)]
    return step


def optax_adabelief(n, learning_rate, b1=0.9, b2=0.999, eps=1e-16, eps_root=1e-16):
    m, s = zeros(n), zeros(n)

    def step(w, g, t):
        out = []
        for i in range(n):
            m[i] = (1 - b1) * g[i] + b1 * m[i]
            s[i] = (1 - b2) * (g[i] - m[i]) ** 2 + b2 * s[i] + eps_root   # new m; eps_root stored
            m_hat = m[i] / (1 - b1 ** t)
            s_hat = s[i] / (1 - b2 ** t)
            out.append(w[i] + (-learning_rate) * (m_hat / (math.sqrt(s_hat) + eps)))
        return out
    return step


def trust_ratio(w, u, trust_coefficient=1.0, eps=0.0):
    w_norm, u_norm = norm(w), norm(u)
    if w_norm == 0.0 or u_norm == 0.0:
        return 1.0
    return trust_coefficient * w_norm / (u_norm + eps)


def optax_lars(n, learning_rate, weight_decay=0.0, trust_coefficient=0.001, eps=0.0,
               momentum=0.9, nesterov=False):
    trace = zeros(n)

    def step(w, g, t):
        u = [gi + weight_decay * wi for gi, wi in zip(g, w)]
        ratio = trust_ratio(w, u, trust_coefficient, eps)
        u = [-learning_rate * (ui * ratio) for ui in u]
        for i in range(n):
            trace[i] = u[i] + momentum * trace[i]
        u = [ui + momentum * tr for ui, tr in zip(u, trace)] if nesterov else list(trace)
        return [wi + ui for wi, ui in zip(w, u)]
    return step


def optax_lamb(n, learning_rate, b1=0.9, b2=0.999, eps=1e-6, eps_root=0.0,
               weight_decay=0.0):
    m, v, vmax = zeros(n), zeros(n), zeros(n)

    def step(w, g, t):
        u = adam_direction(m, v, vmax, g, t, b1, b2, eps, eps_root)
        u = [ui + weight_decay * wi for ui, wi in zip(u, w)]
        ratio = trust_ratio(w, u)
        return [wi + (-learning_rate) * (ui * ratio) for wi, ui in zip(w, u)]
    return step


OPTAX = {"sgd": optax_sgd, "adam": optax_adam, "adamw": optax_adamw,
         "amsgrad": optax_amsgrad, "adagrad": optax_adagrad, "rmsprop": optax_rmsprop,
         "adabelief": optax_adabelief, "lars": optax_lars, "lamb": optax_lamb}


def replay_optimizer(library, case, problem):
    factory = (TORCH if library == "torch" else OPTAX)[case["optimizer"]]
    params = {k: tuple(v) if isinstance(v, list) else v for k, v in case["params"].items()}
    w = list(problem["start"])
    step = factory(len(w), **params)
    trajectory, losses = [list(w)], [loss(problem, w)]
    for t in range(case["steps"]):
        w = step(w, gradient(problem, w, t), t + 1)
        trajectory.append(list(w))
        losses.append(loss(problem, w))
    return trajectory, losses


# ---------------------------------------------------------------------------
# torch.optim.lr_scheduler: closed forms (plus the few truly stateful rules)
# ---------------------------------------------------------------------------

def torch_factor(name, p, e):
    """Multiplier of base_lr at epoch e >= 0 for the closed-form schedulers."""
    if name == "ConstantLR":
        factor, total = p.get("factor", 1 / 3), p.get("total_iters", 5)
        return factor if e < total else 1.0
    if name == "StepLR":
        return p.get("gamma", 0.1) ** (e // p["step_size"])
    if name == "MultiStepLR":
        return p.get("gamma", 0.1) ** sum(1 for m in p["milestones"] if m <= e)
    if name == "ExponentialLR":
        return p["gamma"] ** e
    if name == "LinearLR":
        s, f, total = p.get("start_factor", 1 / 3), p.get("end_factor", 1.0), p.get("total_iters", 5)
        return s + (f - s) * min(e, total) / total
    if name == "PolynomialLR":
        total, power = p.get("total_iters", 5), p.get("power", 1.0)
        return (1.0 - min(e, total) / total) ** power
    if name == "LambdaLR":
        return eval("lambda epoch: " + p["lr_lambda"], {"__builtins__": {}})(e)  # noqa: S307
    raise KeyError(name)


def torch_closed_form(name, p, base_lr, e):
    if name == "CosineAnnealingLR":
        eta_min = p.get("eta_min", 0.0)
        return eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * e / p["T_max"])) / 2
    return base_lr * torch_factor(name, p, e)


def torch_schedule(case):
    name, p, base_lr, n = case["scheduler"], case["params"], case.get("base_lr"), case["steps"]
    if name == "SequentialLR":
        # Sub-scheduler k restarts at its own epoch 0 at milestone k-1.
        values = []
        for e in range(n + 1):
            k = sum(1 for m in p["milestones"] if m <= e)
            start = p["milestones"][k - 1] if k > 0 else 0
            sub = p["schedulers"][k]
            values.append(torch_closed_form(sub["scheduler"], sub["params"], base_lr, e - start))
        return values
    if name == "ChainedScheduler":
        values = []
        for e in range(n + 1):
            lr = base_lr
            for sub in p["schedulers"]:
                lr *= torch_factor(sub["scheduler"], sub["params"], e)
            values.append(lr)
        return values
    if name == "CosineAnnealingWarmRestarts":
        t0, mult, eta_min = p["T_0"], p.get("T_mult", 1), p.get("eta_min", 0.0)
        values, t_cur, t_i = [], 0, t0
        for e in range(n + 1):
            if e > 0:
                t_cur += 1
                if t_cur >= t_i:
                    t_cur -= t_i
                    t_i *= mult
            values.append(eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * t_cur / t_i)) / 2)
        return values
    if name == "CyclicLR":
        lo, hi = p["base_lr"], p["max_lr"]
        up = float(p.get("step_size_up", 2000))
        down = float(p["step_size_down"]) if p.get("step_size_down") is not None else up
        total, ratio = up + down, up / (up + down)
        mode, gamma = p.get("mode", "triangular"), p.get("gamma", 1.0)
        values = []
        for e in range(n + 1):
            cycle = math.floor(1 + e / total)
            x = 1.0 + e / total - cycle
            scale = x / ratio if x <= ratio else (x - 1) / (ratio - 1)
            if mode == "triangular":
                amp = 1.0
            elif mode == "triangular2":
                amp = 1 / (2.0 ** (cycle - 1))
            else:
                amp = gamma ** e
            values.append(lo + (hi - lo) * scale * amp)
        return values
    if name == "OneCycleLR":
        total, pct = p["total_steps"], p.get("pct_start", 0.3)
        initial = p["max_lr"] / p.get("div_factor", 25.0)
        peak, final = p["max_lr"], initial / p.get("final_div_factor", 1e4)
        if p.get("anneal_strategy", "cos") == "cos":
            anneal = lambda a, b, f: b + (a - b) / 2.0 * (math.cos(math.pi * f) + 1)  # noqa: E731
        else:
            anneal = lambda a, b, f: (b - a) * f + a  # noqa: E731
        if p.get("three_phase", False):
            phases = [(float(pct * total) - 1, initial, peak),
                      (float(2 * pct * total) - 2, peak, initial),
                      (total - 1, initial, final)]
        else:
            phases = [(float(pct * total) - 1, initial, peak), (total - 1, peak, final)]
        values = []
        for e in range(n + 1):
            start = 0.0
            for i, (end, a, b) in enumerate(phases):
                if e <= end or i == len(phases) - 1:
                    values.append(anneal(a, b, (e - start) / (end - start)))
                    break
                start = end
        return values
    if name == "ReduceLROnPlateau":
        mode, factor = p.get("mode", "min"), p.get("factor", 0.1)
        patience, threshold = p.get("patience", 10), p.get("threshold", 1e-4)
        threshold_mode, cooldown = p.get("threshold_mode", "rel"), p.get("cooldown", 0)
        min_lr, eps = p.get("min_lr", 0.0), p.get("eps", 1e-8)
        best = math.inf if mode == "min" else -math.inf
        bad, cooldown_counter, lr = 0, 0, base_lr
        values = [lr]
        for metric in case["metrics"]:
            if mode == "min" and threshold_mode == "rel":
                better = metric < best * (1.0 - threshold)
            elif mode == "min":
                better = metric < best - threshold
            elif threshold_mode == "rel":
                better = metric > best * (threshold + 1.0)
            else:
                better = metric > best + threshold
            if better:
                best, bad = metric, 0
            else:
                bad += 1
            if cooldown_counter > 0:
                cooldown_counter -= 1
                bad = 0
            if bad > patience:
                new_lr = max(lr * factor, min_lr)
                if lr - new_lr > eps:
                    lr = new_lr
                cooldown_counter, bad = cooldown, 0
            values.append(lr)
        return values
    return [torch_closed_form(name, p, base_lr, e) for e in range(n + 1)]


# ---------------------------------------------------------------------------
# optax schedules (all closed form)
# ---------------------------------------------------------------------------

def optax_value(name, p, count):
    if name == "constant_schedule":
        return p["value"]
    if name in ("polynomial_schedule", "linear_schedule"):
        init, end, steps = p["init_value"], p["end_value"], p["transition_steps"]
        power = p.get("power", 1)
        c = min(max(count - p.get("transition_begin", 0), 0), steps)
        return (init - end) * (1 - c / steps) ** power + end
    if name == "exponential_decay":
        init, rate = p["init_value"], p["decay_rate"]
        c = count - p.get("transition_begin", 0)
        e = c / p["transition_steps"]
        if p.get("staircase", False):
            e = math.floor(e)
        value = init if c <= 0 else init * rate ** e
        if p.get("end_value") is not None:
            value = max(value, p["end_value"]) if rate < 1 else min(value, p["end_value"])
        return value
    if name == "cosine_decay_schedule":
        c = min(count, p["decay_steps"])
        cosine = 0.5 * (1 + math.cos(math.pi * c / p["decay_steps"]))
        alpha = p.get("alpha", 0.0)
        return p["init_value"] * ((1 - alpha) * cosine ** p.get("exponent", 1.0) + alpha)
    if name == "piecewise_constant_schedule":
        value = p["init_value"]
        for boundary, scale in sorted((int(k), v) for k, v in p["boundaries_and_scales"].items()):
            if count >= boundary:
                value *= scale
        return value
    if name == "join_schedules":
        k = sum(1 for b in p["boundaries"] if b <= count)
        start = p["boundaries"][k - 1] if k > 0 else 0
        sub = p["schedules"][k]
        return optax_value(sub["scheduler"], sub["params"], count - start)
    if name == "warmup_cosine_decay_schedule":
        init, peak, warm = p["init_value"], p["peak_value"], p["warmup_steps"]
        if count < warm:
            return optax_value("linear_schedule", {"init_value": init, "end_value": peak,
                                                   "transition_steps": warm}, count)
        alpha = 0.0 if peak == 0.0 else p.get("end_value", 0.0) / peak
        return optax_value("cosine_decay_schedule",
                           {"init_value": peak, "decay_steps": p["decay_steps"] - warm,
                            "alpha": alpha, "exponent": p.get("exponent", 1.0)}, count - warm)
    if name == "warmup_exponential_decay_schedule":
        init, peak, warm = p["init_value"], p["peak_value"], p["warmup_steps"]
        if count < warm:
            return optax_value("linear_schedule", {"init_value": init, "end_value": peak,
                                                   "transition_steps": warm}, count)
        sub = {k: v for k, v in p.items() if k not in ("init_value", "peak_value", "warmup_steps")}
        return optax_value("exponential_decay", {"init_value": peak, **sub}, count - warm)
    if name == "sgdr_schedule":
        start = 0
        kwargs = p["cosine_kwargs"]
        for i, kw in enumerate(kwargs):
            if count < start + kw["decay_steps"] or i == len(kwargs) - 1:
                return optax_value("warmup_cosine_decay_schedule", kw, count - start)
            start += kw["decay_steps"]
    if name in ("linear_onecycle_schedule", "cosine_onecycle_schedule"):
        steps, peak = p["transition_steps"], p["peak_value"]
        div, final_div = p.get("div_factor", 25.0), p.get("final_div_factor", 1e4)
        if name == "linear_onecycle_schedule":
            points = [(0, peak / div), (int(p.get("pct_start", 0.3) * steps), peak),
                      (int(p.get("pct_final", 0.85) * steps), peak / div),
                      (steps, peak / div / final_div)]
            interpolate = lambda a, b, f: (b - a) * f + a  # noqa: E731
        else:
            points = [(0, peak / div), (int(p.get("pct_start", 0.3) * steps), peak),
                      (steps, peak / (div * final_div))]
            interpolate = lambda a, b, f: b + (a - b) / 2.0 * (math.cos(math.pi * f) + 1)  # noqa: E731
        for (b0, v0), (b1, v1) in zip(points, points[1:]):
            if b0 <= count < b1:
                return interpolate(v0, v1, (count - b0) / max(b1 - b0, 1))
        return points[-1][1]
    raise KeyError(name)


# ---------------------------------------------------------------------------

def rel_diff(expected, actual, floor):
    return abs(expected - actual) / max(abs(expected), abs(actual), floor)


def compare(label, expected, actual, floor):
    worst = 0.0
    for e, a in zip(expected, actual):
        if e is None or a is None:
            if e is not a:
                return math.inf
            continue
        worst = max(worst, rel_diff(e, a, floor))
    return worst


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--rtol", type=float, default=1e-10)
    parser.add_argument("--floor", type=float, default=1e-12,
                        help="absolute floor for the relative comparison")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)

    results = []
    for library in ("torch", "optax"):
        doc = json.loads((args.dir / f"optimizers-{library}.json").read_text())
        for case in doc["cases"]:
            trajectory, losses = replay_optimizer(library, case, doc["problems"][case["problem"]])
            flat_expected = [x for row in case["trajectory"] for x in row]
            flat_actual = [x for row in trajectory for x in row]
            worst = max(compare(case["id"], flat_expected, flat_actual, args.floor),
                        compare(case["id"], case["loss"], losses, args.floor))
            results.append((case["id"], worst))
        doc = json.loads((args.dir / f"schedules-{library}.json").read_text())
        for case in doc["cases"]:
            if library == "torch":
                values = torch_schedule(case)
            else:
                values = [optax_value(case["scheduler"], case["params"], c)
                          for c in range(case["steps"] + 1)]
            results.append((case["id"], compare(case["id"], case["lr"], values, args.floor)))

    failures = [(i, w) for i, w in results if not w <= args.rtol]
    for case_id, worst in results:
        if args.verbose or worst > args.rtol:
            print(f"{worst:9.2e}  {case_id}")
    overall = max(w for _, w in results)
    print(f"checked {len(results)} cases against the README formulas: "
          f"largest relative difference {overall:.2e} (rtol {args.rtol:g}, floor {args.floor:g})")
    print(f"{len(results) - len(failures)} cases within tolerance, {len(failures)} outside")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

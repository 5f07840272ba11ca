#!/usr/bin/env python3
"""Generate float64 reference trajectories and learning-rate schedules.

The references come from two independent implementations, PyTorch
(torch.optim, torch.optim.lr_scheduler) and DeepMind's optax, and are written
as JSON fixtures that the Java tests compare against (relative 1e-9).

Output files (in --out, default src/test/resources/reference of the repo):
  optimizers-torch.json, optimizers-optax.json,
  schedules-torch.json,  schedules-optax.json

See tools/reference/README.md for the problem definitions, the JSON schema and
the exact conventions of every optimizer.  The script is deterministic: two
runs with the same pinned package versions give byte-identical files.
"""

import argparse
import inspect
import json
import math
import os
import platform
import sys
import warnings
from importlib import metadata
from pathlib import Path

# JAX must see these before it is imported anywhere.
os.environ.setdefault("JAX_PLATFORMS", "cpu")

import numpy as np  # noqa: E402
import torch  # noqa: E402
import jax  # noqa: E402

jax.config.update("jax_enable_x64", True)

import jax.numpy as jnp  # noqa: E402
import optax  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = "tools/reference/generate.py"
DEFAULT_OUT = REPO_ROOT / "src" / "test" / "resources" / "reference"

STEPS = 100            # optimizer steps per run (trajectory has STEPS + 1 rows)
SEQUENCE_SEED = 20261122


# ---------------------------------------------------------------------------
# Problems
# ---------------------------------------------------------------------------

def make_problems():
    """The three test problems, exactly as written to the JSON files."""
    rng = np.random.default_rng(SEQUENCE_SEED)
    gradients = rng.normal(size=(STEPS, 3))
    gradients[50:] *= 10.0          # steps 50..99 use scale 10, 0..49 scale 1
    gradients[10] = 0.0             # zero-gradient edge case
    return {
        "rosenbrock": {"kind": "rosenbrock", "a": 1.0, "b": 100.0,
                       "start": [1.5, 1.5]},
        "quadratic": {"kind": "quadratic", "diag": [1.0, 10.0],
                      "start": [1.0, 1.0]},
        "sequence": {"kind": "sequence", "start": [0.5, -0.3, 0.1],
                     "gradients": [[float(v) for v in row] for row in gradients]},
    }


def torch_loss(problem, w):
    if problem["kind"] == "rosenbrock":
        a, b = problem["a"], problem["b"]
        return (a - w[0]) ** 2 + b * (w[1] - w[0] ** 2) ** 2
    if problem["kind"] == "quadratic":
        d = torch.tensor(problem["diag"], dtype=torch.float64)
        return 0.5 * torch.sum(d * w * w)
    raise ValueError(problem["kind"])


def jax_loss(problem, w):
    if problem["kind"] == "rosenbrock":
        a, b = problem["a"], problem["b"]
        return (a - w[0]) ** 2 + b * (w[1] - w[0] ** 2) ** 2
    if problem["kind"] == "quadratic":
        d = jnp.asarray(problem["diag"], dtype=jnp.float64)
        return 0.5 * jnp.sum(d * w * w)
    raise ValueError(problem["kind"])


# ---------------------------------------------------------------------------
# Optimizer cases
# ---------------------------------------------------------------------------
# Each entry: (library function/class name, hyper-parameters other than the
# learning rate, learning rate per problem).  Every configuration is run on
# every problem; the learning rate is recorded in "params" of each case.

def lrs(rosenbrock, quadratic, sequence):
    return {"rosenbrock": rosenbrock, "quadratic": quadratic, "sequence": sequence}


SGD_LR = lrs(1e-3, 0.05, 0.01)
SGD_MOMENTUM_LR = lrs(2e-4, 0.01, 0.01)
ADAPTIVE_LR = lrs(1e-2, 0.05, 0.01)
# Adagrad's and RMSprop's first step is about lr (resp. 10 * lr) times sign(g).
# Rates that would step a start coordinate (0.1) to almost exactly zero are
# avoided: such values are pure cancellation and not reproducible to 1e-9.
ADAGRAD_LR = lrs(0.1, 0.1, 0.05)
RMSPROP_LR = lrs(1e-3, 1e-2, 3e-3)

TORCH_OPTIMIZERS = [
    ("SGD", {}, SGD_LR),
    ("SGD", {"momentum": 0.9}, SGD_MOMENTUM_LR),
    ("SGD", {"momentum": 0.9, "dampening": 0.5}, SGD_MOMENTUM_LR),
    ("SGD", {"momentum": 0.9, "nesterov": True}, SGD_MOMENTUM_LR),
    ("SGD", {"momentum": 0.9, "weight_decay": 0.1}, SGD_MOMENTUM_LR),

    ("Adagrad", {}, ADAGRAD_LR),
    ("Adagrad", {"lr_decay": 0.01}, ADAGRAD_LR),
    ("Adagrad", {"initial_accumulator_value": 0.1, "weight_decay": 0.05},
     ADAGRAD_LR),
    ("Adagrad", {"eps": 1e-3}, ADAGRAD_LR),

    ("RMSprop", {}, RMSPROP_LR),
    ("RMSprop", {"centered": True}, RMSPROP_LR),
    ("RMSprop", {"momentum": 0.5}, RMSPROP_LR),
    ("RMSprop", {"centered": True, "momentum": 0.5, "weight_decay": 0.01},
     RMSPROP_LR),
    ("RMSprop", {"eps": 1e-3}, RMSPROP_LR),

    ("Adam", {}, ADAPTIVE_LR),
    ("Adam", {"amsgrad": True}, ADAPTIVE_LR),
    ("Adam", {"weight_decay": 0.1}, ADAPTIVE_LR),
    ("Adam", {"betas": [0.5, 0.9], "eps": 1e-3}, ADAPTIVE_LR),

    ("AdamW", {}, ADAPTIVE_LR),
    ("AdamW", {"weight_decay": 0.5}, ADAPTIVE_LR),
    ("AdamW", {"amsgrad": True}, ADAPTIVE_LR),

    ("NAdam", {}, ADAPTIVE_LR),
    # RAdam is plain momentum SGD for its first steps (rho_t <= 5): smaller lr.
    ("RAdam", {}, lrs(1e-3, 0.05, 0.01)),
    ("Adamax", {}, ADAPTIVE_LR),
    ("Adadelta", {}, lrs(1.0, 1.0, 1.0)),
]

OPTAX_OPTIMIZERS = [
    ("sgd", {}, SGD_LR),
    ("sgd", {"momentum": 0.9}, SGD_MOMENTUM_LR),
    ("sgd", {"momentum": 0.9, "nesterov": True}, SGD_MOMENTUM_LR),

    ("adam", {}, ADAPTIVE_LR),
    ("adam", {"b1": 0.5, "b2": 0.9, "eps": 1e-3}, ADAPTIVE_LR),
    ("adam", {"eps_root": 1e-8}, ADAPTIVE_LR),

    ("adamw", {}, ADAPTIVE_LR),
    ("adamw", {"weight_decay": 0.5}, ADAPTIVE_LR),

    ("amsgrad", {}, ADAPTIVE_LR),

    ("adagrad", {}, ADAGRAD_LR),
    ("adagrad", {"initial_accumulator_value": 0.0, "eps": 1e-3},
     ADAGRAD_LR),

    ("rmsprop", {}, RMSPROP_LR),
    ("rmsprop", {"eps_in_sqrt": False}, RMSPROP_LR),
    ("rmsprop", {"centered": True}, RMSPROP_LR),
    ("rmsprop", {"momentum": 0.5}, RMSPROP_LR),
    ("rmsprop", {"decay": 0.99}, RMSPROP_LR),

    ("adabelief", {}, ADAPTIVE_LR),
    ("adabelief", {"eps": 1e-3}, ADAPTIVE_LR),

    # LARS/LAMB take normalised steps; larger rates zig-zag chaotically in the
    # Rosenbrock valley (trajectories then amplify rounding noise).
    ("lars", {}, lrs(0.2, 1.0, 1.0)),
    ("lars", {"weight_decay": 0.1}, lrs(0.3, 1.0, 1.0)),
    ("lars", {"trust_coefficient": 0.01}, lrs(0.02, 0.1, 0.1)),

    ("lamb", {}, lrs(0.003, 0.05, 0.01)),
]


def format_value(value):
    """Compact, JSON-like rendering used inside case ids."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(format_value(v) for v in value) + "]"
    if isinstance(value, dict):
        if set(value) == {"scheduler", "params"}:
            return value["scheduler"] + format_params(value["params"])
        return "{" + ",".join(f"{k}:{format_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(type(value))


def format_params(params):
    return "{" + ",".join(f"{k}={format_value(v)}" for k, v in params.items()) + "}"


def run_torch_optimizer(name, params, problem):
    w = torch.tensor(problem["start"], dtype=torch.float64, requires_grad=True)
    optimizer_class = getattr(torch.optim, name)
    kwargs = {k: tuple(v) if isinstance(v, list) else v for k, v in params.items()}
    accepted = inspect.signature(optimizer_class).parameters
    # Force the plain single-tensor (for-loop) code path.
    if "foreach" in accepted:
        kwargs["foreach"] = False
    if "differentiable" in accepted:
        kwargs["differentiable"] = False
    return step_torch(optimizer_class([w], **kwargs), w, problem)


def step_torch(optimizer, w, problem):
    """Steps any torch optimizer that owns the float64 parameter w for STEPS steps on problem;
    returns the trajectory (start included) and the losses (None for the gradient sequence)."""

    def loss_now():
        if problem["kind"] == "sequence":
            return None
        with torch.no_grad():
            return float(torch_loss(problem, w))

    trajectory = [w.detach().tolist()]
    losses = [loss_now()]
    for t in range(STEPS):
        optimizer.zero_grad(set_to_none=True)
        if problem["kind"] == "sequence":
            w.grad = torch.tensor(problem["gradients"][t], dtype=torch.float64)
        else:
            torch_loss(problem, w).backward()
        optimizer.step()
        if w.dtype != torch.float64:
            raise AssertionError("parameter is not float64")
        trajectory.append(w.detach().tolist())
        losses.append(loss_now())
    return trajectory, losses


def check_float64_tree(tree, what):
    for leaf in jax.tree_util.tree_leaves(tree):
        leaf = jnp.asarray(leaf)
        if jnp.issubdtype(leaf.dtype, jnp.floating) and leaf.dtype != jnp.float64:
            raise AssertionError(f"{what} has a {leaf.dtype} leaf, expected float64")


def run_optax_optimizer(name, params, problem):
    transformation = getattr(optax, name)(**params)
    w = jnp.asarray(problem["start"], dtype=jnp.float64)
    state = transformation.init(w)
    check_float64_tree(state, f"optax.{name} state")

    def loss_now():
        if problem["kind"] == "sequence":
            return None
        return float(jax_loss(problem, w))

    value_and_grad = jax.value_and_grad(lambda p: jax_loss(problem, p))
    trajectory = [[float(v) for v in w]]
    losses = [loss_now()]
    for t in range(STEPS):
        if problem["kind"] == "sequence":
            grad = jnp.asarray(problem["gradients"][t], dtype=jnp.float64)
        else:
            _, grad = value_and_grad(w)
        updates, state = transformation.update(grad, state, w)
        w = optax.apply_updates(w, updates)
        check_float64_tree((grad, updates, state, w), f"optax.{name} step {t}")
        trajectory.append([float(v) for v in w])
        losses.append(loss_now())
    return trajectory, losses


def optimizer_cases(library, configs, problems):
    runner = run_torch_optimizer if library == "torch" else run_optax_optimizer
    lr_key = "lr" if library == "torch" else "learning_rate"
    cases = []
    for name, hyper, lr_by_problem in configs:
        for problem_name, problem in problems.items():
            params = {lr_key: lr_by_problem[problem_name], **hyper}
            trajectory, losses = runner(name, params, problem)
            cases.append({
                "id": f"{library}.{name}{format_params(params)}@{problem_name}",
                "optimizer": name,
                "params": params,
                "problem": problem_name,
                "steps": STEPS,
                "trajectory": trajectory,
                "loss": losses,
            })
    return cases


# ---------------------------------------------------------------------------
# torch.optim.lr_scheduler cases
# ---------------------------------------------------------------------------

def sched(name, **params):
    """A scheduler spec: the class/function name and its keyword arguments."""
    return {"scheduler": name, "params": params}


# Metric scripts for ReduceLROnPlateau (one value per step() call).  No value
# lies within rounding distance of an "is better" threshold of any case.
PLATEAU_MIN_METRICS = (
    [10.0, 9.0, 8.0]                      # clear improvements
    + [8.0, 8.0, 8.0, 8.0]                # plateau
    + [7.97, 7.96, 7.94]                  # tiny improvements (< 1 % and < 0.05 below best)
    + [7.5, 7.5, 7.5, 7.5, 7.5, 7.5]      # real improvement, then plateau
    + [7.0, 6.99, 6.98, 6.9, 6.9, 6.9]    # improvement, tiny ones, plateau
    + [6.0, 5.0, 4.0, 3.0]                # steady improvement
    + [3.0] * 12                          # long plateau (> default patience 10)
    + [2.98, 2.9, 2.89, 2.5, 2.5, 2.5]    # mixed
    + [2.6, 2.8, 3.0]                     # getting worse
    + [1.0, 1.0, 1.0, 1.0, 0.995, 0.98, 0.97, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]
)
PLATEAU_MAX_METRICS = (
    [0.10, 0.20, 0.30]                    # clear improvements
    + [0.30, 0.30, 0.30, 0.30]            # plateau
    + [0.301, 0.302, 0.3025]              # tiny improvements (< 1 % and < 0.05 above best)
    + [0.50, 0.50, 0.50, 0.50, 0.50, 0.50]
    + [0.60, 0.601, 0.62, 0.63, 0.63, 0.63]
    + [0.70, 0.76, 0.82, 0.88]
    + [0.88] * 12
    + [0.881, 0.89, 0.90, 0.95, 0.95, 0.95]
    + [0.94, 0.92, 0.90]
    + [0.97, 0.97, 0.97, 0.97, 0.971, 0.972, 0.973, 0.995, 0.995, 0.995, 0.995, 0.995, 0.995]
)

# (spec, base_lr, steps, metrics or None)
TORCH_SCHEDULES = [
    (sched("ConstantLR"), 0.1, 60, None),
    (sched("ConstantLR", factor=0.5, total_iters=10), 0.1, 60, None),
    (sched("ConstantLR", factor=0.1, total_iters=30), 1.0, 60, None),

    (sched("StepLR", step_size=10, gamma=0.5), 0.1, 60, None),
    (sched("StepLR", step_size=7), 1.0, 60, None),
    (sched("StepLR", step_size=1, gamma=0.9), 0.1, 60, None),

    (sched("MultiStepLR", milestones=[10, 25, 40]), 0.1, 60, None),
    (sched("MultiStepLR", milestones=[5, 5, 20], gamma=0.5), 0.1, 60, None),
    (sched("MultiStepLR", milestones=[30], gamma=0.3), 1.0, 60, None),

    (sched("ExponentialLR", gamma=0.5), 32.0, 60, None),
    (sched("ExponentialLR", gamma=0.95), 0.1, 60, None),
    (sched("ExponentialLR", gamma=0.99), 1.0, 60, None),

    (sched("CosineAnnealingLR", T_max=20), 0.1, 60, None),
    (sched("CosineAnnealingLR", T_max=20, eta_min=0.001), 0.1, 60, None),
    (sched("CosineAnnealingLR", T_max=25, eta_min=0.01), 1.0, 60, None),

    (sched("CosineAnnealingWarmRestarts", T_0=10), 0.1, 60, None),
    (sched("CosineAnnealingWarmRestarts", T_0=5, T_mult=2, eta_min=0.001), 0.1, 60, None),
    (sched("CosineAnnealingWarmRestarts", T_0=7, eta_min=0.01), 1.0, 60, None),

    (sched("LinearLR"), 0.1, 60, None),
    (sched("LinearLR", start_factor=0.1, end_factor=1.0, total_iters=10), 0.1, 60, None),
    (sched("LinearLR", start_factor=1.0, end_factor=0.1, total_iters=30), 1.0, 60, None),
    (sched("LinearLR", start_factor=0.5, end_factor=0.0, total_iters=20), 0.1, 60, None),

    (sched("PolynomialLR", total_iters=30, power=1.0), 0.1, 60, None),
    (sched("PolynomialLR", total_iters=30, power=2.0), 0.1, 60, None),
    (sched("PolynomialLR", total_iters=50, power=0.5), 1.0, 60, None),

    (sched("LambdaLR", lr_lambda="0.95**epoch"), 0.1, 60, None),
    (sched("LambdaLR", lr_lambda="1/(1+0.1*epoch)"), 0.1, 60, None),
    (sched("LambdaLR", lr_lambda="epoch//30"), 0.1, 60, None),
    (sched("LambdaLR", lr_lambda="0.5**(epoch//10)"), 1.0, 60, None),

    (sched("CyclicLR", base_lr=0.01, max_lr=0.1, step_size_up=10,
           cycle_momentum=False), 0.01, 60, None),
    (sched("CyclicLR", base_lr=0.01, max_lr=0.1, step_size_up=5, step_size_down=15,
           mode="triangular2", cycle_momentum=False), 0.01, 60, None),
    (sched("CyclicLR", base_lr=0.01, max_lr=0.1, step_size_up=8, mode="exp_range",
           gamma=0.97, cycle_momentum=False), 0.01, 60, None),

    (sched("OneCycleLR", max_lr=0.1, total_steps=61, cycle_momentum=False),
     0.1, 60, None),
    (sched("OneCycleLR", max_lr=0.1, total_steps=61, pct_start=0.25,
           anneal_strategy="linear", div_factor=10.0, final_div_factor=100.0,
           cycle_momentum=False), 0.1, 60, None),
    (sched("OneCycleLR", max_lr=1.0, total_steps=61, three_phase=True,
           cycle_momentum=False), 1.0, 60, None),

    (sched("SequentialLR",
           schedulers=[sched("LinearLR", start_factor=0.1, total_iters=5),
                       sched("ExponentialLR", gamma=0.9)],
           milestones=[5]), 0.1, 60, None),
    (sched("SequentialLR",
           schedulers=[sched("ConstantLR", factor=0.5, total_iters=10),
                       sched("CosineAnnealingLR", T_max=30)],
           milestones=[10]), 0.1, 60, None),
    (sched("SequentialLR",
           schedulers=[sched("LinearLR", start_factor=0.25, total_iters=4),
                       sched("StepLR", step_size=5, gamma=0.5),
                       sched("ExponentialLR", gamma=0.9)],
           milestones=[4, 20]), 1.0, 60, None),

    (sched("ChainedScheduler",
           schedulers=[sched("ConstantLR", factor=0.1, total_iters=4),
                       sched("ExponentialLR", gamma=0.9)]), 1.0, 60, None),
    (sched("ChainedScheduler",
           schedulers=[sched("LinearLR", start_factor=0.5, total_iters=10),
                       sched("StepLR", step_size=15, gamma=0.5)]), 0.1, 60, None),
    (sched("ChainedScheduler",
           schedulers=[sched("MultiStepLR", milestones=[10, 30], gamma=0.5),
                       sched("ExponentialLR", gamma=0.98)]), 0.1, 60, None),

    (sched("ReduceLROnPlateau", mode="min", factor=0.1, patience=0,
           threshold=0.01, threshold_mode="rel"), 0.1, 60, PLATEAU_MIN_METRICS),
    (sched("ReduceLROnPlateau", mode="min", factor=0.5, patience=2,
           threshold=0.05, threshold_mode="abs", cooldown=2, min_lr=0.01),
     0.1, 60, PLATEAU_MIN_METRICS),
    (sched("ReduceLROnPlateau", mode="min", factor=0.5, patience=2,
           threshold=0.01, threshold_mode="rel", cooldown=0, min_lr=0.02),
     0.1, 60, PLATEAU_MIN_METRICS),
    (sched("ReduceLROnPlateau"), 0.1, 60, PLATEAU_MIN_METRICS),
    (sched("ReduceLROnPlateau", mode="max", factor=0.5, patience=2,
           threshold=0.05, threshold_mode="abs", cooldown=0),
     0.1, 60, PLATEAU_MAX_METRICS),
    (sched("ReduceLROnPlateau", mode="max", factor=0.1, patience=0,
           threshold=0.01, threshold_mode="rel", cooldown=2, min_lr=1e-4),
     0.1, 60, PLATEAU_MAX_METRICS),
]


def make_lambda(expression):
    """Turn a recorded lambda string such as "0.95**epoch" into a function."""
    return eval("lambda epoch: " + expression, {"__builtins__": {}})  # noqa: S307


def build_torch_scheduler(optimizer, spec):
    scheduler_class = getattr(torch.optim.lr_scheduler, spec["scheduler"])
    kwargs = dict(spec["params"])
    if "schedulers" in kwargs:
        kwargs["schedulers"] = [build_torch_scheduler(optimizer, sub)
                                for sub in kwargs["schedulers"]]
        if spec["scheduler"] == "ChainedScheduler":
            return scheduler_class(**kwargs)
    if "lr_lambda" in kwargs:
        kwargs["lr_lambda"] = make_lambda(kwargs["lr_lambda"])
    return scheduler_class(optimizer, **kwargs)


def run_torch_schedule(spec, base_lr, steps, metrics):
    w = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=base_lr, foreach=False)
    scheduler = build_torch_scheduler(optimizer, spec)
    values = [float(optimizer.param_groups[0]["lr"])]
    for t in range(steps):
        optimizer.step()    # no gradient: a no-op, keeps the documented call order
        if metrics is None:
            scheduler.step()
        else:
            scheduler.step(metrics[t])
        values.append(float(optimizer.param_groups[0]["lr"]))
    return values


def check_plateau_script(params, metrics):
    """Refuse metric scripts that sit on an "is better" threshold.

    Such a comparison could go either way with a different rounding, and the
    Java side would then legitimately disagree.  Mirrors ReduceLROnPlateau's
    bookkeeping of the best value.
    """
    mode = params.get("mode", "min")
    threshold = params.get("threshold", 1e-4)
    relative = params.get("threshold_mode", "rel") == "rel"
    best = math.inf if mode == "min" else -math.inf
    for value in metrics:
        if mode == "min":
            limit = best * (1.0 - threshold) if relative else best - threshold
            better = value < limit
        else:
            limit = best * (threshold + 1.0) if relative else best + threshold
            better = value > limit
        if math.isfinite(limit) and abs(value - limit) <= 1e-9 * abs(limit):
            raise AssertionError(f"metric {value} is on the threshold {limit} ({params})")
        if better:
            best = value


def torch_schedule_cases():
    cases = []
    for spec, base_lr, steps, metrics in TORCH_SCHEDULES:
        if metrics is not None:
            if len(metrics) != steps:
                raise AssertionError(f"{spec}: {len(metrics)} metrics for {steps} steps")
            check_plateau_script(spec["params"], metrics)
        case = {
            "id": f"torch.{spec['scheduler']}{format_params(spec['params'])}",
            "scheduler": spec["scheduler"],
            "base_lr": base_lr,
            "params": spec["params"],
        }
        if metrics is not None:
            case["metrics"] = list(metrics)
        case["steps"] = steps
        case["lr"] = run_torch_schedule(spec, base_lr, steps, metrics)
        cases.append(case)
    return cases


# ---------------------------------------------------------------------------
# optax schedule cases
# ---------------------------------------------------------------------------

OPTAX_SCHEDULES = [
    (sched("constant_schedule", value=0.1), 60),

    (sched("exponential_decay", init_value=0.1, transition_steps=10, decay_rate=0.5), 60),
    (sched("exponential_decay", init_value=0.1, transition_steps=10, decay_rate=0.5,
           staircase=True), 60),
    (sched("exponential_decay", init_value=1.0, transition_steps=5, decay_rate=0.8,
           transition_begin=15, staircase=True), 60),
    (sched("exponential_decay", init_value=1.0, transition_steps=5, decay_rate=0.8,
           transition_begin=10, end_value=0.2), 60),
    (sched("exponential_decay", init_value=0.1, transition_steps=10, decay_rate=1.5,
           end_value=0.5), 60),

    (sched("cosine_decay_schedule", init_value=1.0, decay_steps=40), 60),
    (sched("cosine_decay_schedule", init_value=0.1, decay_steps=50, alpha=0.1), 60),
    (sched("cosine_decay_schedule", init_value=1.0, decay_steps=40, alpha=0.05,
           exponent=2.0), 60),

    (sched("warmup_cosine_decay_schedule", init_value=0.0, peak_value=1.0,
           warmup_steps=10, decay_steps=50), 60),
    (sched("warmup_cosine_decay_schedule", init_value=0.01, peak_value=0.1,
           warmup_steps=5, decay_steps=45, end_value=0.001), 60),

    (sched("linear_schedule", init_value=1.0, end_value=0.1, transition_steps=40), 60),
    (sched("linear_schedule", init_value=0.0, end_value=0.5, transition_steps=20,
           transition_begin=10), 60),

    (sched("polynomial_schedule", init_value=1.0, end_value=0.0, power=1,
           transition_steps=40), 60),
    (sched("polynomial_schedule", init_value=1.0, end_value=0.01, power=2,
           transition_steps=40), 60),
    (sched("polynomial_schedule", init_value=0.1, end_value=0.001, power=0.5,
           transition_steps=30, transition_begin=10), 60),

    (sched("piecewise_constant_schedule", init_value=1.0,
           boundaries_and_scales={10: 0.5, 25: 0.1, 40: 2.0}), 60),
    (sched("piecewise_constant_schedule", init_value=0.1,
           boundaries_and_scales={5: 0.1, 15: 0.1}), 60),

    (sched("join_schedules",
           schedules=[sched("linear_schedule", init_value=0.0, end_value=1.0,
                            transition_steps=10),
                      sched("exponential_decay", init_value=1.0, transition_steps=5,
                            decay_rate=0.8)],
           boundaries=[10]), 60),
    (sched("join_schedules",
           schedules=[sched("constant_schedule", value=0.1),
                      sched("cosine_decay_schedule", init_value=0.1, decay_steps=20),
                      sched("constant_schedule", value=0.001)],
           boundaries=[15, 35]), 60),

    (sched("warmup_exponential_decay_schedule", init_value=0.0, peak_value=1.0,
           warmup_steps=10, transition_steps=5, decay_rate=0.8), 60),
    (sched("warmup_exponential_decay_schedule", init_value=0.01, peak_value=0.1,
           warmup_steps=5, transition_steps=10, decay_rate=0.5, transition_begin=5,
           staircase=True, end_value=0.01), 60),

    (sched("sgdr_schedule", cosine_kwargs=[
        dict(init_value=0.0, peak_value=1.0, warmup_steps=2, decay_steps=10),
        dict(init_value=0.0, peak_value=0.5, warmup_steps=2, decay_steps=20),
        dict(init_value=0.0, peak_value=0.25, warmup_steps=2, decay_steps=30,
                      end_value=0.01)]), 60),

    (sched("linear_onecycle_schedule", transition_steps=50, peak_value=0.1), 60),
    (sched("cosine_onecycle_schedule", transition_steps=50, peak_value=0.1), 60),
]


def build_optax_schedule(spec):
    kwargs = dict(spec["params"])
    if "schedules" in kwargs:
        kwargs["schedules"] = [build_optax_schedule(sub) for sub in kwargs["schedules"]]
    return getattr(optax, spec["scheduler"])(**kwargs)


def optax_schedule_cases():
    cases = []
    for spec, steps in OPTAX_SCHEDULES:
        schedule = build_optax_schedule(spec)
        values = []
        for count in range(steps + 1):
            # A Python int count keeps the arithmetic in float64.  (optax's own
            # int32 step counter would make linear/polynomial/exponential
            # schedules compute in float32: int32 / int gives float32 in JAX.)
            value = jnp.asarray(schedule(count))
            if value.dtype != jnp.float64:
                raise AssertionError(f"{spec['scheduler']} returned {value.dtype}")
            values.append(float(value))
        cases.append({
            "id": f"optax.{spec['scheduler']}{format_params(spec['params'])}",
            "scheduler": spec["scheduler"],
            "params": spec["params"],
            "steps": steps,
            "lr": values,
        })
    return cases


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------

def generator_info(library):
    version = metadata.version(library).split("+")[0]   # drop "+cu132"-style tags
    return {"script": SCRIPT, "library": library, "version": version,
            "python": platform.python_version(), "dtype": "float64"}


def is_scalar(value):
    return value is None or isinstance(value, (bool, int, float, str))


def dump(value, indent=0):
    """JSON with one case per block and every numeric row on one line.

    Floats use Python's repr (shortest round-trip form); NaN/Infinity are
    rejected.
    """
    pad = "  " * indent
    inner = "  " * (indent + 1)
    if is_scalar(value):
        return json.dumps(value, allow_nan=False)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{inner}{json.dumps(str(k))}: {dump(v, indent + 1)}"
                 for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, (list, tuple)):
        if all(is_scalar(v) for v in value):
            return "[" + ", ".join(json.dumps(v, allow_nan=False) for v in value) + "]"
        items = [inner + dump(v, indent + 1) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    raise TypeError(type(value))


def check_finite(cases, key):
    for case in cases:
        values = case[key]
        flat = [x for row in values for x in row] if isinstance(values[0], list) else values
        if not all(math.isfinite(x) for x in flat):
            raise AssertionError(f"non-finite value in {case['id']}")
        if key == "trajectory":
            losses = [x for x in case["loss"] if x is not None]
            if not all(math.isfinite(x) for x in losses):
                raise AssertionError(f"non-finite loss in {case['id']}")


def check_unique_ids(cases):
    ids = [case["id"] for case in cases]
    if len(ids) != len(set(ids)):
        raise AssertionError("duplicate case ids")


def write(path, document):
    text = dump(document) + "\n"
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path} ({len(document['cases'])} cases, {len(text.encode()) / 1e6:.2f} MB)")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="output directory (default: %(default)s)")
    args = parser.parse_args(argv)

    torch.set_num_threads(1)
    # Optimizer scalar state (step counters, NAdam's mu_product) is created with
    # torch's default dtype; make it float64 as well.
    torch.set_default_dtype(torch.float64)
    warnings.simplefilter("ignore")   # scheduler call-order warnings etc.

    problems = make_problems()
    out = args.out
    out.mkdir(parents=True, exist_ok=True)

    documents = {
        "optimizers-torch.json": {
            "generator": generator_info("torch"), "problems": problems,
            "cases": optimizer_cases("torch", TORCH_OPTIMIZERS, problems)},
        "optimizers-optax.json": {
            "generator": generator_info("optax"), "problems": problems,
            "cases": optimizer_cases("optax", OPTAX_OPTIMIZERS, problems)},
        "schedules-torch.json": {
            "generator": generator_info("torch"), "cases": torch_schedule_cases()},
        "schedules-optax.json": {
            "generator": generator_info("optax"), "cases": optax_schedule_cases()},
    }
    for filename, document in documents.items():
        check_unique_ids(document["cases"])
        check_finite(document["cases"],
                     "trajectory" if filename.startswith("optimizers") else "lr")
        write(out / filename, document)
    return 0


if __name__ == "__main__":
    sys.exit(main())

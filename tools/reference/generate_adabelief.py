#!/usr/bin/env python3
"""Generate float64 AdaBelief reference trajectories.

Two independent implementations of AdaBelief (Zhuang et al. 2020, STAT 453 L12
"Algorithm 2: AdaBelief Optimizer") are run on the problems of generate.py
(Rosenbrock from (1.5, 1.5), the quadratic diag (1, 10) from (1, 1) and the
100-step replayed gradient sequence), with generate.py's adaptive learning
rates:

  optimizers-adabelief-pytorch.json  the authors' package adabelief-pytorch
                                     (pip install adabelief-pytorch tabulate colorama)
  optimizers-adabelief-optax.json    optax.adabelief (eps and eps_root separate)

The schema is the one of optimizers-torch.json.  adabelief-pytorch is always
run with rectify=False: its default (rectify=True) is a RAdam-style rectified
step, which is not Algorithm 2 and which descent does not implement.

By default the problems come from generate.py's make_problems(); with
--problems-from FILE (e.g. an optimizers-torch.json written by generate.py)
they are read from that fixture instead, and must be identical.
"""

import argparse
import json
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402  (sets JAX to CPU / float64 on import)
from generate import (  # noqa: E402
    ADAPTIVE_LR, STEPS, check_finite, check_unique_ids, format_params, generator_info,
    make_problems, run_optax_optimizer, step_torch, write)

import torch  # noqa: E402
from adabelief_pytorch import AdaBelief  # noqa: E402

SCRIPT = "tools/reference/generate_adabelief.py"

# kwargs other than lr; rectify=False everywhere (see the module docstring).
ADABELIEF_PYTORCH_CASES = [
    {"rectify": False},
    {"rectify": False, "eps": 1e-8},
    {"rectify": False, "betas": [0.5, 0.9], "eps": 1e-3},
    {"rectify": False, "weight_decay": 0.1, "weight_decouple": False},
    {"rectify": False, "weight_decay": 0.5, "weight_decouple": True},
    {"rectify": False, "amsgrad": True},
    {"rectify": False, "amsgrad": True, "eps": 1e-3},
]

# eps_root != eps is the case that needs descent's separate eps_root.  (With
# b1=0.5, b2=0.9, eps_root=1e-6 the Rosenbrock run passes a spike near step 80
# that amplifies 1e-16 rounding differences to 4e-9, so milder betas are used.)
OPTAX_CASES = [
    {},
    {"eps": 1e-3},
    {"eps": 1e-8, "eps_root": 0.0},
    {"b1": 0.8, "b2": 0.99, "eps": 1e-3, "eps_root": 1e-6},
]


def run_adabelief_pytorch(params, problem):
    w = torch.tensor(problem["start"], dtype=torch.float64, requires_grad=True)
    kwargs = {k: tuple(v) if isinstance(v, list) else v for k, v in params.items()}
    return step_torch(AdaBelief([w], print_change_log=False, **kwargs), w, problem)


def cases_for(library, optimizer, configs, runner, lr_key, problems):
    cases = []
    for hyper in configs:
        for problem_name, problem in problems.items():
            params = {lr_key: ADAPTIVE_LR[problem_name], **hyper}
            trajectory, losses = runner(params, problem)
            cases.append({
                "id": f"{library}.{optimizer}{format_params(params)}@{problem_name}",
                "optimizer": optimizer,
                "params": params,
                "problem": problem_name,
                "steps": STEPS,
                "trajectory": trajectory,
                "loss": losses,
            })
    return cases


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=generate.DEFAULT_OUT,
                        help="output directory (default: %(default)s)")
    parser.add_argument("--problems-from", type=Path, default=None,
                        help="read the problems from this optimizers-*.json fixture")
    args = parser.parse_args(argv)

    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float64)
    warnings.simplefilter("ignore")

    problems = make_problems()
    if args.problems_from is not None:
        stored = json.loads(args.problems_from.read_text(encoding="utf-8"))["problems"]
        if stored != problems:
            raise AssertionError(f"the problems in {args.problems_from} differ from make_problems()")
        problems = stored

    def optax_runner(params, problem):
        return run_optax_optimizer("adabelief", params, problem)

    documents = {
        "optimizers-adabelief-pytorch.json": {
            "generator": {**generator_info("adabelief-pytorch"), "script": SCRIPT},
            "problems": problems,
            "cases": cases_for("adabelief_pytorch", "AdaBelief", ADABELIEF_PYTORCH_CASES,
                               run_adabelief_pytorch, "lr", problems)},
        "optimizers-adabelief-optax.json": {
            "generator": {**generator_info("optax"), "script": SCRIPT},
            "problems": problems,
            "cases": cases_for("optax", "adabelief", OPTAX_CASES, optax_runner,
                               "learning_rate", problems)},
    }
    args.out.mkdir(parents=True, exist_ok=True)
    for filename, document in documents.items():
        check_unique_ids(document["cases"])
        check_finite(document["cases"], "trajectory")
        write(args.out / filename, document)
    return 0


if __name__ == "__main__":
    sys.exit(main())

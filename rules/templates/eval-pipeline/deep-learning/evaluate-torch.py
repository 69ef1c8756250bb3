"""Evaluate {{projectName}} (PyTorch) on held-out data against the thresholds in evals/thresholds.yaml.

Usage:  python {{scriptPath}} [--thresholds PATH] [--output PATH]  (defaults: next to this script)
Exit code: 0 every metric meets its threshold, 1 a metric misses it, 2 the evaluation could not run.
Needs: torch, pyyaml. thresholds.yaml says how to build the network and the held-out dataset (module:function
names in this project), so this script stays the same when the model changes.
"""
from __future__ import annotations

import argparse
import importlib
import json
import math
import sys
from pathlib import Path

import torch
from torch.utils.data import DataLoader

HERE = Path(__file__).resolve().parent
PROJECT_ROOT = Path(__file__).resolve().parents[{{scriptDepth}}]
UNFILLED = "<" + "FILL IN"  # marks a value still to be filled in (split so this line is not one itself)


def load_config(path: Path) -> dict:
    import yaml

    config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    unfilled = [key for key, value in config.items() if isinstance(value, str) and value.startswith(UNFILLED)]
    if unfilled:
        raise SystemExit(f"setup error: fill in {', '.join(unfilled)} in {path}")
    return config


def resolve(spec: str):
    """The object named by "package.module:attribute", imported from the project root."""
    module_name, _, attribute = str(spec).partition(":")
    if str(PROJECT_ROOT) not in sys.path:
        sys.path.insert(0, str(PROJECT_ROOT))
    return getattr(importlib.import_module(module_name), attribute)


def load_model(config: dict, device: torch.device) -> torch.nn.Module:
    """Builds the network with `model_factory(**model_kwargs)` and loads the trained weights (a state_dict)."""
    net = resolve(config["model_factory"])(**(config.get("model_kwargs") or {}))
    # weights_only=True: tensors only, no pickled code runs while loading.
    state = torch.load(PROJECT_ROOT / str(config["weights"]), map_location=device, weights_only=True)
    net.load_state_dict(state.get("state_dict", state) if isinstance(state, dict) else state)
    return net.to(device).eval()


def held_out_loader(config: dict) -> DataLoader:
    """A DataLoader over the held-out data: `dataset(path)` returns a Dataset of (inputs, target) pairs."""
    dataset = resolve(config["dataset"])(str(PROJECT_ROOT / str(config["holdout_data"])))
    return DataLoader(dataset, batch_size=int(config.get("batch_size", 64)), shuffle=False)


def predict_all(net: torch.nn.Module, loader: DataLoader, task: str, device: torch.device):
    y_true, y_pred = [], []
    with torch.no_grad():
        for inputs, targets in loader:
            outputs = net(inputs.to(device))
            if task == "classification":
                predictions = outputs.argmax(dim=1) if outputs.ndim > 1 else (outputs > 0).long()
            else:
                predictions = outputs.reshape(len(targets), -1)[:, 0]
            y_true.extend(targets.reshape(-1).tolist())
            y_pred.extend(predictions.cpu().reshape(-1).tolist())
    return y_true, y_pred


def compute_metrics(task: str, y_true: list, y_pred: list) -> dict:
    n = len(y_true)
    if n == 0:
        raise ValueError("the held-out dataset is empty")
    if task == "regression":
        errors = [p - t for t, p in zip(y_true, y_pred)]
        mean = sum(y_true) / n
        total = sum((t - mean) ** 2 for t in y_true)
        return {
            "rmse": math.sqrt(sum(e * e for e in errors) / n),
            "mae": sum(abs(e) for e in errors) / n,
            "r2": 1 - sum(e * e for e in errors) / total if total else 0.0,
        }
    f1_scores = []
    for label in sorted(set(y_true) | set(y_pred)):
        tp = sum(1 for t, p in zip(y_true, y_pred) if t == label and p == label)
        fp = sum(1 for t, p in zip(y_true, y_pred) if t != label and p == label)
        fn = sum(1 for t, p in zip(y_true, y_pred) if t == label and p != label)
        f1_scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    correct = sum(1 for t, p in zip(y_true, y_pred) if t == p)
    accuracy = correct / n
    return {"accuracy": accuracy, "f1_macro": sum(f1_scores) / len(f1_scores)}


def check_thresholds(values: dict, thresholds: dict) -> list:
    failures = []
    for name, bounds in (thresholds or {}).items():
        if name not in values:
            failures.append(f"{name}: not computed")
            continue
        value = values[name]
        if "min" in bounds and value < float(bounds["min"]):
            failures.append(f"{name} = {value:.4f} < min {bounds['min']}")
        if "max" in bounds and value > float(bounds["max"]):
            failures.append(f"{name} = {value:.4f} > max {bounds['max']}")
    return failures


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--thresholds", default=str(HERE / "thresholds.yaml"))
    parser.add_argument("--output", default=str(HERE / "results.json"))
    args = parser.parse_args(argv)
    try:
        config = load_config(Path(args.thresholds))
        task = str(config.get("task", "classification"))
        device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        net = load_model(config, device)
        values = compute_metrics(task, *predict_all(net, held_out_loader(config), task, device))
    except SystemExit as exc:
        print(exc, file=sys.stderr)
        return 2
    except Exception as exc:  # a setup problem, reported as such rather than as a failed gate
        print(f"setup error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    failures = check_thresholds(values, (config.get("thresholds") or {}).get(task, {}))
    Path(args.output).write_text(json.dumps({"task": task, "metrics": values, "failures": failures}, indent=2), encoding="utf-8")
    for name, value in sorted(values.items()):
        print(f"{name:>16}: {value:.4f}")
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

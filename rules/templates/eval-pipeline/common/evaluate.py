"""Evaluate {{projectName}} on held-out data against the thresholds in evals/thresholds.yaml.

Usage:  python {{scriptPath}} [--thresholds PATH] [--output PATH]  (defaults: next to this script)
Exit code: 0 every metric meets its threshold, 1 a metric misses it, 2 the evaluation could not run.
Needs: pandas, scikit-learn, pyyaml (and joblib when a model file is used).
"""
from __future__ import annotations

import argparse
import importlib
import json
import math
import sys
from pathlib import Path

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


def load_predict(config: dict):
    """Returns a function features -> predictions, from `predict: module:function` or a model file."""
    if config.get("predict"):
        module_name, _, function_name = str(config["predict"]).partition(":")
        sys.path.insert(0, str(PROJECT_ROOT))
        return getattr(importlib.import_module(module_name), function_name)
    import joblib

    model_path = PROJECT_ROOT / str(config["model_path"])
    # ai-preflight-ignore: unsafe-deserialization this loads the model this project trains itself
    model = joblib.load(model_path)
    return model.predict


def compute_metrics(task: str, y_true, y_pred) -> dict:
    # Imported by name: an evaluation harness does not make scikit-learn the project's modelling framework.
    metrics = importlib.import_module("sklearn.metrics")

    if task == "regression":
        mse = metrics.mean_squared_error(y_true, y_pred)
        return {
            "rmse": math.sqrt(mse),
            "mae": metrics.mean_absolute_error(y_true, y_pred),
            "r2": metrics.r2_score(y_true, y_pred),
        }
    return {
        "accuracy": metrics.accuracy_score(y_true, y_pred),
        "f1_macro": metrics.f1_score(y_true, y_pred, average="macro"),
        "precision_macro": metrics.precision_score(y_true, y_pred, average="macro", zero_division=0),
        "recall_macro": metrics.recall_score(y_true, y_pred, average="macro", zero_division=0),
    }


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
        import pandas as pd

        config = load_config(Path(args.thresholds))
        task = str(config.get("task", "classification"))
        data = pd.read_csv(PROJECT_ROOT / str(config["holdout_data"]))
        target = str(config["target_column"])
        features = data.drop(columns=[target])
        predict = load_predict(config)
        values = compute_metrics(task, data[target], predict(features))
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

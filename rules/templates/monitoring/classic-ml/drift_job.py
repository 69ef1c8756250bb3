"""Data-drift job for {{projectName}}: compares recent model inputs with the reference (training) data.

Usage:  python {{scriptPath}} --current PATH_TO_RECENT_INPUTS.csv [--reference PATH] [--report drift.html]
Run it on a schedule (cron, Airflow, a CI schedule). It writes Prometheus metrics for node_exporter's textfile
collector (METRICS_DIR, default ./metrics) matching monitoring/alerts.yaml, and exits 1 when the dataset drifted.
Needs: evidently, pandas.
"""
from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[{{scriptDepth}}]
MODEL_LABEL = {{q serviceName}}
DEFAULT_REFERENCE = {{q referenceData}}
DRIFT_SHARE = 0.5  # the dataset counts as drifted when this share of columns drifted


def run_report(reference, current):
    """Returns (share of drifted columns, report) with either Evidently API (0.7+ or older)."""
    # Evidently is imported by name: a monitoring job does not make it the project's modelling framework.
    try:
        Report = importlib.import_module("evidently").Report
        DataDriftPreset = importlib.import_module("evidently.presets").DataDriftPreset
    except (ImportError, AttributeError):  # Evidently before 0.7
        DataDriftPreset = importlib.import_module("evidently.metric_preset").DataDriftPreset
        Report = importlib.import_module("evidently.report").Report

        report = Report(metrics=[DataDriftPreset(drift_share=DRIFT_SHARE)])
        report.run(reference_data=reference, current_data=current)
        return float(report.as_dict()["metrics"][0]["result"]["share_of_drifted_columns"]), report
    snapshot = Report([DataDriftPreset(drift_share=DRIFT_SHARE)]).run(current_data=current, reference_data=reference)
    for metric in snapshot.dict().get("metrics", []):
        value = metric.get("value")
        if isinstance(value, dict) and "share" in value:
            return float(value["share"]), snapshot
    raise RuntimeError("no drifted-columns share in the Evidently result")


def write_metrics(share: float, metrics_dir: Path) -> None:
    metrics_dir.mkdir(parents=True, exist_ok=True)
    text = (
        f'ml_data_drift_share{{model="{MODEL_LABEL}"}} {share}\n'
        f'ml_drift_job_last_success_timestamp_seconds{{model="{MODEL_LABEL}"}} {time.time()}\n'
    )
    tmp = metrics_dir / "drift.prom.tmp"
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(metrics_dir / "drift.prom")  # atomic for the collector


def main(argv=None) -> int:
    import os

    import pandas as pd

    parser = argparse.ArgumentParser(description="Data drift against the reference dataset")
    parser.add_argument("--reference", default=str(PROJECT_ROOT / DEFAULT_REFERENCE))
    parser.add_argument("--current", required=True, help="recent production inputs (CSV)")
    parser.add_argument("--report", help="also save an HTML report here")
    args = parser.parse_args(argv)
    reference = pd.read_csv(args.reference)
    current = pd.read_csv(args.current)
    share, report = run_report(reference, current)
    write_metrics(share, Path(os.environ.get("METRICS_DIR", "metrics")))
    if args.report:
        report.save_html(args.report)
    print(f"share of drifted columns: {share:.2f} (threshold {DRIFT_SHARE})")
    return 1 if share >= DRIFT_SHARE else 0


if __name__ == "__main__":
    sys.exit(main())

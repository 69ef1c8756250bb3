#!/usr/bin/env bash
# Roll back {{projectName}}: move the MLflow model-registry alias that serving loads (models:/NAME@ALIAS) to a
# previous model version. See {{runbookPath}}.
# Usage: rollback.sh [--to VERSION] [--model NAME] [--alias ALIAS] [--dry-run]
set -euo pipefail

MODEL_NAME="${MODEL_NAME:-{{modelName}}}"
ALIAS="${MODEL_ALIAS:-champion}"
TARGET=""
DRY_RUN=0

usage() { echo "usage: $0 [--to VERSION] [--model NAME] [--alias ALIAS] [--dry-run]"; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --to) TARGET="${2:?--to needs a version}"; shift 2 ;;
    --model) MODEL_NAME="${2:?--model needs a name}"; shift 2 ;;
    --alias) ALIAS="${2:?--alias needs a name}"; shift 2 ;;
    --dry-run) DRY_RUN=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

# Without --to: the highest version below the one the alias points at now.
MODEL_NAME="$MODEL_NAME" ALIAS="$ALIAS" TARGET="$TARGET" DRY_RUN="$DRY_RUN" python - <<'PY'
import os
from mlflow import MlflowClient

client = MlflowClient()
name, alias, target = os.environ["MODEL_NAME"], os.environ["ALIAS"], os.environ["TARGET"]
current = client.get_model_version_by_alias(name, alias).version
if not target:
    older = sorted((int(v.version) for v in client.search_model_versions(f"name='{name}'") if int(v.version) < int(current)))
    if not older:
        raise SystemExit(f"no version of {name} older than {current}")
    target = str(older[-1])
print(f"rolling back {name}@{alias}: version {current} -> {target}")
if os.environ["DRY_RUN"] == "1":
    print("[dry-run] alias not changed")
else:
    client.set_registered_model_alias(name, alias, target)
PY

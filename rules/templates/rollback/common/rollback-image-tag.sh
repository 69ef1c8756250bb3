#!/usr/bin/env bash
# Roll back {{projectName}}: re-point the serving deployment to a previous image tag (the model ships in the
# image), or to the previous rollout revision when no tag is given. See {{runbookPath}}.
# Usage: rollback.sh [--to TAG] [--dry-run]
set -euo pipefail

DEPLOYMENT="${DEPLOYMENT:-{{deploymentName}}}"
CONTAINER="${CONTAINER:-{{containerName}}}"
IMAGE="${IMAGE:-{{imageName}}}"
NAMESPACE="${NAMESPACE:-default}"
TARGET=""
DRY_RUN=0

usage() { echo "usage: $0 [--to TAG] [--dry-run]"; }
run() { if [[ "$DRY_RUN" -eq 1 ]]; then echo "[dry-run] $*"; else "$@"; fi; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --to) TARGET="${2:?--to needs an image tag}"; shift 2 ;;
    --dry-run) DRY_RUN=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

if [[ -n "$TARGET" ]]; then
  echo "rolling back deployment/${DEPLOYMENT} to ${IMAGE}:${TARGET}"
  run kubectl -n "$NAMESPACE" set image "deployment/${DEPLOYMENT}" "${CONTAINER}=${IMAGE}:${TARGET}"
else
  echo "rolling back deployment/${DEPLOYMENT} to its previous revision"
  run kubectl -n "$NAMESPACE" rollout undo "deployment/${DEPLOYMENT}"
fi
run kubectl -n "$NAMESPACE" rollout status "deployment/${DEPLOYMENT}" --timeout=300s

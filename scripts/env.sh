# Sourced by the project's scripts: locations, logging, and a Node >= 22.12 on PATH.
# shellcheck shell=bash

SCF_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCF_TOOLS="${SCF_TOOLS_DIR:-$SCF_ROOT/.tools}"
export SCF_ROOT SCF_TOOLS

# Each line says how long the command (the first script that sourced this file) has run: m:ss.
SCF_STARTED="${SCF_STARTED:-$(date +%s)}"
export SCF_STARTED
scf_log() {
  local elapsed=$(($(date +%s) - SCF_STARTED))
  printf '[scf %d:%02d] %s\n' $((elapsed / 60)) $((elapsed % 60)) "$*" >&2
}
scf_die() {
  scf_log "error: $*"
  exit 1
}

scf_node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 12) ? 0 : 1)'
}

scf_node_arch() {
  case "$(uname -m)" in
    x86_64 | amd64) echo x64 ;;
    aarch64 | arm64) echo arm64 ;;
    *) scf_die "no Node 22 package for CPU $(uname -m); install Node >= 22.12 yourself" ;;
  esac
}

# Puts Node >= 22.12 first on PATH: the system's if new enough, else a project-local copy of the
# npm registry's node-linux-<arch>@22 package (a plain binary, no install scripts needed).
scf_ensure_node() {
  scf_node_ok && return 0
  local pkg dir bin
  pkg="node-linux-$(scf_node_arch)"
  dir="$SCF_TOOLS/node"
  bin="$dir/node_modules/$pkg/bin"
  if [ ! -x "$bin/node" ]; then
    command -v npm >/dev/null 2>&1 || scf_die "npm is needed to provision Node 22 (install Node.js and npm first)"
    scf_log "system Node is $(node -v 2>/dev/null || echo missing); installing $pkg@22 into $dir"
    npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "$pkg@22" >&2 ||
      scf_die "could not install $pkg@22 from the npm registry"
  fi
  export PATH="$bin:$PATH"
  scf_node_ok || scf_die "provisioned Node at $bin does not run"
}

# The lockfile's hash, recorded after a successful install, tells whether `npm ci` must run again.
scf_npm_ci() { # $1 folder with package-lock.json, $2 label
  local dir="$1" stamp="$1/node_modules/.scf-lock-hash" want
  want=$(sha256sum "$dir/package-lock.json" | cut -c1-16)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  scf_log "installing npm packages for $2 (npm ci)"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2) || scf_die "npm ci failed in $dir"
  echo "$want" >"$stamp"
}

# Everything the network and tests need: Node 22, npm packages, Fabric binaries, the chaincode build.
scf_setup() {
  scf_ensure_node
  scf_npm_ci "$SCF_ROOT" "the workspace"
  scf_npm_ci "$SCF_ROOT/chaincode" "the chaincode"
  bash "$SCF_ROOT/scripts/install-fabric.sh"
  scf_log "generating the Prisma client of the read model"
  # prisma generate needs no schema engine but looks one up at start; any existing file will do here.
  (cd "$SCF_ROOT/node-api" && PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$(command -v node)}" \
    npx prisma generate --schema prisma/schema.prisma >&2) || scf_die "prisma generate failed"
  scf_log "building the chaincode"
  (cd "$SCF_ROOT/chaincode" && npm run --silent build >&2) || scf_die "chaincode build failed"
  scf_log "building the portal (web/dist)"
  (cd "$SCF_ROOT" && npm run --silent build:web >/dev/null) || scf_die "portal build failed: npm run build:web"
}

# The browser the end-to-end tests drive: Debian's Chromium (Playwright cannot download browsers here),
# and CJK fonts so that the zh-CN portal renders. Installs with apt-get when missing (root or sudo).
scf_ensure_chromium() {
  local browser="${SCF_CHROMIUM:-/usr/bin/chromium}"
  if [ -x "$browser" ] && fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk"; then
    return 0
  fi
  scf_log "installing Chromium and CJK fonts for the browser tests (apt-get)"
  local sudo=""
  [ "$(id -u)" = "0" ] || sudo="sudo"
  $sudo apt-get install -y --no-install-recommends chromium fonts-wqy-zenhei >&2 ||
    { $sudo apt-get update >&2 && $sudo apt-get install -y --no-install-recommends chromium fonts-wqy-zenhei >&2; } ||
    scf_die "could not install chromium; install it (or set SCF_CHROMIUM to a Chromium binary) and retry"
}

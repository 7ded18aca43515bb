#!/usr/bin/env bash
# npm run bench:caliper [-- --quick]: Hyperledger Caliper 0.6 against a network of our own, beside our
# own one-write and no-op rounds. Installs Caliper into .tools/caliper on first use (never into the
# workspace) and binds it to Fabric's gateway SDK, then runs node-api/bench/caliper-bench.ts.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
scf_ensure_node
CALIPER_DIR="$SCF_TOOLS/caliper"
CALIPER_BIN="$CALIPER_DIR/node_modules/@hyperledger/caliper-cli/caliper.js"
if [ ! -f "$CALIPER_BIN" ]; then
  scf_log "installing @hyperledger/caliper-cli@0.6.0 into $CALIPER_DIR"
  mkdir -p "$CALIPER_DIR"
  npm install --prefix "$CALIPER_DIR" --no-audit --no-fund --loglevel=error @hyperledger/caliper-cli@0.6.0 >&2 ||
    scf_die "could not install @hyperledger/caliper-cli@0.6.0 (npm registry unreachable?)"
fi
if [ ! -d "$CALIPER_DIR/node_modules/@hyperledger/fabric-gateway" ]; then
  scf_log "binding Caliper to fabric:fabric-gateway"
  (cd "$CALIPER_DIR" && node "$CALIPER_BIN" bind --caliper-bind-sut fabric:fabric-gateway --caliper-bind-cwd . >&2) ||
    scf_die "caliper bind --caliper-bind-sut fabric:fabric-gateway failed"
fi
export CALIPER_BIN
exec bash "$SCF_ROOT/scripts/bench.sh" node-api/bench/caliper-bench.ts "$@"

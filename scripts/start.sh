#!/usr/bin/env bash
# npm start: set up what is missing, bring the whole consortium up (network, one node API per org with
# demo data), print what runs where and the demo logins, and stay in the foreground restarting
# whatever dies (the consortium's watch) until Ctrl-C (which stops everything). Extra arguments go to `network up`,
# e.g. npm start -- --orderers 1. With SCF_DETACH=1 it returns once the network is up.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
scf_setup

cli=(node "$SCF_ROOT/network/scripts/cli.ts")
nodes=(node "$SCF_ROOT/node-api/src/cli/nodes.ts")
consortium=(node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON "$SCF_ROOT/node-api/src/cli/consortium.ts")
stop_all() {
  trap - INT TERM
  scf_log "stopping the consortium"
  "${cli[@]}" down || true
}
trap 'stop_all; exit 130' INT TERM

started=$(date +%s)
"${cli[@]}" up "$@"
"${cli[@]}" status || scf_log "not every Fabric process is healthy yet (above); the watch restarts what is down"
scf_log "network up in $(($(date +%s) - started))s; starting one node API per org"
"${nodes[@]}" up
"${nodes[@]}" seed
"${nodes[@]}" info
scf_log "consortium up in $(($(date +%s) - started))s"

if [ "${SCF_DETACH:-0}" = "1" ]; then
  scf_log "running in the background; stop it with: npm stop"
  exit 0
fi
scf_log "running; restarting whatever dies; npm run status shows every process"
scf_log "press Ctrl-C to stop everything (or run npm stop in another terminal)"
trap - INT TERM
exec "${consortium[@]}" watch

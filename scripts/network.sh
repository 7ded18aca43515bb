#!/usr/bin/env bash
# Runs the network CLI (network/scripts/cli.ts) with the project's Node: npm run network -- <command>.
# status, watch and units cover every process of an org's node, node APIs and portals too, so they run
# the consortium CLI (node-api/src/cli/consortium.ts), which sees both layers; npm run status is status.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
scf_ensure_node
if [ ! -d "$SCF_ROOT/node_modules/yaml" ]; then
  scf_die "npm packages are not installed yet: run npm start (or npm run setup) first"
fi
case "${1:-}" in
  status | watch | units) exec node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON "$SCF_ROOT/node-api/src/cli/consortium.ts" "$@" ;;
  *) exec node "$SCF_ROOT/network/scripts/cli.ts" "$@" ;;
esac

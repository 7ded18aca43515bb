#!/usr/bin/env bash
# Runs the network CLI (network/scripts/cli.ts) with the project's Node: npm run network -- <command>.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
scf_ensure_node
if [ ! -d "$SCF_ROOT/node_modules/yaml" ]; then
  scf_die "npm packages are not installed yet: run npm start (or npm run setup) first"
fi
exec node "$SCF_ROOT/network/scripts/cli.ts" "$@"

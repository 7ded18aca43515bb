#!/usr/bin/env bash
# npm run drill: set up what is missing, then run the fault drill (it starts its own consortium on free
# ports, injects every fault under a write load and prints a table; exits 1 if a write was lost).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
scf_setup
cd "$SCF_ROOT"
exec node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON node-api/src/cli/drill.ts "$@"

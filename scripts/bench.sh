#!/usr/bin/env bash
# npm run bench:<name>: set up what is missing, then run one benchmark script (it starts its own network
# on free ports and prints a table). tsx runs it because it imports CommonJS chaincode sources.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
scf_setup
cd "$SCF_ROOT"
exec npx tsx "$@"

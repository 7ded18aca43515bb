#!/usr/bin/env bash
# Runs a TypeScript script with the project's Node 22 (type stripping), whatever Node is on PATH:
# what the package scripts (reconcile, schema, the node API, the portal server) run through.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
scf_ensure_node
exec node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON "$@"

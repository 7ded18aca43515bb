#!/usr/bin/env bash
# Installs what a fresh machine lacks (Node 22, npm packages, Fabric binaries) and builds the chaincode.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
scf_setup
scf_log "setup done"

#!/usr/bin/env bash
# Installs the Fabric binaries the network needs (peer, orderer, osnadmin, configtxgen, configtxlator,
# fabric-ca-server, fabric-ca-client) and the default peer/orderer config, and records what it used in
# $SCF_TOOLS/fabric/env. Order: binaries already on PATH or in FABRIC_BIN at the pinned version → a Go
# build through the module proxy → the official release archive → (Fabric only) the fallback snapshot.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

FABRIC_VERSION=3.1.5
FABRIC_COMMIT=86c1172bec37e6590c6b1ae6f847833df48d65fc
FABRIC_CA_VERSION=1.5.21
FALLBACK_VERSION=3.0.0-dev.20230405
FALLBACK_COMMIT=695dd57e01c2

FABRIC_TOOLS=(peer orderer osnadmin configtxgen configtxlator)
CA_TOOLS=(fabric-ca-server fabric-ca-client)
DEST="$SCF_TOOLS/fabric"
MODULES="$SCF_ROOT/scripts/fabric-tools"
LOG="$DEST/install.log"

usage() {
  cat <<EOF
usage: scripts/install-fabric.sh [--force]
Installs Fabric $FABRIC_VERSION and Fabric CA $FABRIC_CA_VERSION binaries into $DEST/bin.
  --force   rebuild even if an earlier install is recorded
Environment: FABRIC_BIN (a folder with the binaries to use), SCF_TOOLS_DIR (default .tools).
EOF
}

force=false
case "${1:-}" in
  --force) force=true ;;
  -h | --help) usage && exit 0 ;;
  "") ;;
  *) usage >&2 && exit 2 ;;
esac

mkdir -p "$DEST/bin" "$DEST/config"
: >"$LOG"

# The fingerprint changes whenever the pinned module files change, so a stale install is rebuilt.
fingerprint() { cat "$MODULES"/*/go.mod "${BASH_SOURCE[0]}" | sha256sum | cut -c1-16; }

version_of() { "$1" version 2>/dev/null | sed -n 's/^ *Version: *v\{0,1\}//p' | head -n1; }

write_env() { # $1 bin dir, $2 config dir, $3 fabric version, $4 source
  cat >"$DEST/env" <<EOF
FABRIC_BIN_DIR=$1
FABRIC_CONFIG_DIR=$2
FABRIC_VERSION=$3
FABRIC_SOURCE=$4
FABRIC_CA_VERSION=$FABRIC_CA_VERSION
FINGERPRINT=$(fingerprint)
EOF
  scf_log "Fabric $3 ($4) in $1; default config from $2"
}

recorded_install_ok() {
  [ -f "$DEST/env" ] || return 1
  grep -q "^FINGERPRINT=$(fingerprint)$" "$DEST/env" || return 1
  local dir
  dir=$(sed -n 's/^FABRIC_BIN_DIR=//p' "$DEST/env")
  for t in "${FABRIC_TOOLS[@]}" "${CA_TOOLS[@]}"; do [ -x "$dir/$t" ] || return 1; done
  [ -f "$(sed -n 's/^FABRIC_CONFIG_DIR=//p' "$DEST/env")/core.yaml" ]
}

# 1. Binaries the user already has, at the pinned versions.
from_existing() {
  local dir=""
  if [ -n "${FABRIC_BIN:-}" ]; then
    dir="$FABRIC_BIN"
  elif command -v peer >/dev/null 2>&1; then
    dir="$(dirname "$(command -v peer)")"
  fi
  [ -n "$dir" ] || return 1
  for t in "${FABRIC_TOOLS[@]}" "${CA_TOOLS[@]}"; do
    [ -x "$dir/$t" ] || { scf_log "$dir has no $t; not using it"; return 1; }
  done
  local have ca
  have=$(version_of "$dir/peer")
  ca=$(version_of "$dir/fabric-ca-server")
  if [ "$have" != "$FABRIC_VERSION" ] || [ "$ca" != "$FABRIC_CA_VERSION" ]; then
    scf_log "$dir has Fabric ${have:-?} / CA ${ca:-?}, not $FABRIC_VERSION / $FABRIC_CA_VERSION; not using it"
    return 1
  fi
  local cfg="${FABRIC_CFG_PATH:-$dir/../config}"
  [ -f "$cfg/core.yaml" ] || { scf_log "no core.yaml in $cfg (set FABRIC_CFG_PATH)"; return 1; }
  write_env "$dir" "$(cd "$cfg" && pwd)" "$have" "existing binaries"
}

# Builds the tools of one module folder under scripts/fabric-tools; $2 is the version stamped into them.
go_build() { # $1 module folder name, $2 version, $3 commit
  local work="$DEST/build/$1"
  rm -rf "$work" && mkdir -p "$work"
  cp "$MODULES/$1"/go.* "$work/"
  scf_log "building $1 tools with Go (the first build takes a few minutes; log: $LOG)"
  (
    cd "$work"
    export GOFLAGS="-mod=mod" GOBIN="$DEST/bin"
    local meta=github.com/hyperledger/fabric/common/metadata
    go install -ldflags "-X $meta.Version=$2 -X $meta.CommitSHA=$3" tool
  ) >>"$LOG" 2>&1
}

module_dir() { # $1 module folder name, $2 module path
  (cd "$DEST/build/$1" && go list -m -f '{{.Dir}}' "$2")
}

copy_sampleconfig() { # $1 module folder name
  local dir
  dir=$(module_dir "$1" github.com/hyperledger/fabric)
  cp "$dir/sampleconfig/core.yaml" "$dir/sampleconfig/orderer.yaml" "$DEST/config/"
  chmod u+w "$DEST/config/"*.yaml
}

release_archive() { # $1 url, $2 what
  local tmp
  tmp=$(mktemp -d)
  scf_log "downloading $2 release archive: $1"
  if curl -fsSL --retry 2 --connect-timeout 15 -o "$tmp/a.tgz" "$1" >>"$LOG" 2>&1 &&
    tar -xzf "$tmp/a.tgz" -C "$tmp" >>"$LOG" 2>&1; then
    cp "$tmp"/bin/* "$DEST/bin/"
    [ -d "$tmp/config" ] && cp "$tmp"/config/*.yaml "$DEST/config/"
    rm -rf "$tmp"
    return 0
  fi
  rm -rf "$tmp"
  scf_log "could not download $2"
  return 1
}

arch() { case "$(uname -m)" in x86_64) echo amd64 ;; aarch64) echo arm64 ;; *) uname -m ;; esac; }

install_ca() {
  if command -v go >/dev/null 2>&1 && go_build ca "$FABRIC_CA_VERSION" "v$FABRIC_CA_VERSION"; then return 0; fi
  release_archive "https://github.com/hyperledger/fabric-ca/releases/download/v$FABRIC_CA_VERSION/hyperledger-fabric-ca-linux-$(arch)-$FABRIC_CA_VERSION.tar.gz" "Fabric CA $FABRIC_CA_VERSION"
}

install_fabric() {
  local have_go=false
  command -v go >/dev/null 2>&1 && have_go=true
  if $have_go && go_build pinned "$FABRIC_VERSION" "$FABRIC_COMMIT"; then
    copy_sampleconfig pinned
    write_env "$DEST/bin" "$DEST/config" "$FABRIC_VERSION" "go build of the pinned commit"
    return 0
  fi
  $have_go && scf_log "the Go module proxy does not serve Fabric $FABRIC_VERSION ($(grep -m1 -o '[0-9]\{3\} [A-Za-z]*' "$LOG" || echo 'see log'))"
  if release_archive "https://github.com/hyperledger/fabric/releases/download/v$FABRIC_VERSION/hyperledger-fabric-linux-$(arch)-$FABRIC_VERSION.tar.gz" "Fabric $FABRIC_VERSION"; then
    write_env "$DEST/bin" "$DEST/config" "$FABRIC_VERSION" "release archive"
    return 0
  fi
  $have_go || scf_die "Fabric $FABRIC_VERSION is not on PATH/FABRIC_BIN, Go is not installed and the release archive could not be downloaded. Install Go >= 1.24 or put the Fabric $FABRIC_VERSION binaries in FABRIC_BIN."
  scf_log "WARNING: falling back to Fabric $FALLBACK_VERSION ($FALLBACK_COMMIT), the newest Fabric this Go module proxy serves"
  go_build fallback "$FALLBACK_VERSION" "$FALLBACK_COMMIT" || scf_die "Go build of the fallback Fabric failed; see $LOG"
  copy_sampleconfig fallback
  write_env "$DEST/bin" "$DEST/config" "$FALLBACK_VERSION" "go build of the fallback snapshot"
}

if ! $force && recorded_install_ok; then
  scf_log "Fabric binaries already installed: $(sed -n 's/^FABRIC_VERSION=//p' "$DEST/env") in $(sed -n 's/^FABRIC_BIN_DIR=//p' "$DEST/env")"
  exit 0
fi
from_existing && exit 0
install_ca || scf_die "could not install Fabric CA $FABRIC_CA_VERSION (no Go build, no release archive); see $LOG"
install_fabric

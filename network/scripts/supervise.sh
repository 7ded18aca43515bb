#!/usr/bin/env bash
# Keeps one chaincode server running: restarts it whenever it exits, waiting 1 s and doubling up to
# 30 s (back to 1 s after a minute of uptime); SIGTERM or SIGINT stop it for good.
# Usage: supervise.sh <command> [args...]
set -u
[ $# -gt 0 ] || { echo "usage: supervise.sh <command> [args...]" >&2; exit 2; }

child=0
stopping=0
stop() {
  stopping=1
  [ "$child" -gt 0 ] && kill -TERM "$child" 2>/dev/null
}
trap stop TERM INT

backoff=1
while :; do
  started=$(date +%s)
  "$@" &
  child=$!
  # A trapped signal ends `wait` early; keep waiting until the child has really gone.
  while kill -0 "$child" 2>/dev/null; do wait "$child"; done
  wait "$child" 2>/dev/null
  code=$?
  [ "$stopping" = 1 ] && exit 0
  [ $(($(date +%s) - started)) -ge 60 ] && backoff=1
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) [supervise] $1 exited with code $code; restarting in ${backoff}s"
  sleep "$backoff" &
  wait $!
  [ "$stopping" = 1 ] && exit 0
  backoff=$((backoff * 2 > 30 ? 30 : backoff * 2))
done

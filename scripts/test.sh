#!/usr/bin/env bash
# npm test: set up what is missing, check types, lint and format, then run every test (unit tests,
# and integration tests that start their own networks on free ports) with coverage.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
scf_setup
scf_ensure_chromium
cd "$SCF_ROOT"

# Each check uses one core: the type check runs beside the lint and format checks (minutes apart, not
# twice the wait). Its output is shown once it ends; any failing check stops npm test here.
scf_log "type check, and beside it lint, then format check"
typecheck_log=$(mktemp)
npm run --silent typecheck >"$typecheck_log" 2>&1 &
typecheck=$!
checks_ok=true
npx eslint --max-warnings 0 . || { checks_ok=false; scf_log "lint failed (npx eslint .)"; }
npx prettier --check . >/dev/null || {
  npx prettier --check . || true
  checks_ok=false
  scf_log "files need formatting: npm run format"
}
if ! wait "$typecheck"; then
  cat "$typecheck_log" >&2
  checks_ok=false
  scf_log "type check failed (npm run typecheck)"
fi
rm -f "$typecheck_log"
$checks_ok || scf_die "checks failed (above)"
scf_log "checks passed"

# Each test network's process logs are kept here when it stops (node-api/test/support/test-network.ts),
# to read after a failure: the networks' own folders are removed.
export SCF_TEST_LOGS_DIR="${SCF_TEST_LOGS_DIR:-$SCF_ROOT/reports/network-logs}"
rm -rf "$SCF_TEST_LOGS_DIR"

results="$SCF_ROOT/coverage/test-results.json"
status=0
if [ "$#" -gt 0 ]; then
  # Arguments (files, a --project): one run, as vitest would do it.
  mkdir -p "$SCF_ROOT/coverage"
  scf_log "tests: $*"
  npx vitest run --coverage --reporter=default --reporter=json --outputFile.json="$results" "$@" || status=$?
else
  # Vitest runs a project limited to one worker (integration: one network at a time) apart from the
  # others, so a single run would wait for the integration files before it starts the unit and portal
  # tests. Two lanes side by side instead: the first runs the integration files one by one; the second
  # the unit and portal tests (one worker, to leave the first's networks a core), then, once they are
  # done, the integration files of `lateIntegration` in vitest.config.ts one by one (at most two
  # networks at any time). SCF_TEST_SHARD names the run to vitest.config.ts, which picks its files and
  # keeps its results and coverage as a blob, merged once all are done (coverage thresholds apply to
  # the merge). A new integration file goes to the first lane unless listed there.
  blobs=$(mktemp -d)
  trap 'kill "${integration:-}" 2>/dev/null || true; rm -rf "$blobs"' EXIT
  scf_log "integration tests, and beside them the unit and portal tests, then the rest of the integration tests"
  SCF_TEST_SHARD=integration npx vitest run --project integration --coverage \
    --reporter=default --reporter=blob --outputFile.blob="$blobs/integration.json" &
  integration=$!
  SCF_TEST_SHARD=fast npx vitest run --project unit --project web --maxWorkers=1 --coverage \
    --reporter=default --reporter=blob --outputFile.blob="$blobs/fast.json" || status=$?
  SCF_TEST_SHARD=late npx vitest run --project integration --coverage \
    --reporter=default --reporter=blob --outputFile.blob="$blobs/late.json" || status=$?
  wait "$integration" || status=$?
  scf_log "coverage and results of all runs"
  npx vitest run --merge-reports="$blobs" --coverage --reporter=json --outputFile.json="$results" || status=$?
fi
summary="$SCF_ROOT/coverage/coverage-summary.json"
if [ -f "$summary" ]; then
  node -e '
    const files = Object.entries(JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8")));
    for (const area of ["chaincode/src/", "network/scripts/", "node-api/src/", "web/src/"]) {
      const mine = files.filter(([file]) => file.includes(`/${area}`)).map(([, c]) => c.lines);
      const covered = mine.reduce((sum, l) => sum + l.covered, 0);
      const total = mine.reduce((sum, l) => sum + l.total, 0);
      if (total > 0) console.log(`line coverage of ${area}: ${(100 * covered / total).toFixed(1)}% (${covered}/${total})`);
    }
  ' "$summary"
fi
if [ -f "$results" ]; then
  node -e '
    const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
    const outside = r.testResults.filter((file) => file.status === "failed" && !file.assertionResults.some((test) => test.status === "failed")).length;
    const broken = outside > 0 ? ` (${outside} file(s) failed outside any test, e.g. in a beforeAll)` : "";
    console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped${broken}`);
  ' "$results"
fi
exit "$status"

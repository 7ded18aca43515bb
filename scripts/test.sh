#!/usr/bin/env bash
# npm test: set up what is missing, check types, lint and format, then run every test (unit tests,
# and integration tests that start their own networks on free ports) with coverage.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
scf_setup
scf_ensure_chromium
cd "$SCF_ROOT"

scf_log "type check"
npm run --silent typecheck
scf_log "lint"
npx eslint --max-warnings 0 .
scf_log "format check"
npx prettier --check . >/dev/null || { npx prettier --check . || true; scf_die "files need formatting: npm run format"; }

results="$SCF_ROOT/coverage/test-results.json"
mkdir -p "$SCF_ROOT/coverage"
scf_log "unit and integration tests"
status=0
npx vitest run --coverage --reporter=default --reporter=json --outputFile.json="$results" "$@" || status=$?
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

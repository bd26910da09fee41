#!/usr/bin/env bash
# `npm test`: installs what is missing, starts the local services, resets the test catalog,
# seeds test data (in databases of their own), then runs lint, the format check, the cycle check,
# the typecheck and the unit, integration and e2e tests.
# Every suite runs even if an earlier one fails; the exit code is non-zero if any failed.
set -uo pipefail
export PG_DATABASE="${PG_DATABASE:-vaultline_test}"
export SEED_DB_SUFFIX="${SEED_DB_SUFFIX:-_test}"
export NEXT_DIST_DIR="${NEXT_DIST_DIR:-.next-test}"
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT_DIR"
export NODE_ENV=test

step() { printf '\n\033[1;35m== %s ==\033[0m\n' "$*"; }
die() { printf '\033[1;31m[test] %s\033[0m\n' "$*" >&2; exit 1; }

step "setup"
WITH_CHROMIUM=1 bash scripts/setup.sh || die "setup failed"
source scripts/local-secrets.sh
step "services"
bash scripts/services.sh start || die "services did not start"
step "catalog: reset test database and migrate"
bash scripts/prisma.sh migrate reset --force || die "migrate reset failed"
step "seed test data"
npx tsx --conditions=react-server prisma/seed/index.ts --scale "${SEED_SCALE:-0.1}" || die "seed failed"

RESULTS="$DATA_DIR/test-results"
rm -rf "$RESULTS" && mkdir -p "$RESULTS/screenshots"
status=0

# Static checks: each one's exit code and output go to $RESULTS for the summary; a failure
# fails the run but every later step still runs.
static_check() { # name command...
  local name=$1; shift
  step "$name"
  "$@" 2>&1 | tee "$RESULTS/$name.log"
  local rc=${PIPESTATUS[0]}
  echo "$rc" > "$RESULTS/$name.status"
  [ "$rc" -eq 0 ] || status=1
}
static_check lint npx eslint . --max-warnings 0
static_check format npx prettier --check .
static_check cycles node scripts/check-cycles.mjs
static_check typecheck npx tsc --noEmit -p .

step "unit tests"
npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$RESULTS/unit.json" || status=1

step "integration tests (real Postgres, FerretDB, S3)"
npx vitest run --project integration --reporter=default --reporter=json --outputFile.json="$RESULTS/integration.json" || status=1

step "build the app for e2e"
if npx next build > "$RESULTS/next-build.log" 2>&1; then
  tail -n 5 "$RESULTS/next-build.log"
  step "e2e tests (Playwright, Debian Chromium)"
  npx playwright test -c e2e/playwright.config.ts || status=1
else
  tail -n 40 "$RESULTS/next-build.log"; echo "next build failed"; status=1
fi

step "summary"
node scripts/summarize-tests.mjs "$RESULTS" || status=1
exit $status

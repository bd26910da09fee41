#!/usr/bin/env bash
# `npm run demo`: installs what is missing, starts Postgres, FerretDB and the S3 server, migrates,
# seeds the demo tenants, builds and starts the app and a job worker, then prints the URL and the
# demo logins. Tenants without a snapshot history get one in the background, through the worker
# (a full snapshot, then changes + incremental, 4 snapshots each; skipped once they have them).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT_DIR"

bash scripts/setup.sh
source scripts/local-secrets.sh
bash scripts/services.sh start
bash scripts/prisma.sh migrate deploy
npx tsx --conditions=react-server prisma/seed/index.ts

# Rebuild only when a source file is newer than the last build.
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib next.config.js package.json -newer .next/BUILD_ID -type f -print -quit 2>/dev/null)" ]; then
  bash scripts/app.sh stop >/dev/null
  echo "[demo] building the app (next build, ~30-60 s)"
  npx next build > "$DATA_DIR/logs/next-build.log" 2>&1 || { tail -n 40 "$DATA_DIR/logs/next-build.log"; exit 1; }
fi
bash scripts/app.sh start
bash scripts/app.sh worker
bash scripts/app.sh history "${DEMO_HISTORY_ROUNDS:-4}"
echo "[demo] snapshot history: taken in the background where missing (progress: $DATA_DIR/logs/history.log)"

URL="http://127.0.0.1:$APP_PORT"
npx tsx --conditions=react-server prisma/seed/print-logins.ts "$URL"

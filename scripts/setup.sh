#!/usr/bin/env bash
# Installs whatever is missing on a fresh machine, and only that: Debian packages (Postgres is
# handled by services.sh; Chromium here when e2e needs it), npm dependencies, the Prisma client,
# and local secrets under .data/secrets. Safe to run any number of times.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT_DIR"

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then
    log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    apt_updated=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if [ "${WITH_CHROMIUM:-0}" = 1 ] && [ ! -x /usr/bin/chromium ]; then
  apt_install chromium
fi

# npm dependencies: `npm ci` when node_modules is missing or older than the lockfile.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Prisma client (generated into lib/generated, git-ignored).
if [ ! -d lib/generated/prisma ] || [ prisma/schema.prisma -nt lib/generated/prisma ]; then
  log "prisma generate"
  bash scripts/prisma.sh generate >/dev/null
  touch lib/generated/prisma
fi

# Local secrets, created once per checkout, never committed.
mkdir -p "$DATA_DIR/secrets"
[ -s "$DATA_DIR/secrets/nextauth-secret" ] || node -e "process.stdout.write(require('crypto').randomBytes(32).toString('base64url'))" > "$DATA_DIR/secrets/nextauth-secret"
[ -s "$DATA_DIR/secrets/master-key" ] || node -e "process.stdout.write(require('crypto').randomBytes(32).toString('base64'))" > "$DATA_DIR/secrets/master-key"
chmod 600 "$DATA_DIR/secrets/"*

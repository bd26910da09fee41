#!/usr/bin/env bash
# Runs the project's Prisma CLI offline: `bash scripts/prisma.sh <prisma args>`
#   e.g. bash scripts/prisma.sh generate
#        bash scripts/prisma.sh migrate dev --name add_thing
#        bash scripts/prisma.sh migrate deploy | migrate status | migrate reset --force
#        bash scripts/prisma.sh migrate diff --from-migrations prisma/migrations --to-schema prisma/schema.prisma --script
#
# Prisma 7's CLI downloads a native schema-engine for every command; offline that fails. We point
# PRISMA_SCHEMA_ENGINE_BINARY at scripts/prisma-engine/schema-engine.mjs, a stand-in speaking the
# engine's JSON-RPC on top of @prisma/schema-engine-wasm + @prisma/adapter-pg (PostgreSQL only).
# Runs from the project root (relative paths in arguments are relative to it).
# DATABASE_URL (and optional SHADOW_DATABASE_URL) are read by prisma.config.ts.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT_DIR"

export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$ROOT_DIR/scripts/prisma-engine/schema-engine.mjs}"
export CHECKPOINT_DISABLE=1
export PRISMA_HIDE_UPDATE_MESSAGE=1

exec "$ROOT_DIR/node_modules/.bin/prisma" "$@"

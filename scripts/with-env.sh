#!/usr/bin/env bash
# Runs a command with the project's environment (service URLs, local secrets) loaded.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
[ -d "$DATA_DIR/secrets" ] && source "$ROOT_DIR/scripts/local-secrets.sh"
exec "$@"

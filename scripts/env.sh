# Shared defaults for every project script. Source it; never edit ports elsewhere.
# Everything can be overridden from the environment (production points these at real services).
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT_DIR
export DATA_DIR="${DATA_DIR:-$ROOT_DIR/.data}"
export PG_PORT="${PG_PORT:-55432}"
export PG_USER="${PG_USER:-vaultline}"
export PG_PASSWORD="${PG_PASSWORD:-vaultline}"
export PG_DATABASE="${PG_DATABASE:-vaultline}"
export FERRETDB_PORT="${FERRETDB_PORT:-57017}"
export S3_PORT="${S3_PORT:-59000}"
export APP_PORT="${APP_PORT:-3000}"
export DATABASE_URL="${DATABASE_URL:-postgresql://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DATABASE}"
export MONGODB_URI="${MONGODB_URI:-mongodb://127.0.0.1:$FERRETDB_PORT/?directConnection=true}"
export S3_ENDPOINT="${S3_ENDPOINT:-http://127.0.0.1:$S3_PORT}"
export S3_REGION="${S3_REGION:-us-east-1}"
export S3_BUCKET="${S3_BUCKET:-vaultline}"
export S3_ACCESS_KEY_ID="${S3_ACCESS_KEY_ID:-vaultline}"
export S3_SECRET_ACCESS_KEY="${S3_SECRET_ACCESS_KEY:-vaultline-local-secret}"
export NEXT_TELEMETRY_DISABLED=1
export CHECKPOINT_DISABLE=1
export PRISMA_HIDE_UPDATE_MESSAGE=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export PATH="$ROOT_DIR/node_modules/.bin:$PATH"

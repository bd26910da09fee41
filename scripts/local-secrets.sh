# Source after setup.sh: exports the per-checkout local secrets unless already set.
export NEXTAUTH_SECRET="${NEXTAUTH_SECRET:-$(cat "$DATA_DIR/secrets/nextauth-secret")}"
export VAULTLINE_MASTER_KEY="${VAULTLINE_MASTER_KEY:-$(cat "$DATA_DIR/secrets/master-key")}"

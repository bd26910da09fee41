# shellcheck shell=bash
# S3-compatible server: versitygw (Versity S3 Gateway) with its POSIX backend in $DATA_DIR/s3
# (a bucket is a folder, an object a file, metadata in extended attributes). Single-account
# mode with S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY; SigV4 is checked. Why versitygw and not
# fauxqs: see scripts/SERVICES.md.
#
# Built from the Go module pinned in scripts/versitygw/go.mod (tool directive) into
# scripts/versitygw/bin/, only when that binary is missing or was built from another version.

VERSITYGW_MODULE_DIR="$ROOT_DIR/scripts/versitygw"
VERSITYGW_BIN="$VERSITYGW_MODULE_DIR/bin/versitygw"
S3_DATA="$DATA_DIR/s3"
S3_LOG="$LOG_DIR/s3.log"

# The module version go.mod pins, e.g. v1.8.0.
versitygw_wanted() {
  awk '$1 == "github.com/versity/versitygw" { print $2 }' "$VERSITYGW_MODULE_DIR/go.mod"
}

versitygw_built() {
  [[ -x "$VERSITYGW_BIN" ]] || return 1
  # The binary records the module version it was built from.
  # Captured first, then compared: no pipe whose reader may quit early (see ferretdb_built).
  local info built
  info="$(go_in "$VERSITYGW_MODULE_DIR" version -m "$VERSITYGW_BIN" 2>/dev/null)" || return 1
  built="$(awk '$1 == "mod" && $2 == "github.com/versity/versitygw" { print $3 }' <<<"$info")"
  [[ -n "$built" && "$built" == "$(versitygw_wanted)" ]]
}

versitygw_build() {
  versitygw_built && return 0
  say "s3: building versitygw $(versitygw_wanted) with Go into scripts/versitygw/bin (first time only, ~1-2 min)"
  local t0=$SECONDS rc=0
  GOBIN="$VERSITYGW_MODULE_DIR/bin" go_in "$VERSITYGW_MODULE_DIR" install github.com/versity/versitygw/cmd/versitygw \
    >>"$LOG_DIR/build-versitygw.log" 2>&1 || rc=$?
  if ((rc != 0)) || ! versitygw_built; then
    show_log_tail "$LOG_DIR/build-versitygw.log"
    die "s3: versitygw build failed (log: $LOG_DIR/build-versitygw.log)"
  fi
  say "s3: built versitygw in $((SECONDS - t0))s"
}

s3_pid() { our_pid s3 "$VERSITYGW_BIN"; }

# Any HTTP answer (403 without credentials) means the gateway serves.
s3_answers() {
  command -v curl >/dev/null 2>&1 || { port_open "$S3_PORT"; return; }
  local code
  code="$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$S3_ENDPOINT/" 2>/dev/null)" || return 1
  [[ "$code" =~ ^[1-5][0-9][0-9]$ ]]
}

s3_start() {
  local pid
  if pid="$(s3_pid)"; then
    say "s3: already running (pid $pid, 127.0.0.1:$S3_PORT)"
    return 0
  fi
  require_node_modules @aws-sdk/client-s3
  ensure_port_free s3 "$S3_PORT"
  versitygw_build
  mkdir -p "$S3_DATA"
  # Credentials go through the environment, not the command line (ps shows arguments).
  pid="$(ROOT_ACCESS_KEY_ID="$S3_ACCESS_KEY_ID" ROOT_SECRET_ACCESS_KEY="$S3_SECRET_ACCESS_KEY" \
    launch s3 "$S3_LOG" "$VERSITYGW_BIN" \
    --port "127.0.0.1:$S3_PORT" \
    --region "$S3_REGION" \
    --keep-alive \
    --quiet \
    posix "$S3_DATA")"
  wait_for s3 "$pid" "$S3_LOG" s3_answers || die "s3: did not answer on $S3_ENDPOINT"
  run_node "$ROOT_DIR/scripts/services/s3-init.mjs" ||
    {
      show_log_tail "$S3_LOG"
      die "s3: creating bucket $S3_BUCKET failed"
    }
  say "s3: started versitygw (pid $pid, 127.0.0.1:$S3_PORT, bucket $S3_BUCKET, data in ${S3_DATA#"$ROOT_DIR/"})"
}

s3_stop() {
  local pid
  if ! pid="$(s3_pid)"; then
    say "s3: not running"
    return 0
  fi
  stop_pid s3 "$pid"
  rm -f "$(pid_file s3)"
  say "s3: stopped"
}

s3_status() {
  local pid
  if pid="$(s3_pid)" && s3_answers; then
    status_line s3 up "$S3_PORT" "$pid" "(versitygw)"
  elif [[ -n "$pid" ]]; then
    status_line s3 down "$S3_PORT" "$pid" "(process alive, not answering)"
    return 1
  else
    status_line s3 down "$S3_PORT" "" "$(foreign_note "$S3_PORT")"
    return 1
  fi
}

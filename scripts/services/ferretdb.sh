# shellcheck shell=bash
# FerretDB v1 (MongoDB wire protocol) on its SQLite backend, data in $DATA_DIR/ferretdb.
#
# Why SQLite and not the Postgres backend: SQLite is in-process (pure Go, modernc.org/sqlite),
# so FerretDB's data is a folder of .sqlite files next to the others in .data/, with no
# dependency on the Postgres service or its start order, and it keeps the app's Postgres
# database free of FerretDB's schemas. Everything Vaultline needs from the source side works on
# it (checked by scripts/check-ferretdb.mjs: CRUD, capped collections, tailable cursors, the
# basic oplog in local.oplog.rs).
#
# Built from the Go module pinned in scripts/ferretdb/go.mod (tool directive) into
# scripts/ferretdb/bin/, only when that binary is missing or reports another version.

FERRETDB_VERSION="1.24.2"
FERRETDB_MODULE_DIR="$ROOT_DIR/scripts/ferretdb"
FERRETDB_BIN="$FERRETDB_MODULE_DIR/bin/ferretdb"
FERRETDB_DATA="$DATA_DIR/ferretdb"
FERRETDB_LOG="$LOG_DIR/ferretdb.log"
FERRETDB_REPL_SET="${FERRETDB_REPL_SET:-rs0}"
# Size of the capped local.oplog.rs created on first start (bytes). Kept small on purpose:
# FerretDB 1.24 reads the oplog only by scanning it whole (no pushdown of ts/ns filters on
# SQLite), and a tailable awaitData cursor re-runs that scan every 10 ms. Measured here on
# 2 busy cores: ~5k entries/s scanned (5k entries ~1 s, 20k ~3.5 s, 200k/777 MB 100-300 s, with
# ferretdb at ~190% CPU). 64 MiB holds roughly 15-20k entries of ~1 KB documents. An existing
# oplog keeps its size; to change it, drop local.oplog.rs and run `start` again.
FERRETDB_OPLOG_BYTES="${FERRETDB_OPLOG_BYTES:-67108864}"
# ... and capped at this many entries too. FerretDB trims capped collections only in a
# background pass (every FERRETDB_CAPPED_CLEANUP_INTERVAL; it deletes the surplus over `max`,
# then FERRETDB_CAPPED_CLEANUP_PERCENT % while still over `size`), and on SQLite that pass fails
# for good ("too many SQL variables") once one pass must delete more than ~32k entries: with
# the default 1 min / 10 % an oplog that outgrows ~320k entries (a bulk load) is never trimmed
# again (seen here: 575k entries, 1.4 GB, for a 64 MiB cap). A short interval and a document
# cap keep every pass small. ferretdb-init.mjs re-creates an oplog made without this cap.
FERRETDB_OPLOG_MAX_DOCS="${FERRETDB_OPLOG_MAX_DOCS:-20000}"
FERRETDB_CAPPED_CLEANUP_INTERVAL="${FERRETDB_CAPPED_CLEANUP_INTERVAL:-2s}"
FERRETDB_CAPPED_CLEANUP_PERCENT="${FERRETDB_CAPPED_CLEANUP_PERCENT:-10}"

# The version output is captured before it is matched: under pipefail, `ferretdb --version |
# grep -q` fails now and then, because grep exits at the first line and ferretdb, still
# writing the next ones, dies of SIGPIPE.
ferretdb_built() {
  [[ -x "$FERRETDB_BIN" ]] || return 1
  local out
  out="$("$FERRETDB_BIN" --version 2>/dev/null)" || return 1
  [[ $'\n'"$out"$'\n' == *$'\n'"version: v$FERRETDB_VERSION"$'\n'* ]]
}

# A plain `go install` of cmd/ferretdb gives a binary that panics at start: FerretDB embeds
# build/version/version.txt, which its release tooling generates and the module lacks, and
# files in the module cache must not be changed (nor overlaid). So the build copies the
# module's source (verified against go.sum by `go mod download`) to a temporary folder, writes
# version.txt there, and installs the tool with a temporary go.mod that replaces the module
# with that copy; scripts/ferretdb/go.mod and go.sum are left as they are.
ferretdb_build() {
  ferretdb_built && return 0
  say "ferretdb: building v$FERRETDB_VERSION with Go into scripts/ferretdb/bin (first time only, ~1-2 min)"
  local t0=$SECONDS tmp src rc=0
  tmp="$(mktemp -d "${TMPDIR:-/tmp}/vaultline-ferretdb.XXXXXX")"
  {
    go_in "$FERRETDB_MODULE_DIR" mod download github.com/FerretDB/FerretDB &&
      src="$(go_in "$FERRETDB_MODULE_DIR" list -m -f '{{.Dir}}' github.com/FerretDB/FerretDB)" &&
      cp -r "$src" "$tmp/src" && chmod -R u+w "$tmp/src" &&
      printf 'v%s\n' "$FERRETDB_VERSION" >"$tmp/src/build/version/version.txt" &&
      printf 'vaultline-local\n' >"$tmp/src/build/version/package.txt" &&
      cp "$FERRETDB_MODULE_DIR/go.mod" "$tmp/go.mod" && cp "$FERRETDB_MODULE_DIR/go.sum" "$tmp/go.sum" &&
      printf '\nreplace github.com/FerretDB/FerretDB => %s/src\n' "$tmp" >>"$tmp/go.mod" &&
      GOBIN="$FERRETDB_MODULE_DIR/bin" go_in "$FERRETDB_MODULE_DIR" install -modfile="$tmp/go.mod" \
        github.com/FerretDB/FerretDB/cmd/ferretdb
  } >>"$LOG_DIR/build-ferretdb.log" 2>&1 || rc=$?
  rm -rf "$tmp"
  if ((rc != 0)) || ! ferretdb_built; then
    # A build that went through but gave no usable binary leaves no trace in the log otherwise.
    { echo "go install exit code: $rc"; ls -l "$FERRETDB_BIN" 2>&1; "$FERRETDB_BIN" --version 2>&1; } \
      >>"$LOG_DIR/build-ferretdb.log" 2>&1 || true
    show_log_tail "$LOG_DIR/build-ferretdb.log"
    die "ferretdb: build failed (log: $LOG_DIR/build-ferretdb.log)"
  fi
  say "ferretdb: built in $((SECONDS - t0))s"
}

ferretdb_pid() { our_pid ferretdb "$FERRETDB_BIN"; }

ferretdb_start() {
  local pid
  if pid="$(ferretdb_pid)"; then
    say "ferretdb: already running (pid $pid, 127.0.0.1:$FERRETDB_PORT)"
    return 0
  fi
  require_node_modules mongodb
  ensure_port_free ferretdb "$FERRETDB_PORT"
  ferretdb_build
  mkdir -p "$FERRETDB_DATA/sqlite" "$FERRETDB_DATA/state"
  pid="$(launch ferretdb "$FERRETDB_LOG" "$FERRETDB_BIN" \
    --handler=sqlite \
    --sqlite-url="file:$FERRETDB_DATA/sqlite/" \
    --state-dir="$FERRETDB_DATA/state" \
    --listen-addr="127.0.0.1:$FERRETDB_PORT" \
    --repl-set-name="$FERRETDB_REPL_SET" \
    --telemetry=disable \
    --test-capped-cleanup-interval="$FERRETDB_CAPPED_CLEANUP_INTERVAL" \
    --test-capped-cleanup-percentage="$FERRETDB_CAPPED_CLEANUP_PERCENT" \
    --debug-addr=- \
    --log-format=text \
    --log-level=INFO)"
  wait_for ferretdb "$pid" "$FERRETDB_LOG" wait_port "$FERRETDB_PORT" ||
    die "ferretdb: did not answer on 127.0.0.1:$FERRETDB_PORT"
  # Answers `hello`, and has the capped local.oplog.rs (created on first start).
  FERRETDB_OPLOG_BYTES="$FERRETDB_OPLOG_BYTES" FERRETDB_OPLOG_MAX_DOCS="$FERRETDB_OPLOG_MAX_DOCS" run_node "$ROOT_DIR/scripts/services/ferretdb-init.mjs" ||
    {
      show_log_tail "$FERRETDB_LOG"
      die "ferretdb: initialisation failed"
    }
  say "ferretdb: started (pid $pid, 127.0.0.1:$FERRETDB_PORT, replica set $FERRETDB_REPL_SET, SQLite in ${FERRETDB_DATA#"$ROOT_DIR/"})"
}

ferretdb_stop() {
  local pid
  if ! pid="$(ferretdb_pid)"; then
    say "ferretdb: not running"
    return 0
  fi
  stop_pid ferretdb "$pid"
  rm -f "$(pid_file ferretdb)"
  say "ferretdb: stopped"
}

ferretdb_status() {
  local pid
  if pid="$(ferretdb_pid)" && port_open "$FERRETDB_PORT"; then
    status_line ferretdb up "$FERRETDB_PORT" "$pid"
  elif [[ -n "$pid" ]]; then
    status_line ferretdb down "$FERRETDB_PORT" "$pid" "(process alive, not answering)"
    return 1
  else
    status_line ferretdb down "$FERRETDB_PORT" "" "$(foreign_note "$FERRETDB_PORT")"
    return 1
  fi
}

# shellcheck shell=bash
# Postgres 15 (Debian's packages), as a project-owned cluster in $DATA_DIR/postgres.
# The system cluster ("15 main") is never started. We are root, so initdb/pg_ctl run as the
# postgres OS user; the data dir belongs to it, and its unix socket lives in $RUN_DIR/postgres.

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_DATA="$DATA_DIR/postgres"
PG_SOCKET_DIR="$RUN_DIR/postgres"
PG_LOG="$LOG_DIR/postgres.log"
PG_OS_USER="${PG_OS_USER:-postgres}"

as_pg() { runuser -u "$PG_OS_USER" -- "$@"; }

pg_install() {
  [[ -x "$PG_BIN/initdb" ]] && return 0
  [[ "$(id -u)" == 0 ]] || die "postgres: $PG_BIN/initdb is missing; install Debian's postgresql package (needs root)"
  say "postgres: installing Debian's postgresql package (apt-get)"
  # Keep the package from starting the system cluster: a policy-rc.d that refuses every start
  # (most container images already have one; then we leave theirs alone).
  local policy=/usr/sbin/policy-rc.d added_policy=""
  if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && added_policy=1
  fi
  local rc=0
  {
    apt-get update -q &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql
  } >>"$LOG_DIR/apt.log" 2>&1 || rc=$?
  [[ -n "$added_policy" ]] && rm -f "$policy"
  if ((rc != 0)); then
    show_log_tail "$LOG_DIR/apt.log"
    die "postgres: apt-get install postgresql failed"
  fi
  [[ -x "$PG_BIN/initdb" ]] || die "postgres: $PG_BIN/initdb still missing after installing postgresql"
}

# The postgres user must be able to reach $DATA_DIR: add o+x to parents that lack it
# (e.g. a checkout under /root).
pg_ensure_traversable() {
  as_pg test -x "$DATA_DIR" && return 0
  local dir="$DATA_DIR"
  while [[ "$dir" != "/" ]]; do
    if ! (((8#$(stat -c %a "$dir")) & 1)); then
      say "postgres: chmod o+x $dir (so the postgres user can reach $DATA_DIR)"
      chmod o+x "$dir"
    fi
    dir="$(dirname "$dir")"
  done
  as_pg test -x "$DATA_DIR" || die "postgres: the postgres user cannot reach $DATA_DIR"
}

pg_initdb() {
  mkdir -p "$PG_SOCKET_DIR"
  chown "$PG_OS_USER:" "$PG_SOCKET_DIR"
  touch "$PG_LOG" && chown "$PG_OS_USER:" "$PG_LOG"
  if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
    say "postgres: initdb $PG_DATA"
    mkdir -p "$PG_DATA"
    chown "$PG_OS_USER:" "$PG_DATA"
    chmod 700 "$PG_DATA"
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -E UTF8 --no-locale \
      --auth-local=peer --auth-host=scram-sha-256 >>"$PG_LOG" 2>&1 ||
      {
        show_log_tail "$PG_LOG"
        die "postgres: initdb failed"
      }
    printf "\n# Vaultline: settings written by scripts/services.sh on every start\ninclude_if_exists = 'vaultline.conf'\n" \
      >>"$PG_DATA/postgresql.conf"
  fi
  # Rewritten on every start so that ports from the environment apply.
  cat >"$PG_DATA/vaultline.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_SOCKET_DIR'
password_encryption = 'scram-sha-256'
EOF
  chown "$PG_OS_USER:" "$PG_DATA/vaultline.conf"
}

pg_pid() { our_pid postgres "$PG_BIN/postgres" "$PG_DATA"; }

# Superuser SQL over the unix socket (peer auth as the postgres OS user).
pg_psql() {
  as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U postgres -d postgres
}

sql_literal() { printf "'%s'" "${1//\'/\'\'}"; }
sql_ident() { printf '"%s"' "${1//\"/\"\"}"; }

# Creates or updates the app role and its databases; safe to run on every start.
pg_bootstrap() {
  local user pass
  user="$(sql_ident "$PG_USER")"
  pass="$(sql_literal "$PG_PASSWORD")"
  # npm test exports PG_DATABASE=<base>_test; the pair is always <base> and <base>_test.
  local base="${PG_DATABASE%_test}"
  pg_psql >>"$PG_LOG" 2>&1 <<EOF || { show_log_tail "$PG_LOG"; die "postgres: creating role/databases failed"; }
SELECT format('CREATE ROLE %I', $(sql_literal "$PG_USER"))
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $(sql_literal "$PG_USER")) \gexec
ALTER ROLE $user WITH LOGIN CREATEDB PASSWORD $pass;
SELECT format('CREATE DATABASE %I OWNER %I', d, $(sql_literal "$PG_USER"))
  FROM unnest(ARRAY[$(sql_literal "$base"), $(sql_literal "${base}_test")]) AS d
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = d) \gexec
EOF
}

pg_answers() {
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -d postgres
}

# After a crash the postmaster can linger as a zombie until PID 1 reaps it; Postgres would take
# its pid in postmaster.pid for a live server and refuse to start. Wait for it to go away.
pg_wait_zombie_postmaster() {
  local pid i
  [[ -f "$PG_DATA/postmaster.pid" ]] || return 0
  pid="$(head -n1 "$PG_DATA/postmaster.pid" | tr -dc '0-9')" || return 0
  [[ -n "$pid" ]] || return 0
  for ((i = 0; i < 80; i++)); do
    kill -0 "$pid" 2>/dev/null && ! pid_alive "$pid" || return 0
    sleep 0.25
  done
}

postgres_start() {
  local pid
  if pid="$(pg_pid)"; then
    say "postgres: already running (pid $pid, 127.0.0.1:$PG_PORT)"
    return 0
  fi
  pg_install
  ensure_port_free postgres "$PG_PORT"
  pg_ensure_traversable
  pg_initdb
  pg_wait_zombie_postmaster
  # pg_ctl -w waits for the server itself; setsid detaches it from our session. pg_ctl's own
  # messages are appended to the server log it opens with -l.
  # shellcheck disable=SC2094
  setsid runuser -u "$PG_OS_USER" -- "$PG_BIN/pg_ctl" start -D "$PG_DATA" -l "$PG_LOG" -w \
    -t "$SERVICES_TIMEOUT" -s >/dev/null 2>>"$PG_LOG" </dev/null 9>&- ||
    {
      show_log_tail "$PG_LOG"
      die "postgres: pg_ctl start failed"
    }
  pid="$(head -n1 "$PG_DATA/postmaster.pid" 2>/dev/null | tr -dc '0-9')" || true
  pid_is_ours "$pid" "$PG_BIN/postgres" "$PG_DATA" || die "postgres: started, but postmaster.pid does not name our server"
  printf '%s\n' "$pid" >"$(pid_file postgres)"
  wait_for postgres "$pid" "$PG_LOG" pg_answers || die "postgres: did not answer on 127.0.0.1:$PG_PORT"
  pg_bootstrap
  # The app's own way in: password auth over TCP.
  PGCONNECT_TIMEOUT=5 "$PG_BIN/psql" -X -q -At "$DATABASE_URL" -c 'SELECT 1' >/dev/null 2>>"$PG_LOG" ||
    {
      show_log_tail "$PG_LOG"
      die "postgres: cannot log in with DATABASE_URL"
    }
  say "postgres: started (pid $pid, 127.0.0.1:$PG_PORT, databases ${PG_DATABASE%_test} and ${PG_DATABASE%_test}_test)"
}

postgres_stop() {
  local pid
  if ! pid="$(pg_pid)"; then
    say "postgres: not running"
    return 0
  fi
  if ! as_pg "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m fast -w -t 60 -s >>"$PG_LOG" 2>&1; then
    warn "postgres: pg_ctl stop failed; signalling pid $pid"
  fi
  pid_alive "$pid" && stop_pid postgres "$pid"
  rm -f "$(pid_file postgres)"
  say "postgres: stopped"
}

postgres_status() {
  local pid
  if pid="$(pg_pid)" && pg_answers; then
    status_line postgres up "$PG_PORT" "$pid"
  elif [[ -n "$pid" ]]; then
    status_line postgres down "$PG_PORT" "$pid" "(process alive, not answering)"
    return 1
  else
    status_line postgres down "$PG_PORT" "" "$(foreign_note "$PG_PORT")"
    return 1
  fi
}

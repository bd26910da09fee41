#!/usr/bin/env bash
# Local services for development, tests and CI, all on 127.0.0.1 with data in .data/:
#   postgres  Postgres 15 (Debian package), project-owned cluster        PG_PORT       (55432)
#   ferretdb  FerretDB 1.24.2 on SQLite, MongoDB wire protocol, rs0      FERRETDB_PORT (57017)
#   s3        versitygw S3 gateway, POSIX backend, bucket S3_BUCKET      S3_PORT       (59000)
#
# Usage: npm run services -- start|stop|restart|status|check [postgres|ferretdb|s3 ...]
#   start    install/build what is missing, start what is not running, wait until it answers
#   stop     stop what this script started (pid files in .data/run), wait for the exit;
#            without a service list also `scripts/app.sh stop` (the app, if it runs)
#   status   one line per service; exit 0 if all are up, 3 otherwise
#   check    run scripts/check-ferretdb.mjs and scripts/check-s3.mjs against running services
# Ports, credentials and paths come from scripts/env.sh. Logs: .data/logs/.
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
# shellcheck source=scripts/services/lib.sh
source "$ROOT_DIR/scripts/services/lib.sh"
# shellcheck source=scripts/services/postgres.sh
source "$ROOT_DIR/scripts/services/postgres.sh"
# shellcheck source=scripts/services/ferretdb.sh
source "$ROOT_DIR/scripts/services/ferretdb.sh"
# shellcheck source=scripts/services/s3.sh
source "$ROOT_DIR/scripts/services/s3.sh"

ALL_SERVICES=(postgres ferretdb s3)

status_line() { # NAME up|down PORT PID [NOTE]
  printf '%-9s %-5s 127.0.0.1:%-6s pid %-8s %s\n' "$1" "$2" "$3" "${4:--}" "${5:-}"
}

foreign_note() { # PORT
  if port_open "$1"; then printf '(port taken by %s)' "$(port_owner "$1")"; fi
}

usage() {
  sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit 2
}

cmd="${1:-}"
[[ -n "$cmd" ]] || usage
shift
services=("$@")
all=""
((${#services[@]})) || { services=("${ALL_SERVICES[@]}"); all=1; }
for s in "${services[@]}"; do
  [[ " ${ALL_SERVICES[*]} " == *" $s "* ]] || die "unknown service '$s' (known: ${ALL_SERVICES[*]})"
done

ensure_dirs
# One services.sh at a time changes anything (parallel test jobs may all call start).
if [[ "$cmd" != status ]]; then
  exec 9>"$RUN_DIR/services.lock"
  if ! flock -n 9; then
    say "services: waiting for another services.sh to finish (lock $RUN_DIR/services.lock)"
    flock -w 600 9 || die "another services.sh is still running after 600 s (lock $RUN_DIR/services.lock)"
  fi
fi

case "$cmd" in
  start)
    for s in "${services[@]}"; do "${s}_start"; done
    ;;
  stop)
    # A plain `stop` first stops the app that scripts/app.sh started on top of the services.
    if [[ -n "$all" && -f "$ROOT_DIR/scripts/app.sh" ]]; then
      bash "$ROOT_DIR/scripts/app.sh" stop 9>&- || warn "scripts/app.sh stop failed"
    fi
    # Reverse order: nothing depends on anything today, but keep it conventional.
    for ((i = ${#services[@]} - 1; i >= 0; i--)); do "${services[i]}_stop"; done
    ;;
  restart)
    for ((i = ${#services[@]} - 1; i >= 0; i--)); do "${services[i]}_stop"; done
    for s in "${services[@]}"; do "${s}_start"; done
    ;;
  status)
    rc=0
    for s in "${services[@]}"; do "${s}_status" || rc=3; done
    exit "$rc"
    ;;
  check)
    rc=0
    run_node "$ROOT_DIR/scripts/check-ferretdb.mjs" || rc=1
    run_node "$ROOT_DIR/scripts/check-s3.mjs" || rc=1
    exit "$rc"
    ;;
  -h | --help | help) usage ;;
  *) usage ;;
esac

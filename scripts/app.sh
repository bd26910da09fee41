#!/usr/bin/env bash
# Starts/stops the Next.js app (and, once it exists, the job worker) in the background for the
# demo, with pid files under .data/run and logs under .data/logs. `services.sh stop` calls stop.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT_DIR"
RUN="$DATA_DIR/run"; LOGS="$DATA_DIR/logs"
mkdir -p "$RUN" "$LOGS"

is_ours() { # pid file, expected command fragment
  local pid; pid=$(cat "$1" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  local cmd; cmd=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ "$cmd" == *"$2"* ]]
}

start_app() {
  if is_ours "$RUN/app.pid" "next"; then echo "app: already running (pid $(cat "$RUN/app.pid"))"; return; fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$APP_PORT") 2>/dev/null; then
    echo "app: port $APP_PORT is taken by another process; set APP_PORT to a free port" >&2; exit 1
  fi
  NEXTAUTH_URL="${NEXTAUTH_URL:-http://127.0.0.1:$APP_PORT}" nohup npx next start -H 127.0.0.1 -p "$APP_PORT" \
    > "$LOGS/app.log" 2>&1 &
  echo $! > "$RUN/app.pid"
  for _ in $(seq 1 60); do
    if curl -fsS "http://127.0.0.1:$APP_PORT/api/health" >/dev/null 2>&1; then echo "app: up on http://127.0.0.1:$APP_PORT"; return; fi
    sleep 1
  done
  echo "app: did not become healthy; last log lines:" >&2; tail -n 30 "$LOGS/app.log" >&2; exit 1
}

stop_one() { # name, pid file, fragment
  if is_ours "$2" "$3"; then
    local pid; pid=$(cat "$2")
    pkill -TERM -P "$pid" 2>/dev/null || true
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
    echo "$1: stopped"
  fi
  rm -f "$2"
}

case "${1:-}" in
  start) start_app ;;
  stop) stop_one app "$RUN/app.pid" next ;;
  status) if is_ours "$RUN/app.pid" next; then echo "app: up (pid $(cat "$RUN/app.pid"))"; else echo "app: down"; fi ;;
  *) echo "usage: app.sh start|stop|status" >&2; exit 2 ;;
esac

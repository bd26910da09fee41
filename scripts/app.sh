#!/usr/bin/env bash
# Starts/stops the Next.js app, the job worker and the demo's background snapshot-history seeding
# for the demo, with pid files under .data/run and logs under .data/logs. `services.sh stop` calls
# stop. `app.sh start` starts the app; `worker` / `history` start those two.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT_DIR"
RUN="$DATA_DIR/run"; LOGS="$DATA_DIR/logs"
[ -d "$DATA_DIR/secrets" ] && source scripts/local-secrets.sh
mkdir -p "$RUN" "$LOGS"

is_ours() { # pid file, expected command fragment
  local pid; pid=$(cat "$1" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  local cmd; cmd=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ "$cmd" == *"$2"* ]]
}

start_app() {
  if is_ours "$RUN/app.pid" "scripts/server.mjs"; then echo "app: already running (pid $(cat "$RUN/app.pid"))"; return; fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$APP_PORT") 2>/dev/null; then
    echo "app: port $APP_PORT is taken by another process; set APP_PORT to a free port" >&2; exit 1
  fi
  NEXTAUTH_URL="${NEXTAUTH_URL:-http://127.0.0.1:$APP_PORT}" nohup node scripts/server.mjs -H 127.0.0.1 -p "$APP_PORT" \
    > "$LOGS/app.log" 2>&1 &
  echo $! > "$RUN/app.pid"
  for _ in $(seq 1 60); do
    if curl -fsS "http://127.0.0.1:$APP_PORT/api/health" >/dev/null 2>&1; then echo "app: up on http://127.0.0.1:$APP_PORT"; return; fi
    sleep 1
  done
  echo "app: did not become healthy; last log lines:" >&2; tail -n 30 "$LOGS/app.log" >&2; exit 1
}

start_worker() {
  if is_ours "$RUN/worker.pid" "scripts/worker.ts"; then echo "worker: already running (pid $(cat "$RUN/worker.pid"))"; return; fi
  local from=1; [ -f "$LOGS/worker.log" ] && from=$(( $(wc -l < "$LOGS/worker.log") + 1 ))
  # One node process (no npx/tsx wrapper), so the pid file names the process that runs the jobs.
  nohup node --conditions=react-server --import tsx scripts/worker.ts >> "$LOGS/worker.log" 2>&1 &
  echo $! > "$RUN/worker.pid"
  for _ in $(seq 1 60); do
    if tail -n "+$from" "$LOGS/worker.log" | grep -q '"msg":"worker started"'; then echo "worker: up (pid $(cat "$RUN/worker.pid"), log $LOGS/worker.log)"; return; fi
    kill -0 "$(cat "$RUN/worker.pid")" 2>/dev/null || break
    sleep 1
  done
  echo "worker: did not start; last log lines:" >&2; tail -n 30 "$LOGS/worker.log" >&2; exit 1
}

start_history() { # rounds
  if is_ours "$RUN/history.pid" "scripts/seed-history.ts"; then echo "history: already being taken (pid $(cat "$RUN/history.pid"))"; return; fi
  nohup node --conditions=react-server --import tsx scripts/seed-history.ts --via-worker --rounds "${1:-4}" >> "$LOGS/history.log" 2>&1 &
  echo $! > "$RUN/history.pid"
}

stop_one() { # name, pid file, fragment[, seconds to wait before SIGKILL]
  if is_ours "$2" "$3"; then
    local pid; pid=$(cat "$2")
    pkill -TERM -P "$pid" 2>/dev/null || true
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 $(( ${4:-10} * 2 ))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
    echo "$1: stopped"
  fi
  rm -f "$2"
}

case "${1:-}" in
  start) start_app ;;
  worker) start_worker ;;
  history) start_history "${2:-4}" ;;
  stop)
    stop_one history "$RUN/history.pid" scripts/seed-history.ts 5
    # The worker lets running jobs finish for WORKER_SHUTDOWN_GRACE_SECONDS (15), then hands them
    # back to the queue; the engine needs a few seconds to notice the abort.
    stop_one worker "$RUN/worker.pid" scripts/worker.ts 40
    stop_one app "$RUN/app.pid" scripts/server.mjs ;;
  status)
    if is_ours "$RUN/app.pid" scripts/server.mjs; then echo "app: up (pid $(cat "$RUN/app.pid"))"; else echo "app: down"; fi
    if is_ours "$RUN/worker.pid" scripts/worker.ts; then echo "worker: up (pid $(cat "$RUN/worker.pid"))"; else echo "worker: down"; fi ;;
  *) echo "usage: app.sh start|worker|history [rounds]|stop|status" >&2; exit 2 ;;
esac

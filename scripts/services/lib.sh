# shellcheck shell=bash
# Helpers shared by scripts/services.sh and its per-service parts (sourced, not run).
# Needs scripts/env.sh sourced first (ROOT_DIR, DATA_DIR, ...).

RUN_DIR="$DATA_DIR/run"
LOG_DIR="$DATA_DIR/logs"
# Seconds a service gets to answer after it was launched.
export SERVICES_TIMEOUT="${SERVICES_TIMEOUT:-90}"

say() { printf '%s\n' "$*"; }
warn() { printf 'services: %s\n' "$*" >&2; }
die() {
  printf 'services: ERROR: %s\n' "$*" >&2
  exit 1
}

ensure_dirs() {
  mkdir -p "$RUN_DIR" "$LOG_DIR"
}

pid_file() { printf '%s/%s.pid' "$RUN_DIR" "$1"; }

# True if $1 is a live process (a zombie, exited but not yet reaped, counts as gone).
pid_alive() {
  [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null || return 1
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [[ "${stat:0:1}" != Z ]]
}

# The executable of a process, without the " (deleted)" suffix a rebuilt binary gets.
pid_exe() {
  local exe
  exe="$(readlink "/proc/$1/exe" 2>/dev/null)" || return 1
  printf '%s' "${exe% (deleted)}"
}

# pid_is_ours PID EXE [CWD]: the process runs binary EXE (and has working directory CWD).
# This is how `stop` makes sure a pid file's number was not reused by another program.
pid_is_ours() {
  local pid="$1" exe="$2" cwd="${3:-}"
  pid_alive "$pid" || return 1
  [[ "$(pid_exe "$pid")" == "$exe" ]] || return 1
  if [[ -n "$cwd" ]]; then
    [[ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" == "$cwd" ]] || return 1
  fi
}

# our_pid NAME EXE [CWD]: prints the pid recorded for NAME if that process is still ours;
# removes a stale pid file and fails otherwise.
our_pid() {
  local file pid
  file="$(pid_file "$1")"
  [[ -f "$file" ]] || return 1
  pid="$(tr -dc '0-9' <"$file")"
  if pid_is_ours "$pid" "$2" "${3:-}"; then
    printf '%s' "$pid"
    return 0
  fi
  rm -f "$file"
  return 1
}

# True if something accepts TCP connections on 127.0.0.1:PORT (bash's /dev/tcp, no tools needed).
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Describes who listens on PORT (best effort: needs ss from iproute2).
port_owner() {
  local line
  if command -v ss >/dev/null 2>&1; then
    line="$(ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'users:(([^)]*))' | sed -n 1p)" || true
  fi
  printf '%s' "${line:-an unknown process}"
}

# ensure_port_free NAME PORT: fail clearly when a process that is not ours holds the port.
ensure_port_free() {
  if port_open "$2"; then
    die "$1: port $2 on 127.0.0.1 is already taken by $(port_owner "$2"), which this script did not start. Stop it, or set a different port in the environment (see scripts/env.sh)."
  fi
}

# wait_for DESCRIPTION PID LOG CMD...: runs CMD until it succeeds, for up to SERVICES_TIMEOUT
# seconds. Gives up early if PID (when given) exits. On failure prints the tail of LOG.
wait_for() {
  local what="$1" pid="$2" log="$3"
  shift 3
  local deadline=$((SECONDS + SERVICES_TIMEOUT))
  while ! "$@" >/dev/null 2>&1; do
    if [[ -n "$pid" ]] && ! pid_alive "$pid"; then
      warn "$what: the process (pid $pid) exited while starting"
      show_log_tail "$log"
      return 1
    fi
    if ((SECONDS >= deadline)); then
      warn "$what: no answer after ${SERVICES_TIMEOUT}s"
      show_log_tail "$log"
      return 1
    fi
    sleep 0.25
  done
}

show_log_tail() {
  [[ -f "$1" ]] || return 0
  warn "last lines of $1:"
  tail -n 30 "$1" | sed 's/^/    /' >&2
}

# wait_port PORT: true once 127.0.0.1:PORT accepts connections.
wait_port() { port_open "$1"; }

# stop_pid NAME PID: SIGTERM, wait up to 30 s for the exit, then SIGKILL.
stop_pid() {
  local name="$1" pid="$2" i
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 120; i++)); do
    pid_alive "$pid" || return 0
    sleep 0.25
  done
  warn "$name: pid $pid did not exit after SIGTERM; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 40; i++)); do
    pid_alive "$pid" || return 0
    sleep 0.25
  done
  warn "$name: pid $pid is still running"
  return 1
}

# launch NAME LOG CMD...: starts CMD detached (own session, stdin closed, output to LOG),
# records its pid in the pid file and prints the pid.
launch() {
  local name="$1" log="$2"
  shift 2
  printf '\n==== %s: starting %s\n' "$(date -Is)" "$name" >>"$log"
  # Without job control the background child is no group leader, so setsid execs in place
  # and $! is the service's own pid.
  # 9>&-: the service must not inherit (and so hold) services.sh's lock.
  setsid "$@" </dev/null >>"$log" 2>&1 9>&- &
  local pid=$!
  printf '%s\n' "$pid" >"$(pid_file "$name")"
  printf '%s' "$pid"
}

# Node runs the small helper scripts; they need the project's node_modules (npm ci).
require_node_modules() {
  command -v node >/dev/null 2>&1 || die "node is not installed"
  local m
  for m in "$@"; do
    [[ -d "$ROOT_DIR/node_modules/$m" ]] || die "node_modules/$m is missing: run 'npm ci' first"
  done
}

# Runs a project node script without the AWS SDK's "Node >= 22 after January 2027" notice.
run_node() {
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true node "$@"
}

# Finds the Go toolchain (the machine image has it in /usr/local/go).
find_go() {
  if command -v go >/dev/null 2>&1; then
    command -v go
  elif [[ -x /usr/local/go/bin/go ]]; then
    printf '%s' /usr/local/go/bin/go
  else
    die "the Go toolchain (>= 1.25) is needed to build FerretDB and versitygw, and was not found"
  fi
}

# go_in DIR ARGS...: runs go inside the small module DIR with reproducible settings.
go_in() {
  local dir="$1"
  shift
  local go
  go="$(find_go)"
  (cd "$dir" && GOFLAGS="${GOFLAGS:+$GOFLAGS }-buildvcs=false -trimpath" GOTOOLCHAIN="${GOTOOLCHAIN:-local}" "$go" "$@")
}

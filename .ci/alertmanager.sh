#!/usr/bin/env bash
# Starts and stops a throwaway Prometheus Alertmanager on 127.0.0.1 (no clustering).
#
#   .ci/alertmanager.sh start CONFIG_FILE PORT DATA_DIR
#       runs it in the background (storage in DATA_DIR, log in DATA_DIR/alertmanager.log,
#       pid in DATA_DIR/pid) and returns once http://127.0.0.1:PORT/-/ready answers 200
#       (exit 1 and the log on stderr if that takes over 30 s or the process dies).
#   .ci/alertmanager.sh stop DATA_DIR
#       stops the process whose pid is in DATA_DIR/pid (TERM, then KILL after 10 s).
#
# The binary is $ALERTMANAGER_BIN, else prometheus-alertmanager (Debian), else alertmanager.
# stdout/stderr of the daemon go to the log file, so a caller reading this script's
# output (e.g. Java's ProcessBuilder) is not kept waiting by the background process.
set -euo pipefail

die() {
  echo "alertmanager.sh: $*" >&2
  exit 1
}

am_bin() {
  if [[ -n ${ALERTMANAGER_BIN:-} ]]; then
    echo "$ALERTMANAGER_BIN"
  elif command -v prometheus-alertmanager >/dev/null 2>&1; then
    command -v prometheus-alertmanager
  elif command -v alertmanager >/dev/null 2>&1; then
    command -v alertmanager
  else
    die "prometheus-alertmanager not found (install it: .ci/install-tools.sh)"
  fi
}

is_running() { # is_running PID: true if PID is alive and not a zombie
  local state
  state=$(ps -o stat= -p "$1" 2>/dev/null || true)
  [[ -n $state && $state != Z* ]]
}

start() {
  [[ $# -eq 3 ]] || die "usage: $0 start CONFIG_FILE PORT DATA_DIR"
  local config=$1 port=$2 dir=$3 bin pid code deadline
  [[ -r $config ]] || die "cannot read config $config"
  [[ $port =~ ^[0-9]+$ ]] || die "bad port $port"
  bin=$(am_bin)
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  config=$(cd "$(dirname "$config")" && pwd)/$(basename "$config")

  if [[ -f $dir/pid ]] && is_running "$(cat "$dir/pid")"; then
    die "already running with pid $(cat "$dir/pid") (data dir $dir)"
  fi

  # setsid: own session, so signals for the caller's process group do not reach it.
  setsid "$bin" \
    --config.file="$config" \
    --storage.path="$dir" \
    --web.listen-address="127.0.0.1:$port" \
    --cluster.listen-address= \
    </dev/null >"$dir/alertmanager.log" 2>&1 &
  pid=$!
  echo "$pid" >"$dir/pid"

  deadline=$((SECONDS + 30))
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/-/ready" || true)
    if [[ $code == 200 ]]; then
      echo "alertmanager.sh: alertmanager pid $pid ready on 127.0.0.1:$port (data dir $dir)"
      return 0
    fi
    if ! is_running "$pid"; then
      wait "$pid" 2>/dev/null || true
      rm -f "$dir/pid"
      echo "alertmanager.sh: alertmanager exited during startup; log:" >&2
      cat "$dir/alertmanager.log" >&2
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      echo "alertmanager.sh: not ready after 30 s (last status '$code'); log:" >&2
      cat "$dir/alertmanager.log" >&2
      kill -KILL "$pid" 2>/dev/null || true
      rm -f "$dir/pid"
      exit 1
    fi
    sleep 0.2
  done
}

stop() {
  [[ $# -eq 1 ]] || die "usage: $0 stop DATA_DIR"
  local dir=$1 pid
  if [[ ! -f $dir/pid ]]; then
    echo "alertmanager.sh: no pid file in $dir, nothing to stop"
    return 0
  fi
  pid=$(cat "$dir/pid")
  [[ $pid =~ ^[0-9]+$ ]] || die "bad pid file $dir/pid"
  if is_running "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      is_running "$pid" || break
      sleep 0.2
    done
    if is_running "$pid"; then
      echo "alertmanager.sh: pid $pid ignored TERM for 10 s, killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$dir/pid"
  echo "alertmanager.sh: stopped pid $pid"
}

case ${1:-} in
  start)
    shift
    start "$@"
    ;;
  stop)
    shift
    stop "$@"
    ;;
  *)
    echo "usage: $0 start CONFIG_FILE PORT DATA_DIR" >&2
    echo "       $0 stop DATA_DIR" >&2
    exit 2
    ;;
esac

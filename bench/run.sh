#!/usr/bin/env bash
# Load test of POST /v2/enqueue with wrk.  Usage: bench/run.sh [h2|postgresql]
#
# Builds target/klaxon.jar if missing, starts it on 127.0.0.1:18080 with a fresh
# database (a temp KLAXON_DATA_DIR for h2, a throwaway cluster from .ci/postgres.sh
# for postgresql), creates a team, a service and an events-v2 integration through
# the REST API, then runs bench/enqueue-dedup.lua and bench/enqueue-unique.lua
# (each after a warm-up) and saves everything to bench/results/<db>-<timestamp>.txt.
#
# Knobs (environment): BENCH_THREADS (2), BENCH_CONNECTIONS (16), BENCH_DURATION (30s),
# BENCH_WARMUP (30s), BENCH_JAVA_OPTS (extra JVM flags), BENCH_PORT (18080),
# BENCH_PG_STATEMENTS (set: list the statements PostgreSQL spent its time on, via pg_stat_statements, and the
# WAL written),
# BENCH_SCRIPTS (which of the scripts to run, default "enqueue-dedup.lua enqueue-unique.lua").
# All traffic goes to 127.0.0.1 only.
set -euo pipefail

db=${1:-h2}
case $db in
  h2 | postgresql) ;;
  -h | --help)
    sed -n '2,15p' "$0"
    exit 0
    ;;
  *)
    echo "usage: $0 [h2|postgresql]" >&2
    exit 2
    ;;
esac

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD

port=${BENCH_PORT:-18080}
base=http://127.0.0.1:$port
admin_user="admin"
admin_password=bench-admin-pw
threads=${BENCH_THREADS:-2}
connections=${BENCH_CONNECTIONS:-16}
duration=${BENCH_DURATION:-30s}
# 30 s: with less, the JIT compiler still takes a tenth of the CPU in the measured run (see bench/README.md).
warmup=${BENCH_WARMUP:-30s}

# shellcheck source=.ci/install-tools.sh
source .ci/install-tools.sh
# shellcheck source=.ci/postgres.sh
source .ci/postgres.sh

log() { echo "bench: $*" >&2; }

install_tools

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  log "something already listens on 127.0.0.1:$port; stop it or set BENCH_PORT"
  exit 1
fi

if [[ ! -f target/klaxon.jar ]]; then
  log "building target/klaxon.jar"
  ./mvnw -q -B -ntp -DskipTests package </dev/null
fi

mkdir -p bench/results
stamp=$(date -u +%Y%m%dT%H%M%SZ)
result=bench/results/$db-$stamp.txt
server_log=bench/results/$db-$stamp.server.log

work=$(mktemp -d "${TMPDIR:-/tmp}/klaxon-bench.XXXXXX")
server_pid=""

cleanup() {
  local rc=$?
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    log "stopping server (pid $server_pid)"
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$server_pid" 2>/dev/null; then
      log "server still running after 30 s, killing it"
      kill -KILL "$server_pid" 2>/dev/null || true
    fi
    wait "$server_pid" 2>/dev/null || true
  fi
  klaxon_pg_stop || true
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

server_env=(
  "SERVER_ADDRESS=127.0.0.1"
  "SERVER_PORT=$port"
  "KLAXON_BASE_URL=$base"
  "KLAXON_ADMIN_PASSWORD=$admin_password"
  "KLAXON_DATA_DIR=$work/data"
)
mkdir -p "$work/data"
if [[ $db == postgresql ]]; then
  if [[ -n ${BENCH_PG_STATEMENTS:-} ]]; then
    pg_stats="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
    pg_stats+=" -c pg_stat_statements.track_planning=on -c track_wal_io_timing=on"
    export KLAXON_PG_OPTIONS="$pg_stats ${KLAXON_PG_OPTIONS:-}"
  fi
  klaxon_pg_start "${BENCH_PG_PORT:-55442}" klaxon_bench
  server_env+=(
    "SPRING_DATASOURCE_URL=$KLAXON_PG_JDBC_URL"
    "SPRING_DATASOURCE_USERNAME=$KLAXON_PG_USER"
    "SPRING_DATASOURCE_PASSWORD=$KLAXON_PG_PASSWORD"
  )
fi

# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of flags
env "${server_env[@]}" java ${BENCH_JAVA_OPTS:-} -jar target/klaxon.jar </dev/null >"$server_log" 2>&1 &
server_pid=$!
log "started server pid $server_pid ($db), log in $server_log"

log "waiting for $base/actuator/health"
deadline=$((SECONDS + 180))
until [[ $(curl -fsS --max-time 2 "$base/actuator/health" 2>/dev/null | jq -r '.status' 2>/dev/null) == UP ]]; do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    log "server exited during startup; last log lines:"
    tail -n 40 "$server_log" >&2
    exit 1
  fi
  if ((SECONDS > deadline)); then
    log "server not UP after 180 s; last log lines:"
    tail -n 40 "$server_log" >&2
    exit 1
  fi
  sleep 1
done
log "server is UP"

api() { # api PATH JSON -> response body; fails on HTTP errors
  curl -fsS --max-time 10 -u "$admin_user:$admin_password" \
    -H 'Content-Type: application/json' -H 'Accept: application/json' \
    -X POST "$base$1" -d "$2"
}

# ids are spliced in as the JSON values the API returned (number or string alike)
team_id=$(api /api/v1/teams '{"name":"bench"}' | jq -ec '.id')
service_id=$(api /api/v1/services "{\"name\":\"bench\",\"teamId\":$team_id}" | jq -er '.id')
routing_key=$(api "/api/v1/services/$service_id/integrations" \
  '{"type":"events-v2","name":"bench","rateLimitPerMinute":null}' | jq -er '.key')
if [[ ${#routing_key} -ne 32 ]]; then
  log "unexpected integration key '$routing_key' (want 32 characters)"
  exit 1
fi
log "team ${team_id//\"/}, service $service_id, routing key ${routing_key:0:4}..."

export KLAXON_ROUTING_KEY=$routing_key
export KLAXON_BENCH_NONCE=$stamp

{
  echo "# klaxon bench: POST /v2/enqueue, database $db"
  echo "date:       $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  if commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null); then
    git -C "$repo" diff --quiet HEAD -- src pom.xml 2>/dev/null || commit="$commit + uncommitted changes in src/ or pom.xml"
  else
    commit=unknown
  fi
  echo "commit:     $commit"
  echo "machine:    $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r)"
  echo "java:       $(java -version 2>&1 | head -n1) ${BENCH_JAVA_OPTS:-}"
  echo "wrk:        -t$threads -c$connections -d$duration --latency (warm-up $warmup before each run)"
  if [[ $db == postgresql ]]; then
    echo "postgresql: $("$(_klaxon_pg_bindir)/postgres" -V), fsync=on, 127.0.0.1:$KLAXON_PG_PORT"
  else
    echo "h2:         file database in a fresh temp KLAXON_DATA_DIR"
  fi
  echo
} | tee "$result"

bench_psql() { # bench_psql PSQL_ARGS...: psql in the bench database, e.g. bench_psql -c "SQL"
  PGPASSWORD=$KLAXON_PG_PASSWORD "$(_klaxon_pg_bindir)/psql" -q -h 127.0.0.1 -p "$KLAXON_PG_PORT" \
    -U "$KLAXON_PG_USER" -d klaxon_bench "$@"
}

top_statements() { # the statements and WAL that took the server's time during the measured run
  echo "### PostgreSQL statements by total execution time (pg_stat_statements; planning in plan_ms)"
  bench_psql -v top="${BENCH_PG_STATEMENTS_TOP:-20}" -f bench/top-statements.sql
  echo "### PostgreSQL WAL and checkpoints during the measured run (pg_stat_wal, pg_stat_bgwriter)"
  bench_psql -c "SELECT wal_records, wal_fpi AS full_page_images, pg_size_pretty(wal_bytes) AS wal_bytes, wal_write,
      wal_sync, round(wal_write_time) AS write_ms, round(wal_sync_time) AS sync_ms FROM pg_stat_wal"
  # PostgreSQL 17 moved the checkpoint counters out of pg_stat_bgwriter; then this line is skipped.
  bench_psql -c "SELECT checkpoints_timed, checkpoints_req, buffers_checkpoint, buffers_backend FROM pg_stat_bgwriter" ||
    true
}

if [[ -n ${BENCH_PG_STATEMENTS:-} && $db == postgresql ]]; then
  bench_psql -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >&2
fi

run_wrk() { # run_wrk SCRIPT DURATION
  wrk "-t$threads" "-c$connections" "-d$2" --latency -s "bench/$1" "$base/v2/enqueue"
}

non202() { # non202 FILE: the count from the scripts' "non-202 responses: N" line
  sed -n 's/^non-202 responses: \([0-9]*\).*/\1/p' "$1" | head -n1
}

bad_runs=0
for script in ${BENCH_SCRIPTS:-enqueue-dedup.lua enqueue-unique.lua}; do
  log "warm-up: $script for $warmup"
  KLAXON_BENCH_NONCE=$stamp-warmup run_wrk "$script" "$warmup" >"$work/warmup.txt" 2>&1 || {
    cat "$work/warmup.txt" >&2
    exit 1
  }
  grep -E '^(requests|non-202 responses):' "$work/warmup.txt" | sed 's/^/  warm-up /' >&2 || true
  warm_requests=$(sed -n 's/^requests: \([0-9]*\) .*/\1/p' "$work/warmup.txt" | head -n1)
  if [[ ${warm_requests:-0} -gt 0 && $(non202 "$work/warmup.txt") == "$warm_requests" ]]; then
    log "every warm-up request of $script got a status other than 202; not measuring. Last server log lines:"
    tail -n 20 "$server_log" >&2
    exit 1
  fi
  if [[ $db == postgresql ]]; then
    # The warm-up grew the tables from (nearly) empty in seconds; autovacuum would analyze them within a minute
    # on a running server. Without fresh statistics PostgreSQL keeps plans made for tiny tables (sequential
    # scans) for the whole run, which measures the first minute after an install, not the steady state.
    log "analyzing the tables the warm-up filled"
    bench_psql -c ANALYZE >&2
    # A fresh cluster has no used WAL segments to recycle, so at this load every 16 MB segment (one every two
    # seconds or so) is created and zero-filled while commits wait on it: 50-100 ms commits, a p99 of the first
    # minutes after initdb. A checkpoint after the warm-up lets PostgreSQL recycle the warm-up's segments, as a
    # server that has run for a while does.
    log "checkpoint, so the measured run writes recycled WAL segments"
    bench_psql -c CHECKPOINT >&2
    if [[ -n ${BENCH_PG_STATEMENTS:-} ]]; then
      bench_psql -c "SELECT pg_stat_statements_reset(), pg_stat_reset_shared('wal'), pg_stat_reset_shared('bgwriter')" \
        >/dev/null
    fi
  fi
  log "measuring: $script for $duration"
  {
    echo "## $script"
    run_wrk "$script" "$duration" 2>&1
    echo
  } | tee -a "$result" | tee "$work/run.txt"
  if [[ -n ${BENCH_PG_STATEMENTS:-} && $db == postgresql ]]; then
    { top_statements; echo; } | tee -a "$result"
  fi
  if [[ $(non202 "$work/run.txt") != 0 ]]; then
    bad_runs=$((bad_runs + 1))
    echo "WARNING: $script had non-202 responses; its numbers do not measure successful intake." | tee -a "$result" >&2
  fi
done

log "results saved in $result (server log: $server_log)"
if ((bad_runs > 0)); then
  log "$bad_runs run(s) had non-202 responses"
  exit 1
fi

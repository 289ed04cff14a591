#!/usr/bin/env bash
# The reference the intake targets are measured against: a stock Alertmanager (Debian's prometheus-alertmanager,
# in memory, nothing durable) taking one alert per request, with the same wrk settings as bench/run.sh.
# Usage: bench/alertmanager-baseline.sh   (knobs: BENCH_THREADS, BENCH_CONNECTIONS, BENCH_DURATION, BENCH_WARMUP,
# BENCH_AM_PORT (19093)). Prints wrk's report; all traffic goes to 127.0.0.1.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
threads=${BENCH_THREADS:-2}
connections=${BENCH_CONNECTIONS:-16}
duration=${BENCH_DURATION:-30s}
warmup=${BENCH_WARMUP:-10s}
port=${BENCH_AM_PORT:-19093}

# shellcheck source=.ci/install-tools.sh
source .ci/install-tools.sh
install_tools

work=$(mktemp -d "${TMPDIR:-/tmp}/klaxon-am-bench.XXXXXX")
am_pid=""
cleanup() {
  [[ -n $am_pid ]] && kill "$am_pid" 2>/dev/null && wait "$am_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# Every alert routes to a receiver without integrations: Alertmanager groups and stores, sends nothing.
cat >"$work/alertmanager.yml" <<'YAML'
route:
  receiver: blackhole
receivers:
  - name: blackhole
YAML
prometheus-alertmanager --config.file="$work/alertmanager.yml" --storage.path="$work/data" \
  --web.listen-address="127.0.0.1:$port" --cluster.listen-address= >"$work/alertmanager.log" 2>&1 &
am_pid=$!
for _ in $(seq 1 50); do
  curl -sf "http://127.0.0.1:$port/-/ready" >/dev/null && break
  sleep 0.2
done
curl -sf "http://127.0.0.1:$port/-/ready" >/dev/null || { cat "$work/alertmanager.log" >&2; exit 1; }

echo "# $(prometheus-alertmanager --version 2>&1 | head -n1); wrk -t$threads -c$connections -d$duration (warm-up $warmup)"
wrk -t"$threads" -c"$connections" -d"$warmup" -s bench/alertmanager-alerts.lua "http://127.0.0.1:$port/api/v2/alerts" >/dev/null
wrk -t"$threads" -c"$connections" -d"$duration" --latency -s bench/alertmanager-alerts.lua \
  "http://127.0.0.1:$port/api/v2/alerts"

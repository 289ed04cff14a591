#!/usr/bin/env bash
# Throwaway PostgreSQL cluster on 127.0.0.1 for CI and bench/.
#
# Two ways to use it:
#
#   1. Sourced (what .ci/run and bench/run.sh do):
#        source .ci/postgres.sh
#        trap klaxon_pg_stop EXIT
#        klaxon_pg_start [PORT] [DBNAME]      # PORT default 25432 (next free one is taken), DBNAME default klaxon_test
#      afterwards these are exported:
#        KLAXON_PG_DIR       temp dir holding data/, the log and the unix socket (removed by klaxon_pg_stop)
#        KLAXON_PG_PORT      port actually used
#        KLAXON_PG_DB        database created
#        KLAXON_PG_USER      superuser name (klaxon)
#        KLAXON_PG_PASSWORD  its password
#        KLAXON_PG_JDBC_URL  jdbc:postgresql://127.0.0.1:PORT/DBNAME
#
#   2. As a command:
#        eval "$(.ci/postgres.sh start [PORT] [DBNAME])"   # prints the export lines above on stdout
#        .ci/postgres.sh stop "$KLAXON_PG_DIR"
#
# initdb refuses to run as root, so as root the cluster runs as the system user
# `klaxonci` (created if missing); as any other user it runs as that user.
# Auth: scram-sha-256 with a password over TCP, trust on the private unix socket.

KLAXON_PG_SYSTEM_USER=${KLAXON_PG_SYSTEM_USER:-klaxonci}
# Below Linux's ephemeral range (32768-60999): a port in it can be taken by any outgoing connection between the
# check that it is free and the server's bind.
KLAXON_PG_DEFAULT_PORT=${KLAXON_PG_DEFAULT_PORT:-25432}

_klaxon_pg_log() { echo "postgres.sh: $*" >&2; }

_klaxon_pg_bindir() {
  local d
  if [[ -n ${KLAXON_PG_BIN:-} ]]; then
    echo "$KLAXON_PG_BIN"
    return 0
  fi
  if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then
    echo /usr/lib/postgresql/15/bin
    return 0
  fi
  # otherwise the newest Debian version present
  local v bestv=0
  for d in /usr/lib/postgresql/*/bin; do
    [[ -x $d/initdb ]] || continue
    v=${d#/usr/lib/postgresql/}
    v=${v%/bin}
    [[ $v =~ ^[0-9]+$ ]] || continue
    if ((v > bestv)); then
      bestv=$v
    fi
  done
  if ((bestv > 0)); then
    echo "/usr/lib/postgresql/$bestv/bin"
    return 0
  fi
  if command -v pg_config >/dev/null 2>&1 && [[ -x $(pg_config --bindir)/initdb ]]; then
    pg_config --bindir
    return 0
  fi
  _klaxon_pg_log "cannot find initdb (install the postgresql package, see .ci/install-tools.sh)"
  return 1
}

# Runs a command as the cluster's owner, from inside KLAXON_PG_DIR (the caller's
# working directory may not be readable by that user).
_klaxon_pg_as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    (cd "$KLAXON_PG_DIR" && runuser -u "$KLAXON_PG_SYSTEM_USER" -- "$@")
  else
    (cd "$KLAXON_PG_DIR" && "$@")
  fi
}

_klaxon_pg_port_busy() {
  # a successful connect means something already listens there
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

klaxon_pg_start() {
  local port=${1:-$KLAXON_PG_DEFAULT_PORT}
  local db=${2:-klaxon_test}
  local bindir tries

  bindir=$(_klaxon_pg_bindir) || return 1

  if [[ $(id -u) -eq 0 ]] && ! id -u "$KLAXON_PG_SYSTEM_USER" >/dev/null 2>&1; then
    _klaxon_pg_log "creating system user $KLAXON_PG_SYSTEM_USER"
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
      "$KLAXON_PG_SYSTEM_USER" || return 1
  fi

  tries=0
  while _klaxon_pg_port_busy "$port"; do
    tries=$((tries + 1))
    if ((tries > 50)); then
      _klaxon_pg_log "no free port found near $1"
      return 1
    fi
    port=$((port + 1))
  done

  # /tmp explicitly: TMPDIR may point somewhere the cluster owner cannot enter.
  KLAXON_PG_DIR=$(mktemp -d "${KLAXON_PG_TMP:-/tmp}/klaxon-pg.XXXXXX") || return 1
  export KLAXON_PG_DIR
  chmod 700 "$KLAXON_PG_DIR"
  if [[ $(id -u) -eq 0 ]]; then
    chown "$KLAXON_PG_SYSTEM_USER:" "$KLAXON_PG_DIR" || return 1
  fi

  export KLAXON_PG_PORT=$port
  export KLAXON_PG_DB=$db
  export KLAXON_PG_USER=klaxon
  export KLAXON_PG_PASSWORD=${KLAXON_PG_PASSWORD:-klaxon-ci-pw}
  export KLAXON_PG_JDBC_URL="jdbc:postgresql://127.0.0.1:$port/$db"

  # shellcheck disable=SC2016 # $1/$2 are expanded by the inner sh
  _klaxon_pg_as_owner sh -c 'umask 077; printf "%s\n" "$1" > "$2"' sh "$KLAXON_PG_PASSWORD" "$KLAXON_PG_DIR/pwfile" || return 1
  if ! _klaxon_pg_as_owner "$bindir/initdb" -D "$KLAXON_PG_DIR/data" -U "$KLAXON_PG_USER" \
    --pwfile="$KLAXON_PG_DIR/pwfile" --auth-host=scram-sha-256 --auth-local=trust \
    -E UTF8 --locale=C.UTF-8 >"$KLAXON_PG_DIR/initdb.log" 2>&1; then
    _klaxon_pg_log "initdb failed:"
    cat "$KLAXON_PG_DIR/initdb.log" >&2
    return 1
  fi
  rm -f "$KLAXON_PG_DIR/pwfile"

  # max_connections: every cached Spring test context keeps its own Hikari pool (10 by default).
  # KLAXON_PG_OPTIONS: more server settings as "-c name=value" flags (the intake bench uses it).
  # A port found free can still be taken before the bind (by any process); then the next one is tried.
  tries=0
  until _klaxon_pg_as_owner "$bindir/pg_ctl" -D "$KLAXON_PG_DIR/data" -l "$KLAXON_PG_DIR/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -c fsync=on -c unix_socket_directories=$KLAXON_PG_DIR -c max_connections=${KLAXON_PG_MAX_CONNECTIONS:-300} ${KLAXON_PG_OPTIONS:-}" \
    start </dev/null >/dev/null; do
    tries=$((tries + 1))
    if ((tries > 5)) || ! grep -q "Address already in use" "$KLAXON_PG_DIR/postgres.log" 2>/dev/null; then
      _klaxon_pg_log "pg_ctl start failed; server log:"
      cat "$KLAXON_PG_DIR/postgres.log" >&2 || true
      return 1
    fi
    _klaxon_pg_log "port $port was taken before the server could bind it; trying the next free one"
    port=$((port + 1))
    while _klaxon_pg_port_busy "$port"; do
      port=$((port + 1))
    done
    export KLAXON_PG_PORT=$port
    export KLAXON_PG_JDBC_URL="jdbc:postgresql://127.0.0.1:$port/$db"
  done

  tries=0
  until "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port"; do
    tries=$((tries + 1))
    if ((tries > 120)); then
      _klaxon_pg_log "server not ready after 60 s; log:"
      cat "$KLAXON_PG_DIR/postgres.log" >&2 || true
      return 1
    fi
    sleep 0.5
  done

  # Over TCP with the password, so a broken auth setup fails here and not in the tests.
  if ! PGPASSWORD=$KLAXON_PG_PASSWORD "$bindir/createdb" -h 127.0.0.1 -p "$port" -U "$KLAXON_PG_USER" "$db"; then
    _klaxon_pg_log "createdb $db failed"
    return 1
  fi
  _klaxon_pg_log "PostgreSQL $("$bindir/postgres" -V | awk '{print $3}') ready on 127.0.0.1:$port, database $db, dir $KLAXON_PG_DIR"
}

# Stops the cluster in DIR (default $KLAXON_PG_DIR) and removes DIR. Safe to call twice
# or when start never ran, so it can sit in an EXIT trap.
klaxon_pg_stop() {
  local dir=${1:-${KLAXON_PG_DIR:-}}
  local bindir pid
  [[ -n $dir && -d $dir ]] || return 0
  case $dir in
    */klaxon-pg.*) ;;
    *)
      _klaxon_pg_log "refusing to remove $dir (not a klaxon-pg dir)"
      return 1
      ;;
  esac
  if [[ -f $dir/data/postmaster.pid ]]; then
    pid=$(head -n1 "$dir/data/postmaster.pid" 2>/dev/null || true)
    bindir=$(_klaxon_pg_bindir) || bindir=""
    if [[ -z $bindir ]] || ! KLAXON_PG_DIR=$dir _klaxon_pg_as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1; then
      if [[ -n $pid ]]; then
        _klaxon_pg_log "pg_ctl stop failed, killing postmaster $pid"
        kill -9 "$pid" 2>/dev/null || true
      fi
    fi
    # pg_ctl returns once postmaster.pid is gone; the process itself may linger a moment
    if [[ -n $pid ]]; then
      for _ in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
      done
    fi
  fi
  rm -rf "$dir"
  _klaxon_pg_log "stopped and removed $dir"
  if [[ $dir == "${KLAXON_PG_DIR:-}" ]]; then
    unset KLAXON_PG_DIR
  fi
  return 0
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  case ${1:-} in
    start)
      klaxon_pg_start "${2:-}" "${3:-}" || {
        klaxon_pg_stop || true
        exit 1
      }
      for v in KLAXON_PG_DIR KLAXON_PG_PORT KLAXON_PG_DB KLAXON_PG_USER KLAXON_PG_PASSWORD KLAXON_PG_JDBC_URL; do
        printf 'export %s=%q\n' "$v" "${!v}"
      done
      ;;
    stop)
      [[ -n ${2:-} ]] || {
        echo "usage: $0 stop DIR" >&2
        exit 2
      }
      klaxon_pg_stop "$2"
      ;;
    *)
      echo "usage: $0 start [PORT] [DBNAME]   (prints export lines)" >&2
      echo "       $0 stop DIR" >&2
      exit 2
      ;;
  esac
fi

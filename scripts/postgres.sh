#!/usr/bin/env bash
# postgres.sh - a project-owned PostgreSQL cluster on 127.0.0.1, from Debian's package.
#
#   postgres.sh start    install the package if absent, initdb on first use, start, wait
#   postgres.sh stop     fast shutdown
#   postgres.sh restart  stop + start (data kept)
#   postgres.sh status   exit 0 if the server accepts connections
#   postgres.sh wait     readiness wait only (PG_START_TIMEOUT seconds, default 60)
#   postgres.sh env      print the connection settings
#   postgres.sh psql     psql as the superuser (extra arguments passed on)
#   postgres.sh clean    stop and delete the cluster
#
# Settings: PG_PORT (default 55432), PG_DATA (default /var/tmp/llwybr-pg-$PG_PORT: the
# postgres user must be able to traverse every parent, which a checkout under /root is not),
# PG_DATABASE (default llwybr), PG_START_TIMEOUT.
set -euo pipefail

PG_HOST=127.0.0.1
PG_PORT="${PG_PORT:-55432}"
PG_DATA="${PG_DATA:-/var/tmp/llwybr-pg-$PG_PORT}"
PG_DATABASE="${PG_DATABASE:-llwybr}"
PG_START_TIMEOUT="${PG_START_TIMEOUT:-60}"
PG_USER=postgres

log() { printf 'postgres.sh: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [[ -x "$d/initdb" ]] && { echo "$d"; return 0; }
  done
  return 1
}

ensure_installed() {
  bindir >/dev/null && return 0
  command -v apt-get >/dev/null || die "PostgreSQL is not installed and apt-get is not available"
  log "installing Debian's postgresql package ..."
  if [[ $(id -u) -eq 0 ]]; then SUDO=(); else SUDO=(sudo); fi
  "${SUDO[@]}" apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq postgresql >/dev/null \
    || die "apt-get install postgresql failed"
  # Debian's package starts its own cluster on 5432; ours is separate and on $PG_PORT.
  bindir >/dev/null || die "postgresql installed but initdb was not found"
}

# initdb and pg_ctl refuse to run as root: run them as the package's postgres user.
as_postgres() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

accepting() { "$(bindir)/pg_isready" -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" 2>/dev/null; }

cmd_wait() {
  local deadline=$((SECONDS + PG_START_TIMEOUT))
  until accepting; do
    if (( SECONDS >= deadline )); then
      [[ -f "$PG_DATA/log" ]] && tail -n 40 "$PG_DATA/log" >&2
      die "PostgreSQL did not accept connections on $PG_HOST:$PG_PORT within ${PG_START_TIMEOUT}s"
    fi
    sleep 0.3
  done
}

cmd_start() {
  ensure_installed
  local bin; bin="$(bindir)"
  if accepting; then log "already up on $PG_HOST:$PG_PORT"; ensure_database; return 0; fi
  if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
    mkdir -p "$PG_DATA"
    chown postgres:postgres "$PG_DATA" 2>/dev/null || true
    chmod 700 "$PG_DATA"
    as_postgres "$bin/initdb" -D "$PG_DATA" -A trust -U "$PG_USER" -E UTF8 --locale=C.UTF-8 >/dev/null \
      || die "initdb failed for $PG_DATA"
    log "initialised cluster in $PG_DATA"
  fi
  # Small and loopback only; fsync stays on: the tests restart this server and expect no loss.
  as_postgres "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/log" -w -t "$PG_START_TIMEOUT" start \
    -o "-p $PG_PORT -k $PG_DATA -c listen_addresses=$PG_HOST -c max_connections=200 -c shared_buffers=128MB" \
    >/dev/null || { tail -n 40 "$PG_DATA/log" >&2 || true; die "pg_ctl start failed"; }
  cmd_wait
  ensure_database
  log "up on $PG_HOST:$PG_PORT (data $PG_DATA)"
}

ensure_database() {
  local exists
  exists=$(psql_su -tAc "select 1 from pg_database where datname = '$PG_DATABASE'")
  [[ "$exists" == 1 ]] || psql_su -qc "create database \"$PG_DATABASE\"" >/dev/null
}

psql_su() { "$(bindir)/psql" -X -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres "$@"; }

cmd_stop() {
  if [[ ! -f "$PG_DATA/postmaster.pid" ]]; then log "not running"; return 0; fi
  as_postgres "$(bindir)/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null
  log "stopped"
}

cmd_status() {
  if accepting; then echo "running on $PG_HOST:$PG_PORT (data $PG_DATA)"; else echo "not running"; return 1; fi
}

main() {
  local cmd="${1:-}"; [[ $# -gt 0 ]] && shift
  case "$cmd" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    restart) cmd_stop; cmd_start ;;
    status) cmd_status ;;
    wait) cmd_wait ;;
    env) printf 'LLWYBR_POSTGRES_HOST=%s\nLLWYBR_POSTGRES_PORT=%s\nLLWYBR_POSTGRES_USER=%s\nLLWYBR_POSTGRES_DBNAME=%s\n' \
           "$PG_HOST" "$PG_PORT" "$PG_USER" "$PG_DATABASE" ;;
    psql) psql_su "$@" ;;
    clean) cmd_stop; [[ "$PG_DATA" == /var/tmp/* || "$PG_DATA" == /tmp/* ]] && rm -rf "$PG_DATA"; log "removed $PG_DATA" ;;
    *) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; [[ -z "$cmd" || "$cmd" == help || "$cmd" == -h ]] ;;
  esac
}

main "$@"

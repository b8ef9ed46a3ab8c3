#!/usr/bin/env bash
# keycloak.sh - a REAL Keycloak (the Quarkus distribution, from Maven Central through mvn) on
# 127.0.0.1, for the console's OpenID Connect sign-in test: realm "llwybr" imported from
# scripts/keycloak/llwybr-realm.json (one confidential client with PKCE, one person).
#
#   keycloak.sh fetch    download and unpack the distribution into the cache (once per version)
#   keycloak.sh start    fetch if needed, start (dev mode, H2 in the cache), wait until
#                        the realm's discovery document answers (no-op if it already does;
#                        a second start waits for the first instead of starting another)
#   keycloak.sh start-background
#                        the same, detached (make test: the first start takes minutes, so it
#                        runs beside lint and the other tests); log in <run dir>/start.log
#   keycloak.sh stop     SIGTERM, SIGKILL after KEYCLOAK_STOP_TIMEOUT
#   keycloak.sh status   exit 0 only if the realm answers
#   keycloak.sh env      print the issuer URL
#   keycloak.sh logs [N] last N (default 100) lines of its log
#   keycloak.sh clean    stop and delete the run directory and the cached databases
#
# Environment (all optional):
#   KEYCLOAK_VERSION        distribution version                     (default 26.4.7)
#   KEYCLOAK_PORT           HTTP port                                (default 18080)
#   KEYCLOAK_START_TIMEOUT  seconds 'start' waits                    (default 600)
#   KEYCLOAK_STOP_TIMEOUT   seconds after SIGTERM before SIGKILL     (default 30)
#   LLWYBR_VAR_DIR          run dir parent: <LLWYBR_VAR_DIR>/keycloak (default <repo>/var)
#   XDG_CACHE_HOME          cache: $XDG_CACHE_HOME/llwybr/keycloak-<version> (default ~/.cache)
#   JAVA_HOME               Java 17+ (default: java on PATH)
set -euo pipefail

SCRIPT_DIR="$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(dirname -- "$SCRIPT_DIR")"
REALM_FILE="$SCRIPT_DIR/keycloak/llwybr-realm.json"

HOST=127.0.0.1
VERSION="${KEYCLOAK_VERSION:-26.4.7}"
PORT="${KEYCLOAK_PORT:-18080}"
START_TIMEOUT="${KEYCLOAK_START_TIMEOUT:-600}"
STOP_TIMEOUT="${KEYCLOAK_STOP_TIMEOUT:-30}"
CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/llwybr/keycloak-$VERSION"
KC_DIR="$CACHE_DIR/keycloak-$VERSION"
RUN_DIR="${LLWYBR_VAR_DIR:-$REPO_ROOT/var}/keycloak"
PID_FILE="$RUN_DIR/keycloak.pid"
LOG_FILE="$RUN_DIR/keycloak.log"
ISSUER="http://$HOST:$PORT/realms/llwybr"

log() { printf 'keycloak.sh: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

answers() {
  curl -fsS -o /dev/null --max-time 3 "$ISSUER/.well-known/openid-configuration" 2>/dev/null
}

# The H2 database is cached beside the distribution, one per content of the realm file: its
# schema is made and the realm imported on the first start only (minutes on a busy machine).
database_dir() {
  printf '%s/h2-%s\n' "$CACHE_DIR" "$(sha256sum "$REALM_FILE" | cut -c1-16)"
}

fetch() {
  [[ -f "$CACHE_DIR/.complete" ]] && return 0
  command -v mvn >/dev/null || die "mvn is needed to fetch Keycloak from Maven Central"
  command -v unzip >/dev/null || die "unzip is needed"
  local tmp
  tmp="$(mktemp -d)"
  log "fetching org.keycloak:keycloak-quarkus-dist:$VERSION (about 160 MB, once)"
  mvn -q -B dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$VERSION:zip" \
    -DoutputDirectory="$tmp" >&2 || { rm -rf "$tmp"; die "mvn could not fetch Keycloak $VERSION"; }
  rm -rf "$CACHE_DIR" && mkdir -p "$CACHE_DIR"
  unzip -q "$tmp/keycloak-quarkus-dist-$VERSION.zip" -d "$CACHE_DIR"
  rm -rf "$tmp"
  touch "$CACHE_DIR/.complete"
}

start() {
  mkdir -p "$RUN_DIR"
  exec 9>"$RUN_DIR/start.lock"
  flock 9  # one start at a time: a start-background may be fetching or booting
  if answers; then log "already answering at $ISSUER"; return 0; fi
  fetch
  mkdir -p "$KC_DIR/data/import"
  cp "$REALM_FILE" "$KC_DIR/data/import/"  # imported on start unless the realm exists
  if [[ -n "${JAVA_HOME:-}" ]]; then export JAVA_HOME; fi
  log "starting Keycloak $VERSION on $HOST:$PORT (log $LOG_FILE)"
  # Dev mode: HTTP on loopback only.
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$(head -c 18 /dev/urandom | base64)" \
    setsid "$KC_DIR/bin/kc.sh" start-dev --http-host="$HOST" --http-port="$PORT" \
      --import-realm --db-url="jdbc:h2:file:$(database_dir)/keycloakdb;NON_KEYWORDS=VALUE;AUTO_SERVER=TRUE" \
      >"$LOG_FILE" 2>&1 </dev/null 9>&- &  # the lock is the start's, not Keycloak's
  echo $! >"$PID_FILE"
  local deadline=$((SECONDS + START_TIMEOUT))
  until answers; do
    kill -0 "$(cat "$PID_FILE")" 2>/dev/null || { tail -n 40 "$LOG_FILE" >&2; die "Keycloak exited"; }
    ((SECONDS < deadline)) || { tail -n 40 "$LOG_FILE" >&2; die "not ready in ${START_TIMEOUT}s"; }
    sleep 1
  done
  log "ready: $ISSUER"
}

stop() {
  [[ -f "$PID_FILE" ]] || { log "not started here"; return 0; }
  local pid
  pid="$(cat "$PID_FILE")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
    local deadline=$((SECONDS + STOP_TIMEOUT))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.5; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE" "$RUN_DIR/background"
}

start_background() {
  mkdir -p "$RUN_DIR"
  touch "$RUN_DIR/background"  # the test leaves a Keycloak it did not start running
  setsid "$0" start >"$RUN_DIR/start.log" 2>&1 </dev/null &
  log "starting in the background (log $RUN_DIR/start.log)"
}

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  start-background) start_background ;;
  stop) stop ;;
  status) answers ;;
  env) echo "$ISSUER" ;;
  logs) tail -n "${2:-100}" "$LOG_FILE" ;;
  clean) stop; rm -rf "$RUN_DIR" "$CACHE_DIR"/h2-* ;;
  *) die "usage: keycloak.sh fetch|start|start-background|stop|status|env|logs [N]|clean" ;;
esac

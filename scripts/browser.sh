#!/usr/bin/env bash
# browser.sh - the headless browser the console's browser tests drive: Debian's chromium and
# chromium-driver packages (no browser download: Selenium is given both binaries).
#
#   browser.sh ensure   install chromium and chromium-driver if either is missing (idempotent)
#   browser.sh status   exit 0 only if /usr/bin/chromium and /usr/bin/chromedriver are present
#
# Used by gateway/tests/test_console_browser.py (make test installs them first).
set -euo pipefail

CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver
PACKAGES=(chromium chromium-driver)

log() { printf 'browser.sh: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

present() { [[ -x "$CHROMIUM" && -x "$CHROMEDRIVER" ]]; }

cmd_ensure() {
  present && return 0
  command -v apt-get >/dev/null \
    || die "$CHROMIUM or $CHROMEDRIVER is missing and apt-get is not available: install ${PACKAGES[*]}"
  log "installing Debian's ${PACKAGES[*]} packages ..."
  local sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq >/dev/null || die "apt-get update failed"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${PACKAGES[@]}" \
    >/dev/null || die "apt-get install ${PACKAGES[*]} failed"
  present || die "${PACKAGES[*]} installed but $CHROMIUM or $CHROMEDRIVER is missing"
  log "installed $("$CHROMIUM" --version 2>/dev/null || echo chromium)"
}

cmd_status() {
  if present; then echo "chromium and chromedriver present"; else echo "chromium or chromedriver missing"; return 1; fi
}

main() {
  local cmd="${1:-}"; [[ $# -gt 0 ]] && shift
  case "$cmd" in
    ensure) cmd_ensure ;;
    status) cmd_status ;;
    *) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; [[ -z "$cmd" || "$cmd" == help || "$cmd" == -h ]] ;;
  esac
}

main "$@"

#!/usr/bin/env bash
# fonts.sh - the TrueType font the IDP PDFs are set in (DejaVu Sans: Welsh needs ŵ and ŷ, which
# the PDF core fonts cannot show), from Debian's fonts-dejavu-core package.
#
#   fonts.sh ensure   install fonts-dejavu-core if DejaVuSans.ttf is missing (idempotent)
#   fonts.sh status   exit 0 only if DejaVuSans.ttf and DejaVuSans-Bold.ttf are present
#   fonts.sh env      print LLWYBR_PDF_FONT_DIR=<the directory the renderer reads>
#
# Settings: LLWYBR_PDF_FONT_DIR (default /usr/share/fonts/truetype/dejavu), as read by
# services/idp/src/idp/rendering.py.
set -euo pipefail

FONT_DIR="${LLWYBR_PDF_FONT_DIR:-/usr/share/fonts/truetype/dejavu}"
PACKAGE=fonts-dejavu-core

log() { printf 'fonts.sh: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

present() { [[ -f "$FONT_DIR/DejaVuSans.ttf" && -f "$FONT_DIR/DejaVuSans-Bold.ttf" ]]; }

cmd_ensure() {
  if [[ -f "$FONT_DIR/DejaVuSans.ttf" ]]; then
    present || log "WARNING: $FONT_DIR/DejaVuSans-Bold.ttf is missing"
    return 0
  fi
  command -v apt-get >/dev/null \
    || die "DejaVu Sans is not in $FONT_DIR and apt-get is not available: install $PACKAGE"
  log "installing Debian's $PACKAGE package ..."
  local sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq >/dev/null || die "apt-get update failed"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "$PACKAGE" >/dev/null || die "apt-get install $PACKAGE failed"
  # The package installs into the default directory only; an overridden one stays empty.
  present || die "$PACKAGE installed but DejaVuSans.ttf is not in $FONT_DIR"
  log "installed $PACKAGE ($FONT_DIR)"
}

cmd_status() {
  if present; then echo "DejaVu Sans present in $FONT_DIR"; else echo "DejaVu Sans missing from $FONT_DIR"; return 1; fi
}

main() {
  local cmd="${1:-}"; [[ $# -gt 0 ]] && shift
  case "$cmd" in
    ensure) cmd_ensure ;;
    status) cmd_status ;;
    env) printf 'LLWYBR_PDF_FONT_DIR=%s\n' "$FONT_DIR" ;;
    *) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; [[ -z "$cmd" || "$cmd" == help || "$cmd" == -h ]] ;;
  esac
}

main "$@"

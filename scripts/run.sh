#!/usr/bin/env bash
# Sets up everything on a fresh Debian 12 machine (apt packages, npm packages), builds the
# desktop app with its UI embedded, and opens it connected to the demo account.
#   scripts/run.sh            build (debug) and open in the demo
#   scripts/run.sh --release  build optimised (slower to build, faster to start)
#   scripts/run.sh --no-demo  open on the connect step instead of the demo
set -euo pipefail
cd "$(dirname "$0")/.."

PROFILE=debug
ARGS=(--demo)
for a in "$@"; do
  case "$a" in
    --release) PROFILE=release ;;
    --no-demo) ARGS=() ;;
    *) echo "usage: scripts/run.sh [--release] [--no-demo]" >&2; exit 2 ;;
  esac
done

scripts/setup-app.sh --run-only
npm --prefix ui run build
if [[ $PROFILE == release ]]; then
  cargo build -p switchboard-desktop --release --features tauri/custom-protocol
else
  cargo build -p switchboard-desktop --features tauri/custom-protocol
fi
TARGET_DIR="${CARGO_TARGET_DIR:-target}"
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  echo "run.sh: no display (DISPLAY/WAYLAND_DISPLAY unset). Start a desktop session, or run under 'xvfb-run -a'." >&2
  exit 1
fi
exec "$TARGET_DIR/$PROFILE/switchboard-desktop" "${ARGS[@]}"

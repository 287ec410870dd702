#!/usr/bin/env bash
# Every check of the desktop app (src-tauri + ui), from a fresh Debian 12 machine:
#   UI: type check, vitest (mockIPC), production build
#   Rust: fmt, clippy, unit + command tests (mock runtime), bindings freshness,
#         the OS keychain round trip on keyutils and on a Secret Service,
#         and the real app under Xvfb driven over WebDriver (screenshots in e2e-artifacts/).
# Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$(date +%s)
section() { echo; echo "=== app: $1 ($(( $(date +%s) - start )) s)"; }

section "setup (apt, npm, tauri-driver)"
scripts/setup-app.sh

FEATURES=(--features tauri/custom-protocol)

section "ui: type check, unit tests, build"
npm --prefix ui run check
npm --prefix ui test
npm --prefix ui run build

section "rust: fmt, clippy"
cargo fmt -p switchboard-desktop -- --check
cargo clippy -p switchboard-desktop --no-deps --all-targets "${FEATURES[@]}" -- -D warnings

section "rust: unit, command and bindings tests"
cargo test -p switchboard-desktop "${FEATURES[@]}"
if git rev-parse --git-dir >/dev/null 2>&1; then
  git diff --exit-code -- ui/src/bindings || { echo "ui/src/bindings differs from the commit" >&2; exit 1; }
fi

section "rust: OS keychain round trip (keyutils, then Secret Service)"
SWITCHBOARD_KEYCHAIN=keyutils keyctl session - \
  cargo test -p switchboard-desktop "${FEATURES[@]}" --lib keychain::tests::os_keychain_round_trip_when_configured
dbus-run-session -- scripts/ci/with-keyring.sh env SWITCHBOARD_KEYCHAIN=secret-service \
  cargo test -p switchboard-desktop "${FEATURES[@]}" --lib keychain::tests::os_keychain_round_trip_when_configured

section "e2e: the real app under Xvfb over WebDriver"
# Every src-tauri/tests/e2e*.rs or e2e*/main.rs is one end-to-end test binary (one per wizard flow).
E2E=()
for f in src-tauri/tests/e2e*; do
  if [[ $f == *.rs || -f $f/main.rs ]]; then E2E+=(--test "$(basename "$f" .rs)"); fi
done
cargo test -p switchboard-desktop "${FEATURES[@]}" "${E2E[@]}" --no-run
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T"/{config,data,cache} e2e-artifacts
# A WebDriver call that never returns must fail the run, not hold it past CI's hour.
# SWITCHBOARD_GPU=1: keep WebKit's GPU compositing (which the app turns off on machines without a
# GPU, see src-tauri/src/main.rs); WebKitWebDriver's sessions hang without it.
XDG_CONFIG_HOME=$T/config XDG_DATA_HOME=$T/data XDG_CACHE_HOME=$T/cache SWITCHBOARD_GPU=1 \
SWITCHBOARD_KEYCHAIN=secret-service TAURI_DRIVER="$PWD/.tools/bin/tauri-driver" \
  timeout --kill-after=30 1800 dbus-run-session -- scripts/ci/with-keyring.sh xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test -p switchboard-desktop "${FEATURES[@]}" "${E2E[@]}" -- --ignored --nocapture --test-threads=1
ls e2e-artifacts

section "done"

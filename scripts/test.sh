#!/usr/bin/env bash
# Sets everything up on a fresh Debian 12 machine and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
section() { echo; echo "=== $1 ($(( $(date +%s) - start )) s)"; }

section "setup"
scripts/setup.sh
section "rust: fmt, clippy, tests"
scripts/ci/rust.sh
section "done"

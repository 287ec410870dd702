#!/usr/bin/env bash
# Sets everything up on a fresh Debian 12 machine and runs every test:
#   Rust (fmt, clippy, unit and integration tests, the connectivity check against sipp),
#   conformance with Twilio's OpenAPI specs (Prism, response schemas, the official Python SDK),
#   short fuzzing runs, and the desktop app (UI unit tests, command tests, keychain, WebDriver).
set -euo pipefail
cd "$(dirname "$0")/.."
# Incremental compilation only pays off when the same tree is rebuilt after small edits; for a
# full run it doubles the target dir (about 6 GB of it) and CI machines run out of disk.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
start=$(date +%s)
section() { echo; echo "=== $1 ($(( $(date +%s) - start )) s)"; }

section "setup"
scripts/setup.sh
section "rust: fmt, clippy, tests"
scripts/ci/rust.sh
section "conformance: Prism, OpenAPI schemas, Twilio's Python SDK"
scripts/ci/conformance.sh
section "fuzz: short bounded runs"
scripts/ci/fuzz.sh
section "desktop app"
scripts/ci/app.sh
section "all passed"

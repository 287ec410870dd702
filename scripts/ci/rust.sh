#!/usr/bin/env bash
# Formatting, lints and every Rust test of the workspace crates. The desktop app is linted and
# tested by scripts/ci/app.sh, with the feature set its binary is built with.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo fmt --all -- --check
cargo clippy --workspace --exclude switchboard-desktop --all-targets --locked -- -D warnings
cargo test --workspace --exclude switchboard-desktop --locked

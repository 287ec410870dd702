#!/usr/bin/env bash
# Runs each switchboard-core fuzz target for a short, bounded time (FUZZ_SECONDS, default 20).
# Installs cargo-fuzz if missing. The machine has only the stable toolchain, so RUSTC_BOOTSTRAP=1
# lets cargo fuzz pass its -Z sanitizer flags (see shared/docs/toolchain.md §10).
# Exits non-zero when a target crashes or fails to build. Idempotent.
set -euo pipefail

cd "$(dirname "$0")/../.."
seconds="${FUZZ_SECONDS:-20}"
targets=(dialplan sip_uri phone)

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz.sh: installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

export RUSTC_BOOTSTRAP=1
cd crates/core
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  echo "fuzz.sh: running $t for ${seconds}s"
  cargo fuzz run "$t" "fuzz/corpus/$t" -- -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048
done
echo "fuzz.sh: all targets ran ${seconds}s without a crash"

#!/usr/bin/env bash
# Installs what the desktop app needs to build, run and be tested on Debian 12, idempotently:
# the Tauri/WebKitGTK build deps, Xvfb and WebKit's WebDriver, a keychain for tests, the UI's npm
# packages, and tauri-driver (into .tools/, git-ignored). Safe to run again; skips what is there.
#   scripts/setup-app.sh            everything
#   scripts/setup-app.sh --run-only  only what `scripts/run.sh` needs (no test tools)
set -euo pipefail
cd "$(dirname "$0")/.."

RUN_ONLY=0
[[ "${1:-}" == "--run-only" ]] && RUN_ONLY=1

BUILD_PKGS=(libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev libssl-dev
  pkg-config build-essential curl ca-certificates)
TEST_PKGS=(xvfb xauth webkit2gtk-driver dbus gnome-keyring keyutils libsecret-tools libdbus-1-dev
  imagemagick x11-utils xdotool procps)
PKGS=("${BUILD_PKGS[@]}")
[[ $RUN_ONLY == 0 ]] && PKGS+=("${TEST_PKGS[@]}")

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup-app: installing ${missing[*]}"
  SUDO=""
  [[ $(id -u) != 0 ]] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

command -v cargo >/dev/null || { echo "setup-app: cargo (Rust >= 1.90) is required; install it with rustup" >&2; exit 1; }
command -v npm >/dev/null || {
  echo "setup-app: installing node and npm from Debian"
  SUDO=""; [[ $(id -u) != 0 ]] && SUDO="sudo"
  $SUDO apt-get install -y -q --no-install-recommends nodejs npm
}

NODE_MAJOR=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if ((NODE_MAJOR < 20)); then
  echo "setup-app: node >= 20.19 is required (vite 8); found $(node --version 2>/dev/null || echo none)" >&2
  exit 1
fi

if [[ ! -x ui/node_modules/.bin/vite || ui/package-lock.json -nt ui/node_modules/.package-lock.json ]]; then
  # Not `npm ci`: this npm records only this platform's @tauri-apps/cli binary in the lock file
  # (omit-lockfile-registry-resolved), and `npm ci` then refuses the lock as out of sync.
  # `npm install --no-save` installs the locked versions and leaves the lock file untouched.
  echo "setup-app: npm install (locked versions) in ui/"
  (cd ui && npm install --no-save --no-audit --no-fund)
fi

if [[ $RUN_ONLY == 0 && ! -x .tools/bin/tauri-driver ]]; then
  echo "setup-app: installing tauri-driver into .tools/"
  cargo install tauri-driver --locked --root "$PWD/.tools"
fi

#!/usr/bin/env bash
# Installs everything Switchboard needs on a fresh Debian 12 machine (idempotent):
# Debian packages for Tauri/WebKit, Xvfb, WebKit's WebDriver, Chromium, keyring backends and
# sipp; then scripts/setup-app.sh for the UI's npm packages and tauri-driver (in ./.tools).
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # Tauri 2 build and run
  libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev libssl-dev
  pkg-config build-essential file
  # a display, WebDriver for the real app, screenshots
  xvfb xauth webkit2gtk-driver imagemagick x11-utils xdotool
  # browser-only UI tests
  chromium
  # keyring backends: Secret Service daemon and kernel keyutils; a session bus
  gnome-keyring keyutils libsecret-tools dbus libdbus-1-dev
  # a real SIP peer for connectivity tests
  sip-tester
  python3-venv
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The UI's npm packages and the app's own tools.
scripts/setup-app.sh

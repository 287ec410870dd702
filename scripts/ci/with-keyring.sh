#!/usr/bin/env bash
# usage: dbus-run-session -- scripts/ci/with-keyring.sh <command...>
# Starts a throw-away GNOME Keyring (Secret Service) on the current D-Bus session, unlocked, with
# its files in temp dirs, waits for it to own org.freedesktop.secrets (without D-Bus-activating a
# second daemon), runs the command and stops the daemon. See docs/toolchain.md §6.
set -u
KR_DATA=$(mktemp -d)
KR_RUNTIME=$(mktemp -d)
chmod 700 "$KR_RUNTIME"
trap 'rm -rf "$KR_DATA" "$KR_RUNTIME"' EXIT
printf 'ci-pass' | XDG_DATA_HOME=$KR_DATA XDG_RUNTIME_DIR=$KR_RUNTIME \
  gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
GKD=$!
for _ in $(seq 200); do
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true' && break
  sleep 0.05
done
"$@"
RC=$?
kill "$GKD" 2>/dev/null
wait "$GKD" 2>/dev/null
exit $RC

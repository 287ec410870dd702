#!/usr/bin/env bash
# Startup time and idle memory of the release app, next to an empty Tauri window built in the
# same run (the floor: mostly WebKit). Prints, for each, the median over RUNS launches of
#   - launch → first interactive screen (the UI drawn: Switchboard's Next button, the empty
#     page's background), polled from the X server's pixels under Xvfb;
#   - RSS of the whole process tree (app + WebKit processes) after IDLE seconds.
# Each app gets one warm-up launch first (its own XDG dirs, kept across its runs), so the figures
# are for a machine where the app has been opened before.
# The empty app is generated here, in a temp dir, from nothing but crates.io.
#   scripts/bench-app.sh   [RUNS=3 IDLE=5]
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
RUNS=${RUNS:-3}
IDLE=${IDLE:-5}
TARGET_DIR=${CARGO_TARGET_DIR:-$REPO/target}
export CARGO_TARGET_DIR=$TARGET_DIR

scripts/setup-app.sh >/dev/null
for tool in Xvfb xdotool import dbus-run-session; do
  command -v $tool >/dev/null || { echo "bench-app: $tool missing" >&2; exit 1; }
done

echo "bench-app: building Switchboard (release)…" >&2
npm --prefix ui run build >/dev/null
cargo build -q --release -p switchboard-desktop --features tauri/custom-protocol

WORK=$(mktemp -d)
cleanup() { [[ -n "${XVFB:-}" ]] && kill "$XVFB" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

echo "bench-app: generating and building an empty Tauri window (release)…" >&2
EMPTY=$WORK/empty-tauri
mkdir -p "$EMPTY/src" "$EMPTY/dist" "$EMPTY/icons" "$EMPTY/capabilities"
cp icons/32x32.png icons/128x128.png icons/icon.png "$EMPTY/icons/"
cp Cargo.lock "$EMPTY/Cargo.lock"
cat >"$EMPTY/Cargo.toml" <<'TOML'
[package]
name = "empty-tauri"
version = "0.1.0"
edition = "2024"
[dependencies]
tauri = { version = "2", features = ["custom-protocol"] }
[build-dependencies]
tauri-build = "2"
[profile.release]
codegen-units = 4
[workspace]
TOML
echo 'fn main() { tauri_build::build() }' >"$EMPTY/build.rs"
cat >"$EMPTY/src/main.rs" <<'RS'
fn main() {
    tauri::Builder::default().run(tauri::generate_context!()).expect("empty window");
}
RS
cat >"$EMPTY/tauri.conf.json" <<'JSON'
{ "productName": "EmptyTauri", "version": "0.1.0", "identifier": "bench.empty.tauri",
  "build": { "frontendDist": "dist" },
  "app": { "windows": [ { "title": "EmptyTauri", "width": 1100, "height": 720 } ],
           "security": { "csp": "default-src 'self'" } },
  "bundle": { "active": false, "icon": ["icons/32x32.png", "icons/128x128.png", "icons/icon.png"] } }
JSON
echo '{ "identifier": "default", "windows": ["main"], "permissions": [] }' >"$EMPTY/capabilities/default.json"
cat >"$EMPTY/dist/index.html" <<'HTML'
<!doctype html><html><head><meta charset="utf-8"><title>EmptyTauri</title>
<link rel="stylesheet" href="style.css"></head><body></body></html>
HTML
# Green, not the accent blue: a window that has not painted yet shows the previous window's
# pixels under Xvfb (no window manager), so the two apps' probes must not match each other.
echo 'html,body{margin:0;height:100%;background:#1a7f37}' >"$EMPTY/dist/style.css"
(cd "$EMPTY" && cargo build -q --release)

APP_SWITCHBOARD=$TARGET_DIR/release/switchboard-desktop
APP_EMPTY=$TARGET_DIR/release/empty-tauri

# A display of our own.
for d in $(seq 91 120); do [[ -e /tmp/.X11-unix/X$d ]] || { DISP=":$d"; break; }; done
Xvfb "$DISP" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
export DISPLAY=$DISP
for _ in $(seq 100); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.05; done

now() { date +%s.%N; }

tree_rss_kib() { # RSS of a process and all its descendants
  local pids=("$1") i=0 total=0
  while ((i < ${#pids[@]})); do
    for c in $(ps -o pid= --ppid "${pids[$i]}" 2>/dev/null); do pids+=("$c"); done
    i=$((i + 1))
  done
  for p in "${pids[@]}"; do
    local r; r=$(ps -o rss= -p "$p" 2>/dev/null | tr -d ' ') || true
    total=$((total + ${r:-0}))
  done
  echo "$total"
}

drawn() { # x y blue|green → true when the pixel has that colour (the UI is drawn)
  local px; px=$(import -silent -window root -crop "1x1+$1+$2" -depth 8 txt:- 2>/dev/null | tail -1)
  [[ $px =~ \(([0-9]+),([0-9]+),([0-9]+) ]] || return 1
  local r=${BASH_REMATCH[1]} g=${BASH_REMATCH[2]} b=${BASH_REMATCH[3]}
  if [[ $3 == blue ]]; then ((b > r + 40 && b > g + 15)); else ((g > r + 40 && g > b + 40)); fi
}

stop() { # ends a launch's whole process group and waits until it is gone (its window too)
  kill -TERM -- "-$1" 2>/dev/null || true
  for _ in $(seq 100); do
    ps -e -o pgid=,stat= | awk -v g="$1" '$1 == g && $2 !~ /^Z/ { alive = 1 } END { exit !alive }' || break
    sleep 0.05
  done
  kill -KILL -- "-$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# run <binary> <window name> <probe: "next"|"centre"> [VAR=value…] → "seconds rss_kib"
run_once() {
  local bin=$1 name=$2 probe=$3 home=$WORK/home-$2   # one home per app: caches warm after the warm-up run
  shift 3
  mkdir -p "$home"
  local t0; t0=$(now)
  # A process group of its own: stopping the run stops the app, its WebKit processes, its D-Bus
  # session and the accessibility bus it starts (killing dbus-run-session alone leaves them all
  # running, and every later launch then competes with them).
  env "$@" XDG_CONFIG_HOME=$home/c XDG_DATA_HOME=$home/d XDG_CACHE_HOME=$home/k \
    setsid dbus-run-session -- "$bin" >/dev/null 2>&1 &
  local pid=$! wid="" x y
  for _ in $(seq 600); do
    wid=$(xdotool search --onlyvisible --name "^$name\$" 2>/dev/null | head -1) && [[ -n $wid ]] && break
    sleep 0.02
  done
  [[ -n $wid ]] || { echo "bench-app: $name window never appeared" >&2; stop "$pid"; return 1; }
  eval "$(xdotool getwindowgeometry --shell "$wid")"
  local colour=green
  if [[ $probe == next ]]; then x=$((X + WIDTH - 38)); y=$((Y + HEIGHT - 30)); colour=blue; else x=$((X + WIDTH / 2)); y=$((Y + HEIGHT / 2)); fi
  local ok=0
  for _ in $(seq 1000); do drawn "$x" "$y" "$colour" && { ok=1; break; }; done
  local t1; t1=$(now)
  ((ok)) || { echo "bench-app: $name never drew its UI" >&2; stop "$pid"; return 1; }
  sleep "$IDLE"
  local rss; rss=$(tree_rss_kib "$pid")
  stop "$pid"
  echo "$(awk "BEGIN{printf \"%.3f\", $t1 - $t0}") $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Three launches per run: the empty window as Tauri makes it (the floor the goal is measured
# against), the same empty window without GPU compositing (what Switchboard itself does on a
# machine without a GPU, see src-tauri/src/main.rs: the like-for-like floor), and Switchboard.
launch() {
  case $1 in
    empty) run_once "$APP_EMPTY" EmptyTauri centre ;;
    empty-nogc) run_once "$APP_EMPTY" EmptyTauri centre WEBKIT_DISABLE_COMPOSITING_MODE=1 ;;
    switchboard) run_once "$APP_SWITCHBOARD" Switchboard next ;;
  esac
}
APPS="empty empty-nogc switchboard"
declare -A T M
echo "bench-app: warm-up launches (font, shader and WebKit caches, as on a user's machine)…" >&2
for app in $APPS; do launch "$app" >/dev/null; done
for i in $(seq "$RUNS"); do
  for app in $APPS; do
    out=$(launch "$app")
    T[$app]+="${out% *} "; M[$app]+="${out#* } "
    echo "bench-app: run $i $app: ${out% *} s, $(( ${out#* } / 1024 )) MiB" >&2
  done
done

printf '\n%-44s %16s %20s\n' "app (release, Xvfb)" "to interactive" "idle RSS (tree)"
for app in $APPS; do
  t=$(tr ' ' '\n' <<<"${T[$app]}" | grep . | median)
  m=$(tr ' ' '\n' <<<"${M[$app]}" | grep . | median)
  case $app in
    empty) label="empty Tauri window (floor)" ;;
    empty-nogc) label="empty Tauri window, no GPU compositing" ;;
    switchboard) label="Switchboard" ;;
  esac
  printf '%-44s %14.2f s %16d MiB\n' "$label" "$t" "$((m / 1024))"
  eval "${app//-/_}_t=$t ${app//-/_}_m=$m"
done
printf '%-44s %+14.2f s %+16d MiB   (goal: within +0.30 s and +60 MB)\n' "difference (Switchboard − floor)" \
  "$(awk "BEGIN{print $switchboard_t - $empty_t}")" "$(( (switchboard_m - empty_m) / 1024 ))"
printf '%-44s %+14.2f s %+16d MiB\n' "difference (− empty, no GPU compositing)" \
  "$(awk "BEGIN{print $switchboard_t - $empty_nogc_t}")" "$(( (switchboard_m - empty_nogc_m) / 1024 ))"
echo "(median of $RUNS runs each; RSS after $IDLE s idle)"

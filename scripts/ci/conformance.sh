#!/usr/bin/env bash
# Conformance against Twilio's official OpenAPI specs (../shared/twilio-oai):
#   the sandbox <- one Prism proxy per host (api v2010, trunking v1, voice v1; checks requests)
#               <- a recorder (keeps every answer) <- the Rust client and Twilio's Python SDK.
# 1. cargo test conformance_prism: every client operation through Prism, plus a bad request
#    that Prism must refuse (negative control);
# 2. pytest test_sdk.py: the official Twilio SDK sets up trunks, BYOC and a SIP domain and sees
#    the sandbox's refusals; test_oai_controls.py: the response checker on hand-made inputs;
# 3. pytest test_recorded.py: every recorded answer checked against the spec's response
#    schema, coverage of every client operation, and mutated real responses that must be flagged.
# Idempotent: installs what it needs (npm ci, a venv in .tools/venv); cleans up its processes.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

export TWILIO_OAI_DIR=${TWILIO_OAI_DIR:-$ROOT/../shared/twilio-oai}
for f in twilio_api_v2010 twilio_trunking_v1 twilio_voice_v1; do
  [ -f "$TWILIO_OAI_DIR/$f.json" ] || { echo "conformance: $TWILIO_OAI_DIR/$f.json is missing" >&2; exit 1; }
done

# --- installs ------------------------------------------------------------------------------
PRISM=conformance/node_modules/.bin/prism
want_prism=$(python3 -c 'import json;print(json.load(open("conformance/package-lock.json"))["packages"]["node_modules/@stoplight/prism-cli"]["version"])')
if [ ! -x "$PRISM" ] || [ "$("$PRISM" --version 2>/dev/null)" != "$want_prism" ]; then
  (cd conformance && npm ci --no-audit --no-fund)
fi
VENV=.tools/venv
stamp=$VENV/.requirements.sha256
want_reqs=$(sha256sum conformance/requirements.txt | cut -d' ' -f1)
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want_reqs" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r conformance/requirements.txt
  echo "$want_reqs" > "$stamp"
fi
PY=$ROOT/$VENV/bin/python
# The sandbox: `switchboard sandbox --port 0` prints its base URL as its first line.
# CONFORMANCE_SANDBOX_BIN may name another binary that takes the same arguments.
SANDBOX_BIN=${CONFORMANCE_SANDBOX_BIN:-}
if [ -z "$SANDBOX_BIN" ]; then
  cargo build -q -p switchboard-cli
  SANDBOX_BIN="${CARGO_TARGET_DIR:-target}/debug/switchboard"
fi
cargo test -q -p switchboard-tests --test conformance_prism --no-run

# --- processes -----------------------------------------------------------------------------
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

# The first line a background process prints on stdout (a URL), or fail after 60 s.
first_line() {
  local file=$1 what=$2 pid=$3
  for _ in $(seq 600); do
    if [ -s "$file" ]; then head -n1 "$file"; return; fi
    kill -0 "$pid" 2>/dev/null || { echo "conformance: $what exited" >&2; cat "$file" "$file.err" >&2; exit 1; }
    sleep 0.1
  done
  echo "conformance: $what printed nothing in 60 s" >&2; exit 1
}
free_port() { "$PY" -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
wait_listening() {
  local port=$1 what=$2 pid=$3
  for _ in $(seq 600); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return
    kill -0 "$pid" 2>/dev/null || { echo "conformance: $what exited" >&2; cat "$WORK/$what.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "conformance: $what did not listen in 60 s" >&2; exit 1
}

"$SANDBOX_BIN" sandbox --port 0 > "$WORK/sandbox.out" 2> "$WORK/sandbox.out.err" &
PIDS+=($!)
SANDBOX=$(first_line "$WORK/sandbox.out" sandbox $!)
echo "conformance: sandbox at $SANDBOX"

"$PY" conformance/prism_specs.py "$WORK/specs"
declare -A PRISM_URL PRISM_PORT PRISM_PID
for product in api:twilio_api_v2010 trunking:twilio_trunking_v1 voice:twilio_voice_v1; do
  name=${product%%:*}
  port=$(free_port)
  "$PRISM" proxy --errors "$WORK/specs/${product#*:}.json" "$SANDBOX" -p "$port" -h 127.0.0.1 \
    > "$WORK/prism-$name.log" 2>&1 &
  PIDS+=($!)
  PRISM_URL[$name]="http://127.0.0.1:$port"
  PRISM_PORT[$name]=$port
  PRISM_PID[$name]=$!
done
for name in api trunking voice; do
  wait_listening "${PRISM_PORT[$name]}" "prism-$name" "${PRISM_PID[$name]}"
done
echo "conformance: prism proxies up (api ${PRISM_URL[api]}, trunking ${PRISM_URL[trunking]}, voice ${PRISM_URL[voice]})"
# Serverless: one more Prism with the official spec as is (no recorder in front). The code
# upload (serverless-upload.twilio.com, multipart) is not in the spec: it goes to the sandbox.
[ -f "$TWILIO_OAI_DIR/twilio_serverless_v1.json" ] || { echo "conformance: twilio_serverless_v1.json is missing" >&2; exit 1; }
# Prism reads repeated form keys (FunctionVersions=…&FunctionVersions=…) as an array only when
# the spec spells out the encoding OpenAPI already defaults to (style form, explode true).
"$PY" - "$TWILIO_OAI_DIR/twilio_serverless_v1.json" "$WORK/specs/twilio_serverless_v1.json" <<'PYEOF'
import json, sys
doc = json.load(open(sys.argv[1]))
for item in doc["paths"].values():
    for op in item.values():
        form = (op.get("requestBody") or {}).get("content", {}).get("application/x-www-form-urlencoded") if isinstance(op, dict) else None
        if form:
            props = form["schema"].get("properties", {})
            form["encoding"] = {k: {"style": "form", "explode": True} for k, v in props.items() if v.get("type") == "array"}
json.dump(doc, open(sys.argv[2], "w"))
PYEOF
SERVERLESS_PORT=$(free_port)
"$PRISM" proxy --errors "$WORK/specs/twilio_serverless_v1.json" "$SANDBOX" -p "$SERVERLESS_PORT" -h 127.0.0.1 \
  > "$WORK/prism-serverless.log" 2>&1 &
PIDS+=($!)
wait_listening "$SERVERLESS_PORT" prism-serverless $!
export SWITCHBOARD_CONFORMANCE_SERVERLESS=http://127.0.0.1:$SERVERLESS_PORT
export SWITCHBOARD_CONFORMANCE_SERVERLESS_UPLOAD=$SANDBOX

export RECORDING=$WORK/recording.jsonl
"$PY" conformance/recorder.py --out "$RECORDING" \
  --route "api=${PRISM_URL[api]}" --route "trunking=${PRISM_URL[trunking]}" \
  --route "voice=${PRISM_URL[voice]}" --route "control=${PRISM_URL[trunking]}" \
  > "$WORK/recorder.out" 2> "$WORK/recorder.out.err" &
PIDS+=($!)
first_line "$WORK/recorder.out" recorder $! > /dev/null
for _ in $(seq 100); do grep -q '^ready$' "$WORK/recorder.out" && break; sleep 0.1; done
grep -q '^ready$' "$WORK/recorder.out" || { echo "conformance: recorder not ready" >&2; exit 1; }
route() { awk -v n="$1" '$1 == n { print $2 }' "$WORK/recorder.out"; }
export SWITCHBOARD_CONFORMANCE_API=$(route api)
export SWITCHBOARD_CONFORMANCE_TRUNKING=$(route trunking)
export SWITCHBOARD_CONFORMANCE_VOICE=$(route voice)
export SWITCHBOARD_CONFORMANCE_CONTROL=$(route control)

# --- checks --------------------------------------------------------------------------------
failed=()
echo "=== conformance: Rust client through Prism"
cargo test -q -p switchboard-tests --test conformance_prism -- --ignored || failed+=("client through Prism")
echo "=== conformance: Twilio Python SDK against the sandbox; response checker controls"
(cd conformance && "$PY" -m pytest -q -p no:cacheprovider test_sdk.py test_oai_controls.py) \
  || failed+=("Twilio SDK / checker controls")
echo "=== conformance: every recorded response against the spec"
(cd conformance && "$PY" -m pytest -q -p no:cacheprovider test_recorded.py) \
  || failed+=("recorded responses")

if [ ${#failed[@]} -gt 0 ]; then
  for name in api trunking voice; do
    echo "--- prism-$name log (errors)"; grep -E "error|warn" "$WORK/prism-$name.log" | tail -n 20 || true
  done
  echo "conformance: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "conformance: all checks passed ($(wc -l < "$RECORDING") exchanges recorded and checked)"

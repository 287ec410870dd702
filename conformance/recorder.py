"""A recording reverse proxy: forwards every request to an upstream and appends each exchange
(route, method, path, status, response body and headers of interest, the caller's User-Agent)
to a JSON-lines file, so that every answer given during a run can be checked afterwards
(``test_recorded.py``).

It sits in front of the Prism proxies (client -> recorder -> Prism -> sandbox), one listening
port per route, so the recording holds both the sandbox's responses (Prism passes them through)
and Prism's own verdicts (a 422 with its validation list, an ``sl-violations`` header). Request
bodies are not recorded (they carry SIP passwords), and response fields that hold secrets
(``auth_token``, ``secret``) are replaced by a placeholder of the same type.

    python recorder.py --out FILE --route api=http://127.0.0.1:4010 --route trunking=...

prints one line ``NAME URL`` per route once all of them listen, then ``ready``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

SECRET_FIELDS = ("auth_token", "secret")
HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-connection",
    "transfer-encoding",
    "upgrade",
    "host",
    "accept-encoding",
    "content-length",
}


def redact(value: object) -> object:
    if isinstance(value, dict):
        return {
            k: ("[redacted]" if k in SECRET_FIELDS and isinstance(v, str) else redact(v))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [redact(v) for v in value]
    return value


class Recorder(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    route = ""
    upstream: tuple[str, int] = ("", 0)
    out = None
    lock = threading.Lock()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass

    def forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        conn = http.client.HTTPConnection(*self.upstream, timeout=30)
        try:
            conn.request(self.command, self.path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            status, reason = resp.status, resp.reason
            resp_headers = [(k, v) for k, v in resp.getheaders() if k.lower() not in HOP_BY_HOP]
        finally:
            conn.close()
        lower = {k.lower(): v for k, v in resp_headers}
        self.record(status, data, lower.get("content-type", ""), lower.get("sl-violations"))
        self.send_response(status, reason)
        for k, v in resp_headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def record(self, status: int, data: bytes, content_type: str, violations: str | None) -> None:
        parts = urlsplit(self.path)
        text = data.decode("utf-8", errors="replace")
        try:
            text = json.dumps(redact(json.loads(text)))
        except ValueError:
            pass
        line = json.dumps(
            {
                "route": self.route,
                "method": self.command,
                "path": parts.path,
                "query": parts.query,
                "status": status,
                "content_type": content_type,
                "body": text,
                "sl_violations": violations,
                "user_agent": self.headers.get("User-Agent", ""),
            }
        )
        with self.lock:
            self.out.write(line + "\n")
            self.out.flush()

    do_GET = do_POST = do_DELETE = do_PUT = do_PATCH = forward


def parse_route(spec: str) -> tuple[str, tuple[str, int]]:
    name, _, url = spec.partition("=")
    up = urlsplit(url)
    if not name or up.scheme != "http" or not up.hostname or not up.port:
        sys.exit(f"--route must be NAME=http://HOST:PORT, got {spec!r}")
    return name, (up.hostname, up.port)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, help="JSON-lines file to append exchanges to")
    ap.add_argument("--route", action="append", required=True, help="NAME=http://HOST:PORT")
    args = ap.parse_args()
    out = open(args.out, "a", encoding="utf-8")
    servers = []
    for spec in args.route:
        name, upstream = parse_route(spec)
        handler = type(
            f"Recorder_{name}", (Recorder,), {"route": name, "upstream": upstream, "out": out}
        )
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        servers.append(server)
        print(f"{name} http://127.0.0.1:{server.server_address[1]}", flush=True)
    for server in servers[1:]:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    print("ready", flush=True)
    servers[0].serve_forever()


if __name__ == "__main__":
    main()

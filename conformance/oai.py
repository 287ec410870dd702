"""Checks Twilio API responses against the official OpenAPI specs.

Prism's proxy validates requests but not responses (toolchain.md §11), so this module does the
response half: it finds the spec operation for a method and path, then checks a response's
status code and body against that operation's declared response:

* the status code must be one the operation declares (201 for create, 204 for delete, ...);
* a body declared as JSON must validate against the response schema with OpenAPI 3.0
  semantics (``nullable``), including the formats Twilio's specs use (``uri``, ``date-time``,
  ``date-time-rfc-2822``, ``phone-number``, ``http-method``, ``uri-map``);
* completeness: every property the schema lists is present in every object (the sandbox
  promises "every field the spec lists, unset as null") and no object carries a property
  the schema does not list (a client must not come to rely on fields Twilio never sends);
* a declared 204 has an empty body;
* error responses (4xx/5xx, which the specs do not document) have Twilio's error shape
  ``{code, message, more_info, status}`` with ``status`` equal to the HTTP status
  (twilio-api.md §1.4).
"""

from __future__ import annotations

import email.utils
import json
import os
import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
from openapi_schema_validator import OAS30Validator

SPEC_FILES = {
    "api": "twilio_api_v2010.json",
    "trunking": "twilio_trunking_v1.json",
    "voice": "twilio_voice_v1.json",
}

METHODS = ("get", "post", "delete")


def spec_dir() -> Path:
    """The folder of the official specs: $TWILIO_OAI_DIR, else ../shared/twilio-oai beside the repo."""
    env = os.environ.get("TWILIO_OAI_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent.parent / "shared" / "twilio-oai"


# --- formats -------------------------------------------------------------------------------

FORMATS = jsonschema.FormatChecker(formats=())

E164 = re.compile(r"^\+[1-9][0-9]{1,14}$")
ISO_8601 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
RFC_2822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"\d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$"
)


@FORMATS.checks("uri")
def is_uri(value: object) -> bool:
    """An absolute URI: a scheme and, for http(s), a host."""
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*$", parts.scheme or ""):
        return False
    if parts.scheme in ("http", "https"):
        return bool(parts.netloc)
    return True


@FORMATS.checks("date-time")
def is_iso_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not ISO_8601.match(value):
        return False
    datetime.fromisoformat(value.replace("Z", "+00:00"))
    return True


@FORMATS.checks("date-time-rfc-2822", raises=(TypeError, ValueError))
def is_rfc_2822(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return bool(RFC_2822.match(value)) and email.utils.parsedate_to_datetime(value) is not None


@FORMATS.checks("phone-number")
def is_phone_number(value: object) -> bool:
    """E.164. Twilio also puts SIP URIs and client identifiers in `to`/`from` of calls, so a
    `sip:` URI or `client:` identifier is accepted too."""
    if not isinstance(value, str):
        return True
    return bool(E164.match(value)) or value.startswith(("sip:", "client:"))


@FORMATS.checks("http-method")
def is_http_method(value: object) -> bool:
    return not isinstance(value, str) or value in ("GET", "POST", "PUT", "DELETE", "HEAD")


@FORMATS.checks("uri-map")
def is_uri_map(value: object) -> bool:
    """An object whose values are URIs (absolute in v1, relative to the host in v2010)."""
    if not isinstance(value, dict):
        return True
    return all(isinstance(v, str) and (v.startswith("/") or is_uri(v)) for v in value.values())


# --- specs and operations ------------------------------------------------------------------


@dataclass(frozen=True)
class Operation:
    product: str
    method: str
    template: str
    operation_id: str
    responses: dict


class Specs:
    """The three specs and a lookup from (method, concrete path) to operation."""

    def __init__(self, folder: Path | None = None):
        folder = folder or spec_dir()
        self.docs: dict[str, dict] = {}
        self._routes: list[tuple[int, re.Pattern, Operation]] = []
        for product, name in SPEC_FILES.items():
            path = folder / name
            if not path.is_file():
                raise FileNotFoundError(f"spec {path} is missing (set TWILIO_OAI_DIR)")
            doc = json.loads(path.read_text())
            self.docs[product] = doc
            for template, item in doc["paths"].items():
                pattern = re.compile(
                    "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
                )
                params = template.count("{")
                for method in METHODS:
                    if method in item:
                        op = item[method]
                        self._routes.append(
                            (
                                params,
                                pattern,
                                Operation(
                                    product,
                                    method.upper(),
                                    template,
                                    op.get("operationId", f"{method} {template}"),
                                    op.get("responses", {}),
                                ),
                            )
                        )
        # Literal segments win over parameters (`/IncomingPhoneNumbers/Local.json`).
        self._routes.sort(key=lambda r: r[0])

    def operation(self, method: str, path: str) -> Operation | None:
        for _, pattern, op in self._routes:
            if op.method == method.upper() and pattern.match(path):
                return op
        return None

    def operations(self) -> list[Operation]:
        return [op for _, _, op in self._routes]


@lru_cache(maxsize=1)
def default_specs() -> Specs:
    return Specs()


# --- checks --------------------------------------------------------------------------------

ERROR_SCHEMA = {
    "type": "object",
    "required": ["code", "message", "more_info", "status"],
    "properties": {
        "code": {"type": "integer"},
        "message": {"type": "string", "minLength": 1},
        "more_info": {"type": "string", "format": "uri"},
        "status": {"type": "integer"},
    },
}


def check_response(
    method: str,
    path: str,
    status: int,
    body: bytes | str,
    content_type: str = "application/json",
    specs: Specs | None = None,
) -> list[str]:
    """Every way this response breaks the spec, as readable lines (empty when it conforms)."""
    specs = specs or default_specs()
    where = f"{method} {path} -> {status}"
    op = specs.operation(method, path)
    if op is None:
        return [f"{where}: no operation in the specs matches this method and path"]
    if isinstance(body, bytes):
        body = body.decode("utf-8", errors="replace")
    if status >= 400:
        return check_error(where, status, body, content_type)
    declared = op.responses.get(str(status))
    if declared is None:
        codes = ", ".join(sorted(op.responses)) or "none"
        return [f"{where}: {op.operation_id} declares status {codes}, not {status}"]
    content = declared.get("content") or {}
    if not content:
        if body.strip():
            return [f"{where}: {op.operation_id} declares no body for {status}, got {body[:80]!r}"]
        return []
    media = content.get("application/json")
    if media is None:
        return [f"{where}: {op.operation_id} declares {list(content)} only"]
    if "json" not in (content_type or ""):
        return [f"{where}: content type {content_type!r}, the spec declares application/json"]
    try:
        instance = json.loads(body)
    except ValueError as e:
        return [f"{where}: body is not JSON ({e})"]
    return [f"{where}: {p}" for p in check_body(specs.docs[op.product], media["schema"], instance)]


def check_body(doc: dict, schema: dict, instance: object) -> list[str]:
    """Schema validation plus the completeness rules, for one JSON body."""
    problems = []
    rooted = dict(schema, components=doc["components"])
    validator = OAS30Validator(rooted, format_checker=FORMATS)
    for err in sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path)):
        if host_relative_uri(err):
            continue
        at = "/".join(str(p) for p in err.absolute_path) or "(body)"
        problems.append(f"{at}: {err.message}")
    problems += completeness(doc, schema, instance, "")
    return problems


def host_relative_uri(err: jsonschema.ValidationError) -> bool:
    """v2010 names host-relative references `*_uri` (`uri`, `first_page_uri`, ...) and the
    spec's own examples give them as `/2010-04-01/...`, although the schema says `format: uri`
    (absolute). Such a field may hold an absolute path; `*_url` fields must be absolute."""
    name = str(err.absolute_path[-1]) if err.absolute_path else ""
    return (
        err.validator == "format"
        and err.validator_value == "uri"
        and name.endswith("uri")
        and isinstance(err.instance, str)
        and err.instance.startswith("/")
        and not err.instance.startswith("//")
    )


def resolve(doc: dict, schema: dict) -> dict:
    while isinstance(schema, dict) and "$ref" in schema:
        ref = schema["$ref"]
        if not ref.startswith("#/"):
            raise ValueError(f"external $ref {ref} is not supported")
        node = doc
        for part in ref[2:].split("/"):
            node = node[part]
        schema = node
    return schema


def completeness(doc: dict, schema: dict, instance: object, at: str) -> list[str]:
    """Every listed property present, no unlisted property, in every nested object."""
    schema = resolve(doc, schema)
    out = []
    if isinstance(instance, dict) and "properties" in schema:
        declared = schema["properties"]
        where = at or "(body)"
        missing = sorted(set(declared) - set(instance))
        extra = sorted(set(instance) - set(declared))
        if missing:
            out.append(f"{where}: the spec lists {missing} but the response lacks them")
        if extra:
            out.append(f"{where}: {extra} are not in the spec's schema")
        for key, sub in declared.items():
            if key in instance:
                out += completeness(doc, sub, instance[key], f"{at}/{key}" if at else key)
    elif isinstance(instance, list) and "items" in schema:
        for i, item in enumerate(instance):
            out += completeness(doc, schema["items"], item, f"{at}/{i}")
    return out


def check_error(where: str, status: int, body: str, content_type: str) -> list[str]:
    try:
        instance = json.loads(body)
    except ValueError:
        return [f"{where}: error body is not JSON: {body[:80]!r}"]
    validator = jsonschema.Draft7Validator(ERROR_SCHEMA, format_checker=FORMATS)
    problems = [f"{where}: error body: {e.message}" for e in validator.iter_errors(instance)]
    if isinstance(instance, dict) and instance.get("status") not in (None, status):
        problems.append(f"{where}: error body status {instance.get('status')} != HTTP {status}")
    return problems

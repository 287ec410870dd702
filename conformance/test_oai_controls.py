"""The response checker (``oai.py``) on hand-made inputs: what it must accept and what it must
flag, independent of any recording, so a checker that accepts everything cannot go unnoticed."""

from __future__ import annotations

import json

import oai

ACCOUNT = "AC" + "0" * 32
TRUNK = "/v1/Trunks/TK" + "a" * 32
ERROR = {
    "code": 20001,
    "message": "Invalid DomainName",
    "more_info": "https://www.twilio.com/docs/errors/20001",
    "status": 400,
}


def check(method: str, path: str, status: int, body: object, ctype: str = "application/json"):
    text = body if isinstance(body, str) else json.dumps(body)
    return oai.check_response(method, path, status, text, ctype)


def test_operations_are_found_with_literal_segments_first():
    specs = oai.default_specs()
    assert specs.operation("GET", TRUNK).template == "/v1/Trunks/{Sid}"
    local = f"/2010-04-01/Accounts/{ACCOUNT}/IncomingPhoneNumbers/Local.json"
    assert specs.operation("GET", local).template.endswith("/IncomingPhoneNumbers/Local.json")
    assert specs.operation("GET", "/v1/ByocTrunks").product == "voice"
    assert specs.operation("PUT", TRUNK) is None


def test_unknown_paths_are_flagged():
    assert check("GET", "/v1/NoSuchThing", 200, {})
    assert check("PATCH", TRUNK, 200, {})


def test_twilio_error_shape_is_required_for_errors():
    assert check("POST", "/v1/Trunks", 400, ERROR) == []
    assert check("POST", "/v1/Trunks", 409, ERROR), "status in the body must match HTTP"
    assert check("POST", "/v1/Trunks", 400, {k: v for k, v in ERROR.items() if k != "code"})
    assert check("POST", "/v1/Trunks", 400, dict(ERROR, code="20001"))
    assert check("POST", "/v1/Trunks", 400, "<html>oops</html>")


def test_json_content_type_and_body_are_required():
    assert check("GET", TRUNK, 200, "{}", "text/html")
    assert check("GET", TRUNK, 200, "not json")


def test_formats():
    assert oai.is_uri("https://trunking.twilio.com/v1/Trunks")
    assert not oai.is_uri("trunking.twilio.com/v1/Trunks")
    assert not oai.is_uri("http:///nohost")
    assert oai.is_iso_date_time("2015-01-02T11:23:45Z")
    assert not oai.is_iso_date_time("Fri, 02 Jan 2015 11:23:45 +0000")
    assert oai.is_rfc_2822("Thu, 30 Jul 2015 20:00:00 +0000")
    assert not oai.is_rfc_2822("2015-07-30T20:00:00Z")
    assert oai.is_phone_number("+14155551234") and oai.is_phone_number("sip:a@b.example")
    assert not oai.is_phone_number("4155551234")
    assert oai.is_uri_map({"a": "/2010-04-01/x.json", "b": "https://x.example/y"})
    assert not oai.is_uri_map({"a": "x.json"})

"""Checks every exchange the recorder kept during a conformance run (``$RECORDING``).

* Each answer the client or the SDK got must conform: Prism did not refuse the request (422
  with its validation list) nor flag it (``sl-violations``), and the sandbox's response fits
  the spec operation's declared status and response schema, completely (``oai.py``).
* The Rust client's traffic must cover every operation in ``client_operations.txt``, so a
  conformance run cannot pass by sending less.
* Negative controls: Prism's refusal of the deliberate bad request is in the recording with a
  validation entry naming the field, and mutated copies of real sandbox responses (a string
  where the spec says boolean, a SID with the wrong prefix, a missing or an extra field, a
  wrong date format, a wrong status) are each flagged by the response checker.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import pytest

import oai

HERE = Path(__file__).resolve().parent
CLIENT_UA = "switchboard/"
SDK_UA = "twilio-python/"


def load() -> list[dict]:
    path = os.environ.get("RECORDING")
    if not path or not Path(path).is_file():
        return []
    return [json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()]


EXCHANGES = load()
CHECKED = [x for x in EXCHANGES if x["route"] != "control"]


def label(x: dict) -> str:
    return f"{x['method']} {x['path']} -> {x['status']}"


def test_the_recording_exists_and_has_both_clients():
    assert os.environ.get("RECORDING"), "RECORDING is not set: scripts/ci/conformance.sh sets it"
    assert EXCHANGES, f"no exchanges recorded in {os.environ['RECORDING']}"
    agents = {x["user_agent"].split("/")[0] + "/" for x in CHECKED}
    assert CLIENT_UA in agents, f"no traffic from the Rust client; agents seen: {agents}"
    assert SDK_UA in agents, f"no traffic from the Twilio SDK; agents seen: {agents}"


@pytest.mark.parametrize("x", CHECKED, ids=[f"{i}:{label(x)}" for i, x in enumerate(CHECKED)])
def test_exchange_conforms(x: dict):
    if x["status"] == 422 and "problem" in x["content_type"]:
        body = json.loads(x["body"])
        pytest.fail(f"Prism refused {label(x)}: {json.dumps(body.get('validation'), indent=1)}")
    violations = [v for v in json.loads(x.get("sl_violations") or "[]") if not undocumented_error(x, v)]
    assert not violations, f"Prism flagged {label(x)}: {violations}"
    problems = oai.check_response(x["method"], x["path"], x["status"], x["body"], x["content_type"])
    assert not problems, "\n".join(problems)


def undocumented_error(x: dict, violation: dict) -> bool:
    """The specs document no error responses, so Prism warns on every 4xx; their shape is
    checked by `oai.check_error` instead."""
    return x["status"] >= 400 and violation.get("message", "").startswith(
        "Unable to match the returned status code"
    )


def expected_client_operations() -> set[tuple[str, str]]:
    ops = set()
    for line in (HERE / "client_operations.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            method, template = line.split()
            ops.add((method, template))
    return ops


def test_the_client_covered_every_operation():
    specs = oai.default_specs()
    expected = expected_client_operations()
    for method, template in expected:
        assert any(
            op.method == method and op.template == template for op in specs.operations()
        ), f"client_operations.txt names {method} {template}, which is not in the specs"
    seen = set()
    for x in CHECKED:
        if x["user_agent"].startswith(CLIENT_UA) and 200 <= x["status"] < 300:
            op = specs.operation(x["method"], x["path"])
            if op:
                seen.add((op.method, op.template))
    missing = sorted(expected - seen)
    assert not missing, "operations the Rust client never completed through Prism:\n" + "\n".join(
        f"{m} {t}" for m, t in missing
    )


# --- negative controls ---------------------------------------------------------------------


def test_prism_refusal_of_the_control_request_is_recorded():
    control = [x for x in EXCHANGES if x["route"] == "control"]
    refusals = [x for x in control if x["status"] == 422]
    assert len(refusals) >= 2, f"expected Prism's two 422s on the control route, got {control}"
    fields = set()
    for x in refusals:
        for v in json.loads(x["body"]).get("validation", []):
            fields.add(v["location"][-1])
    assert {"DisasterRecoveryMethod", "Secure"} <= fields, fields
    assert any(x["status"] == 200 for x in control), "a valid request passed the control route"


def recorded(method: str, template: str, status: int) -> dict:
    specs = oai.default_specs()
    for x in CHECKED:
        op = specs.operation(x["method"], x["path"])
        if x["method"] == method and op and op.template == template and x["status"] == status:
            return x
    pytest.fail(f"the recording has no {method} {template} -> {status} to mutate")


def flagged(x: dict, body: object, status: int | None = None) -> list[str]:
    return oai.check_response(
        x["method"], x["path"], status or x["status"], json.dumps(body), x["content_type"]
    )


def test_real_trunk_passes_then_each_mutation_is_flagged():
    x = recorded("GET", "/v1/Trunks/{Sid}", 200)
    good = json.loads(x["body"])
    assert flagged(x, good) == [], "the unmutated trunk conforms"

    def mutated(change) -> list[str]:
        body = copy.deepcopy(good)
        change(body)
        return flagged(x, body)

    assert any("secure" in p and "boolean" in p for p in mutated(lambda b: b.update(secure="yes")))
    assert any("sid" in p for p in mutated(lambda b: b.update(sid="XX" + b["sid"][2:])))
    assert any("lacks" in p and "auth_type" in p for p in mutated(lambda b: b.pop("auth_type")))
    assert any("not in the spec" in p for p in mutated(lambda b: b.update(surprise=1)))
    assert any("date_created" in p for p in mutated(lambda b: b.update(date_created="yesterday")))
    assert any("transfer_mode" in p for p in mutated(lambda b: b.update(transfer_mode="always")))
    assert any("url" in p for p in mutated(lambda b: b.update(url="not a url")))
    assert any("links" in p for p in mutated(lambda b: b["links"].update(phone_numbers="x")))
    assert flagged(x, good, status=201), "a fetch answered with 201 is flagged"


def test_real_v2010_list_passes_then_each_mutation_is_flagged():
    x = recorded("GET", "/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json", 200)
    good = json.loads(x["body"])
    assert good["incoming_phone_numbers"], "the recorded page has numbers"
    assert flagged(x, good) == [], "the unmutated page conforms"

    def mutated(change) -> list[str]:
        body = copy.deepcopy(good)
        change(body)
        return flagged(x, body)

    first = lambda b: b["incoming_phone_numbers"][0]  # noqa: E731
    assert mutated(lambda b: first(b)["capabilities"].update(voice="yes"))
    assert mutated(lambda b: first(b).update(phone_number="4155550100"))
    assert mutated(lambda b: first(b).update(date_created="2024-01-15T10:00:00Z"))
    assert mutated(lambda b: first(b).update(sid="PN123"))
    assert mutated(lambda b: b.pop("next_page_uri"))
    assert mutated(lambda b: b.update(page="0"))


def test_real_v1_list_passes_then_each_mutation_is_flagged():
    x = recorded("GET", "/v1/ByocTrunks", 200)
    good = json.loads(x["body"])
    assert good["byoc_trunks"], "the recorded page has BYOC trunks"
    assert flagged(x, good) == [], "the unmutated page conforms"

    def mutated(change) -> list[str]:
        body = copy.deepcopy(good)
        change(body)
        return flagged(x, body)

    assert any("lacks" in p for p in mutated(lambda b: b["byoc_trunks"][0].pop("from_domain_sid")))
    assert any("lacks" in p for p in mutated(lambda b: b["meta"].pop("key")))
    assert mutated(lambda b: b["byoc_trunks"][0].update(cnam_lookup_enabled="true"))
    assert mutated(lambda b: b["byoc_trunks"][0].update(voice_method="PATCH"))
    assert mutated(lambda b: b["meta"].update(next_page_url="/v1/ByocTrunks?Page=1"))


def test_real_create_and_delete_statuses_are_enforced():
    created = recorded("POST", "/v1/Trunks", 201)
    assert flagged(created, json.loads(created["body"])) == []
    assert flagged(created, json.loads(created["body"]), status=200), "create must answer 201"
    deleted = recorded("DELETE", "/v1/Trunks/{Sid}", 204)
    assert oai.check_response("DELETE", deleted["path"], 204, "", "") == []
    assert oai.check_response("DELETE", deleted["path"], 200, "{}", "application/json")
    assert oai.check_response("DELETE", deleted["path"], 204, '{"sid": "x"}', "")

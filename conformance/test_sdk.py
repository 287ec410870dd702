"""Twilio's official Python SDK (unmodified) against the sandbox.

If Twilio's own client can set up a trunk, a BYOC trunk and a SIP domain on the sandbox, and
gets Twilio-shaped refusals back, the sandbox speaks Twilio well enough for code that was not
written by us. The SDK reaches the sandbox through the same recorder and Prism proxies as the
Rust client (toolchain.md §8 recipe A: a custom HTTP client swaps ``https://<product>.twilio.com``
for a local URL), so its requests are checked by Prism and the sandbox's answers are checked by
``test_recorded.py``.

Needs ``SWITCHBOARD_CONFORMANCE_{API,TRUNKING,VOICE}`` (set by scripts/ci/conformance.sh).
"""

from __future__ import annotations

import os
import re
import uuid

import pytest
from twilio.base.exceptions import TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

DEMO_ACCOUNT_SID = "AC0de5a4db0c5e11aa0de5a4db0c5e11aa"
DEMO_AUTH_TOKEN = "5a4db0c55a4db0c55a4db0c55a4db0c5"
PRODUCTS = ("api", "trunking", "voice")
INVALID_PARAMETER = 20001


class LocalHttpClient(TwilioHttpClient):
    """Sends `https://<product>.twilio.com/...` to the local proxy of that product."""

    def __init__(self, bases: dict[str, str]):
        super().__init__()
        self.bases = bases

    def request(self, method, url, *args, **kwargs):
        m = re.match(r"^https://([a-z-]+)\.twilio\.com", url)
        if not m or m.group(1) not in self.bases:
            raise AssertionError(f"the SDK asked for a host the conformance run does not serve: {url}")
        url = self.bases[m.group(1)] + url[m.end() :]
        return super().request(method, url, *args, **kwargs)


@pytest.fixture(scope="module")
def client() -> Client:
    bases = {}
    for product in PRODUCTS:
        var = f"SWITCHBOARD_CONFORMANCE_{product.upper()}"
        if not os.environ.get(var):
            pytest.fail(f"{var} is not set: scripts/ci/conformance.sh starts the proxies and sets it")
        bases[product] = os.environ[var].rstrip("/")
    return Client(DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN, http_client=LocalHttpClient(bases))


@pytest.fixture()
def tag() -> str:
    return uuid.uuid4().hex[:10]


def refused(call) -> TwilioRestException:
    with pytest.raises(TwilioRestException) as info:
        call()
    return info.value


def test_elastic_sip_trunk_with_origination_acl_credentials_and_number(client: Client, tag: str):
    trunk = client.trunking.v1.trunks.create(
        friendly_name="SDK trunk", domain_name=f"sdk-{tag}.pstn.twilio.com", secure=True
    )
    assert trunk.sid.startswith("TK") and trunk.secure is True
    assert trunk.sid in [t.sid for t in client.trunking.v1.trunks.list()]
    t = client.trunking.v1.trunks(trunk.sid)

    ou = t.origination_urls.create(
        weight=10, priority=10, enabled=True, friendly_name="PBX", sip_url="sip:pbx.example.com:5060"
    )
    assert ou.sid.startswith("OU") and ou.sip_url == "sip:pbx.example.com:5060"
    assert [o.sid for o in t.origination_urls.list()] == [ou.sid]

    sip = client.api.v2010.accounts(DEMO_ACCOUNT_SID).sip
    acl = sip.ip_access_control_lists.create(friendly_name=f"SDK ACL {tag}")
    ips = sip.ip_access_control_lists(acl.sid).ip_addresses
    single = ips.create(friendly_name="PBX", ip_address="203.0.113.5")
    block = ips.create(friendly_name="Carrier", ip_address="198.51.100.0", cidr_prefix_length=24)
    assert int(block.cidr_prefix_length) == 24
    assert {i.sid for i in ips.list()} == {single.sid, block.sid}
    assert acl.sid in [a.sid for a in sip.ip_access_control_lists.list()]

    cl = sip.credential_lists.create(friendly_name=f"SDK creds {tag}")
    cred = sip.credential_lists(cl.sid).credentials.create(username="alice", password="Str0ngPassw0rd1")
    assert cred.username == "alice"
    assert [c.sid for c in sip.credential_lists(cl.sid).credentials.list()] == [cred.sid]
    assert cl.sid in [c.sid for c in sip.credential_lists.list()]

    t.ip_access_control_lists.create(ip_access_control_list_sid=acl.sid)
    t.credentials_lists.create(credential_list_sid=cl.sid)
    assert [a.sid for a in t.ip_access_control_lists.list()] == [acl.sid]
    assert [c.sid for c in t.credentials_lists.list()] == [cl.sid]

    free = [n for n in client.incoming_phone_numbers.list() if not n.trunk_sid]
    assert free, "the seeded account has numbers that are not on a trunk"
    number = free[0]
    linked = t.phone_numbers.create(phone_number_sid=number.sid)
    assert linked.sid == number.sid and linked.trunk_sid == trunk.sid
    assert number.sid in [p.sid for p in t.phone_numbers.list()]
    assert client.incoming_phone_numbers(number.sid).fetch().trunk_sid == trunk.sid
    assert "IP_ACL" in t.fetch().auth_type


def test_byoc_trunk_with_connection_policy_and_target(client: Client, tag: str):
    voice = client.voice.v1
    policy = voice.connection_policies.create(friendly_name=f"SDK carrier {tag}")
    target = voice.connection_policies(policy.sid).targets.create(
        target="sip:sbc.carrier.example:5060", friendly_name="SBC", priority=10, weight=10
    )
    assert target.sid.startswith("NE") and target.enabled is True
    assert [x.sid for x in voice.connection_policies(policy.sid).targets.list()] == [target.sid]
    trunk = voice.byoc_trunks.create(
        friendly_name=f"SDK BYOC {tag}",
        voice_url="https://example.com/in",
        connection_policy_sid=policy.sid,
    )
    assert trunk.sid.startswith("BY") and trunk.connection_policy_sid == policy.sid
    assert trunk.sid in [b.sid for b in voice.byoc_trunks.list()]
    assert policy.sid in [p.sid for p in voice.connection_policies.list()]


def test_sip_domain_with_its_three_auth_mappings(client: Client, tag: str):
    sip = client.api.v2010.accounts(DEMO_ACCOUNT_SID).sip
    acl = sip.ip_access_control_lists.create(friendly_name=f"SDK domain ACL {tag}")
    cl = sip.credential_lists.create(friendly_name=f"SDK domain creds {tag}")
    domain = sip.domains.create(
        domain_name=f"sdk-{tag}.sip.twilio.com",
        friendly_name="SDK domain",
        voice_url="https://example.com/sip",
        sip_registration=True,
    )
    assert domain.sid.startswith("SD") and domain.sip_registration is True
    auth = sip.domains(domain.sid).auth
    calls_cl = auth.calls.credential_list_mappings.create(credential_list_sid=cl.sid)
    calls_acl = auth.calls.ip_access_control_list_mappings.create(ip_access_control_list_sid=acl.sid)
    reg_cl = auth.registrations.credential_list_mappings.create(credential_list_sid=cl.sid)
    assert (calls_cl.sid, calls_acl.sid, reg_cl.sid) == (cl.sid, acl.sid, cl.sid)
    assert [m.sid for m in auth.calls.credential_list_mappings.list()] == [cl.sid]
    assert [m.sid for m in auth.calls.ip_access_control_list_mappings.list()] == [acl.sid]
    assert [m.sid for m in auth.registrations.credential_list_mappings.list()] == [cl.sid]
    assert domain.sid in [d.sid for d in sip.domains.list()]


def test_sandbox_refuses_a_weak_password(client: Client, tag: str):
    sip = client.api.v2010.accounts(DEMO_ACCOUNT_SID).sip
    cl = sip.credential_lists.create(friendly_name=f"SDK weak {tag}")
    e = refused(lambda: sip.credential_lists(cl.sid).credentials.create(username="bob", password="password"))
    assert (e.status, e.code) == (400, INVALID_PARAMETER), e
    assert "Password" in e.msg


def test_sandbox_refuses_an_ipv6_address(client: Client, tag: str):
    sip = client.api.v2010.accounts(DEMO_ACCOUNT_SID).sip
    acl = sip.ip_access_control_lists.create(friendly_name=f"SDK v6 {tag}")
    ips = sip.ip_access_control_lists(acl.sid).ip_addresses
    e = refused(lambda: ips.create(friendly_name="v6", ip_address="2001:db8::1"))
    assert (e.status, e.code) == (400, INVALID_PARAMETER), e
    assert "IpAddress" in e.msg


def test_sandbox_refuses_a_foreign_trunk_domain(client: Client):
    e = refused(
        lambda: client.trunking.v1.trunks.create(friendly_name="Foreign", domain_name="pbx.example.com")
    )
    assert (e.status, e.code) == (400, INVALID_PARAMETER), e
    assert "DomainName" in e.msg

#!/usr/bin/env python3
"""The apply benchmark's two scenarios done the usual way with Twilio's official Python SDK:
one call after another. Run by crates/core/benches/apply.rs against its own fresh sandbox (same
latency and concurrency cap); prints one JSON line {"a_ms": ..., "b_ms": ...}.

Usage: sdk_baseline.py BASE_URL_A BASE_URL_B ACCOUNT_SID AUTH_TOKEN
(scenario a runs against the seeded demo sandbox at BASE_URL_A, scenario b against the sandbox
at BASE_URL_B, whose account holds 1,000 free numbers +1 312 555 1000…1999)
Needs `pip install twilio` (tested with 9.13.0).
"""
import json
import re
import sys
import time

from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client


class SandboxHttpClient(TwilioHttpClient):
    """Sends every https://<product>.twilio.com request to the sandbox instead."""

    def __init__(self, base_url):
        super().__init__()
        self.base_url = base_url.rstrip("/")

    def request(self, method, url, *args, **kwargs):
        url = re.sub(r"^https://[a-z-]+\.twilio\.com", self.base_url, url)
        return super().request(method, url, *args, **kwargs)


def number(i):
    return "+1312555%04d" % (1000 + i)


# Ten free numbers of the seeded demo account (crates/sandbox/src/seed.rs).
SEEDED = ["+12125552368", "+13125557412", "+16175553049", "+13105559032", "+14165553287",
          "+16045558832", "+15145556671", "+442079460958", "+441614960123", "+447400123456"]


def scenario_a(client):
    """Trunk, 2 ACLs x 4 IPs, a credential list with one user, 2 origination URLs, 10 numbers."""
    trunk = client.trunking.v1.trunks.create(friendly_name="SDK A", domain_name="sdk-a.pstn.twilio.com")
    sip = client.api.v2010.account.sip
    for name, ips in [
        ("SDK EU", [("52.215.127.10", 32), ("52.215.127.11", 32), ("52.215.127.12", 32), ("52.215.127.13", 32)]),
        ("SDK US", [("54.172.60.0", 30), ("54.172.60.4", 30), ("54.172.60.8", 30), ("54.172.60.12", 30)]),
    ]:
        acl = sip.ip_access_control_lists.create(friendly_name=name)
        for ip, prefix in ips:
            sip.ip_access_control_lists(acl.sid).ip_addresses.create(
                friendly_name=ip, ip_address=ip, cidr_prefix_length=prefix
            )
        client.trunking.v1.trunks(trunk.sid).ip_access_control_lists.create(ip_access_control_list_sid=acl.sid)
    cl = sip.credential_lists.create(friendly_name="SDK users")
    sip.credential_lists(cl.sid).credentials.create(username="sdk-pbx", password="Sdk-Bench-Passw0rd")
    client.trunking.v1.trunks(trunk.sid).credentials_lists.create(credential_list_sid=cl.sid)
    for name, url, prio in [("primary", "sip:pbx1.sdk-corp.com:5060", 10), ("backup", "sip:pbx2.sdk-corp.com:5060", 20)]:
        client.trunking.v1.trunks(trunk.sid).origination_urls.create(
            friendly_name=name, sip_url=url, priority=prio, weight=10, enabled=True
        )
    for n in SEEDED:
        pn = client.incoming_phone_numbers.list(phone_number=n, limit=1)[0]
        client.trunking.v1.trunks(trunk.sid).phone_numbers.create(phone_number_sid=pn.sid)


def scenario_b(client):
    """Associate 1,000 numbers with an existing trunk."""
    trunk = client.trunking.v1.trunks.create(friendly_name="SDK B", domain_name="sdk-b.pstn.twilio.com")
    wanted = {number(i) for i in range(1000)}
    started = time.monotonic()
    numbers = [n for n in client.incoming_phone_numbers.list(page_size=1000) if n.phone_number in wanted]
    for pn in numbers:
        client.trunking.v1.trunks(trunk.sid).phone_numbers.create(phone_number_sid=pn.sid)
    return time.monotonic() - started, len(numbers)


def main():
    base_a, base_b, account_sid, token = sys.argv[1:5]
    client = Client(account_sid, token, http_client=SandboxHttpClient(base_a))
    t = time.monotonic()
    scenario_a(client)
    a = time.monotonic() - t
    client = Client(account_sid, token, http_client=SandboxHttpClient(base_b))
    b, count = scenario_b(client)
    if count != 1000:
        sys.exit("expected 1000 numbers on the sandbox, found %d" % count)
    print(json.dumps({"a_ms": a * 1000, "b_ms": b * 1000}))


if __name__ == "__main__":
    main()

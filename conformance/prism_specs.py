"""Writes the copies of the official specs that the Prism proxies load.

One relaxation, the same one ``oai.py`` applies: API v2010 names host-relative references
``uri`` / ``*_uri`` (``first_page_uri``, ``next_page_uri``, ...) and gives them as
``/2010-04-01/...`` in the spec's own examples and in Twilio's answers, yet the schemas say
``format: uri`` (an absolute URI). Prism (with ``--errors``) turns that into a 500 for every
v2010 list, so ``format`` is dropped on those properties only. Nothing on the request side
changes (request parameters are PascalCase), and ``*_url`` fields stay absolute URIs.

    python prism_specs.py OUT_DIR      (reads $TWILIO_OAI_DIR, default ../shared/twilio-oai)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import oai


def relax(node: object) -> int:
    """Drops `format: uri` from `uri` / `*_uri` properties under `node`; returns how many."""
    count = 0
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            if name.endswith("uri") and isinstance(prop, dict) and prop.get("format") == "uri":
                del prop["format"]
                count += 1
        for value in node.values():
            count += relax(value)
    elif isinstance(node, list):
        for value in node:
            count += relax(value)
    return count


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: prism_specs.py OUT_DIR")
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for name in oai.SPEC_FILES.values():
        doc = json.loads((oai.spec_dir() / name).read_text())
        n = relax(doc)
        (out / name).write_text(json.dumps(doc))
        print(f"{name}: format dropped on {n} host-relative *_uri properties")


if __name__ == "__main__":
    main()

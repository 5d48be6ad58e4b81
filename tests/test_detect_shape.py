"""A modem that names no maker still gets its dialect, from the shape of its replies.

Each fixture is replayed with its identity taken away (no ATI, +CGMI or
+CGMM answers, no recorded dialect): a dialect whose own command the modem
answers in that command's shape is chosen ("reply shape"); the snapshot
then holds the same serving cells as with identity.
"""

from __future__ import annotations

import re

import pytest

from fiveg.allowlist import is_read_only
from fiveg.at.replay import ReplayPort
from fiveg.at.session import AtSession
from fiveg.at.transcript import load, parse
from fiveg.poll import poll
from fiveg.vendors.dialect import reply_prefix
from fiveg.vendors.registry import DIALECTS
from tests.conftest import FIXTURES, T0, poll_fixture

IDENTITY = re.compile(r"^> \S+ (ATI|AT\+CGMI|AT\+CGMM)\\r$", re.IGNORECASE)


def anonymous(text: str) -> str:
    """The transcript without its identity exchanges and without its recorded dialect."""
    out, skipping = [], False
    for line in text.splitlines():
        if line.startswith(">"):
            skipping = bool(IDENTITY.match(line))
        if line.startswith("@ dialect:") or (skipping and line.startswith(("<", ">"))):
            continue
        out.append(line)
    return "\n".join(out) + "\n"


def poll_anonymous(name: str):
    transcript = parse(anonymous((FIXTURES / name).read_text()), name)
    port = ReplayPort(transcript)
    result = poll(AtSession(port), now=lambda: T0)
    return result, port.responder.received


def answers_a_probe(name: str, dialect_name: str) -> bool:
    dialect = next(d for d in DIALECTS if d.name == dialect_name)
    sent = " ".join(ex.command_text.upper() for ex in load(FIXTURES / name).exchanges())
    return any(reply_prefix(p).rstrip(":").upper() in sent for p in dialect.probes)


FIXTURE_NAMES = sorted(p.name for p in FIXTURES.glob("*.at"))


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_no_identity_the_reply_shape_decides(name):
    known = poll_fixture(name)[0].snapshot
    result, heard = poll_anonymous(name)
    if not answers_a_probe(name, known.dialect):
        assert result.chosen_by == "fallback"
        return
    assert (result.snapshot.dialect, result.chosen_by) == (known.dialect, "reply shape")
    assert [c.rat for c in result.snapshot.serving] == [c.rat for c in known.serving]
    assert [c.pci for c in result.snapshot.serving] == [c.pci for c in known.serving]
    assert all(is_read_only(c) for c in heard)


def test_most_fixtures_are_recognised_without_identity():
    recognised = {poll_anonymous(n)[0].snapshot.dialect for n in FIXTURE_NAMES}
    assert recognised >= {"quectel", "fibocom", "sierra", "simcom", "telit", "huawei"}


def test_every_probe_is_read_only_and_in_its_info_list():
    for dialect in DIALECTS:
        for command in dialect.probes:
            assert is_read_only(command), command
            listed = {c for m in (None, "L860-GL", "LN940") for c in dialect.commands(m).info}
            assert command in listed, (dialect.name, command)


@pytest.mark.parametrize(
    ("command", "prefix"),
    [
        ('AT+QENG="servingcell"', "+QENG:"),
        ("AT!GSTATUS?", "!GSTATUS:"),
        ("AT#RFSTS", "#RFSTS:"),
        ("AT^HCSQ?", "^HCSQ:"),
        ("AT+GTSENRDTEMP=1", "+GTSENRDTEMP:"),
        ("at+cpsi?", "+cpsi:"),
    ],
)
def test_reply_prefix(command, prefix):
    assert reply_prefix(command) == prefix


def test_a_modem_answering_nothing_still_gives_json(tmp_path):
    """5g-info --json prints the document (with its errors) even when no command answered."""
    import json

    from tests.conftest import run_installed

    path = tmp_path / "mute.at"
    path.write_text("fiveg-transcript 1\n")
    out = run_installed("5g-info", "--replay", str(path), "--json")
    assert out.returncode == 4
    data = json.loads(out.stdout)
    assert data["serving"] == [] and data["device"]["model"] is None
    assert {e["command"] for e in data["errors"]} >= {"ATI", "AT+CGSN"}
    assert all(e["error"] == "ERROR" for e in data["errors"])
    assert "answered no command" in out.stderr

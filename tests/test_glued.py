"""Glued records: two records delivered on one line are read as two, for every dialect.

Some front ends and firmware put a record's prefix on the line of the one
before it (``+QCAINFO: "PCC",... +QCAINFO: "SCC",...``); read as one line, the
second carrier is lost and its bandwidth code read as the first one's RSRQ.
Each fixture's answers are glued at every record boundary of its dialect
and must give the same Snapshot as the clean ones.
"""

from __future__ import annotations

import pytest

from fiveg.at.replay import ReplayPort
from fiveg.at.session import AtSession
from fiveg.at.transcript import load
from fiveg.poll import poll
from fiveg.records import Role
from fiveg.vendors import quectel
from fiveg.vendors.dialect import STANDARD_PREFIXES, _splitter
from fiveg.vendors.fields import glue_splitter
from fiveg.vendors.registry import by_name
from tests.conftest import FIXTURES, T0


class Recording(AtSession):
    """An AtSession that keeps each answered command's lines, as the parser gets them."""

    def __init__(self, port):
        super().__init__(port)
        self.answers: dict[str, list[str]] = {}

    def command(self, command, timeout=3.0, check=True):
        reply = super().command(command, timeout=timeout, check=check)
        self.answers[command] = list(reply.lines)
        return reply


def answered(name: str):
    transcript = load(FIXTURES / name)
    session = Recording(ReplayPort(transcript))
    # one by one: each command's own lines, as the parser gets them (chains: test_chained)
    result = poll(session, recorded=transcript.meta.get("dialect"), now=lambda: T0, chained=False)
    return result.snapshot, session.answers


def prefixes_of(dialect_name: str) -> tuple[str, ...]:
    module = __import__(by_name(dialect_name).module, fromlist=["PREFIXES"])
    return (*STANDARD_PREFIXES, *getattr(module, "PREFIXES", ()))


def glue(lines: list[str], prefixes: tuple[str, ...], joint: str) -> tuple[list[str], int]:
    """Every line that starts a record appended to the line before it."""
    out: list[str] = []
    glued = 0
    for line in lines:
        if out and line.startswith(prefixes):
            out[-1] = out[-1] + joint + line
            glued += 1
        else:
            out.append(line)
    return out, glued


FIXTURE_NAMES = sorted(p.name for p in FIXTURES.glob("*.at"))


@pytest.mark.parametrize("joint", [" ", "", "\r", "  \t"])
@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_glued_records_read_as_the_clean_ones(name, joint):
    clean, answers = answered(name)
    dialect = by_name(clean.dialect)
    prefixes = prefixes_of(clean.dialect)
    glued_answers = {}
    for command, lines in answers.items():
        glued_answers[command], _ = glue(lines, prefixes, joint)
    model = clean.device.model
    again = dialect.parse(glued_answers, time=T0, model=model, errors=clean.errors)
    assert again == clean


def test_some_fixtures_have_records_to_glue():
    """The test above glues something: at least one boundary in most dialects' fixtures."""
    glued_per_dialect: dict[str, int] = {}
    for name in FIXTURE_NAMES:
        clean, answers = answered(name)
        prefixes = prefixes_of(clean.dialect)
        n = sum(glue(lines, prefixes, " ")[1] for lines in answers.values())
        glued_per_dialect[clean.dialect] = glued_per_dialect.get(clean.dialect, 0) + n
    assert {d for d, n in glued_per_dialect.items() if n} >= {"quectel", "huawei", "telit"}


def test_glued_qcainfo_keeps_both_carriers():
    """The case first seen: the SCC's bandwidth code must not become the PCC's RSRQ."""
    lines = [
        '+QCAINFO: "PCC",1850,100,"LTE BAND 3",1,262,-94,-11,-63,13'
        ' +QCAINFO: "SCC",6300,50,"LTE BAND 20",1,401,-99,-13,-68,7,0,-,-'
    ]
    s = by_name("quectel").parse({"AT+QCAINFO": lines}, time=T0, model="RM520N-GL")
    pcc, scc = s.carriers
    assert (pcc.role, pcc.arfcn, pcc.pci, pcc.rsrq, pcc.sinr) == (Role.PCC, 1850, 262, -11, 13)
    assert (scc.role, scc.arfcn, scc.band, scc.pci, scc.rsrp) == (Role.SCC, 6300, 20, 401, -99)
    assert s.unparsed == ()


def test_a_prefix_inside_quotes_is_text_not_a_record():
    split = glue_splitter(quectel.PREFIXES)
    line = '+QSPN: "Net +QENG: x","N",""'
    assert split(line) == [line]
    assert split('+QTEMP: "a","1"+QTEMP: "b","2"') == ['+QTEMP: "a","1"', '+QTEMP: "b","2"']


def test_every_dialect_declares_its_prefixes():
    from fiveg.vendors.registry import DIALECTS

    for dialect in DIALECTS:
        split = _splitter(dialect.module)
        for prefix in prefixes_of(dialect.name):
            assert split(f"{prefix} 1,2 {prefix} 3,4") == [f"{prefix} 1,2", f"{prefix} 3,4"]

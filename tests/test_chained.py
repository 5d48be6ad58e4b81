"""5g-info's chained poll: the same answers as asking one by one, in far fewer round trips.

The replayed modem runs a chain as V.250 says a modem does: its parts in
order, stopping at the first that fails (a command the capture lacks fails
as an unknown one), so a fixture's missing commands are the refusals a real
modem would make.
"""

from __future__ import annotations

import pytest

from fiveg.allowlist import is_read_only
from fiveg.at.chain import join, plan, split
from fiveg.at.codes import split_chain
from fiveg.at.replay import ReplayPort
from fiveg.at.session import AtSession
from fiveg.at.transcript import load, parse
from fiveg.poll import poll
from tests.conftest import FIXTURES, T0, fixture_path

ALL = sorted(p.name for p in FIXTURES.glob("*.at"))


def run(name: str, **kw):
    transcript = load(fixture_path(name))
    port = ReplayPort(transcript)
    kw.setdefault("recorded", transcript.meta.get("dialect"))
    result = poll(AtSession(port, allow=is_read_only), now=lambda: T0, **kw)
    return result, list(port.responder.received)


@pytest.mark.parametrize("name", ALL)
def test_chained_and_one_by_one_give_the_same_snapshot(name):
    chained, heard = run(name)
    single, _ = run(name, chained=False)
    assert chained.snapshot == single.snapshot
    assert (chained.asked, chained.chosen_by) == (single.asked, single.chosen_by)
    assert all(is_read_only(c) for c in heard)  # every part of every chain on the list


COMPLETE = "rm520n_nsa_ca_complete.at"  # a modem answering every command 5g-info asks


def modem(without: tuple[str, ...] = ()):
    """The complete modem, refusing ``without`` (their exchanges left out)."""
    text = fixture_path(COMPLETE).read_text()
    for command in without:
        start = text.index("> ")
        start = text.index(f" {command}\\r\n")
        begin = text.rindex("\n>", 0, start) + 1
        end = text.find("\n>", start)
        text = text[:begin] + (text[end + 1 :] if end != -1 else "")
    return parse(text)


def ask(transcript, **kw):
    port = ReplayPort(transcript)
    result = poll(AtSession(port, allow=is_read_only), now=lambda: T0, recorded="quectel", **kw)
    return result, list(port.responder.received)


def test_a_quectel_modem_answers_in_two_round_trips():
    result, heard = ask(modem())
    assert heard == [
        "ATI;+COPS?;+CSQ",
        'AT+CGSN;+QSPN;+QNWINFO;+QENG="SERVINGCELL";+QCAINFO;+QENG="NEIGHBOURCELL";'
        '+QRSRP;+QRSRQ;+QSINR;+QTEMP;+QNWPREFCFG="MODE_PREF";+QNWPREFCFG="LTE_BAND";'
        '+QNWPREFCFG="NSA_NR5G_BAND";+QNWPREFCFG="NR5G_BAND";+QNWLOCK="COMMON/4G";'
        '+QNWLOCK="COMMON/5G"',
    ]
    # the band settings share the chain, each told apart by its line head
    assert result.snapshot.bands.lte == (1, 3, 7, 20) and result.snapshot.bands.locks == ()
    neighbours = result.snapshot.neighbours
    assert neighbours and all(n.pci is not None for n in neighbours)
    assert result.snapshot.errors == ()
    assert result.snapshot == ask(modem(), chained=False)[0].snapshot
    assert len(ask(modem(), chained=False)[1]) == 19


def test_a_refused_part_costs_one_round_trip_and_is_named():
    result, heard = ask(modem(without=("AT+QNWINFO",)))
    assert len(heard) == 3, heard  # the chain stopped at +QNWINFO; the rest asked again
    assert [(e.command, e.error) for e in result.snapshot.errors] == [("AT+QNWINFO", "ERROR")]
    assert result.snapshot == ask(modem(without=("AT+QNWINFO",)), chained=False)[0].snapshot


# --- the pure parts ----------------------------------------------------------------------


def test_plan_keeps_bare_commands_first_and_prefixes_apart():
    commands = [
        "AT+CGSN",
        "AT+QSPN",
        'AT+QENG="servingcell"',
        "AT+QCAINFO",
        'AT+QENG="neighbourcell"',
        "AT+CGMR",
        "AT+QTEMP",
    ]
    assert plan(commands) == [
        ["AT+CGSN", "AT+QSPN", 'AT+QENG="servingcell"', "AT+QCAINFO", "AT+QTEMP"],
        ['AT+QENG="neighbourcell"'],
        ["AT+CGMR"],
    ]
    # a head the dialect names tells the two +QENG parts apart: one chain carries both
    heads = {'AT+QENG="NEIGHBOURCELL"': '+QENG: "neighbourcell'}
    assert plan(commands, heads=heads) == [
        [
            "AT+CGSN",
            "AT+QSPN",
            'AT+QENG="servingcell"',
            "AT+QCAINFO",
            'AT+QENG="neighbourcell"',
            "AT+QTEMP",
        ],
        ["AT+CGMR"],
    ]
    # two parts with one head are as inseparable as two with one prefix
    twice = ['AT+QENG="neighbourcell"', 'AT+QENG="NEIGHBOURCELL"']
    assert plan(twice, heads=heads) == [[twice[0]], [twice[1]]]
    assert plan(["AT+CSQ"] * 1) == [["AT+CSQ"]]
    long = [f"AT+X{i:03d}" for i in range(100)]
    assert all(len(join(p)) - 2 <= 240 for p in plan(long))
    assert sum(len(p) for p in plan(long)) == 100


def test_split_gives_each_part_its_lines():
    parts = ["ATI", "AT+CSQ", "AT+GTCCINFO?", "AT+COPS?"]
    lines = [
        "Quectel",
        "RM520N-GL",
        "Revision: X",
        "+CSQ: 20,99",
        "+GTCCINFO:",
        "1,4,460,01,...",
        "2,9,...",
        '+COPS: 0,0,"TIM",7',
    ]
    assert split(parts, lines) == [
        ["Quectel", "RM520N-GL", "Revision: X"],
        ["+CSQ: 20,99"],
        ["+GTCCINFO:", "1,4,460,01,...", "2,9,..."],
        ['+COPS: 0,0,"TIM",7'],
    ]
    # a part that printed nothing gets nothing; a line under a part stays with it
    assert split(["AT+CSQ", "AT+QENG=1"], ["+CSQ: 1,2", "+XYZ: 1"]) == [
        ["+CSQ: 1,2", "+XYZ: 1"],
        [],
    ]


def test_split_gives_a_headed_line_to_its_part_whatever_the_order():
    parts = ['AT+QENG="servingcell"', 'AT+QENG="neighbourcell"', "AT+QTEMP"]
    heads = {'AT+QENG="NEIGHBOURCELL"': '+QENG: "neighbourcell'}
    serving = ['+QENG: "servingcell","NOCONN"', '+QENG: "LTE","FDD",222,01']
    near = ['+QENG: "neighbourcell intra","LTE",1850,1', '+QENG: "neighbourcell inter","LTE",3']
    assert split(parts, [*serving, *near, '+QTEMP:"x","1"'], heads) == [
        serving,
        near,
        ['+QTEMP:"x","1"'],
    ]
    # no neighbours: that part is empty, the serving lines stay the serving cell's
    assert split(parts, serving, heads) == [serving, [], []]
    # a serving line after a neighbour row is still the serving cell's
    assert split(parts, [near[0], serving[1]], heads) == [[serving[1]], [near[0]], []]


def test_a_modem_that_refuses_every_chain_is_asked_one_by_one():
    """A modem taking one command per line: each chain fails at once; the first part is
    asked alone, answers, and so the rest is asked again, never lost."""
    text = (
        "fiveg-transcript 1\n@ dialect: quectel\n"
        "> 0 ATI\\r\n< 0 \\r\\nQuectel\\r\\nRM520N-GL\\r\\n\\r\\nOK\\r\\n\n"
        "> 0 AT+CSQ\\r\n< 0 \\r\\n+CSQ: 20,99\\r\\n\\r\\nOK\\r\\n\n"
        '> 0 AT+COPS?\\r\n< 0 \\r\\n+COPS: 0,0,"TIM",7\\r\\n\\r\\nOK\\r\\n\n'
        "> 0 ATI;+COPS?;+CSQ\\r\n< 0 \\r\\nERROR\\r\\n\n"
    )
    transcript = parse(text)
    port = ReplayPort(transcript)
    result = poll(AtSession(port), now=lambda: T0, recorded="quectel")
    assert result.snapshot.device.model == "RM520N-GL"
    assert result.snapshot.signal.rssi_raw == 20
    assert result.snapshot.operator.name == "TIM"


# --- --section asks only what its sections need --------------------------------------------


def parts(heard: list[str]) -> set[str]:
    """Every command heard, chains cut into their parts."""
    return {"AT" + part for command in heard for part in split_chain(command[2:])}


SHOWS = {
    "device": ("device",),
    "network": ("operator", "state", "network", "signal"),
    "serving": ("serving",),
    "carriers": ("carriers",),
    "antennas": ("antennas",),
    "neighbours": ("neighbours",),
    "temperatures": ("temperatures",),
}


@pytest.mark.parametrize("name", ALL)
def test_a_section_asked_alone_shows_what_the_whole_poll_shows(name):
    whole, heard_whole = run(name)
    for section, fields in SHOWS.items():
        alone, heard = run(name, sections=[section])
        for field in fields:
            assert getattr(alone.snapshot, field) == getattr(whole.snapshot, field), (
                section,
                field,
            )
        assert parts(heard) <= parts(heard_whole)


def test_serving_alone_leaves_out_neighbours_carriers_antennas_and_temperatures():
    _, heard = ask(modem(), sections=["serving"])
    asked = parts(heard)
    assert not asked & {'AT+QENG="NEIGHBOURCELL"', "AT+QCAINFO", "AT+QRSRP", "AT+QTEMP"}
    assert 'AT+QENG="SERVINGCELL"' in asked
    assert len(heard) == 2  # identity with the standard commands, then the rest

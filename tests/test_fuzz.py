"""Property-based tests: arbitrary bytes and mutated real replies never break fiveg.

The framer takes any bytes in any pieces and only ever yields replies and
unsolicited lines; the parsers take real reply lines with fields mutated,
dropped, repeated or cut and never raise, never put a value outside its
physical range (3GPP TS 38.133 / 36.133 reporting ranges, fiveg.quality),
and keep what they cannot read as unparsed lines; and a line of a known
shape with a measurement moved still yields its records and the new value.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fiveg.at.framer import Framer, Reply, Urc
from fiveg.at.transcript import load
from fiveg.jsonout import snapshot_dict
from fiveg.quality import PHYSICAL_RANGE
from fiveg.vendors import generic, quectel
from fiveg.vendors.dialect import _splitter, unglue
from fiveg.vendors.registry import DIALECTS, by_name
from tests.conftest import FIXTURES

T0 = datetime(2026, 11, 29, tzinfo=UTC)


def real_answers() -> dict[str, list[tuple[str, str]]]:
    """(command, line) pairs from every bundled transcript, by command."""
    out: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(FIXTURES.glob("*.at")):
        for ex in load(path).exchanges():
            command = ex.command_text
            for line in ex.reply.decode("utf-8", "replace").splitlines():
                line = line.strip()
                if line and line not in ("OK", "ERROR") and line.upper() != command.upper():
                    out.setdefault(command, []).append((command, line))
    return out


LINES = [pair for pairs in real_answers().values() for pair in pairs]

field_values = st.one_of(
    st.integers(-(10**12), 10**12).map(str),
    st.sampled_from(["-32768", "-", "", "255", "-140", "65535", "FFFF", "0", "-0", "1e9", "NaN"]),
    st.text(alphabet=st.characters(codec="ascii"), max_size=8),
)


@st.composite
def mutated_line(draw) -> tuple[str, str]:
    command, line = draw(st.sampled_from(LINES))
    head, sep, body = line.partition(":")
    fields = body.split(",") if sep else line.split(",")
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["replace", "drop", "repeat", "cut", "append"]))
        if not fields:
            break
        i = draw(st.integers(0, len(fields) - 1))
        if action == "replace":
            fields[i] = draw(field_values)
        elif action == "drop":
            del fields[i]
        elif action == "repeat":
            fields.insert(i, fields[i])
        elif action == "cut":
            fields = fields[:i]
        else:
            fields.append(draw(field_values))
    text = ",".join(fields)
    return command, (f"{head}:{text}" if sep else text)


def in_range(metric: str, value) -> bool:
    low, high = PHYSICAL_RANGE[metric]
    return value is None or low <= value <= high


def assert_physical(snapshot) -> None:
    for group in (snapshot.serving, snapshot.carriers, snapshot.neighbours, snapshot.antennas):
        for item in group:
            for metric in ("rsrp", "rsrq", "sinr", "rssi"):
                if hasattr(item, metric):
                    assert in_range(metric, getattr(item, metric)), (metric, item)
    if snapshot.signal is not None:
        assert in_range("rssi", snapshot.signal.rssi), snapshot.signal


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutated_line(), min_size=1, max_size=12), st.sampled_from([None, "RM520N-GL"]))
def test_mutated_real_replies_never_raise_nor_leave_physical_range(lines, model):
    quectel.clear_caches()
    answers: dict[str, list[str]] = {}
    for command, line in lines:
        answers.setdefault(command, []).append(line)
    snapshot = quectel.parse_snapshot(answers, time=T0, model=model)
    assert_physical(snapshot)
    shown = sum(len(v) for v in answers.values())
    assert len(snapshot.unparsed) <= shown


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(DIALECTS),
    st.lists(mutated_line(), min_size=1, max_size=16),
    st.sampled_from([None, "L860-GL", "LN940A9", "RM520N-GL"]),
)
def test_every_dialect_takes_mutated_replies_of_every_vendor(dialect, lines, model):
    """Any dialect, fed any vendor's lines (mutated, cut, out of order), never raises,
    never leaves the physical range, and keeps what it cannot read."""
    answers: dict[str, list[str]] = {}
    for command, line in lines:
        answers.setdefault(command, []).append(line)
    snapshot = dialect.parse(answers, time=T0, model=model)
    assert snapshot.dialect == dialect.name
    assert_physical(snapshot)
    # glued records are cut apart first: count the lines the parsers were given
    cut = unglue(answers, _splitter(dialect.module))
    shown = sum(len(v) for c, v in cut.items() if c not in ("ATI", "AT+CGSN"))
    assert len(snapshot.unparsed) <= shown


@settings(max_examples=300, deadline=None)
@given(
    st.binary(max_size=400),
    st.lists(st.integers(1, 64), min_size=1, max_size=20),
    st.sampled_from(["", 'AT+QENG="servingcell"', "AT+CSQ", "ATI"]),
)
def test_framer_takes_any_bytes_in_any_pieces(data, cuts, pending):
    framer = Framer()
    if pending:
        framer.expect(pending)
    events = []
    i = 0
    for size in cuts * 20:
        if i >= len(data):
            break
        events += framer.feed(data[i : i + size])
        i += size
    events += framer.feed(data[i:])
    assert all(isinstance(e, Reply | Urc) for e in events)
    assert sum(isinstance(e, Reply) for e in events) <= (1 if pending else 0)
    framer.abandon()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=20), st.integers(1, 30))
def test_real_lines_in_any_pieces_frame_the_same(lines, size):
    """Chopping a reply anywhere never changes what the framer makes of it."""
    body = b"".join(f"\r\n{line}\r\n".encode() for _, line in lines) + b"\r\nOK\r\n"
    whole = Framer()
    whole.expect("AT+X")
    expected = whole.feed(body)
    pieces = Framer()
    pieces.expect("AT+X")
    got = []
    for i in range(0, len(body), size):
        got += pieces.feed(body[i : i + size])
    assert got == expected


# --- mutated lines of known shapes still yield their fields ------------------------------
#
# The tests above show that nothing breaks; these show that something is still read. A
# "known shape" is a line of a bundled transcript that, asked alone in its own dialect
# (with the modem's identity), gives a record. Moving one of its measurements by one unit
# (a negative number: RSRP, RSRQ, RSSI, SINR, TX power; never an enum or a filler) keeps
# the shape, so the parse must keep every record and show the change, or keep the line
# raw in ``unparsed``. A parser that drops lines, or that only reads the values of our
# fixtures, fails here.

IDENTITY_COMMANDS = {"ATI", "AT+CGMI", "AT+CGMM", "AT+CGMR", "AT+CGSN"}
MEASUREMENT = re.compile(r"^\s*-\d+(\.\d+)?\s*$")
FILLERS = {"-32768", "-32767", "-140"}

# Measurements fiveg does not represent on purpose: (dialect, prefix, field index): why.
NOT_READ = {
    ("quectel", '+QENG: "neighbourcell","WCDMA"', 7): "WCDMA RSCP: never an RSRP",
    ("quectel", '+QENG: "neighbourcell","WCDMA"', 8): "WCDMA Ec/Io: no such field",
    ("quectel", '+QENG: "servingcell","LIMSRV","WCDMA"', 10): "WCDMA RSCP: never an RSRP",
    ("quectel", '+QENG: "servingcell","LIMSRV","WCDMA"', 11): "WCDMA Ec/Io: no such field",
    ("simcom", "+CPSI: GSM", 6): "GSM RxLev in dBm: no RSRP/RSSI field for GSM cells",
    ("telit", "#RFSTS", 7): "<TXPWR>: only the leading five and the IMSI-anchored fields",
    # the RM551E capture prints -11 where <NR_RSRP> stands: no RSRP, so dropped either way
    ("quectel", '+QCAINFO: "SCC",521310,11,"NR5G BAND 41",1,153', 9): "an implausible RSRP",
}


def _answers(path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for ex in load(path).exchanges():
        framer = Framer()
        framer.expect(ex.command_text)
        for event in framer.feed(ex.reply):
            if isinstance(event, Reply) and event.final.ok:
                out[ex.command_text] = list(event.lines)
    return out


def _parse(dialect, answers, model) -> dict:
    data = snapshot_dict(dialect.parse(answers, time=T0, model=model))
    del data["time"]
    return data


def known_shapes() -> list[tuple]:
    from tests.test_dialects import EXPECTED  # the dialect each fixture is read in

    out = []
    for path in sorted(FIXTURES.glob("*.at")):
        dialect = by_name(EXPECTED[path.name])
        answers = _answers(path)
        model = generic.identity(answers).model
        ident = {c: v for c, v in answers.items() if c.upper() in IDENTITY_COMMANDS}
        nothing = _parse(dialect, ident, model)
        for command, lines in answers.items():
            if command.upper() in IDENTITY_COMMANDS:
                continue
            for line in lines:
                alone = _parse(dialect, {**ident, command: [line]}, model)
                if alone != nothing and not alone["unparsed"]:
                    out.append((path.name, dialect, model, ident, command, line, alone))
    return out


SHAPES = known_shapes()
GROUPS = ("serving", "carriers", "neighbours", "antennas", "temperatures", "network")


def _nudged(line: str, i: int) -> str:
    head, sep, body = line.partition(":")
    fields = body.split(",") if sep else line.split(",")
    value = fields[i].strip()
    moved = (
        f"{float(value) - 1:.{len(value.split('.')[1])}f}" if "." in value else str(int(value) - 1)
    )
    fields[i] = fields[i].replace(value, moved)
    return f"{head}:{','.join(fields)}" if sep else ",".join(fields)


def _measurements(line: str) -> list[int]:
    _head, sep, body = line.partition(":")
    fields = body.split(",") if sep else line.split(",")
    return [i for i, f in enumerate(fields) if MEASUREMENT.match(f) and f.strip() not in FILLERS]


def test_there_are_known_shapes_of_every_dialect():
    assert {dialect.name for _, dialect, *_ in SHAPES} == {d.name for d in DIALECTS}
    assert len(SHAPES) > 200


# every measurement of every known-shape line: a finite list, so every one is tried
MOVES = [
    (shape, i)
    for shape in SHAPES
    for i in _measurements(shape[5])
    if not any(
        shape[5].startswith(prefix) and i == j for (d, prefix, j) in NOT_READ if d == shape[1].name
    )
]


def test_most_known_shapes_carry_a_measurement():
    assert len(MOVES) > 250


@pytest.mark.parametrize(("shape", "i"), MOVES, ids=[f"{s[0]}-{i}" for s, i in MOVES])
def test_a_measurement_moved_by_one_is_still_read(shape, i):
    name, dialect, model, ident, command, line, alone = shape
    moved = _nudged(line, i)
    got = _parse(dialect, {**ident, command: [moved]}, model)
    if any(u["line"] == moved for u in got["unparsed"]):
        return  # kept raw: a reasoned outcome
    counts = {g: len(got[g] or ()) for g in GROUPS}
    assert counts == {g: len(alone[g] or ()) for g in GROUPS}, (name, moved)
    assert got != alone, f"{name}: field {i} of {line!r} is read by nothing"


STANDARD = [
    pair
    for pair in LINES
    if pair[1].startswith(("+COPS:", "+CSQ:", "+CESQ:", "+CEREG:", "+C5GREG:"))
]
# Whole answers with nothing to show: +COPS: <mode> alone (27.007 7.3, registered nowhere)
# and a +CESQ whose LTE and NR fields are all 255, "not known" (27.007 8.69).
MODE_ONLY = re.compile(r"\+COPS:\s*[0-4]\s*")
NOTHING_KNOWN = re.compile(
    r"\+CESQ:\s*(\d|[1-5]\d|6[0-3]|99),([0-7]|99),(\d|[1-8]\d|9[0-6]|255),"
    r"(\d|[1-4]\d|255),255,255(,255,255,255)?"
)


@st.composite
def mutated_standard_line(draw) -> tuple[str, str]:
    command, line = draw(st.sampled_from(STANDARD))
    head, _, body = line.partition(":")
    fields = body.split(",")
    for _ in range(draw(st.integers(1, 3))):
        action = draw(st.sampled_from(["replace", "drop", "repeat", "cut", "append"]))
        i = draw(st.integers(0, max(0, len(fields) - 1)))
        if action == "replace" and fields:
            fields[i] = draw(field_values)
        elif action == "drop" and fields:
            del fields[i]
        elif action == "repeat" and fields:
            fields.insert(i, fields[i])
        elif action == "cut":
            fields = fields[:i]
        else:
            fields.append(draw(field_values))
    return command, f"{head}:{','.join(fields)}"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_standard_line())
def test_a_broken_standard_line_is_read_or_kept_never_dropped(pair):
    """+COPS, +CSQ, +CESQ, +CEREG, +C5GREG lines cut, padded or garbled: whatever the
    generic parser cannot read as the command's form is kept raw in ``unparsed``."""
    command, line = pair
    dialect = by_name("generic")
    nothing = _parse(dialect, {}, None)
    got = _parse(dialect, {command: [line]}, None)
    kept = any(u["line"] == line for u in got["unparsed"])
    whole_but_empty = MODE_ONLY.fullmatch(line) or NOTHING_KNOWN.fullmatch(line)
    assert kept or got != nothing or whole_but_empty, line

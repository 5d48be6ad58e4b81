"""Every fault mode of the simulator against the session, 5g-info and the monitor.

For each: the right typed error or screen state, no crash, no invented
values, silence while the reading is STALE or the modem lost, recovery once
the fault clears, and a recording that keeps every exchange up to the fault.

While a fault is on, the simulated modem reports other values than before
(``shifted``): a reading taken through the noise must show the new values, and
one the fault should have spoiled (a stalled, late, cut or misattributed
reply) must show neither an invented nor a half-read value.
"""

from __future__ import annotations

import io
import json
import time

import pytest
from click.testing import CliRunner

from fiveg.at.codes import final_code
from fiveg.at.errors import AtTimeout, CmeError, PortError, PortGone
from fiveg.at.replay import Responder
from fiveg.at.session import AtSession
from fiveg.at.transcript import Recorder, load, parse
from fiveg.audio import Silent
from fiveg.beeper import Beeper
from fiveg.cli.info import info
from fiveg.faults import Fault, inject
from fiveg.poller import Poller
from fiveg.ports.transport import open_port
from fiveg.sim import PtySimulator, TcpSimulator
from fiveg.tui.app import MonitorApp
from fiveg.tui.lines import Lines
from tests.conftest import fixture_path

FIXTURE = "rm520n_nsa_ca_tim.at"
RECOVERY = 2.0  # seconds from the fault clearing to a good answer


def responder():
    return Responder(load(fixture_path(FIXTURE)))


# The same modem a moment later, every serving value moved: LTE RSRP/RSRQ/RSSI/SINR and
# the NR leg's RSRP/SINR/RSRQ (fields as in rm520n_nsa_ca_tim.at's own citations).
SHIFTS = (
    (",BE3,-99,-14,-66,7,", ",BE3,-93,-11,-62,9,"),
    ('"NR5G-NSA",222,01,920,-96,18,-10,', '"NR5G-NSA",222,01,920,-89,24,-8,'),
)
NR_SINR_CLEAN, NR_SINR_SHIFTED = 18, 24


def shifted():
    text = fixture_path(FIXTURE).read_text()
    for old, new in SHIFTS:
        assert old in text, old
        text = text.replace(old, new)
    return Responder(parse(text))


@pytest.fixture(params=["pty", "tcp"])
def server(request, tmp_path):
    sim = (
        PtySimulator(responder(), link=tmp_path / "ttyUSB2")
        if request.param == "pty"
        else TcpSimulator(responder())
    )
    sim.start()
    yield sim
    sim.stop()


def where(sim) -> str:
    return sim.path if isinstance(sim, PtySimulator) else sim.url


class Recorded:
    def __init__(self) -> None:
        self.out = io.StringIO()
        self.out.close = lambda: None
        self.recorder = Recorder(self.out)

    def transcript(self):
        return parse(self.out.getvalue())


def open_session(sim, rec: Recorded | None = None) -> AtSession:
    return AtSession(open_port(where(sim)), recorder=rec.recorder if rec else None)


def recovered_within(check, limit: float = RECOVERY) -> float:
    start = time.monotonic()
    while True:
        try:
            if check():
                return time.monotonic() - start
        except (AtTimeout, PortError):
            pass
        if time.monotonic() - start > limit:
            raise AssertionError(f"not recovered within {limit} s")
        time.sleep(0.02)


def wait_until(check, limit: float = 20.0) -> None:
    """Wait for ``check`` with a deadline generous for a loaded machine (speed: benchmarks/)."""
    recovered_within(check, limit)


def assert_recording_complete_before_fault(rec: Recorded, before: int) -> None:
    exchanges = rec.transcript().exchanges()
    assert len(exchanges) >= before
    for ex in exchanges[:before]:  # each reply whole, up to its final result code
        last = ex.reply.decode("utf-8", "replace").strip().splitlines()[-1]
        assert final_code(last) is not None, ex


QSPN = ('+QSPN: "I TIM","TIM","",0,"22201"',)


# --- the pure fault table ------------------------------------------------------------------


def test_inject_shapes():
    reply = b'\r\n+QSPN: "I TIM"\r\n\r\nOK\r\n'
    assert inject(None, b"AT+QSPN", reply, b"x") == [reply]
    assert b"".join(inject(Fault.URC_BURST, b"AT+QSPN", reply, b"x")).count(b"+QIND") == 12
    assert inject(Fault.ECHO, b"AT+QSPN", reply, b"x") == [b"AT+QSPN\r", reply]
    assert inject(Fault.WRONG, b"AT+QSPN", reply, b"other") == [b"other"]
    assert b"OK" not in b"".join(s for s in inject(Fault.STALL, b"AT", reply, b"") if s)


# --- the session, over pty and TCP ---------------------------------------------------------


@pytest.mark.parametrize("fault", [Fault.GARBAGE, Fault.URC_BURST, Fault.ECHO])
def test_session_reads_through_noise_urcs_and_echo(server, fault):
    rec = Recorded()
    session = open_session(server, rec)
    assert session.command("AT+QSPN").lines == QSPN
    server.fault = fault
    reply = session.command("AT+QSPN")
    assert reply.lines == QSPN  # nothing lost, nothing added
    if fault is Fault.URC_BURST:
        assert sum(u.startswith("+QIND") for u in session.urcs) == 12
    if fault is Fault.ECHO:
        assert reply.echoed
    if fault is Fault.GARBAGE:
        assert any("garbage" in s for s in session.stray)
    server.fault = None
    assert session.command("AT+QSPN").lines == QSPN
    assert_recording_complete_before_fault(rec, 3)
    session.port.close()


def test_session_cme_error_is_typed(server):
    session = open_session(server)
    server.fault = Fault.CME
    with pytest.raises(CmeError) as err:
        session.command("AT+QSPN")
    assert err.value.code == 100
    server.fault = None
    wait_until(lambda: session.command("AT+QSPN").lines == QSPN)
    session.port.close()


@pytest.mark.parametrize("fault", [Fault.STALL, Fault.SLOW])
def test_session_times_out_then_recovers(server, fault):
    rec = Recorded()
    session = open_session(server, rec)
    session.command("AT+QSPN")
    server.slow = 0.8
    server.fault = fault
    with pytest.raises(AtTimeout) as err:
        session.command("AT+QSPN", timeout=0.3)
    if fault is Fault.STALL:
        assert err.value.partial  # the half line is kept, not parsed
    server.fault = None
    wait_until(lambda: session.command("AT+CSQ", timeout=0.5).lines[0][:5] == "+CSQ:")
    # the late reply (SLOW) was not taken as AT+CSQ's answer: the check above saw +CSQ
    notes = [r.note for r in rec.transcript().records if r.kind == "!"]
    assert "timeout AT+QSPN" in notes
    assert_recording_complete_before_fault(rec, 1)
    session.port.close()


def test_session_disconnect_mid_reply_is_port_gone_then_reopens(server):
    rec = Recorded()
    session = open_session(server, rec)
    session.command("AT+QSPN")
    server.fault = Fault.DISCONNECT
    with pytest.raises(PortGone):
        session.command("AT+QSPN", timeout=1.0)
    session.port.close()
    server.fault = None
    if isinstance(server, PtySimulator):
        server.reappear()  # a USB modem comes back at the same path
    wait_until(lambda: open_session(server).command("AT+QSPN").lines == QSPN)
    assert_recording_complete_before_fault(rec, 1)
    # over TCP the half reply sent before the drop arrived, and is recorded
    # (a pty discards what its reader had not yet taken when the device goes)
    if isinstance(server, TcpSimulator):
        assert rec.transcript().exchanges()[1].reply


def test_device_vanishing_and_coming_back(server):
    session = open_session(server)
    session.command("AT+QSPN")
    server.vanish()
    with pytest.raises(PortGone):
        session.command("AT+QSPN", timeout=1.0)
    session.port.close()
    with pytest.raises(PortError):
        open_session(server)
    server.reappear()
    wait_until(lambda: open_session(server).command("AT+QSPN").lines == QSPN)


def test_wrong_reply_is_not_taken_for_the_asked_command(server):
    session = open_session(server)
    session.command("AT+CSQ")
    server.fault = Fault.WRONG
    reply = session.command("AT+QSPN")  # gets AT+CSQ's reply
    assert reply.with_prefix("+QSPN:") == []
    assert reply.lines[0].startswith("+CSQ:")  # kept under its own prefix, parsed as what it is
    server.fault = None
    session.port.close()


# --- 5g-info -------------------------------------------------------------------------------


def run_info(sim, *extra):
    return CliRunner().invoke(info, ["--port", where(sim), "--json", *extra])


def clean_values(sim, responder=None) -> dict:
    sim.fault = None
    if responder is not None:
        sim.responder = responder
    result = run_info(sim)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    del data["time"]
    return data


def numbers(tree) -> set:
    if isinstance(tree, dict):
        return set().union(*(numbers(v) for k, v in tree.items() if k != "time")) if tree else set()
    if isinstance(tree, list):
        return set().union(*(numbers(v) for v in tree)) if tree else set()
    return {tree} if isinstance(tree, int | float) and not isinstance(tree, bool) else set()


def test_the_shifted_modem_differs_in_every_serving_value(server):
    good, moved = clean_values(server), clean_values(server, shifted())
    for before, after in zip(good["serving"], moved["serving"], strict=True):
        for key in ("rsrp", "rsrq", "sinr"):
            assert before[key] is not None and before[key] != after[key], key


@pytest.mark.parametrize(
    ("fault", "code", "says"),
    [
        (Fault.GARBAGE, 0, None),
        (Fault.URC_BURST, 0, None),
        (Fault.ECHO, 0, None),
        (Fault.WRONG, 0, None),
        (Fault.CME, 4, "answered no command"),
        (Fault.STALL, 4, "no final result code"),
        (Fault.SLOW, 4, "no final result code"),
        (Fault.DISCONNECT, 3, "failed"),
    ],
)
def test_info_under_each_fault(server, fault, code, says):
    good = clean_values(server)
    moved = clean_values(server, shifted())
    server.fault = fault
    server.slow = 0.6
    result = run_info(server, "--timeout", "0.3")
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    if says:
        assert says in result.stderr
        if result.stdout:  # the document of a run where nothing answered: no values at all
            got = json.loads(result.stdout)
            assert got["serving"] == [] and got["carriers"] == []
    else:
        got = json.loads(result.stdout)
        del got["time"]
        if fault is Fault.WRONG:  # each reply is another command's: parsed as what it is
            assert numbers(got) <= numbers(moved)
            assert got != moved
        else:  # read through the noise: exactly what the modem now says
            assert got == moved
    if fault is Fault.DISCONNECT and isinstance(server, PtySimulator):
        server.reappear()
    server.fault = None
    server.responder = responder()
    wait_until(lambda: run_info(server).exit_code == 0)
    assert clean_values(server) == good  # nothing of the faulted replies stayed behind


def test_info_on_a_vanished_device_exits_3(server):
    server.vanish()
    result = run_info(server)
    assert result.exit_code == 3
    server.reappear()
    wait_until(lambda: run_info(server).exit_code == 0)


# --- the monitor ---------------------------------------------------------------------------


def status(app) -> str:
    return str(app.query_one("#status", Lines).render())


def events(app) -> str:
    return str(app.query_one("#events", Lines).render())


async def wait(pilot, condition, limit: float = 20.0) -> float:
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > limit:
            raise AssertionError("condition not met in time")
        await pilot.pause(0.02)
    return time.monotonic() - start


class Sounds:
    """What the beeper was told and what it played, on its own clock, for the silence check."""

    def __init__(self, beeper: Beeper) -> None:
        self.log: list[tuple[float, str, float | None]] = []  # (time, what, value or fresh_for)
        update, silence = beeper.update, beeper.silence

        def logged_update(quantity, value, fresh_for):
            self.log.append(
                (time.monotonic(), "update" if value is not None else "none", fresh_for)
            )
            update(quantity, value, fresh_for)

        def logged_silence():
            self.log.append((time.monotonic(), "silence", None))
            silence()

        beeper.update, beeper.silence = logged_update, logged_silence
        # the time the beeper decided to play (its clock is time.monotonic)
        beeper.on_play = lambda beep, now: self.log.append((now, "play", None))

    def shown(self, screen: str) -> None:
        """The screen says STALE or MODEM LOST now: from here on, silence until a new value."""
        if "STALE" in screen or "MODEM LOST" in screen:
            self.log.append((time.monotonic(), "shown", None))

    def played_while_stale_or_lost(self, slack: float = 0.05) -> list[float]:
        """Beeps played more than ``fresh_for`` after the last fresh value, or after a silence."""
        fresh_until = None
        bad = []
        for at, what, arg in sorted(self.log, key=lambda entry: entry[0]):
            if what == "update":
                fresh_until = at + arg
            elif what in ("none", "silence", "shown"):
                fresh_until = None
            elif what == "play" and (fresh_until is None or at > fresh_until + slack):
                bad.append(at)
        return bad

    def plays(self) -> int:
        return sum(what == "play" for _, what, _ in self.log)


@pytest.mark.parametrize(
    ("fault", "shows", "reads_through"),
    [
        (Fault.GARBAGE, "LIVE", True),
        (Fault.URC_BURST, "LIVE", True),
        (Fault.ECHO, "LIVE", True),
        (Fault.CME, "+CME ERROR: 100", False),
        (Fault.STALL, "STALE", False),
        (Fault.SLOW, "STALE", False),
        (Fault.DISCONNECT, "MODEM LOST", False),
        (Fault.WRONG, "LIVE", None),
        ("vanish", "MODEM LOST", False),
    ],
)
async def test_monitor_under_each_fault(server, fault, shows, reads_through):
    rec = Recorded()
    poller = Poller(lambda: open_session(server, rec), timeout=0.3, slow_every=1.0)
    beeper = Beeper(Silent()).start()
    sounds = Sounds(beeper)
    app = MonitorApp(poller, beeper, interval=0.1)
    seen: set = set()

    def note():
        seen.add(app.reading.value if app.reading else None)
        sounds.shown(status(app))
        return True

    try:
        async with app.run_test(size=(130, 42)) as pilot:
            await wait(pilot, lambda: "LIVE" in status(app))
            good = app.reading.value
            assert good == NR_SINR_CLEAN
            await wait(pilot, lambda: sounds.plays() >= 2)  # it was beeping (18 dB)
            before = len(rec.transcript().exchanges())
            server.slow = 0.6
            if fault == "vanish":
                server.vanish()
            else:
                server.fault = fault
            server.responder = shifted()  # after the fault is on: no clean poll reads it
            await wait(pilot, lambda: note() and shows in status(app) + events(app))
            if reads_through:  # a reply through the noise is read, and is the new one
                await wait(pilot, lambda: note() and app.reading.value == NR_SINR_SHIFTED)
            else:
                if reads_through is False:
                    await wait(pilot, lambda: note() and "LIVE" not in status(app))
                for _ in range(10):  # a second of the fault going on
                    await pilot.pause(0.1)
                    note()
            # never an invented or half-read value: the last good one, none, or (a reply
            # taken for another command's, parsed as what it is) the modem's new one
            allowed = {good, None, NR_SINR_SHIFTED} if reads_through is not False else {good, None}
            assert seen <= allowed, seen
            server.fault = None
            server.responder = responder()
            if fault in ("vanish", Fault.DISCONNECT) and (
                fault == "vanish" or isinstance(server, PtySimulator)
            ):
                server.reappear()
            await wait(
                pilot,
                lambda: "LIVE" in status(app) and app.error is None and app.reading.value == good,
                limit=20,
            )
        assert_recording_complete_before_fault(rec, min(before, 3))
        # silent whenever the reading was STALE or the modem lost, in every mode
        assert sounds.played_while_stale_or_lost() == []
    finally:
        beeper.stop()
        poller.close()

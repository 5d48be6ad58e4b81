"""Replaying a transcript by its own clock, and answering chains from recorded parts."""

from __future__ import annotations

import time

import pytest

from fiveg.at.replay import PacedReplayPort, ReplayEnded, Responder
from fiveg.at.session import AtSession
from fiveg.at.transcript import load, parse
from tests.conftest import FakeClock, fixture_path

TIMED = parse(
    "fiveg-transcript 1\n"
    "> 1.000 AT+CSQ\\r\n< 1.040 \\r\\n+CSQ: 10,99\\r\\n\\r\\nOK\\r\\n\n"
    "> 5.000 AT+CSQ\\r\n< 5.200 \\r\\n+CSQ: 20,99\\r\\n\\r\\nOK\\r\\n\n"
    "> 9.000 AT+CSQ\\r\n< 9.010 \\r\\n+CSQ: 30,99\\r\\n\\r\\nOK\\r\\n\n"
)


def test_by_time_the_reply_recorded_last_before_that_moment():
    r = Responder(TIMED)
    assert b"+CSQ: 10" in r.reply("AT+CSQ", at=0.0)  # before the first: the first
    assert b"+CSQ: 10" in r.reply("AT+CSQ", at=4.99)
    assert b"+CSQ: 20" in r.reply("AT+CSQ", at=5.0)
    assert b"+CSQ: 30" in r.reply("AT+CSQ", at=100)
    assert r.reply_with_delay("AT+CSQ", at=6)[1] == pytest.approx(0.2)


def test_in_turn_is_unchanged_without_a_time():
    r = Responder(TIMED)
    assert [r.reply("AT+CSQ")[8:10] for _ in range(4)] == [b"10", b"20", b"30", b"10"]


def test_a_chain_nobody_recorded_is_answered_from_its_parts():
    r = Responder(load(fixture_path("rm520n_nsa_ca_tim.at")))
    reply = r.reply('AT+QENG="servingcell";+QRSRP').decode()
    lines = [ln for ln in reply.split("\r\n") if ln]
    assert lines == [
        '+QENG: "servingcell","NOCONN"',
        '+QENG: "LTE","FDD",222,01,328261F,280,275,1,4,4,BE3,-99,-14,-66,7,4,30,-',
        '+QENG: "NR5G-NSA",222,01,920,-96,18,-10,648768,78,10,1',
        "+QRSRP: -101,-105,-105,-99,LTE",
        "OK",
    ]


def test_a_chain_stops_at_the_first_failing_part_as_a_modem_does():
    r = Responder(load(fixture_path("cme_error_no_sim.at")))
    lines = [ln for ln in r.reply("AT+CSQ;+QSPN;+COPS?").decode().split("\r\n") if ln]
    assert lines[0].startswith("+CSQ:")
    assert lines[-1] == "+CME ERROR: 10"
    assert not any(ln.startswith("+COPS") for ln in lines)
    # a part never recorded fails as an unknown command: the parts before it answer
    assert r.reply("AT+CSQ;+NOSUCH").endswith(b"\r\nERROR\r\n")
    assert r.reply("AT+CSQ;+NOSUCH").startswith(b"\r\n+CSQ:")
    assert r.reply("AT+NOSUCH;+CSQ") == b"\r\nERROR\r\n"


def test_paced_port_answers_as_the_modem_did_at_that_transcript_time():
    clock = FakeClock()
    port = PacedReplayPort(TIMED, speed=2.0, clock=clock)
    port.timeout = 0
    assert port.transcript_time() == 1.0  # starts at the first record
    port.write(b"AT+CSQ\r")
    assert port.in_waiting == 0  # the modem's recorded 40 ms, at double speed: 20 ms
    clock.advance(0.019)
    assert port.read(100) == b""
    clock.advance(0.002)
    assert b"+CSQ: 10" in port.read(100)
    clock.advance(2.0)  # transcript time 1 + 2.021*2 = 5.04
    port.write(b"AT+CSQ\r")
    clock.advance(0.1)
    assert b"+CSQ: 20" in port.read(100)


def test_paced_port_ends_or_loops():
    clock = FakeClock()
    ending = PacedReplayPort(TIMED, clock=clock)
    looping = PacedReplayPort(TIMED, clock=clock, loop=True)
    clock.advance(9.5)  # transcript 10.5: past the end (9.01)
    with pytest.raises(ReplayEnded, match="replay finished"):
        ending.write(b"AT+CSQ\r")
    assert looping.transcript_time() == pytest.approx(1.0 + 9.5 % 8.01)  # 2.49: round two
    looping.timeout = 0
    looping.write(b"AT+CSQ\r")
    clock.advance(3)  # 5.49
    looping.write(b"AT+CSQ\r")
    clock.advance(1)
    assert [line for line in looping.read(200).split(b"\r\n") if b"CSQ" in line] == [
        b"+CSQ: 10,99",
        b"+CSQ: 20,99",
    ]


def test_paced_replay_through_a_real_session_sees_the_signal_move():
    """The sweep at 20x through AtSession and the framer: values change with time."""
    port = PacedReplayPort(load(fixture_path("rm520n_sweep_demo.at")), speed=20.0)
    session = AtSession(port)
    first = session.command('AT+QENG="servingcell";+QRSRP', timeout=2).lines
    seen = {first}
    deadline = time.monotonic() + 60  # 23 s of transcript at 20x: about 1.2 s, unless loaded
    while port.transcript_time() < 23:
        assert time.monotonic() < deadline, "the paced replay did not advance"
        seen.add(session.command('AT+QENG="servingcell";+QRSRP', timeout=2).lines)
    assert len(seen) > 5
    assert any(",920,-88,24," in line for lines in seen for line in lines)  # the first peak

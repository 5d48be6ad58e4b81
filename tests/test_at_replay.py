"""Answering from a transcript: the exact bytes served, chains cut and joined, paced time."""

from __future__ import annotations

import threading
import time

import pytest

from fiveg.at.replay import (
    CommandSplitter,
    PacedReplayPort,
    ReplayEnded,
    ReplayPort,
    Responder,
    Timeline,
    normalize,
)
from fiveg.at.transcript import parse


def transcript(*exchanges: tuple[float, str, list[tuple[float, str]]], meta: str = ""):
    """A transcript from (time, command, [(time, received), ...]) in the file's own escapes."""
    lines = ["fiveg-transcript 1", *([meta] if meta else [])]
    for t, command, chunks in exchanges:
        lines.append(f"> {t:.3f} {command}\\r")
        lines += [f"< {ct:.3f} {data}" for ct, data in chunks]
    return parse("\n".join(lines) + "\n")


OK = "\\r\\nOK\\r\\n"


def test_normalize_never_fails_on_noise():
    assert normalize(b" at+csq\r") == "AT+CSQ"
    assert normalize(b"at+c\xffsq") == "AT+C\ufffdSQ"
    assert normalize(' at+qeng="servingcell" ') == 'AT+QENG="SERVINGCELL"'


def test_a_recorded_chain_answers_its_parts_with_exactly_their_lines():
    t = transcript(
        (
            1.0,
            'AT+QENG="servingcell";+QCAINFO;+QSPN',
            [(1.05, '\\r\\n+QENG: "servingcell","NOCONN"\\r\\n+QCAINFO: "PCC",1\\r\\n' + OK)],
        ),
    )
    r = Responder(t)
    assert r.reply('AT+QENG="servingcell"') == b'\r\n+QENG: "servingcell","NOCONN"\r\n\r\nOK\r\n'
    assert r.reply("at+qcainfo") == b'\r\n+QCAINFO: "PCC",1\r\n\r\nOK\r\n'
    assert r.reply("AT+QSPN") == b"\r\nOK\r\n"  # a part that printed nothing: OK alone


def test_a_chain_is_cut_by_prefix_whatever_comes_between():
    reply = (
        "AT+CSQ;+QSPN\\r\\r\\n"  # the echo belongs to no part
        "stray before any part\\r\\n"
        "+CSQ: 28,99\\r\\n"
        "\\r\\n+QIND: SMS DONE\\r\\n"  # a URC: nobody's
        "+QNWINFO: x\\r\\n^FOO: 1\\r\\n#BAR: 2\\r\\n!BAZ: 3\\r\\n$QCX: 4\\r\\n"  # other commands'
        '+QSPN: "SUN","SUN","SUN",0,"51503"\\r\\n'
        "row under it\\r\\n" + OK
    )
    r = Responder(transcript((0.5, "AT+CSQ;+QSPN", [(0.6, reply)])))
    assert r.reply("AT+CSQ") == b"\r\n+CSQ: 28,99\r\n\r\nOK\r\n"
    assert (
        r.reply("AT+QSPN")
        == b'\r\n+QSPN: "SUN","SUN","SUN",0,"51503"\r\nrow under it\r\n\r\nOK\r\n'
    )


@pytest.mark.parametrize("final", ["\\r\\nERROR\\r\\n", "\\r\\n+CME ERROR: 10\\r\\n", ""])
def test_a_chain_that_did_not_end_in_ok_is_not_cut(final):
    r = Responder(transcript((0.5, "AT+CSQ;+QSPN", [(0.6, "\\r\\n+CSQ: 28,99\\r\\n" + final)])))
    assert r.reply("AT+CSQ") == b"\r\nERROR\r\n"  # not recorded alone: unknown


def test_a_chain_nobody_recorded_joins_its_parts_replies_and_delays():
    t = transcript(
        (1.0, "AT+CSQ", [(1.25, "AT+CSQ\\r\\r\\n+CSQ: 28,99\\r\\n\\r\\n"), (1.25, "OK\\r\\n")]),
        (2.0, "AT+QSPN", [(2.5, '\\r\\n+QSPN: "SUN"\\r\\n' + OK)]),
    )
    r = Responder(t)
    reply, delay = r.reply_with_delay("AT+CSQ;+QSPN")
    assert reply == b'\r\n+CSQ: 28,99\r\n+QSPN: "SUN"\r\n\r\nOK\r\n'  # the echo dropped
    assert delay == pytest.approx(0.75)


def test_a_chain_of_parts_that_printed_nothing_is_ok_alone():
    r = Responder(transcript((1.0, "AT+A", [(1.0, OK)]), (2.0, "AT+B", [(2.0, OK)])))
    assert r.reply("AT+A;+B") == b"\r\nOK\r\n"


def test_a_part_recorded_with_no_reply_ends_a_chain_with_error():
    # a part that timed out when recorded: no bytes, so no final code to give
    t = transcript((1.0, "AT+CSQ", [(1.1, "\\r\\n+CSQ: 28,99\\r\\n" + OK)]), (2.0, "AT+QSPN", []))
    r = Responder(t)
    assert r.reply_with_delay("AT+QSPN") == (b"", 0.0)
    assert r.reply("AT+CSQ;+QSPN;+CSQ") == b"\r\n+CSQ: 28,99\r\n\r\nERROR\r\n"


def test_a_chain_by_time_takes_each_part_as_it_was_then():
    t = transcript(
        (1.0, "AT+CSQ", [(1.0, "\\r\\n+CSQ: 10,99\\r\\n" + OK)]),
        (1.0, "AT+QSPN", [(1.0, '\\r\\n+QSPN: "A"\\r\\n' + OK)]),
        (5.0, "AT+CSQ", [(5.0, "\\r\\n+CSQ: 20,99\\r\\n" + OK)]),
    )
    r = Responder(t)
    assert b"+CSQ: 20,99" in r.reply("AT+CSQ;+QSPN", at=6.0)
    assert b"+CSQ: 20,99" in r.reply("AT+CSQ;+QSPN", at=6.0)  # by time, not in turn


def test_plain_at_is_ok_and_anything_unknown_is_error_at_once():
    r = Responder(transcript(meta="@ model: RM520N-GL"))
    assert r.reply_with_delay("AT") == (b"\r\nOK\r\n", 0.0)
    assert r.reply("at") == b"\r\nOK\r\n"
    assert r.reply_with_delay("AT+NOSUCH") == (b"\r\nERROR\r\n", 0.0)
    assert r.meta == {"model": "RM520N-GL"}
    assert r.received == ["AT", "AT", "AT+NOSUCH"]


def test_command_splitter_keeps_a_command_cut_between_reads():
    s = CommandSplitter()
    assert s.feed(b"AT+C") == []
    assert s.feed(b"SQ\r\nATI\r AT") == [b"AT+CSQ", b"ATI"]  # the LF of a CRLF is dropped
    assert s.feed(b"\r\r") == [b"AT"]


def test_replay_port_looks_like_a_closed_or_open_pyserial_port():
    port = ReplayPort(transcript((0.0, "AT+CSQ", [(0.0, "\\r\\n+CSQ: 1,99\\r\\n" + OK)])))
    assert (port.port, port.timeout, port.is_open) == ("replay", None, True)
    port.write(b"AT+CSQ\r")
    assert port.read() == b"\r"  # one byte by default, as pyserial's read()
    assert port.in_waiting == len(b"\n+CSQ: 1,99\r\n\r\nOK\r\n")
    port.reset_input_buffer()
    assert port.in_waiting == 0
    port.close()
    assert port.is_open is False
    assert ReplayPort(transcript(), name="x.at").port == "x.at"


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def test_timeline_runs_at_its_speed_from_the_first_record():
    clock = Clock()
    t = transcript((2.0, "AT", [(2.5, OK)]), (4.0, "AT", [(4.0, OK)]))
    line = Timeline(t, clock=clock)  # speed 1 by default
    assert line() == 2.0
    clock.t += 1.5
    assert line() == 3.5
    clock.t += 0.5
    assert line() == 4.0  # the very end is still in it
    clock.t += 0.1
    with pytest.raises(ReplayEnded, match=r"^replay: replay finished at 4\.0 s$"):
        line()
    fast = Timeline(t, 4.0, clock=clock, name="sweep.at")
    clock.t += 0.25
    assert fast() == 3.0
    clock.t += 10
    with pytest.raises(ReplayEnded, match=r"^sweep\.at: "):
        fast()


def test_timeline_loops_or_holds_when_asked():
    clock = Clock()
    t = transcript((1.0, "AT", [(1.5, OK)]))
    looping = Timeline(t, clock=clock, loop=True)
    holding = Timeline(t, clock=clock, hold=True)
    clock.t += 0.75
    assert (looping(), holding()) == (pytest.approx(1.25), 1.5)
    single = Timeline(transcript((1.0, "AT", [])), clock=clock, loop=True, hold=True)
    clock.t += 5
    assert single() == 1.0  # nothing to loop over: it holds


def test_timeline_of_an_empty_transcript_starts_and_ends_at_zero():
    clock = Clock()
    line = Timeline(transcript(), clock=clock, hold=True)
    assert (line.first, line.last, line()) == (0.0, 0.0, 0.0)


@pytest.mark.parametrize("speed", [0, -1])
def test_timeline_speed_must_be_positive(speed):
    with pytest.raises(ValueError, match=r"^speed must be positive$"):
        Timeline(transcript(), speed)


TIMED = transcript(
    (1.0, "AT+CSQ", [(1.0, "\\r\\n+CSQ: 10,99\\r\\n" + OK)]),
    (3.0, "AT+CSQ", [(3.1, "\\r\\n+CSQ: 30,99\\r\\n" + OK)]),
)


def test_paced_port_answers_at_once_what_was_answered_at_once():
    clock = Clock()
    port = PacedReplayPort(TIMED, clock=clock, name="t.at")
    assert port.port == "t.at"
    port.write(b"AT+CSQ\r")
    assert port.in_waiting == len(b"\r\n+CSQ: 10,99\r\n\r\nOK\r\n")
    assert port.read() == b"\r"
    clock.t += 10
    with pytest.raises(ReplayEnded, match=r"^t\.at: "):
        port.write(b"AT+CSQ\r")


def test_paced_port_read_waits_for_a_reply_due_within_its_timeout():
    port = PacedReplayPort(TIMED, speed=1.0)
    port.timeout = 1.0
    start = time.monotonic()
    while port.transcript_time() < 3.0:
        time.sleep(0.01)
    port.write(b"AT+CSQ\r")  # recorded 0.1 s after the command
    assert port.in_waiting == 0
    first = port.read(1)
    waited = time.monotonic() - start
    assert first == b"\r"
    assert port.read(100) == b"\n+CSQ: 30,99\r\n\r\nOK\r\n"
    assert waited < 2.9  # it returned when the reply came, not at the timeout


def test_paced_port_read_returns_at_its_timeout_when_nothing_comes():
    port = PacedReplayPort(TIMED, speed=1.0)
    port.timeout = 0.1
    start = time.monotonic()
    assert port.read(1) == b""
    assert 0.09 <= time.monotonic() - start < 0.5
    port.timeout = None
    assert port.read(1) == b""  # no timeout: a read does not block


def test_closing_a_paced_port_wakes_a_blocked_read():
    port = PacedReplayPort(TIMED, speed=1.0)
    port.timeout = 5.0
    got = []
    reader = threading.Thread(target=lambda: got.append(port.read(1)))
    start = time.monotonic()
    reader.start()
    time.sleep(0.05)
    port.close()
    reader.join(2)
    assert got == [b""] and time.monotonic() - start < 1.0


def test_a_chain_from_parts_decodes_their_noise_without_failing():
    t = transcript(
        (1.0, "AT+CSQ", [(1.0, "\\r\\n+CSQ: 28,99\\xff\\r\\n" + OK)]),
        (2.0, "AT+QSPN", [(2.0, OK)]),
    )
    assert Responder(t).reply("AT+CSQ;+QSPN") == "\r\n+CSQ: 28,99\ufffd\r\n\r\nOK\r\n".encode()


def test_a_line_that_is_no_command_is_answered_with_error():
    port = ReplayPort(transcript())
    port.write(b"X\r")
    assert port.read(100) == b"\r\nERROR\r\n"
    port.write(b"\n \r")  # an empty line is nothing at all
    assert port.read(100) == b""


def test_paced_port_is_named_replay_by_default_and_answers_from_a_clock_at_zero():
    clock = Clock()
    clock.t = 0.0
    port = PacedReplayPort(TIMED, clock=clock)
    assert port.port == "replay"
    port.write(b"AT+CSQ\r")  # recorded with no delay: there at once, whatever the clock reads
    assert port.in_waiting == len(b"\r\n+CSQ: 10,99\r\n\r\nOK\r\n")
    clock.t = 100.0
    with pytest.raises(ReplayEnded, match=r"^replay: "):
        port.write(b"AT+CSQ\r")


def test_a_recorded_chain_with_noise_is_still_cut():
    # noise after a USB reset, inside a chained capture: decoded as U+FFFD, never a failure
    reply = '\\r\\n+CSQ: 28,99\\xfe\\r\\n+QSPN: "A"\\r\\n' + OK
    r = Responder(transcript((0.5, "AT+CSQ;+QSPN", [(0.6, reply)])))
    assert r.reply("AT+CSQ") == "\r\n+CSQ: 28,99\ufffd\r\n\r\nOK\r\n".encode()
    assert r.reply("AT+QSPN") == b'\r\n+QSPN: "A"\r\n\r\nOK\r\n'


def test_a_chain_recorded_without_any_reply_is_not_cut():
    # the modem never answered it (a timeout when it was recorded): nothing to cut, no failure
    r = Responder(transcript((0.5, "AT+CSQ;+QSPN", [])))
    assert r.reply("AT+CSQ;+QSPN") == b""
    assert r.reply("AT+CSQ") == b"\r\nERROR\r\n"

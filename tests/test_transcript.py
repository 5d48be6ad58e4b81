"""The transcript format: escapes, parsing, recording, and a killed recording."""

from __future__ import annotations

import io

import pytest

from fiveg.at.errors import TranscriptError
from fiveg.at.replay import ReplayPort, Responder
from fiveg.at.session import AtSession
from fiveg.at.transcript import Recorder, escape, load, parse, unescape

from .conftest import fixture_path


@pytest.mark.parametrize(
    "data",
    [b"AT+CSQ\r", b"\r\nOK\r\n", b"back\\slash", b"\x00\xff\x7f\t", b"trailing ", b" lead", b""],
)
def test_escape_roundtrip(data):
    text = escape(data)
    assert "\n" not in text and "\r" not in text and not text.endswith(" ")
    assert unescape(text) == data


def test_bad_escape_is_an_error():
    with pytest.raises(ValueError):
        unescape("\\q")


def test_parse_exchanges_and_meta():
    t = parse(
        "fiveg-transcript 1\n@ model: RM520N-GL\n# note\n"
        "< 0.000 \\r\\nRDY\\r\\n\n"
        "> 0.010 AT+CSQ\\r\n< 0.040 \\r\\n\n< 0.040 +CSQ: 28,99\\r\\n\n< 0.041 \\r\\nOK\\r\\n\n"
        "! 0.100 timeout AT+QTEMP\n"
    )
    assert t.meta == {"model": "RM520N-GL"}
    assert t.preamble == b"\r\nRDY\r\n"
    (ex,) = t.exchanges()
    assert ex.command == b"AT+CSQ\r" and ex.reply == b"\r\n+CSQ: 28,99\r\n\r\nOK\r\n"
    assert [c[0] for c in ex.chunks] == [0.04, 0.04, 0.041]


def test_malformed_line_names_its_line_number():
    with pytest.raises(TranscriptError, match=":3:"):
        parse("fiveg-transcript 1\n> 0.0 AT\\r\n< nonsense\n")
    with pytest.raises(TranscriptError, match="line 1"):
        parse("hello\n")


def test_recorder_writes_what_session_exchanged_and_replays_identically(tmp_path):
    src = load(fixture_path("rm520n_nsa_ca_tim.at"))
    out = io.StringIO()
    ticks = iter(i * 0.01 for i in range(10_000))
    recorder = Recorder(out, {"port": "replay"}, clock=lambda: next(ticks))
    session = AtSession(ReplayPort(src), recorder=recorder)
    first = session.command('AT+QENG="servingcell"')
    session.command("AT+QCAINFO")
    recorder.flush()
    again = parse(out.getvalue())
    assert again.meta == {"port": "replay"}
    assert [e.command for e in again.exchanges()] == [b'AT+QENG="servingcell"\r', b"AT+QCAINFO\r"]
    replayed = AtSession(ReplayPort(again)).command('AT+QENG="servingcell"')
    assert replayed.lines == first.lines


def test_a_killed_recording_is_readable_up_to_the_last_whole_line(tmp_path):
    path = tmp_path / "rec.at"
    recorder = Recorder.to_path(path, {"tool": "test"})
    session = AtSession(ReplayPort(load(fixture_path("rm520n_nsa_ca_tim.at"))), recorder=recorder)
    session.command("ATI")
    session.command("AT+CSQ")
    # no close(): the process dies here, cutting its last line inside an escape
    with open(path, "a", encoding="utf-8") as f:
        f.write("< 9.999 \\r\\n+QENG: \\x2")
    t = load(path)
    assert [e.command_text for e in t.exchanges()] == ["ATI", "AT+CSQ"]
    assert t.exchanges()[1].reply == b"\r\n+CSQ: 28,99\r\n\r\nOK\r\n"


def test_responder_serves_replies_in_turn_then_again():
    t = parse(
        "fiveg-transcript 1\n"
        "> 0 AT+CSQ\\r\n< 0 \\r\\n+CSQ: 10,99\\r\\n\\r\\nOK\\r\\n\n"
        "> 1 AT+CSQ\\r\n< 1 \\r\\n+CSQ: 20,99\\r\\n\\r\\nOK\\r\\n\n"
    )
    r = Responder(t)
    got = [r.reply(b"at+csq") for _ in range(3)]
    assert [b"10" in g for g in got] == [True, False, True]
    assert r.reply(b"AT+CFUN=0") == b"\r\nERROR\r\n"
    assert r.received == ["AT+CSQ", "AT+CSQ", "AT+CSQ", "AT+CFUN=0"]


def test_responder_cuts_a_chained_capture_by_prefix():
    r = Responder(load(fixture_path("rm5xx_sa_tdd_tmobile.at")))
    reply = r.reply('AT+QENG="servingcell"')
    assert reply.startswith(b'\r\n+QENG: "servingcell","NOCONN","NR5G-SA"')
    assert reply.endswith(b"\r\nOK\r\n") and b"QCAINFO" not in reply
    assert r.reply("AT+QCAINFO").count(b"+QCAINFO:") == 2

"""The transcript format pinned to a file written by hand from README's description.

tests/golden/transcript_v1.at was typed from the documented format (README
"Transcripts", at/transcript.py's docstring), not produced by the recorder:
each documented escape appears once (``\\r \\n \\t \\\\``, ``\\xHH`` for a
byte outside printable ASCII, a trailing space as ``\\x20``), received bytes
are split after each ``\\n``, and notes, metadata and comments keep their
places. Recording the same conversation must give that file byte for byte,
and reading it must give back the exact bytes.
"""

from __future__ import annotations

import io
from pathlib import Path

from fiveg.at.transcript import Recorder, escape, parse, unescape
from tests.conftest import FakeClock

GOLDEN = Path(__file__).parent / "golden" / "transcript_v1.at"

SENT_CSQ = b"AT+CSQ\r"
REPLY_CSQ = b"AT+CSQ\r\r\n+CSQ: 28,99\r\n\r\nOK\r\n"  # echo on, then the reply
SENT_QSPN = b"AT+QSPN\r"
REPLY_QSPN = b'\r\n+QSPN: "C:\\x","A\tB"\r\n\xff\x00\x1b[?\x7f\x80\r\nOK\r\n'
TAIL = b"partial "  # a reply cut off after a space (the link dropped)


def record_the_conversation() -> str:
    clock = FakeClock(start=100.0)
    out = io.StringIO()
    out.close = lambda: None  # keep the text readable after close()
    recorder = Recorder(out, {"tool": "golden"}, clock=clock)
    clock.t = 100.010
    recorder.sent(SENT_CSQ)
    clock.t = 100.040
    recorder.received(REPLY_CSQ)
    clock.t = 100.5
    recorder.note("timeout AT+QTEMP")
    clock.t = 101.25
    recorder.sent(SENT_QSPN)
    clock.t = 101.3
    recorder.received(REPLY_QSPN)
    clock.t = 101.4
    recorder.received(TAIL)
    recorder.meta("dialect", "quectel")
    recorder.comment("model RM520N-GL")
    recorder.close()
    return out.getvalue()


def test_the_recorder_writes_the_golden_file_byte_for_byte():
    assert record_the_conversation() == GOLDEN.read_text(encoding="utf-8")


def test_the_golden_file_reads_back_to_the_exact_bytes():
    transcript = parse(GOLDEN.read_text(encoding="utf-8"))
    assert transcript.meta == {"tool": "golden", "dialect": "quectel"}
    first, second = transcript.exchanges()
    assert (first.command, first.t, first.reply) == (SENT_CSQ, 0.010, REPLY_CSQ)
    assert (second.command, second.t, second.reply) == (SENT_QSPN, 1.25, REPLY_QSPN + TAIL)
    assert [t for t, _ in second.chunks] == [1.3, 1.3, 1.3, 1.3, 1.4]  # one per line
    assert [(r.t, r.note) for r in transcript.records if r.kind == "!"] == [
        (0.5, "timeout AT+QTEMP")
    ]


def test_each_documented_escape():
    assert escape(b"\r\n\t\\") == "\\r\\n\\t\\\\"
    assert escape(b"\x00\x1f\x7f\x80\xff") == "\\x00\\x1f\\x7f\\x80\\xff"  # two lower-case digits
    assert escape(b"a b ") == "a b\\x20"  # a trailing space would vanish in an editor
    assert escape(b' !"~') == ' !"~'  # printable ASCII as itself
    for byte in range(256):
        assert unescape(escape(bytes([byte]))) == bytes([byte])
        assert unescape(escape(bytes([byte, 0x20]))) == bytes([byte, 0x20])

"""The transcript format at its edges: escapes, records, metadata, errors, the recorder."""

from __future__ import annotations

import io

import pytest

from fiveg.at.errors import TranscriptError
from fiveg.at.transcript import MAGIC, Recorder, escape, load, parse, unescape


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"\x20\x21", " !"),  # a space inside, then the first printable
        (b"\x7e", "~"),  # the last printable
        (b"\x7f", "\\x7f"),
        (b"\x0b\x0c\x0e", "\\x0b\\x0c\\x0e"),  # the neighbours of \t \n \r are not them
        (b"\r", "\\r"),
        (b"\n", "\\n"),
        (b"\t", "\\t"),
        (b" ", "\\x20"),  # alone it is trailing
        (b"  x", "  x"),
        (b"x  ", "x \\x20"),  # only the last space is escaped
        (b"!!", "!!"),
    ],
)
def test_escape_edges(data, text):
    assert escape(data) == text
    assert unescape(text) == data


def test_unescape_takes_hex_in_either_case():
    assert unescape("\\xFF\\xab\\x0A") == b"\xff\xab\n"
    assert unescape("é") == b"\xe9"  # text outside ASCII stands for its Latin-1 byte


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abc\\", "dangling backslash"),
        ("\\", "dangling backslash"),
        ("\\q", "unknown escape \\q"),
        ("\\xZZ", "unknown escape \\x"),
        ("\\x4", "unknown escape \\x"),
    ],
)
def test_unescape_says_what_is_wrong(text, message):
    with pytest.raises(ValueError) as info:
        unescape(text)
    assert str(info.value) == message


def test_an_escape_right_before_the_end_is_complete():
    assert unescape("a\\n") == b"a\n"
    assert unescape("\\\\") == b"\\"


def test_notes_metadata_and_comments():
    t = parse(
        f"{MAGIC}\n"
        "@ model: RM520N-GL: rev 2\n"  # the value may hold a colon
        "@dialect:quectel\n"  # spaces are optional
        "# a comment\n"
        "\n"
        "> 0.010 AT+CSQ\\r\n"
        "! 3.050 timeout AT+CSQ\n"
        "! 4  two spaces\n"
    )
    assert t.meta == {"model": "RM520N-GL: rev 2", "dialect": "quectel"}
    kinds = [(r.kind, r.t, r.data, r.note) for r in t.records]
    assert kinds == [
        (">", 0.01, b"AT+CSQ\r", ""),
        ("!", 3.05, b"", "timeout AT+CSQ"),
        ("!", 4.0, b"", " two spaces"),
    ]


def test_a_byte_order_mark_is_dropped_only_at_the_start():
    assert parse("\ufeff" + MAGIC + "\n").records == []
    with pytest.raises(TranscriptError, match="line 1 must be"):
        parse(MAGIC + "\ufeff\n")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("hello\n", "t.at: line 1 must be 'fiveg-transcript 1'"),
        (f"{MAGIC}\n@ no colon here\n", "t.at:2: metadata needs 'key: value'"),
        (f"{MAGIC}\n> x AT\n", "t.at:2: not a record: '> x AT'"),
        (f"{MAGIC}\n< 1.0 \\q\n", "t.at:2: unknown escape \\q: '< 1.0 \\\\q'"),
        (f"{MAGIC}\n? 1.0 x\n> 1.0 AT\n", "t.at:2: not a record: '? 1.0 x'"),
    ],
)
def test_a_malformed_transcript_says_where_and_why(text, message):
    with pytest.raises(TranscriptError) as info:
        parse(text, "t.at")
    assert str(info.value) == message


def test_a_transcript_without_a_name_is_called_transcript_in_its_errors():
    with pytest.raises(TranscriptError) as info:
        parse("hello\n")
    assert str(info.value) == "<transcript>: line 1 must be 'fiveg-transcript 1'"


def test_the_bad_line_is_quoted_up_to_sixty_characters():
    line = "> x " + "A" * 100
    with pytest.raises(TranscriptError) as info:
        parse(f"{MAGIC}\n{line}\n", "t.at")
    assert str(info.value) == f"t.at:2: not a record: {line[:60]!r}"


def test_only_an_unfinished_last_line_is_forgiven():
    good = f"{MAGIC}\n> 0.0 AT\\r\n< 0.1 \\r\\nOK\\r\\n\n"
    assert len(parse(good + "< 0.2 \\r\\nO\\").records) == 2  # killed mid-escape
    with pytest.raises(TranscriptError):
        parse(good + "< 0.2 \\q\n")  # finished: a real error
    with pytest.raises(TranscriptError):
        parse(f"{MAGIC}\n< 0.2 \\q\n> 0.3 AT\\r")  # not the last line


def test_load_names_the_file_in_its_errors(tmp_path):
    missing = tmp_path / "none.at"
    with pytest.raises(TranscriptError) as info:
        load(missing)
    assert str(info.value) == f"cannot read transcript {missing}: No such file or directory"
    latin = tmp_path / "latin.at"
    latin.write_bytes(MAGIC.encode() + b"\n# caf\xe9\n")
    with pytest.raises(TranscriptError) as info:
        load(latin)
    assert str(info.value) == f"{latin} is not a UTF-8 text transcript"
    bad = tmp_path / "bad.at"
    bad.write_text(f"{MAGIC}\n> x\n", encoding="utf-8")
    with pytest.raises(TranscriptError, match=f"^{bad}:2: "):
        load(bad)
    ok = tmp_path / "ok.at"
    ok.write_text(f"{MAGIC}\n# é\n> 0.5 AT\\r\n", encoding="utf-8")
    assert load(str(ok)).exchanges()[0].command == b"AT\r"


class Clock:
    def __init__(self, t: float = 50.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


def test_recorder_times_are_seconds_since_it_started():
    clock = Clock(50.0)
    out = io.StringIO()
    rec = Recorder(out, clock=clock)
    clock.t = 50.25
    rec.sent(b"AT+CSQ\r")
    clock.t = 51.5
    rec.received(b"\r\n+CSQ: 28,99\r\n\r\nOK\r\n")
    rec.flush()
    assert out.getvalue().splitlines() == [
        MAGIC,
        "> 0.250 AT+CSQ\\r",
        "< 1.500 \\r\\n",
        "< 1.500 +CSQ: 28,99\\r\\n",
        "< 1.500 \\r\\n",
        "< 1.500 OK\\r\\n",
    ]


def test_received_bytes_are_split_after_each_newline_only():
    clock = Clock()
    out = io.StringIO()
    rec = Recorder(out, clock=clock)
    rec.received(b"\nab\r\ncd")
    rec.received(b"no newline")
    rec.received(b"")
    rec.flush()
    assert out.getvalue().splitlines()[1:] == [
        "< 0.000 \\n",
        "< 0.000 ab\\r\\n",
        "< 0.000 cd",
        "< 0.000 no newline",
    ]


def test_notes_wait_for_a_flush_unless_asked_and_metadata_and_comments_are_lines():
    clock = Clock()
    out = io.StringIO()
    rec = Recorder(out, {"model": "X"}, clock=clock)
    assert out.getvalue() == f"{MAGIC}\n@ model: X\n"  # the header is written at once
    rec.note("timeout AT+CSQ")
    assert "timeout" not in out.getvalue()
    clock.t += 2
    rec.note('mark "az 140"', flush=True)
    rec.meta("dialect", "quectel")
    rec.comment("first\nsecond")
    rec.flush()
    text = out.getvalue()
    rec.close()
    assert out.closed
    rec.close()  # twice is harmless
    t = parse(text)
    assert [r.note for r in t.records] == ["timeout AT+CSQ", 'mark "az 140"']
    assert t.records[1].t == 2.0
    assert t.meta == {"model": "X", "dialect": "quectel"}
    assert "# first\n# second\n" in text

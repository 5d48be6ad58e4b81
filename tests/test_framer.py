"""The framer, byte by byte: replies, echo, URCs, final codes, noise."""

from __future__ import annotations

import pytest

from fiveg.at.codes import command_prefixes, final_code, split_chain
from fiveg.at.errors import CmeError, CmsError, CommandRejected
from fiveg.at.framer import Framer, Reply, Urc


def feed_all(framer: Framer, data: bytes, chunk: int | None = None):
    events = []
    if chunk is None:
        return framer.feed(data)
    for i in range(0, len(data), chunk):
        events += framer.feed(data[i : i + chunk])
    return events


def replies(events):
    return [e for e in events if isinstance(e, Reply)]


@pytest.mark.parametrize("chunk", [None, 1, 2, 3, 7])
def test_reply_complete_whatever_the_read_sizes(chunk):
    f = Framer()
    f.expect("AT+CSQ")
    events = feed_all(f, b"\r\n+CSQ: 28,99\r\n\r\nOK\r\n", chunk)
    (reply,) = replies(events)
    assert reply.lines == ("+CSQ: 28,99",)
    assert reply.ok and reply.final.line == "OK"
    assert f.pending is None


def test_no_reply_until_final_code():
    f = Framer()
    f.expect('AT+QENG="servingcell"')
    assert f.feed(b'\r\n+QENG: "servingcell","NOCONN"\r\n+QENG: "LTE",') == []
    assert f.pending == 'AT+QENG="servingcell"'
    (reply,) = replies(f.feed(b'"FDD",1\r\n\r\nOK\r\n'))
    assert reply.lines == ('+QENG: "servingcell","NOCONN"', '+QENG: "LTE","FDD",1')


def test_echo_is_removed():
    f = Framer()
    f.expect("ATI")
    (reply,) = replies(f.feed(b"ATI\r\r\nQuectel\r\nRM520N-GL\r\n\r\nOK\r\n"))
    assert reply.echoed
    assert reply.lines == ("Quectel", "RM520N-GL")


def test_urcs_inside_a_reply_are_set_aside_in_order():
    f = Framer()
    f.expect("AT+QCAINFO")
    data = (
        b'\r\n+QCAINFO: "PCC",150,100,"LTE BAND 1",1,1,-89,-10,-59,15\r\n'
        b'\r\n+CEREG: 1,"4AA3","3359966",7\r\n'
        b"\r\n+QIND: SMS DONE\r\n"
        b'+QCAINFO: "SCC",1350,100,"LTE BAND 3",1,240,-95,-18,-68,-10,0,-,-\r\n'
        b"\r\nOK\r\n"
    )
    events = f.feed(data)
    urcs = [e.line for e in events if isinstance(e, Urc)]
    assert urcs == ['+CEREG: 1,"4AA3","3359966",7', "+QIND: SMS DONE"]
    (reply,) = replies(events)
    assert [ln[:16] for ln in reply.lines] == ['+QCAINFO: "PCC",', '+QCAINFO: "SCC",']
    assert reply.urcs == tuple(urcs)


def test_own_prefix_wins_over_urc_registry():
    # +CEREG: is a URC, except as the answer to AT+CEREG?
    f = Framer()
    f.expect("AT+CEREG?")
    (reply,) = replies(f.feed(b'\r\n+CEREG: 2,1,"4AA3","3359966",7\r\n\r\nOK\r\n'))
    assert reply.lines == ('+CEREG: 2,1,"4AA3","3359966",7',)


def test_lines_outside_a_command_are_unsolicited():
    f = Framer()
    events = f.feed(b"\r\nRDY\r\n\r\n+QIND: PB DONE\r\n\xff\xfe\r\n")
    assert [(e.line, e.known) for e in events] == [
        ("RDY", True),
        ("+QIND: PB DONE", True),
        ("\ufffd\ufffd", False),
    ]


def test_a_line_containing_error_is_not_a_final_code():
    f = Framer()
    f.expect("AT+QSPN")
    assert replies(f.feed(b'\r\n+QSPN: "ERROR NETWORK","E","",0,"00101"\r\n')) == []
    (reply,) = replies(f.feed(b"\r\nOK\r\n"))
    assert reply.ok


@pytest.mark.parametrize(
    ("final", "error", "code", "text"),
    [
        ("ERROR", CommandRejected, None, None),
        ("NO CARRIER", CommandRejected, None, None),
        ("BUSY", CommandRejected, None, None),
        ("NO ANSWER", CommandRejected, None, None),
        ("NO DIALTONE", CommandRejected, None, None),
        ("COMMAND NOT SUPPORT", CommandRejected, None, None),
        ("+CME ERROR: 10", CmeError, 10, "SIM not inserted"),
        ("+CME ERROR: SIM not inserted", CmeError, None, "SIM not inserted"),
        ("+CME ERROR: 999", CmeError, 999, None),
        ("+CMS ERROR: 500", CmsError, 500, None),
        ("+CMS ERROR: unknown error", CmsError, None, "unknown error"),
    ],
)
def test_every_failure_code_ends_the_reply_with_a_typed_error(final, error, code, text):
    f = Framer()
    f.expect("AT+QSPN")
    (reply,) = replies(f.feed(f"\r\n{final}\r\n".encode()))
    assert not reply.ok
    with pytest.raises(error) as info:
        reply.raise_for_error()
    assert info.value.final == final
    if issubclass(error, CmeError):
        assert (info.value.code, info.value.text) == (code, text)


def test_abandon_returns_partial_lines():
    f = Framer()
    f.expect("AT+QSCAN=3,1")
    f.feed(b'\r\n+QSCAN: "LTE",460,00\r\n+QSCAN: "NR5G",46')
    assert f.abandon() == ('+QSCAN: "LTE",460,00', '+QSCAN: "NR5G",46')
    assert f.pending is None
    # a late OK after giving up is not taken as anyone's reply
    assert [type(e) for e in f.feed(b"\r\nOK\r\n")] == [Urc]


def test_a_reply_names_its_command_and_with_prefix_gives_the_payloads():
    f = Framer()
    f.expect(' AT+QENG="servingcell" ')
    (reply,) = replies(
        f.feed(b'\r\n+QENG: "servingcell","NOCONN"\r\n+QENG:"LTE","FDD"\r\nother\r\n\r\nOK\r\n')
    )
    assert reply.command == 'AT+QENG="servingcell"'
    assert reply.with_prefix("+QENG:") == ['"servingcell","NOCONN"', '"LTE","FDD"']
    assert reply.with_prefix("+CSQ:") == []
    assert reply.raise_for_error() is reply


def test_after_a_reply_lines_are_unsolicited_again():
    f = Framer()
    f.expect("AT+CSQ")
    events = f.feed(b"\r\n+CSQ: 28,99\r\n\r\nOK\r\n\r\n+QIND: SMS DONE\r\nstray\r\n")
    assert [type(e) for e in events] == [Reply, Urc, Urc]
    assert [(e.line, e.known) for e in events[1:]] == [("+QIND: SMS DONE", True), ("stray", False)]
    assert f.pending is None


def test_urcs_inside_a_reply_of_a_command_without_a_prefix_are_set_aside_too():
    # ATI has no +XXX: prefix of its own, so every +-line in its reply that is a URC is one
    f = Framer()
    f.expect("ATI")
    events = f.feed(b"\r\nQuectel\r\n+QIND: PB DONE\r\nRM520N-GL\r\nRevision: R11\r\n\r\nOK\r\n")
    (reply,) = replies(events)
    assert reply.lines == ("Quectel", "RM520N-GL", "Revision: R11")
    assert reply.urcs == ("+QIND: PB DONE",)
    assert [(e.line, e.known) for e in events if isinstance(e, Urc)] == [("+QIND: PB DONE", True)]


def test_a_lower_case_command_still_keeps_its_own_lines():
    # "at+cereg?" answers +CEREG:, which must not be taken for the URC of the same name
    f = Framer()
    f.expect("at+cereg?")
    (reply,) = replies(f.feed(b"\r\n+CEREG: 0,1\r\n\r\nOK\r\n"))
    assert reply.lines == ("+CEREG: 0,1",) and reply.urcs == ()


def test_noise_inside_a_reply_is_set_aside_not_parsed():
    f = Framer()
    f.expect("AT+CSQ")
    events = f.feed(b"\r\n\x00\x1b[0m\r\n+CSQ: 28,99\r\n\r\nOK\r\n")
    (reply,) = replies(events)
    assert reply.lines == ("+CSQ: 28,99",)
    assert [(e.line, e.known) for e in events if isinstance(e, Urc)] == [("\x00\x1b[0m", False)]


def test_an_echo_is_only_the_first_line():
    # a later line that reads like the command is data (a modem printing its own name)
    f = Framer()
    f.expect("ATI")
    (reply,) = replies(f.feed(b"ATI\r\r\nATI\r\n\r\nOK\r\n"))
    assert reply.echoed and reply.lines == ("ATI",)


def test_abandon_with_nothing_half_read_returns_the_complete_lines():
    f = Framer()
    f.expect("AT+QSCAN=3,1")
    f.feed(b'\r\n+QSCAN: "LTE",460,00\r\n')
    assert f.abandon() == ('+QSCAN: "LTE",460,00',)
    assert f.abandon() == ()  # nothing pending any more


def test_feeding_nothing_changes_nothing():
    f = Framer()
    f.expect("AT+CSQ")
    assert f.feed(b"") == []
    assert f.pending == "AT+CSQ"


@pytest.mark.parametrize(
    ("command", "prefixes"),
    [
        ("AT+CSQ", ("+CSQ:",)),
        ("at+cereg?", ("+CEREG:",)),
        ('AT+QENG="servingcell";+QCAINFO', ("+QENG:", "+QCAINFO:")),
        ('AT+QENG="a;b";+CSQ', ("+QENG:", "+CSQ:")),  # the ; inside quotes does not split
        ("AT^HCSQ?;#RFSTS;!GSTATUS?;$QCSQ", ("^HCSQ:", "#RFSTS:", "!GSTATUS:", "$QCSQ:")),
        ("ATI", ()),
        ("AT", ()),
        ("+CSQ", ("+CSQ:",)),
    ],
)
def test_command_prefixes(command, prefixes):
    assert command_prefixes(command) == prefixes


@pytest.mark.parametrize(
    ("body", "parts"),
    [
        ("+CSQ;+QSPN", ["+CSQ", "+QSPN"]),
        (" +CSQ ; ;+QSPN; ", ["+CSQ", "+QSPN"]),
        ('+QENG="x;y";+CSQ', ['+QENG="x;y"', "+CSQ"]),
        ('+X="a";+Y="b;c"', ['+X="a"', '+Y="b;c"']),  # quotes close and open again
        ("", []),
    ],
)
def test_split_chain(body, parts):
    assert split_chain(body) == parts


@pytest.mark.parametrize(
    ("line", "kind", "code", "text"),
    [
        ("+CME ERROR:", CmeError, None, None),
        ('+CME ERROR: "SIM busy"', CmeError, None, "SIM busy"),
        ("+CME ERROR:3", CmeError, 3, "operation not allowed"),
        ("+CMS ERROR: 10", CmsError, 10, None),  # CMS numbers are not CME numbers
    ],
)
def test_cme_and_cms_details(line, kind, code, text):
    final = final_code(line)
    error = final.error("AT+X", ("a",))
    assert type(error) is kind
    assert (error.code, error.text, error.lines, error.command) == (code, text, ("a",), "AT+X")


@pytest.mark.parametrize("line", ["OK ", "+CME ERROR", "ERRORS", "+CSQ: 28,99", "", "ok"])
def test_other_lines_are_not_final_codes(line):
    assert final_code(line) is None

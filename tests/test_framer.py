"""The framer, byte by byte: replies, echo, URCs, final codes, noise."""

from __future__ import annotations

import pytest

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

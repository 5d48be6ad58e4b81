"""AtSession over a scripted in-memory port and a fake clock: no pty, socket or thread.

The port answers each command with chunks that arrive a set time after it was
written; a read with nothing waiting blocks one tick (``port.timeout``) of fake
time, as pyserial's does. The clock also moves a little at every look, so a
loop that never reads still ends.
"""

from __future__ import annotations

import io

import pytest

from fiveg.allowlist import is_read_only
from fiveg.at.errors import AtTimeout, CommandRejected, NotAllowed, PortGone
from fiveg.at.session import LATE_REPLY_GRACE, TICK, AtSession
from fiveg.at.transcript import Recorder, parse


class Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        self.t += 0.0001
        return self.t


class ScriptedPort:
    def __init__(self, clock: Clock, replies: dict[str, list[tuple[float, bytes]]], port=None):
        self.clock = clock
        self.replies = replies
        self.timeout: float | None = None
        self.written: list[tuple[float, bytes]] = []
        self.buffer = b""
        self.due: list[tuple[float, bytes]] = []
        self.fail_read: OSError | None = None
        self.fail_write: OSError | None = None
        self.fail_read_after_write: OSError | None = None
        self.reads: list[int] = []
        self.looks = 0
        if port is not None:
            self.port = port

    def _release(self) -> None:
        now = self.clock.t
        self.buffer += b"".join(d for t, d in self.due if t <= now)
        self.due = [(t, d) for t, d in self.due if t > now]

    @property
    def in_waiting(self) -> int:
        self.looks += 1
        self._release()
        return len(self.buffer)

    def read(self, size: int = 1) -> bytes:
        assert type(size) is int, size  # pyserial's read takes a byte count
        self.reads.append(size)
        if self.fail_read is not None:
            raise self.fail_read
        self._release()
        if not self.buffer:
            self.clock.t += self.timeout or 0.0  # blocked for one tick
            self._release()
        data, self.buffer = self.buffer[:size], self.buffer[size:]
        return data

    def write(self, data: bytes) -> int:
        if self.fail_write is not None:
            raise self.fail_write
        self.written.append((self.clock.t, data))
        self.fail_read = self.fail_read_after_write or self.fail_read
        for command in data.decode().split("\r")[:-1]:
            for delay, chunk in self.replies.get(command, [(0.0, b"\r\nERROR\r\n")]):
                self.due.append((self.clock.t + delay, chunk))
        return len(data)


CSQ = b"\r\n+CSQ: 28,99\r\n\r\nOK\r\n"
ATI = b"\r\nQuectel\r\nRM520N-GL\r\n\r\nOK\r\n"


def session(replies=None, **kw):
    clock = Clock()
    port = ScriptedPort(clock, replies or {"AT+CSQ": [(0.0, CSQ)], "ATI": [(0.0, ATI)]})
    return AtSession(port, clock=clock, **kw), port, clock


def test_the_session_sets_the_read_tick_and_counts_what_it_sends():
    s, port, _ = session()
    assert port.timeout == TICK
    assert s.commands_sent == 0
    assert s.command("AT+CSQ").lines == ("+CSQ: 28,99",)
    assert s.command(" ATI ").lines == ("Quectel", "RM520N-GL")
    assert s.commands_sent == 2
    assert [d for _, d in port.written] == [b"AT+CSQ\r", b"ATI\r"]  # CR only, stripped


def test_nothing_is_waited_for_before_a_command_is_written():
    s, port, clock = session()
    clock.t = 5.0
    s.command("AT+CSQ")
    assert port.written[0][0] < 5.0 + TICK  # no blocking read before the write


def test_the_allowlist_refuses_before_anything_is_written():
    asked = []

    def allow(command: str) -> bool:
        asked.append(command)
        return is_read_only(command)

    s, port, _ = session(allow=allow)
    with pytest.raises(NotAllowed) as info:
        s.command("AT+CFUN=0")
    assert info.value.command == "AT+CFUN=0"
    assert port.written == [] and s.commands_sent == 0
    assert s.allows("  AT+CSQ  ") and not s.allows("ATE0")
    assert asked == ["AT+CFUN=0", "AT+CSQ", "ATE0"]  # always the stripped command
    s.command("AT+CSQ")


def test_without_an_allowlist_everything_is_allowed():
    s, _, _ = session()
    assert s.allows("AT+CFUN=0")


def test_a_failure_code_raises_unless_unchecked():
    s, _, _ = session({"AT+QSPN": [(0.0, b"\r\nERROR\r\n")]})
    with pytest.raises(CommandRejected):
        s.command("AT+QSPN")
    reply = s.command("AT+QSPN", check=False)
    assert not reply.ok and reply.final.line == "ERROR"


def test_a_slow_reply_is_waited_for_up_to_its_own_timeout():
    s, _, clock = session({"AT+QSCAN": [(1.2, b"\r\n+QSCAN: 1\r\n\r\nOK\r\n")]})
    assert s.command("AT+QSCAN", timeout=2.0).lines == ("+QSCAN: 1",)
    assert 1.2 <= clock.t < 1.2 + 2 * TICK  # read as soon as it came, not at the timeout


def test_a_late_reply_is_kept_apart_and_the_next_command_gets_its_own():
    s, _, clock = session({"AT+CSQ": [(0.4, CSQ)], "ATI": [(0.0, ATI)]})
    with pytest.raises(AtTimeout) as info:
        s.command("AT+CSQ", timeout=0.1)
    assert info.value.partial == ()
    reply = s.command("ATI", timeout=2)
    assert reply.lines == ("Quectel", "RM520N-GL")
    assert list(s.stray) == ["+CSQ: 28,99", "OK"]
    started = clock.t
    assert s.command("ATI").lines == ("Quectel", "RM520N-GL")  # the debt was paid once
    assert clock.t - started < 2 * TICK


def test_the_late_reply_is_waited_for_by_blocking_reads_not_by_spinning():
    s, port, _ = session({"AT+CSQ": [(0.4, CSQ)], "ATI": [(0.0, ATI)]})
    with pytest.raises(AtTimeout):
        s.command("AT+CSQ", timeout=0.1)
    looks = port.looks
    s.command("ATI", timeout=2)
    assert port.looks - looks < 2 * 0.4 / TICK  # about one look per tick of the 0.3 s left


def test_a_late_reply_that_never_comes_delays_the_next_command_only_by_the_grace():
    s, port, clock = session({"AT+QSCAN": [(0.0, b"\r\n+QSCAN: 1\r\n")], "ATI": [(0.0, ATI)]})
    with pytest.raises(AtTimeout) as info:
        s.command("AT+QSCAN", timeout=0.2)
    assert info.value.partial == ("+QSCAN: 1",)
    port.buffer += b'+QSCAN: "NR5G",4'  # half a line, then silence
    before = clock.t
    assert s.command("ATI").lines == ("Quectel", "RM520N-GL")
    assert LATE_REPLY_GRACE <= port.written[-1][0] - before < LATE_REPLY_GRACE + 2 * TICK
    assert list(s.stray) == ['+QSCAN: "NR5G",4']


def test_urcs_and_stray_lines_are_kept_apart_and_bounded():
    urcs = b"".join(b"\r\n+CEREG: 1\r\n" for _ in range(1005))
    stray = b"".join(b"\r\nnoise %d\r\n" % i for i in range(1005))
    s, _, _ = session({"AT+CSQ": [(0.0, urcs + stray + CSQ)]})
    s.command("AT+CSQ")
    assert len(s.urcs) == 1000 and set(s.urcs) == {"+CEREG: 1"}
    # lines outside a reply are stray; only the latest thousand are kept
    s2, port, _ = session()
    port.buffer = stray
    s2.command("AT+CSQ")
    assert len(s2.stray) == 1000 and s2.stray[0] == "noise 5" and s2.stray[-1] == "noise 1004"


@pytest.mark.parametrize(
    ("port_name", "name", "said"),
    [("/dev/ttyUSB2", "", "/dev/ttyUSB2"), (None, "", "port"), ("/dev/ttyUSB2", "modem", "modem")],
)
def test_a_failing_port_is_port_gone_named_after_the_port(port_name, name, said):
    clock = Clock()
    port = ScriptedPort(clock, {}, port=port_name)
    s = AtSession(port, clock=clock, name=name)
    assert s.name == (name or port_name or "")
    port.fail_write = OSError("write failed: device reports readiness to write")
    with pytest.raises(PortGone, match=f"^{said}: write failed: "):
        s.command("AT+CSQ")
    port.fail_write = None
    port.fail_read = OSError("read failed: device disconnected")
    with pytest.raises(PortGone) as info:
        s.command("AT+CSQ")
    assert str(info.value) == f"{said}: read failed: device disconnected"  # said once


def test_a_port_without_a_name_attribute_gives_an_empty_name():
    clock = Clock()
    assert AtSession(ScriptedPort(clock, {}), clock=clock).name == ""


def test_the_default_timeout_is_three_seconds():
    s, _, clock = session({"AT+QSCAN": [(3.5, b"\r\nOK\r\n")]})
    with pytest.raises(AtTimeout) as info:
        s.command("AT+QSCAN")
    assert (info.value.command, info.value.timeout) == ("AT+QSCAN", 3.0)
    assert 3.0 <= clock.t < 3.0 + 2 * TICK


def test_what_waited_on_the_port_is_read_before_the_command_is_written():
    # a URC and a stray line that came while no command was pending are not the reply's
    s, port, _ = session()
    port.buffer = b"\r\n+QIND: SMS DONE\r\n\r\nnoise after a USB reset\r\n"
    reply = s.command("AT+CSQ")
    assert reply.lines == ("+CSQ: 28,99",) and reply.urcs == ()
    assert list(s.urcs) == ["+QIND: SMS DONE"]
    assert list(s.stray) == ["noise after a USB reset"]


def test_a_slow_reply_is_waited_for_one_blocking_byte_at_a_time_not_by_spinning():
    s, port, _ = session({"AT+QSCAN": [(1.2, b"\r\n+QSCAN: 1\r\n\r\nOK\r\n")]})
    s.command("AT+QSCAN", timeout=2.0)
    assert set(port.reads[:-1]) == {1}  # each tick blocks for the first byte only
    assert port.reads[-1] > 1  # then takes all that is waiting at once
    assert port.looks < 2 * 1.2 / TICK  # about one look per tick, not a busy loop


def test_a_reply_in_pieces_is_put_together():
    chunks = [(0.1, b"\r\n+CSQ: 2"), (0.2, b"8,99\r\n"), (0.35, b"\r\nOK\r\n")]
    s, _, _ = session({"AT+CSQ": chunks})
    assert s.command("AT+CSQ").lines == ("+CSQ: 28,99",)


def test_the_recording_keeps_the_timeout_and_the_port_failure():
    clock = Clock()
    out = io.StringIO()
    recorder = Recorder(out, {"model": "RM520N-GL"}, clock=clock)
    port = ScriptedPort(clock, {"AT+CSQ": [(0.0, b"\r\n+CSQ: 28,99\r\n")]}, port="/dev/ttyUSB2")
    s = AtSession(port, recorder=recorder, clock=clock)
    with pytest.raises(AtTimeout):
        s.command("AT+CSQ", timeout=0.2)
    port.buffer = b"\r\n+QIND: PB DONE\r\n"
    port.fail_read = OSError("read failed: device disconnected")
    with pytest.raises(PortGone):
        s.command("ATI")
    recorder.flush()
    transcript = parse(out.getvalue())
    notes = [r.note for r in transcript.records if r.kind == "!"]
    assert notes == ["timeout AT+CSQ", "port failed: read failed: device disconnected"]
    # the port failed while what had come before ATI was read: ATI was never written, and
    # nothing was made up for the failed read
    (csq,) = transcript.exchanges()
    assert (csq.command, csq.reply) == (b"AT+CSQ\r", b"\r\n+CSQ: 28,99\r\n")
    assert [d for _, d in port.written] == [b"AT+CSQ\r"]


def test_a_port_failing_while_a_reply_is_awaited_records_nothing_it_did_not_get():
    clock = Clock()
    out = io.StringIO()
    recorder = Recorder(out, clock=clock)
    port = ScriptedPort(clock, {}, port="/dev/ttyUSB2")
    port.fail_read_after_write = OSError("read failed: device disconnected")
    s = AtSession(port, recorder=recorder, clock=clock)
    with pytest.raises(PortGone, match=r"^/dev/ttyUSB2: read failed: device disconnected$"):
        s.command("AT+CSQ")
    (exchange,) = parse(out.getvalue()).exchanges()
    assert (exchange.command, exchange.reply) == (b"AT+CSQ\r", b"")

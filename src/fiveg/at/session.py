"""One command at a time over any port-like object: write, then read to the final code.

The port is injected (pyserial ``Serial``, a ``socket://`` port, or a
``ReplayPort``), so this module needs no pyserial import. A reply ends at its
final result code, never after a fixed sleep; the port's read timeout is only
a tick that bounds how late a per-command timeout is noticed.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from fiveg.at.errors import AtTimeout, NotAllowed, PortGone
from fiveg.at.framer import Framer, Reply, Urc

if TYPE_CHECKING:
    from fiveg.at.transcript import Recorder

TICK = 0.05  # seconds a single read may block
LATE_REPLY_GRACE = 1.0  # how long to wait for a timed-out command's late reply


class Port(Protocol):
    timeout: float | None

    @property
    def in_waiting(self) -> int: ...

    def read(self, size: int = 1) -> bytes: ...

    def write(self, data: bytes) -> int | None: ...


class AtSession:
    def __init__(
        self,
        port: Port,
        *,
        recorder: Recorder | None = None,
        allow: Callable[[str], bool] | None = None,
        clock: Callable[[], float] = time.monotonic,
        name: str = "",
    ) -> None:
        self.port = port
        self.name = name or str(getattr(port, "port", "") or "")
        self.recorder = recorder
        self._allow = allow
        self._clock = clock
        self._framer = Framer()
        self.urcs: deque[str] = deque(maxlen=1000)
        self.stray: deque[str] = deque(maxlen=1000)
        self.commands_sent = 0
        self._late_reply_owed = False
        port.timeout = TICK

    def allows(self, command: str) -> bool:
        """Whether ``command`` may be sent: a caller can leave out what would be refused."""
        return self._allow is None or self._allow(command.strip())

    def command(self, command: str, timeout: float = 3.0, check: bool = True) -> Reply:
        """Send ``command`` (CR-terminated) and return its reply.

        Raises ``NotAllowed`` before sending anything off the allowlist,
        ``AtTimeout`` when no final code arrives in time, ``PortGone`` when the
        port fails, and (with ``check``) the typed error of a failure code.
        """
        command = command.strip()
        if self._allow is not None and not self._allow(command):
            raise NotAllowed(command)
        self._collect(self._read(wait=False))
        if self._late_reply_owed:
            self._absorb_late_reply()
        data = (command + "\r").encode("ascii")
        self._write(data)
        self.commands_sent += 1
        self._framer.expect(command)
        deadline = self._clock() + timeout
        try:
            while True:
                reply = self._collect(self._read(wait=True))
                if reply is not None:
                    return reply.raise_for_error() if check else reply
                if self._clock() >= deadline:
                    partial = self._framer.abandon()
                    self._late_reply_owed = True
                    if self.recorder:
                        self.recorder.note(f"timeout {command}")
                    raise AtTimeout(command, timeout, partial)
        finally:
            if self.recorder:
                self.recorder.flush()

    def _absorb_late_reply(self) -> None:
        """Let a timed-out command's reply finish before the next command is sent.

        A modem works through commands in order, so a reply still on its way
        would otherwise be taken as the answer to the next command. This is a
        bounded wait for that reply's final code, not a fixed sleep; if it
        never comes, the conversation simply goes on.
        """
        self._late_reply_owed = False
        self._framer.expect("")
        deadline = self._clock() + LATE_REPLY_GRACE
        while self._clock() < deadline:
            late = self._collect(self._read(wait=True))
            if late is not None:
                self.stray.extend(late.lines)
                self.stray.append(late.final.line)
                return
        self.stray.extend(self._framer.abandon())

    def _collect(self, data: bytes) -> Reply | None:
        reply = None
        for event in self._framer.feed(data):
            if isinstance(event, Urc):
                (self.urcs if event.known else self.stray).append(event.line)
            else:
                reply = event
        return reply

    def _write(self, data: bytes) -> None:
        try:
            self.port.write(data)
        except OSError as exc:
            raise PortGone(f"{self.name or 'port'}: write failed: {exc}") from exc
        if self.recorder:
            self.recorder.sent(data)

    def _read(self, wait: bool) -> bytes:
        """What the port has; with ``wait``, block up to one tick for the first byte.

        Bytes that arrived before the port failed are recorded before
        ``PortGone`` is raised: the recording keeps everything up to the fault.
        """
        data = b""
        failure = None
        try:
            data = self.port.read(1) if wait else b""
            if data or not wait:
                while n := self.port.in_waiting:
                    data += self.port.read(n)
        except OSError as exc:
            failure = exc
        if data and self.recorder:
            self.recorder.received(data)
        if failure is not None:
            if self.recorder:
                self.recorder.note(f"port failed: {failure}")
            why = str(failure).removeprefix("read failed: ")  # pyserial's own words say it too
            raise PortGone(f"{self.name or 'port'}: read failed: {why}") from failure
        return data

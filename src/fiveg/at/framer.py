"""A pure AT framer: bytes in, complete replies and unsolicited lines out.

No threads, ports or clocks: the session feeds it whatever the port gave, in
whatever pieces, and it says when a reply is complete. That keeps framing
testable byte by byte and shared by live ports, replays and the simulator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fiveg.at.codes import Final, command_prefixes, final_code, is_urc

_LINE_END = re.compile(rb"[\r\n]+")


@dataclass(frozen=True, slots=True)
class Urc:
    """A line that arrived outside any reply, or an unsolicited line inside one."""

    line: str
    known: bool  # in the URC registry, as opposed to noise or a stray line


@dataclass(frozen=True, slots=True)
class Reply:
    """A complete reply: information lines (echo and URCs removed) and its final code."""

    command: str
    lines: tuple[str, ...]
    final: Final
    urcs: tuple[str, ...] = ()
    echoed: bool = False

    @property
    def ok(self) -> bool:
        return self.final.ok

    def raise_for_error(self) -> Reply:
        if not self.final.ok:
            raise self.final.error(self.command, self.lines)
        return self

    def with_prefix(self, prefix: str) -> list[str]:
        """Payloads of the lines starting with ``prefix`` (e.g. ``+QENG:``), prefix removed."""
        n = len(prefix)
        return [ln[n:].strip() for ln in self.lines if ln.startswith(prefix)]


@dataclass(slots=True)
class _Pending:
    """The reply being collected for the command last written."""

    command: str
    echo: str
    prefixes: tuple[str, ...]
    lines: list[str] = field(default_factory=list)
    urcs: list[str] = field(default_factory=list)
    echoed: bool = False


_NOISE = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffd]")


def is_noise(line: str) -> bool:
    """Bytes no AT line carries (control characters, undecodable bytes): debris, not data.

    AT replies are printable text (UCS2 names come as hex digits), so such a
    line is the noise a port delivers after a USB reset; it is set aside
    with the stray lines rather than parsed as part of a reply.
    """
    return _NOISE.search(line) is not None


def decode_line(raw: bytes) -> str:
    """Decode one line without ever failing: noise after a USB reset becomes U+FFFD."""
    return raw.decode("utf-8", errors="replace").strip()


class Framer:
    def __init__(self) -> None:
        self._buffer = b""
        self._pending: _Pending | None = None

    @property
    def pending(self) -> str | None:
        return self._pending.command if self._pending else None

    def expect(self, command: str) -> None:
        """Start collecting the reply to ``command`` (just written to the port)."""
        cmd = command.strip()
        self._pending = _Pending(cmd, cmd.upper(), command_prefixes(cmd))

    def abandon(self) -> tuple[str, ...]:
        """Give up on the pending reply (timeout); returns what had arrived of it."""
        pending, self._pending = self._pending, None
        if pending is None:
            return ()
        tail = decode_line(self._buffer)
        self._buffer = b""
        return (*pending.lines, tail) if tail else tuple(pending.lines)

    def feed(self, data: bytes) -> list[Reply | Urc]:
        if not data:
            return []
        self._buffer += data
        parts = _LINE_END.split(self._buffer)
        self._buffer = parts.pop()  # the unterminated remainder (often b"")
        events: list[Reply | Urc] = []
        for raw in parts:
            line = decode_line(raw)
            if line:
                self._line(line, events)
        return events

    def _line(self, line: str, events: list[Reply | Urc]) -> None:
        p = self._pending
        if p is None or is_noise(line):
            events.append(Urc(line, is_urc(line)))
            return
        if not p.echoed and not p.lines and line.upper() == p.echo:
            p.echoed = True
            return
        final = final_code(line)
        if final is not None:
            self._pending = None
            events.append(Reply(p.command, tuple(p.lines), final, tuple(p.urcs), p.echoed))
        elif line.startswith(p.prefixes) if p.prefixes else False:
            p.lines.append(line)
        elif is_urc(line):
            p.urcs.append(line)
            events.append(Urc(line, True))
        else:
            p.lines.append(line)


def frame(command: str, data: bytes) -> Reply | None:
    """A whole recorded reply to ``command``, framed as a live one is (echo and URCs taken
    out); None when it holds no final result code (cut off)."""
    framer = Framer()
    framer.expect(command)
    return next((e for e in framer.feed(data) if isinstance(e, Reply)), None)

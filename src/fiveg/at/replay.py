"""Answering commands from a transcript, for the simulator and for ``--replay``.

``Responder`` holds the logic (which recorded reply answers which command);
``ReplayPort`` puts it behind the same small port interface pyserial offers,
so a replay runs through the very session and framer a live modem does.
"""

from __future__ import annotations

import threading
import time
from bisect import bisect_right
from collections import defaultdict, deque
from collections.abc import Callable

from fiveg.at.codes import command_prefixes, final_code, is_urc, split_chain
from fiveg.at.errors import PortGone
from fiveg.at.transcript import Exchange, Transcript

UNKNOWN_REPLY = b"\r\nERROR\r\n"


def normalize(command: bytes | str) -> str:
    text = command.decode("utf-8", "replace") if isinstance(command, bytes) else command
    return text.strip().upper()


def _unchain(ex: Exchange) -> list[tuple[str, bytes]]:
    """Per-part replies cut from a recorded chained command (``AT+A;+B``), by prefix.

    Real captures are often chained; cutting them lets a client that asks
    each command on its own be answered from them. Only a chain that ended
    in OK is cut. A part gets the lines carrying its prefix and the lines
    after them that carry none (the rows under +GTCCINFO:, the label lines
    under !GSTATUS:); unsolicited lines go to no part.
    """
    text = normalize(ex.command)
    parts = split_chain(text[2:]) if text.startswith("AT") else []
    if len(parts) < 2:
        return []
    lines = [ln.strip() for ln in ex.reply.decode("utf-8", "replace").splitlines()]
    lines = [ln for ln in lines if ln and ln.upper() != text]
    if not lines or final_code(lines[-1]) is None or lines[-1] != "OK":
        return []
    prefixes = [command_prefixes("AT" + part) for part in parts]
    own: list[list[str]] = [[] for _ in parts]
    current = None
    for ln in lines[:-1]:
        mine = next((i for i, p in enumerate(prefixes) if p and ln.startswith(p)), None)
        if mine is not None:
            current = mine
        elif is_urc(ln) or ln.startswith(("+", "^", "#", "!", "$")):
            continue  # unsolicited, or another command's line: no part's
        if current is not None:
            own[current].append(ln)
    out = []
    for part, lines_of_part in zip(parts, own, strict=True):
        body = "".join(f"{ln}\r\n" for ln in lines_of_part)
        out.append(
            (normalize("AT" + part), (f"\r\n{body}" if body else "").encode() + b"\r\nOK\r\n")
        )
    return out


def _body(reply: bytes, key: str) -> tuple[list[str], str]:
    """A recorded reply's information lines (echo dropped) and its final code."""
    lines = [ln.strip() for ln in reply.decode("utf-8", "replace").splitlines()]
    lines = [ln for ln in lines if ln and ln.upper() != key]
    if lines and final_code(lines[-1]) is not None:
        return lines[:-1], lines[-1]
    return lines, "ERROR"


class Responder:
    """Serves each command's recorded replies, in turn or by transcript time.

    In turn (``at`` omitted): the n-th ask gets the n-th recorded reply, then
    it starts again. By time: the reply recorded last at or before ``at``, as
    the modem would have answered then. A chain nobody recorded
    (``AT+A;+B``) is answered from its parts' replies joined under one final
    code, stopping at the first part that failed, as a modem does.
    """

    def __init__(self, transcript: Transcript) -> None:
        self.meta = dict(transcript.meta)
        self.preamble = transcript.preamble
        self._replies: dict[str, list[tuple[float, float, bytes]]] = defaultdict(list)
        derived: dict[str, list[tuple[float, float, bytes]]] = defaultdict(list)
        for ex in transcript.exchanges():
            delay = ex.chunks[0][0] - ex.t if ex.chunks else 0.0
            self._replies[normalize(ex.command)].append((ex.t, delay, ex.reply))
            for part, reply in _unchain(ex):
                derived[part].append((ex.t, delay, reply))
        for part, replies in derived.items():
            self._replies.setdefault(part, replies)
        self._times = {key: [t for t, _, _ in replies] for key, replies in self._replies.items()}
        self._turn: dict[str, int] = defaultdict(int)
        self.received: list[str] = []  # every command line asked, in order
        # every command the modem ran, in order: a chain's parts one by one, up to the
        # one that failed (the parts after it never ran)
        self.ran: list[str] = []
        self._lock = threading.Lock()

    def reply(self, command: bytes | str, at: float | None = None) -> bytes:
        return self.reply_with_delay(command, at)[0]

    def reply_with_delay(
        self, command: bytes | str, at: float | None = None
    ) -> tuple[bytes, float]:
        """The reply and how long after the command the modem began it, as recorded."""
        key = normalize(command)
        with self._lock:
            self.received.append(key)
            return self._answer(key, at)

    def _knows(self, key: str) -> bool:
        """Whether a part of a chain has an answer (else it fails, as an unknown command)."""
        return key in self._replies

    def _answer(self, key: str, at: float | None) -> tuple[bytes, float]:
        replies = self._replies.get(key)
        if replies:
            self.ran.append(key)
            if at is None:
                turn = self._turn[key]
                self._turn[key] = turn + 1
                _, delay, reply = replies[turn % len(replies)]
            else:
                _, delay, reply = replies[max(0, bisect_right(self._times[key], at) - 1)]
            return reply, max(0.0, delay)
        parts = split_chain(key[2:]) if key.startswith("AT") else []
        if len(parts) < 2:
            self.ran.append(key)
            return (b"\r\nOK\r\n" if key == "AT" else UNKNOWN_REPLY), 0.0
        # as a modem runs a command line (V.250 5.4.1): in order, stopping at the first
        # part that fails (one nobody recorded fails as an unknown command would)
        lines: list[str] = []
        final, total = "OK", 0.0
        for part in parts:
            if not self._knows(normalize("AT" + part)):
                self.ran.append(normalize("AT" + part))
                final = "ERROR"
                break
            reply, delay = self._answer(normalize("AT" + part), at)
            body, final = _body(reply, normalize("AT" + part))
            lines += body
            total += delay
            if final != "OK":
                break
        text = "".join(f"{ln}\r\n" for ln in lines)
        return (f"\r\n{text}" if text else "").encode() + f"\r\n{final}\r\n".encode(), total


class CommandSplitter:
    """Cuts a byte stream into CR-terminated commands (a stray LF is ignored)."""

    def __init__(self) -> None:
        self._buffer = b""

    def feed(self, data: bytes) -> list[bytes]:
        self._buffer += data
        *commands, self._buffer = self._buffer.split(b"\r")
        return [c.strip(b"\n ") for c in commands if c.strip(b"\n ")]


class ReplayPort:
    """A port answering from a transcript, in memory and without delay."""

    def __init__(self, transcript: Transcript, name: str = "replay") -> None:
        self.responder = Responder(transcript)
        self.port = name
        self.timeout: float | None = None
        self.is_open = True
        self._out = bytearray(self.responder.preamble)
        self._splitter = CommandSplitter()

    @property
    def in_waiting(self) -> int:
        return len(self._out)

    def write(self, data: bytes) -> int:
        for command in self._splitter.feed(data):
            self._answer(command)
        return len(data)

    def _answer(self, command: bytes) -> None:
        self._out += self.responder.reply(command)

    def read(self, size: int = 1) -> bytes:
        data = bytes(self._out[:size])
        del self._out[:size]
        return data

    def reset_input_buffer(self) -> None:
        self._out.clear()

    def close(self) -> None:
        self.is_open = False


class ReplayEnded(PortGone):
    """A replay ran past the end of its transcript (and was not looping)."""


class Timeline:
    """Transcript seconds as the clock runs, counted from when the timeline was made.

    Past the end it wraps (``loop``), stays at the last moment (``hold``),
    or raises ``ReplayEnded``.
    """

    def __init__(
        self,
        transcript: Transcript,
        speed: float = 1.0,
        *,
        loop: bool = False,
        hold: bool = False,
        clock: Callable[[], float] = time.monotonic,
        name: str = "replay",
    ) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        times = [r.t for r in transcript.records]
        self.first = min(times, default=0.0)
        self.last = max(times, default=0.0)
        self.speed, self.loop, self.hold, self.name = speed, loop, hold, name
        self._clock = clock
        self._start = clock()

    def __call__(self) -> float:
        t = self.first + (self._clock() - self._start) * self.speed
        span = self.last - self.first
        if t <= self.last:
            return t
        if self.loop and span > 0:
            return self.first + (t - self.first) % span
        if self.hold:
            return self.last
        raise ReplayEnded(f"{self.name}: replay finished at {self.last:.1f} s")


class PacedReplayPort(ReplayPort):
    """A port answering from a transcript at its recorded pace, as the modem did then.

    Transcript time runs ``speed`` times faster than the clock from the
    moment the port opens; each command gets the reply recorded last at or
    before that transcript time, after the modem's recorded think time. So a
    monitor polling this port sees the signal move as it moved while
    recording, whatever its own poll rate. Reads block up to ``timeout``, as
    a serial port's do.
    """

    def __init__(
        self,
        transcript: Transcript,
        *,
        speed: float = 1.0,
        loop: bool = False,
        clock: Callable[[], float] = time.monotonic,
        name: str = "replay",
    ) -> None:
        super().__init__(transcript, name)
        self.speed = speed
        self.transcript_time = Timeline(transcript, speed, loop=loop, clock=clock, name=name)
        self._clock = clock
        self._pending: deque[tuple[float, bytes]] = deque()
        self._wake = threading.Condition()

    @property
    def in_waiting(self) -> int:
        self._release()
        return len(self._out)

    def _release(self) -> None:
        now = self._clock()
        while self._pending and self._pending[0][0] <= now:
            self._out += self._pending.popleft()[1]

    def _answer(self, command: bytes) -> None:
        reply, delay = self.responder.reply_with_delay(command, self.transcript_time())
        due = max(self._pending[-1][0] if self._pending else 0.0, self._clock())
        self._pending.append((due + delay / self.speed, reply))

    def read(self, size: int = 1) -> bytes:
        deadline = self._clock() + (self.timeout or 0.0)
        with self._wake:
            while True:
                self._release()
                if self._out or not self.is_open:
                    break
                now = self._clock()
                if now >= deadline:
                    break
                due = self._pending[0][0] if self._pending else deadline
                self._wake.wait(min(due, deadline) - now)
        return super().read(size)

    def close(self) -> None:
        super().close()
        with self._wake:
            self._wake.notify_all()

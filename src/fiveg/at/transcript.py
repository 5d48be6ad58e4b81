"""AT transcripts: a human-readable, diff-friendly record of a modem conversation.

Format (version 1), one record per line::

    fiveg-transcript 1
    @ model: RM520N-GL            metadata (key: value)
    # any comment                 comments and blank lines are ignored
    > 0.000 AT+CSQ\\r              bytes sent to the modem, at seconds since start
    < 0.031 \\r\\n                  bytes received from the modem
    < 0.031 +CSQ: 28,99\\r\\n
    < 0.031 \\r\\nOK\\r\\n
    ! 2.500 timeout AT+QSCAN=3,1  a note (timeouts, port events); not replayed

Bytes are kept exactly: backslash escapes ``\\r \\n \\t \\\\`` and ``\\xHH`` for
every other byte outside printable ASCII (and for a trailing space), so the
``<`` lines of an exchange concatenate to exactly what the port delivered.
Received bytes are split after each ``\\n`` to give one modem line per record.
An exchange is a ``>`` record and the ``<`` records up to the next ``>``.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from fiveg.at.errors import TranscriptError

MAGIC = "fiveg-transcript 1"
_RECORD = re.compile(r"^([<>!]) (\d+(?:\.\d+)?) ?(.*)$")
_ESCAPES = {"r": b"\r", "n": b"\n", "t": b"\t", "\\": b"\\"}


def escape(data: bytes) -> str:
    out = []
    for i, b in enumerate(data):
        if b == 0x5C:
            out.append("\\\\")
        elif b == 0x0D:
            out.append("\\r")
        elif b == 0x0A:
            out.append("\\n")
        elif b == 0x09:
            out.append("\\t")
        elif 0x21 <= b <= 0x7E or (b == 0x20 and i != len(data) - 1):
            out.append(chr(b))
        else:
            out.append(f"\\x{b:02x}")
    return "".join(out)


def unescape(text: str) -> bytes:
    out = bytearray()
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch != "\\":
            out += ch.encode("latin-1")
            i += 1
            continue
        if i + 1 >= n:
            raise ValueError("dangling backslash")
        nxt = text[i + 1]
        if nxt in _ESCAPES:
            out += _ESCAPES[nxt]
            i += 2
        elif nxt == "x" and re.fullmatch(r"[0-9a-fA-F]{2}", text[i + 2 : i + 4]):
            out.append(int(text[i + 2 : i + 4], 16))
            i += 4
        else:
            raise ValueError(f"unknown escape \\{nxt}")
    return bytes(out)


@dataclass(frozen=True, slots=True)
class Record:
    """One line of a transcript: bytes sent, bytes received, or a note."""

    kind: str  # ">" sent, "<" received, "!" note
    t: float
    data: bytes = b""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Exchange:
    """A command and everything received after it, up to the next command."""

    command: bytes
    t: float
    reply: bytes
    chunks: tuple[tuple[float, bytes], ...] = ()

    @property
    def command_text(self) -> str:
        return self.command.decode("utf-8", "replace").strip()


@dataclass(slots=True)
class Transcript:
    """A parsed transcript: metadata and records in order."""

    meta: dict[str, str] = field(default_factory=dict)
    records: list[Record] = field(default_factory=list)

    @property
    def preamble(self) -> bytes:
        """Bytes received before the first command (a modem booting: RDY, +QIND...)."""
        out = b""
        for r in self.records:
            if r.kind == ">":
                break
            if r.kind == "<":
                out += r.data
        return out

    def exchanges(self) -> list[Exchange]:
        result: list[Exchange] = []
        current: Record | None = None
        chunks: list[tuple[float, bytes]] = []
        for r in self.records:
            if r.kind == ">":
                if current is not None:
                    result.append(_exchange(current, chunks))
                current, chunks = r, []
            elif r.kind == "<" and current is not None:
                chunks.append((r.t, r.data))
        if current is not None:
            result.append(_exchange(current, chunks))
        return result


def _exchange(sent: Record, chunks: list[tuple[float, bytes]]) -> Exchange:
    return Exchange(sent.data, sent.t, b"".join(d for _, d in chunks), tuple(chunks))


def parse(text: str, name: str = "<transcript>") -> Transcript:
    text = text.removeprefix("\ufeff")  # a byte-order mark an editor added is not content
    lines = text.split("\n")
    complete = text.endswith("\n")
    if not lines or lines[0].strip() != MAGIC:
        raise TranscriptError(f"{name}: line 1 must be '{MAGIC}'")
    transcript = Transcript()
    for number, line in enumerate(lines[1:], start=2):
        is_last = number == len(lines)
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("@"):
            key, sep, value = line[1:].partition(":")
            if not sep:
                raise TranscriptError(f"{name}:{number}: metadata needs 'key: value'")
            transcript.meta[key.strip()] = value.strip()
            continue
        m = _RECORD.match(line)
        try:
            if m is None:
                raise ValueError("not a record")
            kind, t, payload = m.groups()
            if kind == "!":
                transcript.records.append(Record("!", float(t), note=payload))
            else:
                transcript.records.append(Record(kind, float(t), unescape(payload)))
        except ValueError as exc:
            if is_last and not complete:
                break  # a recording killed mid-line: everything before it stands
            raise TranscriptError(f"{name}:{number}: {exc}: {line[:60]!r}") from None
    return transcript


def load(path: str | Path) -> Transcript:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise TranscriptError(f"cannot read transcript {p}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise TranscriptError(f"{p} is not a UTF-8 text transcript") from None
    return parse(text, str(p))


class Recorder:
    """Tees a session into a transcript, flushed after every exchange.

    Each record is written as one whole line, so a process killed at any
    point leaves a file that ``load`` reads up to the last exchange.
    """

    def __init__(
        self,
        out: IO[str],
        meta: dict[str, str] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._out = out
        self._lock = threading.RLock()  # the poll thread records, the UI thread notes marks
        self._clock = clock
        self._start = clock()
        self._lines: list[str] = [MAGIC + "\n"]
        for key, value in (meta or {}).items():
            self._lines.append(f"@ {key}: {value}\n")
        self.flush()

    @classmethod
    def to_path(
        cls, path: str | Path, meta: dict[str, str] | None = None, *, overwrite: bool = False
    ) -> Recorder:
        """A recorder writing ``path``: a new file, unless ``overwrite`` (a recording is the
        user's work: an existing one is never truncated by accident)."""
        return cls(open(path, "w" if overwrite else "x", encoding="utf-8"), meta)

    def _t(self) -> str:
        return f"{self._clock() - self._start:.3f}"

    def sent(self, data: bytes) -> None:
        with self._lock:
            self._lines.append(f"> {self._t()} {escape(data)}\n")

    def received(self, data: bytes) -> None:
        t = self._t()
        with self._lock:
            for piece in _split_after_newlines(data):
                self._lines.append(f"< {t} {escape(piece)}\n")

    def note(self, text: str, *, flush: bool = False) -> None:
        """A note; ``flush`` writes it (and all before it) to the file now."""
        with self._lock:
            self._lines.append(f"! {self._t()} {text}\n")
            if flush:
                self._flush()

    def meta(self, key: str, value: str) -> None:
        """Metadata learnt mid-session (the dialect); a reader takes it wherever it stands."""
        with self._lock:
            self._lines.append(f"@ {key}: {value}\n")

    def comment(self, text: str) -> None:
        with self._lock:
            for line in text.splitlines():
                self._lines.append(f"# {line}\n")

    def flush(self) -> None:
        with self._lock:
            self._flush()

    def _flush(self) -> None:
        if self._lines:
            self._out.write("".join(self._lines))
            self._lines.clear()
        self._out.flush()

    def close(self) -> None:
        with self._lock:
            if self._out.closed:
                return
            self._flush()
            self._out.close()


def _split_after_newlines(data: bytes) -> Iterable[bytes]:
    start = 0
    while start < len(data):
        end = data.find(b"\n", start)
        if end < 0:
            yield data[start:]
            return
        yield data[start : end + 1]
        start = end + 1

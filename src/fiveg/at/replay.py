"""Answering commands from a transcript, for the simulator and for ``--replay``.

``Responder`` holds the logic (which recorded reply answers which command);
``ReplayPort`` puts it behind the same small port interface pyserial offers,
so a replay runs through the very session and framer a live modem does.
"""

from __future__ import annotations

import threading
from collections import defaultdict

from fiveg.at.codes import command_prefixes, final_code, split_chain
from fiveg.at.transcript import Exchange, Transcript

UNKNOWN_REPLY = b"\r\nERROR\r\n"


def normalize(command: bytes | str) -> str:
    text = command.decode("utf-8", "replace") if isinstance(command, bytes) else command
    return text.strip().upper()


def _unchain(ex: Exchange) -> list[tuple[str, bytes]]:
    """Per-part replies cut from a recorded chained command (``AT+A;+B``), by prefix.

    Real captures are often chained; cutting them lets a client that asks
    each command on its own be answered from them. Only a chain that ended
    in OK is cut, and a part gets exactly the lines carrying its prefix.
    """
    text = normalize(ex.command)
    parts = split_chain(text[2:]) if text.startswith("AT") else []
    if len(parts) < 2:
        return []
    lines = [ln.strip() for ln in ex.reply.decode("utf-8", "replace").splitlines()]
    lines = [ln for ln in lines if ln and ln.upper() != text]
    if not lines or final_code(lines[-1]) is None or lines[-1] != "OK":
        return []
    out = []
    for part in parts:
        prefixes = command_prefixes("AT" + part)
        own = [ln for ln in lines[:-1] if prefixes and ln.startswith(prefixes)]
        body = "".join(f"{ln}\r\n" for ln in own)
        out.append(
            (normalize("AT" + part), (f"\r\n{body}" if body else "").encode() + b"\r\nOK\r\n")
        )
    return out


class Responder:
    """Serves each command's recorded replies in turn, then starts again."""

    def __init__(self, transcript: Transcript) -> None:
        self.meta = dict(transcript.meta)
        self.preamble = transcript.preamble
        self._replies: dict[str, list[bytes]] = defaultdict(list)
        derived: dict[str, list[bytes]] = defaultdict(list)
        for ex in transcript.exchanges():
            self._replies[normalize(ex.command)].append(ex.reply)
            for part, reply in _unchain(ex):
                derived[part].append(reply)
        for part, replies in derived.items():
            self._replies.setdefault(part, replies)
        self._turn: dict[str, int] = defaultdict(int)
        self.received: list[str] = []  # every command asked, in order
        self._lock = threading.Lock()

    def reply(self, command: bytes | str) -> bytes:
        key = normalize(command)
        with self._lock:
            self.received.append(key)
            replies = self._replies.get(key)
            if not replies:
                return b"\r\nOK\r\n" if key == "AT" else UNKNOWN_REPLY
            turn = self._turn[key]
            self._turn[key] = turn + 1
            return replies[turn % len(replies)]


class ReplayPort:
    """A port answering from a transcript, in memory and without delay."""

    def __init__(self, transcript: Transcript, name: str = "replay") -> None:
        self.responder = Responder(transcript)
        self.port = name
        self.timeout: float | None = None
        self.is_open = True
        self._out = bytearray(self.responder.preamble)
        self._command = bytearray()

    @property
    def in_waiting(self) -> int:
        return len(self._out)

    def write(self, data: bytes) -> int:
        self._command += data
        while b"\r" in self._command:
            cmd, _, rest = bytes(self._command).partition(b"\r")
            self._command = bytearray(rest)
            cmd = cmd.strip(b"\n ")
            if cmd:
                self._out += self.responder.reply(cmd)
        return len(data)

    def read(self, size: int = 1) -> bytes:
        data = bytes(self._out[:size])
        del self._out[:size]
        return data

    def reset_input_buffer(self) -> None:
        self._out.clear()

    def close(self) -> None:
        self.is_open = False

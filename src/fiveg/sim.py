"""A modem simulator serving a transcript on a pty or a loopback TCP port.

It answers each command with its recorded reply (several replies to one
command in turn), so tests drive the real serial path end to end: pyserial
on the pty, or ``socket://`` over TCP. What listens binds to loopback unless
told otherwise.
"""

from __future__ import annotations

import contextlib
import os
import select
import socket
import threading
import time
import tty
from collections.abc import Callable

from fiveg.at.replay import CommandSplitter, Responder


def _serve(
    read: Callable[[], bytes | None],
    write: Callable[[bytes], None],
    sim: Simulator,
) -> None:
    """Answer commands until the peer goes or the simulator stops.

    The responder, latency and timeline are read from ``sim`` at every
    command, so a test or benchmark can change the modem's behaviour while a
    client is connected (a slow reply, a signal that jumps at a known time).
    """
    splitter = CommandSplitter()
    while not sim._stop.is_set():
        data = read()
        if data is None:
            return  # peer gone
        for command in splitter.feed(data):
            if sim.latency:
                time.sleep(sim.latency)  # the modem's own think time, simulated
            at = sim.timeline() if sim.timeline is not None else None
            write(sim.responder.reply(command, at))


class Simulator:
    """Base: owns the responder, a stop event and the serving threads."""

    def __init__(self, responder: Responder, latency: float = 0.0) -> None:
        self.responder = responder
        self.latency = latency
        # None: each command's recorded replies in turn; else transcript seconds now
        self.timeline: Callable[[], float] | None = None
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    @property
    def received(self) -> list[str]:
        return self.responder.received

    def _spawn(self, target: Callable[[], None]) -> None:
        t = threading.Thread(target=target, daemon=True)
        t.start()
        self._threads.append(t)

    def stop(self) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(timeout=2)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class PtySimulator(Simulator):
    """Serves on a pseudo-terminal; ``path`` is the device to open (e.g. /dev/pts/7)."""

    def start(self) -> PtySimulator:
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)
        self.path = os.ttyname(self._slave)
        self._spawn(self._run)
        return self

    def _read(self) -> bytes | None:
        while not self._stop.is_set():
            ready, _, _ = select.select([self._master], [], [], 0.1)
            if ready:
                try:
                    return os.read(self._master, 4096)
                except OSError:
                    return None
        return None

    def _write(self, data: bytes) -> None:
        os.write(self._master, data)

    def _run(self) -> None:
        try:
            _serve(self._read, self._write, self)
        finally:
            for fd in (self._master, self._slave):
                with contextlib.suppress(OSError):
                    os.close(fd)


class TcpSimulator(Simulator):
    """Serves on TCP, one client at a time; ``url`` is the socket:// URL to open."""

    def __init__(self, responder, latency=0.0, host="127.0.0.1", port=0) -> None:
        super().__init__(responder, latency)
        self.host = host
        self.port = port

    def start(self) -> TcpSimulator:
        self._server = socket.create_server((self.host, self.port))
        self._server.settimeout(0.1)
        self.port = self._server.getsockname()[1]
        self.url = f"socket://{self.host}:{self.port}"
        self._spawn(self._accept)
        return self

    def _accept(self) -> None:
        with self._server:
            while not self._stop.is_set():
                try:
                    conn, _ = self._server.accept()
                except TimeoutError:
                    continue
                except OSError:
                    return
                self._spawn(lambda c=conn: self._client(c))

    def _client(self, conn: socket.socket) -> None:
        conn.settimeout(0.1)

        def read() -> bytes | None:
            while not self._stop.is_set():
                try:
                    data = conn.recv(4096)
                except TimeoutError:
                    continue
                except OSError:
                    return None
                return data or None
            return None

        with conn:
            if self.responder.preamble:
                conn.sendall(self.responder.preamble)
            with contextlib.suppress(OSError):
                _serve(read, conn.sendall, self)

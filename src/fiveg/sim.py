"""A modem simulator serving a transcript on a pty or a loopback TCP port.

It answers each command with its recorded reply (several replies to one
command in turn), so tests drive the real serial path end to end: pyserial
on the pty, or ``socket://`` over TCP. What listens binds to loopback unless
told otherwise. Faults (``fiveg.faults``) can be switched on and off while a
client is connected, and the device can vanish and come back, as a USB
modem re-enumerating or a ser2net restarting does.
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
from pathlib import Path

from fiveg.at.replay import CommandSplitter, Responder, normalize
from fiveg.faults import DROP, Fault, Pause, inject

# Fault.SLOW's default delay: later than 5g-info's (3 s) and 5g-monitor's (2 s) default
# timeouts, so the reply comes after the client gave up, as the mode promises.
SLOW_DEFAULT = 3.5


class _Dropped(Exception):
    """The fault plan dropped the link."""


def _serve(
    read: Callable[[], bytes | None],
    write: Callable[[bytes], None],
    sim: Simulator,
    stop: threading.Event,
) -> None:
    """Answer commands until the peer goes, the link is dropped or the simulator stops.

    The responder, latency, timeline and fault are read from ``sim`` at every
    command, so a test or benchmark can change the modem's behaviour while a
    client is connected (a slow reply, a signal that jumps at a known time).
    """
    splitter = CommandSplitter()
    while not stop.is_set():
        data = read()
        if data is None:
            return  # peer gone
        for command in splitter.feed(data):
            if sim.latency:
                time.sleep(sim.latency)  # the modem's own think time, simulated
            at = sim.timeline() if sim.timeline is not None else None
            reply = sim.responder.reply(command, at)
            key = normalize(command)
            for step in inject(sim.fault, command, reply, sim._other, sim.slow):
                if step is DROP:
                    raise _Dropped
                if isinstance(step, Pause):
                    time.sleep(step)
                else:
                    write(step)
            if key != sim._other_key:
                sim._other, sim._other_key = reply, key


class Simulator:
    """Base: owns the responder, the fault switch, a stop event and the serving threads."""

    def __init__(self, responder: Responder, latency: float = 0.0) -> None:
        self.responder = responder
        self.latency = latency
        # None: each command's recorded replies in turn; else transcript seconds now
        self.timeline: Callable[[], float] | None = None
        self.fault: Fault | None = None
        self.slow = SLOW_DEFAULT  # seconds a Fault.SLOW reply is late
        self._other = b"\r\nOK\r\n"  # the last reply to another command, for Fault.WRONG
        self._other_key = ""
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
        self._vanish()
        for t in self._threads:
            t.join(timeout=2)

    def start(self):
        self._appear()
        return self

    def vanish(self) -> None:
        """The device goes away (USB reset, router reboot): every link is cut."""
        self._vanish()

    def reappear(self) -> None:
        """The device is back, at the same path or address."""
        self._appear()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class PtySimulator(Simulator):
    """Serves on a pseudo-terminal; ``path`` is the device to open (e.g. /dev/pts/7).

    With ``link`` (say ``/tmp/x/ttyUSB2``), ``path`` is that symlink to the
    current pty, so the device can vanish and reappear at the same path as a
    re-enumerated USB modem does.
    """

    def __init__(self, responder, latency=0.0, link: str | os.PathLike | None = None) -> None:
        super().__init__(responder, latency)
        self.link = Path(link) if link else None
        self._fds: tuple[int, int] | None = None
        self._gone = threading.Event()
        self._lock = threading.RLock()  # appear/vanish from tests and serving threads

    def _appear(self) -> None:
        with self._lock:
            self._open_pty()

    def _open_pty(self) -> None:
        master, slave = os.openpty()
        tty.setraw(slave)
        self._fds = (master, slave)
        self._gone = gone = threading.Event()
        self.path = os.ttyname(slave)
        if self.link:
            with contextlib.suppress(FileNotFoundError):
                self.link.unlink()
            self.link.symlink_to(self.path)
            self.path = str(self.link)
        self._spawn(lambda: self._run(master, gone))

    def _vanish(self, generation: threading.Event | None = None) -> None:
        """Close the pty (only if it is still ``generation``, when given)."""
        with self._lock:
            if generation is None or generation is self._gone:
                self._close_pty()

    def _close_pty(self) -> None:
        self._gone.set()
        fds, self._fds = self._fds, None
        for fd in fds or ():
            with contextlib.suppress(OSError):
                os.close(fd)
        if self.link:
            with contextlib.suppress(FileNotFoundError):
                self.link.unlink()

    def _run(self, master: int, gone: threading.Event) -> None:
        def read() -> bytes | None:
            while not (self._stop.is_set() or gone.is_set()):
                try:
                    ready, _, _ = select.select([master], [], [], 0.1)
                    if ready:
                        return os.read(master, 4096)
                except (OSError, ValueError):
                    return None
            return None

        def write(data: bytes) -> None:
            os.write(master, data)

        with contextlib.suppress(OSError, _Dropped):
            _serve(read, write, self, gone)
        if not gone.is_set():  # dropped by a fault: the device is gone until reappear()
            self._vanish(gone)


class TcpSimulator(Simulator):
    """Serves on TCP, one client at a time; ``url`` is the socket:// URL to open."""

    def __init__(self, responder, latency=0.0, host="127.0.0.1", port=0) -> None:
        super().__init__(responder, latency)
        self.host = host
        self.port = port
        self._server: socket.socket | None = None
        self._conns: set[socket.socket] = set()

    def _appear(self) -> None:
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        self._server = socket.create_server((self.host, self.port), family=family)
        self._server.settimeout(0.1)
        self.port = self._server.getsockname()[1]
        host = f"[{self.host}]" if ":" in self.host else self.host
        self.url = f"socket://{host}:{self.port}"
        server = self._server
        self._spawn(lambda: self._accept(server))

    def _vanish(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            # shutdown first: a close alone leaves the socket listening until the
            # accept thread's poll returns, and a client could still connect
            with contextlib.suppress(OSError):
                server.shutdown(socket.SHUT_RDWR)
            server.close()
        for conn in list(self._conns):
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()

    def _accept(self, server: socket.socket) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._conns.add(conn)
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

        try:
            with conn:
                if self.responder.preamble:
                    conn.sendall(self.responder.preamble)
                with contextlib.suppress(OSError, _Dropped):
                    _serve(read, conn.sendall, self, self._stop)
        finally:
            self._conns.discard(conn)

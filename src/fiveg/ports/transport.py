"""Opening ports: local device paths and pyserial URLs (socket://, rfc2217://, loop://).

Everything goes through ``serial.serial_for_url`` except ``socket://``, which
gets a subclass whose ``in_waiting`` counts bytes (pyserial's says only 0 or 1),
so a session can take a whole reply in one read instead of byte by byte.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import socket
import stat
import termios
from pathlib import Path
from urllib.parse import urlsplit

import serial
from serial.urlhandler import protocol_socket

from fiveg.at.errors import PortBusy, PortError, PortSpecError
from fiveg.ports.lockfile import Locked, UucpLock, process_name


class _CountingSocket(protocol_socket.Serial):
    _opening = False

    def open(self) -> None:
        """Connect, keeping what the modem sends at once.

        pyserial's open() ends by emptying the input buffer; on a fresh
        connection what is there is the modem's own first words (RDY, +QIND
        after a boot), which a session keeps as URCs, so nothing is dropped.
        """
        self._opening = True
        try:
            super().open()
        finally:
            self._opening = False

    def reset_input_buffer(self) -> None:
        if not self._opening:
            super().reset_input_buffer()

    @property
    def in_waiting(self) -> int:
        if not self.is_open:
            raise serial.PortNotOpenError()
        try:
            buf = bytearray(4)
            fcntl.ioctl(self._socket.fileno(), termios.FIONREAD, buf)
            count = int.from_bytes(buf, "little")
        except OSError:
            return super().in_waiting
        if count == 0 and super().in_waiting:
            # readable but nothing buffered: the peer closed; let read() say so
            return 1
        return count

    def close(self) -> None:
        # pyserial's own close() sleeps 0.3 s "for quick reconnects"; a reply
        # ends at its final code, and so does a session: no fixed sleeps.
        if self.is_open and self._socket is not None:
            with contextlib.suppress(OSError):
                self._socket.shutdown(socket.SHUT_RDWR)
            self._socket.close()
            self._socket = None
        self.is_open = False


def is_url(port: str) -> bool:
    return "://" in port


def open_port(port: str, baudrate: int = 115200, *, share: bool = False):
    """Open ``port`` for AT use, exclusively (and UUCP-locked) when it is a local device.

    ``ssh://`` runs the user's ssh to a router (``fiveg.ports.ssh``); every
    other URL goes through pyserial. A local device that another process
    already has open is refused, naming it, unless ``share`` (two readers of
    one AT port take each other's replies).
    """
    if port.startswith("ssh://"):
        from fiveg.ports.ssh import SshPort

        return SshPort(port, baudrate)
    if port.startswith(("socket://", "rfc2217://")):
        _check_host_port(port)
    elif not is_url(port):
        _check_device(port)
    try:
        if port.startswith("socket://"):
            ser = _CountingSocket(None, baudrate=baudrate, timeout=0.05)
            ser.port = port
            ser.open()
            return ser
        if is_url(port):
            return serial.serial_for_url(port, baudrate=baudrate, timeout=0.05)
        return _open_device(port, baudrate, share)
    except serial.SerialException as exc:
        raise _explain(port, exc) from None
    except ValueError as exc:
        raise PortError(f"cannot open {port}: {exc}") from None


def _check_host_port(url: str) -> None:
    """socket:// and rfc2217:// name a host and a TCP port, 1 to 65535 (else a usage error)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        port = None
    if not parts.hostname or port is None or not 1 <= port <= 65535:
        scheme = url.split("://", 1)[0]
        raise PortSpecError(f"{url}: expected {scheme}://HOST:PORT with a port from 1 to 65535")


def _check_device(path: str) -> None:
    """A local port is a character device; say plainly what else was named."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # missing or unreadable: the open says so (``_explain``)
    if stat.S_ISDIR(mode):
        raise PortError(f"cannot open {path}: it is a folder, not a serial port")
    if not stat.S_ISCHR(mode):
        raise PortError(f"cannot open {path}: it is a file, not a serial port")


class _LockedSerial(serial.Serial):
    """A local serial device that holds its UUCP lock until closed."""

    lock: UucpLock | None = None
    lock_warning: str | None = None  # why no lock could be taken, for the user to read

    def close(self) -> None:
        try:
            super().close()
        finally:
            if self.lock is not None:
                self.lock.release()


def _open_device(port: str, baudrate: int, share: bool = False) -> serial.Serial:
    """Take the UUCP lock, refuse a device others hold, then open it exclusively.

    pyserial's ``exclusive`` is an advisory flock, which a plain ``cat`` never
    asks for; TIOCEXCL makes the kernel refuse every later open (EBUSY) but
    root's, and the /proc look beforehand catches a program already reading.
    """
    lock = UucpLock(port)
    try:
        lock.acquire()
    except Locked as exc:
        raise PortBusy(
            port, [(exc.pid, process_name(exc.pid))], how=f"its lock file {exc.path}"
        ) from None
    ser = _LockedSerial(None, baudrate=baudrate, timeout=0.05, exclusive=True)
    ser.port = port
    ser.lock = lock
    ser.lock_warning = lock.problem
    try:
        if not share and (others := holders_of(port)):
            raise PortBusy(port, others, how="it has the device open; --share to use it anyway")
        ser.open()
        with contextlib.suppress(OSError):  # a character device that is not a tty
            fcntl.ioctl(ser.fd, termios.TIOCEXCL)
    except BaseException:
        lock.release()
        raise
    return ser


def _explain(port: str, exc: serial.SerialException) -> PortError:
    err = getattr(exc, "errno", None)
    text = str(exc)
    if err == errno.EBUSY or "exclusively lock" in text or "Resource temporarily" in text:
        return PortBusy(port, holders_of(port, skip_self=False))
    if err == errno.ENOENT or "No such file" in text:
        return PortError(f"cannot open {port}: no such device (is the modem plugged in?)")
    if err == errno.EACCES or "Permission denied" in text:
        return PortError(f"cannot open {port}: permission denied (try the dialout group)")
    if "Connection refused" in text or "ECONNREFUSED" in text:
        return PortError(f"cannot open {port}: connection refused (is ser2net/socat running?)")
    return PortError(f"cannot open {port}: {text}")


def holders_of(device: str, *, skip_self: bool = True) -> list[tuple[int, str]]:
    """(pid, process name) of every process with ``device`` open, from /proc.

    A pseudo-terminal's own other end is left out: a process holding the pty's
    master (a simulator, socat's ``PTY,link=...``) is the device, not a second
    reader of it. So is this process, unless ``skip_self`` is False.
    """
    try:
        target = os.path.realpath(device)
    except OSError:
        return []
    pts = target.removeprefix("/dev/pts/") if target.startswith("/dev/pts/") else None
    holders = []
    for proc in Path("/proc").glob("[0-9]*"):
        if skip_self and int(proc.name) == os.getpid():
            continue
        try:
            links = {fd.name: os.path.realpath(fd) for fd in (proc / "fd").iterdir()}
        except OSError:
            continue
        if target not in links.values():
            continue
        if pts is not None and _holds_master(proc, links, pts):
            continue
        try:
            holders.append((int(proc.name), (proc / "comm").read_text().strip()))
        except OSError:
            continue
    return sorted(set(holders))


def _holds_master(proc: Path, links: dict[str, str], index: str) -> bool:
    """Whether ``proc`` holds the master of /dev/pts/<index> (its fdinfo names the tty index)."""
    for fd, path in links.items():
        if path != "/dev/ptmx" and not path.startswith("/dev/pts/ptmx"):
            continue
        try:
            info = (proc / "fdinfo" / fd).read_text()
        except OSError:
            continue
        if f"tty-index:\t{index}\n" in info:
            return True
    return False

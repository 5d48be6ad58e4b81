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
import termios
from pathlib import Path

import serial
from serial.urlhandler import protocol_socket

from fiveg.at.errors import PortBusy, PortError
from fiveg.ports.lockfile import Locked, UucpLock, process_name


class _CountingSocket(protocol_socket.Serial):
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


def open_port(port: str, baudrate: int = 115200):
    """Open ``port`` for AT use, exclusively (and UUCP-locked) when it is a local device.

    ``ssh://`` runs the user's ssh to a router (``fiveg.ports.ssh``); every
    other URL goes through pyserial.
    """
    if port.startswith("ssh://"):
        from fiveg.ports.ssh import SshPort

        return SshPort(port, baudrate)
    try:
        if port.startswith("socket://"):
            ser = _CountingSocket(None, baudrate=baudrate, timeout=0.05)
            ser.port = port
            ser.open()
            return ser
        if is_url(port):
            return serial.serial_for_url(port, baudrate=baudrate, timeout=0.05)
        return _open_device(port, baudrate)
    except serial.SerialException as exc:
        raise _explain(port, exc) from None
    except ValueError as exc:
        raise PortError(f"cannot open {port}: {exc}") from None


class _LockedSerial(serial.Serial):
    """A local serial device that holds its UUCP lock until closed."""

    lock: UucpLock | None = None

    def close(self) -> None:
        try:
            super().close()
        finally:
            if self.lock is not None:
                self.lock.release()


def _open_device(port: str, baudrate: int) -> serial.Serial:
    """Take the UUCP lock, then open the device exclusively (TIOCEXCL)."""
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
    try:
        ser.open()
    except BaseException:
        lock.release()
        raise
    return ser


def _explain(port: str, exc: serial.SerialException) -> PortError:
    err = getattr(exc, "errno", None)
    text = str(exc)
    if err == errno.EBUSY or "exclusively lock" in text or "Resource temporarily" in text:
        return PortBusy(port, holders_of(port))
    if err == errno.ENOENT or "No such file" in text:
        return PortError(f"cannot open {port}: no such device (is the modem plugged in?)")
    if err == errno.EACCES or "Permission denied" in text:
        return PortError(f"cannot open {port}: permission denied (try the dialout group)")
    if "Connection refused" in text or "ECONNREFUSED" in text:
        return PortError(f"cannot open {port}: connection refused (is ser2net/socat running?)")
    return PortError(f"cannot open {port}: {text}")


def holders_of(device: str) -> list[tuple[int, str]]:
    """(pid, process name) of every process with ``device`` open, from /proc."""
    try:
        target = os.path.realpath(device)
    except OSError:
        return []
    holders = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            for fd in (proc / "fd").iterdir():
                if os.path.realpath(fd) == target:
                    name = (proc / "comm").read_text().strip()
                    holders.append((int(proc.name), name))
                    break
        except OSError:
            continue
    return sorted(set(holders))

"""UUCP lock files, so cooperating programs take turns on a serial port.

The convention (FHS 3.0, /var/lock; the HDB UUCP format): before opening
/dev/ttyUSB2 a program creates ``LCK..ttyUSB2`` holding its PID as ten ASCII
characters and a newline, and removes it when done; a program finding a
lock whose PID is alive leaves the port alone, and one whose PID is dead
(a crash) may take it over. minicom, picocom, ModemManager's helpers and
many router scripts follow it; the exclusive open (TIOCEXCL) catches those
that do not.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

LOCK_DIRS = ("/var/lock", "/run/lock")


def lock_dir() -> Path | None:
    """Where locks live: $FIVEG_LOCK_DIR, else the first of /var/lock and /run/lock there is."""
    if override := os.environ.get("FIVEG_LOCK_DIR"):
        return Path(override)
    return next((Path(d) for d in LOCK_DIRS if os.path.isdir(d)), None)


def lock_name(device: str) -> str:
    """``LCK..ttyUSB2`` for /dev/ttyUSB2 (and for any symlink to it, such as by-id names)."""
    real = os.path.realpath(device)
    rel = real[len("/dev/") :] if real.startswith("/dev/") else os.path.basename(real)
    return "LCK.." + rel.replace("/", "_")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


def process_name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return "?"


def read_pid(path: Path) -> int | None:
    """The PID in a lock file (HDB: ASCII, possibly padded; old binary locks are not read)."""
    try:
        text = path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


class Locked(Exception):
    """A live process holds the lock."""

    def __init__(self, path: Path, pid: int) -> None:
        self.path = path
        self.pid = pid
        super().__init__(f"{path} is held by pid {pid}")


class UucpLock:
    def __init__(self, device: str, directory: Path | None = None) -> None:
        directory = directory or lock_dir()
        self.path = directory / lock_name(device) if directory else None
        self.held = False
        self.problem: str | None = None if directory else "no lock directory (/var/lock)"

    def acquire(self) -> None:
        """Create the lock, taking over a stale one; raise ``Locked`` if a live process has it.

        Where the lock directory is not writable (an unprivileged user on
        some systems), a live lock is still honoured; the port is then
        guarded by the exclusive open alone.
        """
        if self.path is None:
            return
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                pid = read_pid(self.path)
                if pid is not None and _alive(pid):
                    raise Locked(self.path, pid) from None
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()  # stale: its owner died without cleaning up
                continue
            except OSError as exc:
                if exc.errno in (errno.EACCES, errno.EROFS, errno.ENOENT, errno.EPERM):
                    self.problem = f"cannot write the lock {self.path}: {exc.strerror}"
                    return
                raise
            with os.fdopen(fd, "w", encoding="ascii") as f:
                f.write(f"{os.getpid():>10}\n")
            self.held = True
            return

    def release(self) -> None:
        if self.held and self.path is not None:
            self.held = False
            if read_pid(self.path) == os.getpid():
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()

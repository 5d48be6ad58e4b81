"""``ssh://[user@]host[:port]/dev/ttyUSB2``: a modem's AT port on a router, over the user's ssh.

Nothing needs installing on the router: fiveg runs the user's own ``ssh``
(their config, keys and known hosts) and bridges the remote tty with what
BusyBox has (``stty`` and ``cat``), or with ``socat`` when the router has
it. The remote command is built from quoted parts and passed as one
argument to ssh, never through a local shell. ``?bridge=cat`` or
``?bridge=socat`` forces a bridge. ``$FIVEG_SSH`` replaces the ssh command
(e.g. ``ssh -F ~/.ssh/router.conf``).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import shlex
import subprocess
import termios
from urllib.parse import parse_qs, unquote, urlsplit

from fiveg.at.errors import PortError

BRIDGES = ("auto", "socat", "cat")


def remote_command(device: str, baudrate: int, bridge: str = "auto") -> str:
    """The shell command the router runs: a raw tty joined to ssh's stdin and stdout.

    With ``cat``: one ``cat`` copies the tty to stdout in the background, a
    second copies stdin to the tty; when ssh closes stdin the second ends
    and takes the first with it, so nothing is left running on the router.
    """
    dev = shlex.quote(device)
    socat = f"exec socat - {dev},raw,echo=0,b{int(baudrate)}"
    stty = f"stty -F {dev} {int(baudrate)} raw -echo 2>/dev/null || stty -F {dev} raw -echo"
    cat = f"{stty} || exit 1; cat {dev} & p=$!; cat >{dev}; kill $p"
    if bridge == "socat":
        return socat
    if bridge == "cat":
        return cat
    return f"if command -v socat >/dev/null 2>&1; then {socat}; fi; {cat}"


def parse_url(url: str) -> tuple[list[str], str, str]:
    """ssh destination arguments, the remote device, and the bridge."""
    parts = urlsplit(url)
    if parts.scheme != "ssh" or not parts.hostname:
        raise PortError(f"{url}: expected ssh://[user@]host[:port]/dev/ttyUSB2")
    device = unquote(parts.path)
    if not device.startswith("/dev/"):
        raise PortError(f"{url}: the remote device must be a path under /dev")
    host = parts.hostname
    if host.startswith("-"):
        raise PortError(f"{url}: not a host name")
    dest = f"{unquote(parts.username)}@{host}" if parts.username else host
    args = ["-p", str(parts.port)] if parts.port else []
    bridge = parse_qs(parts.query).get("bridge", ["auto"])[0]
    if bridge not in BRIDGES:
        raise PortError(f"{url}: bridge must be one of {', '.join(BRIDGES)}")
    return [*args, "--", dest], device, bridge


class SshPort:
    """The remote tty through an ssh child process, with the small port interface sessions use."""

    def __init__(self, url: str, baudrate: int = 115200) -> None:
        dest, device, bridge = parse_url(url)
        ssh = shlex.split(os.environ.get("FIVEG_SSH", "ssh"))
        argv = [
            *ssh,
            "-T",  # no remote pty: the bytes pass untouched
            "-o",
            "BatchMode=yes",  # never prompt over the screen; keys or agent only
            "-o",
            "ServerAliveInterval=5",
            "-o",
            "ServerAliveCountMax=2",  # a dead link is noticed within ~10 s
            *dest,
            remote_command(device, baudrate, bridge),
        ]
        self.port = url
        self.timeout: float | None = 0.05
        try:
            self._proc = subprocess.Popen(
                argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                bufsize=0,
                start_new_session=True,  # a Ctrl-C in the terminal is ours to handle, not ssh's
            )
        except OSError as exc:
            raise PortError(f"cannot open {url}: cannot run {ssh[0]}: {exc.strerror}") from None
        self.is_open = True

    def _failure(self) -> str:
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._proc.wait(timeout=1)
        err = (
            self._proc.stderr.read().decode("utf-8", "replace").strip() if self._proc.stderr else ""
        )
        last = err.splitlines()[-1] if err else f"ssh exited with {self._proc.returncode}"
        return f"ssh link closed: {last}"

    @property
    def in_waiting(self) -> int:
        buf = bytearray(4)
        try:
            fcntl.ioctl(self._proc.stdout.fileno(), termios.FIONREAD, buf)
        except (OSError, ValueError):
            return 0
        return int.from_bytes(buf, "little")

    def read(self, size: int = 1) -> bytes:
        fd = self._proc.stdout.fileno()
        ready, _, _ = select.select([fd], [], [], self.timeout or 0)
        if not ready:
            return b""
        data = os.read(fd, size)
        if not data:
            raise OSError(self._failure())
        return data

    def write(self, data: bytes) -> int:
        try:
            return os.write(self._proc.stdin.fileno(), data)
        except (BrokenPipeError, ValueError):
            raise OSError(self._failure()) from None

    def reset_input_buffer(self) -> None:
        while self.in_waiting:
            self.read(self.in_waiting)

    def close(self) -> None:
        if not self.is_open:
            return
        self.is_open = False
        with contextlib.suppress(OSError):
            self._proc.stdin.close()  # the router's stdin-to-tty cat ends, and takes the other
        try:
            self._proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self._proc.terminate()
            self._proc.wait(timeout=2)
        for pipe in (self._proc.stdout, self._proc.stderr):
            with contextlib.suppress(OSError):
                pipe.close()

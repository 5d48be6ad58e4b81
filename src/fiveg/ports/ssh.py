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
import re
import select
import shlex
import socket
import subprocess
import termios
import time
from urllib.parse import parse_qs, unquote, urlsplit

from fiveg.at.errors import PortError, PortSpecError

BRIDGES = ("auto", "socat", "cat")
READY = b"fiveg-bridge: ready"
OPEN_TIMEOUT = 20.0  # seconds for ssh to connect and the bridge to take the device
# Lock directories tried on the router, first writable wins (FHS; OpenWrt's /var is /tmp).
LOCK_DIRS = ("/var/lock", "/run/lock", "/tmp")


def client_token() -> str:
    """Who a bridge belongs to: this host and process (a reconnect is the same client)."""
    host = re.sub(r"[^A-Za-z0-9.-]", "", socket.gethostname())[:40] or "host"
    return f"{host}-{os.getpid()}"


def remote_command(
    device: str,
    baudrate: int,
    bridge: str = "auto",
    *,
    token: str = "client",
    lock_dir: str | None = None,
) -> str:
    """The shell script the router runs: one bridge per device, a raw tty joined to ssh.

    - It never creates anything at the device path: a path that is not a
      character device is "no such device" (exit 3), and socat opens it with
      OPEN (no O_CREAT).
    - It takes the device's UUCP lock (HDB format, as fiveg does locally).
      A lock whose pid is dead is stale and taken over; a live bridge of this
      same client (a dropped link the client is reconnecting over) is ended
      and replaced; anything else holding it is "busy" (exit 4), named.
    - It says ``fiveg-bridge: ready`` on stderr once it holds the device, so
      the client knows the port is open before it sends anything.
    - When ssh closes stdin, or the bridge is signalled, both copies end and
      the lock is removed: nothing is left running on the router.

    The marker ``: fiveg-bridge <token>;`` stands in the shell's command line,
    which is how a later bridge proves an old one is fiveg's and whose.
    """
    dev = shlex.quote(device)
    name = shlex.quote("LCK.." + device.rsplit("/", 1)[-1])
    dirs = " ".join(shlex.quote(d) for d in ((lock_dir,) if lock_dir else LOCK_DIRS))
    mark = f"fiveg-bridge {token};"  # token: letters, digits, '.' and '-' only
    rate = int(baudrate)
    # The device is named in messages as "$d": never pasted into a double-quoted string.
    socat = f'socat - "OPEN:$d,raw,echo=0,b{rate}" <&3 & w=$!'
    stty = f'stty -F "$d" {rate} raw -echo 2>/dev/null || stty -F "$d" raw -echo'
    cat = f'{{ {stty}; }} || fail 1 "cannot set $d raw"; cat "$d" & r=$!; cat <&3 >"$d" & w=$!'
    copy = {
        "socat": socat,
        "cat": cat,
        "auto": f"if command -v socat >/dev/null 2>&1; then {socat}; else {cat}; fi",
    }[bridge]
    take_lock = (
        "while :; do"
        ' printf "%10d\\n" $$ >"$f.$$" && ln "$f.$$" "$f" 2>/dev/null && break;'
        ' p=$(tr -dc 0-9 <"$f" 2>/dev/null);'
        ' if [ -z "$p" ] || [ ! -d "/proc/$p" ]; then rm -f "$f"; continue; fi;'  # stale
        ' c=$(tr "\\000" " " </proc/$p/cmdline 2>/dev/null);'
        f' case "$c" in *"{mark}"*) kill "$p" 2>/dev/null;;'  # ours, from a dropped link
        ' *fiveg-bridge*) fail 4 "$d is busy: another fiveg holds it (pid $p)";;'
        ' *) fail 4 "$d is busy: it is held by $(cat /proc/$p/comm 2>/dev/null) (pid $p)";;'
        " esac;"
        ' n=$((n+1)); [ $n -lt 100 ] || fail 4 "pid $p does not let go of $d";'
        " sleep 0.1 2>/dev/null || sleep 1;"
        " done"
    )
    script = "; ".join(
        [
            f": {mark} d={dev}; f=; h=; n=0; r=; w=",
            'fail() { [ -z "$f" ] || rm -f "$f.$$" ${h:+"$f"}; echo "fiveg-bridge: $2" >&2;'
            ' exit "$1"; }',
            '[ -c "$d" ] || fail 3 "$d: no such device"',
            f'for l in {dirs}; do [ -d "$l" ] && [ -w "$l" ] && {{ f="$l/"{name}; break; }}; done',
            '[ -n "$f" ] || fail 4 "no writable lock directory for $d"',
            take_lock,
            'rm -f "$f.$$"; h=1',
            "trap 'kill $r $w 2>/dev/null; rm -f \"$f\"; exit 0' TERM HUP INT",
            "exec 3<&0",
            '[ -c "$d" ] || fail 3 "$d: no such device"',
            copy,
            "echo 'fiveg-bridge: ready' >&2",
            'wait $w; kill $r 2>/dev/null; rm -f "$f"',
        ]
    )
    # sh, whatever the login shell is; its command line carries the marker
    return f"exec sh -c {shlex.quote(script)}"


def parse_url(url: str) -> tuple[list[str], str, str, str | None]:
    """ssh destination arguments, the remote device, the bridge and the remote lock directory."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        expected = "expected ssh://[user@]host[:port]/dev/ttyUSB2"
        raise PortSpecError(f"{url}: {exc}; {expected}") from None
    if parts.scheme != "ssh" or not parts.hostname:
        raise PortSpecError(f"{url}: expected ssh://[user@]host[:port]/dev/ttyUSB2")
    device = unquote(parts.path)
    if not device.startswith("/dev/"):
        raise PortSpecError(f"{url}: the remote device must be a path under /dev")
    host = parts.hostname
    if host.startswith("-"):
        raise PortSpecError(f"{url}: not a host name")
    dest = f"{unquote(parts.username)}@{host}" if parts.username else host
    args = ["-p", str(port)] if port else []
    query = parse_qs(parts.query)
    bridge = query.get("bridge", ["auto"])[0]
    if bridge not in BRIDGES:
        raise PortSpecError(f"{url}: bridge must be one of {', '.join(BRIDGES)}")
    lock_dir = query.get("lockdir", [None])[0]
    if lock_dir is not None and not lock_dir.startswith("/"):
        raise PortSpecError(f"{url}: lockdir must be an absolute path")
    return [*args, "--", dest], device, bridge, lock_dir


class SshPort:
    """The remote tty through an ssh child process, with the small port interface sessions use."""

    def __init__(self, url: str, baudrate: int = 115200) -> None:
        dest, device, bridge, lock_dir = parse_url(url)
        try:
            ssh = shlex.split(os.environ.get("FIVEG_SSH", "ssh"))
        except ValueError as exc:
            raise PortSpecError(f"cannot open {url}: $FIVEG_SSH: {exc}") from None
        if not ssh:
            raise PortSpecError(f"cannot open {url}: $FIVEG_SSH is set but empty")
        argv = [
            *ssh,
            "-T",  # no remote pty: the bytes pass untouched
            "-o",
            "BatchMode=yes",  # never prompt over the screen; keys or agent only
            "-o",
            "ConnectTimeout=10",
            "-o",
            "ServerAliveInterval=5",
            "-o",
            "ServerAliveCountMax=2",  # a dead link is noticed within ~10 s
            *dest,
            remote_command(device, baudrate, bridge, token=client_token(), lock_dir=lock_dir),
        ]
        self.port = url
        self.timeout: float | None = 0.05
        self._err = b""
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
        self._await_ready()

    def _await_ready(self) -> None:
        """Wait for the bridge to hold the device; any failure before that is a PortError.

        This is a handshake, not a sleep: it ends as soon as the bridge says
        ``ready`` (or ssh exits), bounded by ``OPEN_TIMEOUT``.
        """
        fd = self._proc.stderr.fileno()
        deadline = time.monotonic() + OPEN_TIMEOUT
        while READY not in self._err:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([fd], [], [], max(0.0, left))
            chunk = os.read(fd, 4096) if ready else b""
            if not chunk:
                reason = self._reason() if ready else f"no answer within {OPEN_TIMEOUT:g} s"
                self.close()
                raise PortError(f"cannot open {self.port}: {reason}")
            self._err += chunk
        before, _, after = self._err.partition(READY)
        self._err = before + after.lstrip(b"\r\n")

    def _reason(self) -> str:
        """The bridge's or ssh's own last word, without the bridge's name."""
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._proc.wait(timeout=1)
        with contextlib.suppress(OSError, ValueError):  # what is there, never waiting for more
            fd = self._proc.stderr.fileno()
            while select.select([fd], [], [], 0)[0] and (chunk := os.read(fd, 4096)):
                self._err += chunk
        lines = self._err.decode("utf-8", "replace").strip().splitlines()
        last = lines[-1].strip() if lines else f"ssh exited with {self._proc.returncode}"
        return last.removeprefix("fiveg-bridge: ")

    def _failure(self) -> str:
        return f"ssh link closed: {self._reason()}"

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

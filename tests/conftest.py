from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from fiveg.at.replay import ReplayPort
from fiveg.at.session import AtSession
from fiveg.at.transcript import load
from fiveg.poll import poll

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "at_transcripts"
T0 = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True, scope="session")
def lock_dir(tmp_path_factory):
    """UUCP lock files of every test (and program it starts) go here, not /var/lock."""
    path = tmp_path_factory.mktemp("lock")
    old = os.environ.get("FIVEG_LOCK_DIR")
    os.environ["FIVEG_LOCK_DIR"] = str(path)
    yield path
    if old is None:
        del os.environ["FIVEG_LOCK_DIR"]
    else:
        os.environ["FIVEG_LOCK_DIR"] = old


@pytest.fixture(autouse=True, scope="session")
def no_host_port(tmp_path_factory):
    """The default port is one no machine has: a test never opens the host's /dev/ttyUSB2."""
    old = os.environ.get("FIVEG_PORT")
    os.environ["FIVEG_PORT"] = str(tmp_path_factory.mktemp("port") / "ttyUSB2")
    yield
    if old is None:
        del os.environ["FIVEG_PORT"]
    else:
        os.environ["FIVEG_PORT"] = old


def free_port() -> int:
    """A loopback TCP port nothing listens on (for servers a test starts)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fixture_path(name: str) -> Path:
    return FIXTURES / name


def poll_fixture(name: str, **kw):
    """Poll a fixture through ReplayPort -> AtSession -> framer -> parser.

    Returns the InfoPoll and every command the replayed modem ran, in order (a
    chain's parts one by one, up to the one that failed).
    """
    transcript = load(fixture_path(name))
    port = ReplayPort(transcript)
    kw.setdefault("recorded", transcript.meta.get("dialect"))
    return poll(AtSession(port), now=lambda: T0, **kw), port.responder.ran


def reply_lines(name: str, command: str) -> list[str]:
    """The information lines a fixture's modem gave one command (blank lines and OK dropped)."""
    for ex in load(fixture_path(name)).exchanges():
        if ex.command_text == command:
            text = ex.reply.decode()
            return [ln for ln in text.split("\r\n") if ln.strip() and ln != "OK"]
    raise KeyError(command)


def snapshot_of(name: str):
    return poll_fixture(name)[0].snapshot


@pytest.fixture
def snap():
    return snapshot_of


class FakeClock:
    """Monotonic seconds and wall time that move only when told to."""

    def __init__(self, start: float = 1000.0) -> None:
        self.t = start
        self.start = start

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds

    def wall(self) -> datetime:
        return T0 + timedelta(seconds=self.t - self.start)


def sweep_snapshots(slow: tuple[str, ...] = ()):
    """Every fast poll of the bundled sweep, in order, half a second apart (fake time)."""
    from fiveg.poller import Poller

    clock = FakeClock()
    transcript = load(fixture_path("rm520n_sweep_demo.at"))
    poller = Poller(lambda: AtSession(ReplayPort(transcript)), slow=slow, now=clock.wall)
    count = sum(1 for ex in transcript.exchanges() if ex.command.startswith(b'AT+QENG="s'))
    out = []
    for _ in range(count):
        result = poller.poll_fast()
        assert result.snapshot is not None, result.error
        out.append(result.snapshot)
        clock.advance(0.5)
    return out


def run_installed(script: str, *args: str, env: dict | None = None):
    """Run an installed console script (5g-info...) as a user would, without stdin."""
    exe = os.path.join(os.path.dirname(sys.executable), script)
    return subprocess.run(
        [exe, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
    )

"""One reader per AT port: a device another program holds is refused, naming it; once open,
the kernel refuses later opens (TIOCEXCL); a missing lock directory is said, not hidden."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from fiveg.at.errors import PortBusy
from fiveg.at.replay import Responder
from fiveg.at.session import AtSession
from fiveg.at.transcript import load
from fiveg.cli.info import info
from fiveg.ports.transport import holders_of, open_port
from fiveg.sim import PtySimulator
from tests.conftest import fixture_path, run_installed


@pytest.fixture
def modem():
    with PtySimulator(Responder(load(fixture_path("rm520n_nsa_ca_tim.at")))) as sim:
        yield sim


def started(argv: list[str]) -> subprocess.Popen:
    """A program that has exec'd (before, /proc names it python)."""
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    name = os.path.basename(argv[0])
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            if Path(f"/proc/{proc.pid}/comm").read_text().strip() == name:
                break
        except OSError:
            pass
        time.sleep(0.01)
    return proc


def wait_holding(pid: int, device: str) -> None:
    real = os.path.realpath(device)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            if any(
                os.path.realpath(f"/proc/{pid}/fd/{fd}") == real
                for fd in os.listdir(f"/proc/{pid}/fd")
            ):
                return
        except OSError:
            pass
        time.sleep(0.01)
    raise AssertionError(f"pid {pid} never opened {device}")


def test_a_plain_reader_on_the_port_is_refused_by_name(modem):
    reader = started([shutil.which("cat"), modem.path])
    try:
        wait_holding(reader.pid, modem.path)
        with pytest.raises(PortBusy) as err:
            open_port(modem.path)
        assert err.value.holders == [(reader.pid, "cat")]
        result = CliRunner().invoke(info, ["--port", modem.path])
        assert result.exit_code == 3
        assert f"cat (pid {reader.pid})" in result.stderr and "--share" in result.stderr
        assert modem.received == []  # nothing was sent where replies would be stolen
        shared = CliRunner().invoke(info, ["--port", modem.path, "--share", "--json"])
        assert modem.received  # --share: the user said so, and fiveg asked
        # what comes back depends on which reader wins each reply: a snapshot, a timeout,
        # or pyserial's "multiple access on port?"; never a traceback
        assert shared.exit_code in (0, 3, 4), shared.output
        assert shared.exception is None or isinstance(shared.exception, SystemExit)
    finally:
        reader.kill()
        reader.wait()


def test_once_open_no_later_open_gets_the_port(modem):
    port = open_port(modem.path)
    try:
        os.chmod(os.path.realpath(modem.path), 0o666)
        cat = [shutil.which("cat"), modem.path]
        if os.geteuid() == 0:  # root passes TIOCEXCL: try as an ordinary user
            cat = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cat]
        other = subprocess.run(cat, capture_output=True, text=True, timeout=10)
        assert other.returncode != 0
        assert "Device or resource busy" in other.stderr
        assert AtSession(port).command("AT+QSPN").lines  # and the port still works for us
    finally:
        port.close()
    assert holders_of(modem.path) == []  # the simulator holds the master: it is the device


def test_the_other_end_of_a_pty_is_not_a_holder(tmp_path):
    """A modem simulated on a pty by another process (5g-sim, socat PTY) is the device."""
    sim = subprocess.Popen(
        [
            os.path.join(os.path.dirname(sys.executable), "5g-sim"),
            str(fixture_path("rm520n_nsa_ca_tim.at")),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        path = sim.stdout.readline().strip()
        assert holders_of(path) == []
        result = run_installed("5g-info", "--port", path, "--json")
        assert result.returncode == 0, result.stderr
    finally:
        sim.terminate()
        sim.wait(timeout=5)


def test_a_port_without_a_lock_directory_says_so(modem, tmp_path):
    result = run_installed(
        "5g-info", "--port", modem.path, "--json", env={"FIVEG_LOCK_DIR": str(tmp_path / "none")}
    )
    assert result.returncode == 0, result.stderr
    assert "warning: cannot write the lock" in result.stderr
    assert "not locked against others" in result.stderr

"""UUCP lock files: honoured, created, taken over when stale, removed on close."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from fiveg.at.errors import PortBusy
from fiveg.at.replay import Responder
from fiveg.at.session import AtSession
from fiveg.at.transcript import load
from fiveg.cli.info import info
from fiveg.ports.lockfile import lock_name, process_name, read_pid
from fiveg.ports.transport import open_port
from fiveg.sim import PtySimulator
from tests.conftest import fixture_path


@pytest.fixture
def modem(tmp_path):
    # a device path like a USB modem's, a symlink to the simulator's pty
    with PtySimulator(
        Responder(load(fixture_path("rm520n_nsa_ca_tim.at"))), link=tmp_path / "ttyUSB2"
    ) as sim:
        yield sim


def lock_of(sim, lock_dir):
    return lock_dir / lock_name(sim.path)


def test_lock_names_follow_the_device_not_the_symlink(modem):
    real = os.path.realpath(modem.path)  # /dev/pts/N
    assert lock_name(modem.path) == "LCK.." + real[len("/dev/") :].replace("/", "_")
    assert lock_name("/dev/ttyUSB2") == "LCK..ttyUSB2"


def test_open_creates_the_lock_with_our_pid_and_close_removes_it(modem, lock_dir):
    port = open_port(modem.path)
    lock = lock_of(modem, lock_dir)
    assert lock.read_text() == f"{os.getpid():>10}\n"  # HDB UUCP: 10 ASCII digits, newline
    assert AtSession(port).command("AT+QSPN").lines
    port.close()
    assert not lock.exists()


def test_a_live_lock_is_honoured_and_its_holder_named(modem, lock_dir):
    holder = subprocess.Popen(["sleep", "30"])
    deadline = time.monotonic() + 5
    while process_name(holder.pid) != "sleep" and time.monotonic() < deadline:
        time.sleep(0.01)  # until the child has exec'd (before, /proc says "python")
    try:
        lock_of(modem, lock_dir).write_text(f"{holder.pid:>10}\n")
        with pytest.raises(PortBusy) as err:
            open_port(modem.path)
        assert err.value.holders == [(holder.pid, "sleep")]
        assert "LCK.." in str(err.value) and f"sleep (pid {holder.pid})" in str(err.value)
        result = CliRunner().invoke(info, ["--port", modem.path])
        assert result.exit_code == 3
        assert f"sleep (pid {holder.pid})" in result.stderr
        assert modem.received == []  # nothing was sent to a port someone else holds
    finally:
        holder.kill()
        holder.wait()
        lock_of(modem, lock_dir).unlink(missing_ok=True)


def test_a_stale_lock_is_taken_over(modem, lock_dir):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    lock = lock_of(modem, lock_dir)
    lock.write_text(f"{dead.pid:>10}\n")
    port = open_port(modem.path)
    assert read_pid(lock) == os.getpid()
    port.close()
    assert not lock.exists()


def test_an_unreadable_lock_is_stale(modem, lock_dir):
    lock = lock_of(modem, lock_dir)
    lock.write_bytes(b"\x00\x01garbage")
    open_port(modem.path).close()
    assert not lock.exists()


def test_a_busy_port_names_the_holder_from_proc(modem, lock_dir):
    """Another fiveg (or anything) with the device open, its lock file gone: still named."""
    code = (
        "import sys, time; from fiveg.ports.transport import open_port; "
        "p = open_port(sys.argv[1]); print('open', flush=True); time.sleep(30)"
    )
    first = subprocess.Popen(
        [sys.executable, "-c", code, modem.path], stdout=subprocess.PIPE, text=True
    )
    try:
        assert first.stdout.readline().strip() == "open"
        lock_of(modem, lock_dir).unlink()  # a program that ignores lock files
        with pytest.raises(PortBusy) as err:
            open_port(modem.path)
        assert (first.pid, process_name(first.pid)) in err.value.holders
    finally:
        first.kill()
        first.wait()

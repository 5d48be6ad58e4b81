"""ssh://: a real sshd started by the test on a loopback port, with throwaway keys.

The "router" is this machine: sshd runs the remote bridge (socat, or stty and
cat as on BusyBox) against the simulator's pty, and fiveg talks AT through
the user's ssh client exactly as it would to a GL-X3000 on the roof.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from fiveg.at.errors import PortError, PortGone
from fiveg.at.replay import Responder
from fiveg.at.session import AtSession
from fiveg.at.transcript import load
from fiveg.cli.info import info
from fiveg.ports.transport import open_port
from fiveg.sim import PtySimulator
from tests.conftest import fixture_path, free_port

SSHD = shutil.which("sshd") or "/usr/sbin/sshd"
pytestmark = pytest.mark.skipif(
    not (os.path.exists(SSHD) and shutil.which("ssh") and shutil.which("ssh-keygen"))
    and os.environ.get("FIVEG_REQUIRE_SSHD") != "1",
    reason="openssh-server and openssh-client are not installed",
)


class Router:
    """The test's sshd as a router: ``url(device)`` gives the ssh:// port of a device on it."""

    def __init__(self, base: str, locks: Path) -> None:
        self.base = base
        self.locks = locks

    def url(self, device: str, **query: str) -> str:
        query = {"lockdir": str(self.locks), **query}
        return f"{self.base}{device}?" + "&".join(f"{k}={v}" for k, v in query.items())

    def lock_pid(self, device: str) -> int | None:
        path = self.locks / f"LCK..{os.path.basename(os.path.realpath(device))}"
        try:
            return int(path.read_text().strip())
        except (OSError, ValueError):
            return None


@pytest.fixture(scope="module")
def sshd(tmp_path_factory):
    d = tmp_path_factory.mktemp("sshd")
    os.chmod(d, 0o700)
    for name in ("host", "client"):
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(d / name)], check=True
        )
    (d / "authorized_keys").write_text((d / "client.pub").read_text())
    port = free_port()
    user = (
        os.environ.get("USER")
        or subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip()
    )
    (d / "sshd_config").write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {d / 'host'}\n"
        f"AuthorizedKeysFile {d / 'authorized_keys'}\nPidFile {d / 'sshd.pid'}\n"
        "StrictModes no\nUsePAM no\nPasswordAuthentication no\nPermitRootLogin yes\n"
        "KbdInteractiveAuthentication no\n"
    )
    (d / "ssh_config").write_text(
        f"Host *\n  IdentityFile {d / 'client'}\n  UserKnownHostsFile {d / 'known_hosts'}\n"
        "  StrictHostKeyChecking no\n  LogLevel ERROR\n"
    )
    Path("/run/sshd").mkdir(exist_ok=True) if os.geteuid() == 0 else None
    proc = subprocess.Popen([SSHD, "-D", "-e", "-f", str(d / "sshd_config")])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    old = os.environ.get("FIVEG_SSH")
    os.environ["FIVEG_SSH"] = f"ssh -F {d / 'ssh_config'}"
    locks = d / "router-locks"  # the "router's" /var/lock, so no test writes the host's
    locks.mkdir()
    yield Router(f"ssh://{user}@127.0.0.1:{port}", locks)
    if old is None:
        os.environ.pop("FIVEG_SSH", None)
    else:
        os.environ["FIVEG_SSH"] = old
    proc.terminate()
    proc.wait(timeout=5)


@pytest.fixture
def modem():
    with PtySimulator(Responder(load(fixture_path("rm520n_nsa_ca_tim.at")))) as sim:
        yield sim


@pytest.mark.parametrize("bridge", ["cat", "socat"])
def test_at_over_ssh(sshd, modem, bridge):
    if bridge == "socat" and not shutil.which("socat"):
        pytest.skip("socat not installed")
    port = open_port(sshd.url(modem.path, bridge=bridge))
    try:
        session = AtSession(port)
        assert session.command("AT+QSPN").lines == ('+QSPN: "I TIM","TIM","",0,"22201"',)
        assert session.command('AT+QENG="servingcell"').lines[0] == '+QENG: "servingcell","NOCONN"'
    finally:
        port.close()
    assert modem.received == ["AT+QSPN", 'AT+QENG="SERVINGCELL"']


def test_info_over_ssh(sshd, modem):
    result = CliRunner().invoke(info, ["--port", sshd.url(modem.path), "--json"])
    assert result.exit_code == 0, result.output
    assert '"model": "RM520N-GL"' in result.stdout


BRIDGE_KINDS = ["cat", "socat", "auto"]


@pytest.mark.parametrize("bridge", BRIDGE_KINDS)
def test_missing_remote_device_is_no_such_device_and_nothing_is_created(sshd, bridge):
    device = f"/dev/ttyFIVEG{os.getpid()}{bridge}"  # no such device on this "router"
    result = CliRunner().invoke(info, ["--port", sshd.url(device, bridge=bridge), "--json"])
    assert result.exit_code == 3
    assert f"{device}: no such device" in result.stderr
    assert not os.path.lexists(device)  # the bridge never creates the path
    assert list(sshd.locks.iterdir()) == []


@pytest.mark.parametrize("bridge", BRIDGE_KINDS)
def test_a_regular_file_is_not_a_device_and_is_left_as_it_was(sshd, bridge, tmp_path):
    shm = Path("/dev/shm")
    if not shm.is_dir():
        pytest.skip("no /dev/shm on this machine")
    path = shm / f"fiveg-test-{os.getpid()}-{bridge}"
    path.write_bytes(b"keep me")
    try:
        with pytest.raises(PortError, match="no such device"):
            open_port(sshd.url(str(path), bridge=bridge))
        assert path.read_bytes() == b"keep me"
    finally:
        path.unlink()


def test_link_dropping_is_port_gone(sshd, modem):
    port = open_port(sshd.url(modem.path, bridge="cat"))
    session = AtSession(port)
    session.command("AT+QSPN")
    os.killpg(port._proc.pid, 15)  # the ssh connection dies
    with pytest.raises(PortGone, match="ssh link closed"):
        session.command("AT+QSPN", timeout=2)
    port.close()


def test_nothing_left_running_on_the_router_after_close(sshd, modem):
    port = open_port(sshd.url(modem.path, bridge="cat"))
    AtSession(port).command("AT+QSPN")
    assert sshd.lock_pid(modem.path) is not None  # the bridge holds the router's lock
    port.close()
    real = os.path.realpath(modem.path)
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        left = subprocess.run(["pgrep", "-f", f"cat {real}"], capture_output=True).stdout
        if not left:
            break
        time.sleep(0.1)
    assert not left
    assert sshd.lock_pid(modem.path) is None  # and gave it back


def wait_until(condition, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def parent_of(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


@pytest.mark.parametrize("bridge", ["cat", "socat"])
def test_a_dropped_link_s_bridge_is_ended_by_the_reconnect(sshd, modem, bridge):
    """The per-connection sshd stops (a dead link): the old bridge would go on reading the tty
    and steal replies. The same client's next bridge ends it and takes the device."""
    if bridge == "socat" and not shutil.which("socat"):
        pytest.skip("socat not installed")
    first = open_port(sshd.url(modem.path, bridge=bridge))
    AtSession(first).command("AT+QSPN")
    old = sshd.lock_pid(modem.path)
    assert old is not None and alive(old)
    sshd_child = parent_of(old)
    os.kill(sshd_child, signal.SIGSTOP)
    try:
        second = open_port(sshd.url(modem.path, bridge=bridge))
        try:
            assert wait_until(lambda: not alive(old))  # the stale bridge is gone...
            assert sshd.lock_pid(modem.path) not in (None, old)  # ...and the new one holds it
            session = AtSession(second)
            for _ in range(5):  # every reply reaches the new client, none the old bridge
                assert session.command("AT+QSPN", timeout=3).lines[0].startswith("+QSPN:")
        finally:
            second.close()
    finally:
        os.kill(sshd_child, signal.SIGCONT)
        first.close()
    assert wait_until(lambda: sshd.lock_pid(modem.path) is None)


def test_another_fiveg_on_the_same_device_is_refused(sshd, modem, monkeypatch):
    first = open_port(sshd.url(modem.path, bridge="cat"))
    try:
        monkeypatch.setattr("fiveg.ports.ssh.client_token", lambda: "other-host-1")
        with pytest.raises(PortError, match="is busy: another fiveg holds it"):
            open_port(sshd.url(modem.path, bridge="cat"))
        session = AtSession(first)  # the first client still has the modem to itself
        assert session.command("AT+QSPN").lines[0].startswith("+QSPN:")
    finally:
        first.close()


def test_a_stale_lock_is_taken_over_and_a_foreign_live_one_is_refused(sshd, modem):
    lock = sshd.locks / f"LCK..{os.path.basename(os.path.realpath(modem.path))}"
    lock.write_text(f"{2**22 + 12345:10d}\n")  # a pid above pid_max: no such process
    port = open_port(sshd.url(modem.path, bridge="cat"))
    assert sshd.lock_pid(modem.path) not in (None, 2**22 + 12345)
    port.close()
    holder = subprocess.Popen(["sleep", "30"])
    try:
        lock.write_text(f"{holder.pid:10d}\n")
        with pytest.raises(PortError, match=rf"is busy: it is held by sleep \(pid {holder.pid}\)"):
            open_port(sshd.url(modem.path, bridge="cat"))
        assert lock.exists()  # someone else's lock is never removed
    finally:
        holder.kill()
        holder.wait()
        lock.unlink(missing_ok=True)


def test_a_refused_login_is_a_port_error_at_open(sshd, modem):
    url = sshd.url(modem.path).replace("ssh://", "ssh://nosuchuser-", 1)
    started = time.monotonic()
    with pytest.raises(PortError, match=r"cannot open .*(Permission denied|closed)"):
        open_port(url)
    assert time.monotonic() - started < 15  # ssh's own answer, not the open timeout

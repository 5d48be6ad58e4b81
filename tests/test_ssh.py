"""ssh://: a real sshd started by the test on a loopback port, with throwaway keys.

The "router" is this machine: sshd runs the remote bridge (socat, or stty and
cat as on BusyBox) against the simulator's pty, and fiveg talks AT through
the user's ssh client exactly as it would to a GL-X3000 on the roof.
"""

from __future__ import annotations

import os
import shutil
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
from fiveg.ports.ssh import parse_url, remote_command
from fiveg.ports.transport import open_port
from fiveg.sim import PtySimulator
from tests.conftest import fixture_path, free_port

SSHD = shutil.which("sshd") or "/usr/sbin/sshd"
pytestmark = pytest.mark.skipif(
    not (os.path.exists(SSHD) and shutil.which("ssh") and shutil.which("ssh-keygen"))
    and os.environ.get("FIVEG_REQUIRE_SSHD") != "1",
    reason="openssh-server and openssh-client are not installed",
)


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
    yield f"ssh://{user}@127.0.0.1:{port}"
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


def test_url_parsing_and_quoting():
    assert parse_url("ssh://root@192.168.8.1:2222/dev/ttyUSB2") == (
        ["-p", "2222", "--", "root@192.168.8.1"],
        "/dev/ttyUSB2",
        "auto",
    )
    assert parse_url("ssh://router/dev/ttyUSB3?bridge=cat")[2] == "cat"
    with pytest.raises(PortError):
        parse_url("ssh://-oProxyCommand=x/dev/ttyUSB2")
    with pytest.raises(PortError):
        parse_url("ssh://router/etc/passwd")
    cmd = remote_command("/dev/tty USB'2", 115200, "cat")
    assert "'/dev/tty USB'\"'\"'2'" in cmd  # one quoted word, whatever the name


@pytest.mark.parametrize("bridge", ["cat", "socat"])
def test_at_over_ssh(sshd, modem, bridge):
    if bridge == "socat" and not shutil.which("socat"):
        pytest.skip("socat not installed")
    port = open_port(f"{sshd}{modem.path}?bridge={bridge}")
    try:
        session = AtSession(port)
        assert session.command("AT+QSPN").lines == ('+QSPN: "I TIM","TIM","",0,"22201"',)
        assert session.command('AT+QENG="servingcell"').lines[0] == '+QENG: "servingcell","NOCONN"'
    finally:
        port.close()
    assert modem.received == ["AT+QSPN", 'AT+QENG="SERVINGCELL"']


def test_info_over_ssh(sshd, modem):
    result = CliRunner().invoke(info, ["--port", f"{sshd}{modem.path}", "--json"])
    assert result.exit_code == 0, result.output
    assert '"model": "RM520N-GL"' in result.stdout


def test_missing_remote_device_is_a_clear_port_error(sshd):
    result = CliRunner().invoke(info, ["--port", f"{sshd}/dev/ttyUSB99?bridge=cat", "--json"])
    assert result.exit_code == 3
    assert "ssh link closed" in result.stderr and "ttyUSB99" in result.stderr


def test_link_dropping_is_port_gone(sshd, modem):
    port = open_port(f"{sshd}{modem.path}?bridge=cat")
    session = AtSession(port)
    session.command("AT+QSPN")
    os.killpg(port._proc.pid, 15)  # the ssh connection dies
    with pytest.raises(PortGone, match="ssh link closed"):
        session.command("AT+QSPN", timeout=2)
    port.close()


def test_nothing_left_running_on_the_router_after_close(sshd, modem):
    port = open_port(f"{sshd}{modem.path}?bridge=cat")
    AtSession(port).command("AT+QSPN")
    port.close()
    real = os.path.realpath(modem.path)
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        left = subprocess.run(["pgrep", "-f", f"cat {real}"], capture_output=True).stdout
        if not left:
            break
        time.sleep(0.1)
    assert not left

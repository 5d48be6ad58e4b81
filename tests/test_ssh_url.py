"""ssh:// URLs and the remote command, without an sshd: these run on every machine."""

from __future__ import annotations

import shlex
import subprocess

import pytest

from fiveg.at.errors import PortSpecError
from fiveg.ports.ssh import parse_url, remote_command


def test_url_parsing_and_quoting():
    assert parse_url("ssh://root@192.168.8.1:2222/dev/ttyUSB2") == (
        ["-p", "2222", "--", "root@192.168.8.1"],
        "/dev/ttyUSB2",
        "auto",
        None,
    )
    assert parse_url("ssh://router/dev/ttyUSB3?bridge=cat")[2] == "cat"
    assert parse_url("ssh://router/dev/ttyUSB3?lockdir=/tmp/l")[3] == "/tmp/l"
    with pytest.raises(PortSpecError):
        parse_url("ssh://-oProxyCommand=x/dev/ttyUSB2")
    with pytest.raises(PortSpecError):
        parse_url("ssh://router/etc/passwd")
    with pytest.raises(PortSpecError, match="lockdir must be an absolute path"):
        parse_url("ssh://router/dev/ttyUSB2?lockdir=tmp")
    with pytest.raises(PortSpecError, match="expected ssh://"):
        parse_url("ssh://router:99999/dev/ttyUSB2")  # port out of range: one sentence


def test_the_device_is_data_never_shell_code(tmp_path):
    """The router's shell runs the script with a hostile device name: nothing it names runs."""
    canary = tmp_path / "ran"
    device = f"/dev/tty$(touch {canary})'\"`touch {canary}`"
    cmd = remote_command(device, 115200, "cat", token="h-1", lock_dir=str(tmp_path))
    argv = shlex.split(cmd)
    assert argv[:3] == ["exec", "sh", "-c"] and len(argv) == 4
    run = subprocess.run(argv[1:], capture_output=True, text=True, timeout=10)
    assert run.returncode == 3
    assert run.stderr.strip() == f"fiveg-bridge: {device}: no such device"
    assert not canary.exists() and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("bridge", ["cat", "socat", "auto"])
def test_every_bridge_checks_for_a_character_device_and_takes_the_lock(bridge):
    script = shlex.split(remote_command("/dev/ttyUSB2", 115200, bridge, token="t"))[3]
    check = script.index('[ -c "$d" ]')
    assert check < script.index("ln ")  # before the lock, and...
    copy = script.index('cat "$d"' if bridge == "cat" else "socat -")
    assert script.rindex('[ -c "$d" ]', 0, copy) > script.index("ln ")  # ...again before opening
    assert "creat" not in script.replace("fiveg-bridge", "")  # socat's OPEN never creates
    assert "fiveg-bridge: ready" in script

"""Bad input gets one clear sentence and its documented exit code, never a traceback.

Each row is something a user can type (or an environment can hold); the
installed tools run as a user runs them, without stdin.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from fiveg.at.errors import PortGone
from fiveg.at.session import AtSession
from fiveg.at.transcript import load
from tests.conftest import fixture_path, run_installed

TIM = str(fixture_path("rm520n_nsa_ca_tim.at"))


def cases(tmp: Path) -> list[tuple[str, list[str], dict, int, str]]:
    folder = tmp / "a folder"
    folder.mkdir()
    plain = tmp / "notes.txt"
    plain.write_text("not a modem\n")
    return [
        ("5g-info", ["--port", "socket://127.0.0.1:99999"], {}, 2, "a port from 1 to 65535"),
        ("5g-info", ["--port", "socket://127.0.0.1"], {}, 2, "a port from 1 to 65535"),
        ("5g-info", ["--port", "rfc2217://:5000"], {}, 2, "expected rfc2217://HOST:PORT"),
        ("5g-info", ["--port", str(folder)], {}, 3, "it is a folder, not a serial port"),
        ("5g-info", ["--port", str(plain)], {}, 3, "it is a file, not a serial port"),
        ("5g-info", ["--port", str(tmp / "ttyNONE")], {}, 3, "no such device"),
        ("5g-info", ["--replay", TIM, "--record", str(tmp / "no/x.at")], {}, 2, "does not exist"),
        ("5g-info", ["--port", "ssh://"], {}, 2, "expected ssh://[user@]host[:port]/dev/"),
        ("5g-info", ["--port", "ssh://router"], {}, 2, "must be a path under /dev"),
        ("5g-info", ["--port", "ssh://r:99999/dev/ttyUSB2"], {}, 2, "out of range"),
        ("5g-info", ["--port", "ssh://-oProxyCommand=x/dev/ttyUSB2"], {}, 2, "not a host name"),
        ("5g-info", ["--port", "ssh://r/dev/ttyUSB2?bridge=nc"], {}, 2, "bridge must be one of"),
        ("5g-info", ["--baud", "-1"], {}, 2, "--baud"),
        ("5g-info", ["--baud", "12345678901234567890"], {}, 2, "--baud"),
        ("5g-info", ["--port", "ssh://r/dev/ttyUSB2"], {"FIVEG_SSH": ""}, 2, "set but empty"),
        ("5g-info", ["--port", "ssh://r/dev/ttyUSB2"], {"FIVEG_SSH": "ssh '"}, 2, "$FIVEG_SSH"),
        ("5g-info", ["--replay", str(plain)], {}, 2, "line 1 must be 'fiveg-transcript 1'"),
        ("5g-monitor", ["--port", "socket://127.0.0.1"], {}, 2, "a port from 1 to 65535"),
        ("5g-monitor", ["--port", str(folder)], {}, 3, "it is a folder, not a serial port"),
        ("5g-monitor", ["--port", "ssh://r/dev/ttyUSB2"], {"FIVEG_SSH": ""}, 2, "set but empty"),
        ("5g-sim", [TIM, "--slow", "2"], {}, 2, "only goes with --fault slow"),
        ("5g-sim", [str(plain)], {}, 2, "line 1 must be"),
    ]


def test_every_bad_input_is_one_sentence_and_its_code(tmp_path):
    failures = []
    for tool, args, env, code, words in cases(tmp_path):
        run = run_installed(tool, *args, env=env)
        text = run.stdout + run.stderr
        if run.returncode != code or words not in text or "Traceback" in text:
            failures.append((tool, args, env, run.returncode, text.strip()[-300:]))
    assert failures == []


def test_an_ssh_port_refused_at_start_exits_3_before_the_screen(tmp_path):
    """No sshd on that port: the monitor says so and exits, it does not retry forever."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        free = s.getsockname()[1]  # nothing listens here once closed
    run = run_installed(
        "5g-monitor",
        "--port",
        f"ssh://nobody@127.0.0.1:{free}/dev/ttyUSB2",
        env={"FIVEG_SSH": "ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null"},
    )
    assert run.returncode == 3, run.stdout + run.stderr
    assert "cannot open ssh://" in run.stderr and "Traceback" not in run.stderr


def test_5g_sim_on_a_port_in_use_says_so(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        run = run_installed("5g-sim", TIM, "--tcp", str(port))
    assert run.returncode == 3
    assert f"cannot listen on 127.0.0.1 port {port}" in run.stderr
    assert "Traceback" not in run.stderr


def test_5g_sim_on_ipv6_loopback_serves_or_says_why():
    import subprocess
    import sys

    exe = str(Path(sys.executable).with_name("5g-sim"))
    proc = subprocess.Popen(
        [exe, TIM, "--tcp", "0", "--host", "::1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline().strip()
        if line:  # this machine has IPv6 loopback: the URL must open as printed
            assert line.startswith("socket://[::1]:")
            run = run_installed("5g-info", "--port", line, "--json")
            assert run.returncode == 0, run.stderr
        else:
            proc.wait(timeout=10)
            err = proc.stderr.read()
            assert proc.returncode == 3 and "cannot listen on ::1" in err, err
            assert "Traceback" not in err
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_a_transcript_with_a_byte_order_mark_loads(tmp_path):
    path = tmp_path / "bom.at"
    path.write_bytes(b"\xef\xbb\xbf" + fixture_path("rm520n_nsa_ca_tim.at").read_bytes())
    assert load(path).exchanges()
    run = run_installed("5g-info", "--replay", str(path), "--json")
    assert run.returncode == 0, run.stderr


def test_a_failed_read_is_said_once():
    class Broken:
        timeout = 0.05
        in_waiting = 0

        def write(self, data):
            return len(data)

        def read(self, size=1):
            raise OSError("read failed: [Errno 5] Input/output error")  # as pyserial says it

    with pytest.raises(PortGone) as err:
        AtSession(Broken(), name="/dev/ttyUSB2").command("AT")
    assert str(err.value) == "/dev/ttyUSB2: read failed: [Errno 5] Input/output error"


def test_fault_slow_comes_after_both_tools_default_timeouts():
    from fiveg.cli.info import info
    from fiveg.cli.monitor import monitor
    from fiveg.sim import SLOW_DEFAULT

    defaults = [
        next(p.default for p in command.params if p.name == "timeout")
        for command in (info, monitor)
    ]
    assert all(d < SLOW_DEFAULT for d in defaults), (SLOW_DEFAULT, defaults)


def test_fault_slow_with_its_option_outlasts_the_client(tmp_path):
    import subprocess
    import sys

    exe = str(Path(sys.executable).with_name("5g-sim"))
    proc = subprocess.Popen(
        [exe, TIM, "--tcp", "0", "--fault", "slow", "--slow", "1.0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        url = proc.stdout.readline().strip()
        run = run_installed("5g-info", "--port", url, "--timeout", "0.4")
        assert run.returncode == 4
        # the identity chain was the first silence, ATI asked alone the second in a row
        assert "no final result code for ATI within 0.4 s" in run.stderr
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_the_tests_default_port_is_not_the_hosts():
    """conftest points FIVEG_PORT at a path no machine has, so /dev/ttyUSB2 is never opened."""
    from click.testing import CliRunner

    from fiveg.cli.info import info

    result = CliRunner().invoke(info, ["--json"])
    assert result.exit_code == 3
    assert "/dev/ttyUSB2" not in result.stderr and "ttyUSB2: no such device" in result.stderr

"""socket:// and rfc2217:// through a real ser2net, as on an OpenWrt router.

ser2net (4.x, configured per ser2net.yaml(5)) serves the simulator's pty on
two loopback ports: raw TCP and telnet with RFC 2217. A pty has no modem
control lines, so ser2net never acknowledges pyserial's SET-CONTROL: the
rfc2217 URL carries pyserial's ``ign_set_control`` (README says when users
need it too). Skipped where ser2net is not installed, unless
FIVEG_REQUIRE_SER2NET=1 (CI installs it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from fiveg.at.replay import Responder
from fiveg.at.session import AtSession
from fiveg.at.transcript import load
from fiveg.cli.info import info
from fiveg.ports.transport import open_port
from fiveg.sim import PtySimulator
from tests.conftest import fixture_path, free_port

SER2NET = shutil.which("ser2net") or "/usr/sbin/ser2net"
pytestmark = pytest.mark.skipif(
    not os.path.exists(SER2NET) and os.environ.get("FIVEG_REQUIRE_SER2NET") != "1",
    reason="ser2net is not installed",
)


def listening(port: int) -> bool:
    needle = f":{port:04X} "
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        if any(needle in ln and ln.split()[3] == "0A" for ln in lines):  # 0A: LISTEN
            return True
    return False


@pytest.fixture
def router(tmp_path):
    """The simulator's pty behind ser2net: (raw socket:// URL, rfc2217:// URL, simulator)."""
    with PtySimulator(Responder(load(fixture_path("rm520n_nsa_ca_tim.at")))) as sim:
        raw, telnet = free_port(), free_port()
        device = os.path.realpath(sim.path)
        config = tmp_path / "ser2net.yaml"
        config.write_text(
            "connection: &raw\n"
            f"  accepter: tcp,127.0.0.1,{raw}\n"
            f"  connector: serialdev,{device},115200n81,local\n"
            "  options:\n    kickolduser: true\n"
            "connection: &rfc2217\n"
            f"  accepter: telnet(rfc2217),tcp,127.0.0.1,{telnet}\n"
            f"  connector: serialdev,{device},115200n81,local\n"
            "  options:\n    kickolduser: true\n"
        )
        proc = subprocess.Popen(
            [SER2NET, "-n", "-c", str(config), "-P", str(tmp_path / "pid")],
            stderr=subprocess.PIPE,
        )
        # ready when it listens (read from /proc, not by connecting: a probe
        # connection would make ser2net open and close the device)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not listening(raw) & listening(telnet):
            time.sleep(0.05)
        try:
            yield f"socket://127.0.0.1:{raw}", f"rfc2217://127.0.0.1:{telnet}?ign_set_control", sim
        finally:
            proc.terminate()
            proc.wait(timeout=5)


@pytest.mark.parametrize("kind", ["socket", "rfc2217"])
def test_at_through_ser2net(router, kind):
    url = router[0] if kind == "socket" else router[1]
    port = open_port(url)
    try:
        session = AtSession(port)
        assert session.command("AT+QSPN").lines == ('+QSPN: "I TIM","TIM","",0,"22201"',)
        assert session.command("AT+CSQ").lines == ("+CSQ: 28,99",)
    finally:
        port.close()


def test_info_through_ser2net_rfc2217(router):
    result = CliRunner().invoke(info, ["--port", router[1], "--json"])
    assert result.exit_code == 0, result.output
    assert '"model": "RM520N-GL"' in result.stdout

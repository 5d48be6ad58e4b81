"""5g-info end to end: CliRunner on replays, and the installed script through the simulator."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading

import click
import pytest
from click.testing import CliRunner

from fiveg.allowlist import READ_ONLY, _canonical
from fiveg.at.codes import split_chain
from fiveg.at.replay import Responder
from fiveg.at.transcript import load
from fiveg.cli.info import info
from fiveg.cli.sim import sim
from fiveg.sim import PtySimulator, TcpSimulator
from fiveg.vendors import quectel

from .conftest import fixture_path, run_installed

DEMO = "rm520n_nsa_ca_tim.at"


def run(*args):
    return CliRunner().invoke(info, list(args), catch_exceptions=False)


def test_json_schema_keys_and_values():
    result = run("--replay", str(fixture_path(DEMO)), "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) >= {
        "schema",
        "time",
        "device",
        "operator",
        "serving",
        "carriers",
        "neighbours",
        "antennas",
        "temperatures",
        "errors",
        "unparsed",
    }
    assert data["schema"] == 1
    assert data["device"] == {
        "manufacturer": "Quectel",
        "model": "RM520N-GL",
        "revision": "RM520NGLAAR03A03M4G",
        "imei": None,
    }
    assert data["operator"] == {"name": "I TIM", "short_name": "TIM", "mcc": "222", "mnc": "01"}
    assert [c["rat"] for c in data["serving"]] == ["LTE", "NR5G-NSA"]
    lte = data["serving"][0]
    for key in (
        "rat",
        "state",
        "duplex",
        "mcc",
        "mnc",
        "cell_id",
        "tac",
        "pci",
        "arfcn",
        "band",
        "frequency_mhz",
        "dl_bandwidth_mhz",
        "ul_bandwidth_mhz",
        "rsrp",
        "rsrq",
        "rssi",
        "sinr",
        "cqi",
        "tx_power_dbm",
    ):
        assert key in lte
    assert (lte["band"], lte["rsrp"], lte["sinr"], lte["srxlev"]) == (1, -99, -6.0, None)
    assert [(c["role"], c["rat"], c["band"]) for c in data["carriers"]] == [
        ("PCC", "LTE", 1),
        ("SCC", "LTE", 3),
        ("SCC", "NR5G", 78),
    ]
    assert data["time"].endswith("Z")
    assert "AT+CGSN" in result.stderr  # what failed is said on stderr, data stays clean


def test_table_is_plain_when_not_a_tty_and_sections_filter():
    result = run("--replay", str(fixture_path(DEMO)), "--section", "carriers")
    assert result.exit_code == 0
    out = result.stdout
    assert "\x1b[" not in out
    assert "Carrier aggregation" in out and "3 carriers, 115 MHz aggregated" in out
    assert "Serving cells" not in out and "Temperatures" not in out


TITLES = (
    "Device",
    "Network",
    "Serving cells",
    "Carrier aggregation",
    "Antenna ports",
    "Neighbour cells",
    "Temperatures",
)


@pytest.mark.parametrize(
    "path", sorted(fixture_path(DEMO).parent.glob("*.at")), ids=lambda p: p.name
)
def test_every_section_renders_on_every_fixture_with_its_values(path):
    result = run("--replay", str(path), "--no-color")
    assert result.exit_code == 0, (path, result.stderr)
    lines = [line.strip() for line in result.stdout.splitlines()]
    for title in TITLES:  # each section: its table, or "none reported"
        assert title in lines or f"{title}: none reported" in lines, title
    data = json.loads(run("--replay", str(path), "--json").stdout)
    for cell in data["serving"]:  # what the JSON holds, the table shows
        if cell["pci"] is not None:
            assert str(cell["pci"]) in result.stdout, cell
    if data["device"]["model"]:
        assert data["device"]["model"] in result.stdout


@pytest.mark.parametrize("command", [info, sim], ids=["5g-info", "5g-sim"])
def test_help_names_every_option_with_its_text_and_the_exit_codes(command):
    result = CliRunner().invoke(command, ["--help"], terminal_width=200)
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{param.name} has no help text"
            for opt in param.opts:
                assert opt in text, opt
            assert " ".join(param.help.split())[:30] in text, param.name
    assert "Exit codes: 0" in text  # the documented codes, in the tool's own help


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--port", "/dev/does-not-exist-fiveg"], 3, "no such device"),
        (["--port", "socket://127.0.0.1:1"], 3, "connection refused"),
        (["--section", "nope"], 2, "Invalid value"),
        (["--replay", "/nonexistent.at"], 2, "does not exist"),
    ],
)
def test_exit_codes(args, code, message):
    result = CliRunner().invoke(info, args)
    assert result.exit_code == code
    assert message in result.stderr


def test_bad_transcript_is_a_usage_error(tmp_path):
    bad = tmp_path / "bad.at"
    bad.write_text("not a transcript\n")
    result = CliRunner().invoke(info, ["--replay", str(bad)])
    assert result.exit_code == 2 and "line 1" in result.stderr


def test_silent_modem_exits_4():
    server = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def swallow():
        conn, _ = server.accept()
        while not stop.is_set() and conn.recv(100):
            pass

    threading.Thread(target=swallow, daemon=True).start()
    host, port = server.getsockname()
    try:
        result = CliRunner().invoke(info, ["--port", f"socket://{host}:{port}", "--timeout", "0.1"])
    finally:
        stop.set()
        server.close()
    assert result.exit_code == 4
    assert "no final result code" in result.stderr


def test_strict_fails_on_any_error():
    result = run("--replay", str(fixture_path(DEMO)), "--json", "--strict")
    assert result.exit_code == 4


def test_record_then_replay_gives_the_same_snapshot(tmp_path):
    rec = tmp_path / "session.at"
    first = run("--replay", str(fixture_path(DEMO)), "--json", "--record", str(rec))
    second = run("--replay", str(rec), "--json")
    a, b = json.loads(first.stdout), json.loads(second.stdout)
    a.pop("time"), b.pop("time")
    assert a == b
    assert load(rec).meta["tool"].startswith("5g-info")


def _script(*args, env=None):
    return run_installed("5g-info", *args, env=env)


@pytest.mark.parametrize("kind", ["pty", "tcp"])
def test_installed_script_against_the_simulator(kind):
    responder = Responder(load(fixture_path(DEMO)))
    server = PtySimulator(responder) if kind == "pty" else TcpSimulator(responder)
    with server:
        where = server.path if kind == "pty" else server.url
        as_json = _script("--json", env={"FIVEG_PORT": where})
        table = _script("--port", where, "--no-color")
    assert as_json.returncode == 0, as_json.stderr
    data = json.loads(as_json.stdout)
    assert data["serving"][1]["frequency_mhz"] == 3731.52
    assert table.returncode == 0 and "206886/31" in table.stdout
    # read-only guarantee: everything the modem heard is on the allowlist
    heard = {"AT" + part for c in responder.received for part in split_chain(c[2:])}
    assert heard == {c.upper() for c in quectel.commands("RM520N-GL").info}
    assert all(_canonical(c[2:]) in READ_ONLY for c in heard)  # every part of every chain


def test_python_dash_m():
    result = subprocess.run(
        [sys.executable, "-m", "fiveg", "--replay", str(fixture_path(DEMO)), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0 and json.loads(result.stdout)["schema"] == 1

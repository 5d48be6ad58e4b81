"""The read-only guarantee, end to end: what the modem hears from each tool.

README promises that 5g-info and 5g-monitor send only commands on the read-only
allowlist (src/fiveg/allowlist.py) and never a set form. These tests listen at
the simulator, the modem's side of the port, rather than trusting the code
that builds the commands: every option of 5g-info on every dialect, every key
of the monitor; and a dialect that asks for writes (as a future bug in a vendor
module might) must be refused by each tool before a byte reaches the modem.
"""

from __future__ import annotations

import sys
import time

import pytest
from click.testing import CliRunner

from fiveg.allowlist import READ_ONLY, is_read_only
from fiveg.at.codes import split_chain
from fiveg.at.replay import Responder
from fiveg.at.transcript import load
from fiveg.cli.info import info
from fiveg.lock.writes import is_lock_write
from fiveg.sections import SECTIONS
from fiveg.sim import TcpSimulator
from fiveg.sim_settings import SettingsResponder, speaks_quectel
from fiveg.vendors import quectel
from fiveg.vendors.dialect import CommandSet
from fiveg.vendors.registry import DIALECTS
from tests.conftest import ROOT, fixture_path
from tests.test_cli_monitor import BIN, Terminal

# One fixture per dialect, answering that dialect's commands.
BY_DIALECT = {
    "quectel": "rm520n_nsa_ca_tim.at",
    "fibocom": "fibocom_fm350_endc_ca.at",
    "sierra": "sierra_em7455_lte_ca.at",
    "simcom": "simcom_sim8200_nsa.at",
    "telit": "telit_lm960_lte.at",
    "huawei": "huawei_mt5700_nsa.at",
    "generic": "generic_t99w175_endc.at",
}

# Writes a buggy dialect might ask for: each changes the modem's state (27.007 5.1 and
# 8.2 +CFUN, 7.3 +COPS set form; V.250 E; Quectel QCAINFO/QNWPREFCFG set forms), and
# 5g-lock's own write forms (fiveg.lock.writes), which the stateful simulator would take.
LOCK_WRITES = (
    'AT+QNWPREFCFG="nr5g_band",78',
    'AT+QNWLOCK="common/4g",1,275,280',
    'AT+QNWLOCK="common/5g",0',
)
WRITES = ("AT+CFUN=0", "AT+QCAINFO=1", "ATE0", 'AT+QNWPREFCFG="mode_pref",LTE', *LOCK_WRITES)


def _responder(fixture: str):
    """The modem the tools talk to: a Quectel one keeps its band settings (and counts the
    writes it takes), so a write that got through would show in ``model.writes``."""
    transcript = load(fixture_path(fixture))
    return SettingsResponder(transcript) if speaks_quectel(transcript) else Responder(transcript)


def test_every_dialect_has_a_fixture_here():
    assert set(BY_DIALECT) == {d.name for d in DIALECTS}


# --- the allowlist itself: set, test and chained forms of listed commands ----------------


def _set_forms(entry: str) -> list[str]:
    base = entry.split("=", 1)[0].rstrip("?")
    return [f"AT{base}=1", f"AT{base}=0", f"AT{base}=?", f"AT{base}=1,1", f'AT{base}="x"']


@pytest.mark.parametrize(
    "entry", sorted(e for e in READ_ONLY if e.startswith(("+", "^", "!", "#")))
)
def test_set_and_test_forms_of_listed_commands_are_refused(entry):
    assert is_read_only(f"AT{entry}")
    for form in _set_forms(entry):
        if form[2:].upper() in READ_ONLY:
            continue  # e.g. +XMCI=1 is itself the listed read form
        assert not is_read_only(form), form


@pytest.mark.parametrize(
    "command",
    [
        "ATE0",
        "ATE1",
        "ATZ",
        "AT&F",
        "AT&W",
        "ATIE0",  # V.250 basic commands concatenate without ";"
        "ATI;E0",
        "AT+CSQ;+CFUN=0",
        "AT+CSQ;;+CFUN=0",
        "AT;+CFUN=0",
        "at+cfun=1,1",
        "AT+COPS=2",
        "AT+CSQ\rAT+CFUN=0",  # a second command smuggled after a CR
        "AT+CSQ\nAT+CFUN=0",
        'AT+QENG="servingcell",1',
        "AT+QCAINFO=1",
        "AT+CESQ=1",
        "AT^HFREQINFO=1",
        "AT#MONI=1",
        "+CSQ",  # no AT: not a command a session should write
    ],
)
def test_writes_and_smuggled_writes_are_refused(command):
    assert not is_read_only(command)


@pytest.mark.parametrize("command", LOCK_WRITES)
def test_5g_lock_writes_are_on_its_list_and_never_on_the_read_only_one(command):
    assert is_lock_write(command) and not is_read_only(command)
    # chained behind a read, in lower case or with a space: neither list takes it
    for variant in (f"AT+CSQ;{command[2:]}", command.lower(), command.replace(",", ", ", 1)):
        assert not is_read_only(variant) and not is_lock_write(variant), variant


# --- 5g-info: every option, every dialect, heard at the modem's side ---------------------

OPTION_SETS = [
    ["--json"],
    ["--json", "--strict"],
    ["--no-color"],
    *(["--section", s] for s in SECTIONS),
    ["--json", "--timeout", "1"],
]


@pytest.fixture(scope="module")
def heard_by_dialect():
    """For each dialect: every command 5g-info sent under every option set, in order."""
    out = {}
    runner = CliRunner()
    for name, fixture in BY_DIALECT.items():
        responder = _responder(fixture)
        with TcpSimulator(responder) as sim:
            for options in OPTION_SETS:
                for dialect in (None, name):
                    args = ["--port", sim.url, *options]
                    if dialect:
                        args += ["--dialect", dialect]
                    result = runner.invoke(info, args)
                    assert result.exit_code in (0, 4), (name, args, result.output)
            out[name] = list(responder.received)
            if isinstance(responder, SettingsResponder):
                assert responder.model.writes == []  # the modem took no write
                # and it was asked its band settings: the test listens where writes could go
                parts = {"AT" + p for c in responder.received for p in split_chain(c[2:])}
                assert {c.upper() for c in quectel.BAND_COMMANDS} <= parts
    return out


@pytest.mark.parametrize("name", sorted(BY_DIALECT))
def test_5g_info_sends_only_allowlisted_commands_under_every_option(heard_by_dialect, name):
    heard = heard_by_dialect[name]
    assert heard, "the modem heard nothing: the test would prove nothing"
    assert [c for c in heard if not is_read_only(c)] == []
    # and nothing outside what the dialects list: identity, probes and info lists
    listed = {"ATI", "AT+CGMI", "AT+CGMM", "AT+CGMR", "AT+CGSN"}
    for dialect in DIALECTS:
        listed |= {c.upper() for c in dialect.commands(None).info} | {
            c.upper() for c in dialect.probes
        }
    parts = {"AT" + part for command in heard for part in split_chain(command[2:])}
    assert parts <= listed, parts - listed


def test_5g_info_refuses_a_dialect_that_asks_for_writes(monkeypatch):
    real = quectel.commands
    monkeypatch.setattr(
        quectel,
        "commands",
        lambda model: CommandSet(
            info=(*real(model).info[:2], *WRITES, *real(model).info[2:]),
            fast=real(model).fast,
            slow=real(model).slow,
        ),
    )
    responder = _responder(BY_DIALECT["quectel"])
    with TcpSimulator(responder) as sim:
        result = CliRunner().invoke(info, ["--port", sim.url, "--json"])
    heard = list(responder.received)
    assert responder.model.writes == []
    assert heard and heard[0] == "ATI;+COPS?;+CSQ"  # it did talk to the modem
    assert not [c for c in heard if not is_read_only(c)], heard
    assert f"{WRITES[0]} is not on the read-only allowlist; it was not sent" in result.stderr
    assert result.exit_code == 2
    assert "Traceback" not in result.output


# --- 5g-monitor: every key, and a dialect that asks for writes ---------------------------


def _monitor_in_a_pty(sim: TcpSimulator, hostile: bool, tmp_path) -> tuple[Terminal, bytes]:
    if hostile:
        script = tmp_path / "hostile_monitor.py"
        script.write_text(
            "import sys\n"
            "from fiveg.vendors import quectel\n"
            "from fiveg.vendors.dialect import CommandSet\n"
            f"WRITES = {WRITES!r}\n"
            "real = quectel.commands\n"
            "def patched(model):\n"
            "    r = real(model)\n"
            "    return CommandSet(info=(*r.info, *WRITES), fast=(*r.fast, 'AT+CFUN=0'),\n"
            "                      slow=(WRITES[1], *r.slow, WRITES[3]))\n"
            "quectel.commands = patched\n"
            "from fiveg.cli.monitor import main\n"
            "sys.argv = ['5g-monitor', *sys.argv[1:]]\n"
            "main()\n"
        )
        argv = [sys.executable, str(script)]
    else:
        argv = [str(BIN / "5g-monitor")]
    argv += ["--port", sim.url, "--audio", "off", "--interval", "0.1", "--slow-every", "1"]
    return Terminal(argv, cwd=ROOT)


def _press_every_key(term: Terminal) -> None:
    """Every binding of the monitor (README's key table), as a person presses them."""
    for keys in (b"s", b"s", b"r", b"f", b"f", b"+", b"-", b"=", b"p", b"p"):
        term.type(keys)
        time.sleep(0.05)
    term.type(b"?")
    term.wait_for(lambda: b"Keys" in term.output)
    drawn = len(term.output)
    term.type(b"?")  # close the help (a lone ESC would read as Alt with the next key)
    term.wait_for(lambda: len(term.output) > drawn + 2000)
    term.type(b"m")
    term.wait_for(lambda: b"Mark this position" in term.output)
    term.type(b"AT+CFUN=0\r", gap=0.02)  # a label that looks like a write is only a label
    term.wait_for(lambda: "★ AT+CFUN=0".encode() in term.output)  # the dialog closed


def _monitor_session(tmp_path, hostile: bool, until) -> list[str]:
    """Run 5g-monitor against the simulator until ``until(term)`` has happened and the slow
    loop has gone round (every command of the dialect asked); quit; what the modem heard."""
    responder = _responder(BY_DIALECT["quectel"])
    with TcpSimulator(responder) as sim:
        term = _monitor_in_a_pty(sim, hostile=hostile, tmp_path=tmp_path)
        try:
            until(term)
            slow = {c.upper() for c in quectel.commands("RM520N-GL").slow}
            term.wait_for(lambda: slow <= set(responder.received), timeout=30)
            term.type(b"q")
            assert term.close() == 0
        finally:
            if term.proc.poll() is None:
                term.proc.kill()
    assert responder.model.writes == []  # the modem's settings were never written
    return list(responder.received)


def test_monitor_sends_only_allowlisted_commands_whatever_is_pressed(tmp_path):
    def press(term):
        term.wait_for(lambda: b"LIVE" in term.output)
        _press_every_key(term)

    heard = _monitor_session(tmp_path, hostile=False, until=press)
    assert 'AT+QENG="SERVINGCELL";+QRSRP' in heard
    assert [c for c in heard if not is_read_only(c)] == []


def test_monitor_refuses_a_dialect_that_asks_for_writes(tmp_path):
    def refused(term):  # the writes are left out and said once; the rest is still polled
        term.wait_for(lambda: b"not on the read-only allowlist" in term.output, timeout=30)
        term.wait_for(lambda: b"LIVE" in term.output)

    heard = _monitor_session(tmp_path, hostile=True, until=refused)
    assert heard and "ATI" in heard
    assert [c for c in heard if not is_read_only(c)] == []

"""5g-lock end to end: the installed script, over a pty, against the simulator's stateful
Quectel modem (fiveg.sim_settings), as a user runs it.

What matters is what the modem ends up holding and what it heard: each test reads the
simulated modem's settings and its list of writes taken, not 5g-lock's own words alone.
"""

from __future__ import annotations

import json

import pytest

from fiveg.allowlist import is_read_only
from fiveg.at.replay import Responder
from fiveg.at.transcript import load
from fiveg.lock.writes import is_lock_write
from fiveg.records import CellLock, Rat
from fiveg.sim import PtySimulator
from fiveg.sim_settings import SettingsResponder
from tests.conftest import ROOT, fixture_path, run_installed
from tests.test_cli_monitor import BIN, Terminal

LOCKS = "rm502q_cell_locks.at"  # LTE 1300/123 and NR n78 138 locked, SA 41:78
TIM = "rm520n_bands_tim.at"  # a real RM520N-GL: LTE 1:3:7:20, NSA n78, no SA reply


@pytest.fixture
def modem():
    """A stateful Quectel modem on a pty: (simulator, responder)."""

    def start(name: str = LOCKS, stateful: bool = True):
        transcript = load(fixture_path(name))
        responder = SettingsResponder(transcript) if stateful else Responder(transcript)
        sim = PtySimulator(responder).start()
        started.append(sim)
        return sim, responder

    started: list[PtySimulator] = []
    yield start
    for sim in started:
        sim.stop()


def lock(sim, *args):
    return run_installed("5g-lock", *args, "--port", sim.path)


def writes_heard(responder) -> list[str]:
    return [c for c in responder.received if not is_read_only(c)]


def test_show_prints_the_settings_and_json(modem):
    sim, responder = modem()
    text = lock(sim, "show")
    assert text.returncode == 0, text.stderr
    assert "NR SA bands    41:78" in text.stdout
    assert "LTE cell lock  EARFCN 1300 PCI 123" in text.stdout
    assert "NR cell lock   PCI 138 ARFCN 628032 SCS 30 kHz n78" in text.stdout
    as_json = lock(sim, "show", "--json")
    data = json.loads(as_json.stdout)
    assert data["bands"]["nr5g"] == [41, 78]
    assert data["bands"]["locks"][1] == {
        "rat": "NR5G-SA",
        "arfcn": 628032,
        "pci": 138,
        "scs_khz": 30,
        "band": 78,
    }
    assert data["supported"]["lte"][:3] == [1, 2, 3] and data["locks_saved"] == {
        "lte": False,
        "nr": False,
    }
    assert writes_heard(responder) == []  # show only reads
    assert "AT+CGSN" not in responder.received  # nor asks what it does not need (the IMEI)


def test_set_with_yes_writes_exactly_the_changes_and_reads_them_back(modem):
    sim, responder = modem()
    result = lock(sim, "set", "--sa-bands", "78", "--lte-cell", "none", "--yes")
    assert result.returncode == 0, result.stderr
    assert writes_heard(responder) == [
        'AT+QNWLOCK="COMMON/4G",0',  # the unlock first
        'AT+QNWPREFCFG="NR5G_BAND",78',
    ]
    settings = responder.model.settings
    assert settings.nr5g == (78,) and settings.lte_locks == ()
    assert settings.nr_locks[0].pci == 138  # not named: left as it was
    assert "Done: sent 2 command(s); the modem reads back every change." in result.stdout
    assert "To put it back: 5g-lock set --sa-bands 41:78 --lte-cell 1300:123" in result.stdout
    assert "a reboot clears it" in result.stdout  # save_ctrl 0,0: the lock is not saved
    # the preview came before anything was written, with the exact commands
    preview = result.stdout.split("Commands to send:")[1]
    assert 'AT+QNWPREFCFG="nr5g_band",78' in preview


def test_without_a_terminal_or_yes_nothing_is_sent_at_all(modem):
    sim, responder = modem()
    result = lock(sim, "set", "--sa-bands", "78")
    assert result.returncode == 2
    assert "no terminal to confirm on" in result.stderr and "nothing was sent" in result.stderr
    assert responder.received == []  # the port was never even opened
    assert "Traceback" not in result.stderr


def test_dry_run_reads_and_writes_nothing(modem):
    sim, responder = modem()
    result = lock(sim, "reset", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert 'AT+QNWPREFCFG="nr5g_band",1:2:3:5:7:8:12:14:20:25:28:38:40:41:48:66:71:77:78:79' in (
        result.stdout
    )
    assert "Dry run: the settings were read; nothing was written." in result.stdout
    assert responder.received and writes_heard(responder) == []
    assert responder.model.writes == []


def _terminal(sim, *args) -> Terminal:
    return Terminal([str(BIN / "5g-lock"), *args, "--port", sim.path], cwd=ROOT)


def test_confirmed_on_the_terminal(modem):
    sim, responder = modem()
    term = _terminal(sim, "set", "--nsa-bands", "78:41")
    try:
        term.wait_for(lambda: b"Send this command? [y/N]" in term.output)
        assert responder.model.writes == []  # nothing before the yes
        term.type(b"y\r")
        assert term.close() == 0
    finally:
        if term.proc.poll() is None:
            term.proc.kill()
    assert responder.model.settings.nsa_nr5g == (78, 41)
    assert b"reads back every change" in term.output


def test_declined_on_the_terminal_writes_nothing(modem):
    sim, responder = modem()
    term = _terminal(sim, "reset")
    try:
        term.wait_for(lambda: b"[y/N]" in term.output)
        term.type(b"n\r")
        assert term.close() == 0
    finally:
        if term.proc.poll() is None:
            term.proc.kill()
    assert responder.model.writes == [] and writes_heard(responder) == []
    assert b"Nothing was written." in term.output


def test_a_modem_that_does_not_take_the_change_is_exit_4_with_the_difference(modem):
    sim, responder = modem()
    responder.model.ignore_writes = True  # answers OK, keeps its settings
    result = lock(sim, "set", "--sa-bands", "78", "--yes")
    assert result.returncode == 4
    assert "did not take every change" in result.stderr
    assert "NR SA bands: asked 78, the modem reads 41:78" in result.stderr


def test_a_refused_write_stops_the_rest_and_is_exit_4(modem):
    sim, responder = modem(TIM)
    real = responder.model.answer

    def answer(key):  # a modem that refuses the LTE lock (the first of the two locks)
        if key.startswith('AT+QNWLOCK="COMMON/4G",'):
            return b"\r\n+CME ERROR: 3\r\n"
        return real(key)

    responder.model.answer = answer
    result = lock(sim, "set", "--lte-cell", "275:280", "--nr-cell", "138:628032:30:78", "--yes")
    assert result.returncode == 4
    assert 'refused AT+QNWLOCK="common/4g",1,275,280 (+CME ERROR: 3)' in result.stderr
    assert "the commands after it were not sent" in result.stderr
    assert not [c for c in responder.received if c.startswith('AT+QNWLOCK="COMMON/5G",')]
    assert responder.model.writes == []


def test_reset_puts_back_every_policy_band_no_locks_and_auto(modem):
    sim, responder = modem()
    result = lock(sim, "reset", "--yes")
    assert result.returncode == 0, result.stderr
    s, policy = responder.model.settings, responder.model.policy
    assert (s.lte, s.nsa_nr5g, s.nr5g) == (policy.lte, policy.nsa_nr5g, policy.nr5g)
    assert s.lte_locks == () and s.nr_locks == () and s.mode == "AUTO"
    again = lock(sim, "reset", "--yes")
    assert "Nothing to change" in again.stdout and again.returncode == 0


def test_undo_restores_what_the_recording_read_before_it_wrote(modem, tmp_path):
    sim, responder = modem()
    before = responder.model.settings
    recording = tmp_path / "aim.at"
    first = lock(
        sim,
        "set",
        "--sa-bands",
        "78",
        "--nr-cell",
        "none",
        "--lte-cell",
        "1300:124",
        "--yes",
        "--record",
        str(recording),
    )
    assert first.returncode == 0, first.stderr
    assert f"To undo: 5g-lock undo {recording}" in first.stdout
    assert responder.model.settings != before
    undo = lock(sim, "undo", str(recording), "--yes")
    assert undo.returncode == 0, undo.stderr
    assert responder.model.settings == before
    assert responder.model.settings.lte_locks == (CellLock(rat=Rat.LTE, arfcn=1300, pci=123),)
    # the recording is kept as it was: undo never writes over the user's file
    assert "5g-lock: sending 3 command(s)" in recording.read_text()
    refused = lock(sim, "set", "--sa-bands", "41", "--yes", "--record", str(recording))
    assert refused.returncode == 2 and "exists" in refused.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["set", "--sa-bands", "99"], "band 99 is not one this modem supports"),
        (["set", "--lte-cell", "1300"], "is not EARFCN:PCI"),
        (["set", "--lte-cell", "1300:123", "--lte-bands", "1"], "which the LTE band list (1)"),
        (["set", "--nr-cell", "138:628032:30:41"], "is not in n41"),
        (["set"], "name something to set"),
        (["set", "--mode", "5G"], "not AUTO or a colon-joined list"),
    ],
)
def test_invalid_input_is_exit_2_and_writes_nothing(modem, args, words):
    sim, responder = modem()
    result = lock(sim, *args, "--yes")
    assert result.returncode == 2, result.stdout + result.stderr
    assert words in result.stderr
    assert responder.model.writes == [] and writes_heard(responder) == []
    assert "Traceback" not in result.stderr


def test_a_setting_the_modem_does_not_answer_stops_before_any_write(modem):
    sim, responder = modem(TIM, stateful=False)  # a transcript: no nr5g_band or lock reply
    result = lock(sim, "set", "--lte-bands", "3", "--yes")
    assert result.returncode == 4
    assert 'did not answer AT+QNWPREFCFG="nr5g_band" (ERROR)' in result.stderr
    assert writes_heard(responder) == []


@pytest.mark.parametrize(
    ("fixture", "words"),
    [
        ("huawei_mt5700_nsa.at", "speaks the huawei dialect (identity)"),
        ("quectel_eg25g_lte_neighbours.at", "is a Quectel LTE module"),
    ],
)
def test_other_modems_are_exit_2_with_a_sentence(modem, fixture, words):
    sim, responder = modem(fixture, stateful=False)
    result = lock(sim, "show")
    assert result.returncode == 2 and words in result.stderr, result.stderr
    assert writes_heard(responder) == []
    named = run_installed("5g-lock", "show", "--dialect", "sierra", "--port", sim.path)
    assert named.returncode == 2 and "speaks the sierra dialect (--dialect)" in named.stderr


def test_every_subcommand_has_help():
    for sub in ("show", "set", "reset", "undo"):
        result = run_installed("5g-lock", sub, "--help")
        assert result.returncode == 0 and "--port" in result.stdout
    assert is_lock_write('AT+QNWPREFCFG="nr5g_band",78')

"""Nothing the user made is lost or overwritten: recordings, and the marks in them.

A recording is refused when it would destroy a file (an existing one, the
transcript being replayed), is made only once the port is open, and holds
each mark from the moment it is made: a closed terminal (SIGHUP), a kill
(SIGTERM, even SIGKILL) loses none. Replaying it shows the marks again.
"""

from __future__ import annotations

import os
import signal

import pytest
from click.testing import CliRunner

from fiveg.at.transcript import load
from fiveg.cli.info import info
from fiveg.cli.monitor import monitor
from fiveg.cli.sim import sim
from fiveg.tracking import note_label
from tests.conftest import fixture_path
from tests.test_cli_monitor import BIN, ROOT, Terminal

TIM = str(fixture_path("rm520n_nsa_ca_tim.at"))
SWEEP = str(fixture_path("rm520n_sweep_demo.at"))


@pytest.mark.parametrize("command", [info, monitor])
def test_an_existing_recording_is_refused_unless_forced(command, tmp_path):
    rec = tmp_path / "mine.at"
    rec.write_text("fiveg-transcript 1\n# an hour on the roof\n")
    result = CliRunner().invoke(command, ["--replay", TIM, "--record", str(rec)])
    assert result.exit_code == 2
    assert "exists; name a new file, or add --force" in result.output
    assert rec.read_text() == "fiveg-transcript 1\n# an hour on the roof\n"


def test_force_overwrites_an_existing_recording(tmp_path):
    rec = tmp_path / "old.at"
    rec.write_text("old\n")
    result = CliRunner().invoke(info, ["--replay", TIM, "--record", str(rec), "--force"])
    assert result.exit_code == 0, result.output
    assert next(ex.command_text for ex in load(rec).exchanges()) == "ATI;+COPS?;+CSQ"


@pytest.mark.parametrize("command", [info, monitor])
@pytest.mark.parametrize("force", [[], ["--force"]])
def test_the_replayed_file_is_never_the_recording(command, force, tmp_path):
    copy = tmp_path / "tim.at"
    copy.write_bytes(fixture_path("rm520n_nsa_ca_tim.at").read_bytes())
    before = copy.read_bytes()
    result = CliRunner().invoke(command, ["--replay", str(copy), "--record", str(copy), *force])
    assert result.exit_code == 2
    assert "is the transcript being replayed" in result.output
    assert copy.read_bytes() == before


@pytest.mark.parametrize("command", [info, monitor])
def test_a_recording_in_a_missing_folder_is_a_usage_error(command, tmp_path):
    rec = tmp_path / "no" / "such" / "folder" / "x.at"
    result = CliRunner().invoke(command, ["--replay", TIM, "--record", str(rec)])
    assert result.exit_code == 2
    assert "does not exist" in result.output and "Traceback" not in result.output


def test_no_file_is_made_when_the_port_does_not_open(tmp_path):
    rec = tmp_path / "x.at"
    result = CliRunner().invoke(info, ["--port", str(tmp_path / "ttyNONE"), "--record", str(rec)])
    assert result.exit_code == 3
    assert not rec.exists()


@pytest.mark.parametrize("option", [["--loop"], ["--speed", "4"]])
def test_replay_options_without_a_replay_are_usage_errors(option, tmp_path):
    result = CliRunner().invoke(monitor, ["--port", str(tmp_path / "ttyNONE"), *option])
    assert result.exit_code == 2  # not 3: nothing was opened
    assert "only goes with --replay" in result.output


@pytest.mark.parametrize("option", [["--loop"], ["--speed", "4"]])
def test_sim_pace_options_without_paced_are_usage_errors(option):
    result = CliRunner().invoke(sim, [TIM, *option])
    assert result.exit_code == 2
    assert "only goes with --paced" in result.output


def test_force_without_record_is_a_usage_error():
    result = CliRunner().invoke(info, ["--replay", TIM, "--force"])
    assert result.exit_code == 2 and "needs --record" in result.output


def marked_session(tmp_path) -> tuple[Terminal, object]:
    """5g-monitor recording a replayed sweep, with one mark taken under the label offered."""
    rec = tmp_path / "roof.at"
    argv = [str(BIN / "5g-monitor"), "--replay", SWEEP, "--speed", "4"]
    argv += ["--audio", "off", "--record", str(rec)]
    term = Terminal(argv, cwd=ROOT)
    try:
        term.wait_for(lambda: b"LIVE" in term.output)
        term.wait_for(lambda: rec.exists() and "LTE" in rec.read_text())
        # readings for the mark's window: several fast polls recorded, not a fixed sleep
        term.wait_for(lambda: rec.read_text().count('AT+QENG="servingcell";+QRSRP') >= 8)
        term.type(b"m")
        term.wait_for(lambda: b"Mark this position" in term.output)
        term.type(b"\r")  # the label offered, "#1" (typed labels: tests/test_markup.py)
        term.wait_for(lambda: labels(rec) == ["#1"])
    except BaseException:
        term.proc.kill()  # a failed wait leaves no monitor running
        term.close()
        raise
    return term, rec


def quit_session(term) -> None:
    """Press q and wait for a clean exit (a monitor still running is killed)."""
    term.type(b"q")
    try:
        assert term.close() == 0
    finally:
        if term.proc.poll() is None:
            term.proc.kill()


def labels(rec) -> list[str]:
    return [n for r in load(rec).records if r.kind == "!" and (n := note_label(r.note))]


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM, signal.SIGKILL])
def test_a_mark_survives_the_terminal_closing_or_a_kill(tmp_path, sig):
    term, rec = marked_session(tmp_path)
    os.killpg(term.proc.pid, sig)
    try:
        code = term.close()
    finally:
        if term.proc.poll() is None:
            term.proc.kill()
    assert labels(rec) == ["#1"]
    if sig is not signal.SIGKILL:  # a quit: clean exit, the recording closed whole
        assert code == 0
        assert load(rec).meta["dialect"] == "quectel"
        assert "Traceback" not in bytes(term.output).decode("utf-8", "replace")


def test_replaying_a_recording_shows_its_marks(tmp_path):
    term, rec = marked_session(tmp_path)
    quit_session(term)
    again = Terminal([str(BIN / "5g-monitor"), "--replay", str(rec), "--audio", "off"], cwd=ROOT)
    try:
        again.wait_for(lambda: b"marked #1" in again.output, timeout=40)
        again.type(b"q")
        assert again.close() == 0
    finally:
        if again.proc.poll() is None:
            again.proc.kill()
    text = bytes(again.output).decode("utf-8", "replace")
    assert "Marked positions (* = best):" in text and "* #1: median" in text


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM])
def test_a_monitor_whose_terminal_vanished_still_ends_and_keeps_the_mark(tmp_path, sig):
    """The ssh session is gone (the pty closed, writes fail): SIGHUP (sshd's) or SIGTERM
    still ends the monitor, or it would run on unseen, holding the modem."""
    term, rec = marked_session(tmp_path)
    try:
        os.close(term.master)  # the terminal side goes away, as when sshd's pty closes
        term.master = os.open(os.devnull, os.O_RDONLY)  # so close() has something to close
        os.killpg(term.proc.pid, sig)
        term.proc.wait(timeout=15)
    finally:
        if term.proc.poll() is None:
            term.proc.kill()
        term.close()
    assert labels(rec) == ["#1"]

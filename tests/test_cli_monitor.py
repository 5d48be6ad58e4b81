"""5g-monitor as a user runs it: the installed script in a real pseudo-terminal."""

from __future__ import annotations

import fcntl
import os
import re
import shlex
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from fiveg.allowlist import is_read_only
from fiveg.at.session import AtSession
from fiveg.at.transcript import load
from fiveg.cli.monitor import monitor
from fiveg.ports.transport import open_port
from tests.conftest import fixture_path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
OSC = re.compile(rb"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


def readme_first_command() -> list[str]:
    """The 5g-monitor part of README's first command, as a user would paste it."""
    block = (ROOT / "README.md").read_text().split("```bash\n", 1)[1].split("\n```", 1)[0]
    last = block.strip().split(" && ")[-1]
    words = shlex.split(last)
    assert words[0] == ".venv/bin/5g-monitor", last
    return [str(BIN / "5g-monitor"), *words[1:]]


class Terminal:
    """A program running in a pty of a given size, its output collected as it comes."""

    def __init__(self, argv: list[str], cwd: Path, size=(130, 42), env=None) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        environment = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(size[0])}
        environment.update(env or {})
        self.proc = subprocess.Popen(
            argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=cwd,
            env=environment,
            start_new_session=True,
        )
        os.close(slave)
        self.master = master
        self.output = bytearray()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            if not data:
                return
            self.output += data

    def bells(self) -> int:
        return OSC.sub(b"", bytes(self.output)).count(b"\x07")

    def wait_for(self, condition, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise AssertionError(f"gave up waiting; output tail: {bytes(self.output[-600:])!r}")
            time.sleep(0.05)

    def type(self, keys: bytes, gap: float = 0.0) -> None:
        """Send keys; with ``gap``, one at a time as a person types."""
        if not gap:
            os.write(self.master, keys)
            return
        for key in keys:
            os.write(self.master, bytes([key]))
            time.sleep(gap)

    def close(self) -> int:
        try:
            return self.proc.wait(timeout=10)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
            self._reader.join(timeout=2)
            os.close(self.master)


def test_readme_first_command_runs_marks_rings_and_records(tmp_path):
    rec = tmp_path / "session.at"
    argv = [*readme_first_command(), "--speed", "4", "--audio", "bell", "--record", str(rec)]
    term = Terminal(argv, cwd=ROOT)
    try:
        term.wait_for(lambda: b"LIVE" in term.output)
        term.wait_for(lambda: term.bells() >= 3)  # the sweep rises above the 0 dB floor
        term.type(b"m")
        term.wait_for(lambda: b"Mark this position" in term.output)
        term.type(b"az120\r", gap=0.05)  # "#1" is only offered: typing replaces it
        # the dialog closed and the mark is listed (else "q" would be typed into it)
        term.wait_for(lambda: "★ az120".encode() in term.output)
        term.type(b"q")
        code = term.close()
    finally:
        if term.proc.poll() is None:
            term.proc.kill()
    assert code == 0
    text = bytes(term.output).decode("utf-8", "replace")
    assert "Marked positions (* = best):" in text
    assert re.search(r"\* az120: median -?[\d.]+ dB \(min -?\d+, max -?\d+", text)
    assert "Traceback" not in text

    recorded = load(rec)
    commands = [ex.command_text for ex in recorded.exchanges()]
    assert commands[:2] == ["ATI", 'AT+QENG="servingcell";+QRSRP']  # a reading in two
    assert 'AT+QENG="servingcell";+QRSRP' in commands
    assert all(is_read_only(c) for c in commands)  # the read-only guarantee, as sent
    notes = [r.note for r in recorded.records if r.kind == "!"]
    assert any(n.startswith('mark "az120" median') for n in notes)  # written when made
    assert recorded.meta["tool"].startswith("5g-monitor")
    assert recorded.meta["dialect"] == "quectel"  # so a replay reads it in the same dialect


def test_a_recording_replays_through_the_monitor_path(tmp_path):
    """What 5g-monitor records, 5g-monitor replays: the chained poll is answered as recorded."""
    rec = tmp_path / "session.at"
    argv = [*readme_first_command(), "--speed", "8", "--audio", "off", "--record", str(rec)]
    term = Terminal(argv, cwd=ROOT)
    term.wait_for(lambda: b"LIVE" in term.output)
    term.wait_for(lambda: rec.read_text().count('AT+QENG="servingcell";+QRSRP') >= 4)
    term.type(b"q")
    assert term.close() == 0
    again = Terminal([str(BIN / "5g-monitor"), "--replay", str(rec), "--audio", "off"], cwd=ROOT)
    again.wait_for(lambda: b"LIVE" in again.output and b"RM520N-GL" in again.output)
    again.type(b"q")
    assert again.close() == 0


def test_paced_simulator_serves_the_sweep_by_time():
    proc = subprocess.Popen(
        [
            str(BIN / "5g-sim"),
            str(fixture_path("rm520n_sweep_demo.at")),
            "--tcp",
            "0",
            "--paced",
            "--speed",
            "20",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        url = proc.stdout.readline().strip()
        port = open_port(url)
        session = AtSession(port)
        seen = set()
        deadline = time.monotonic() + 30  # about 2 s at 20x, unless the machine is loaded
        while len(seen) <= 10:  # the signal moves as the recording's time passes
            assert time.monotonic() < deadline, f"only {len(seen)} different replies"
            seen.add(session.command('AT+QENG="servingcell";+QRSRP').lines)
        port.close()
    finally:
        proc.terminate()
        proc.wait(timeout=5)


def run(*args, env=None):
    return CliRunner().invoke(monitor, list(args), env=env)


def test_unopenable_port_exits_3_before_the_screen():
    result = run("--port", "/dev/nonexistent-fiveg", "--audio", "off")
    assert result.exit_code == 3
    assert "/dev/nonexistent-fiveg" in result.output


def test_ceiling_must_be_above_floor():
    result = run("--floor", "10", "--ceiling", "5", "--replay", str(fixture_path("echo_on.at")))
    assert result.exit_code == 2 and "--ceiling" in result.output


def test_tone_asked_for_but_unplayable_exits_2_and_suggests_the_bell(tmp_path):
    conf = tmp_path / "asound.conf"
    conf.write_text("pcm.!default { type hw card 99 }\n")
    result = run(
        "--replay",
        str(fixture_path("echo_on.at")),
        "--audio",
        "tone",
        env={"ALSA_CONFIG_PATH": str(conf)},
    )
    assert result.exit_code == 2
    assert "try --audio bell" in result.output


@pytest.mark.parametrize(
    "word", ["--interval", "--metric", "--audio", "--cue", "--speed", "--loop", "mark"]
)
def test_help_documents_options_and_keys(word):
    result = run("--help")
    assert result.exit_code == 0 and word in result.output

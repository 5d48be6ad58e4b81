"""5g-info --jsonl [--watch]: a signal log for people without Prometheus. One JSON document
(the --json schema) per line, appended, never overwriting; a killed run leaves a valid file."""

from __future__ import annotations

import json
import signal
import subprocess
import time

from fiveg.at.replay import Responder
from fiveg.at.transcript import load
from fiveg.sim import TcpSimulator
from tests.conftest import fixture_path, run_installed
from tests.test_cli_monitor import BIN

COMPLETE = str(fixture_path("rm520n_nsa_ca_complete.at"))


def test_each_run_appends_a_line_and_keeps_what_was_there(tmp_path):
    log = tmp_path / "signal.jsonl"
    log.write_text('{"mine": "a line the user wrote"}\n')
    for _ in range(2):
        result = run_installed("5g-info", "--replay", COMPLETE, "--jsonl", str(log))
        assert result.returncode == 0, result.stderr
        assert result.stdout == ""  # the document went to the log
    lines = [json.loads(line) for line in log.read_text().splitlines()]
    assert lines[0] == {"mine": "a line the user wrote"}
    assert [d["schema"] for d in lines[1:]] == [1, 1]
    assert lines[1]["serving"][1]["sinr"] == 14 and lines[1]["bands"]["lte"] == [1, 3, 7, 20]


def test_a_killed_watch_leaves_every_line_whole(tmp_path):
    log = tmp_path / "roof.jsonl"
    responder = Responder(load(fixture_path("rm520n_nsa_ca_complete.at")))
    with TcpSimulator(responder) as sim:
        proc = subprocess.Popen(
            [str(BIN / "5g-info"), "--port", sim.url, "--jsonl", str(log), "--watch", "0.5"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 30
        while not log.exists() or log.read_text().count("\n") < 3:
            assert time.monotonic() < deadline and proc.poll() is None, proc.stderr.read()
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)  # no chance to tidy up
        proc.wait(timeout=10)
        polls = responder.received.count("ATI;+COPS?;+CSQ")
    lines = log.read_text().splitlines()
    assert len(lines) >= 3 and all(json.loads(line)["schema"] == 1 for line in lines)
    assert polls >= len(lines)  # a line per poll, each a poll of its own
    times = [json.loads(line)["time"] for line in lines]
    assert times == sorted(times) and len(set(times)) == len(times)


def test_a_watch_stops_cleanly_on_sigterm(tmp_path):
    log = tmp_path / "w.jsonl"
    proc = subprocess.Popen(
        [str(BIN / "5g-info"), "--replay", COMPLETE, "--jsonl", str(log), "--watch", "0.5"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while not log.exists() or not log.read_text():
        assert time.monotonic() < deadline, proc.stderr.read()
        time.sleep(0.05)
    proc.terminate()
    assert proc.wait(timeout=10) == 0


def test_watch_needs_a_log_and_a_log_needs_a_folder(tmp_path):
    alone = run_installed("5g-info", "--replay", COMPLETE, "--watch", "5")
    assert alone.returncode == 2 and "only goes with --jsonl FILE" in alone.stderr
    missing = run_installed("5g-info", "--replay", COMPLETE, "--jsonl", str(tmp_path / "no" / "x"))
    assert missing.returncode == 2 and "cannot write the log" in missing.stderr

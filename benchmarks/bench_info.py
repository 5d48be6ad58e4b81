"""Figures for 5g-info: end-to-end wall time against the simulator, parse rate, import time.

Run:  python benchmarks/bench_info.py [--runs N]

(a) 5g-info --json as a fresh process against the TCP simulator answering each
    command after 30 ms, beside the floor (commands sent x 30 ms); the
    difference is fiveg's own overhead including interpreter start.
(b) full snapshots parsed per second on one core (reply lines to Snapshot).
(c) import time of the 5g-info path, and whether it loads textual.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from fiveg.at.framer import Framer, Reply  # noqa: E402
from fiveg.at.replay import Responder  # noqa: E402
from fiveg.at.transcript import load  # noqa: E402
from fiveg.sim import TcpSimulator  # noqa: E402
from fiveg.vendors import quectel  # noqa: E402

FIXTURE = ROOT / "fixtures" / "at_transcripts" / "rm520n_nsa_ca_tim.at"
LATENCY = 0.030


def script(name: str) -> str:
    return os.path.join(os.path.dirname(sys.executable), name)


def end_to_end(runs: int) -> None:
    responder = Responder(load(FIXTURE))
    with TcpSimulator(responder, LATENCY) as server:
        walls = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(
                [script("5g-info"), "--port", server.url, "--json"],
                check=True,
                capture_output=True,
                stdin=subprocess.DEVNULL,
            )
            walls.append(time.perf_counter() - start)
    sent = len(quectel.INFO_COMMANDS)
    floor = sent * LATENCY
    wall = statistics.median(walls)
    print(f"(a) 5g-info end to end, {runs} runs, simulator at {LATENCY * 1000:.0f} ms/command")
    print(f"    commands sent       {sent}")
    print(f"    floor               {floor * 1000:7.1f} ms  ({sent} x {LATENCY * 1000:.0f} ms)")
    print(f"    wall (median)       {wall * 1000:7.1f} ms  (min {min(walls) * 1000:.1f})")
    print(f"    overhead (median)   {(wall - floor) * 1000:7.1f} ms  target < 150 ms")


def parse_rate(seconds: float) -> None:
    # Framing once: the benchmark times parsing (reply lines -> Snapshot).
    responder = Responder(load(FIXTURE))
    answers = {}
    for command in quectel.INFO_COMMANDS:
        framer = Framer()
        framer.expect(command)
        replies = [e for e in framer.feed(responder.reply(command)) if isinstance(e, Reply)]
        if replies and replies[0].ok:
            answers[command] = list(replies[0].lines)
    lines = sum(len(v) for v in answers.values())
    now = datetime.now(UTC)
    count = 0
    start = time.perf_counter()
    deadline = start + seconds
    while time.perf_counter() < deadline:
        for _ in range(200):
            quectel.parse_snapshot(answers, time=now)
        count += 200
    elapsed = time.perf_counter() - start
    print(
        f"(b) parsing: {count / elapsed:,.0f} snapshots/s on one core "
        f"({len(answers)} replies, {lines} lines each)  target >= 20,000"
    )


def import_time(runs: int) -> None:
    def best(code: str) -> float:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, stdin=subprocess.DEVNULL)
            times.append(time.perf_counter() - start)
        return min(times)

    bare = best("pass")
    info = best("import fiveg.cli.info")
    out = subprocess.run(
        [sys.executable, "-c", "import sys, fiveg.cli.info; print('textual' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    print(
        f"(c) import fiveg.cli.info: {(info - bare) * 1000:.1f} ms beyond a bare interpreter "
        f"({bare * 1000:.1f} ms); textual loaded: {out}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--parse-seconds", type=float, default=3.0)
    args = parser.parse_args()
    end_to_end(args.runs)
    parse_rate(args.parse_seconds)
    import_time(args.runs)


if __name__ == "__main__":
    main()

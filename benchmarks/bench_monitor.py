"""Figures for 5g-monitor: feedback latency, CPU and memory, behaviour under a slow reply.

Run:  python benchmarks/bench_monitor.py [--trials N] [--seconds S]

(a) Feedback latency: the TCP simulator answers each command after 30 ms and
    switches the signal from weak (NR SINR -5 dB, below the 0 dB floor) to
    strong (24 dB) at a known instant, at a random phase of the polling; the
    figure is the time from the switch to the first beep the beeper plays,
    with the monitor at --interval 0.25 (Textual headless, in this process).
(b) CPU and memory: the installed 5g-monitor in a real pseudo-terminal,
    polling the simulator (its own process, 30 ms per command, the sweep
    looped) at 4 Hz with the bell on, for S seconds after a 3 s warm-up:
    CPU as a share of one core (utime+stime from /proc), resident memory
    (VmRSS at the end, VmHWM peak), and the polls the modem saw.
(c) A 2 s reply: the simulator takes 2 s for one poll while a 50 ms UI
    timer runs; the figures are the most polls ever in flight at once and
    the longest gap between UI ticks while the reply was awaited.
(d) Beep timing: the beeper thread alone (no backend delay) holding a
    15 dB reading for 5 s; how far each gap between beeps strays from the
    cadence's interval (the audio tests assert only "never early").
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import itertools
import os
import random
import statistics
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from fiveg.allowlist import is_read_only  # noqa: E402
from fiveg.at.replay import Responder  # noqa: E402
from fiveg.at.session import AtSession  # noqa: E402
from fiveg.at.transcript import load  # noqa: E402
from fiveg.audio import Silent  # noqa: E402
from fiveg.beeper import Beeper  # noqa: E402
from fiveg.poller import Poller  # noqa: E402
from fiveg.ports.transport import open_port  # noqa: E402
from fiveg.sim import TcpSimulator  # noqa: E402
from fiveg.tui.app import MonitorApp  # noqa: E402

SWEEP = ROOT / "fixtures" / "at_transcripts" / "rm520n_sweep_demo.at"
LATENCY = 0.030
WEAK_AT, STRONG_AT = 0.1, 22.1  # transcript seconds: NR SINR -5 dB and 24 dB
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def script(name: str) -> str:
    return os.path.join(os.path.dirname(sys.executable), name)


def headless_app(url: str, interval: float, on_play) -> MonitorApp:
    beeper = Beeper(Silent())
    beeper.on_play = on_play
    poller = Poller(
        lambda: AtSession(open_port(url), allow=is_read_only), timeout=5.0, slow_every=5.0
    )
    return MonitorApp(poller, beeper, interval=interval)


async def _latency_trials(trials: int) -> list[float]:
    sim = TcpSimulator(Responder(load(SWEEP)), latency=LATENCY).start()
    moment = {"at": WEAK_AT}
    sim.timeline = lambda: moment["at"]
    beeps: list[float] = []
    app = headless_app(sim.url, 0.25, lambda beep, t: beeps.append(t))
    app.beeper.start()
    results = []
    try:
        async with app.run_test(size=(130, 42)) as pilot:
            await pilot.pause(1.5)
            for _ in range(trials):
                await pilot.pause(random.uniform(0.0, 0.25))  # any phase of the polling
                switched = time.monotonic()
                moment["at"] = STRONG_AT
                while not beeps or beeps[-1] < switched:
                    await pilot.pause(0.005)
                first = min(t for t in beeps if t >= switched)
                results.append(first - switched)
                moment["at"] = WEAK_AT
                await pilot.pause(1.5)  # silent again before the next trial
    finally:
        app.beeper.stop()
        app.poller.close()
        sim.stop()
    return results


def latency(trials: int) -> None:
    results = asyncio.run(_latency_trials(trials))
    ms = sorted(r * 1000 for r in results)
    print(
        f"(a) feedback latency, weak -> strong, simulator 30 ms/command, --interval 0.25, "
        f"{trials} trials:\n    median {statistics.median(ms):.0f} ms, "
        f"min {ms[0]:.0f}, max {ms[-1]:.0f} (target: median < 300 ms)"
    )


def _proc_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _proc_mem(pid: int) -> dict[str, int]:
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0])
    return out


# issue 13's targets at 120x40 after start-up: terminal output at 0.25 s, CPU per interval
OUTPUT_TARGET_KIB_S = 8.0
CPU_TARGET = {0.25: 2.5, 0.1: 5.0}


def cpu_and_memory(
    seconds: float, interval: float = 0.25, size=(120, 40), dump: str | None = None
) -> None:
    sim = subprocess.Popen(
        [
            script("5g-sim"),
            str(SWEEP),
            "--tcp",
            "0",
            "--latency",
            str(LATENCY * 1000),
            "--paced",
            "--loop",
        ],
        stdout=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=ENV,
    )
    url = sim.stdout.readline().strip()
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    monitor = subprocess.Popen(
        [script("5g-monitor"), "--port", url, "--interval", str(interval), "--audio", "bell"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env={**ENV, "TERM": "xterm-256color"},
        start_new_session=True,
    )
    os.close(slave)
    written = [0]  # bytes the monitor wrote to its terminal
    kept = bytearray()

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                return
            if not data:
                return
            written[0] += len(data)  # keep the terminal flowing; count what it sent
            if dump:
                kept.extend(data)

    threading.Thread(target=drain, daemon=True).start()
    try:
        time.sleep(3.0)  # start-up and the first slow sweep
        cpu0, t0, out0 = _proc_cpu(monitor.pid), time.monotonic(), written[0]
        time.sleep(seconds)
        cpu1, t1, out1 = _proc_cpu(monitor.pid), time.monotonic(), written[0]
        mem = _proc_mem(monitor.pid)
    finally:
        os.write(master, b"q")
        try:
            monitor.wait(timeout=10)
        except subprocess.TimeoutExpired:
            monitor.kill()
        os.close(master)
        sim.terminate()
        sim.wait(timeout=5)
    if dump:
        Path(dump).write_bytes(bytes(kept))
    share = (cpu1 - cpu0) / (t1 - t0) * 100
    kib_s = (out1 - out0) / (t1 - t0) / 1024
    output_target = f" (target <= {OUTPUT_TARGET_KIB_S:g})" if interval == 0.25 else ""
    print(
        f"(b) 5g-monitor in a {size[0]}x{size[1]} pty at --interval {interval:g} for "
        f"{seconds:g} s after start-up:\n"
        f"    CPU {share:.1f}% of one core (target <= {CPU_TARGET.get(interval, 10):g}%), "
        f"terminal output {kib_s:.1f} KiB/s{output_target}, "
        f"RSS {mem['VmRSS'] / 1024:.0f} MB at the end, peak {mem['VmHWM'] / 1024:.0f} MB "
        f"(target < 120 MB)"
    )


async def _slow_reply() -> tuple[int, float, float, int]:
    sim = TcpSimulator(Responder(load(SWEEP)), latency=LATENCY).start()
    sim.timeline = lambda: STRONG_AT
    app = headless_app(sim.url, 0.25, lambda beep, t: None)
    app.beeper.start()
    ticks: list[float] = []
    try:
        async with app.run_test(size=(130, 42)) as pilot:
            await pilot.pause(1.0)
            app.set_interval(0.05, lambda: ticks.append(time.monotonic()))
            await pilot.pause(0.5)
            sent = len(sim.received)
            sim.latency = 2.0
            while len(sim.received) == sent:  # the slow command is out
                await pilot.pause(0.005)
            start = time.monotonic()
            sim.latency = LATENCY  # the next command is quick again
            await pilot.pause(2.3)
            end = time.monotonic()
            during = [t for t in ticks if start <= t <= end]
            gaps = [b - a for a, b in itertools.pairwise(during)]
            polls = app.polls_started
    finally:
        app.beeper.stop()
        app.poller.close()
        sim.stop()
    return app.max_in_flight, max(gaps), end - start, polls


def slow_reply() -> None:
    in_flight, worst_gap, window, _ = asyncio.run(_slow_reply())
    print(
        f"(c) a 2 s reply at --interval 0.25: at most {in_flight} poll in flight; "
        f"longest gap between 50 ms UI ticks over the {window:.1f} s wait: "
        f"{worst_gap * 1000:.0f} ms"
    )


def beep_timing(seconds: float = 5.0) -> None:
    from fiveg.cadence import Cadence

    beeper = Beeper(Silent())
    played: list[float] = []
    beeper.on_play = lambda beep, now: played.append(time.monotonic())
    beeper.start()
    try:
        beeper.update("sinr", 15, fresh_for=seconds)
        time.sleep(seconds + 0.2)
    finally:
        beeper.stop()
    interval = Cadence().interval("sinr", 15)
    errors = sorted(abs(b - a - interval) * 1000 for a, b in itertools.pairwise(played))
    print(
        f"(d) beep timing at 15 dB (interval {interval * 1000:.0f} ms), {len(errors)} gaps: "
        f"median error {statistics.median(errors):.1f} ms, max {errors[-1]:.1f} ms "
        f"(target: max < 20 ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=15)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument(
        "--only-output", action="store_true", help="(b), CPU and terminal output, and nothing else"
    )
    parser.add_argument("--dump", metavar="FILE", help="with (b): keep what the monitor wrote")
    args = parser.parse_args()
    if not args.only_output:
        latency(args.trials)
    cpu_and_memory(args.seconds, 0.25, dump=args.dump)
    cpu_and_memory(args.seconds, 0.1)
    if not args.only_output:
        slow_reply()
        beep_timing()


if __name__ == "__main__":
    main()

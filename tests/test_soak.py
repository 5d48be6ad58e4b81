"""A bounded soak: the monitor polling at 10 Hz while faults come and go at random.

Memory stays flat, no thread or file descriptor is left behind, and the
recording holds every command the modem heard. Bounded for CI
(``FIVEG_SOAK_SECONDS``, default 40); run longer by setting it.
"""

from __future__ import annotations

import io
import os
import random
import threading
import time
from collections import Counter
from pathlib import Path

from textual.widgets import Static

from fiveg.at.replay import Responder, normalize
from fiveg.at.session import AtSession
from fiveg.at.transcript import Recorder, load, parse
from fiveg.audio import Bell
from fiveg.beeper import Beeper
from fiveg.faults import Fault
from fiveg.poller import Poller
from fiveg.sim import TcpSimulator
from fiveg.transport import open_port
from fiveg.tui.app import MonitorApp
from tests.conftest import fixture_path

SECONDS = float(os.environ.get("FIVEG_SOAK_SECONDS", "40"))
WARM_UP = 8.0


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def fds() -> int:
    return len(os.listdir("/proc/self/fd"))


async def test_soak_with_random_faults():
    rng = random.Random(20261129)
    server = TcpSimulator(Responder(load(fixture_path("rm520n_sweep_demo.at")))).start()
    out = io.StringIO()
    out.close = lambda: None
    recorder = Recorder(out)
    poller = Poller(
        lambda: AtSession(open_port(server.url), recorder=recorder), timeout=0.3, slow_every=2.0
    )
    rings = []
    beeper = Beeper(Bell(ring=lambda: rings.append(1))).start()
    app = MonitorApp(poller, beeper, interval=0.1)
    faults = [*Fault, "vanish", None, None]
    seen: Counter[str] = Counter()
    try:
        async with app.run_test(size=(130, 42)) as pilot:
            start = time.monotonic()
            baseline = None
            while time.monotonic() - start < SECONDS:
                if baseline is None and time.monotonic() - start > WARM_UP:
                    await pilot.pause(0.5)
                    baseline = (rss_kb(), threading.active_count(), fds())
                fault = rng.choice(faults)
                seen[str(fault)] += 1
                server.slow = 0.5
                if fault == "vanish":
                    server.vanish()
                else:
                    server.fault = fault
                await pilot.pause(rng.uniform(0.3, 1.2))
                if fault == "vanish":
                    server.reappear()
                server.fault = None
                await pilot.pause(rng.uniform(0.5, 1.5))
            # after the last fault clears, it is live again
            deadline = time.monotonic() + 5
            while "LIVE" not in str(app.query_one("#status", Static).render()):
                assert time.monotonic() < deadline, "not live after the faults"
                await pilot.pause(0.05)
            await pilot.pause(0.5)
            end = (rss_kb(), threading.active_count(), fds())
            polls = app.polls_started
    finally:
        beeper.stop()
        poller.close()
        server.stop()

    assert polls > SECONDS * 4  # it kept polling through the faults
    assert len(seen) >= 6
    grown_kb = end[0] - baseline[0]
    assert grown_kb < 8 * 1024, f"RSS grew {grown_kb} kB"
    assert end[1] <= baseline[1] + 2, f"threads {baseline[1]} -> {end[1]}"
    assert end[2] <= baseline[2] + 2, f"fds {baseline[2]} -> {end[2]}"

    recorder.flush()
    recorded = Counter(normalize(ex.command) for ex in parse(out.getvalue()).exchanges())
    heard = Counter(server.received)
    missing = heard - recorded
    assert not missing, f"heard but not recorded: {missing}"
    print(
        f"\nsoak {SECONDS:g} s: {polls} polls, faults {dict(seen)}, "
        f"RSS {baseline[0]} -> {end[0]} kB, threads {baseline[1]} -> {end[1]}, "
        f"fds {baseline[2]} -> {end[2]}, {sum(recorded.values())} exchanges recorded"
    )

"""A bounded soak: the monitor polling at 10 Hz while faults come and go at random.

Memory stays flat, no thread or file descriptor is left behind, and the
recording holds every command the modem heard. Opt-in (``FIVEG_SOAK=1``; CI
sets it, so there it runs), bounded (``FIVEG_SOAK_SECONDS``, default 60); run
longer by setting it.

Flat is judged over the second half of the run: the Python memory that
fiveg's own code holds (tracemalloc) may grow by the history of the
followed metric and little more; Python's whole heap and the process's
resident memory by a few MB at most, 8 at the outside (Textual's and rich's render caches
are bounded, but may still be filling).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import random
import threading
import time
import tracemalloc
from collections import Counter
from pathlib import Path

import pytest

from fiveg.at.replay import Responder, normalize
from fiveg.at.session import AtSession
from fiveg.at.transcript import Recorder, load
from fiveg.audio import Bell
from fiveg.beeper import Beeper
from fiveg.faults import Fault
from fiveg.poller import Poller
from fiveg.ports.transport import open_port
from fiveg.sim import TcpSimulator
from fiveg.tui.app import MonitorApp
from fiveg.tui.lines import Lines
from tests.conftest import fixture_path

SECONDS = float(os.environ.get("FIVEG_SOAK_SECONDS", "60"))

pytestmark = [
    pytest.mark.soak,
    pytest.mark.skipif(
        os.environ.get("FIVEG_SOAK") != "1", reason="the soak is opt-in: FIVEG_SOAK=1"
    ),
    pytest.mark.timeout(SECONDS + 240),
]


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def fiveg_heap_kb() -> int:
    """Python memory allocated by fiveg's own code (not Textual's or rich's bounded caches)."""
    ours = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(True, "*/fiveg/*")])
    return sum(stat.size for stat in ours.statistics("filename")) // 1024


def release() -> None:
    """Hand freed memory back before reading RSS: glibc keeps freed blocks in its arenas
    (the tracemalloc snapshot just taken and dropped is the largest), which is slack the
    next allocation reuses, not growth."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def measure() -> tuple[int, int, int, int, int]:
    """(RSS kB, Python heap kB, fiveg's share kB, threads, fds)."""
    ours = fiveg_heap_kb()  # first: the snapshot's own memory is then in both RSS readings
    heap = tracemalloc.get_traced_memory()[0] // 1024
    release()
    return rss_kb(), heap, ours, threading.active_count(), fds()


async def test_soak_with_random_faults(tmp_path):
    rng = random.Random(20261129)
    server = TcpSimulator(Responder(load(fixture_path("rm520n_sweep_demo.at")))).start()
    recording = tmp_path / "soak.at"
    recorder = Recorder.to_path(recording)
    poller = Poller(
        lambda: AtSession(open_port(server.url), recorder=recorder), timeout=0.3, slow_every=2.0
    )
    rings = []
    beeper = Beeper(Bell(ring=lambda: rings.append(1))).start()
    app = MonitorApp(poller, beeper, interval=0.1)
    faults = [*Fault, "vanish", None, None]
    seen: Counter[str] = Counter()
    tracemalloc.start(int(os.environ.get("FIVEG_SOAK_FRAMES", "1")))
    try:
        async with app.run_test(size=(130, 42)) as pilot:
            start = time.monotonic()
            baseline = None
            while time.monotonic() - start < SECONDS:
                if baseline is None and time.monotonic() - start > SECONDS / 2:
                    baseline = measure()
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
            while "LIVE" not in str(app.query_one("#status", Lines).render()):
                assert time.monotonic() < deadline, "not live after the faults"
                await pilot.pause(0.05)
            await pilot.pause(0.5)
            end = measure()
            polls = app.polls_started
    finally:
        tracemalloc.stop()
        beeper.stop()
        poller.close()
        server.stop()
        recorder.close()

    # it kept polling through the faults (10 Hz asked; a loaded machine may give less,
    # a stalled poll loop gives none: the rate itself is bench_monitor's figure)
    assert polls > SECONDS
    assert len(seen) >= 6
    rss, heap, ours, threads, fds_ = (b - a for a, b in zip(baseline, end, strict=True))
    # fiveg's own: the followed metric's history (300 s window) and little else
    assert ours < 256, f"fiveg's heap grew {ours} kB over the second half"
    # everything: Textual's and rich's render caches are bounded but still filling
    assert heap < 3 * 1024, f"Python heap grew {heap} kB over the second half"
    assert rss < 8 * 1024, f"RSS grew {rss} kB over the second half"  # allocator slack
    assert threads <= 0 and fds_ <= 0, f"threads {threads:+}, fds {fds_:+}"

    recorded = Counter(normalize(ex.command) for ex in load(recording).exchanges())
    heard = Counter(server.received)
    missing = heard - recorded
    assert not missing, f"heard but not recorded: {missing}"
    print(
        f"\nsoak {SECONDS:g} s: {polls} polls, faults {dict(seen)}; over the second half: "
        f"RSS {baseline[0]} -> {end[0]} kB, Python heap {baseline[1]} -> {end[1]} kB "
        f"(fiveg's {baseline[2]} -> {end[2]} kB), threads {baseline[3]} -> {end[3]}, "
        f"fds {baseline[4]} -> {end[4]}; "
        f"{sum(recorded.values())} exchanges recorded"
    )

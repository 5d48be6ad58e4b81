"""5g-exporter under scrapes: latency of /metrics while polls run, polls the modem sees,
memory. The installed exporter against the simulator on loopback.

Run:  python benchmarks/bench_exporter.py [--latency MS] [--seconds S]

The simulated modem takes --latency ms per command line (100 by default: a slow
router link, so a poll is in flight about a third of the time at --every 1).
Scrapes come one after another, then 8 at a time; the figures are printed beside
the limits fiveg holds itself to: a scrape never waits for a poll, and scrapes
never add polls.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from fiveg.at.replay import Responder  # noqa: E402
from fiveg.at.transcript import load  # noqa: E402
from fiveg.sim import TcpSimulator  # noqa: E402

FIXTURE = ROOT / "fixtures" / "at_transcripts" / "rm520n_nsa_ca_complete.at"
BIN = Path(sys.executable).parent


def scrape(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as reply:
        reply.read()
    return time.perf_counter() - started


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=100.0, help="ms per command line")
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    responder = Responder(load(FIXTURE))
    with TcpSimulator(responder, latency=args.latency / 1000) as sim:
        proc = subprocess.Popen(
            [
                str(BIN / "5g-exporter"),
                "--port",
                sim.url,
                "--listen",
                "127.0.0.1:0",
                "--every",
                "1",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        url = proc.stdout.readline().strip()
        try:
            while b"fiveg_up 1.0" not in urllib.request.urlopen(url, timeout=30).read():
                time.sleep(0.05)
            started = time.monotonic()
            polls_before = responder.received.count("ATI;+COPS?;+CSQ")
            single: list[float] = []
            half = started + args.seconds / 2
            while time.monotonic() < half:
                single.append(scrape(url))
            with ThreadPoolExecutor(8) as pool:
                burst: list[float] = []
                while time.monotonic() < started + args.seconds:
                    burst += pool.map(lambda _: scrape(url), range(8))
            elapsed = time.monotonic() - started
            polls = responder.received.count("ATI;+COPS?;+CSQ") - polls_before
            memory = rss_kib(proc.pid)
        finally:
            proc.terminate()
            proc.wait(timeout=10)

    def p(values: list[float], q: float) -> float:
        return sorted(values)[min(len(values) - 1, int(q * len(values)))] * 1000

    poll_time = 2 * args.latency  # two chained round trips
    expected = elapsed / (1.0 + poll_time / 1000)
    print(f"simulated modem: {args.latency:g} ms per command line; --every 1; {elapsed:.0f} s")
    print(
        f"scrapes one at a time: {len(single)}, median {statistics.median(single) * 1000:.1f} ms,"
        f" p99 {p(single, 0.99):.1f} ms   (limit: p99 below one poll, {poll_time:g} ms)"
    )
    print(
        f"scrapes 8 at a time:   {len(burst)}, median {statistics.median(burst) * 1000:.1f} ms,"
        f" p99 {p(burst, 0.99):.1f} ms"
    )
    print(
        f"polls the modem saw:   {polls} in {elapsed:.0f} s (expected about {expected:.0f}, "
        f"whatever the {len(single) + len(burst)} scrapes)"
    )
    print(f"exporter memory:       {memory / 1024:.1f} MiB resident   (limit: 60 MiB)")


if __name__ == "__main__":
    main()

"""Recovery after each fault mode: how long from the fault clearing to a good reading.

Run:  python benchmarks/bench_faults.py [--rounds N]

For every fault of the simulator (TCP, loopback), and for the device
vanishing and coming back: (a) the session: time from clearing the fault
until a command gets its proper reply (reopening the port when it went
away); (b) the monitor at --interval 0.25 (Textual headless): time from
clearing the fault until the screen says LIVE again with no error. Medians
over the rounds.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from textual.widgets import Static  # noqa: E402

from fiveg.at.errors import AtTimeout, FivegError, PortError  # noqa: E402
from fiveg.at.replay import Responder  # noqa: E402
from fiveg.at.session import AtSession  # noqa: E402
from fiveg.at.transcript import load  # noqa: E402
from fiveg.audio import Silent  # noqa: E402
from fiveg.beeper import Beeper  # noqa: E402
from fiveg.faults import Fault  # noqa: E402
from fiveg.poller import Poller  # noqa: E402
from fiveg.ports.transport import open_port  # noqa: E402
from fiveg.sim import TcpSimulator  # noqa: E402
from fiveg.tui.app import MonitorApp  # noqa: E402

FIXTURE = ROOT / "fixtures" / "at_transcripts" / "rm520n_nsa_ca_tim.at"
FAULTS = [*Fault, "vanish"]
TIMEOUT = 0.3


def apply(sim: TcpSimulator, fault) -> None:
    sim.slow = 2 * TIMEOUT
    if fault == "vanish":
        sim.vanish()
    else:
        sim.fault = fault


def clear(sim: TcpSimulator, fault) -> None:
    sim.fault = None
    if fault == "vanish":
        sim.reappear()


def session_recovery(fault) -> float:
    with TcpSimulator(Responder(load(FIXTURE))) as sim:
        session = AtSession(open_port(sim.url))
        session.command("AT+QSPN")
        apply(sim, fault)
        with contextlib.suppress(FivegError):  # each fault has its own typed error
            session.command("AT+QSPN", timeout=TIMEOUT)
        clear(sim, fault)
        start = time.monotonic()
        while True:
            try:
                if session.command("AT+QSPN", timeout=TIMEOUT).lines[0].startswith("+QSPN"):
                    break
            except AtTimeout:
                continue
            except PortError:
                session.port.close()
                try:
                    session = AtSession(open_port(sim.url))
                except PortError:
                    time.sleep(0.01)
        took = time.monotonic() - start
        session.port.close()
        return took


async def monitor_recovery(fault) -> float:
    sim = TcpSimulator(Responder(load(FIXTURE))).start()
    poller = Poller(lambda: AtSession(open_port(sim.url)), timeout=TIMEOUT)
    beeper = Beeper(Silent()).start()
    app = MonitorApp(poller, beeper, interval=0.25)

    def status() -> str:
        return str(app.query_one("#status", Static).render())

    try:
        async with app.run_test(size=(130, 42)) as pilot:
            while "LIVE" not in status():
                await pilot.pause(0.01)
            apply(sim, fault)
            while (
                app.error is None
                and "LIVE" in status()
                and fault
                not in (
                    Fault.GARBAGE,
                    Fault.URC_BURST,
                    Fault.ECHO,
                    Fault.WRONG,
                )
            ):
                await pilot.pause(0.01)
            await pilot.pause(0.5)
            clear(sim, fault)
            start = time.monotonic()
            while not ("LIVE" in status() and app.error is None and app.fresh_at > start):
                await pilot.pause(0.01)
            return time.monotonic() - start
    finally:
        beeper.stop()
        poller.close()
        sim.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"recovery after the fault clears, median of {args.rounds} (TCP, timeout {TIMEOUT} s):")
    print(f"    {'fault':12} {'session':>10} {'monitor':>10}")
    for fault in FAULTS:
        s = statistics.median(session_recovery(fault) for _ in range(args.rounds))
        m = statistics.median(asyncio.run(monitor_recovery(fault)) for _ in range(args.rounds))
        print(f"    {fault!s:12} {s * 1000:8.0f} ms {m * 1000:8.0f} ms")


if __name__ == "__main__":
    main()

"""Write docs/monitor.svg (130x42) and docs/monitor-80x24.svg: the monitor part-way through
the bundled sweep, with four marks.

Run: python tools/screenshot.py  (Textual headless; no terminal or modem needed)
"""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

from fiveg.at.replay import PacedReplayPort
from fiveg.at.session import AtSession
from fiveg.at.transcript import load
from fiveg.audio import Silent
from fiveg.beeper import Beeper
from fiveg.poller import Poller
from fiveg.tui.app import MonitorApp

ROOT = Path(__file__).resolve().parents[1]
SWEEP = ROOT / "fixtures/at_transcripts/rm520n_sweep_demo.at"
OUTS = {(130, 42): ROOT / "docs/monitor.svg", (80, 24): ROOT / "docs/monitor-80x24.svg"}
SPEED = 3.0


async def main(size: tuple[int, int], out: Path) -> None:
    transcript = load(SWEEP)
    port = PacedReplayPort(transcript, speed=SPEED)
    poller = Poller(lambda: AtSession(port), slow_every=2.0)
    app = MonitorApp(
        poller,
        Beeper(Silent()),
        interval=0.25,
        mark_seconds=1.5,  # 4.5 s of the sweep at 3x: the antenna held still
        audio_label="tones",
        source_label="replay x3",
    )

    async def at(seconds: float, pilot) -> None:
        while port.transcript_time() < seconds:
            await pilot.pause(0.02)

    async def mark(label: str, pilot) -> None:
        await pilot.press("m", "backspace", "backspace", *label, "enter")

    async with app.run_test(size=size) as pilot:
        await at(14.0, pilot)
        await mark("az 95", pilot)
        await at(23.5, pilot)
        await mark("az 120", pilot)
        await at(33.0, pilot)
        await mark("az 150", pilot)
        await at(53.0, pilot)
        await mark("az 125", pilot)
        await pilot.pause(0.6)  # the details are drawn twice a second
        out.write_text(app.export_screenshot(title="5g-monitor"), encoding="utf-8")
    poller.close()
    print(f"wrote {out}")


if __name__ == "__main__":
    os.environ["TZ"] = "UTC"
    time.tzset()
    for size, out in OUTS.items():
        asyncio.run(main(size, out))

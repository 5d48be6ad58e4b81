"""The whole monitor screen as a picture (pytest-textual-snapshot; update with --snapshot-update).

Time is frozen (fake clocks, UTC) and one poll fills every panel, so the
picture depends only on the fixture and the code that draws it.
"""

from __future__ import annotations

import time

import pytest

from fiveg.at.replay import ReplayPort
from fiveg.at.session import AtSession
from fiveg.at.transcript import load
from fiveg.audio import Silent
from fiveg.beeper import Beeper
from fiveg.poller import Poller
from fiveg.tui.app import MonitorApp
from fiveg.tui.lines import Lines
from fiveg.vendors.quectel import SLOW_COMMANDS
from tests.conftest import FakeClock, fixture_path


@pytest.fixture
def utc(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("size", [(130, 42), (80, 24), (50, 20)], ids=["130x42", "80x24", "50x20"])
def test_full_screen_nsa_with_ca(snap_compare, utc, size):
    clock = FakeClock()
    transcript = load(fixture_path("rm520n_nsa_ca_tim.at"))
    poller = Poller(
        lambda: AtSession(ReplayPort(transcript)),
        slow_per_poll=len(SLOW_COMMANDS),
        clock=clock,
        now=clock.wall,
    )
    beeper = Beeper(Silent())
    app = MonitorApp(
        poller,
        beeper,
        interval=5.0,
        audio_label="tones",
        source_label="replay x1",
        clock=clock,
        now=clock.wall,
    )

    async def first_poll_drawn(pilot):
        deadline = time.monotonic() + 20
        # drawn: the details (tables included) follow a reading within DETAILS_EVERY
        while "LTE inter" not in app.query_one("#neighbours", Lines).text:
            assert time.monotonic() < deadline, "the first poll was never drawn"
            await pilot.pause(0.02)
        await pilot.pause(0.1)

    assert snap_compare(app, terminal_size=size, run_before=first_poll_drawn)

"""What the monitor shows at 120x40, 80x24 and 50x20: read off the rendered screen."""

from __future__ import annotations

import html
import re

import pytest

from fiveg.tui.view import layout_classes
from tests.test_monitor_app import Rig, replay, until


def screen_rows(app) -> list[str]:
    """The screen as text rows, from Textual's own rendering of it (its SVG export: rich
    sets each row's text at y = 20 + 24.4 x row and each cell 12.2 wide, blanks as NBSP)."""
    svg = app.export_screenshot()
    rows = [""] * app.size.height
    cells = re.finditer(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg)
    for m in sorted(cells, key=lambda m: (float(m.group(2)), float(m.group(1)))):
        row, col = round((float(m.group(2)) - 20) / 24.4), round(float(m.group(1)) / 12.2)
        if 0 <= row < len(rows):
            rows[row] = rows[row].ljust(col) + html.unescape(m.group(3)).replace("\xa0", " ")
    return rows


BIG_18 = ("  ██  █  █", "  ███ ████ dB")  # rows 2 and 5 of "18" in block digits, the unit beside


@pytest.fixture
def rig():
    made = []
    yield lambda *a, **kw: made.append(Rig(*a, **kw)) or made[-1]
    for r in made:
        r.close()


async def drawn(r, pilot, size):
    """Until the first reading and its details are on the screen."""
    await until(pilot, lambda: r.app.reading is not None and "at peak" in r.text("#metric-state"))
    await until(pilot, lambda: "best 18 dB" in r.text("#peak"))
    # the footer is composed after its first refresh: on a loaded machine, a moment later
    await until(pilot, lambda: screen_rows(r.app)[-1].startswith(" q Quit"))
    await pilot.pause(0.1)
    rows = screen_rows(r.app)
    assert len(rows) == size[1]
    return "\n".join(rows)


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (50, 20)])
async def test_metric_state_trend_peak_and_quit_are_visible_at_every_size(rig, size):
    r = rig(replay("rm520n_nsa_ca_tim.at"), interval=0.25)
    async with r.app.run_test(size=size) as pilot:
        screen = await drawn(r, pilot, size)
        for row in BIG_18:  # the value in digits five rows tall, never cut
            assert row in screen
        assert "LIVE" in screen and "at peak" in screen  # the state, in the metric's panel
        assert "→ steady" in screen or "gathering" in screen  # the trend
        assert "best 18 dB" in screen and "on n78 PCI 920" in screen  # the peak
        assert screen.splitlines()[-1].startswith(" q Quit")  # the way out
        if size[0] >= 60:
            assert "LTE leg" in screen and "NR leg" in screen
            assert "B1  PCI 280" in screen and "n78  PCI 920" in screen
        else:
            assert "LTE leg" not in screen and "History" not in screen
        if size == (120, 40):
            for panel in ("History", "Rx ports", "Carriers (CA)", "Neighbours", "Marked", "Events"):
                assert panel in screen
        if size == (80, 24):
            assert "History" in screen and "Marked positions" in screen
            assert "Neighbours" not in screen and "Events" not in screen


def test_panels_hide_in_the_stated_order_as_the_terminal_shrinks():
    assert not any(layout_classes(120, 40).values())
    assert layout_classes(120, 35) == {
        "-no-events": True,
        "-short": False,
        "-tiny": False,
        "-narrow": False,
        "-compact": False,
    }
    assert [k for k, on in layout_classes(80, 24).items() if on] == [
        "-no-events",
        "-short",
        "-narrow",
    ]
    assert layout_classes(120, 21)["-tiny"] and not layout_classes(120, 22)["-tiny"]
    assert [k for k, on in layout_classes(50, 20).items() if on] == [
        "-no-events",
        "-short",
        "-tiny",
        "-narrow",
        "-compact",
    ]
    assert layout_classes(59, 40)["-compact"] and not layout_classes(60, 40)["-compact"]


async def test_a_resize_moves_between_layouts(rig):
    r = rig(replay("rm520n_nsa_ca_tim.at"), interval=0.25)
    async with r.app.run_test(size=(120, 40)) as pilot:
        await drawn(r, pilot, (120, 40))
        await pilot.resize_terminal(50, 20)
        await until(pilot, lambda: r.app.screen.has_class("-compact"))
        await pilot.pause(0.1)
        assert "LTE leg" not in "\n".join(screen_rows(r.app))
        await pilot.resize_terminal(120, 40)
        await until(pilot, lambda: not r.app.screen.has_class("-compact"))
        await pilot.pause(0.1)
        assert "LTE leg" in "\n".join(screen_rows(r.app))


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (50, 20)])
async def test_the_mark_prompt_is_shown_whole(rig, size):
    r = rig(replay("rm520n_nsa_ca_tim.at"), interval=0.25)
    async with r.app.run_test(size=size) as pilot:
        await drawn(r, pilot, size)
        await pilot.press("m")
        await until(pilot, lambda: bool(r.app.screen.query("#mark-label")))
        await pilot.pause(0.1)
        prompt = "Mark this position: label (e.g. the azimuth), Enter to keep, Esc to drop"
        # wrapped across lines inside the dialog's thick border, every word on screen:
        # the dialog's rows, read between its left and right border
        inside = [row.split("█")[1] for row in screen_rows(r.app) if row.count("█") >= 2]
        assert " ".join(prompt.split()) in " ".join(" ".join(inside).split())
        await pilot.press("escape")

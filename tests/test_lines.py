"""fiveg.tui.lines: a panel repaints only the lines whose text changed."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Region

from fiveg.tui.lines import Lines


class One(App):
    CSS = "#panel { border: round white; height: 6; width: 30; padding: 0 1; }"

    def __init__(self, text: str, literal: bool = False) -> None:
        super().__init__()
        self.text, self.literal = text, literal

    def compose(self) -> ComposeResult:
        yield Lines(self.text, id="panel", literal=self.literal)


def _dirty(widget: Lines) -> set[Region]:
    return set(widget._repaint_regions)


async def test_one_changed_line_marks_only_that_line_dirty():
    app = One("LTE B3\nRSRP -95 dBm\nSINR 12 dB")
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        panel = app.query_one(Lines)
        panel._repaint_regions.clear()
        assert panel.show("LTE B3\nRSRP -93 dBm\nSINR 12 dB") == 1
        width = panel.size.width
        # the content line 1 only, in the widget's own coordinates (border and padding
        # offset: one row, two columns)
        assert _dirty(panel) == {Region(2, 2, width, 1)}
        await pilot.pause()
        assert panel.text == "LTE B3\nRSRP -93 dBm\nSINR 12 dB"
        assert "RSRP -93 dBm" in "".join(s.text for s in panel.render_line(1))
        # the same text again: nothing to repaint
        panel._repaint_regions.clear()
        assert panel.show("LTE B3\nRSRP -93 dBm\nSINR 12 dB") == 0
        assert _dirty(panel) == set()


async def test_a_new_line_count_repaints_the_whole_panel():
    app = One("one\ntwo")
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        panel = app.query_one(Lines)
        assert panel.show("one\ntwo\nthree") == 1
        assert panel.outer_size.region in _dirty(panel)
        await pilot.pause()
        assert panel.text == "one\ntwo\nthree"
        assert panel.show("one") == 2
        await pilot.pause()
        assert panel.text == "one"
        assert "".join(s.text for s in panel.render_line(1)).strip() == ""


async def test_literal_text_is_never_markup_and_markup_is_styled():
    app = One("[b]not bold[/b]", literal=True)
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        panel = app.query_one(Lines)
        assert panel.text == "[b]not bold[/b]"
        styled = One("[b]bold[/b] plain")
    async with styled.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        panel = styled.query_one(Lines)
        assert panel.text == "bold plain"
        segments = list(panel.render_line(0))
        assert any(s.text == "bold" and s.style and s.style.bold for s in segments)
        assert not any("plain" in s.text and s.style and s.style.bold for s in segments)


async def test_a_style_change_on_the_text_alone_is_a_change():
    app = One("[b]x[/b]")
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        panel = app.query_one(Lines)
        assert panel.show("x") == 1  # same words, no longer bold: repainted
        await pilot.pause()
        assert not any(s.style and s.style.bold for s in panel.render_line(0) if s.text == "x")

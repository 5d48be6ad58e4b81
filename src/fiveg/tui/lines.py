"""A panel of text lines that repaints only the lines whose text changed.

Textual repaints a whole widget when its content is replaced, border and
unchanged lines included. At four polls a second that was most of what the
monitor wrote to the terminal, which over ssh from a phone is what makes a
screen stutter. This widget keeps its lines and marks only the changed ones
dirty (Textual's line API), so a leg panel whose RSRP moved writes one line.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

from fiveg.tui import bigdigits


class Lines(Widget):
    """Lines of markup (or, with ``literal``, plain text that is never markup)."""

    DEFAULT_CSS = """
    Lines {
        height: auto;
    }
    """

    def __init__(
        self, text: str = "", *, literal: bool = False, id: str | None = None, classes: str = ""
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.literal = literal
        self._text = ""
        self._lines: list[Content] = []
        self._strips: dict[int, Strip] = {}
        self.show(text)

    @property
    def text(self) -> str:
        """What the panel shows, as plain text."""
        return "\n".join(line.plain for line in self._lines)

    def render(self) -> Content:
        return Content("\n").join(self._lines)

    def show(self, text: str) -> int:
        """Show ``text``; repaint only the lines that changed. Returns how many did."""
        if text == self._text:
            return 0
        self._text = text
        content = Content(text) if self.literal else Content.from_markup(text)
        new = content.split("\n", allow_blank=True)
        old = self._lines
        self._lines = new
        changed = [
            y
            for y in range(max(len(old), len(new)))
            if y >= len(old) or y >= len(new) or not old[y].is_same(new[y])
        ]
        for y in changed:
            self._strips.pop(y, None)
        if len(old) != len(new):
            self.refresh(layout=True)  # an auto height follows the line count
        elif changed and self.is_mounted:
            width = self.size.width
            self.refresh(*(Region(0, y, width, 1) for y in changed))
        return len(changed)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max((line.cell_length for line in self._lines), default=0)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()  # a class change (quality, stale) recolours every line

    def on_resize(self) -> None:
        self._strips.clear()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        strip = self._strips.get(y)
        if strip is None or strip.cell_length != width:
            base = self.rich_style
            if y < len(self._lines):
                segments = self._lines[y].render_segments(self.visual_style)
                strip = Strip(segments).crop_extend(0, width, base)
            else:
                strip = Strip.blank(width, base)
            self._strips[y] = strip
        return strip


class BigValue(Lines):
    """The followed value in block digits five rows tall (fiveg.tui.bigdigits), the unit
    beside the last row; ``value`` is the text drawn, for a test or a reader."""

    def __init__(self, *, id: str | None = None, classes: str = "") -> None:
        super().__init__("", literal=True, id=id, classes=classes)
        self.value = ""
        self.unit = ""

    def show_value(self, value: str, unit: str = "") -> int:
        """Show ``value`` with ``unit`` beside it; nothing to do when neither changed."""
        if (value, unit) == (self.value, self.unit) and self._lines:
            return 0
        self.value, self.unit = value, unit
        rows = bigdigits.render(value)
        if unit:
            rows[-1] = f"{rows[-1].ljust(bigdigits.width(value))} {unit}"
        return self.show("\n".join(rows))

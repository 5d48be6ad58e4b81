"""The followed value in digits five rows tall, drawn with full blocks.

Read at arm's length in sunlight on a roof: thin box-drawing digits (an 8
that reads as a box) are not enough, solid blocks are. Pure text, so the
glyphs are tested and the widget only colours them.
"""

from __future__ import annotations

ROWS = 5

# Each glyph is ROWS lines of equal width; "#" is a full block.
_GLYPHS = {
    "0": ("####", "#  #", "#  #", "#  #", "####"),
    "1": ("  # ", " ## ", "  # ", "  # ", " ###"),
    "2": ("####", "   #", "####", "#   ", "####"),
    "3": ("####", "   #", " ###", "   #", "####"),
    "4": ("#  #", "#  #", "####", "   #", "   #"),
    "5": ("####", "#   ", "####", "   #", "####"),
    "6": ("####", "#   ", "####", "#  #", "####"),
    "7": ("####", "   #", "  # ", " #  ", " #  "),
    "8": ("####", "#  #", "####", "#  #", "####"),
    "9": ("####", "#  #", "####", "   #", "####"),
    "-": ("   ", "   ", "###", "   ", "   "),
    "+": ("   ", " # ", "###", " # ", "   "),
    ".": (" ", " ", " ", " ", "#"),
    " ": ("  ", "  ", "  ", "  ", "  "),
}
BLOCK = "█"


def width(text: str) -> int:
    """Columns ``text`` takes drawn big: each glyph and one column between glyphs."""
    glyphs = [_GLYPHS[c] for c in text if c in _GLYPHS]
    return sum(len(g[0]) for g in glyphs) + max(0, len(glyphs) - 1)


def render(text: str) -> list[str]:
    """``text`` (digits, sign, point, space) as ROWS lines; other characters are left out."""
    glyphs = [_GLYPHS[c] for c in text if c in _GLYPHS]
    return [" ".join(g[row] for g in glyphs).replace("#", BLOCK).rstrip() for row in range(ROWS)]

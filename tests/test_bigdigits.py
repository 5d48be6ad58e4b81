"""fiveg.tui.bigdigits: five rows of full blocks per glyph, widths that add up."""

from __future__ import annotations

from fiveg.tui import bigdigits


def test_every_glyph_is_five_rows_of_one_width():
    for char, glyph in bigdigits._GLYPHS.items():
        assert len(glyph) == bigdigits.ROWS, char
        assert len({len(row) for row in glyph}) == 1, char


def test_a_value_is_drawn_in_full_blocks_five_rows_tall():
    rows = bigdigits.render("-12.5")
    assert len(rows) == 5
    assert set("".join(rows)) <= {"█", " "}
    assert rows[2].startswith("███")  # the minus sign, at mid height
    assert rows[4].split()[2] == "█"  # the point sits on the last row, alone
    assert bigdigits.width("-12.5") == 3 + 4 + 4 + 1 + 4 + 4  # glyphs and the gaps
    assert max(len(r) for r in rows) == bigdigits.width("-12.5")


def test_an_eight_is_not_a_zero_and_unknown_characters_are_left_out():
    assert bigdigits.render("8") != bigdigits.render("0")
    assert bigdigits.render("8")[2] == "████" and bigdigits.render("0")[2] == "█  █"
    assert bigdigits.render("1x") == bigdigits.render("1")
    assert bigdigits.render("--") == ["", "", "███ ███", "", ""]


def test_the_widest_values_fit_the_metric_panel():
    # 24 columns inside the metric panel: RSRP, SINR and RSRQ with the unit beside
    for value, unit in (("-140", "dBm"), ("-12.5", "dB"), ("-19.5", "dB"), ("30", "dB")):
        assert bigdigits.width(value) + 1 + len(unit) <= 24, value

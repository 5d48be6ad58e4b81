"""The history sparkline by time slots: stable between slots, so the screen is not redrawn
for every reading (issue 13), and true to the last five minutes."""

from __future__ import annotations

from fiveg.tui.view import BLOCKS, peak_marker, spark_slots


def test_a_lower_reading_in_the_same_slot_changes_nothing():
    # 10 slots over 10 s: one slot per second; readings at 0.25 s steps in slot 99
    first = spark_slots([(99.0, 10.0)], 10, 0, 20, now=99.5, span=10)
    again = spark_slots([(99.0, 10.0), (99.25, 5.0), (99.5, 9.0)], 10, 0, 20, now=99.75, span=10)
    assert first == again
    higher = spark_slots([(99.0, 10.0), (99.25, 15.0)], 10, 0, 20, now=99.75, span=10)
    assert higher != first  # a new maximum in the slot shows at once


def test_slots_are_fixed_in_time_newest_right_empty_blank():
    line, peak = spark_slots([(95.5, 20.0), (99.2, 0.0)], 10, 0, 20, now=99.9, span=10)
    # slots 90..99: 95 holds the top block, 99 the lowest, the rest are empty
    assert line == " " * 5 + BLOCKS[-1] + " " * 3 + BLOCKS[0]
    assert peak == 5
    # a new slot begins: everything moves one column left
    moved, peak = spark_slots([(95.5, 20.0), (99.2, 0.0)], 10, 0, 20, now=100.1, span=10)
    assert moved == line[1:] + " " and peak == 4


def test_older_than_the_span_is_gone_and_the_latest_of_equal_peaks_is_marked():
    line, peak = spark_slots([(80.0, 20.0), (92.0, 7.0), (97.0, 7.0)], 10, 0, 20, 99.0, 10)
    assert len(line) == 10 and peak == 7  # 80 s is out of the 10 s window
    assert spark_slots([(50.0, 1.0)], 10, 0, 20, 99.0, 10) == ("", None)


def test_values_outside_the_range_are_clamped():
    line, _ = spark_slots([(9.5, -50.0), (8.5, 99.0)], 2, 0, 20, now=9.9, span=2)
    assert line == BLOCKS[-1] + BLOCKS[0]


def test_the_peak_label_goes_left_of_the_marker_where_the_right_has_no_room():
    before, after = peak_marker(3, 40, "peak 18 dB")
    assert (before, after) == ("   ", " peak 18 dB")
    # at the right edge: the label before the marker, whole, the ▲ still at column 37
    before, after = peak_marker(37, 40, "peak 18 dB")
    assert before == " " * 26 + "peak 18 dB " and after == ""
    assert len(before) == 37
    # no label, or no room on either side: the marker alone
    assert peak_marker(5, 10, "") == ("     ", "")
    assert peak_marker(5, 10, "peak 18 dB") == ("     ", "")
    # every placement fits the width and puts the ▲ under the peak's column
    for width in (10, 20, 40):
        for peak in range(width):
            before, after = peak_marker(peak, width, "peak -105 dBm")
            assert len(before) == peak and len(before) + 1 + len(after) <= width

"""Quality classes, the physical ranges a reading must fall in, and weak antenna ports."""

from __future__ import annotations

import pytest

from fiveg.quality import IMBALANCE_DB, PHYSICAL_RANGE, THRESHOLDS, Quality, classify, plausible
from fiveg.quality import weak_ports as weak

E, G, F, P = Quality.EXCELLENT, Quality.GOOD, Quality.FAIR, Quality.POOR


# The rough bands of DOMAIN.md ("Radio"): RSRP > -80 excellent, > -90 good, > -100 fair;
# RSRQ > -10, > -15, > -20; SINR > 20, > 13, > 0 dB. Each bound belongs to the class below.
@pytest.mark.parametrize(
    ("metric", "value", "quality"),
    [
        ("rsrp", -79, E),
        ("rsrp", -80, G),
        ("rsrp", -89.5, G),
        ("rsrp", -90, F),
        ("rsrp", -99, F),
        ("rsrp", -100, P),
        ("rsrp", -140, P),
        ("rsrq", -9.5, E),
        ("rsrq", -10, G),
        ("rsrq", -15, F),
        ("rsrq", -19, F),
        ("rsrq", -20, P),
        ("sinr", 20.5, E),
        ("sinr", 20, G),
        ("sinr", 13.5, G),
        ("sinr", 13, F),
        ("sinr", 0.5, F),
        ("sinr", 0, P),
        ("sinr", -5, P),
    ],
)
def test_classes_follow_the_field_bands(metric, value, quality):
    assert classify(metric, value) is quality


def test_rssi_classes_follow_its_table():
    excellent, good, fair = THRESHOLDS["rssi"]
    assert excellent > good > fair
    assert classify("rssi", excellent + 1) is E
    assert classify("rssi", excellent) is G
    assert classify("rssi", good) is F
    assert classify("rssi", fair) is P


def test_no_value_or_an_unknown_metric_is_unknown_never_poor():
    assert classify("sinr", None) is Quality.UNKNOWN
    assert classify("cqi", 15) is Quality.UNKNOWN


# 3GPP TS 38.133 10.1.6.1 (SS-RSRP reported from -156 to -31 dBm), 10.1.11.1 (SS-RSRQ
# -43 to 20 dB) and 10.1.16.1 (SS-SINR -23 to 40 dB), as quoted at
# https://www.txrjy.com/forum.php?action=printable&mod=viewthread&tid=1290014
@pytest.mark.parametrize(
    ("metric", "low", "high"),
    [("rsrp", -156, -31), ("rsrq", -43, 20), ("sinr", -23, 40)],
)
def test_plausible_keeps_the_whole_reporting_range_and_nothing_outside(metric, low, high):
    assert PHYSICAL_RANGE[metric] == (low, high)
    assert plausible(metric, low) == low  # the ends are reportable values
    assert plausible(metric, high) == high
    assert plausible(metric, (low + high) / 2) == (low + high) / 2
    assert plausible(metric, low - 0.5) is None
    assert plausible(metric, high + 0.5) is None


def test_plausible_passes_no_value_through():
    assert plausible("rsrp", None) is None
    assert plausible("rssi", 0) == 0  # a zero inside the range is a value, not "none"
    assert plausible("rssi", 1) is None


def test_a_port_far_below_the_others_is_weak():
    # four Rx ports of a 4x4 antenna: three together, one 13.5 dB under their median
    ports = [("rx0", -80.0), ("rx1", -81.0), ("rx2", -82.0), ("rx3", -95.0)]
    assert weak(ports) == ["rx3"]


def test_the_median_of_an_even_count_is_the_mean_of_the_middle_two():
    # median of -80, -84, -86, -90 is -85: -90 is 5 dB under it, -93 would be 8
    assert weak([("a", -80), ("b", -84), ("c", -86), ("d", -90)]) == []
    assert weak([("a", -80), ("b", -84), ("c", -86), ("d", -93)]) == ["d"]
    assert weak([("a", -80), ("b", -84), ("c", -86), ("d", -92.9)]) == []


def test_exactly_the_threshold_below_the_median_counts():
    assert IMBALANCE_DB == 8.0
    assert weak([("a", -80), ("b", -82), ("c", -90)]) == ["c"]  # median -82, 8 dB under
    assert weak([("a", -80), ("b", -82), ("c", -89.9)]) == []
    assert weak([("a", -80), ("b", -82), ("c", -86)], threshold=4) == ["c"]


def test_ports_without_a_reading_are_not_judged_and_one_reading_is_not_enough():
    assert weak([("a", -80), ("b", None), ("c", -95)]) == []  # median -87.5: -95 is 7.5 under
    assert weak([("a", -70), ("b", None), ("c", -80), ("d", -90)]) == ["d"]
    assert weak([("a", -80), ("b", None)]) == []
    assert weak([("a", None), ("b", None)]) == []
    assert weak([]) == []


def test_weak_ports_keep_the_order_they_were_given_in():
    ports = [("rx3", -99), ("rx0", -80), ("rx2", -100), ("rx1", -81), ("rx4", -80)]
    assert weak(ports) == ["rx3", "rx2"]


def test_two_readings_are_enough_to_judge():
    # their median is their mean: one port is weak when it is twice the threshold below the other
    assert weak([("main", -80), ("div", -96)]) == ["div"]
    assert weak([("main", -80), ("div", -95)]) == []

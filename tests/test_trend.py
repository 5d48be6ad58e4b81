"""fiveg.trend: windowed means, a dead band, hysteresis, a window that follows the poll rate."""

from __future__ import annotations

import random

from fiveg.trend import ARROWS, Trend, TrendTracker, window_for


def feed(tracker: TrendTracker, readings) -> list[tuple[float, Trend]]:
    """The (time, new trend) of each change while ``readings`` (t, value) are fed."""
    changes = []
    for t, v in readings:
        new = tracker.update(t, v)
        if new is not None:
            changes.append((t, new))
    return changes


def polls(start: float, end: float, interval: float, value):
    t = start
    while t < end - 1e-9:
        yield round(t, 6), value(t)
        t += interval


def test_noise_inside_the_dead_band_never_flickers_the_trend():
    rng = random.Random(7)
    tracker = TrendTracker()
    # two minutes at 4 polls/s of a signal that only jitters by up to 1 dB each way (one
    # seed of many; over 50 such runs, one short false trend in 100 minutes)
    changes = feed(tracker, polls(0, 120, 0.25, lambda t: 12 + rng.uniform(-1, 1)))
    assert changes == []
    assert tracker.trend is Trend.STEADY
    assert abs(tracker.difference) < 1.0


def test_a_step_up_reads_rising_then_steady_again():
    tracker = TrendTracker()
    changes = feed(tracker, polls(0, 10, 0.25, lambda t: 10.0 if t < 5 else 13.0))
    (t_rise, first), (t_steady, second) = changes
    assert first is Trend.RISING and second is Trend.STEADY
    # the step enters the recent window at once; named once the means differ by more
    # than the dead band on three readings in a row: 1 s after a 3 dB step at 4 Hz
    assert 5.0 <= t_rise <= 6.0
    # steady once both windows hold only the new level: 2 x 1.5 s after the step at most
    assert t_rise < t_steady <= 8.0


def test_a_step_down_reads_falling():
    tracker = TrendTracker()
    changes = feed(tracker, polls(0, 6, 0.25, lambda t: -90.0 if t < 3 else -95.0))
    assert changes[0][1] is Trend.FALLING and 3.0 <= changes[0][0] <= 3.75


def test_a_move_smaller_than_the_dead_band_is_steady_and_a_larger_one_is_not():
    small = TrendTracker()
    assert feed(small, polls(0, 8, 0.25, lambda t: 10.0 if t < 4 else 10.9)) == []
    large = TrendTracker()
    assert feed(large, polls(0, 8, 0.25, lambda t: 10.0 if t < 4 else 11.5))[0][1] is Trend.RISING


def test_hysteresis_holds_a_trend_until_it_falls_below_half_the_dead_band():
    tracker = TrendTracker()
    # a ramp of 0.5 dB/s: the windows' means differ by 0.75 dB, inside the dead band
    assert feed(tracker, polls(0, 6, 0.25, lambda t: 10 + 0.5 * t)) == []
    tracker = TrendTracker()
    # 1 dB/s (means 1.5 dB apart) names it; slowing to 0.5 dB/s (0.75 apart) keeps it
    ramp = [*polls(0, 5, 0.25, lambda t: t), *polls(5, 12, 0.25, lambda t: 5 + 0.5 * (t - 5))]
    changes = feed(tracker, ramp)
    assert [c[1] for c in changes] == [Trend.RISING]
    # a level signal then brings it back
    assert feed(tracker, polls(12, 16, 0.25, lambda t: 8.5))[-1][1] is Trend.STEADY


def test_too_few_readings_name_no_trend_and_missing_values_add_none():
    tracker = TrendTracker()
    assert tracker.update(0.0, 10.0) is None and tracker.difference is None
    assert tracker.update(0.25, None) is None
    # readings only in the recent window: no comparison yet
    assert feed(tracker, [(0.5, 20.0), (0.75, 20.0)]) == []
    assert tracker.trend is Trend.STEADY and tracker.difference is None
    # None readings during a step do not count as readings of the new level
    tracker = TrendTracker()
    feed(tracker, polls(0, 3, 0.25, lambda t: 10.0))
    assert feed(tracker, polls(3, 6, 0.25, lambda t: None)) == []
    assert tracker.difference is None  # the old readings aged out, nothing replaced them


def test_reset_and_time_going_backwards_start_again():
    tracker = TrendTracker()
    feed(tracker, polls(0, 5, 0.25, lambda t: 10.0 if t < 3 else 14.0))
    assert tracker.trend is Trend.RISING
    tracker.reset()
    assert tracker.trend is Trend.STEADY and tracker.difference is None
    feed(tracker, polls(0, 5, 0.25, lambda t: 10.0 if t < 3 else 14.0))
    assert tracker.trend is Trend.RISING
    assert tracker.update(1.0, 14.0) is Trend.STEADY  # a looped replay: from scratch


def test_the_window_follows_the_poll_rate():
    assert window_for(0.1) == 1.5 and window_for(0.25) == 1.5
    assert window_for(0.5) == 2.0 and window_for(2.0) == 8.0
    # at one poll every 2 s, a step is still seen (each window holds its readings)
    tracker = TrendTracker(window=window_for(2.0))
    changes = feed(tracker, polls(0, 40, 2.0, lambda t: 10.0 if t < 20 else 14.0))
    assert changes[0][1] is Trend.RISING and 20 <= changes[0][0] <= 26


def test_each_trend_has_its_arrow():
    assert ARROWS == {Trend.RISING: "↑", Trend.STEADY: "→", Trend.FALLING: "↓"}
    assert [str(t) for t in Trend] == ["rising", "steady", "falling"]


def test_falling_holds_until_the_difference_rises_above_minus_half_the_dead_band():
    tracker = TrendTracker()
    # -1 dB/s names it; slowing to -0.6 dB/s (means 0.9 apart) keeps it, as rising does
    ramp = [*polls(0, 5, 0.25, lambda t: -t), *polls(5, 12, 0.25, lambda t: -5 - 0.6 * (t - 5))]
    assert [c[1] for c in feed(tracker, ramp)] == [Trend.FALLING]
    # a fall of 0.3 dB/s (0.45 apart: inside half the dead band) lets it go steady
    tail = feed(tracker, polls(12, 18, 0.25, lambda t: -9.2 - 0.3 * (t - 12)))
    assert tail and tail[-1][1] is Trend.STEADY


def test_a_difference_of_exactly_the_dead_band_is_steady():
    tracker = TrendTracker(window=1.0)
    # means of whole numbers: exactly 1.0 apart, on every reading, for long enough
    changes = feed(tracker, [(0.0, 10), (0.5, 10), (1.0, 11), (1.5, 11)])
    assert tracker.difference == 1.0 and changes == []
    for t in (1.5, 1.5, 1.5):  # repeated: three readings in a row at exactly the band
        assert tracker.update(t, None) is None
    assert tracker.trend is Trend.STEADY
    tracker = TrendTracker(window=1.0)
    feed(tracker, [(0.0, 10), (0.5, 10), (1.0, 9), (1.5, 9)])
    for t in (1.5, 1.5, 1.5):
        tracker.update(t, None)
    assert tracker.difference == -1.0 and tracker.trend is Trend.STEADY


def test_falling_lets_go_at_exactly_minus_half_the_dead_band():
    tracker = TrendTracker(window=1.0)
    feed(tracker, [(0.0, 10), (0.5, 10), (1.0, 7), (1.5, 7), (1.5, None), (1.5, None)])
    assert tracker.trend is Trend.FALLING
    # the windows' means come to exactly 0.5 dB apart: no longer falling
    feed(tracker, [(2.0, 7), (2.5, 6.5), (3.0, 6.5), (3.0, None), (3.0, None)])
    assert tracker.difference == -0.5 and tracker.trend is Trend.STEADY


def test_two_readings_in_each_window_are_enough_and_the_edge_reading_is_the_older_ones():
    tracker = TrendTracker(window=1.0)
    assert tracker.difference is None  # nothing yet: no difference, not a made-up one
    feed(tracker, [(0.0, 10.0), (0.5, 10.0), (1.2, 14.0), (1.5, 14.0)])
    assert tracker.difference == 4.0  # recent (0.5, 1.5]: 1.2 and 1.5; before: 0.0 and 0.5
    # a reading exactly one window old belongs to the older window
    tracker = TrendTracker(window=1.0)
    feed(tracker, [(0.0, 10.0), (0.5, 10.0), (1.0, 12.0), (1.5, 14.0)])
    assert tracker.difference == (12.0 + 14.0) / 2 - 10.0  # 0.5 is not recent at t=1.5


def test_two_readings_at_one_time_are_both_kept():
    tracker = TrendTracker(window=1.0)
    feed(tracker, [(0.0, 10.0), (0.5, 10.0), (1.5, 14.0)])
    assert tracker.difference is None  # one recent reading only
    tracker.update(1.5, 14.0)  # a second at the same instant: no reset, two recent now
    assert tracker.difference == 4.0

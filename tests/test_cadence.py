"""The cadence mapping and the beep scheduler, driven by a fake clock."""

from __future__ import annotations

import itertools
import math

import pytest

from fiveg.cadence import CUE_HOLD, Beep, BeepScheduler, Cadence, Sound


def run(scheduler: BeepScheduler, until: float, step: float = 0.001, start: float = 0.0):
    """Step a fake clock and collect (time, beep) for everything that falls due."""
    out = []
    t = start
    while t < until:
        beep = scheduler.due(t)
        if beep is not None:
            out.append((round(t, 3), beep))
        t += step
    return out


def test_silent_below_floor_and_fastest_at_ceiling():
    c = Cadence()
    assert c.interval("sinr", -0.5) is None
    assert c.interval("sinr", None) is None
    assert c.interval("sinr", 0) == pytest.approx(c.slowest)
    assert c.interval("sinr", 30) == pytest.approx(c.fastest)
    assert c.interval("sinr", 45) == pytest.approx(c.fastest)


def test_interval_falls_geometrically_so_each_db_is_an_even_step():
    c = Cadence()
    values = [c.interval("sinr", v) for v in range(0, 31)]
    assert all(b < a for a, b in itertools.pairwise(values))
    ratios = {round(b / a, 9) for a, b in itertools.pairwise(values)}
    assert len(ratios) == 1
    assert ratios.pop() == pytest.approx((c.fastest / c.slowest) ** (1 / 30))
    # the middle of the range is the geometric mean of the ends
    assert c.interval("sinr", 15) == pytest.approx(math.sqrt(c.slowest * c.fastest))


def test_rsrp_has_its_own_range_and_custom_floor_applies():
    c = Cadence(ranges={"sinr": (5.0, 25.0), "rsrp": (-115.0, -75.0)})
    assert c.interval("sinr", 4) is None
    assert c.interval("sinr", 5) == pytest.approx(c.slowest)
    assert c.interval("rsrp", -116) is None
    assert c.interval("rsrp", -75) == pytest.approx(c.fastest)


def test_pitch_rises_with_value_unless_fixed():
    c = Cadence()
    assert c.pitch("sinr", 0) == c.low_hz
    assert c.pitch("sinr", 30) == c.high_hz
    assert c.low_hz < c.pitch("sinr", 10) < c.pitch("sinr", 20) < c.high_hz
    assert Cadence(rising_pitch=False).pitch("sinr", 25) == c.low_hz


def test_first_reading_above_floor_beeps_at_once_then_keeps_the_interval():
    s = BeepScheduler()
    s.update("sinr", 15, now=0.0, fresh_for=10)
    beeps = run(s, 2.0)
    times = [t for t, _ in beeps]
    assert times[0] == 0.0
    gaps = {round(b - a, 2) for a, b in itertools.pairwise(times)}
    assert gaps == {round(s.interval, 2)}
    assert all(b.sound is Sound.BEEP for _, b in beeps)


def test_new_reading_changes_cadence_at_the_next_beep_not_after_a_sequence():
    s = BeepScheduler()
    s.update("sinr", 0, now=0.0, fresh_for=10)  # 1 s between beeps
    assert run(s, 0.5) == [(0.0, Beep(sound=Sound.BEEP, pitch=600.0))]
    s.update("sinr", 30, now=0.5, fresh_for=10)  # 0.08 s: the 1 s gap is cut short
    beeps = run(s, 0.7, start=0.5)
    assert beeps[0][0] == 0.5  # last beep at 0, new interval 0.08: already overdue
    assert [round(t, 2) for t, _ in beeps[:3]] == [0.5, 0.58, 0.66]


def test_slower_reading_waits_one_new_interval_from_the_last_beep():
    s = BeepScheduler()
    s.update("sinr", 30, now=0.0, fresh_for=10)
    run(s, 0.01)  # beep at 0
    s.update("sinr", 0, now=0.05, fresh_for=10)
    beeps = run(s, 2.0, start=0.05)
    assert beeps[0][0] == pytest.approx(1.0, abs=0.002)


def test_falling_below_floor_silences_at_once():
    s = BeepScheduler()
    s.update("sinr", 20, now=0.0, fresh_for=10)
    run(s, 0.3)
    s.update("sinr", -3, now=0.3, fresh_for=10)
    assert run(s, 3.0, start=0.3) == []
    assert s.wait(0.3) is None


def test_stale_reading_goes_silent_after_fresh_for():
    s = BeepScheduler()
    s.update("sinr", 30, now=0.0, fresh_for=0.5)
    beeps = run(s, 2.0)
    assert beeps and max(t for t, _ in beeps) <= 0.5
    assert s.wait(2.0) is None  # nothing more until a new reading
    s.update("sinr", 30, now=2.0, fresh_for=0.5)
    assert run(s, 2.01, start=2.0)[0][0] == 2.0


def test_cues_come_first_hold_the_cadence_and_are_rate_limited():
    s = BeepScheduler(cue_gap=1.0)
    s.update("sinr", 30, now=0.0, fresh_for=10)
    run(s, 0.01)
    assert s.cue(Sound.PEAK, 0.02)
    assert not s.cue(Sound.PEAK, 0.5)  # within cue_gap: dropped
    assert s.cue(Sound.CHANGE, 0.5)  # another cue is its own
    assert s.wait(0.02) == 0.0
    beeps = run(s, 1.0, start=0.02)
    assert [b.sound for _, b in beeps[:2]] == [Sound.PEAK, Sound.CHANGE]
    assert beeps[2][0] >= beeps[1][0] + CUE_HOLD - 0.001
    assert s.cue(Sound.PEAK, 1.1)


def test_silence_drops_everything_queued():
    s = BeepScheduler()
    s.update("sinr", 30, now=0.0, fresh_for=10)
    s.cue(Sound.PEAK, 0.0)
    s.silence()
    assert run(s, 1.0) == []


def test_a_new_scheduler_is_silent_until_a_reading():
    s = BeepScheduler()
    assert s.interval is None
    assert s.due(0.0) is None
    assert s.wait(0.0) is None  # only an update can wake it


def test_wait_says_how_long_until_the_next_beep():
    """The beeper thread sleeps exactly this long (fiveg.beeper), so it must be the gap left."""
    s = BeepScheduler()
    s.update("sinr", 0, now=10.0, fresh_for=10)  # 1 s between beeps
    assert s.wait(10.0) == 0.0  # due at once
    assert s.due(10.0) is not None
    assert s.wait(10.25) == pytest.approx(0.75)
    assert s.wait(10.9) == pytest.approx(0.1)
    assert s.wait(12.0) == 0.0  # overdue: never negative


def test_the_beep_pitch_follows_the_latest_reading():
    s = BeepScheduler()
    s.update("sinr", 30, now=0.0, fresh_for=10)
    assert s.pitch == s.cadence.high_hz
    assert s.due(0.0) == Beep(sound=Sound.BEEP, pitch=s.cadence.high_hz)
    s.update("rsrp", -95, now=0.5, fresh_for=10)  # the middle of RSRP's own range
    assert s.pitch == pytest.approx((s.cadence.low_hz + s.cadence.high_hz) / 2)


def test_a_cue_carries_the_current_pitch_even_before_any_reading():
    # the tone backend rounds beep.pitch for every sound it plays (fiveg.audio.Tone.play)
    s = BeepScheduler()
    s.cue(Sound.CHANGE, 0.0)
    assert s.due(0.0) == Beep(sound=Sound.CHANGE, pitch=s.cadence.low_hz)
    s.update("sinr", 30, now=1.0, fresh_for=10)
    s.cue(Sound.PEAK, 1.0)
    assert s.due(1.0) == Beep(sound=Sound.PEAK, pitch=s.cadence.high_hz)


def test_readings_before_the_first_beep_keep_it_due_at_once():
    s = BeepScheduler()
    s.update("sinr", 10, now=0.0, fresh_for=10)
    s.update("sinr", 12, now=0.2, fresh_for=10)  # a second poll before anything played
    assert run(s, 0.201, start=0.2)[0][0] == 0.2


def test_after_silence_a_reading_beeps_at_once():
    s = BeepScheduler()
    s.update("sinr", 0, now=0.0, fresh_for=10)  # 1 s between beeps
    run(s, 0.01)  # beep at 0
    s.silence()
    assert s.interval is None
    s.update("sinr", 0, now=0.2, fresh_for=10)
    assert run(s, 0.201, start=0.2)[0][0] == 0.2  # not one interval after the beep at 0


def test_coming_back_above_the_floor_beeps_at_once():
    s = BeepScheduler()
    s.update("sinr", 0, now=0.0, fresh_for=10)
    run(s, 0.01)  # beep at 0, next due at 1.0
    s.update("sinr", -5, now=0.2, fresh_for=10)  # below the floor: silent
    s.update("sinr", 0, now=0.3, fresh_for=10)
    assert run(s, 0.301, start=0.3)[0][0] == 0.3


def test_a_reading_is_still_live_at_the_end_of_its_fresh_for():
    s = BeepScheduler()
    s.update("sinr", 0, now=0.0, fresh_for=1.0)  # 1 s between beeps: the second is at 1.0
    assert s.due(0.0) is not None
    assert s.due(1.0) is not None
    assert s.due(2.0) is None  # past it: silent


def test_the_same_cue_is_dropped_within_the_gap_and_accepted_from_its_end():
    s = BeepScheduler(cue_gap=1.0)
    assert s.cue(Sound.PEAK, 100.0)
    assert not s.cue(Sound.PEAK, 100.5)
    assert not s.cue(Sound.PEAK, 100.999)
    assert s.cue(Sound.PEAK, 101.0)  # one full gap after the last accepted one


def test_by_default_the_same_cue_may_come_again_after_one_second():
    s = BeepScheduler()
    assert s.cue(Sound.PEAK, 0.0)
    assert not s.cue(Sound.PEAK, 0.9)
    assert s.cue(Sound.PEAK, 1.0)


def test_a_backlog_of_cues_keeps_only_the_latest_four():
    # cues queued while nothing plays (a stalled audio thread) must not all chime later
    s = BeepScheduler(cue_gap=1.0)
    for i in range(6):
        s.cue(Sound.PEAK if i % 2 else Sound.CHANGE, float(i))
    played = [b.sound for _, b in run(s, 0.01)]
    assert played == [Sound.CHANGE, Sound.PEAK, Sound.CHANGE, Sound.PEAK]

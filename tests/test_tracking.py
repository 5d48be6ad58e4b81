"""Followed metric, peak hold, events and marks over the bundled sweep and other fixtures."""

from __future__ import annotations

from datetime import timedelta

import pytest

from fiveg.metrics import CYCLE, CellKey, Metric, read
from fiveg.records import Rat, ServingCell, Snapshot
from fiveg.tracking import Sample, Tracker, mark_note, note_label
from tests.conftest import T0, sweep_snapshots

NR920 = CellKey(rat=Rat.NR5G_NSA, pci=920, arfcn=648768, band=78)
NR921 = CellKey(rat=Rat.NR5G_NSA, pci=921, arfcn=648768, band=78)


@pytest.fixture(scope="module")
def sweep():
    return sweep_snapshots()


def test_nr_sinr_read_from_the_nsa_leg(snap):
    r = read(snap("rm520n_nsa_ca_tim.at"), Metric.NR_SINR)
    assert (r.value, r.source, r.fell_back) == (18, Metric.NR_SINR, False)
    assert r.cell == NR920


def test_lte_only_falls_back_to_lte_sinr_and_says_so(snap):
    # Network Application Note 3.2.2 LTE example: <SINR> raw 11 -> 2*11-20 = 2 dB
    r = read(snap("rm5xx_lte_appnote.at"), Metric.NR_SINR)
    assert r.fell_back and r.source is Metric.LTE_SINR
    assert r.value == 2
    assert read(snap("rm5xx_lte_appnote.at"), Metric.NR_RSRP).source is Metric.LTE_RSRP


def test_sa_cell_is_the_nr_leg(snap):
    r = read(snap("rm5xx_sa_tdd_tmobile.at"), Metric.NR_RSRP)
    assert r.source is Metric.NR_RSRP and r.cell.rat is Rat.NR5G_SA
    # the capture's NR5G-SA line: ...,521310,41,10,<RSRP> -89,<RSRQ> -11,<SINR> 19,...
    assert r.value == -89
    assert read(snap("rm5xx_sa_tdd_tmobile.at"), Metric.NR_SINR).value == 19


def test_no_service_reads_none_never_zero(snap):
    for metric in CYCLE:
        r = read(snap("rm520n_searching.at"), metric)
        assert r.value is None and r.cell is None


def test_sweep_values_follow_the_transcript(sweep):
    nr = [read(s, Metric.NR_SINR) for s in sweep]
    assert max(r.value for r in nr) == 24  # NR5G-NSA <SINR> is dB (App Note 3.2.2)
    assert nr[0].value == -5
    # 36..40 s: no NR leg, so the LTE SINR (2X-20) stands in
    dropped = [r for r, s in zip(nr, sweep, strict=True) if r.fell_back]
    assert len(dropped) == 8
    assert all(r.source is Metric.LTE_SINR for r in dropped)


def test_peak_is_held_with_its_cell_and_only_beating_it_counts(sweep):
    tracker = Tracker(Metric.NR_SINR)
    peaks = 0
    for s in sweep:
        _, new_peak = tracker.observe(s, read(s, Metric.NR_SINR))
        peaks += new_peak
    values = [read(s, Metric.NR_SINR).value for s in sweep]
    assert tracker.peak.value == max(values) == 24 and tracker.peak.cell == NR920
    # held from the first time it was reached, not moved by equal readings later
    assert tracker.peak.time == sweep[values.index(24)].time
    # the first reading sets the peak quietly; every later rise to a new best counts
    rises = sum(1 for i, v in enumerate(values[1:], 1) if v > max(values[:i]))
    assert peaks == rises > 5


def test_events_for_nr_leg_drop_and_return_on_another_cell(sweep):
    tracker = Tracker(Metric.NR_SINR)
    events = []
    for s in sweep:
        events += tracker.observe(s, read(s, Metric.NR_SINR))[0]
    texts = [(e.kind, e.text) for e in events]
    assert ("nr-leg", f"NR dropped (was {NR920})") in texts
    assert ("nr-leg", f"NR up: {NR921}") in texts
    assert ("metric", "no NR SINR: following LTE SINR") in texts
    assert ("metric", "following NR SINR") in texts
    assert not any(k == "cell" and "LTE" in t for k, t in texts)  # the LTE anchor never moved


def test_mark_summarises_the_window_and_best_mark_wins(sweep):
    tracker = Tracker(Metric.NR_SINR, mark_seconds=2.0)
    for i, s in enumerate(sweep):
        tracker.observe(s, read(s, Metric.NR_SINR))
        if i == 45:  # at the first peak (22 s)
            top = tracker.mark("az 140", s.time)
        if i == 20:
            low = tracker.mark("az 90", s.time)
    window = [read(s, Metric.NR_SINR).value for s in sweep[41:46]]  # the 2 s before, inclusive
    assert top.samples == len(window) == 5
    assert (top.low, top.high) == (min(window), max(window))
    assert top.median == sorted(window)[2]
    assert top.cell == NR920 and top.metric is Metric.NR_SINR
    assert low.median < top.median
    assert tracker.best_mark() is top
    assert any(e.kind == "mark" and e.text.startswith("marked az 140") for e in tracker.events)


def test_mark_without_readings_refuses():
    tracker = Tracker()
    with pytest.raises(ValueError, match="no NR SINR reading"):
        tracker.mark("x", T0)


def test_following_another_metric_restarts_history_and_peak(sweep):
    tracker = Tracker(Metric.NR_SINR)
    for s in sweep[:10]:
        tracker.observe(s, read(s, Metric.NR_SINR))
    tracker.follow(Metric.LTE_RSRP, sweep[10].time)
    assert tracker.peak is None and tracker.series() == []
    tracker.observe(sweep[10], read(sweep[10], Metric.LTE_RSRP))
    assert tracker.peak.metric is Metric.LTE_RSRP and tracker.peak.value < -31


def test_mark_window_ends_when_the_key_was_pressed(sweep):
    """Readings that came in while the label was typed are not part of the position."""
    tracker = Tracker(Metric.NR_SINR, mark_seconds=1.0)
    for s in sweep[:50]:
        tracker.observe(s, read(s, Metric.NR_SINR))
    pressed = sweep[30].time
    mark = tracker.mark("held", pressed)
    expected = [read(s, Metric.NR_SINR).value for s in sweep[28:31]]  # 1 s: 3 polls
    assert mark.samples == 3 and mark.high == max(expected) and mark.low == min(expected)


def test_a_cell_whose_identity_arrives_later_is_not_a_change():
    """Fibocom L8x0: +XCESQ (signal) every poll, +XCCINFO (band, cell) in the slow loop."""

    def poll(seconds: int, band: int | None, cell_id: int | None) -> Snapshot:
        cell = ServingCell(rat=Rat.LTE, band=band, cell_id=cell_id, rsrp=-83)
        return Snapshot(time=T0 + timedelta(seconds=seconds), serving=(cell,))

    tracker = Tracker()
    quiet = [poll(0, None, None), poll(1, 18, None), poll(2, 18, 0x558E901), poll(3, None, None)]
    for snapshot in quiet:
        events, _ = tracker.observe(snapshot, read(snapshot, Metric.LTE_RSRP))
        assert events == []
    moved = poll(4, 3, None)  # band 18 was known: B3 is another cell, even with no cell id
    events, _ = tracker.observe(moved, read(moved, Metric.LTE_RSRP))
    assert [e.text for e in events] == ["LTE band changed: B18 PCI ? -> B3 PCI ?"]


# --- hand-made polls: what each event says, when, and of which kind -----------------------

LTE_A = ServingCell(rat=Rat.LTE, pci=246, arfcn=1300, band=3, rsrp=-90, sinr=10)
LTE_B = ServingCell(rat=Rat.LTE, pci=247, arfcn=1300, band=3, rsrp=-92, sinr=9)
NR_A = ServingCell(rat=Rat.NR5G_NSA, pci=920, arfcn=648768, band=78, rsrp=-95, sinr=18)
NR_B = ServingCell(rat=Rat.NR5G_NSA, pci=921, arfcn=648768, band=78, rsrp=-97, sinr=15)
NR_SA = ServingCell(rat=Rat.NR5G_SA, pci=300, arfcn=627264, band=78, rsrp=-99, sinr=12)


def at(seconds: float):
    return T0 + timedelta(seconds=seconds)


def snap_at(seconds: float, *serving: ServingCell, state: str | None = None) -> Snapshot:
    return Snapshot(time=at(seconds), serving=serving, state=state)


def feed(tracker: Tracker, snapshot: Snapshot, metric: Metric | None = None):
    return tracker.observe(snapshot, read(snapshot, metric or tracker.metric))


def test_a_new_tracker_has_nothing_yet():
    tracker = Tracker()
    assert tracker.reading is None and tracker.peak is None
    assert tracker.series() == [] and tracker.best_mark() is None
    assert list(tracker.events) == []


def test_the_tracker_keeps_the_latest_reading():
    tracker = Tracker(Metric.NR_SINR)
    s = snap_at(0, LTE_A, NR_A)
    feed(tracker, s)
    assert tracker.reading == read(s, Metric.NR_SINR)


def test_events_carry_the_time_of_the_poll_that_caused_them():
    tracker = Tracker(Metric.NR_SINR)
    feed(tracker, snap_at(0, LTE_A, NR_A))
    events, _ = feed(tracker, snap_at(7, LTE_A))  # NR leg gone: a leg event and a fallback
    assert [(e.time, e.kind) for e in events] == [(at(7), "nr-leg"), (at(7), "metric")]
    assert events[1].text == "no NR SINR: following LTE SINR"
    assert list(tracker.events) == events


def test_a_cell_change_is_of_kind_cell_and_a_leg_coming_or_going_is_not():
    tracker = Tracker(Metric.LTE_SINR)
    feed(tracker, snap_at(0, LTE_A, NR_A))
    lte_moved, _ = feed(tracker, snap_at(1, LTE_B, NR_A), Metric.LTE_SINR)
    nr_moved, _ = feed(tracker, snap_at(2, LTE_B, NR_B), Metric.LTE_SINR)
    nr_gone, _ = feed(tracker, snap_at(3, LTE_B), Metric.LTE_SINR)
    lte_b, nr_a, nr_b = (
        read(snap_at(1, LTE_B), Metric.LTE_SINR).cell,
        read(snap_at(0, NR_A), Metric.NR_SINR).cell,
        read(snap_at(0, NR_B), Metric.NR_SINR).cell,
    )
    lte_a = read(snap_at(0, LTE_A), Metric.LTE_SINR).cell
    assert [(e.time, e.kind, e.text) for e in lte_moved] == [
        (at(1), "cell", f"LTE cell changed: {lte_a} -> {lte_b}")
    ]
    assert [(e.kind, e.text) for e in nr_moved] == [("cell", f"NR cell changed: {nr_a} -> {nr_b}")]
    assert [(e.kind, e.text) for e in nr_gone] == [("nr-leg", f"NR dropped (was {nr_b})")]


def test_the_lte_leg_going_away_is_a_cell_event_not_an_nr_leg_one():
    tracker = Tracker(Metric.NR_SINR)
    feed(tracker, snap_at(0, LTE_A, NR_A))
    events, _ = feed(tracker, snap_at(1, NR_SA))  # EN-DC to SA: the LTE anchor is gone
    kinds = {e.text.split(" ")[0]: e.kind for e in events if e.kind != "metric"}
    lte_a = read(snap_at(0, LTE_A), Metric.LTE_SINR).cell
    assert kinds == {"LTE": "cell", "NR": "cell"}
    assert any(e.text == f"LTE dropped (was {lte_a})" for e in events)


@pytest.mark.parametrize("state", ["SEARCH", "LIMSRV", "NO SERVICE"])
def test_losing_service_is_one_service_event(state):
    tracker = Tracker(Metric.NR_SINR)
    feed(tracker, snap_at(0, LTE_A, NR_A))
    events, _ = feed(tracker, snap_at(5, state=state))
    assert [(e.time, e.kind, e.text) for e in events if e.kind != "metric"] == [
        (at(5), "service", f"no service ({state})")
    ]
    again, _ = feed(tracker, snap_at(6, state=state))  # said once, not at every poll
    assert [e for e in again if e.kind == "service"] == []


def test_no_service_event_before_any_cell_nor_for_another_state():
    tracker = Tracker(Metric.NR_SINR)
    events, _ = feed(tracker, snap_at(0, state="SEARCH"))
    assert [e for e in events if e.kind == "service"] == []  # no cell was ever known
    feed(tracker, snap_at(1, LTE_A, NR_A))
    events, _ = feed(tracker, snap_at(2, state="CONNECT"))  # a poll that lost its cell lines
    assert [e for e in events if e.kind == "service"] == []


def test_service_coming_back_is_not_a_cell_change():
    tracker = Tracker(Metric.LTE_SINR)
    feed(tracker, snap_at(0, LTE_A), Metric.LTE_SINR)
    feed(tracker, snap_at(1, state="SEARCH"), Metric.LTE_SINR)
    events, _ = feed(tracker, snap_at(2, LTE_B), Metric.LTE_SINR)
    assert [e for e in events if e.kind in ("cell", "nr-leg")] == []


def test_following_another_metric_says_so_once_at_that_time():
    tracker = Tracker(Metric.NR_SINR)
    feed(tracker, snap_at(0, LTE_A, NR_A))
    tracker.follow(Metric.LTE_RSRP, at(3))
    assert tracker.metric is Metric.LTE_RSRP
    assert (tracker.events[-1].time, tracker.events[-1].kind, tracker.events[-1].text) == (
        at(3),
        "metric",
        "following LTE RSRP",
    )
    events, _ = feed(tracker, snap_at(4, LTE_A, NR_A))  # its first reading: nothing more to say
    assert [e for e in events if e.kind == "metric"] == []


def test_reset_peak_forgets_it_and_notes_it():
    tracker = Tracker(Metric.NR_SINR)
    feed(tracker, snap_at(0, LTE_A, NR_A))
    tracker.reset_peak(at(1))
    assert tracker.peak is None
    last = tracker.events[-1]
    assert (last.time, last.kind, last.text) == (at(1), "info", "peak reset")
    _, new_peak = feed(tracker, snap_at(2, LTE_A, NR_B))  # lower than the old peak: the new one
    assert tracker.peak.value == NR_B.sinr and not new_peak  # set quietly, as the first is


def test_the_event_log_keeps_the_latest_two_hundred():
    tracker = Tracker()
    for i in range(250):
        tracker.note(at(i), "info", f"event {i}")
    assert len(tracker.events) == 200
    assert tracker.events[0].text == "event 50" and tracker.events[-1].text == "event 249"


def test_history_keeps_five_minutes_by_default_ends_included():
    tracker = Tracker(Metric.NR_SINR)
    for t in (0, 150, 300):
        feed(tracker, snap_at(t, LTE_A, NR_A))
    assert [s.time for s in tracker.history] == [at(0), at(150), at(300)]  # 300 s old: kept
    feed(tracker, snap_at(300.5, LTE_A, NR_A))
    assert tracker.history[0].time == at(150)


def test_history_span_is_inclusive_for_any_span():
    tracker = Tracker(Metric.NR_SINR, history_seconds=10)
    for t in range(11):
        feed(tracker, snap_at(t, LTE_A, NR_A))
    assert len(tracker.history) == 11


def test_series_skips_polls_without_a_value():
    tracker = Tracker(Metric.NR_SINR)
    feed(tracker, snap_at(0, LTE_A, NR_A))
    feed(tracker, snap_at(1, state="SEARCH"))
    feed(tracker, snap_at(2, LTE_A, NR_B))
    assert len(tracker.history) == 3
    assert tracker.series() == [NR_A.sinr, NR_B.sinr]


def test_a_mark_covers_the_last_five_seconds_by_default():
    tracker = Tracker(Metric.NR_SINR)
    for t in range(11):
        cell = NR_A if t % 2 else NR_B
        feed(tracker, snap_at(t, LTE_A, cell))
    mark = tracker.mark("here", at(10))
    values = [NR_A.sinr if t % 2 else NR_B.sinr for t in range(5, 11)]  # 5..10 s, both ends
    assert mark.samples == 6 and mark.time == at(10)
    assert mark.spread == pytest.approx(1.5)  # population deviation of three 18s, three 15s
    assert (mark.low, mark.high, mark.median) == (min(values), max(values), 16.5)
    last = tracker.events[-1]
    assert (last.time, last.kind, last.text) == (at(10), "mark", "marked here: median 16.5 dB")


def test_unlabelled_marks_are_numbered_from_one():
    tracker = Tracker(Metric.NR_SINR)
    feed(tracker, snap_at(0, LTE_A, NR_A))
    assert [tracker.mark("", at(0)).label for _ in range(3)] == ["#1", "#2", "#3"]


def test_a_mark_while_falling_back_is_a_mark_of_what_is_shown():
    tracker = Tracker(Metric.NR_SINR)
    feed(tracker, snap_at(0, LTE_A))  # no NR leg: LTE SINR stands in
    mark = tracker.mark("lte only", at(0))
    assert mark.metric is Metric.LTE_SINR and mark.median == LTE_A.sinr


def test_best_mark_is_among_the_latest_marks_metric():
    tracker = Tracker(Metric.NR_SINR)
    feed(tracker, snap_at(0, LTE_A, NR_A))
    nr_first = tracker.mark("nr 1", at(0))
    feed(tracker, snap_at(1, LTE_A, NR_B))
    tracker.mark("nr 2", at(1))
    tracker.follow(Metric.LTE_SINR, at(2))
    feed(tracker, snap_at(2, LTE_B))
    lte_low = tracker.mark("lte low", at(2))
    assert tracker.best_mark() is lte_low  # not the NR marks, whatever their medians
    tracker.follow(Metric.NR_SINR, at(3))
    feed(tracker, snap_at(3, LTE_A, NR_B))
    tracker.mark("nr 3", at(3))
    assert tracker.best_mark() is nr_first


def test_mark_note_reads_back_its_label_exactly():
    tracker = Tracker(Metric.NR_SINR)
    feed(tracker, snap_at(0, LTE_A, NR_A))
    mark = tracker.mark('az 140 "north", 2 m', at(0))
    note = mark_note(mark)
    assert note == (
        'mark "az 140 \\"north\\", 2 m" median 18 dB (min 18, max 18, spread 0.0, 1 readings) '
        f"NR SINR on {mark.cell} at 2026-11-29T12:00:00+00:00 over 5 s"
    )
    assert note_label(note) == 'az 140 "north", 2 m'


def test_mark_note_of_a_mark_without_a_cell_says_so():
    tracker = Tracker(Metric.NR_SINR)
    tracker.history.append(Sample(time=at(0), value=7.0, source=Metric.NR_SINR))
    mark = tracker.mark("x", at(0.4))
    assert mark.cell is None
    assert mark_note(mark).endswith(
        " NR SINR on unknown cell at 2026-11-29T12:00:00+00:00 over 5 s"
    )


@pytest.mark.parametrize(
    "note",
    [
        "timeout AT+QENG",
        "mark az 140",  # no JSON string: not written by fiveg
        'mark "unterminated',
        "mark 140 median 3 dB",
        'marked "x"',
        'mark ["x"] median 3 dB',
    ],
)
def test_note_label_is_none_for_any_other_note(note):
    assert note_label(note) is None


def test_note_label_takes_only_the_string_after_the_word():
    assert note_label('mark "a" median 1 dB') == "a"
    assert note_label('mark "" median 1 dB') == ""
    assert note_label('mark "ü \\u00e9"') == "ü é"

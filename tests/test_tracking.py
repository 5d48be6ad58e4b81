"""Followed metric, peak hold, events and marks over the bundled sweep and other fixtures."""

from __future__ import annotations

from datetime import timedelta

import pytest

from fiveg.metrics import CYCLE, CellKey, Metric, read
from fiveg.records import Rat, ServingCell, Snapshot
from fiveg.tracking import Tracker
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

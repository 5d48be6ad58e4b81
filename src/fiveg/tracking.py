"""What a session of aiming remembers: history, the peak, events and marked positions.

The best position matters more than the current one, and a change of serving
cell, band or NR leg makes readings incomparable, so the tracker holds the
peak with its cell and turns such changes into events. Pure: it is fed
snapshots and readings and never looks at a clock.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter, deque
from datetime import datetime, timedelta

from fiveg.metrics import CellKey, Metric, Reading, cell_key, lte_leg, nr_leg
from fiveg.records import Snapshot, record


@record
class Sample:
    time: datetime
    value: float | None
    source: Metric | None = None
    cell: CellKey | None = None


@record
class Peak:
    metric: Metric
    value: float
    time: datetime
    cell: CellKey | None = None


@record
class Event:
    time: datetime
    kind: str  # "cell", "nr-leg", "band", "metric", "service", "error", "mark", "info"
    text: str


@record
class Mark:
    """A marked antenna position and the followed metric over the seconds before it."""

    label: str
    time: datetime
    metric: Metric
    samples: int
    median: float
    low: float
    high: float
    spread: float  # population standard deviation
    cell: CellKey | None = None
    window: float = 5.0  # seconds of readings summarised


MARK_NOTE = "mark "


def mark_note(mark: Mark) -> str:
    """A mark as a transcript note, written the moment it is made (so no exit can lose it).

    The label comes first, as a JSON string: whatever the user typed reads back exactly.
    """
    return (
        f"{MARK_NOTE}{json.dumps(mark.label)} median {mark.median:g} {mark.metric.unit} "
        f"(min {mark.low:g}, max {mark.high:g}, spread {mark.spread:.1f}, "
        f"{mark.samples} readings) {mark.metric.label} on {mark.cell or 'unknown cell'} "
        f"at {mark.time.isoformat(timespec='seconds')} over {mark.window:g} s"
    )


def note_label(note: str) -> str | None:
    """The label of a mark note, or None for any other note (or one fiveg did not write)."""
    if not note.startswith(MARK_NOTE + '"'):
        return None
    try:
        label, _ = json.JSONDecoder().raw_decode(note, len(MARK_NOTE))
    except ValueError:
        return None
    return label if isinstance(label, str) else None


def _same_cell(old: CellKey | None, new: CellKey | None) -> CellKey | None:
    """The two keys as one when they can be the same cell (no known field differs), else None.

    Some dialects give the serving cell's identity in a slower command than
    its signal (Fibocom L8x0: +XCCINFO after +XCESQ), so a band or PCI can
    appear a poll or two after the cell did, or be missing from one poll:
    that is not a change, and what was known is kept.
    """
    if old is None or new is None:
        return None
    pairs = list(zip(old._values(old), new._values(new), strict=True))
    if any(a is not None and b is not None and a != b for a, b in pairs):
        return None
    known = (b if b is not None else a for a, b in pairs)
    return CellKey(**dict(zip(CellKey._names, known, strict=True)))


def _leg_change(kind: str, old: CellKey | None, new: CellKey | None) -> str | None:
    if old == new or _same_cell(old, new) is not None:
        return None
    if old is None:
        return f"{kind} up: {new}"
    if new is None:
        return f"{kind} dropped (was {old})"
    if old.band != new.band:
        return f"{kind} band changed: {old} -> {new}"
    return f"{kind} cell changed: {old} -> {new}"


class Tracker:
    def __init__(
        self,
        metric: Metric = Metric.NR_SINR,
        history_seconds: float = 300.0,
        mark_seconds: float = 5.0,
    ) -> None:
        self.metric = metric
        self.history_span = timedelta(seconds=history_seconds)
        self.mark_span = timedelta(seconds=mark_seconds)
        self.history: deque[Sample] = deque()
        self.peak: Peak | None = None
        self.events: deque[Event] = deque(maxlen=200)
        self.marks: list[Mark] = []
        self.reading: Reading | None = None
        self._legs: dict[str, CellKey | None] | None = None
        self._source: Metric | None = None

    def follow(self, metric: Metric, time: datetime) -> None:
        """Switch the followed metric: history and peak start again, being incomparable."""
        self.metric = metric
        self.history.clear()
        self.peak = None
        self._source = None
        self.note(time, "metric", f"following {metric.label}")

    def reset_peak(self, time: datetime) -> None:
        self.peak = None
        self.note(time, "info", "peak reset")

    def note(self, time: datetime, kind: str, text: str) -> Event:
        event = Event(time=time, kind=kind, text=text)
        self.events.append(event)
        return event

    def observe(self, snapshot: Snapshot, reading: Reading) -> tuple[list[Event], bool]:
        """Take one poll's snapshot and reading; return new events and whether it set a peak.

        The first reading sets the peak quietly: only beating a held peak
        counts as a new one.
        """
        time = snapshot.time
        self.reading = reading
        events = self._leg_events(snapshot)
        if reading.source != self._source:
            if self._source is not None or reading.fell_back:
                text = (
                    f"no {reading.asked.label}: following {reading.source.label}"
                    if reading.fell_back
                    else f"following {reading.source.label}"
                )
                events.append(self.note(time, "metric", text))
            self._source = reading.source
        self.history.append(
            Sample(time=time, value=reading.value, source=reading.source, cell=reading.cell)
        )
        while self.history and time - self.history[0].time > self.history_span:
            self.history.popleft()
        new_peak = False
        if reading.value is not None and (self.peak is None or reading.value > self.peak.value):
            new_peak = self.peak is not None
            self.peak = Peak(
                metric=reading.source, value=reading.value, time=time, cell=reading.cell
            )
        return events, new_peak

    def _leg_events(self, snapshot: Snapshot) -> list[Event]:
        if not snapshot.serving:
            if snapshot.state in ("SEARCH", "LIMSRV", "NO SERVICE") and self._legs:
                self._legs = None
                return [self.note(snapshot.time, "service", f"no service ({snapshot.state})")]
            return []
        legs = {"LTE": cell_key(lte_leg(snapshot)), "NR": cell_key(nr_leg(snapshot))}
        previous = self._legs
        self._legs = {
            name: (_same_cell(previous[name], key) if previous else None) or key
            for name, key in legs.items()
        }
        if previous is None:
            return []
        events = []
        for name, key in legs.items():
            text = _leg_change(name, previous[name], key)
            if text:
                kind = "nr-leg" if name == "NR" and None in (previous[name], key) else "cell"
                events.append(self.note(snapshot.time, kind, text))
        return events

    def series(self) -> list[float]:
        return [s.value for s in self.history if s.value is not None]

    def timed_series(self) -> list[tuple[float, float]]:
        """(POSIX seconds, value) of the history's readings, for a chart by time."""
        return [(s.time.timestamp(), s.value) for s in self.history if s.value is not None]

    def mark(self, label: str, time: datetime) -> Mark:
        """Summarise the last ``mark_seconds`` of the followed metric as a position.

        Only readings of the metric shown now count: LTE values standing in
        for a missing NR leg are not mixed into an NR mark (or the reverse).
        """
        source = self.reading.source if self.reading else self.metric
        window = [
            s
            for s in self.history
            if s.value is not None
            and s.source is source
            and timedelta(0) <= time - s.time <= self.mark_span
        ]
        if not window:
            raise ValueError(
                f"no {source.label} reading in the last {self.mark_span.total_seconds():g} s"
            )
        values = [s.value for s in window]
        cells = Counter(s.cell for s in window)
        mark = Mark(
            label=label or f"#{len(self.marks) + 1}",
            time=time,
            metric=source,
            samples=len(values),
            median=statistics.median(values),
            low=min(values),
            high=max(values),
            spread=statistics.pstdev(values),
            cell=cells.most_common(1)[0][0],
            window=self.mark_span.total_seconds(),
        )
        self.marks.append(mark)
        self.note(time, "mark", f"marked {mark.label}: median {mark.median:g} {source.unit}")
        return mark

    def best_mark(self) -> Mark | None:
        """The mark with the highest median among those of the latest mark's metric."""
        if not self.marks:
            return None
        metric = self.marks[-1].metric
        return max((m for m in self.marks if m.metric is metric), key=lambda m: m.median)

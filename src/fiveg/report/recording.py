"""A recording read back as a session: every reading, the marks, the events, the facts.

The same data path as a replay in the monitor: each recorded reply is framed
(fiveg.at.framer), a chained one cut into its parts (fiveg.at.chain), the answers
parsed by the recording's dialect at every serving-cell poll, and the readings
fed to the monitor's own Tracker, which makes each mark again at the moment the
recording noted it, from the readings before it (its window as noted).
Pure: it takes a parsed Transcript.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from fiveg.at.chain import split
from fiveg.at.codes import split_chain
from fiveg.at.framer import frame
from fiveg.at.transcript import Transcript
from fiveg.metrics import CYCLE, Metric, cell_key, lte_leg, nr_leg, read
from fiveg.records import AntennaPort, Snapshot, record
from fiveg.tracking import Event, Mark, Tracker, note_label
from fiveg.vendors import detect, generic
from fiveg.vendors.registry import by_name

DEFAULT_WINDOW = 5.0  # seconds, the monitor's --mark-window default
_WINDOW = re.compile(r" over (\d+(?:\.\d+)?) s$")
_METRIC = re.compile(r"\) (NR|LTE) (SINR|RSRP) on ")


@record
class Reading:
    """One serving-cell poll: seconds since the recording started, and its snapshot."""

    t: float
    snapshot: Snapshot

    def value(self, metric: Metric) -> float | None:
        """The metric itself, never a fallback (the plot shows each metric as it was)."""
        reading = read(self.snapshot, metric)
        return reading.value if reading.source is metric else None


@record
class Session:
    start: datetime
    start_known: bool
    dialect: str
    metric: Metric
    readings: tuple[Reading, ...]
    marks: tuple[Mark, ...]
    events: tuple[Event, ...]
    refused_marks: tuple[tuple[str, str], ...] = ()  # (label, why) of notes with no reading

    @property
    def duration(self) -> float:
        return self.readings[-1].t - self.readings[0].t if len(self.readings) > 1 else 0.0

    @property
    def poll_rate(self) -> float | None:
        """Readings per second over the session (None for a single poll)."""
        return (len(self.readings) - 1) / self.duration if self.duration > 0 else None

    def best(self) -> Mark | None:
        """The mark with the highest median among those of the last mark's metric."""
        if not self.marks:
            return None
        metric = self.marks[-1].metric
        return max((m for m in self.marks if m.metric is metric), key=lambda m: m.median)

    def ports_at(self, when: datetime) -> tuple[AntennaPort, ...]:
        """The Rx port readings of the last poll at or before ``when`` that had them."""
        ports: tuple[AntennaPort, ...] = ()
        for reading in self.readings:
            if reading.snapshot.time > when:
                break
            if reading.snapshot.antennas:
                ports = reading.snapshot.antennas
        return ports

    def cells(self) -> list[str]:
        """Every serving cell seen, in the order first seen."""
        seen: dict[str, None] = {}
        for reading in self.readings:
            for leg in (lte_leg(reading.snapshot), nr_leg(reading.snapshot)):
                key = cell_key(leg)
                if key is not None:
                    seen.setdefault(str(key), None)
        return list(seen)


def mark_window(note: str) -> float | None:
    found = _WINDOW.search(note)
    return float(found[1]) if found else None


def mark_metric(note: str) -> Metric | None:
    found = _METRIC.search(note)
    if not found:
        return None
    return next(m for m in CYCLE if m.label == f"{found[1]} {found[2]}")


def _start(transcript: Transcript) -> tuple[datetime, bool]:
    text = transcript.meta.get("recorded")
    try:
        start = datetime.fromisoformat(text) if text else None
    except ValueError:
        start = None
    if start is None:
        return datetime(1970, 1, 1, tzinfo=UTC), False
    return (start if start.tzinfo else start.replace(tzinfo=UTC)), True


def read_session(transcript: Transcript, metric: Metric | None = None) -> Session:
    """Every serving-cell poll of a 5g-monitor or 5g-info recording, with its marks made again.

    The followed metric is ``metric``, else the recording's own (``@ metric:``), else that of
    its first mark, else NR SINR.
    """
    start, known = _start(transcript)
    answers: dict[str, list[str]] = {}
    dialect = by_name(transcript.meta["dialect"]) if transcript.meta.get("dialect") else None
    model: str | None = None
    notes = [
        (r.t, r.note)
        for r in transcript.records
        if r.kind == "!" and note_label(r.note) is not None
    ]
    if metric is None:
        recorded = transcript.meta.get("metric")
        first_mark = next((m for _, n in notes if (m := mark_metric(n))), None)
        metric = Metric(recorded) if recorded in {m.value for m in CYCLE} else first_mark
    tracker = Tracker(metric=metric or Metric.NR_SINR, history_seconds=10**9)
    readings: list[Reading] = []
    refused: list[tuple[str, str]] = []
    pending = list(notes)

    def make_marks(until: float) -> None:
        while pending and pending[0][0] <= until:
            t, note = pending.pop(0)
            tracker.mark_span = timedelta(seconds=mark_window(note) or DEFAULT_WINDOW)
            label = note_label(note) or ""
            try:
                tracker.mark(label, start + timedelta(seconds=t))
            except ValueError as exc:
                refused.append((label, str(exc)))

    for ex in transcript.exchanges():
        make_marks(ex.t)
        command = ex.command_text
        reply = frame(command, ex.reply)
        if reply is None:
            continue
        parts = ["AT" + p for p in split_chain(command[2:])] if command[:2].upper() == "AT" else []
        if dialect is None and "ATI" in {p.upper() for p in parts}:
            found = detect.from_text(list(reply.lines))
            dialect = found or detect.GENERIC
        heads = dialect.line_heads() if dialect else {}
        cut = split(parts, reply.lines, heads) if len(parts) > 1 else [list(reply.lines)]
        for part, lines in zip(parts, cut, strict=False):
            if reply.ok or lines:
                answers[part] = lines
        if "ATI" in answers and model is None:
            model = generic.identity(answers).model
        if dialect is None:
            continue
        # a reading at every ask of the serving cell (the first fast command), chained or not
        serving = dialect.commands(model).fast[0].upper()
        if serving not in {p.upper() for p in parts}:
            continue
        snapshot = dialect.parse(answers, time=start + timedelta(seconds=ex.t), model=model)
        readings.append(Reading(t=ex.t, snapshot=snapshot))
        tracker.observe(snapshot, read(snapshot, tracker.metric))
    make_marks(float("inf"))
    return Session(
        start=start,
        start_known=known,
        dialect=dialect.name if dialect else "unknown",
        metric=tracker.metric,
        readings=tuple(readings),
        marks=tuple(tracker.marks),
        events=tuple(e for e in tracker.events if e.kind != "mark"),
        refused_marks=tuple(refused),
    )

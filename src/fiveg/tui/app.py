"""The 5g-monitor screen: live readings, peak hold, marks and events, with sound.

Polling runs in a thread worker that posts typed messages and is re-armed
only after it returns (polls never overlap); the cadence is updated from
that worker directly, so sound follows a reading without waiting for a
frame. The data source (a ``Poller`` over a live port or a replay) and the
beeper are injected.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.markup import escape
from textual.message import Message
from textual.widgets import Footer
from textual.worker import get_current_worker

from fiveg import metrics
from fiveg.at.errors import FivegError
from fiveg.beeper import Beeper
from fiveg.cadence import Sound
from fiveg.metrics import CYCLE, Metric, Reading
from fiveg.poller import Poller, PollResult, rearm_delay
from fiveg.quality import weak_ports
from fiveg.records import Snapshot
from fiveg.tracking import Mark, Tracker
from fiveg.trend import Trend, TrendTracker, window_for
from fiveg.tui import view
from fiveg.tui.lines import BigValue, Lines
from fiveg.tui.screens import HelpScreen, MarkScreen

BAR_WIDTH = 22
HEADERS = {
    "ports": ("port", "RSRP", "RSRQ", "SINR"),
    "carriers": ("role", "band", "BW", "PCI", "RSRP", "SINR"),
    "neighbours": ("neighbour", "ch", "PCI", "RSRP", "RSRQ"),
    "marks": ("position", "time", "median", "min..max", "spread", "n", "cell"),
}
# The screen is redrawn at most every FRAME_EVERY, and what a person reads rather than
# glances at (legs, tables, history, peak) every DETAILS_EVERY: nobody reads numbers that
# change faster, and each frame costs CPU and bytes over ssh. The sound follows every
# reading (the poll thread hands it to the beeper directly).
FRAME_EVERY = 0.25
DETAILS_EVERY = 0.5
TREND_CUES = {Trend.RISING: Sound.RISING, Trend.FALLING: Sound.FALLING}
INTERVALS = (0.1, 0.15, 0.25, 0.5, 1.0, 2.0, 5.0)  # the faster/slower keys step through these


class Polled(Message):
    def __init__(self, result: PollResult, reading: Reading | None) -> None:
        super().__init__()
        self.result = result
        self.reading = reading


class PollCycleDone(Message):
    """The cycle's end, carrying its slow result (if any): one message, not two."""

    def __init__(self, fast: PollResult, slow: PollResult | None = None) -> None:
        super().__init__()
        self.fast = fast
        self.slow = slow


class MonitorApp(App[None]):
    CSS_PATH = "monitor.tcss"
    TITLE = "5g-monitor"
    BINDINGS: ClassVar[list[Binding]] = [  # quit first: the footer shows it at any width
        Binding("q", "quit", "Quit"),
        Binding("s", "mute", "Sound on/off"),
        Binding("m", "mark", "Mark"),
        Binding("r", "reset_peak", "Reset peak"),
        Binding("f", "follow", "Metric"),
        Binding("p", "pause", "Pause"),
        Binding("plus,equals_sign", "faster", "Faster"),
        Binding("minus", "slower", "Slower"),
        Binding("question_mark", "help", "Help"),
    ]

    def __init__(
        self,
        poller: Poller,
        beeper: Beeper,
        *,
        interval: float = 0.5,
        metric: Metric = Metric.NR_SINR,
        mark_seconds: float = 5.0,
        audio_label: str = "",
        audio_note: str = "",
        source_label: str = "",
        on_mark: Callable[[Mark], None] | None = None,
        replayed_marks: Sequence[tuple[float, str]] = (),
        replay_time: Callable[[], float] | None = None,
        trend_cue: bool = False,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        """``on_mark`` gets each mark as it is made (the CLI writes it to the recording then);
        ``replayed_marks`` are a recording's (transcript time, label), made again when
        ``replay_time`` reaches them, from the replayed readings: the same path as live."""
        super().__init__()
        self.on_mark = on_mark
        self._replayed_marks = sorted(replayed_marks)
        self._replay_time = replay_time
        self.poller = poller
        self.beeper = beeper
        self.interval = interval
        self.metric = metric
        self.audio_label = audio_label
        self.audio_note = audio_note
        self.source_label = source_label
        self._clock = clock
        self._now = now
        self.tracker = Tracker(metric, mark_seconds=mark_seconds)
        self.trend = TrendTracker(window=window_for(interval))
        self.trend_cue = trend_cue  # --cue trend: a cue when the trend turns
        self.snapshot: Snapshot | None = None
        self.reading: Reading | None = None
        self.fresh_at: float | None = None  # clock time of the last good fast poll
        self.paused = False
        self.ended = False
        self.lost = False
        self.error: str | None = None
        self.failures = 0
        self.polls_started = 0
        self._said_not_sent = False
        self.in_flight = 0
        self.max_in_flight = 0
        self._starts: deque[float] = deque(maxlen=8)
        self._timer: asyncio.TimerHandle | None = None
        self._polling = False
        self._poll_due = threading.Event()  # set by the UI to let the poll thread run once
        self._details_due = False  # a reading came whose details are not drawn yet
        # when the details were last drawn and a poll last answered: drawing is paced in
        # real time (as Textual's frames are), whatever clock the readings are aged by
        self._drawn_at = float("-inf")  # when the details and a frame were last drawn
        self._frame_at = float("-inf")
        self._polled_at: float | None = None
        self._frame_due = False  # a reading came that no frame has shown yet

    # --- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # Lines repaint only the lines that changed (fiveg.tui.lines); the modem's, a
        # user's or a file's words are literal, never markup
        yield Lines(id="status")
        with Horizontal(id="top"):
            with Vertical(id="metric"):
                yield BigValue(id="metric-value")
                yield Lines(view.bar(None, BAR_WIDTH), id="metric-bar")
                yield Lines("", id="metric-note", literal=True)
                yield Lines("", id="metric-trend", literal=True)
                yield Lines("[b]WAITING[/]", id="metric-state")
            yield Lines("no reading yet", id="peak", literal=True)
            with Horizontal(id="legs"):
                yield Lines("LTE: waiting", id="lte", classes="leg", literal=True)
                yield Lines("NR: waiting", id="nr", classes="leg", literal=True)
        yield Lines("", id="history")
        with Horizontal(id="tables"):
            for name in ("ports", "carriers", "neighbours"):
                yield Lines(view.grid(HEADERS[name], []), id=name, classes="grid")
        yield Lines(view.grid(HEADERS["marks"], []), id="marks", classes="grid")
        yield Lines("", id="events", literal=True)
        yield Footer()

    def on_mount(self) -> None:
        # the main screen's widgets, kept: while a modal screen is on top,
        # App.query_one would search that one, and updates must still land here
        self._main = self.screen
        self._widgets = {w.id: w for w in self.screen.query("*") if w.id}
        self._shown: dict[str, object] = {}
        titles = {
            "#metric": self.metric.label,
            "#peak": "Peak hold",
            "#lte": "LTE leg",
            "#nr": "NR leg",
            "#history": "History",
            "#ports": "Rx ports (dBm, dB)",
            "#carriers": "Carriers (CA)",
            "#neighbours": "Neighbours",
            "#marks": "Marked positions",
            "#events": "Events",
        }
        for selector, title in titles.items():
            self._edge(selector[1:], "border_title", title)
        if self.audio_note:
            self.tracker.note(self._now(), "info", self.audio_note)
            self._show_events()
        self.set_interval(FRAME_EVERY / 2, self._tick)
        self._refresh_status()
        self.run_worker(self._poll_loop, thread=True, group="poll", exit_on_error=False)
        self._start_poll()

    def on_resize(self, event) -> None:
        """Fit the layout to the terminal: panels hide in a fixed order as it shrinks
        (events, then the tables, then history and marks; below 60 columns all but the
        metric and the peak), never the metric panel, which holds the value and state."""
        main = getattr(self, "_main", None) or self.screen
        for name, on in view.layout_classes(event.size.width, event.size.height).items():
            main.set_class(on, name)

    def _w(self, name: str):
        return self._widgets[name]

    def _edge(self, name: str, edge: str, text: str) -> None:
        """Set a panel's border title or subtitle only when it changes.

        Textual repaints the whole widget on every assignment, equal or not: at 4 polls a
        second that was most of what the monitor wrote to the terminal.
        """
        key = f"{name}.{edge}"
        if self._shown.get(key) != text:
            self._shown[key] = text
            setattr(self._widgets[name], edge, Content(text) if text else "")

    def _set(self, name: str, content: str) -> None:
        """Update a panel's text only when it changes, and without a layout pass.

        Every panel's size but the marks' is fixed by monitor.tcss, so new text
        never needs the screen laid out again (at 4 polls a second, layouts were
        most of the monitor's CPU time), and a ``Lines`` panel repaints only its
        changed lines.
        """
        if self._shown.get(name) != content:
            self._shown[name] = content
            self._widgets[name].show(content)

    # --- polling --------------------------------------------------------------------------

    @property
    def stale_after(self) -> float:
        """A reading older than this is STALE and silent: three missed polls, at least 1.5 s."""
        return max(1.5, 3 * self.interval)

    def _start_poll(self) -> None:
        if self.paused or self.ended or self._polling:
            return
        self._polling = True
        self.polls_started += 1
        self._poll_due.set()

    def _poll_loop(self) -> None:
        """The one poll thread: a cycle each time the UI re-arms it, until the app ends.

        One long-lived thread rather than a thread worker per poll: at 10 polls
        a second, starting a thread each time is churn the monitor does not need.
        """
        worker = get_current_worker()
        while not worker.is_cancelled:
            if self._poll_due.wait(0.1):
                self._poll_due.clear()
                self._poll_cycle()

    def _poll_cycle(self) -> None:
        """One fast poll, then maybe one slow command; runs in a worker thread."""
        worker = get_current_worker()
        slow = None
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            fast = self.poller.poll_fast()
            reading = None
            if fast.snapshot is not None:
                reading = metrics.read(fast.snapshot, self.metric)
                self.beeper.update(reading.source.quantity, reading.value, self.stale_after)
            elif fast.lost or fast.ended:
                self.beeper.silence()
            self.post_message(Polled(fast, reading))
            if fast.snapshot is not None and not worker.is_cancelled:
                slow = self.poller.poll_slow()
        except Exception as exc:  # a bug must not take the screen down mid-aim
            now = self._clock()
            fast = PollResult(
                kind="fast", started=now, finished=now, error=f"internal error: {exc!r}"
            )
            self.post_message(Polled(fast, None))
        finally:
            self.in_flight -= 1
        self.post_message(PollCycleDone(fast, slow))

    def on_poll_cycle_done(self, message: PollCycleDone) -> None:
        if message.slow is not None:
            self.on_polled(Polled(message.slow, None))
        self._polling = False
        fast = message.fast
        self._starts.append(fast.started)
        self.failures = 0 if fast.snapshot is not None else self.failures + 1
        if self.paused or self.ended:
            return
        delay = rearm_delay(
            fast.started, self._clock(), self.interval, self.failures if fast.lost else 0
        )
        # the event loop's own timer: a Textual Timer is a task of its own, and at 10
        # polls a second starting one per poll was a good part of the monitor's CPU
        self._timer = asyncio.get_running_loop().call_later(delay, self._start_poll)

    def on_polled(self, message: Polled) -> None:
        result = message.result
        if self.poller.not_sent and not self._said_not_sent:
            self._said_not_sent = True
            listed = ", ".join(self.poller.not_sent)
            self.tracker.note(
                self._now(), "error", f"not on the read-only allowlist, not sent: {listed}"
            )
            self._show_events()
        if result.snapshot is None:
            self._failed(result)
            return
        self.snapshot = result.snapshot
        back = self.reading is None or self.error is not None or self.lost or self._stale()
        if result.kind == "fast" and message.reading is not None:
            if self.error is not None:
                self.tracker.note(result.snapshot.time, "info", "modem answering again")
            if back:
                self.trend.reset()  # after a gap: no trend across it
            self.error = None
            self.lost = False
            self.fresh_at = result.finished
            self._observe(result.snapshot, message.reading)
        self._polled_at = time.monotonic()
        self._frame_due = self._details_due = True
        # the first reading, or the first after a fault, at once; then at most a frame
        # every FRAME_EVERY (the tick draws what a fast poll left due)
        if back or self._polled_at - self._frame_at >= FRAME_EVERY:
            self._draw(details=back)

    def _tick(self) -> None:
        """The frame a fast poll left due; while no poll answers, the state and its age."""
        now = time.monotonic()
        if self._frame_due and now - self._frame_at >= FRAME_EVERY:
            self._draw()
        elif self._polled_at is None or now - self._polled_at >= FRAME_EVERY:
            self._refresh_status()
            if self._details_due:
                self._show_details()

    def _draw(self, details: bool = False) -> None:
        """One frame: the big value, events and state; the details when due."""
        self._frame_at = time.monotonic()
        self._frame_due = False
        self._show_reading()
        self._show_events()
        if details or (self._details_due and self._frame_at - self._drawn_at >= DETAILS_EVERY):
            self._show_details()
        self._refresh_status()

    def _show_details(self) -> None:
        """The legs, tables, history and peak: what a person reads rather than hears,
        drawn at most every ``DETAILS_EVERY``."""
        self._details_due = False
        self._drawn_at = time.monotonic()
        if self.snapshot is not None:
            self._show_snapshot(self.snapshot)
        if self.reading is not None:
            self._show_history()  # the peak: with the state, which shows its age

    def _stale(self) -> bool:
        age = self._age()
        return age is not None and age > self.stale_after

    def _observe(self, snapshot: Snapshot, reading: Reading) -> None:
        self.reading = reading
        events, new_peak = self.tracker.observe(snapshot, reading)
        if any(e.kind in ("cell", "nr-leg", "metric") for e in events):
            self.trend.reset()  # readings on either side cannot be compared
        turned = self.trend.update(self._clock(), reading.value)
        if any(e.kind in ("cell", "nr-leg") for e in events):
            self.beeper.cue(Sound.CHANGE)
            return
        if self.trend_cue and turned in TREND_CUES:  # a turn is rare: before a peak's chime
            self.beeper.cue(TREND_CUES[turned])
        if new_peak:
            self.beeper.cue(Sound.PEAK)

    def _failed(self, result: PollResult) -> None:
        text = result.error or "no reading"
        if result.ended:
            self.ended = True
            text = f"replay ended: {text}"
        elif result.lost:
            self.lost = True
            text = f"modem lost: {text} (retrying)"
        if text != self.error:
            self.tracker.note(self._now(), "error", text)
            self._show_events()
        self.error = text
        self._refresh_status()

    # --- drawing --------------------------------------------------------------------------

    def _age(self) -> float | None:
        return None if self.fresh_at is None else self._clock() - self.fresh_at

    def _refresh_status(self) -> None:
        self._replay_marks()
        snap = self.snapshot
        age = self._age()
        why = ""  # what the status line adds to the state
        if self.ended:
            state = "[b]ENDED[/]"
        elif self.lost:
            state = "[b red]MODEM LOST[/]"
        elif self.paused:
            state = "[b]PAUSED[/]"
        elif age is None and self.error is not None:  # polled, never a reading: say why
            state, why = "[b reverse red] NO READING [/]", " modem error (see events)"
        elif age is None:
            state = "[b]WAITING[/]"
        elif age > self.stale_after:
            state = f"[b reverse yellow] STALE [/] {view.age(age)}"
        else:
            state = f"[b reverse green] LIVE [/] {view.age(age)}"
        # the state in the metric's own panel too, with how far below the peak it is: on a
        # small terminal the status line is cut, the metric panel never
        self._set("metric-state", state + view.below_peak(self.tracker.peak, self.reading))
        # readings per second: none while the modem is lost, the reading stale or in error
        stale = self._stale()
        fresh = age is not None and not stale and not self.lost and self.error is None
        rate = self._poll_rate() if fresh else 0.0
        sound = "muted" if self.beeper.muted else self.audio_label or self.beeper.backend.name
        if self.beeper.failure:
            sound += f" ({self.beeper.failure})"
        operator = snap.operator if snap else None
        plmn = f"{operator.mcc}{operator.mnc}" if operator and operator.mcc else None
        model = snap.device.model if snap and snap.device.model else "modem ?"
        locked = view.lock_text(snap.bands if snap else None)
        parts = [  # the modem's and the user's words escaped: data, never markup
            escape(f"{model} ({snap.dialect})" if snap and snap.dialect else model),
            escape((operator.name or plmn if operator else None) or "operator ?"),
            ", ".join(str(c.rat) for c in snap.serving) if snap and snap.serving else "RAT ?",
            escape((snap.state or "state ?") if snap else "state ?"),
            *([f"[b]{escape(locked)}[/]"] if locked else []),
            state + why,
            escape(f"sound: {sound}"),
            f"{view.rate(rate)} polls/s" if rate is not None else f"every {self.interval:g} s",
        ]
        if self.source_label:
            parts.append(escape(self.source_label))
        self._set("status", "  │  ".join(parts))
        self._w("metric").set_class(stale, "-stale")
        self._main.set_class(stale, "-stale")  # every value dimmed, not only the big one
        if snap is not None and self.tracker.peak is not None:
            self._show_peak()

    def _poll_rate(self) -> float | None:
        """Polls per second over the last few; it falls while a reply is overdue."""
        if len(self._starts) < 2:
            return None
        overdue = self._clock() - self._starts[-1] - self.interval
        span = self._starts[-1] - self._starts[0] + max(0.0, overdue)
        return (len(self._starts) - 1) / span if span > 0 else None

    def _show_reading(self) -> None:
        reading = self.reading
        value = reading.value if reading else None
        source = reading.source if reading else self.metric
        if value is None:
            self._w("metric-value").show_value("--")
        else:
            self._w("metric-value").show_value(f"{value:g}", source.unit)
        panel = self._w("metric")
        quality = view.quality_class(source, value)
        for name in ("excellent", "good", "fair", "poor", "unknown"):
            panel.set_class(name == quality, f"-{name}")
        position = self.beeper.scheduler.cadence.position(source.quantity, value)
        self._set("metric-bar", view.bar(position, BAR_WIDTH))
        note = f"{source.unit}, {quality}"
        # a fallback is said in the title, where it fits: "LTE SINR · no NR SINR"
        title = source.label
        if reading and reading.fell_back:
            title = f"{source.label} · no {reading.asked.label}"
        if reading and value is None:
            note = "not reported · press f"
        self._edge("metric", "border_title", title)
        self._set("metric-note", note)
        self._set("metric-trend", view.trend_text(self.trend, source.unit, value is not None))

    def _show_peak(self) -> None:
        reading = self.reading
        now = self._now()  # "ago" keeps counting while STALE or paused
        text = view.peak_text(
            self.tracker.peak,
            reading.value if reading else None,
            now,
            reading.cell if reading else None,
        )
        self._set("peak", text)

    def _show_history(self) -> None:
        widget = self._w("history")
        samples = self.tracker.timed_series()
        cadence = self.beeper.scheduler.cadence
        default = (min((v for _, v in samples), default=0), 0)
        low, high = cadence.ranges.get(self.metric.quantity, default)
        width = max(10, widget.size.width - 4) if widget.size.width else 60
        now = (self.snapshot.time if self.snapshot else self._now()).timestamp()
        span = view.history_span(now - samples[0][0] if samples else 0.0, self.tracker)
        line, peak = view.spark_slots(samples, width, low, high, now, span)
        if peak is None:
            self._set("history", "no readings yet")
            return
        best = self.tracker.peak
        label = f"peak {view.fmt(best.value, best.metric.unit)}" if best else ""
        before, after = view.peak_marker(peak, width, label)
        marked = f"{line[:peak]}[b reverse]{line[peak]}[/]{line[peak + 1 :]}"
        self._set("history", f"{marked}\n{before}[b]▲[/]{after}")

    def _show_snapshot(self, snap: Snapshot) -> None:
        self._set("lte", view.leg_lines(metrics.lte_leg(snap), "LTE"))
        self._set("nr", view.leg_lines(metrics.nr_leg(snap), "NR"))
        self._fill("carriers", view.carrier_rows(snap.carriers))
        self._fill("neighbours", view.neighbour_rows(snap.neighbours))
        weak = []
        for rat in dict.fromkeys(p.rat for p in snap.antennas):
            ports = [(p.name, p.rsrp) for p in snap.antennas if p.rat is rat]
            weak += [f"{'NR' if rat in metrics.NR_RATS else 'LTE'} {n}" for n in weak_ports(ports)]
        # the whole warning in the panel, where it wraps to lines that fit; the border
        # says only that there is one (a subtitle longer than the border is cut)
        grid = view.grid(HEADERS["ports"], view.port_rows(snap.antennas))
        self._set("ports", grid + view.weak_port_lines(weak))
        self._edge("ports", "border_subtitle", "⚠ weak port" if weak else "")
        self._w("ports").set_class(bool(weak), "-warning")

    def _fill(self, name: str, rows: list[tuple[str, ...]]) -> None:
        """A text grid, not a DataTable: redrawn only when a value changes, and its
        render caches do not grow with every updated cell (as DataTable's do)."""
        self._set(name, view.grid(HEADERS[name], rows))

    def _show_events(self) -> None:
        lines = [
            f"{e.time.astimezone().strftime('%H:%M:%S')}  {e.text}"
            for e in list(self.tracker.events)[-4:]
        ]
        self._set("events", "\n".join(reversed(lines)) or "none yet")

    def _show_marks(self) -> None:
        self._fill("marks", view.mark_rows(self.tracker.marks, self.tracker.best_mark()))
        best = self.tracker.best_mark()
        self._edge("marks", "border_subtitle", f"best: {best.label}" if best else "")

    # --- keys -----------------------------------------------------------------------------

    def action_mute(self) -> None:
        self.beeper.muted = not self.beeper.muted
        self._refresh_status()

    def action_reset_peak(self) -> None:
        self.tracker.reset_peak(self._now())
        self._show_peak()
        self._show_events()

    def action_pause(self) -> None:
        if self.ended:
            self._note("the replay has ended: there is nothing to pause")
            return
        self.paused = not self.paused
        if self.paused:
            if self._timer is not None:
                self._timer.cancel()
            self.beeper.silence()
        else:
            self._start_poll()
        self._refresh_status()

    def action_follow(self) -> None:
        self.metric = CYCLE[(CYCLE.index(self.metric) + 1) % len(CYCLE)]
        self.trend.reset()
        self.tracker.follow(self.metric, self._now())
        if self.snapshot is not None and self.fresh_at is not None:
            self.reading = metrics.read(self.snapshot, self.metric)
            age = self._age() or 0.0
            self.beeper.update(
                self.reading.source.quantity, self.reading.value, self.stale_after - age
            )
            self.tracker.observe(self.snapshot, self.reading)
        self._show_reading()
        self._show_details()  # a key: its history and peak at once
        self._show_events()

    def _step_interval(self, step: int) -> None:
        if self.ended:
            self._note("the replay has ended: there is nothing to poll faster or slower")
            return
        nearest = min(range(len(INTERVALS)), key=lambda i: abs(INTERVALS[i] - self.interval))
        new = INTERVALS[max(0, min(len(INTERVALS) - 1, nearest + step))]
        if new == self.interval:
            edge = "fastest" if step < 0 else "slowest"
            self._note(f"polling every {new:g} s already, the {edge} step")
        else:
            self.interval = new
            self.trend.window = window_for(new)
            self._note(f"polling every {new:g} s ({1 / new:g} polls/s at most)")
        self._refresh_status()

    def _note(self, text: str) -> None:
        """A word on what a key did (or why it did nothing), in the events and a toast."""
        self.tracker.note(self._now(), "info", text)
        self._show_events()
        self.notify(text, markup=False, timeout=3)

    def action_faster(self) -> None:
        self._step_interval(-1)

    def action_slower(self) -> None:
        self._step_interval(+1)

    def action_mark(self) -> None:
        if self.fresh_at is None or self.lost or self._stale() or self.ended or self.paused:
            # a mark's median comes from the readings before it: with none fresh, it
            # would be a stale position's, kept as if it were this one
            why = "the replay has ended" if self.ended else "no fresh reading"
            self._note(f"mark refused: {why} (marks are taken while LIVE)")
            return
        # the position is the one held when the key was pressed, not after typing a label
        when = self.snapshot.time if self.snapshot else self._now()
        suggestion = f"#{len(self.tracker.marks) + 1}"
        self.push_screen(MarkScreen(suggestion), lambda label: self._marked(label, when))

    def _marked(self, label: str | None, when: datetime) -> None:
        if label is None:
            return
        try:
            mark = self.tracker.mark(label, when)
        except ValueError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        if self.on_mark is not None:
            self.on_mark(mark)
        self._show_marks()
        self._show_events()

    def _replay_marks(self) -> None:
        """Make a recording's marks again as the replay reaches the moment each was made."""
        if not self._replayed_marks or self._replay_time is None or self.snapshot is None:
            return
        try:
            now = self._replay_time()
        except FivegError:  # the replay ran to its end, so past every mark in it
            now = float("inf")
        while self._replayed_marks and self._replayed_marks[0][0] <= now:
            _, label = self._replayed_marks.pop(0)
            self._marked(label, self.snapshot.time)

    def action_help(self) -> None:
        keys = [  # as typed ("+ or =", "?"), not Textual's key names ("plus,equals_sign")
            (
                " or ".join(self.get_key_display(Binding(k, b.action)) for k in b.key.split(",")),
                b.description,
            )
            for b in self.BINDINGS
        ]
        notes = (
            f"Beeps come faster as {self.metric.label} rises: silent below the floor, "
            "nearly continuous at the ceiling. A rising chime: a new peak. "
            "A falling cue: the serving cell, band or NR leg changed. "
            + (
                "A quick step up (down): the trend turned rising (falling). "
                if self.trend_cue
                else ""
            )
            + "Silent while the reading is STALE."
        )
        self.push_screen(HelpScreen(keys, notes))

"""The exporter's background poll: the port held only while polling, the last result kept.

Scrapes read the last result and never start a poll, so however often and
however many at once Prometheus scrapes, the modem sees one poll every
``every`` seconds (later when a poll is slow: the next starts ``every`` after
the last one ended). The port is opened for each poll and closed after it, with
the same UUCP lock and open-file check as the other tools: while 5g-monitor holds
it, the exporter reports ``fiveg_up 0`` and says who holds it, once, and never
fights for it.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from fiveg.at.errors import AtError, FivegError, PortError
from fiveg.export.samples import Sample, nr_leg, signal_samples, state_samples
from fiveg.records import Snapshot, record


@record
class Result:
    """What the last poll gave: the snapshot when the modem answered, else why not."""

    snapshot: Snapshot | None = None
    problem: str | None = None


class ExportPoller:
    """``poll_once`` is a whole poll: ``open_and_poll()`` opens the port, polls and closes."""

    def __init__(
        self,
        open_and_poll: Callable[[], Any],
        *,
        every: float = 15.0,
        version: str = "",
        log: Callable[[str], None] = lambda _line: None,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self._open_and_poll = open_and_poll
        self.every = every
        self.version = version
        self._log = log
        self._clock = clock
        self._wall = wall
        self._lock = threading.Lock()
        self._result = Result(problem="no poll yet")
        self._poll_seconds: float | None = None
        self._last_success: float | None = None
        self._errors: Counter[str] = Counter()
        self._nr_seen = False
        self._said: str | None = None  # the last problem logged, so each is said once
        self.polls = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def poll_once(self) -> None:
        started = self._clock()
        errors: Counter[str] = Counter()
        try:
            result = self._open_and_poll()
            snapshot = result.snapshot
            errors.update(e.command for e in snapshot.errors)
            answered = len(snapshot.errors) < result.asked
            outcome = (
                Result(snapshot=snapshot)
                if answered
                else Result(problem=f"the modem answered no command ({snapshot.errors[0].error})")
            )
        except PortError as exc:
            errors["port"] += 1
            outcome = Result(problem=str(exc))
        except AtError as exc:
            errors["modem"] += 1
            outcome = Result(problem=str(exc))
        except (FivegError, OSError) as exc:
            errors["port"] += 1
            outcome = Result(problem=str(exc))
        took = self._clock() - started
        with self._lock:
            self.polls += 1
            self._result = outcome
            self._poll_seconds = took
            self._errors.update(errors)
            if outcome.snapshot is not None:
                self._last_success = self._wall()
                self._nr_seen = self._nr_seen or bool(nr_leg(outcome.snapshot))
        self._tell(outcome)

    def _tell(self, outcome: Result) -> None:
        """A log line when the exporter's state changes (modem lost, busy, back), not every poll."""
        if outcome.problem != self._said:
            if outcome.problem is not None:
                self._log(f"fiveg_up 0: {outcome.problem}")
            elif self._said is not None:
                self._log("fiveg_up 1: the modem answers again")
            self._said = outcome.problem

    def samples(self) -> list[Sample]:
        """What a scrape serves: the last result, never a new poll."""
        with self._lock:
            outcome = self._result
            snapshot = outcome.snapshot
            out = state_samples(
                up=snapshot is not None,
                poll_seconds=self._poll_seconds,
                last_success=self._last_success,
                errors=dict(self._errors),
                version=self.version,
                nr_leg_up=nr_leg(snapshot) if snapshot is not None and self._nr_seen else None,
            )
        if snapshot is not None:
            out += signal_samples(snapshot)
        return out

    # --- the background thread -------------------------------------------------------------

    def start(self) -> ExportPoller:
        self._thread = threading.Thread(target=self._run, name="fiveg-export-poll", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.is_set():
            self.poll_once()
            self._stop.wait(self.every)  # the schedule between polls, cut short by stop()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)

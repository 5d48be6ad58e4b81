"""The thread that plays the cadence, apart from polling and drawing.

Polls can take hundreds of milliseconds and frames are drawn when Textual
pleases; a beep must come when the cadence says, so it has its own thread
that sleeps until the scheduler's next due time or until a new reading
wakes it. A backend that fails mid-session is dropped for silence and the
failure kept for the screen, never raised into the UI.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from fiveg.audio import Backend, Silent
from fiveg.cadence import Beep, BeepScheduler, Sound


class Beeper:
    def __init__(
        self,
        backend: Backend,
        scheduler: BeepScheduler | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.backend = backend
        self.scheduler = scheduler or BeepScheduler()
        self.muted = False
        self.failure: str | None = None
        self.last_played: float | None = None
        self._clock = clock
        self._cond = threading.Condition()
        self._stopped = False
        self._thread: threading.Thread | None = None
        self.on_play: Callable[[Beep, float], None] | None = None  # for tests and benchmarks

    def start(self) -> Beeper:
        self._thread = threading.Thread(target=self._run, name="fiveg-beeper", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=2)
        self.backend.close()

    def update(self, quantity: str, value: float | None, fresh_for: float) -> None:
        with self._cond:
            self.scheduler.update(quantity, value, self._clock(), fresh_for)
            self._cond.notify_all()

    def cue(self, sound: Sound) -> None:
        with self._cond:
            if self.scheduler.cue(sound, self._clock()):
                self._cond.notify_all()

    def silence(self) -> None:
        with self._cond:
            self.scheduler.silence()

    def _run(self) -> None:
        while True:
            with self._cond:
                if self._stopped:
                    return
                now = self._clock()
                beep = self.scheduler.due(now)
                if beep is None:
                    self._cond.wait(self.scheduler.wait(now))
                    continue
            if not self.muted:
                self._play(beep, now)

    def _play(self, beep: Beep, now: float) -> None:
        try:
            self.backend.play(beep)
        except Exception as exc:  # a device unplugged mid-session: go quiet, say why
            self.failure = f"{self.backend.name} failed: {exc}"
            self.backend = Silent()
            return
        self.last_played = now
        if self.on_play is not None:
            self.on_play(beep, now)

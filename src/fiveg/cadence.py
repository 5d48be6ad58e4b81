"""From a reading to sound: the beep cadence mapping and the beep scheduler (pure).

A parking-sensor cadence is readable without looking: silence below a usable
floor, beeps that come faster as the value rises, nearly continuous at the
ceiling. The interval falls geometrically with the value, so each dB gained
shortens the gap by the same proportion, which the ear hears as an even step
across the whole range. The scheduler takes the time as an argument, so tests
drive it with a fake clock; a thread at the edge (``fiveg.beeper``) plays
what it hands out.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from enum import StrEnum

from fiveg.records import record

# Usable ranges per quantity: silence below the floor, fastest at the ceiling.
# SINR: 0 dB is where most field tools start calling a link usable (DOMAIN.md
# bands: > 0 fair, > 20 excellent); 30 dB is near the best a modem reports.
# RSRP: -115 dBm is near cell edge, -75 dBm is a strong, close cell.
DEFAULT_RANGES: dict[str, tuple[float, float]] = {"sinr": (0.0, 30.0), "rsrp": (-115.0, -75.0)}


class Sound(StrEnum):
    BEEP = "beep"  # the cadence
    PEAK = "peak"  # a new best value: a rising two-note chime
    CHANGE = "change"  # serving cell, band or NR leg changed: a falling two-note cue
    RISING = "rising"  # --cue trend: the trend turned rising: a quick step up
    FALLING = "falling"  # --cue trend: the trend turned falling: a quick step down


@record
class Beep:
    sound: Sound
    pitch: float  # Hz of the cadence beep (cues have their own notes)


@dataclass(frozen=True, slots=True)
class Cadence:
    ranges: dict[str, tuple[float, float]] = field(default_factory=lambda: dict(DEFAULT_RANGES))
    slowest: float = 1.0  # seconds between beeps just above the floor
    fastest: float = 0.08  # at the ceiling: with 50 ms beeps, nearly continuous
    low_hz: float = 600.0
    high_hz: float = 1400.0
    rising_pitch: bool = True

    def position(self, quantity: str, value: float | None) -> float | None:
        """Where ``value`` sits between floor (0) and ceiling (1); None below the floor."""
        if value is None or quantity not in self.ranges:
            return None
        floor, ceiling = self.ranges[quantity]
        if value < floor:
            return None
        if ceiling <= floor:
            return 1.0
        return min(1.0, (value - floor) / (ceiling - floor))

    def interval(self, quantity: str, value: float | None) -> float | None:
        """Seconds between beeps, or None for silence."""
        x = self.position(quantity, value)
        if x is None:
            return None
        return self.slowest * math.exp(x * math.log(self.fastest / self.slowest))

    def pitch(self, quantity: str, value: float | None) -> float:
        x = self.position(quantity, value)
        if not self.rising_pitch or x is None:
            return self.low_hz
        return self.low_hz + x * (self.high_hz - self.low_hz)


CUE_HOLD = 0.25  # seconds a cue keeps the cadence quiet, so the two never overlap


class BeepScheduler:
    """Decides when the next sound is due; the caller supplies the time.

    A new reading changes the cadence at the very next beep: the next beep is
    due one new interval after the last one played (at once if that moment
    has passed, or if the scheduler was silent). A reading is good for
    ``fresh_for`` seconds; after that the scheduler goes silent until the
    next reading, so a stale value never sounds live.
    """

    def __init__(self, cadence: Cadence | None = None, cue_gap: float = 1.0) -> None:
        self.cadence = cadence or Cadence()
        self.cue_gap = cue_gap
        self.interval: float | None = None
        self.pitch = self.cadence.low_hz
        self._next: float | None = None
        self._last: float | None = None
        self._fresh_until = -math.inf
        self._cues: deque[Sound] = deque(maxlen=4)
        self._last_cue: dict[Sound, float] = {}

    def update(self, quantity: str, value: float | None, now: float, fresh_for: float) -> None:
        interval = self.cadence.interval(quantity, value)
        self.pitch = self.cadence.pitch(quantity, value)
        self._fresh_until = now + fresh_for
        if interval is None:
            self._next = None
        elif self.interval is None or self._last is None:
            self._next = now
        else:
            self._next = max(now, self._last + interval)
        self.interval = interval

    def silence(self) -> None:
        self.interval = None
        self._next = None
        self._cues.clear()

    def cue(self, sound: Sound, now: float) -> bool:
        """Queue a cue; the same cue within ``cue_gap`` seconds is dropped."""
        last = self._last_cue.get(sound)
        if last is not None and now - last < self.cue_gap:
            return False
        self._last_cue[sound] = now
        self._cues.append(sound)
        return True

    def due(self, now: float) -> Beep | None:
        if self._cues:
            sound = self._cues.popleft()
            if self._next is not None:
                self._next = max(self._next, now + CUE_HOLD)
            return Beep(sound=sound, pitch=self.pitch)
        if self._next is None or now < self._next:
            return None
        if now > self._fresh_until:
            self.silence()
            return None
        self._last = now
        self._next = now + self.interval
        return Beep(sound=Sound.BEEP, pitch=self.pitch)

    def wait(self, now: float) -> float | None:
        """Seconds until something may be due; None when only an update can wake it."""
        if self._cues:
            return 0.0
        if self._next is None:
            return None
        return max(0.0, self._next - now)

"""Whether the last nudge helped: the followed metric rising, steady or falling.

A single reading says little (SINR moves a few dB from one poll to the next
while nothing is touched), so the trend compares the mean of the last window
with the mean of the window before it. A dead band keeps noise from
flickering it, and a trend once shown holds until the difference falls back
below half the dead band (hysteresis). A new trend must hold for three readings
in a row before it is named, so one unlucky draw of noise does not name it.
The window follows the poll rate, so each half holds a few readings. Pure: it
is handed times and values.
"""

from __future__ import annotations

from collections import deque
from enum import StrEnum
from statistics import fmean


class Trend(StrEnum):
    RISING = "rising"
    STEADY = "steady"
    FALLING = "falling"


ARROWS = {Trend.RISING: "↑", Trend.STEADY: "→", Trend.FALLING: "↓"}

WINDOW = 1.5  # seconds in each of the two windows compared, at the least
DEAD_BAND = 1.0  # dB (or dBm): a smaller move of the mean is steady
MIN_READINGS = 2  # readings each window must hold before a trend is named
CONFIRM = 3  # readings in a row a new trend must hold before it is named


def window_for(interval: float, least: float = WINDOW) -> float:
    """Each window spans ``least`` seconds, or four polls when polling is slower."""
    return max(least, 4 * interval)


class TrendTracker:
    def __init__(self, window: float = WINDOW, dead_band: float = DEAD_BAND) -> None:
        self.window = window
        self.dead_band = dead_band
        self.trend = Trend.STEADY
        self.difference: float | None = None  # mean of the last window minus the one before
        self._readings: deque[tuple[float, float]] = deque()
        self._pending: tuple[Trend, int] | None = None  # a new trend, and for how many readings

    def reset(self) -> None:
        """Forget the readings (a new metric, a cell change, a gap): steady until both
        windows fill again, never a trend across readings that cannot be compared."""
        self._readings.clear()
        self.trend = Trend.STEADY
        self.difference = None
        self._pending = None

    def update(self, t: float, value: float | None) -> Trend | None:
        """Add a reading at ``t`` seconds; the new trend when it changed, else None.

        A missing value (None) adds nothing: no trend is made up from it.
        """
        shown = self.trend
        if value is not None:
            if self._readings and t < self._readings[-1][0]:
                self.reset()  # time went backwards (a replay looped): start again
            self._readings.append((t, value))
        while self._readings and self._readings[0][0] <= t - 2 * self.window:
            self._readings.popleft()
        recent = [v for s, v in self._readings if s > t - self.window]
        before = [v for s, v in self._readings if s <= t - self.window]
        if len(recent) < MIN_READINGS or len(before) < MIN_READINGS:
            self.difference = None  # nothing to compare: steady, at once
            self.trend, self._pending = Trend.STEADY, None
        else:
            self.difference = fmean(recent) - fmean(before)
            new = self._classify(self.difference)
            if new is self.trend:
                self._pending = None
            else:
                seen = self._pending[1] + 1 if self._pending and self._pending[0] is new else 1
                self._pending = (new, seen)
                if seen >= CONFIRM:
                    self.trend, self._pending = new, None
        return None if self.trend is shown else self.trend

    def _classify(self, diff: float) -> Trend:
        if self.trend is Trend.RISING and diff > self.dead_band / 2:
            return Trend.RISING
        if self.trend is Trend.FALLING and diff < -self.dead_band / 2:
            return Trend.FALLING
        if diff > self.dead_band:
            return Trend.RISING
        if diff < -self.dead_band:
            return Trend.FALLING
        return Trend.STEADY

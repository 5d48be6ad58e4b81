"""The geometry of the report's plots: scales, ticks, azimuths and polar positions (pure).

No drawing here (fiveg.report.svg draws): numbers in, numbers out, so every
coordinate the report puts on a page is tested apart from the markup.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Iterable, Sequence
from typing import NamedTuple


class Scale(NamedTuple):
    """A linear map from a domain (values) to a range (pixels); the range may run backwards
    (a y axis grows downwards on a page)."""

    lo: float
    hi: float
    out_lo: float
    out_hi: float

    def __call__(self, value: float) -> float:
        if self.hi == self.lo:
            return (self.out_lo + self.out_hi) / 2
        return self.out_lo + (value - self.lo) * (self.out_hi - self.out_lo) / (self.hi - self.lo)


def nice_step(span: float, count: int = 5) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about ``count`` ticks over span."""
    if span <= 0 or count < 1:
        return 1.0
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 5, 10):
        if raw <= multiple * power:
            return multiple * power
    return 10 * power  # pragma: no cover (the loop always returns)


def ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values covering lo..hi (the first at or below lo, the last at or above hi)."""
    if hi < lo:
        lo, hi = hi, lo
    if hi == lo:
        lo, hi = lo - 1, hi + 1
    step = nice_step(hi - lo, count)
    first = math.floor(lo / step) * step
    out = []
    value = first
    while value < hi + step / 2:
        out.append(round(value, 10))
        value += step
    if out[-1] < hi:
        out.append(round(out[-1] + step, 10))
    return out


def padded(values: Iterable[float], pad: float = 1.0) -> tuple[float, float]:
    """The domain of some values, widened by ``pad`` each side (one value: a band around it)."""
    values = list(values)
    if not values:
        return (0.0, 1.0)
    return (min(values) - pad, max(values) + pad)


# --- azimuths ----------------------------------------------------------------------------

COMPASS = (
    "N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE",
    "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW",
)  # fmt: skip
_DEGREES = re.compile(
    r"^\s*(?:az(?:imuth)?\.?\s*[:=]?\s*)?(\d{1,3}(?:\.\d+)?)\s*(?:°|º|deg(?:rees?)?)?\s*$",
    re.IGNORECASE,
)
_POINT = re.compile(r"^\s*(?:az(?:imuth)?\.?\s*[:=]?\s*)?([NSEW]{1,3})\s*$", re.IGNORECASE)


def parse_azimuth(label: str) -> float | None:
    """The bearing a mark's label names, in degrees from north (0..360), or None.

    "az 120", "120", "120°", "120 deg", "azimuth: 120.5", and the 16 compass points
    ("NE", "az WSW"). Anything else is a label, not a bearing.
    """
    found = _DEGREES.match(label)
    if found:
        value = float(found[1])
        return value % 360 if value <= 360 else None
    found = _POINT.match(label)
    if found and found[1].upper() in COMPASS:
        return COMPASS.index(found[1].upper()) * 22.5
    return None


def polar_point(azimuth: float, radius: float, cx: float, cy: float) -> tuple[float, float]:
    """Where a bearing lies on a page: north up, clockwise, ``radius`` pixels from the centre."""
    angle = math.radians(azimuth)
    return (cx + radius * math.sin(angle), cy - radius * math.cos(angle))


class Bearing(NamedTuple):
    """The marks at one azimuth: median of their medians, the lowest and highest reading."""

    azimuth: float
    median: float
    low: float
    high: float
    labels: tuple[str, ...]


def bearings(marks: Sequence) -> list[Bearing]:
    """Marks whose labels are azimuths, grouped by azimuth and sorted clockwise from north."""
    groups: dict[float, list] = {}
    for mark in marks:
        azimuth = parse_azimuth(mark.label)
        if azimuth is not None:
            groups.setdefault(azimuth, []).append(mark)
    return [
        Bearing(
            azimuth=az,
            median=statistics.median(m.median for m in group),
            low=min(m.low for m in group),
            high=max(m.high for m in group),
            labels=tuple(m.label for m in group),
        )
        for az, group in sorted(groups.items())
    ]

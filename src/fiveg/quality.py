"""Quality classes for signal metrics, and the physical ranges a reading must fall in.

The classes are the rough bands most field tools use (RSRP > -80 excellent,
> -90 good, > -100 fair; RSRQ > -10, > -15, > -20; SINR > 20, > 13, > 0 dB).
The physical ranges are the widest reporting ranges in 3GPP TS 38.133
(SS-RSRP -156..-31 dBm, SS-RSRQ -43..20 dB, SS-SINR -23..40 dB) and
TS 36.133 (RSSI): a value outside them is not a measurement.
"""

from __future__ import annotations

from enum import StrEnum


class Quality(StrEnum):
    EXCELLENT = "excellent"
    GOOD = "good"
    FAIR = "fair"
    POOR = "poor"
    UNKNOWN = "unknown"


# metric -> (excellent above, good above, fair above)
THRESHOLDS: dict[str, tuple[float, float, float]] = {
    "rsrp": (-80, -90, -100),
    "rsrq": (-10, -15, -20),
    "sinr": (20, 13, 0),
    "rssi": (-65, -75, -85),
}

PHYSICAL_RANGE: dict[str, tuple[float, float]] = {
    "rsrp": (-156, -31),
    "rsrq": (-43, 20),
    "sinr": (-23, 40),
    "rssi": (-130, 0),
}


def classify(metric: str, value: float | None) -> Quality:
    if value is None or metric not in THRESHOLDS:
        return Quality.UNKNOWN
    excellent, good, fair = THRESHOLDS[metric]
    if value > excellent:
        return Quality.EXCELLENT
    if value > good:
        return Quality.GOOD
    if value > fair:
        return Quality.FAIR
    return Quality.POOR


def plausible(metric: str, value: float | None) -> float | None:
    """The value if it can be a real reading of ``metric``, else None."""
    if value is None:
        return None
    low, high = PHYSICAL_RANGE[metric]
    return value if low <= value <= high else None


IMBALANCE_DB = 8.0  # a port this far below the median of its RAT's ports is suspect


def weak_ports(ports: list[tuple[str, float | None]], threshold: float = IMBALANCE_DB) -> list[str]:
    """Names of ports whose RSRP sits ``threshold`` dB or more below the median of the others.

    On a cross-polarised 4x4 antenna all four paths should read within a few
    dB; one far below points at a cable, a connector or the polarisation.
    Ports without a reading are not judged; fewer than two readings, nothing is.
    """
    values = sorted(v for _, v in ports if v is not None)
    if len(values) < 2:
        return []
    mid = len(values) // 2
    median = values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2
    return [name for name, v in ports if v is not None and median - v >= threshold]

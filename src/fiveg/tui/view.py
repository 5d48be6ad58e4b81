"""Text for the monitor's panels, built from records (no Textual, so it is testable alone)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import datetime

from rich.markup import escape

from fiveg.metrics import NR_RATS, Metric
from fiveg.quality import classify
from fiveg.radio import band_label
from fiveg.records import AntennaPort, Carrier, Neighbour, ServingCell
from fiveg.tracking import Mark, Peak
from fiveg.trend import ARROWS

BLOCKS = "▁▂▃▄▅▆▇█"
NONE = "—"


def fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return NONE
    text = f"{value:g}"
    return f"{text} {unit}" if unit else text


def age(seconds: float) -> str:
    """How old a reading is, coarse enough not to redraw the status line at every tick."""
    if seconds < 1:
        return "<1 s"
    return f"{seconds:.0f} s" if seconds < 100 else f"{seconds / 60:.0f} min"


def rate(per_second: float) -> str:
    """Polls per second to the nearest half, so jitter does not redraw the status line."""
    return f"{round(per_second * 2) / 2:g}"


def leg_lines(cell: ServingCell | None, title: str) -> str:
    if cell is None:
        return f"{title}: not connected"
    band = band_label(cell.rat, cell.band) or "band ?"
    head = f"{band}  PCI {fmt(cell.pci)}  ch {fmt(cell.arfcn)}"
    tail = [fmt(cell.dl_bandwidth_mhz, "MHz") if cell.dl_bandwidth_mhz else "", cell.state or ""]
    # a SINR whose scale no manual gives is shown as the modem said it, marked raw
    raw = cell.sinr is None and cell.sinr_raw is not None
    sinr = f"raw {cell.sinr_raw}" if raw else fmt(cell.sinr, "dB")
    return "\n".join(
        [
            head,
            f"RSRP {fmt(cell.rsrp, 'dBm')}  RSRQ {fmt(cell.rsrq, 'dB')}",
            f"SINR {sinr}  RSSI {fmt(cell.rssi, 'dBm')}",
            "  ".join(t for t in tail if t) or " ",
        ]
    )


def port_rows(ports: tuple[AntennaPort, ...]) -> list[tuple[str, ...]]:
    rat_name = {r: ("NR" if r in NR_RATS else "LTE") for r in {p.rat for p in ports}}
    return [
        (
            f"{rat_name[p.rat]} {p.name}",
            fmt(p.rsrp),
            fmt(p.rsrq),
            fmt(p.sinr),
        )
        for p in ports
    ]


def carrier_rows(carriers: tuple[Carrier, ...]) -> list[tuple[str, ...]]:
    return [
        (
            str(c.role),
            band_label(c.rat, c.band) or "band ?",
            fmt(c.bandwidth_mhz, "MHz"),
            fmt(c.pci),
            fmt(c.rsrp),
            fmt(c.sinr),
        )
        for c in carriers
    ]


def neighbour_rows(neighbours: tuple[Neighbour, ...]) -> list[tuple[str, ...]]:
    rows = sorted(neighbours, key=lambda n: -(n.rsrp if n.rsrp is not None else -999))
    return [
        (
            f"{'NR' if n.rat in NR_RATS else 'LTE'} {n.kind or ''}".strip(),
            fmt(n.arfcn),
            fmt(n.pci),
            fmt(n.rsrp),
            fmt(n.rsrq),
        )
        for n in rows
    ]


def mark_rows(marks: list[Mark], best: Mark | None) -> list[tuple[str, ...]]:
    return [
        (
            ("★ " if m is best else "  ") + m.label,
            m.time.strftime("%H:%M:%S"),
            fmt(round(m.median, 1), m.metric.unit),
            f"{m.low:g}..{m.high:g}",
            f"±{m.spread:.1f}",
            str(m.samples),
            str(m.cell) if m.cell else NONE,
        )
        for m in marks
    ]


def grid(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """Rows under bold headers in aligned columns (markup in values escaped)."""
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    head = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    body = [
        escape("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
        for row in rows
    ]
    return "\n".join([f"[b]{escape(head.rstrip())}[/b]", *body])


def bar(position: float | None, width: int = 30) -> str:
    """A horizontal bar filled to ``position`` (0..1); empty when there is no value."""
    if position is None:
        return "─" * width
    filled = round(max(0.0, min(1.0, position)) * width)
    return "█" * filled + "─" * (width - filled)


HISTORY_SPANS = (120.0,)  # seconds the history is drawn over before the full span


def history_span(held: float, tracker) -> float:
    """The seconds the history chart spans: two minutes, or the whole
    history (five minutes) that holds what was seen, so the first minutes of aiming are
    drawn in fine steps; fixed steps, so the chart is redrawn only when a slot changes."""
    full = tracker.history_span.total_seconds()
    return next((s for s in HISTORY_SPANS if held <= s and s < full), full)


# Terminal sizes below which panels hide (the order in README): (class, columns, rows).
LAYOUT_LIMITS = (
    ("-no-events", 0, 36),  # fewer than 36 rows: no events panel
    ("-short", 0, 30),  # fewer than 30: no tables either
    ("-tiny", 0, 22),  # fewer than 22: no history and no marks
    ("-narrow", 100, 0),  # fewer than 100 columns: the two legs stacked
    ("-compact", 60, 0),  # fewer than 60: the metric and the peak alone, one above the other
)


def weak_port_lines(weak: list[str]) -> str:
    """Lines under the Rx port grid naming the weak ports (markup, names escaped)."""
    if not weak:
        return ""
    return "\n\n[b]⚠ weak: " + escape(", ".join(weak)) + "[/b]\ncable, connector, polarisation?"


def layout_classes(columns: int, rows: int) -> dict[str, bool]:
    """Which of LAYOUT_LIMITS' classes a terminal of this size gets."""
    return {name: columns < cols or rows < lines for name, cols, lines in LAYOUT_LIMITS}


def below_peak(peak: Peak | None, reading) -> str:
    """`` · 3 dB below peak`` (or `` · at peak``), for the metric panel's state line."""
    if peak is None or reading is None or reading.value is None:
        return ""
    if reading.source != peak.metric:
        return ""
    gap = peak.value - reading.value
    return " · at peak" if gap <= 0 else f" · {gap:g} {peak.metric.unit} below peak"


def trend_text(trend, unit: str, have_value: bool = True) -> str:
    """``↑ rising +1.8 dB``: the trend of the followed metric, or nothing to compare yet."""
    if not have_value:
        return ""
    if trend.difference is None:
        return "trend: gathering"
    arrow = ARROWS[trend.trend]
    return f"{arrow} {trend.trend} {trend.difference:+.1f} {unit}"


def peak_marker(peak: int, width: int, label: str) -> tuple[str, str]:
    """The text before and after the ▲ under the history's peak column: the label to
    its right, or to its left where the right has no room, so it is never cut off (and
    left out where neither side has room)."""
    if label and peak + 2 + len(label) <= width:
        return " " * peak, f" {label}"
    if label and peak >= len(label) + 1:
        return " " * (peak - len(label) - 1) + label + " ", ""
    return " " * peak, ""


def spark_slots(
    samples: Iterable[tuple[float, float]],
    width: int,
    low: float,
    high: float,
    now: float,
    span: float,
) -> tuple[str, int | None]:
    """A sparkline of the last ``span`` seconds in ``width`` time slots, and the peak's column.

    Slots are fixed in time (``t // slot``), each showing its maximum (a short
    peak is never averaged away), the newest at the right, empty ones blank:
    the line changes only when a slot's maximum rises or a new slot begins, not
    with every reading, so the screen is redrawn a few times a minute, not four
    times a second. ``samples`` are (seconds, value); ``now`` ends the last slot.
    """
    if width <= 0 or span <= 0:
        return "", None
    slot = span / width
    last = math.floor(now / slot)
    first = last - width + 1
    maxima: dict[int, float] = {}
    for t, v in samples:
        k = math.floor(t / slot)
        if first <= k <= last:
            maxima[k] = max(v, maxima.get(k, v))
    if not maxima:
        return "", None
    span_v = (high - low) or 1.0
    chars = []
    for k in range(first, last + 1):
        if k not in maxima:
            chars.append(" ")
            continue
        x = max(0.0, min(1.0, (maxima[k] - low) / span_v))
        chars.append(BLOCKS[round(x * (len(BLOCKS) - 1))])
    top = max(maxima.values())
    peak = max(k for k, v in maxima.items() if v == top) - first
    return "".join(chars), peak


def peak_text(peak: Peak | None, current: float | None, now: datetime, current_cell) -> str:
    if peak is None:
        return "no reading yet"
    unit = peak.metric.unit
    ago = max(0, int((now - peak.time).total_seconds()))
    lines = [
        f"best {fmt(peak.value, unit)}",
        f"at {peak.time.astimezone().strftime('%H:%M:%S')} ({ago} s ago)",
        f"on {peak.cell}" if peak.cell else "cell unknown",
    ]
    if current is None:
        lines.append("now: no reading")
    elif peak.value - current <= 0:
        lines.append("now: AT THE PEAK")
    else:
        lines.append(f"now {peak.value - current:g} {unit} below")
    if peak.cell and current_cell and current_cell != peak.cell:
        lines.append("(peak was on another cell)")
    return "\n".join(lines)


def quality_class(metric: Metric, value: float | None) -> str:
    return classify(metric.quantity, value).value


def lock_text(bands) -> str | None:
    """The cell locks for the status line ("cell lock LTE 1300/123"), None when none is set:
    a locked modem cannot hand over, which changes what aiming can find."""
    locks = bands.locks if bands is not None else None
    if not locks:
        return None
    cells = [
        f"LTE {c.arfcn}/{c.pci}" if c.scs_khz is None else f"NR n{c.band} {c.arfcn}/{c.pci}"
        for c in locks
    ]
    return "cell lock " + ", ".join(cells)

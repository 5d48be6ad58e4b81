"""The report's pictures as inline SVG: the session over time, the bearings, the Rx ports.

Every text from a modem, a user or a file goes through ``_text``/``_attr``
(XML-escaped): a label is data, never markup. Coordinates come from
fiveg.report.plots; colours from CSS classes set by the page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

from fiveg.metrics import Metric
from fiveg.quality import weak_ports
from fiveg.report import plots
from fiveg.report.recording import Session


def _text(value: object) -> str:
    return escape(str(value))


def _attr(value: object) -> str:
    return quoteattr(str(value))


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _svg(width: int, height: int, title: str, body: Iterable[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label={_attr(title)}>'
        f"<title>{_text(title)}</title>" + "".join(body) + "</svg>"
    )


def _segments(points: Sequence[tuple[float, float | None]]) -> list[list[tuple[float, float]]]:
    """Runs of points without a gap: a missing reading breaks the line, never joins it."""
    runs: list[list[tuple[float, float]]] = [[]]
    for x, y in points:
        if y is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append((x, y))
    return [r for r in runs if r]


def timeline(session: Session, metrics: Sequence[Metric], title: str, unit: str) -> str:
    """Metrics over the session's time, the marks as labelled lines, changes as events."""
    width, height = 900, 300
    left, right, top, bottom = 56, 16, 28, 36
    t0 = session.readings[0].t if session.readings else 0.0
    span = max(session.duration, 1.0)
    x = plots.Scale(0.0, span, left, width - right)
    values = [v for r in session.readings for m in metrics if (v := r.value(m)) is not None]
    lo, hi = plots.padded(values, 2.0)
    yticks = plots.ticks(lo, hi, 5)
    y = plots.Scale(yticks[0], yticks[-1], height - bottom, top)
    out = [
        f'<rect class="frame" x="{left}" y="{top}" width="{width - left - right}" '
        f'height="{height - top - bottom}"/>'
    ]
    for value in yticks:
        out.append(
            f'<line class="grid" x1="{left}" x2="{width - right}" y1="{_n(y(value))}" '
            f'y2="{_n(y(value))}"/>'
        )
        out.append(
            f'<text class="tick" x="{left - 6}" y="{_n(y(value) + 4)}" '
            f'text-anchor="end">{_text(_n(value))}</text>'
        )
    for value in plots.ticks(0, span, 8):
        if value <= span:
            out.append(
                f'<text class="tick" x="{_n(x(value))}" y="{height - bottom + 16}" '
                f'text-anchor="middle">{_text(_n(value))} s</text>'
            )
    out.append(
        f'<text class="unit" x="{left - 6}" y="{top - 10}" text-anchor="end">{_text(unit)}</text>'
    )
    for event in session.events:
        if event.kind not in ("cell", "nr-leg", "band", "service"):
            continue
        ex = x((event.time - session.start).total_seconds() - t0)
        out.append(
            f'<g class="event"><line x1="{_n(ex)}" x2="{_n(ex)}" y1="{top}" '
            f'y2="{height - bottom}"/><path d="M{_n(ex - 5)},{top - 2} h10 l-5,7 z"/>'
            f"<title>{_text(event.text)}</title></g>"
        )
    best = session.best()
    last_x, row = -1e9, 0
    for mark in session.marks:
        mx = x((mark.time - session.start).total_seconds() - t0)
        row = (row + 1) % 2 if mx - last_x < 70 else 0  # close labels on two rows, not overlaid
        last_x = mx
        cls = "mark best" if mark is best else "mark"
        near_end = mx > width - right - 60  # the label left of its line, inside the frame
        tx, anchor = (mx - 3, "end") if near_end else (mx + 3, "start")
        out.append(
            f'<g class="{cls}"><line x1="{_n(mx)}" x2="{_n(mx)}" y1="{top}" '
            f'y2="{height - bottom}"/><text x="{_n(tx)}" y="{top + 12 + 14 * row}" '
            f'text-anchor="{anchor}">{_text(mark.label)}</text></g>'
        )
    for i, metric in enumerate(metrics):
        points = [(x(r.t - t0), r.value(metric)) for r in session.readings]
        for run in _segments([(px, None if v is None else y(v)) for px, v in points]):
            path = " ".join(f"{_n(px)},{_n(py)}" for px, py in run)
            out.append(f'<polyline class="series s{i}" points="{path}"/>')
        out.append(
            f'<text class="legend s{i}" x="{left + 8 + 130 * i}" y="{height - 6}">'
            f"— {_text(metric.label)}</text>"
        )
    return _svg(width, height, title, out)


def polar(bearings: Sequence[plots.Bearing], best_azimuth: float | None, unit: str) -> str:
    """Median per azimuth (dot) with the min..max spread (bar), north up; the best ringed."""
    size, margin = 420, 44
    cx = cy = size / 2
    radius = size / 2 - margin
    lo, hi = plots.padded([v for b in bearings for v in (b.low, b.high)], 1.0)
    rticks = plots.ticks(lo, hi, 4)
    r = plots.Scale(rticks[0], rticks[-1], radius * 0.15, radius)
    out = []
    for value in rticks:
        out.append(f'<circle class="grid" cx="{cx}" cy="{cy}" r="{_n(r(value))}"/>')
        out.append(
            f'<text class="tick" x="{cx + 3}" y="{_n(cy - r(value) - 2)}">'
            f"{_text(_n(value))} {_text(unit)}</text>"
        )
    for azimuth, name in ((0, "N"), (90, "E"), (180, "S"), (270, "W")):
        tx, ty = plots.polar_point(azimuth, radius + 18, cx, cy)
        out.append(
            f'<text class="compass" x="{_n(tx)}" y="{_n(ty + 5)}" '
            f'text-anchor="middle">{name}</text>'
        )
    for b in bearings:
        x1, y1 = plots.polar_point(b.azimuth, r(b.low), cx, cy)
        x2, y2 = plots.polar_point(b.azimuth, r(b.high), cx, cy)
        px, py = plots.polar_point(b.azimuth, r(b.median), cx, cy)
        cls = "bearing best" if b.azimuth == best_azimuth else "bearing"
        lx, ly = plots.polar_point(b.azimuth, radius + 4, cx, cy)
        out.append(
            f'<g class="{cls}"><line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}"/>'
            f'<circle cx="{_n(px)}" cy="{_n(py)}" r="{6 if cls.endswith("best") else 4}"/>'
            f'<text x="{_n(lx)}" y="{_n(ly)}" text-anchor="middle">{_text(_n(b.azimuth))}°</text>'
            f"<title>{_text(', '.join(b.labels))}: median {_text(_n(b.median))} {_text(unit)} "
            f"({_text(_n(b.low))}..{_text(_n(b.high))})</title></g>"
        )
    return _svg(size, size, "Median per azimuth with the min..max spread", out)


def ports(antennas: Sequence, title: str) -> str:
    """RSRP per Rx port, a port 8 dB or more below its RAT's median flagged (weak_ports)."""
    rows = [p for p in antennas if p.rsrp is not None]
    width, bar_left, row = 620, 130, 26
    height = 20 + row * max(len(rows), 1)
    x = plots.Scale(-140.0, -40.0, bar_left, width - 70)
    weak = set()
    for rat in {p.rat for p in rows}:
        weak |= {
            (rat, name) for name in weak_ports([(p.name, p.rsrp) for p in rows if p.rat == rat])
        }
    out = []
    for i, port in enumerate(rows):
        yy = 10 + i * row
        cls = "port weak" if (port.rat, port.name) in weak else "port"
        rat = "" if port.rat is None else f"{port.rat} "
        out.append(
            f'<g class="{cls}"><text x="{bar_left - 8}" y="{yy + 15}" text-anchor="end">'
            f"{_text(rat + port.name)}</text>"
            f'<rect x="{bar_left}" y="{yy + 3}" width="{_n(max(1.0, x(port.rsrp) - bar_left))}" '
            f'height="{row - 8}"/><text x="{_n(x(port.rsrp) + 6)}" y="{yy + 15}">'
            f"{_text(_n(port.rsrp))} dBm{' weak' if cls.endswith('weak') else ''}</text></g>"
        )
    return _svg(width, height, title, out)

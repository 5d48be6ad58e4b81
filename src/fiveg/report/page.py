"""The alignment report as one self-contained HTML page: inline CSS and SVG, no script, nothing
loaded from anywhere (a Content-Security-Policy says so to the browser too), every text from
the modem, the user or the file escaped."""

from __future__ import annotations

from html import escape

from fiveg.metrics import Metric, cell_key, lte_leg, nr_leg
from fiveg.radio import band_label
from fiveg.report import plots, svg
from fiveg.report.recording import Session

CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:24px auto;max-width:960px;color:#1d2430;
background:#fff}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #dde}
table{border-collapse:collapse}td,th{padding:3px 10px;text-align:left;border-bottom:1px solid #eef}
th{font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.best td{background:#fff6d6;font-weight:600}.warn{background:#fde8e4;padding:8px 12px;
border-left:4px solid #c0392b}.muted{color:#667}
svg{display:block;max-width:100%;height:auto;font:12px system-ui,sans-serif}
.frame{fill:#fafbfd;stroke:#ccd}.grid{stroke:#e3e6ee;fill:none}.tick,.unit{fill:#667}
.series{fill:none;stroke-width:2}.series.s0{stroke:#1f6fd1}.series.s1{stroke:#d1731f}
text.legend.s0{fill:#1f6fd1}text.legend.s1{fill:#d1731f}
.mark line{stroke:#5a5f6e;stroke-dasharray:4 3}.mark text{fill:#2c3140}
.mark.best line{stroke:#c79a00;stroke-width:2;stroke-dasharray:none}
.mark.best text{fill:#8a6a00;font-weight:700}
.event line{stroke:#c0392b;stroke-opacity:.5}.event path{fill:#c0392b}
.bearing line{stroke:#1f6fd1;stroke-width:5;stroke-opacity:.35;stroke-linecap:round}
.bearing circle{fill:#1f6fd1}.bearing text{fill:#445}.compass{fill:#223;font-weight:700}
.bearing.best circle{fill:#c79a00;stroke:#8a6a00;stroke-width:2}
.bearing.best line{stroke:#c79a00}.bearing.best text{fill:#8a6a00;font-weight:700}
.port rect{fill:#3c8d5a}.port.weak rect{fill:#c0392b}.port text{fill:#223}
"""
POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _e(value: object) -> str:
    return escape("-" if value is None else str(value))


def _num(value: float | None, unit: str = "") -> str:
    return "-" if value is None else f"{value:g}{unit}"


def _facts(session: Session, name: str) -> list[tuple[str, str]]:
    snaps = [r.snapshot for r in session.readings]
    device = next((s.device for s in reversed(snaps) if s.device.model), None)
    operator = next((s.operator for s in reversed(snaps) if s.operator.name), None)
    bands: dict[str, None] = {}
    for s in snaps:
        for cell in s.serving:
            if (label := band_label(cell.rat, cell.band)) is not None:
                bands.setdefault(label, None)
        for carrier in s.carriers:
            if (label := band_label(carrier.rat, carrier.band)) is not None:
                bands.setdefault(label, None)
    rate = session.poll_rate
    modem = " ".join(x for x in (device.manufacturer, device.model) if x) if device else None
    return [
        ("Recording", name),
        (
            "Started",
            session.start.isoformat(timespec="seconds") if session.start_known else "not recorded",
        ),
        ("Modem", modem or "not reported"),
        ("Firmware", (device.revision if device else None) or "not reported"),
        ("Dialect", session.dialect),
        ("Operator", operator.name if operator else "not reported"),
        ("Cells seen", ", ".join(session.cells()) or "none"),
        ("Bands seen", ", ".join(bands) or "none"),
        ("Duration", f"{session.duration:.0f} s, {len(session.readings)} readings"),
        ("Poll rate", f"{rate:.1f} readings/s" if rate else "one poll"),
        ("Followed", session.metric.label),
    ]


def _table(headers: list[str], rows: list[list[str]], classes: list[str] | None = None) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = []
    for i, row in enumerate(rows):
        cls = f' class="{classes[i]}"' if classes and classes[i] else ""
        body.append(f"<tr{cls}>" + "".join(row) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def render(session: Session, name: str) -> str:
    """The whole page."""
    best = session.best()
    unit = session.metric.unit
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Alignment report: {_e(name)}</title><style>{CSS}</style></head><body>",
        f"<h1>Alignment report</h1><p class=muted>{_e(name)}</p>",
    ]
    if best is not None:
        parts.append(
            f"<p><strong>Best position: {_e(best.label)}</strong>, median "
            f"{_num(best.median)} {_e(best.metric.unit)} {_e(best.metric.label)} "
            f"(min {_num(best.low)}, max {_num(best.high)}) on {_e(best.cell)}.</p>"
        )
    parts.append("<h2>Session</h2>")
    parts.append(
        _table(
            ["", ""], [[f"<th>{_e(k)}</th>", f"<td>{_e(v)}</td>"] for k, v in _facts(session, name)]
        )
    )
    if session.readings:
        parts.append("<h2>Signal over time</h2>")
        parts.append(
            "<p class=muted>Dashed lines: the marks (the best in gold); red: a change "
            "of cell, band or NR leg (hover for which), after which readings are not "
            "comparable.</p>"
        )
        parts.append(svg.timeline(session, (Metric.NR_SINR, Metric.LTE_SINR), "SINR", "dB"))
        parts.append(svg.timeline(session, (Metric.NR_RSRP, Metric.LTE_RSRP), "RSRP", "dBm"))
    bearings = plots.bearings(session.marks)
    if bearings:
        best_az = plots.parse_azimuth(best.label) if best else None
        parts.append("<h2>By azimuth</h2>")
        parts.append(svg.polar(bearings, best_az, unit))
    parts.append("<h2>Marks</h2>")
    if not session.marks:
        parts.append(
            "<p class=muted>No marks in this recording (press m in 5g-monitor, with "
            "--record, to keep positions).</p>"
        )
    else:
        cells = {str(m.cell) for m in session.marks}
        if len(cells) > 1:
            listed = _e(", ".join(sorted(cells)))
            parts.append(
                f'<p class="warn">The marks were taken on different cells ({listed}): compare '
                "only marks on the same cell; the best is named among all of them.</p>"
            )
        rows, classes = [], []
        for m in session.marks:
            azimuth = plots.parse_azimuth(m.label)
            rows.append(
                [
                    f"<td>{'★ ' if m is best else ''}{_e(m.label)}</td>",
                    f"<td class=n>{'-' if azimuth is None else f'{azimuth:g}°'}</td>",
                    f"<td class=n>{_num(m.median)}</td>",
                    f"<td class=n>{_num(m.low)}</td>",
                    f"<td class=n>{_num(m.high)}</td>",
                    f"<td class=n>{m.spread:.1f}</td>",
                    f"<td class=n>{m.samples}</td>",
                    f"<td>{_e(m.cell)}</td>",
                    f"<td>{_e(m.metric.label)}, {m.window:g} s</td>",
                    f"<td>{_e(f'{(m.time - session.start).total_seconds():g} s')}</td>",
                ]
            )
            classes.append("best" if m is best else "")
        parts.append(
            _table(
                [
                    "Mark",
                    "Azimuth",
                    f"Median {unit}",
                    "Min",
                    "Max",
                    "Spread",
                    "Readings",
                    "Cell",
                    "Metric, window",
                    "At",
                ],
                rows,
                classes,
            )
        )
    for label, why in session.refused_marks:
        parts.append(f"<p class=muted>Mark {_e(label)} not made again: {_e(why)}.</p>")
    if best is not None:
        antennas = session.ports_at(best.time)
        parts.append(f"<h2>Rx ports at the best mark ({_e(best.label)})</h2>")
        if antennas:
            parts.append(
                "<p class=muted>A port 8 dB or more below its RAT's median (red) points "
                "at a cable, connector or polarisation problem.</p>"
            )
            parts.append(svg.ports(antennas, f"Rx port RSRP at {best.label}"))
        else:
            parts.append("<p class=muted>This modem reported no per-port readings.</p>")
    changes = [e for e in session.events if e.kind in ("cell", "nr-leg", "band", "service")]
    parts.append("<h2>Changes</h2>")
    if changes:
        parts.append(
            "<ul>"
            + "".join(
                f"<li>{_e(f'{(e.time - session.start).total_seconds():.1f} s')}: {_e(e.text)}</li>"
                for e in changes
            )
            + "</ul>"
        )
    else:
        parts.append("<p class=muted>No cell, band or NR-leg change.</p>")
    parts.append("<p class=muted>Made by 5g-report from the recording alone.</p></body></html>")
    return "\n".join(parts) + "\n"


def csv_rows(session: Session) -> list[list[str]]:
    """One row per reading, for a spreadsheet: time, the four metrics, both legs' cells."""
    rows = [
        [
            "time",
            "seconds",
            "nr_sinr_db",
            "lte_sinr_db",
            "nr_rsrp_dbm",
            "lte_rsrp_dbm",
            "lte_cell",
            "nr_cell",
        ]
    ]
    for r in session.readings:
        lte, nr = cell_key(lte_leg(r.snapshot)), cell_key(nr_leg(r.snapshot))
        rows.append(
            [
                r.snapshot.time.isoformat(timespec="milliseconds"),
                f"{r.t:g}",
                *(
                    "" if (v := r.value(m)) is None else f"{v:g}"
                    for m in (Metric.NR_SINR, Metric.LTE_SINR, Metric.NR_RSRP, Metric.LTE_RSRP)
                ),
                "" if lte is None else str(lte),
                "" if nr is None else str(nr),
            ]
        )
    return rows

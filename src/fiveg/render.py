"""Rich tables for people: one per section, values coloured by quality."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from fiveg.quality import Quality, classify
from fiveg.radio import band_label
from fiveg.records import Snapshot
from fiveg.sections import SECTIONS

STYLE = {
    Quality.EXCELLENT: "bold green",
    Quality.GOOD: "green",
    Quality.FAIR: "yellow",
    Quality.POOR: "red",
    Quality.UNKNOWN: "",
}


def _fmt(value: object, unit: str = "") -> str:
    if value is None:
        return "-"
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return f"{text}{unit}"


def metric(name: str, value: float | None, unit: str) -> Text:
    return Text(_fmt(value, unit), style=STYLE[classify(name, value)])


def _sinr(value: float | None, raw: int | None) -> Text:
    """A SINR whose scale no manual gives is shown raw, so it is neither lost nor taken as dB."""
    if value is None and raw is not None:
        return Text(f"raw {raw}", style="dim")
    return metric("sinr", value, " dB")


class _Table(Table):
    """A table whose cells are text as given: a modem's, a user's or a file's words are data,
    so a str cell never goes through rich's markup (an operator named "[/]" is shown so)."""

    def add_row(self, *cells, **kw) -> None:
        super().add_row(*(Text(c) if isinstance(c, str) else c for c in cells), **kw)


def _table(title: str, columns: Sequence[str]) -> Table:
    table = _Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for column in columns:
        table.add_column(column)
    return table


def _device(s: Snapshot, chosen_by: str | None = None) -> Table:
    t = _table("Device", ("", ""))
    t.show_header = False
    d = s.device
    for label, value in (
        ("Manufacturer", d.manufacturer),
        ("Model", d.model),
        ("Revision", d.revision),
        ("IMEI", d.imei),
        ("Dialect", f"{s.dialect} ({chosen_by})" if s.dialect and chosen_by else s.dialect),
    ):
        t.add_row(label, _fmt(value))
    return t


def _network(s: Snapshot) -> Table:
    t = _table("Network", ("", ""))
    t.show_header = False
    o = s.operator
    plmn = f"{o.mcc}-{o.mnc}" if o.mcc and o.mnc else None
    t.add_row("Operator", _fmt(o.name or o.short_name))
    t.add_row("PLMN", _fmt(plmn))
    t.add_row("State", _fmt(s.state))
    for n in s.network:
        t.add_row("Access", f"{_fmt(n.access_technology)} {_fmt(n.band)} ch {_fmt(n.arfcn)}")
    if s.signal is not None:
        t.add_row("CSQ RSSI", metric("rssi", s.signal.rssi, " dBm"))
    return t


def _serving(s: Snapshot) -> Table:
    t = _table(
        "Serving cells",
        (
            "RAT",
            "State",
            "Band",
            "ARFCN",
            "MHz",
            "BW",
            "PCI",
            "Cell",
            "TAC",
            "RSRP",
            "RSRQ",
            "SINR",
            "RSSI",
            "CQI",
            "TX",
        ),
    )
    for c in s.serving:
        cell = _fmt(c.cell_id)
        if c.enodeb_id is not None:
            cell = f"{c.enodeb_id}/{c.sector_id}"
        t.add_row(
            c.rat,
            _fmt(c.state),
            _fmt(band_label(c.rat, c.band)),
            _fmt(c.arfcn),
            _fmt(c.frequency_mhz),
            _fmt(c.dl_bandwidth_mhz, " MHz"),
            _fmt(c.pci),
            cell,
            _fmt(f"{c.tac:X}" if c.tac is not None else None),
            metric("rsrp", c.rsrp, " dBm"),
            metric("rsrq", c.rsrq, " dB"),
            _sinr(c.sinr, c.sinr_raw),
            metric("rssi", c.rssi, " dBm"),
            _fmt(c.cqi),
            _fmt(c.tx_power_dbm, " dBm"),
        )
    return t


def _carriers(s: Snapshot) -> Table:
    t = _table(
        "Carrier aggregation",
        ("Role", "RAT", "Band", "ARFCN", "MHz", "BW", "PCI", "RSRP", "RSRQ", "SINR", "RSSI"),
    )
    for c in s.carriers:
        t.add_row(
            c.role,
            c.rat,
            _fmt(band_label(c.rat, c.band)),
            _fmt(c.arfcn),
            _fmt(c.frequency_mhz),
            _fmt(c.bandwidth_mhz, " MHz"),
            _fmt(c.pci),
            metric("rsrp", c.rsrp, " dBm"),
            metric("rsrq", c.rsrq, " dB"),
            metric("sinr", c.sinr, " dB"),
            metric("rssi", c.rssi, " dBm"),
        )
    if s.carriers:
        total = sum(c.bandwidth_mhz or 0 for c in s.carriers)
        t.caption = f"{len(s.carriers)} carriers, {total:g} MHz aggregated"
    return t


def _antennas(s: Snapshot) -> Table:
    t = _table("Antenna ports", ("RAT", "Port", "RSRP", "RSRQ", "SINR"))
    for a in s.antennas:
        t.add_row(
            _fmt(a.rat),
            a.name,
            metric("rsrp", a.rsrp, " dBm"),
            metric("rsrq", a.rsrq, " dB"),
            metric("sinr", a.sinr, " dB"),
        )
    return t


def _neighbours(s: Snapshot) -> Table:
    t = _table("Neighbour cells", ("RAT", "Kind", "ARFCN", "MHz", "PCI", "RSRP", "RSRQ", "RSSI"))
    for n in sorted(s.neighbours, key=lambda n: -999 if n.rsrp is None else -n.rsrp):
        t.add_row(
            n.rat,
            _fmt(n.kind),
            _fmt(n.arfcn),
            _fmt(n.frequency_mhz),
            _fmt(n.pci),
            metric("rsrp", n.rsrp, " dBm"),
            metric("rsrq", n.rsrq, " dB"),
            metric("rssi", n.rssi, " dBm"),
        )
    return t


def _temperatures(s: Snapshot) -> Table:
    t = _table("Temperatures", ("Sensor", "°C"))
    for temp in s.temperatures:
        t.add_row(temp.sensor, _fmt(temp.celsius))
    return t


def _bands(s: Snapshot) -> Table:
    t = _table("Bands and locks", ("", ""))
    t.show_header = False
    b = s.bands
    if b is None:
        return t

    def listed(bands: tuple[int, ...] | None) -> str:
        return "-" if bands is None else ":".join(str(n) for n in bands) or "(none)"

    t.add_row("Mode", _fmt(b.mode))
    t.add_row("LTE bands", listed(b.lte))
    t.add_row("NR NSA bands", listed(b.nsa_nr5g))
    t.add_row("NR SA bands", listed(b.nr5g))
    for name, locks in (("LTE cell lock", b.lte_locks), ("NR cell lock", b.nr_locks)):
        t.add_row(name, "-" if locks is None else ", ".join(map(str, locks)) or "none")
    return t


_BUILDERS = {
    "device": _device,
    "network": _network,
    "serving": _serving,
    "carriers": _carriers,
    "antennas": _antennas,
    "neighbours": _neighbours,
    "temperatures": _temperatures,
    "bands": _bands,
}


def render(
    snapshot: Snapshot,
    console: Console,
    sections: Iterable[str] = SECTIONS,
    chosen_by: str | None = None,
) -> None:
    """``chosen_by`` says what settled the dialect (shown beside it)."""
    for name in sections:
        table = _device(snapshot, chosen_by) if name == "device" else _BUILDERS[name](snapshot)
        if table.row_count:
            console.print(table)
        else:
            console.print(Text(f"{table.title}: none reported", style="dim"))
            console.print()
    if snapshot.unparsed:
        console.print(
            Text(f"{len(snapshot.unparsed)} line(s) of unknown shape kept raw:", style="dim")
        )
        for u in snapshot.unparsed:
            console.print(Text(f"  {u.command}: {u.line}", style="dim"))

"""The metric a person aiming an antenna follows, read out of a Snapshot.

The monitor follows one number at a time (by ear), so choosing it is a
domain decision: NR SINR by default, because it tracks how well a
directional antenna rejects interference; LTE SINR when there is no NR leg
(or it reports no SINR), and the screen says so, since the two are not
comparable.
"""

from __future__ import annotations

from enum import StrEnum

from fiveg.radio import band_label
from fiveg.records import Rat, ServingCell, Snapshot, record

NR_RATS = frozenset({Rat.NR5G_NSA, Rat.NR5G_SA, Rat.NR5G})


class Metric(StrEnum):
    NR_SINR = "nr-sinr"
    LTE_SINR = "lte-sinr"
    NR_RSRP = "nr-rsrp"
    LTE_RSRP = "lte-rsrp"

    @property
    def quantity(self) -> str:
        """The quality-table key: ``sinr`` or ``rsrp``."""
        return self.value.split("-")[1]

    @property
    def nr(self) -> bool:
        return self.value.startswith("nr")

    @property
    def label(self) -> str:
        return f"{'NR' if self.nr else 'LTE'} {self.quantity.upper()}"

    @property
    def unit(self) -> str:
        return "dB" if self.quantity == "sinr" else "dBm"


CYCLE: tuple[Metric, ...] = (Metric.NR_SINR, Metric.LTE_SINR, Metric.NR_RSRP, Metric.LTE_RSRP)
FALLBACK = {Metric.NR_SINR: Metric.LTE_SINR, Metric.NR_RSRP: Metric.LTE_RSRP}


@record
class CellKey:
    """What makes two readings comparable: the same cell on the same channel."""

    rat: Rat
    pci: int | None = None
    arfcn: int | None = None
    band: int | None = None
    cell_id: int | None = None

    def __str__(self) -> str:
        band = band_label(self.rat, self.band) or "band ?"
        pci = "?" if self.pci is None else self.pci
        return f"{band} PCI {pci}"


@record
class Reading:
    """The followed value in one snapshot; ``source`` differs from ``asked`` on fallback."""

    asked: Metric
    source: Metric
    value: float | None = None
    cell: CellKey | None = None

    @property
    def fell_back(self) -> bool:
        return self.source is not self.asked


def nr_leg(snapshot: Snapshot) -> ServingCell | None:
    return next((c for c in snapshot.serving if c.rat in NR_RATS), None)


def lte_leg(snapshot: Snapshot) -> ServingCell | None:
    return next((c for c in snapshot.serving if c.rat is Rat.LTE), None)


def cell_key(cell: ServingCell | None) -> CellKey | None:
    if cell is None:
        return None
    return CellKey(
        rat=cell.rat, pci=cell.pci, arfcn=cell.arfcn, band=cell.band, cell_id=cell.cell_id
    )


def _value(snapshot: Snapshot, metric: Metric) -> tuple[float | None, ServingCell | None]:
    cell = nr_leg(snapshot) if metric.nr else lte_leg(snapshot)
    if cell is None:
        return None, None
    return getattr(cell, metric.quantity), cell


def read(snapshot: Snapshot, metric: Metric) -> Reading:
    """The metric's value, falling back from NR to LTE when NR has none."""
    value, cell = _value(snapshot, metric)
    source = metric
    if value is None and metric in FALLBACK:
        value, cell = _value(snapshot, FALLBACK[metric])
        source = FALLBACK[metric] if value is not None else metric
    return Reading(asked=metric, source=source, value=value, cell=cell_key(cell))

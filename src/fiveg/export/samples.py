"""A snapshot as Prometheus samples: names, labels and values, before any exposition.

Pure (no prometheus_client here: fiveg.export.collector turns these into metric
families). Naming per the Prometheus naming guide: one ``fiveg_`` prefix, the unit
as suffix (``_dbm`` and ``_db`` for the logarithmic units, ``_hertz``, ``_seconds``,
``_celsius`` otherwise), ``_total`` on counters, identity only in ``_info``
metrics (value 1), never on the signal series, and never the IMEI, IMSI or ICCID.
A value the modem did not report has no sample, never a 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from fiveg.radio import band_label
from fiveg.records import Rat, ServingCell, Snapshot


class Family(NamedTuple):
    kind: str  # "gauge" or "counter"
    help: str
    labels: tuple[str, ...]


_SERVING = ("rat", "band")
_CARRIER = ("rat", "role", "band", "index")
_PORT = ("rat", "port")

# Every metric the exporter can serve (the dashboard and the alert rules are checked
# against this table). A counter's name here is without its _total suffix.
FAMILIES: dict[str, Family] = {
    "fiveg_up": Family("gauge", "1 when the last poll answered, else 0.", ()),
    "fiveg_poll_seconds": Family("gauge", "How long the last poll took.", ()),
    "fiveg_poll_errors": Family(
        "counter",
        "Commands that failed (refused or unanswered); command=port when the port could "
        "not be opened or went away, command=modem when the modem stopped answering.",
        ("command",),
    ),
    "fiveg_last_success_timestamp_seconds": Family(
        "gauge", "Unix time of the last poll the modem answered.", ()
    ),
    "fiveg_build_info": Family("gauge", "The fiveg version serving these metrics.", ("version",)),
    "fiveg_modem_info": Family(
        "gauge", "What the modem says it is.", ("manufacturer", "model", "revision", "dialect")
    ),
    "fiveg_serving_cell_info": Family(
        "gauge",
        "The serving cell of each leg (identity: kept off the signal series).",
        ("rat", "pci", "arfcn", "cell_id", "tac", "mcc", "mnc"),
    ),
    "fiveg_serving_rsrp_dbm": Family("gauge", "Serving cell RSRP.", _SERVING),
    "fiveg_serving_rsrq_db": Family("gauge", "Serving cell RSRQ.", _SERVING),
    "fiveg_serving_sinr_db": Family("gauge", "Serving cell SINR.", _SERVING),
    "fiveg_serving_rssi_dbm": Family("gauge", "Serving cell RSSI.", _SERVING),
    "fiveg_serving_cqi": Family("gauge", "Serving cell CQI.", _SERVING),
    "fiveg_serving_tx_power_dbm": Family("gauge", "Transmit power on the serving cell.", _SERVING),
    "fiveg_serving_frequency_hertz": Family("gauge", "Serving cell downlink frequency.", _SERVING),
    "fiveg_serving_bandwidth_hertz": Family(
        "gauge", "Serving cell bandwidth.", (*_SERVING, "direction")
    ),
    "fiveg_nr_leg_up": Family(
        "gauge",
        "1 while an EN-DC (NSA) modem has its NR leg, 0 while it is on LTE alone; served "
        "once an NR leg has been seen.",
        (),
    ),
    "fiveg_carrier_rsrp_dbm": Family("gauge", "Component carrier RSRP.", _CARRIER),
    "fiveg_carrier_rsrq_db": Family("gauge", "Component carrier RSRQ.", _CARRIER),
    "fiveg_carrier_rssi_dbm": Family("gauge", "Component carrier RSSI.", _CARRIER),
    "fiveg_carrier_sinr_db": Family("gauge", "Component carrier SNR (RSSNR).", _CARRIER),
    "fiveg_carrier_frequency_hertz": Family(
        "gauge", "Component carrier downlink frequency.", _CARRIER
    ),
    "fiveg_carrier_bandwidth_hertz": Family(
        "gauge", "Component carrier bandwidth.", (*_CARRIER, "direction")
    ),
    "fiveg_rx_port_rsrp_dbm": Family("gauge", "RSRP at each receive antenna port.", _PORT),
    "fiveg_rx_port_rsrq_db": Family("gauge", "RSRQ at each receive antenna port.", _PORT),
    "fiveg_rx_port_sinr_db": Family("gauge", "SINR at each receive antenna port.", _PORT),
    "fiveg_temperature_celsius": Family("gauge", "Modem temperature sensors.", ("sensor",)),
}

MHZ = 1_000_000.0


class Sample(NamedTuple):
    name: str
    labels: tuple[str, ...]  # values, in the order of FAMILIES[name].labels
    value: float


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _band(rat: Rat, band: int | None) -> str:
    return band_label(rat, band) or ""


def _serving(cell: ServingCell) -> Iterable[Sample]:
    labels = (str(cell.rat), _band(cell.rat, cell.band))
    for name, value in (
        ("fiveg_serving_rsrp_dbm", cell.rsrp),
        ("fiveg_serving_rsrq_db", cell.rsrq),
        ("fiveg_serving_sinr_db", cell.sinr),  # a raw SINR of unknown scale is not dB: none
        ("fiveg_serving_rssi_dbm", cell.rssi),
        ("fiveg_serving_cqi", cell.cqi),
        ("fiveg_serving_tx_power_dbm", cell.tx_power_dbm),
        ("fiveg_serving_frequency_hertz", _hz(cell.frequency_mhz)),
    ):
        if value is not None:
            yield Sample(name, labels, float(value))
    for direction, mhz in (("downlink", cell.dl_bandwidth_mhz), ("uplink", cell.ul_bandwidth_mhz)):
        if mhz is not None:
            yield Sample("fiveg_serving_bandwidth_hertz", (*labels, direction), mhz * MHZ)
    yield Sample(
        "fiveg_serving_cell_info",
        (
            str(cell.rat),
            _text(cell.pci),
            _text(cell.arfcn),
            _text(cell.cell_id),
            _text(cell.tac),
            _text(cell.mcc),
            _text(cell.mnc),
        ),
        1.0,
    )


def _hz(mhz: float | None) -> float | None:
    return None if mhz is None else round(mhz * MHZ)


def signal_samples(snapshot: Snapshot) -> list[Sample]:
    """Every signal sample a snapshot holds; labels that would repeat are kept once (first)."""
    out: list[Sample] = []
    d = snapshot.device
    out.append(
        Sample(
            "fiveg_modem_info",
            (_text(d.manufacturer), _text(d.model), _text(d.revision), _text(snapshot.dialect)),
            1.0,
        )
    )
    for cell in snapshot.serving:
        out.extend(_serving(cell))
    position: dict[str, int] = {}
    for carrier in snapshot.carriers:
        index = position.get(str(carrier.role), 0)
        position[str(carrier.role)] = index + 1
        labels = (str(carrier.rat), str(carrier.role), _band(carrier.rat, carrier.band), str(index))
        for name, value in (
            ("fiveg_carrier_rsrp_dbm", carrier.rsrp),
            ("fiveg_carrier_rsrq_db", carrier.rsrq),
            ("fiveg_carrier_rssi_dbm", carrier.rssi),
            ("fiveg_carrier_sinr_db", carrier.sinr),
            ("fiveg_carrier_frequency_hertz", _hz(carrier.frequency_mhz)),
        ):
            if value is not None:
                out.append(Sample(name, labels, float(value)))
        for direction, mhz in (
            ("downlink", carrier.bandwidth_mhz),
            ("uplink", carrier.ul_bandwidth_mhz),
        ):
            if mhz is not None:
                out.append(Sample("fiveg_carrier_bandwidth_hertz", (*labels, direction), mhz * MHZ))
    for port in snapshot.antennas:
        labels = ("" if port.rat is None else str(port.rat), port.name)
        for name, value in (
            ("fiveg_rx_port_rsrp_dbm", port.rsrp),
            ("fiveg_rx_port_rsrq_db", port.rsrq),
            ("fiveg_rx_port_sinr_db", port.sinr),
        ):
            if value is not None:
                out.append(Sample(name, labels, float(value)))
    for temp in snapshot.temperatures:
        if temp.celsius is not None:
            out.append(Sample("fiveg_temperature_celsius", (temp.sensor,), float(temp.celsius)))
    return _unique(out)


def nr_leg(snapshot: Snapshot) -> bool | None:
    """Whether an EN-DC modem has its NR leg: None when no LTE anchor is serving (SA, none)."""
    rats = {cell.rat for cell in snapshot.serving}
    if Rat.LTE not in rats:
        return None
    return Rat.NR5G_NSA in rats


def _unique(samples: list[Sample]) -> list[Sample]:
    seen: set[tuple[str, tuple[str, ...]]] = set()
    out = []
    for s in samples:
        key = (s.name, s.labels)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def state_samples(
    *,
    up: bool,
    poll_seconds: float | None,
    last_success: float | None,
    errors: Mapping[str, int],
    version: str,
    nr_leg_up: bool | None,
) -> list[Sample]:
    """The exporter's own samples, served whether or not the last poll answered."""
    out = [
        Sample("fiveg_up", (), 1.0 if up else 0.0),
        Sample("fiveg_build_info", (version,), 1.0),
    ]
    if poll_seconds is not None:
        out.append(Sample("fiveg_poll_seconds", (), poll_seconds))
    if last_success is not None:
        out.append(Sample("fiveg_last_success_timestamp_seconds", (), last_success))
    if nr_leg_up is not None:
        out.append(Sample("fiveg_nr_leg_up", (), 1.0 if nr_leg_up else 0.0))
    out.extend(Sample("fiveg_poll_errors", (c,), float(n)) for c, n in sorted(errors.items()))
    return out

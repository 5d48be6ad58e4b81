"""Typed records for everything a modem reports.

Every field a modem did not report (or reported as a "no value" marker such
as -32768 or "-") is ``None``; parsers never fill a gap with a number. Where a
unit conversion happens, the raw value sits beside the converted one so a
reader can check the conversion against the manual.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Rat(StrEnum):
    LTE = "LTE"
    NR5G_NSA = "NR5G-NSA"
    NR5G_SA = "NR5G-SA"
    NR5G = "NR5G"  # carriers and neighbours: the NR leg without the mode
    WCDMA = "WCDMA"


class Role(StrEnum):
    PCC = "PCC"
    SCC = "SCC"


@dataclass(frozen=True, slots=True, kw_only=True)
class Device:
    manufacturer: str | None = None
    model: str | None = None
    revision: str | None = None
    imei: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Operator:
    name: str | None = None
    short_name: str | None = None
    mcc: str | None = None
    mnc: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class NetworkInfo:
    """One line of the modem's own summary of where it is registered."""

    access_technology: str | None = None
    mcc: str | None = None
    mnc: str | None = None
    band: str | None = None
    arfcn: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SignalQuality:
    """AT+CSQ, kept because every modem answers it."""

    rssi: int | None = None
    rssi_raw: int | None = None
    ber: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ServingCell:
    rat: Rat
    state: str | None = None
    duplex: str | None = None
    mcc: str | None = None
    mnc: str | None = None
    cell_id: int | None = None
    enodeb_id: int | None = None
    sector_id: int | None = None
    tac: int | None = None
    pci: int | None = None
    arfcn: int | None = None
    band: int | None = None
    frequency_mhz: float | None = None
    dl_bandwidth_mhz: float | None = None
    ul_bandwidth_mhz: float | None = None
    scs_khz: int | None = None
    rsrp: int | None = None
    rsrq: int | None = None
    rssi: int | None = None
    sinr: float | None = None
    sinr_raw: int | None = None
    cqi: int | None = None
    tx_power_dbm: float | None = None
    tx_power_raw: int | None = None
    srxlev: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Carrier:
    """One component carrier of carrier aggregation (or EN-DC's NR leg)."""

    rat: Rat
    role: Role
    arfcn: int | None = None
    band: int | None = None
    frequency_mhz: float | None = None
    bandwidth_mhz: float | None = None
    bandwidth_raw: int | None = None
    ul_bandwidth_mhz: float | None = None
    ul_arfcn: int | None = None
    ul_configured: bool | None = None
    pci: int | None = None
    state: int | None = None
    rsrp: int | None = None
    rsrq: int | None = None
    rssi: int | None = None
    sinr: float | None = None
    extra: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Neighbour:
    rat: Rat
    kind: str | None = None  # "intra" / "inter" frequency
    arfcn: int | None = None
    frequency_mhz: float | None = None
    pci: int | None = None
    rsrp: int | None = None
    rsrq: int | None = None
    rssi: int | None = None
    sinr: float | None = None
    sinr_raw: int | None = None
    srxlev: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AntennaPort:
    """One receive path; a cross-polarised 4x4 antenna shows up as four of these."""

    rat: Rat
    port: int
    name: str
    rsrp: int | None = None
    rsrq: int | None = None
    sinr: float | None = None
    rsrp_raw: int | None = None
    rsrq_raw: int | None = None
    sinr_raw: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Temperature:
    sensor: str
    celsius: float | None = None
    raw: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Unparsed:
    """A line whose shape no parser knows: kept verbatim, never guessed at."""

    command: str
    line: str


@dataclass(frozen=True, slots=True, kw_only=True)
class CommandFailure:
    command: str
    error: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Snapshot:
    """Everything one poll learned, stamped with when it was taken."""

    time: datetime
    device: Device = Device()
    operator: Operator = Operator()
    state: str | None = None
    network: tuple[NetworkInfo, ...] = ()
    signal: SignalQuality | None = None
    serving: tuple[ServingCell, ...] = ()
    carriers: tuple[Carrier, ...] = ()
    neighbours: tuple[Neighbour, ...] = ()
    antennas: tuple[AntennaPort, ...] = ()
    temperatures: tuple[Temperature, ...] = ()
    unparsed: tuple[Unparsed, ...] = ()
    errors: tuple[CommandFailure, ...] = ()
    dialect: str | None = None

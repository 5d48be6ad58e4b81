"""Typed records for everything a modem reports.

Every field a modem did not report (or reported as a "no value" marker such
as -32768 or "-") is ``None``; parsers never fill a gap with a number. Where a
unit conversion happens, the raw value sits beside the converted one so a
reader can check the conversion against the manual.
"""

from __future__ import annotations

from dataclasses import MISSING, FrozenInstanceError, dataclass, fields
from datetime import datetime
from enum import StrEnum
from operator import attrgetter


def _frozen(self, name, value=None):
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _eq(self, other):
    if other.__class__ is not self.__class__:
        return NotImplemented
    return self._values(self) == other._values(other)


def _hash(self):
    return hash(self._values(self))


def _repr(self):
    pairs = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._names)
    return f"{self.__class__.__qualname__}({pairs})"


def record(cls):
    """An immutable record: a slotted, keyword-only dataclass that is quick to build.

    ``@dataclass(frozen=True)`` compiles five methods per class and its
    ``__init__`` sets each field through ``object.__setattr__``; with a dozen
    records that is a tenth of 5g-info's start-up, and parsers build dozens
    per poll. Here only ``__init__`` is compiled, setting the slots directly;
    equality, hashing, repr and immutability are shared functions. The result
    is still a dataclass (``fields``, ``asdict``, ``replace`` work).
    """
    cls = dataclass(slots=True, kw_only=True, init=False, repr=False, eq=False)(cls)
    names, params, env = [], [], {}
    for f in fields(cls):
        env[f"_set_{f.name}"] = cls.__dict__[f.name].__set__
        if f.default is not MISSING:
            env[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        else:
            params.append(f.name)
        names.append(f.name)
    body = "\n".join(f"    _set_{n}(self, {n})" for n in names) or "    pass"
    exec(f"def __init__(self, *, {', '.join(params)}):\n{body}\n", env)  # as dataclasses does
    env["__init__"].__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = env["__init__"]
    cls._names = tuple(names)
    cls._values = staticmethod(attrgetter(*names))
    cls.__setattr__ = cls.__delattr__ = _frozen
    cls.__eq__, cls.__hash__, cls.__repr__ = _eq, _hash, _repr
    return cls


class Rat(StrEnum):
    LTE = "LTE"
    NR5G_NSA = "NR5G-NSA"
    NR5G_SA = "NR5G-SA"
    NR5G = "NR5G"  # carriers and neighbours: the NR leg without the mode
    WCDMA = "WCDMA"
    GSM = "GSM"


class Role(StrEnum):
    PCC = "PCC"
    SCC = "SCC"


@record
class Device:
    """What the modem says it is."""

    manufacturer: str | None = None
    model: str | None = None
    revision: str | None = None
    imei: str | None = None


@record
class Operator:
    """The network the modem is registered on."""

    name: str | None = None
    short_name: str | None = None
    mcc: str | None = None
    mnc: str | None = None


@record
class NetworkInfo:
    """One line of the modem's own summary of where it is registered."""

    access_technology: str | None = None
    mcc: str | None = None
    mnc: str | None = None
    band: str | None = None
    arfcn: int | None = None


@record
class SignalQuality:
    """AT+CSQ, kept because every modem answers it."""

    rssi: int | None = None
    rssi_raw: int | None = None
    ber: int | None = None


@record
class ServingCell:
    """A cell the modem is camped on or connected to (for EN-DC, one per leg)."""

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
    rsrp: float | None = None
    rsrq: float | None = None
    rssi: float | None = None
    sinr: float | None = None
    sinr_raw: int | None = None
    cqi: int | None = None
    tx_power_dbm: float | None = None
    tx_power_raw: int | None = None
    srxlev: int | None = None


@record
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
    rsrp: float | None = None
    rsrq: float | None = None
    rssi: float | None = None
    sinr: float | None = None
    extra: tuple[str, ...] = ()


@record
class Neighbour:
    """A cell the modem measures but does not use."""

    rat: Rat
    kind: str | None = None  # "intra" / "inter" frequency
    arfcn: int | None = None
    frequency_mhz: float | None = None
    pci: int | None = None
    rsrp: float | None = None
    rsrq: float | None = None
    rssi: float | None = None
    sinr: float | None = None
    sinr_raw: int | None = None
    srxlev: int | None = None


@record
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


@record
class Temperature:
    """One sensor; None when the modem reports its "no sensor" value."""

    sensor: str
    celsius: float | None = None
    raw: str | None = None


@record
class Unparsed:
    """A line whose shape no parser knows: kept verbatim, never guessed at."""

    command: str
    line: str


@record
class CommandFailure:
    """A command the modem refused or never answered, and how."""

    command: str
    error: str


@record
class CellLock:
    """A cell the modem is told to camp on (Quectel ``AT+QNWLOCK``): LTE by EARFCN and PCI,
    NR (SA only) by PCI, NR-ARFCN, subcarrier spacing and band."""

    rat: Rat
    arfcn: int | None = None
    pci: int | None = None
    scs_khz: int | None = None
    band: int | None = None

    def __str__(self) -> str:
        if self.rat is Rat.LTE:
            return f"EARFCN {self.arfcn} PCI {self.pci}"
        return f"PCI {self.pci} ARFCN {self.arfcn} SCS {self.scs_khz} kHz n{self.band}"


@record
class BandSettings:
    """The modem's search preferences and cell locks, as it reports them.

    ``mode`` is the modem's own word ("AUTO", "LTE:NR5G"); the band lists are
    band numbers. A field is ``None`` when the modem did not answer its query;
    a lock list is empty when the modem answered that nothing is locked.
    """

    mode: str | None = None
    lte: tuple[int, ...] | None = None
    nsa_nr5g: tuple[int, ...] | None = None
    nr5g: tuple[int, ...] | None = None
    lte_locks: tuple[CellLock, ...] | None = None
    nr_locks: tuple[CellLock, ...] | None = None

    @property
    def locks(self) -> tuple[CellLock, ...] | None:
        """Every cell lock, or None when neither lock query was answered."""
        if self.lte_locks is None and self.nr_locks is None:
            return None
        return (*(self.lte_locks or ()), *(self.nr_locks or ()))


@record
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
    bands: BandSettings | None = None  # None: the dialect reads no band settings, or none answered

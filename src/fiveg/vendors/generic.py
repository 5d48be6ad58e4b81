"""The 3GPP TS 27.007 base every dialect stands on, and the dialect for unknown modems.

Identity (ATI per V.250 6.1.3; +CGMI/+CGMM/+CGMR/+CGSN per 27.007 5.1-5.4),
operator (+COPS 7.3), signal (+CSQ 8.5, +CESQ 8.69) and registration
(+CEREG 10.1.22, +C5GREG 10.1.48) are standard, so any modem answers some of
them. A vendor module parses its own commands and hands the rest to ``Base``,
which also fills what the vendor lines left empty (NR SINR from +CESQ, say):
every dialect returns the same records.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from functools import lru_cache
from typing import NamedTuple

from fiveg import radio
from fiveg.records import (
    AntennaPort,
    Carrier,
    CommandFailure,
    Device,
    Neighbour,
    NetworkInfo,
    Operator,
    Rat,
    ServingCell,
    SignalQuality,
    Snapshot,
    Temperature,
    Unparsed,
)
from fiveg.vendors.dialect import CommandSet
from fiveg.vendors.fields import number, split_fields, split_plmn, to_hex, to_int, ucs2_digits

NAME = "generic"

IDENTITY_COMMANDS: tuple[str, ...] = ("ATI", "AT+CGSN")
# Asked when ATI alone does not say who made the modem (and by the generic dialect).
MAKER_COMMANDS: tuple[str, ...] = ("AT+CGMI", "AT+CGMM")

STANDARD_COMMANDS: tuple[str, ...] = (
    "AT+CGMR",
    "AT+COPS?",
    "AT+CSQ",
    "AT+CESQ",
    "AT+CEREG?",
    "AT+C5GREG?",
)
INFO_COMMANDS: tuple[str, ...] = (*IDENTITY_COMMANDS, *MAKER_COMMANDS, *STANDARD_COMMANDS)
FAST_COMMANDS: tuple[str, ...] = ("AT+CESQ",)
SLOW_COMMANDS: tuple[str, ...] = ("AT+COPS?", "AT+CSQ", "AT+CEREG?", "AT+C5GREG?")


def commands(model: str | None) -> CommandSet:
    return CommandSet(info=INFO_COMMANDS, fast=FAST_COMMANDS, slow=SLOW_COMMANDS)


_IMEI = re.compile(r"\b(\d{14,17})\b")
_LABELLED = re.compile(r"^(manufacturer|model|revision|imei)\s*:\s*(.*)$", re.IGNORECASE)


# ---------------------------------------------------------------- identity


@lru_cache(maxsize=64)
def _ati(lines: tuple[str, ...]) -> Device:
    return parse_ati(lines)


def parse_ati(lines: Sequence[str]) -> Device:
    """ATI (V.250 6.1.3) is free text, in one of two shapes seen in practice.

    Labelled ("Manufacturer: ...", "Model: ...", "Revision: ...", "IMEI: ...":
    Sierra, Fibocom, SIMCom, Huawei) or bare (manufacturer, model, then
    "Revision: ...": Quectel, Telit). Lines after the labels (+GCAP, SVN) are
    not identity.
    """
    labelled: dict[str, str] = {}
    bare: list[str] = []
    for line in lines:
        m = _LABELLED.match(line.strip())
        if m:
            labelled.setdefault(m.group(1).lower(), m.group(2).strip())
        elif not line.startswith(("+", "^")) and ":" not in line:
            bare.append(line.strip())
    if "manufacturer" in labelled or "model" in labelled:
        return Device(
            manufacturer=labelled.get("manufacturer") or None,
            model=labelled.get("model") or None,
            revision=labelled.get("revision") or None,
            imei=labelled.get("imei") if _IMEI.fullmatch(labelled.get("imei", "")) else None,
        )
    return Device(
        manufacturer=bare[0] if bare else None,
        model=bare[1] if len(bare) > 1 else None,
        revision=labelled.get("revision") or None,
    )


def parse_value(lines: Sequence[str]) -> str | None:
    """+CGMI/+CGMM/+CGMR (27.007 5.1-5.3): one text line, bare or as '+CGMI: "<text>"'."""
    for line in lines:
        text = line.split(":", 1)[1] if line.startswith("+CGM") else line
        text = text.strip().strip('"').strip()
        if text:
            return text
    return None


def parse_cgsn(lines: Sequence[str]) -> str | None:
    """AT+CGSN (27.007 5.4): the IMEI, bare or as +CGSN: "<sn>"."""
    for line in lines:
        m = _IMEI.search(line)
        if m:
            return m.group(1)
    return None


def identity(answers: Mapping[str, Sequence[str]], model: str | None = None) -> Device:
    """The Device from whichever identity commands were answered; ATI first."""
    # cached: the monitor hands the same ATI lines in with every poll
    ati = _ati(tuple(answers["ATI"])) if "ATI" in answers else Device()
    maker = parse_value(answers.get("AT+CGMI", ()))
    name = parse_value(answers.get("AT+CGMM", ()))
    revision = parse_value(answers.get("AT+CGMR", ()))
    # +CGMI/+CGMM mean the manufacturer and the model (27.007 5.1, 5.2); ATI is free text
    # (a SIM7000 answers "SIM7000G R1529" alone), so the standard answers win when given.
    return Device(
        manufacturer=maker or ati.manufacturer,
        model=name or ati.model or model,
        revision=ati.revision or revision,
        imei=parse_cgsn(answers.get("AT+CGSN", ())) or ati.imei,
    )


# ---------------------------------------------------------------- +CSQ, +COPS


def csq_rssi_dbm(index: int | None) -> int | None:
    """+CSQ <rssi> (27.007 8.5): 0 is -113 dBm or less, 2 dBm steps, 31 is -51 or more."""
    if index is None or not 0 <= index <= 31:
        return None
    return -113 + 2 * index


def parse_csq(payload: str) -> SignalQuality:
    f = split_fields(payload)
    raw = to_int(f[0]) if f else None
    ber = to_int(f[1]) if len(f) > 1 else None
    return SignalQuality(
        rssi=csq_rssi_dbm(raw), rssi_raw=raw, ber=ber if ber is not None and ber <= 7 else None
    )


# <AcT> of +COPS, +CEREG and +C5GREG (27.007 7.3): the radio the modem is on.
ACT_NAMES = {
    0: "GSM",
    2: "UTRAN",
    3: "GSM/EGPRS",
    4: "UTRAN HSDPA",
    5: "UTRAN HSUPA",
    6: "UTRAN HSPA",
    7: "LTE",
    8: "LTE CAT-M1",
    9: "LTE NB-IoT",
    10: "LTE (5GC)",
    11: "NR (5GC)",
    12: "NG-RAN",
    13: "LTE-NR EN-DC",
}
_LTE_ACT = frozenset({7, 8, 9, 10, 13})
_NR_SA_ACT = frozenset({11, 12})


def parse_cops(payload: str) -> Operator | None:
    """+COPS: <mode>[,<format>,<oper>[,<AcT>]] (27.007 7.3).

    <oper> is a string, so a modem set to AT+CSCS="UCS2" prints it as UCS2 hex (27.007
    5.5). fiveg does not ask +CSCS, so only the numeric form, digits and nothing else,
    is decoded from UCS2 ("003200360032003000320030" is 262020); an alphanumeric name
    is kept as printed, hex or not: that a name is hex is no proof it is UCS2.
    """
    f = split_fields(payload)
    if len(f) < 3 or not f[2]:
        return None
    fmt = to_int(f[1])
    if fmt == 2:
        mcc, mnc = split_plmn(ucs2_digits(f[2]) or f[2])
        return Operator(mcc=mcc, mnc=mnc)
    if fmt == 0:
        return Operator(name=f[2])
    if fmt == 1:
        return Operator(short_name=f[2])
    return None


def cops_act(payload: str) -> int | None:
    f = split_fields(payload)
    return to_int(f[3]) if len(f) > 3 else None


# ---------------------------------------------------------------- +CESQ index scales


def index_scale(index: int | None, top: int, first: float, step: float) -> float | None:
    """A reporting index 0..top as the lower edge of the range it names (as ModemManager reads it).

    The two end bins are open (TS 27.007 8.69: 0 is "rsrq < -19.5 dB", ``top``
    is "-3 dB <= rsrq"): each reads as the one edge it has, so 0 gives the
    bound it is below (-19.5 dB, the same number as index 1: "-19.5 or less")
    rather than a lower edge no bin names (-20 would be an invented reading).
    255, and anything else past ``top``, is "not known or not detectable".
    """
    if index is None or not 0 <= index <= top:
        return None
    return number(round(float(first + step * max(index, 1)), 1))


def lte_rsrp(index: int | None) -> float | None:
    """<rsrp> 0..97 (27.007 8.69 after TS 36.133 9.1.4): 1 is -140 <= RSRP < -139 dBm."""
    return index_scale(index, 97, -141, 1)


def lte_rsrq(index: int | None) -> float | None:
    """<rsrq> 0..34 (27.007 8.69 after TS 36.133 9.1.7): 1 is -19.5 <= RSRQ < -19 dB."""
    return index_scale(index, 34, -20, 0.5)


def nr_rsrp(index: int | None) -> float | None:
    """<ss_rsrp> 0..126 (27.007 8.69 after TS 38.133 10.1.6): 1 is -156 <= SS-RSRP < -155."""
    return index_scale(index, 126, -157, 1)


def nr_rsrq(index: int | None) -> float | None:
    """<ss_rsrq> 0..127 (27.007 8.69 after TS 38.133 10.1.11): 1 is -43 <= SS-RSRQ < -42.5."""
    return index_scale(index, 127, -43.5, 0.5)


def nr_sinr(index: int | None) -> float | None:
    """<ss_sinr> 0..127 (27.007 8.69 after TS 38.133 10.1.16): 1 is -23 <= SS-SINR < -22.5."""
    return index_scale(index, 127, -23.5, 0.5)


class Cesq(NamedTuple):
    """+CESQ: <rxlev>,<ber>,<rscp>,<ecno>,<rsrq>,<rsrp>[,<ss_rsrq>,<ss_rsrp>,<ss_sinr>]."""

    lte_rsrq: float | None = None
    lte_rsrp: float | None = None
    nr_rsrq: float | None = None
    nr_rsrp: float | None = None
    nr_sinr: float | None = None


def parse_cesq(payload: str) -> Cesq | None:
    f = [to_int(x) for x in split_fields(payload)]
    if len(f) < 6:
        return None
    nr = f[6:9] if len(f) >= 9 else [None, None, None]
    return Cesq(
        lte_rsrq=lte_rsrq(f[4]),
        lte_rsrp=lte_rsrp(f[5]),
        nr_rsrq=nr_rsrq(nr[0]),
        nr_rsrp=nr_rsrp(nr[1]),
        nr_sinr=nr_sinr(nr[2]),
    )


# ---------------------------------------------------------------- +CEREG, +C5GREG

# <stat> (27.007 10.1.22 / 10.1.48), as a state word beside the vendors' own.
REG_STATE = {
    0: "NOT REGISTERED",
    1: "REGISTERED",
    2: "SEARCHING",
    3: "DENIED",
    4: "UNKNOWN",
    5: "ROAMING",
    8: "EMERGENCY ONLY",
}


class Registration(NamedTuple):
    stat: int | None = None
    tac: int | None = None
    cell_id: int | None = None
    act: int | None = None


def parse_registration(payload: str) -> Registration | None:
    """+CEREG/+C5GREG: <n>,<stat>[,[<tac>],[<ci>],[<AcT>],...] (read form; hex strings).

    <tac> and <ci> appear only when the modem was set to <n> >= 2, which a
    read-only tool does not do: without them the record holds only <stat>.
    """
    f = split_fields(payload)
    if len(f) < 2:
        return None
    return Registration(
        stat=to_int(f[1]),
        tac=to_hex(f[2]) if len(f) > 2 else None,
        cell_id=to_hex(f[3]) if len(f) > 3 else None,
        act=to_int(f[4]) if len(f) > 4 else None,
    )


def _ints(fields: Sequence[str], allowed: frozenset[int] | range | None = None) -> bool:
    """Every field an unsigned decimal number, as V.250 5.4.2.1 writes numeric constants
    (in ``allowed``, when given): "-0" or "+1" is not a <mode>, a <stat> or an index."""
    for text in fields:
        digits = text.strip()
        if not (digits.isascii() and digits.isdigit()):
            return False
        if allowed is not None and int(digits) not in allowed:
            return False
    return True


# +CESQ fields (27.007 8.69): <rxlev> 0..63, <ber> 0..7 (99 not known), <rscp> 0..96,
# <ecno> 0..49, <rsrq> 0..34, <rsrp> 0..97, <ss_rsrq> 0..127, <ss_rsrp> 0..126,
# <ss_sinr> 0..127 (255 not known)
CESQ_RANGES = tuple(
    frozenset((*range(0, top + 1), unknown))
    for top, unknown in (
        (63, 99),
        (7, 99),
        (96, 255),
        (49, 255),
        (34, 255),
        (97, 255),
        (127, 255),
        (126, 255),
        (127, 255),
    )
)
_COPS_MODES = range(0, 5)  # 27.007 7.3 <mode> 0..4
_COPS_FORMATS = range(0, 3)  # <format> 0 long, 1 short alphanumeric, 2 numeric


def _plmn_digits(oper: str) -> bool:
    """A numeric <oper>: 3 MCC and 2 or 3 MNC digits (27.007 7.3), or the same as UCS2."""
    digits = ucs2_digits(oper) or oper
    return digits.isdigit() and len(digits) in (5, 6)


def well_formed(kind: str, payload: str) -> bool:
    """Whether a standard line has its command's form (27.007 7.3, 8.5, 8.69, 10.1.22,
    10.1.48); what a field holds is checked by each parser, this only tells a line that
    can be read from one that cannot."""
    f = split_fields(payload)
    if not f or f == [""]:
        return False
    if kind == "cops":  # <mode>[,<format>,<oper>[,<AcT>]]
        if len(f) == 1:
            return _ints(f, _COPS_MODES)  # registered nowhere: nothing more to say
        return (
            len(f) in (3, 4)
            and _ints(f[:1], _COPS_MODES)
            and _ints(f[1:2], _COPS_FORMATS)
            and bool(f[2])
            and (f[1].strip() != "2" or _plmn_digits(f[2]))
            and (len(f) == 3 or _ints(f[3:], frozenset(ACT_NAMES)))
        )
    if kind == "csq":  # <rssi>,<ber>
        return len(f) == 2 and _ints(f)
    if kind == "cesq":  # six fields, nine with the NR ones: each an index or "not known"
        return len(f) in (6, 9) and all(
            _ints([text], allowed) for text, allowed in zip(f, CESQ_RANGES, strict=False)
        )
    # +CEREG/+C5GREG: <n>,<stat>[,...]: <stat> one the table names
    return len(f) >= 2 and _ints(f[:1], range(0, 6)) and _ints(f[1:2], frozenset(REG_STATE))


# ---------------------------------------------------------------- the shared accumulator

_GENERIC_PREFIX = {
    "+COPS:": "cops",
    "+CSQ:": "csq",
    "+CESQ:": "cesq",
    "+CEREG:": "cereg",
    "+C5GREG:": "c5greg",
}
_IDENTITY = frozenset({"ATI", "AT+CGMI", "AT+CGMM", "AT+CGMR", "AT+CGSN"})


def is_nr(rat: Rat) -> bool:
    return rat in (Rat.NR5G_NSA, Rat.NR5G_SA, Rat.NR5G)


def merge_operator(a: Operator, b: Operator | None) -> Operator:
    """``a``, with what it lacks taken from ``b`` (names from one command, PLMN from another)."""
    if b is None:
        return a
    return Operator(
        name=a.name or b.name,
        short_name=a.short_name or b.short_name,
        mcc=a.mcc or b.mcc,
        mnc=a.mnc or b.mnc,
    )


def fill(cell: ServingCell, extra: ServingCell | None) -> ServingCell:
    """``cell`` with its empty fields taken from ``extra`` (another reading of the same leg)."""
    if extra is None:
        return cell
    updates = {
        name: getattr(extra, name)
        for name in ServingCell._names
        if name != "rat" and getattr(cell, name) is None and getattr(extra, name) is not None
    }
    return replace(cell, **updates) if updates else cell


class Base:
    """What one poll learned, gathered line by line and built into a Snapshot once.

    Vendor modules add their records; standard lines go through ``standard``.
    At the end the standard readings fill the vendor cells' gaps, or stand
    alone when the vendor gave no cell for that leg.
    """

    def __init__(self, answers: Mapping[str, Sequence[str]], model: str | None = None) -> None:
        self.device = identity(answers, model)
        self.model = self.device.model
        self.operator = Operator()
        self.state: str | None = None
        self.network: list[NetworkInfo] = []
        self.signal: SignalQuality | None = None
        self.serving: list[ServingCell] = []
        self.carriers: list[Carrier] = []
        self.neighbours: list[Neighbour] = []
        self.antennas: list[AntennaPort] = []
        self.temperatures: list[Temperature] = []
        self.unparsed: list[Unparsed] = []
        self._cops: Operator | None = None
        self._act: int | None = None
        self._cesq: Cesq | None = None
        self._eps: Registration | None = None
        self._nr: Registration | None = None

    @staticmethod
    def owns(command: str) -> bool:
        """Identity commands, parsed up front by ``identity``."""
        return command in _IDENTITY

    def standard(self, command: str, line: str) -> bool:
        """Take a standard 27.007 line; False when it is not one.

        A line with a standard prefix but not in that command's form (a field
        that should be a number and is not, a <stat> or <AcT> no table has, an
        empty reply) is kept raw in ``unparsed``, never silently dropped.
        """
        prefix, sep, payload = line.partition(":")
        kind = _GENERIC_PREFIX.get(prefix.strip() + ":") if sep else None
        if kind is None:
            return False
        if not well_formed(kind, payload):
            self.unparsed.append(Unparsed(command=command, line=line))
            return True
        if kind == "cops":
            self._cops = parse_cops(payload) or self._cops
            self._act = cops_act(payload)
        elif kind == "csq":
            self.signal = parse_csq(payload)
        elif kind == "cesq":
            value = parse_cesq(payload)
            if value is None:
                self.unparsed.append(Unparsed(command=command, line=line))
            self._cesq = value or self._cesq
        else:
            value = parse_registration(payload)
            if value is None:
                self.unparsed.append(Unparsed(command=command, line=line))
            elif kind == "cereg":
                self._eps = value
            else:
                self._nr = value
        return True

    def keep(self, command: str, line: str) -> None:
        self.unparsed.append(Unparsed(command=command, line=line))

    def read(
        self,
        answers: Mapping[str, Sequence[str]],
        take: Callable[[str, str, dict], bool] = lambda command, line, state: False,
    ) -> None:
        """Offer each answered line to the vendor's ``take``, then to the standard parsers.

        ``take`` gets a state dict per command (for replies whose rows follow a
        header line) and says whether it used the line. A line neither wants,
        or one too malformed for the shape its prefix promises, is kept raw:
        parsing never raises.
        """
        for command, lines in answers.items():
            if self.owns(command):
                continue
            state: dict = {}
            for line in lines:
                try:
                    used = take(command, line, state) or self.standard(command, line)
                except (IndexError, ValueError):
                    used = False
                if not used:
                    self.keep(command, line)

    # --- the standard legs ------------------------------------------------------------

    def _act_now(self) -> int | None:
        """+COPS's <AcT> names the access (13 for EN-DC, where +CEREG may say 7)."""
        if self._act is not None:
            return self._act
        for reg in (self._nr, self._eps):
            if reg is not None and reg.act is not None:
                return reg.act
        return None

    def _standard_cells(self) -> list[ServingCell]:
        act = self._act_now()
        cesq = self._cesq or Cesq()
        cells = []
        eps, nr = self._eps or Registration(), self._nr or Registration()
        mcc, mnc = self.operator.mcc, self.operator.mnc
        lte_seen = cesq.lte_rsrp is not None or cesq.lte_rsrq is not None
        if lte_seen or eps.cell_id is not None:
            cells.append(
                ServingCell(
                    rat=Rat.LTE,
                    mcc=mcc,
                    mnc=mnc,
                    tac=eps.tac,
                    **radio.lte_cell_ids(eps.cell_id),
                    rsrp=cesq.lte_rsrp,
                    rsrq=cesq.lte_rsrq,
                )
            )
        nr_seen = any(v is not None for v in (cesq.nr_rsrp, cesq.nr_rsrq, cesq.nr_sinr))
        if nr_seen or nr.cell_id is not None:
            sa = act in _NR_SA_ACT or (act is None and not lte_seen)
            cells.append(
                ServingCell(
                    rat=Rat.NR5G_SA if sa else Rat.NR5G_NSA,
                    mcc=mcc,
                    mnc=mnc,
                    tac=nr.tac if sa else None,
                    cell_id=nr.cell_id if sa else None,
                    rsrp=cesq.nr_rsrp,
                    rsrq=cesq.nr_rsrq,
                    sinr=cesq.nr_sinr,
                )
            )
        return cells

    def _serving(self) -> list[ServingCell]:
        standard = self._standard_cells()
        out = []
        for cell in self.serving:
            # the standard readings are of an LTE or an NR leg: a GSM or WCDMA cell takes none
            same = next(
                (s for s in standard if s.rat is cell.rat or (is_nr(s.rat) and is_nr(cell.rat))),
                None,
            )
            out.append(fill(cell, same))
        legs = {is_nr(c.rat) for c in self.serving}
        out += [s for s in standard if is_nr(s.rat) not in legs]
        return out

    def _state(self) -> str | None:
        if self.state:
            return self.state
        for reg in (self._nr, self._eps):
            if reg is not None and reg.stat in (1, 5):
                return REG_STATE[reg.stat]
        for reg in (self._eps, self._nr):
            if reg is not None and reg.stat is not None:
                return REG_STATE.get(reg.stat)
        return None

    def snapshot(
        self, *, time: datetime, errors: Sequence[CommandFailure], dialect: str
    ) -> Snapshot:
        self.operator = merge_operator(self.operator, self._cops)
        network = list(self.network)
        act = self._act_now()
        if not network and act in ACT_NAMES:
            network.append(
                NetworkInfo(
                    access_technology=ACT_NAMES[act], mcc=self.operator.mcc, mnc=self.operator.mnc
                )
            )
        return Snapshot(
            time=time,
            device=self.device,
            operator=self.operator,
            state=self._state(),
            network=tuple(network),
            signal=self.signal,
            serving=tuple(self._serving()),
            carriers=tuple(self.carriers),
            neighbours=tuple(self.neighbours),
            antennas=tuple(self.antennas),
            temperatures=tuple(self.temperatures),
            unparsed=tuple(self.unparsed),
            errors=tuple(errors),
            dialect=dialect,
        )


def parse_snapshot(
    answers: Mapping[str, Sequence[str]],
    *,
    time: datetime,
    model: str | None = None,
    errors: Sequence[CommandFailure] = (),
) -> Snapshot:
    """Whatever an unknown modem reports through the standard commands."""
    base = Base(answers, model)
    base.read(answers)
    return base.snapshot(time=time, errors=errors, dialect=NAME)

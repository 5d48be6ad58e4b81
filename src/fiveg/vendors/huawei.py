"""Huawei dialect (ME909s/ME936, E3372 in stick mode, 5G Balong modules).

Sources. The ^MONSC/^MONNC/^MONSSC layouts are Huawei's own: the Balong AT
code in Huawei's open-source phone kernels prints them
(drivers/hisi/modem/tafnew, AT_NetMonFmtEutranSCellData,
AT_NetMonFmtNrSCellData, AT_NetMonFmtEutranNCellData,
AT_NetMonFmtNrNCellData, AT_NetMonFmtNrSSCellData; e.g. the ELS-AN00
release mirrored in Impalabs/resources). The rest is from the ME909s/ME906
and MH50x0 AT Command Interface Specifications as quoted by public parsers
that checked them on hardware; the fixtures' real replies come from those
projects' captures.

- ``^HCSQ: "LTE",<rssi>,<rsrp>,<sinr>,<rsrq>`` and ``^HCSQ: "NR",<rsrp>,
  <sinr>,<rsrq>``: indices. <rssi> 0..96 (1 is -120 <= RSSI < -119 dBm),
  <rsrp> 0..97 (1 is -140 <= RSRP < -139), <sinr> 0..251 (1 is
  -20 <= SINR < -19.8 dB, 0.2 dB steps), <rsrq> 0..34; 255 is unknown.
  The LTE and NR orders differ (SINR third for LTE, second for NR), a
  classic mix-up, and so do the RSRQ scales: the LTE query goes through
  the +CESQ conversion (1 is -19.5 <= RSRQ < -19 dB, 0.5 dB steps), the
  NR one does not (AT_Format5GHcsqResult calls AT_ConvertCerssiRsrq on the
  whole-dB value: 1 is -39 <= RSRQ < -38 dB, 1 dB steps, 34 is -6 dB or
  more). A real MT5700M-CN SA reading agrees: ``"NR",68,211,31`` beside
  ``^MONSC: ...,-73,-9,23`` (woshinibabao1/MT5700-Console
  tests/mock-modem/real-samples.txt). In EN-DC the query prints the
  master node's line and then the secondary node's (AT_FormatHcsqQryResult,
  mrdcFlag): ``"LTE"`` then ``"NR"``. ``^HCSQ: "NOSERVICE"`` has no reading.
- ``^MONSC: LTE,<mcc>,<mnc>,<arfcn>,<cell_id>,<pci>,<tac>,<rsrp>,<rsrq>,
  <rssi>`` (format ",%u,%X,%X,%X,%d,%d,%d") and ``^MONSC: NR,<mcc>,<mnc>,
  <arfcn>,<scs>,<cell_id>,<pci>,<tac>,<rsrp>,<rsrq>,<sinr>`` (",%u,%d,%s,
  %X,%X,%d,%d,%d"): dBm/dB values; cell id, PCI and TAC in hex for both.
  ``^MONSC: NONE`` when there is no serving cell.
- ``^MONSSC: NR,<arfcn>,<pci>,<rsrp>,<rsrq>,<sinr>,<meas_rs_type>``: the NR
  leg of EN-DC (PCI hex), one line per NR component carrier, the PSCell
  first (the command table's 2CC example), or ``^MONSSC: NONE``. Firmware
  without the command answers COMMAND NOT SUPPORT (or ERROR; at_init.c
  AT_InitPara): the NR leg is then what ^HCSQ's "NR" line reads.
- ``^MONNC: LTE,<arfcn>,<pci>,<rsrp>,<rsrq>,<rssi>``, ``^MONNC: NR,<arfcn>,
  <pci>,<rsrp>,<rsrq>,<sinr>`` (PCI hex), or ``^MONNC: NONE``. Some
  firmware scales the values; any outside the physical range is dropped.
- ``^HFREQINFO: <n>,<sysmode>,<band>,<dl_fcn>,<dl_freq>,<dl_bw>,<ul_fcn>,
  <ul_freq>,<ul_bw>[,<band>,...]``: one group of seven per carrier, the
  first the primary; <sysmode> 6 LTE, 7 NR; bandwidths in kHz. The
  frequencies are in 100 kHz for LTE (the command table: B18 EARFCN 5925 as
  8675; a real MT5700M EN-DC reply: EARFCN 1300 as 18150, UL 19300 as 17200,
  woshinibabao1/MT5700-Console tests/sysmode-label.test.js) and in kHz for
  NR (the same replies: NR-ARFCN 513000 as 2565000, 528960 as 2644800,
  which TS 38.104 confirms). 0 is "invalid" for a channel or frequency. An
  SCell without uplink prints <ul_fcn> 0 and <ul_bw> 1400 (real MT5700M-CN
  SA reply, tests/mock-modem/real-samples.txt of the same project), 1400
  being what an unset width maps to (entry 0 of gusbandwidth in the MBB AT
  code's at_lte_eventreport.c): without an uplink channel no width is read.
  <dl_fcn> is the carrier's centre channel, not the SSB channel ^MONSC and
  ^MONSSC print (524910 beside 528960, 504990 beside 513000 in those
  captures): a serving cell is on the carrier whose bandwidth holds its
  frequency.
- ``^SYSINFOEX: <srv_status>,<srv_domain>,<roam_status>,<sim_state>,
  <lock_state>,<sysmode>,<sysmode_name>,<submode>,<submode_name>``
  (the command table in at_phone_mm_cmd_tbl.c): <srv_status> 0 no service,
  1 limited, 2 valid, 3 limited regional, 4 power saving; <sysmode> 0 NO
  SERVICE, 6 LTE, 11 NR-5GC (names from g_sysModeTbl). Sysmode 0 names no
  access technology.
- ``^CHIPTEMP?``: tenths of a degree per sensor, 65535 for none. The
  five-value LTE form names PA sensors first, then two more (one of them a
  whole-degree reading in the captures): only the three PA values are read.
  The twelve-value 5G form is tenths throughout.

Identity. Huawei's ATI is labelled (Manufacturer/Model/Revision/IMEI, MG323
and MC509 AT Command Interface Specifications, ATI), and +CGMR (MC509 spec
3.4: the software version, one bare line) is asked besides, for when ATI is
refused. ``^VERSION?`` lists ``^VERSION:<item>:<text>`` lines; in two
published E3372 captures (pixelspark/tymodem README, an OpenBSD user's notes)
EXTU carries ATI's Model and EXTS its Revision, so they stand in for those
when ATI gave none. The other items (BDT build date, EXTH hardware, EXTD
web UI, CFG...) have no Device field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime

from fiveg import radio
from fiveg.quality import plausible
from fiveg.records import (
    Carrier,
    CommandFailure,
    Neighbour,
    NetworkInfo,
    Rat,
    Role,
    ServingCell,
    Snapshot,
    Temperature,
)
from fiveg.vendors import generic
from fiveg.vendors.dialect import CommandSet
from fiveg.vendors.fields import celsius, split_fields, to_hex, to_int, within

NAME = "huawei"

# Where a record starts: a line holding one of these past its start is two glued records.
# Commands that feed one section only (see quectel.SECTION_ONLY).
SECTION_ONLY: dict[str, str] = {"AT^MONNC": "neighbours", "AT^CHIPTEMP?": "temperatures"}

PREFIXES: tuple[str, ...] = (
    "^VERSION:",
    "^HCSQ:",
    "^MONSC:",
    "^MONSSC:",
    "^MONNC:",
    "^HFREQINFO:",
    "^SYSINFOEX:",
    "^CHIPTEMP:",
)

_COMMANDS = CommandSet(
    info=(
        *generic.IDENTITY_COMMANDS,
        "AT+CGMR",
        "AT^VERSION?",
        "AT+COPS?",
        "AT+CSQ",
        "AT+CEREG?",
        "AT^SYSINFOEX",
        "AT^HCSQ?",
        "AT^MONSC",
        "AT^MONSSC",
        "AT^MONNC",
        "AT^HFREQINFO?",
        "AT^CHIPTEMP?",
    ),
    # ^MONSSC is the NR leg on EN-DC; an LTE-only module refuses it, and the
    # monitor then moves it to the slow loop (see poller).
    fast=("AT^HCSQ?", "AT^MONSC", "AT^MONSSC"),
    slow=(
        "AT+COPS?",
        "AT+CSQ",
        "AT+CEREG?",
        "AT^SYSINFOEX",
        "AT^MONNC",
        "AT^HFREQINFO?",
        "AT^CHIPTEMP?",
    ),
)


def commands(model: str | None) -> CommandSet:
    return _COMMANDS


def hcsq(f: list[str]) -> tuple[str, dict[str, float | None]] | None:
    """One ^HCSQ line as (rat, {rssi, rsrp, sinr, rsrq}) in dBm/dB."""
    if not f:
        return None
    mode = f[0].upper()
    v = [to_int(x) for x in f[1:]]
    if mode == "LTE" and len(v) >= 4:
        rssi, rsrp, sinr, rsrq = v[:4]
        quality = generic.index_scale(rsrq, 34, -20, 0.5)  # the +CESQ table
    elif mode == "NR" and len(v) >= 3:
        rssi, (rsrp, sinr, rsrq) = None, v[:3]
        quality = generic.index_scale(rsrq, 34, -40, 1)  # whole dB: 31 is -9 dB
    else:
        return None
    return mode, {
        "rssi": generic.index_scale(rssi, 96, -121, 1),
        "rsrp": generic.index_scale(rsrp, 97, -141, 1),
        "sinr": generic.index_scale(sinr, 251, -20.2, 0.2),
        "rsrq": quality,
    }


def monsc(f: list[str]) -> ServingCell | None:
    mode = f[0].upper() if f else ""
    if mode == "LTE" and len(f) >= 10:
        arfcn = to_int(f[3])
        return ServingCell(
            rat=Rat.LTE,
            mcc=f[1] or None,
            mnc=f[2] or None,
            arfcn=arfcn,
            frequency_mhz=radio.earfcn_to_mhz(arfcn),
            **radio.lte_cell_ids(to_hex(f[4])),
            pci=within(to_hex(f[5]), 0, 503),
            tac=to_hex(f[6]),
            rsrp=plausible("rsrp", to_int(f[7])),
            rsrq=plausible("rsrq", to_int(f[8])),
            rssi=plausible("rssi", to_int(f[9])),
        )
    if mode == "NR" and len(f) >= 10:
        arfcn = to_int(f[3])
        return ServingCell(
            rat=Rat.NR5G_SA,
            mcc=f[1] or None,
            mnc=f[2] or None,
            arfcn=arfcn,
            frequency_mhz=radio.nrarfcn_to_mhz(arfcn),
            scs_khz=radio.SCS_CODE_KHZ.get(to_int(f[4])),
            cell_id=to_hex(f[5]),
            pci=within(to_hex(f[6]), 0, 1007),
            tac=to_hex(f[7]),
            rsrp=plausible("rsrp", to_int(f[8])),
            rsrq=plausible("rsrq", to_int(f[9])),
            sinr=plausible("sinr", to_int(f[10])) if len(f) > 10 else None,
        )
    return None


def _measured(f: list[str]) -> dict | None:
    """^MONSSC's and ^MONNC's layout: <rat>,<arfcn>,<pci>,<rsrp>,<rsrq>,<sinr or rssi>."""
    mode = f[0].upper() if f else ""
    if mode not in ("LTE", "NR") or len(f) < 6:
        return None
    nr = mode == "NR"
    arfcn = to_int(f[1])
    last = "sinr" if nr else "rssi"
    return {
        "arfcn": arfcn,
        "frequency_mhz": radio.nrarfcn_to_mhz(arfcn) if nr else radio.earfcn_to_mhz(arfcn),
        "pci": within(to_hex(f[2]), 0, 1007 if nr else 503),
        "rsrp": plausible("rsrp", to_int(f[3])),
        "rsrq": plausible("rsrq", to_int(f[4])),
        last: plausible(last, to_int(f[5])),
    }


def monssc(f: list[str]) -> ServingCell | None:
    """The NR secondary serving cell of EN-DC."""
    fields = _measured(f)
    if fields is None or "sinr" not in fields:
        return None
    return ServingCell(rat=Rat.NR5G_NSA, **fields)


def monnc(f: list[str]) -> Neighbour | None:
    fields = _measured(f)
    if fields is None:
        return None
    return Neighbour(rat=Rat.NR5G if "sinr" in fields else Rat.LTE, **fields)


def hfreqinfo(f: list[str]) -> list[Carrier] | None:
    if len(f) < 9 or (len(f) - 2) % 7:
        return None
    sysmode = to_int(f[1])
    rat = {6: Rat.LTE, 7: Rat.NR5G}.get(sysmode)
    if rat is None:
        return None
    per_mhz = 10 if rat is Rat.LTE else 1000  # <dl_freq>: 100 kHz for LTE, kHz for NR
    carriers = []
    for i in range(2, len(f), 7):
        band, dl_fcn, dl_freq, dl_bw, ul_fcn, _ul_freq, ul_bw = (to_int(x) for x in f[i : i + 7])
        carriers.append(
            Carrier(
                rat=rat,
                role=Role.PCC if i == 2 else Role.SCC,
                band=band,
                arfcn=dl_fcn,
                frequency_mhz=dl_freq / per_mhz if dl_freq else None,
                bandwidth_raw=dl_bw,
                bandwidth_mhz=dl_bw / 1000 if dl_bw else None,
                ul_arfcn=ul_fcn or None,
                # no uplink channel (0 is "invalid"): its width is a filler (1400, enum 0)
                ul_bandwidth_mhz=ul_bw / 1000 if ul_bw and ul_fcn else None,
            )
        )
    return carriers


_SRV_STATUS = {0: "NO SERVICE", 1: "LIMITED", 2: "SERVICE", 3: "LIMITED REGIONAL", 4: "SLEEP"}
_PA_SENSORS = ("gpa", "wpa", "lpa")


def chiptemp(f: list[str]) -> list[Temperature]:
    values = [to_int(x) for x in f]
    if len(values) == 5:
        named = list(zip(_PA_SENSORS, f[:3], values[:3], strict=True))
    else:
        named = [(f"sensor {i}", raw, v) for i, (raw, v) in enumerate(zip(f, values, strict=True))]
    out = []
    for name, raw, value in named:
        tenths = value / 10 if value is not None and value != 65535 else None
        out.append(Temperature(sensor=name, celsius=celsius(tenths), raw=raw))
    return out


def _merge_hcsq(cell: ServingCell | None, rat: str, values: dict) -> ServingCell:
    """^MONSC's dBm values first; ^HCSQ's fill what it lacks (SINR on LTE)."""
    reading = ServingCell(rat=Rat.LTE if rat == "LTE" else Rat.NR5G_SA, **values)
    return generic.fill(cell, reading) if cell is not None else reading


def _holds(carrier: Carrier, mhz: float) -> bool:
    """Whether a frequency lies within the carrier's downlink bandwidth."""
    centre, width = carrier.frequency_mhz, carrier.bandwidth_mhz
    return centre is not None and width is not None and abs(mhz - centre) <= width / 2


def _carrier_of(cell: ServingCell, carriers: list[Carrier]) -> Carrier | None:
    """The ^HFREQINFO carrier a serving cell is on.

    The one on the cell's channel; else (NR: ^MONSC and ^MONSSC give the SSB's
    channel, ^HFREQINFO the carrier's centre) the one whose bandwidth holds the
    cell's frequency. A cell without a channel (only ^HCSQ read it) is on its
    RAT's primary carrier, which ^HFREQINFO lists first.
    """
    mine = [c for c in carriers if generic.is_nr(c.rat) == generic.is_nr(cell.rat)]
    if cell.arfcn is None:
        return next((c for c in mine if c.role is Role.PCC), None)
    same = next((c for c in mine if c.arfcn == cell.arfcn), None)
    if same is not None or cell.frequency_mhz is None:
        return same
    return next((c for c in mine if _holds(c, cell.frequency_mhz)), None)


def _with_carrier(cell: ServingCell, carriers: list[Carrier]) -> ServingCell:
    """Band and bandwidth from the ^HFREQINFO carrier the serving cell is on.

    The carrier's frequency is its centre: it stands for the cell's only when
    both are on one channel.
    """
    carrier = _carrier_of(cell, carriers)
    if carrier is None:
        return cell
    on_channel = carrier.arfcn is not None and carrier.arfcn == cell.arfcn
    return replace(
        cell,
        band=cell.band or carrier.band,
        dl_bandwidth_mhz=cell.dl_bandwidth_mhz or carrier.bandwidth_mhz,
        frequency_mhz=cell.frequency_mhz or (carrier.frequency_mhz if on_channel else None),
    )


# ^VERSION items that stand in for an ATI field ATI left empty.
_VERSION_FIELDS = {"EXTU": "model", "EXTS": "revision"}


def version_item(payload: str) -> tuple[str, str] | None:
    """'EXTS:21.180.01.00.00' (a ^VERSION line after its prefix) -> ('EXTS', '21.180.01.00.00')."""
    item, sep, text = payload.partition(":")
    if not sep or not item.strip():
        return None
    return item.strip().upper(), text.strip()


def with_version(device, items: dict[str, str]):
    """The Device with the model and revision ATI left empty taken from ^VERSION."""
    updates = {
        field: items[item]
        for item, field in _VERSION_FIELDS.items()
        if items.get(item) and not getattr(device, field)
    }
    return replace(device, **updates) if updates else device


def parse_snapshot(
    answers: Mapping[str, Sequence[str]],
    *,
    time: datetime,
    model: str | None = None,
    errors: Sequence[CommandFailure] = (),
) -> Snapshot:
    base = generic.Base(answers, model)
    cells: dict[str, ServingCell] = {}
    signal: dict[str, dict] = {}
    neighbours: list[Neighbour] = []
    version: dict[str, str] = {}

    def take(command: str, line: str, state: dict) -> bool:
        prefix, _, payload = line.partition(":")
        f = split_fields(payload)
        if prefix == "^HCSQ":
            value = hcsq(f)
            if value is not None:
                signal[value[0]] = value[1]
            return value is not None or f[:1] == ["NOSERVICE"]  # no service: no reading
        if f and f[0].upper() == "NONE" and prefix in ("^MONSC", "^MONSSC", "^MONNC"):
            return True  # no such cell: nothing to report
        if prefix == "^MONSC":
            cell = monsc(f)
            if cell is not None:
                cells["NR" if generic.is_nr(cell.rat) else "LTE"] = cell
            return cell is not None
        if prefix == "^MONSSC":
            cell = monssc(f)
            if cell is not None:
                cells.setdefault("NSA", cell)  # the PSCell; later lines are SCells
            return cell is not None
        if prefix == "^MONNC":
            neighbour = monnc(f)
            if neighbour is not None:
                neighbours.append(neighbour)
            return neighbour is not None
        if prefix == "^HFREQINFO":
            carriers = hfreqinfo(f)
            if carriers is not None:
                base.carriers += carriers
            return carriers is not None
        if prefix == "^SYSINFOEX" and len(f) >= 9:
            status = to_int(f[0])
            if status != 2:  # 2 is normal service: +CEREG's registration says more
                base.state = _SRV_STATUS.get(status)
            if to_int(f[5]) != 0:  # sysmode 0, NO SERVICE, is no access technology
                base.network.append(NetworkInfo(access_technology=f[8] or f[6] or None))
            return True
        if prefix == "^CHIPTEMP":
            temperatures = chiptemp(f)
            base.temperatures += temperatures
            return bool(temperatures)
        if prefix == "^VERSION":
            item = version_item(payload)
            if item is not None:
                version.setdefault(*item)
            return item is not None
        return False

    base.read(answers, take)
    base.device = with_version(base.device, version)
    for rat, values in signal.items():
        cells[rat] = _merge_hcsq(cells.get(rat), rat, values)
    if "NSA" in cells:  # ^MONSSC is the NR leg; a ^HCSQ "NR" line fills what it lacks
        cells["NR"] = generic.fill(cells.pop("NSA"), cells.get("NR"))
    elif "LTE" in cells and "NR" in cells:
        cells["NR"] = replace(cells["NR"], rat=Rat.NR5G_NSA)
    base.serving += [_with_carrier(cells[k], base.carriers) for k in ("LTE", "NR") if k in cells]
    channels = {(generic.is_nr(c.rat), c.arfcn) for c in base.serving}
    base.neighbours += [
        replace(n, kind="intra" if (generic.is_nr(n.rat), n.arfcn) in channels else "inter")
        for n in neighbours
    ]
    return base.snapshot(time=time, errors=errors, dialect=NAME)

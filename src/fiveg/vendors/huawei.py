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
  -20 <= SINR < -19.8 dB, 0.2 dB steps), <rsrq> 0..34 (1 is
  -19.5 <= RSRQ < -19 dB); 255 is unknown. The LTE and NR orders differ
  (SINR third for LTE, second for NR), a classic mix-up.
- ``^MONSC: LTE,<mcc>,<mnc>,<arfcn>,<cell_id>,<pci>,<tac>,<rsrp>,<rsrq>,
  <rssi>`` (format ",%u,%X,%X,%X,%d,%d,%d") and ``^MONSC: NR,<mcc>,<mnc>,
  <arfcn>,<scs>,<cell_id>,<pci>,<tac>,<rsrp>,<rsrq>,<sinr>`` (",%u,%d,%s,
  %X,%X,%d,%d,%d"): dBm/dB values; cell id, PCI and TAC in hex for both.
  ``^MONSC: NONE`` when there is no serving cell.
- ``^MONSSC: NR,<arfcn>,<pci>,<rsrp>,<rsrq>,<sinr>,<meas_rs_type>``: the NR
  leg of EN-DC (PCI hex), or ``^MONSSC: NONE``.
- ``^MONNC: LTE,<arfcn>,<pci>,<rsrp>,<rsrq>,<rssi>``, ``^MONNC: NR,<arfcn>,
  <pci>,<rsrp>,<rsrq>,<sinr>`` (PCI hex), or ``^MONNC: NONE``. Some
  firmware scales the values; any outside the physical range is dropped.
- ``^HFREQINFO: <n>,<sysmode>,<band>,<dl_fcn>,<dl_freq>,<dl_bw>,<ul_fcn>,
  <ul_freq>,<ul_bw>[,<band>,...]``: one group of seven per carrier, the
  first the primary; <sysmode> 6 LTE, 7 NR; frequencies and bandwidths in
  kHz (n78 NR-ARFCN 636648 is given as 3549720 kHz, which TS 38.104 confirms).
- ``^SYSINFOEX: <srv_status>,<srv_domain>,<roam_status>,<sim_state>,
  <lock_state>,<sysmode>,<sysmode_name>,<submode>,<submode_name>``.
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
    elif mode == "NR" and len(v) >= 3:
        rssi, (rsrp, sinr, rsrq) = None, v[:3]
    else:
        return None
    return mode, {
        "rssi": generic.index_scale(rssi, 96, -121, 1),
        "rsrp": generic.index_scale(rsrp, 97, -141, 1),
        "sinr": generic.index_scale(sinr, 251, -20.2, 0.2),
        "rsrq": generic.index_scale(rsrq, 34, -20, 0.5),
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
    carriers = []
    for i in range(2, len(f), 7):
        band, dl_fcn, dl_freq, dl_bw, ul_fcn, _ul_freq, ul_bw = (to_int(x) for x in f[i : i + 7])
        carriers.append(
            Carrier(
                rat=rat,
                role=Role.PCC if i == 2 else Role.SCC,
                band=band,
                arfcn=dl_fcn,
                frequency_mhz=dl_freq / 1000 if dl_freq else None,
                bandwidth_raw=dl_bw,
                bandwidth_mhz=dl_bw / 1000 if dl_bw else None,
                ul_arfcn=ul_fcn or None,
                ul_bandwidth_mhz=ul_bw / 1000 if ul_bw else None,
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


def _with_carrier(cell: ServingCell, carriers: list[Carrier]) -> ServingCell:
    """Band and bandwidth from the ^HFREQINFO carrier on the serving cell's channel."""
    same = next(
        (
            c
            for c in carriers
            if c.arfcn == cell.arfcn and generic.is_nr(c.rat) == generic.is_nr(cell.rat)
        ),
        None,
    )
    if same is None:
        return cell
    return replace(
        cell,
        band=cell.band or same.band,
        dl_bandwidth_mhz=cell.dl_bandwidth_mhz or same.bandwidth_mhz,
        frequency_mhz=cell.frequency_mhz or same.frequency_mhz,
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
            return value is not None
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
                cells["NSA"] = cell
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

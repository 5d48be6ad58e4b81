"""Fibocom dialect: the +GT commands of FM150/FM350/FM190, the +X commands of L850/L860.

Sources (field orders; no scale is taken on faith):

- ``+GTCCINFO?``: one row per cell after a ``+GTCCINFO:`` line, optionally
  under "<RAT> service cell:" style headers: ``<IsServiceCell>,<rat>,<mcc>,
  <mnc>,<tac>,<cellid>,<earfcn>,<physicalcellId>,<band>,<bandwidth>,
  <rssnr_value>,<rxlev>,<rsrp>,<rsrq>`` for a serving cell (1) and
  ``...,<physicalcellId>,,<rxlev>,<rsrp>,<rsrq>`` for a neighbour (2). The
  order is the FM350 AT Commands manual v2.10 section 11.1.15's, as quoted
  in sebastianspicker/fm350-usb (openwrt/fm350-status.sh), and the same in
  Siriling/5G-Modem-Support (luci-app-modem fibocom.sh, for FM150/FM190).
  The real FM350-GL dump in the fixture fits it: its <rsrp>/<rsrq> equal
  +CESQ's indices in the same second. <rat> 4 is LTE, 9 is NR. <band> is
  100 + the LTE band or "50" + the NR band (103 = B3, 5078 = n78), as both
  sources decode it; an LTE cell's <bandwidth> is in resource blocks
  (fibocom.sh). <rsrp>/<rsrq> are the 3GPP reporting indices (TS 36.133 /
  38.133, the +CESQ scale: manual 11.1.2). No source cites a scale for
  <rssnr_value> (the two halve it, or not) and FM350 reports negative
  values, so it is kept raw (``sinr_raw``); NR SINR comes from +CESQ
  <ss_sinr> instead. All-F fillers (FFFF, 00FFFFFFF) mean "no value".
- ``+GTCAINFO?``: asked, but no manual text for its field order was found, so
  its rows stay in ``unparsed`` verbatim.
- ``+GTSENRDTEMP=1``: ``+GTSENRDTEMP: <sensor>,<value>``; the manual says
  only "integer type"; thousandths of a degree is what every published
  FM350 value (36500) can only mean for a module, so it is read so.
- L850/L860 (FIBOCOM L860 AT Commands User Manual V3.2.3, as read and
  checked against a live L860-GL by its author: 4.2.4 +MTSM, 9.1.14
  +XCCINFO, 9.1.16 +XLEC, 9.1.19 +XCESQ):
  ``+XCESQ: <n>,<rxlev>,<ber>,<rscp>,<ecno>,<rsrq>,<rsrp>,<rssnr>,...``
  (3GPP indices; <rssnr> -100..100 with no unit given: kept raw);
  ``+XCCINFO: <mode>,<mcc>,<mnc>,<ci>,<rat>,<band_info>,<lac>,<area_type>,
  <rac>,<tac>,...``; ``+XLEC: <n>,<no_of_cells>,<bandwidth>...`` with
  bandwidth codes 0..5 = 1.4..20 MHz, 255 invalid; ``+MTSM: <temp>`` in °C.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime

from fiveg import radio
from fiveg.records import (
    Carrier,
    CommandFailure,
    Neighbour,
    Rat,
    Role,
    ServingCell,
    Snapshot,
    Temperature,
)
from fiveg.vendors import generic
from fiveg.vendors.dialect import CommandSet
from fiveg.vendors.fields import celsius, split_fields, to_hex, to_int, within

NAME = "fibocom"

# Where a record starts: a line holding one of these past its start is two glued records.
PREFIXES: tuple[str, ...] = (
    "+GTCCINFO:",
    "+GTCAINFO:",
    "+GTSENRDTEMP:",
    "+XCESQ:",
    "+XCCINFO:",
    "+XLEC:",
    "+MTSM:",
)

_STANDARD = ("AT+COPS?", "AT+CSQ", "AT+CESQ", "AT+CEREG?", "AT+C5GREG?")
GT = CommandSet(
    info=(
        *generic.IDENTITY_COMMANDS,
        *_STANDARD,
        "AT+GTCCINFO?",
        "AT+GTCAINFO?",
        "AT+GTSENRDTEMP=1",
    ),
    fast=("AT+GTCCINFO?", "AT+CESQ"),
    slow=("AT+COPS?", "AT+CSQ", "AT+CEREG?", "AT+C5GREG?", "AT+GTCAINFO?", "AT+GTSENRDTEMP=1"),
)
# The L8x0 (Intel XMM) modules answer none of the +GT commands (L860 manual; the
# L860-GL capture answers ERROR to +GTCCINFO?, +GTCAINFO? and +GTSENRDTEMP=?).
XMM = CommandSet(
    info=(
        *generic.IDENTITY_COMMANDS,
        "AT+COPS?",
        "AT+CSQ",
        "AT+CEREG?",
        "AT+XCCINFO?",
        "AT+XLEC?",
        "AT+XCESQ?",
        "AT+MTSM=1",
    ),
    fast=("AT+XCESQ?",),
    slow=("AT+COPS?", "AT+CSQ", "AT+CEREG?", "AT+XCCINFO?", "AT+XLEC?", "AT+MTSM=1"),
)
_XMM_MODEL = re.compile(r"^L8[56]0", re.IGNORECASE)


def commands(model: str | None) -> CommandSet:
    return XMM if model and _XMM_MODEL.match(model) else GT


def _filler(text: str) -> bool:
    """FFFF, 00FFFFFFF: all ones after any leading zeros, Fibocom's "no value"."""
    ones = text.upper().lstrip("0")
    return len(ones) >= 4 and set(ones) == {"F"}


def _hex(text: str) -> int | None:
    return None if _filler(text) else to_hex(text)


def _band(rat: int | None, text: str) -> int | None:
    value = to_int(text)
    if value is None:
        return None
    if rat == 4 and 101 <= value <= 199:
        return value - 100
    if rat == 9 and text.startswith("50") and len(text) > 2:
        return int(text[2:])
    return None


def _rsrp(rat: int | None, text: str) -> float | None:
    return (generic.nr_rsrp if rat == 9 else generic.lte_rsrp)(to_int(text))


def _rsrq(rat: int | None, text: str) -> float | None:
    return (generic.nr_rsrq if rat == 9 else generic.lte_rsrq)(to_int(text))


def _serving(f: list[str], rat: int | None, nsa: bool) -> ServingCell:
    arfcn = to_int(f[6])
    band = _band(rat, f[8])
    nr = rat == 9
    cell_id = _hex(f[5])
    return ServingCell(
        rat=(Rat.NR5G_NSA if nsa else Rat.NR5G_SA) if nr else Rat.LTE,
        mcc=f[2] or None,
        mnc=f[3] or None,
        tac=_hex(f[4]),
        **({"cell_id": cell_id} if nr else radio.lte_cell_ids(cell_id)),
        arfcn=arfcn,
        pci=within(to_int(f[7]), 0, 1007 if nr else 503),
        band=band,
        frequency_mhz=radio.nrarfcn_to_mhz(arfcn) if nr else radio.earfcn_to_mhz(arfcn, band),
        dl_bandwidth_mhz=None if nr else radio.LTE_RB_MHZ.get(to_int(f[9])),
        sinr_raw=to_int(f[10]),
        rsrp=_rsrp(rat, f[12]),
        rsrq=_rsrq(rat, f[13]),
    )


def _neighbour(f: list[str], rat: int | None) -> Neighbour:
    arfcn = to_int(f[6])
    nr = rat == 9
    return Neighbour(
        rat=Rat.NR5G if nr else Rat.LTE,
        arfcn=arfcn,
        frequency_mhz=radio.nrarfcn_to_mhz(arfcn) if nr else radio.earfcn_to_mhz(arfcn),
        pci=within(to_int(f[7]), 0, 1007 if nr else 503),
        rsrp=_rsrp(rat, f[10]),
        rsrq=_rsrq(rat, f[11]),
    )


def _gtccinfo(rows: list[list[str]], base: generic.Base) -> None:
    serving = [r for r in rows if r[0] == "1"]
    lte_anchor = any(to_int(r[1]) == 4 for r in serving)
    for f in rows:
        rat = to_int(f[1])
        if f[0] == "1":
            base.serving.append(_serving(f, rat, nsa=lte_anchor))
    channels = {(generic.is_nr(c.rat), c.arfcn) for c in base.serving}
    for f in rows:
        if f[0] == "2":
            cell = _neighbour(f, to_int(f[1]))
            same = (generic.is_nr(cell.rat), cell.arfcn) in channels
            base.neighbours.append(replace(cell, kind="intra" if same else "inter"))


def _xmm_cell(xcesq: list[str] | None, xccinfo: list[str] | None) -> ServingCell | None:
    if xcesq is None and xccinfo is None:
        return None
    c = xccinfo or [""] * 10
    q = xcesq or [""] * 8
    band_info = to_int(c[5])
    return ServingCell(
        rat=Rat.LTE,
        mcc=c[1] or None,
        mnc=c[2] or None,
        **radio.lte_cell_ids(to_hex(c[3])),
        tac=_hex(c[9]),
        # <band_info> is 100 + the band: not spelt out in the manual, but it matches
        # +XLEC's BAND_LTE_n and the EARFCN in both captures, and +GTCCINFO's rule.
        band=band_info - 100 if band_info is not None and 101 <= band_info <= 199 else None,
        rsrq=generic.lte_rsrq(to_int(q[5])),
        rsrp=generic.lte_rsrp(to_int(q[6])),
        sinr_raw=within(to_int(q[7]), -100, 100),
    )


def _xlec(f: list[str]) -> list[Carrier]:
    count = to_int(f[1]) or 0
    carriers = []
    for i, code in enumerate(f[2 : 2 + min(count, 5)]):
        value = to_int(code)
        carriers.append(
            Carrier(
                rat=Rat.LTE,
                role=Role.PCC if i == 0 else Role.SCC,
                bandwidth_raw=value,
                bandwidth_mhz=radio.LTE_BANDWIDTH_CODE_MHZ.get(value),
            )
        )
    return carriers


def _millidegrees(f: list[str]) -> Temperature | None:
    if len(f) != 2:
        return None
    value = to_int(f[1])
    return Temperature(
        sensor=f"sensor {f[0]}",
        celsius=celsius(value / 1000 if value is not None else None),
        raw=f[1],
    )


def parse_snapshot(
    answers: Mapping[str, Sequence[str]],
    *,
    time: datetime,
    model: str | None = None,
    errors: Sequence[CommandFailure] = (),
) -> Snapshot:
    base = generic.Base(answers, model)
    rows: list[list[str]] = []
    found: dict[str, list[str]] = {}

    def take(command: str, line: str, state: dict) -> bool:
        if line.startswith("+"):
            prefix, _, payload = line.partition(":")
            state["block"] = prefix  # rows without a prefix belong to the last one seen
            f = split_fields(payload)
            if prefix in ("+GTCCINFO", "+GTCAINFO"):
                return not payload.strip()  # the header line of a multi-row reply
            if prefix in ("+XCESQ", "+XCCINFO") and len(f) >= (8 if prefix == "+XCESQ" else 10):
                found[prefix] = f
                return True
            if prefix == "+XLEC" and len(f) >= 2 and to_int(f[1]) is not None:
                base.carriers += _xlec(f)
                return True
            if prefix == "+MTSM" and len(f) == 1 and to_int(f[0]) is not None:
                base.temperatures.append(
                    Temperature(sensor="modem", celsius=celsius(to_int(f[0])), raw=f[0])
                )
                return True
            if prefix == "+GTSENRDTEMP" and (t := _millidegrees(f)) is not None:
                base.temperatures.append(t)
                return True
            return False
        if state.get("block") != "+GTCCINFO":
            return False
        f = split_fields(line)
        if (f[0] == "1" and len(f) == 14) or (f[0] == "2" and len(f) in (12, 14)):
            rows.append(f)
            return True
        # "LTE service cell:" and the like: headers between the rows, not data
        return line.endswith(":") and "," not in line

    base.read(answers, take)
    _gtccinfo(rows, base)
    cell = _xmm_cell(found.get("+XCESQ"), found.get("+XCCINFO"))
    if cell is not None:
        base.serving.append(cell)
        if base.carriers and base.carriers[0].band is None:  # the PCC is the serving cell
            base.carriers[0] = replace(base.carriers[0], band=cell.band)
    return base.snapshot(time=time, errors=errors, dialect=NAME)

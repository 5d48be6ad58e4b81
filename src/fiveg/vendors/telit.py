"""Telit dialect (LM940/LM960, FN980, LN940): #RFSTS, ^RFSTS?, #MONI and #TEMPSENS.

``#RFSTS`` on LTE (Telit LE910Cx/LM9x0 AT Commands Reference Guide, #RFSTS,
as quoted in public drivers such as akkoyun/AT_Command; real replies from
an LM9x0 on the MikroTik forum and an LE910 in that driver):
``<PLMN>,<EARFCN>,<RSRP>,<RSSI>,<RSRQ>,<TAC>,<RAC>,[<TXPWR>],<DRX>,<MM>,<RRC>,
<CID>,<IMSI>,[<NetNameAsc>],<SD>,<ABND>[,<T3402>,<T3412>,<SINR>]``.
Real replies disagree with that list in the middle (an LE910 drops <RAC>;
an LM960 T-Mobile capture gives 255 there), so only the leading five and
the fields anchored on <IMSI> are read: <CID> just before it, <ABND> three
after it. The IMSI is found as the quoted 15-digit string; where a user
published it redacted ("310410...", as on the MikroTik forum) it is found
as the field before <NetNameAsc>, the last quoted field of the line (the
layout quotes only <PLMN>, <IMSI> and <NetNameAsc>). RSRP, RSSI and RSRQ
are plain dBm/dB, read with their decimals where firmware prints them
(-85.8); <TAC> and <CID> are hex. <SINR>, when present, has no unit in the
guide and is kept raw (an integer only: a decimal <SINR> has nowhere to
stay raw and is dropped, not scaled). The GSM and WCDMA layouts of #RFSTS
are not read (see _rfsts).

``^RFSTS?`` (LN940, a Foxconn T77W676 inside: the LN940 in
4IceG/luci-app-3ginfo-lite issue 9 answers ATI with "Model: 4105" and a
T77W676 revision) prints a bare ``^RFSTS:`` header and the row on the next
line (or, on some firmware, on the same line). No Telit guide for it was
found; two public scripts read its row: collectd-Telit-LN940-wwan takes
RSRP, RSSI, RSRQ and SINR as fields 3, 4, 5 and 16, and RooterSource
(telitdata.sh) takes the band as field 15 and SINR as field 16. With the
IMSI as field 12 (as in #RFSTS) that is <ABND> three after the IMSI, as in
#RFSTS, and <SINR> right after <ABND>. Their SINR scales disagree
(collectd plots field 16 as dB; RooterSource computes raw / 5 - 20), so it
stays raw.

``#MONI`` on LTE is "label:value" tokens (``RSRP:-92 RSRQ:-17 TAC:8B1E
Id:... EARFCN:800 PWR:-54dbm``), read by label; only used when #RFSTS
gave no serving cell. "Id" is a cell id on some firmware and a PCI on
others, so it is not read.

``#TEMPSENS=2`` lists ``#TEMPSENS: <sensor>,<celsius>`` per sensor.

Identity: Telit's ATI is ATI0, a "numerical identifier" (Telit AT
Commands Reference Guides, I - Identification Information), not a labelled
model line, so +CGMM/+CGMR (27.007 5.2, 5.3) are asked too and fill the
model and revision ATI leaves empty (``generic.identity``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime

from fiveg import radio
from fiveg.quality import plausible
from fiveg.records import CommandFailure, Rat, ServingCell, Snapshot, Temperature
from fiveg.vendors import generic
from fiveg.vendors.dialect import CommandSet
from fiveg.vendors.fields import celsius, number, split_fields, split_plmn, to_hex, to_int

NAME = "telit"

# Where a record starts: a line holding one of these past its start is two glued records.
# Commands that feed one section only (see quectel.SECTION_ONLY).
SECTION_ONLY: dict[str, str] = {"AT#TEMPSENS=2": "temperatures"}

PREFIXES: tuple[str, ...] = ("#RFSTS:", "^RFSTS:", "#MONI:", "#TEMPSENS:")

_IDENTITY = (*generic.IDENTITY_COMMANDS, "AT+CGMM", "AT+CGMR")
_STANDARD = ("AT+COPS?", "AT+CSQ", "AT+CESQ", "AT+CEREG?")
_REST = ("AT#MONI", "AT#TEMPSENS=2")
_SLOW = ("AT+COPS?", "AT+CSQ", "AT+CEREG?", "AT#MONI", "AT#TEMPSENS=2")

# +CESQ rides along in fast: #RFSTS reads only the LTE layout, so an FN980's NR leg comes from it.
_HASH = CommandSet(
    info=(*_IDENTITY, *_STANDARD, "AT#RFSTS", *_REST),
    fast=("AT#RFSTS", "AT+CESQ"),
    slow=_SLOW,
)
_CARET = CommandSet(
    info=(*_IDENTITY, *_STANDARD, "AT^RFSTS?", *_REST),
    fast=("AT^RFSTS?", "AT+CESQ"),
    slow=_SLOW,
)
# A Telit whose model is not known here (ATI names none; the LN940's says "4105"): both
# forms are asked. The one it refuses costs one ERROR in 5g-info; in the monitor it is
# refused three polls running and moves to the slow loop (Poller._demote).
_BOTH = CommandSet(
    info=(*_IDENTITY, *_STANDARD, "AT#RFSTS", "AT^RFSTS?", *_REST),
    fast=("AT#RFSTS", "AT^RFSTS?", "AT+CESQ"),
    slow=_SLOW,
)
# Families whose guides document #RFSTS (LM940/LM960, LE910, FN980/FN990).
_HASH_FAMILIES = ("LM9", "LE9", "FN9")


def commands(model: str | None) -> CommandSet:
    name = (model or "").upper()
    if name.startswith("LN940"):
        return _CARET
    if name.startswith(_HASH_FAMILIES):
        return _HASH
    return _BOTH


_IMSI = re.compile(r"^\d{14,15}$")
_PLAIN = re.compile(r"^-?\d+(?:\.\d+)?$")


def _db(text: str) -> float | None:
    """A dBm/dB reading as printed, integer or with decimals ('-85.8'); None otherwise."""
    if not _PLAIN.match(text):
        return None
    return number(float(text))


def _quoted(payload: str) -> list[bool]:
    """Per comma-separated field of ``payload``: was it written in quotes?"""
    flags, quoted, start = [], False, True
    for ch in payload:
        if ch == '"':
            if start:
                flags.append(True)
                start = False
            quoted = not quoted
        elif ch == "," and not quoted:
            if start:
                flags.append(False)
            start = True
        elif start and not ch.isspace():
            flags.append(False)
            start = False
    if start:
        flags.append(False)
    return flags


def _anchor(f: list[str], quoted: list[bool]) -> int | None:
    """The index of <IMSI>: the 15-digit field, else the field before the last quoted one."""
    imsi = next((i for i, v in enumerate(f) if _IMSI.match(v)), None)
    if imsi is not None:
        return imsi
    last = max((i for i, q in enumerate(quoted) if q), default=None)
    return last - 1 if last is not None and last > 1 else None


def _rfsts(payload: str, caret: bool = False) -> ServingCell | None:
    """The LTE layout only: the GSM and WCDMA layouts of #RFSTS put LAC, RAC or a PSC where
    LTE has RSRP, RSSI and RSRQ, and carry fewer fields before the IMSI. A line that is not
    (negative RSRP, RSSI and RSRQ, at least 11 fields before the IMSI) is left alone."""
    f = split_fields(payload)
    if len(f) < 6:
        return None
    rsrp, rssi, rsrq = (_db(v) for v in f[2:5])
    if rsrp is None or rssi is None or rsrq is None or rsrp >= 0 or rsrq > 0:
        return None
    quoted = _quoted(payload)
    imsi = _anchor(f, quoted) if len(quoted) == len(f) else None
    if imsi is not None and imsi < 11:
        return None
    mcc, mnc = split_plmn(f[0].replace(" ", ""))
    earfcn = to_int(f[1])

    def after(n: int) -> str | None:
        return f[imsi + n] if imsi is not None and len(f) > imsi + n else None

    band = to_int(after(3))
    sinr = after(4) if caret else after(6)
    return ServingCell(
        rat=Rat.LTE,
        mcc=mcc,
        mnc=mnc,
        arfcn=earfcn if earfcn is not None and earfcn >= 0 else None,
        band=band if band is not None and 1 <= band < 255 else None,
        frequency_mhz=radio.earfcn_to_mhz(earfcn, band),
        rsrp=plausible("rsrp", rsrp),
        rssi=plausible("rssi", rssi),
        rsrq=plausible("rsrq", rsrq),
        tac=to_hex(f[5]) if f[5].upper() != "FFFF" else None,
        **radio.lte_cell_ids(to_hex(f[imsi - 1]) if imsi is not None else None),
        sinr_raw=to_int(sinr),
    )


_TOKEN = re.compile(r"\b([A-Za-z]+):(-?[0-9A-Fa-f]+)(?:dbm)?\b")


def _moni(payload: str) -> ServingCell | None:
    tokens = {k.upper(): v for k, v in _TOKEN.findall(payload)}
    if "RSRP" not in tokens:
        return None
    earfcn = to_int(tokens.get("EARFCN"))
    return ServingCell(
        rat=Rat.LTE,
        arfcn=earfcn,
        frequency_mhz=radio.earfcn_to_mhz(earfcn),
        rsrp=plausible("rsrp", to_int(tokens.get("RSRP"))),
        rsrq=plausible("rsrq", to_int(tokens.get("RSRQ"))),
        rssi=plausible("rssi", to_int(tokens.get("PWR"))),
        tac=to_hex(tokens.get("TAC")),
    )


def parse_snapshot(
    answers: Mapping[str, Sequence[str]],
    *,
    time: datetime,
    model: str | None = None,
    errors: Sequence[CommandFailure] = (),
) -> Snapshot:
    base = generic.Base(answers, model)
    cells: dict[str, ServingCell] = {}

    def take(command: str, line: str, state: dict) -> bool:
        row_next = state.pop("row_next", None)
        if row_next and not line.startswith(("#", "^", "+")):
            cell = _rfsts(line, caret=row_next == "^")  # the row after a bare header
            cells.setdefault("rfsts", cell) if cell else None
            return cell is not None
        prefix, _, payload = line.partition(":")
        if prefix in ("#RFSTS", "^RFSTS"):
            if not payload.strip():
                state["row_next"] = prefix[0]
                return True
            cell = _rfsts(payload, caret=prefix == "^RFSTS")
            cells.setdefault("rfsts", cell) if cell else None
            return cell is not None
        if prefix == "#MONI":
            cell = _moni(payload)
            cells.setdefault("moni", cell) if cell else None
            return cell is not None
        if prefix == "#TEMPSENS":
            f = split_fields(payload)
            value = to_int(f[1]) if len(f) == 2 else None
            if value is None:
                return False
            base.temperatures.append(Temperature(sensor=f[0], celsius=celsius(value), raw=f[1]))
            return True
        return False

    base.read(answers, take)
    cell = cells.get("rfsts") or cells.get("moni")
    if cell is not None:
        base.serving.append(cell)
    return base.snapshot(time=time, errors=errors, dialect=NAME)

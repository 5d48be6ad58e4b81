"""Telit dialect (LM940/LM960, FN980, LN940): #RFSTS, ^RFSTS?, #MONI and #TEMPSENS.

``#RFSTS`` on LTE (Telit LE910Cx/LM9x0 AT Commands Reference Guide, #RFSTS,
as quoted in public drivers such as akkoyun/AT_Command; real replies from
an LM9x0 on the MikroTik forum and an LE910 in that driver):
``<PLMN>,<EARFCN>,<RSRP>,<RSSI>,<RSRQ>,<TAC>,<RAC>,[<TXPWR>],<DRX>,<MM>,<RRC>,
<CID>,<IMSI>,[<NetNameAsc>],<SD>,<ABND>[,<T3402>,<T3412>,<SINR>]``.
Real replies disagree with that list in the middle (an LE910 drops <RAC>;
an LM960 T-Mobile capture gives 255 there), so only the leading five and
the fields anchored on <IMSI> (the quoted 15-digit string) are read: <CID>
just before it, <ABND> three after it. RSRP, RSSI and RSRQ are plain dBm/dB;
<TAC> and <CID> are hex. <SINR>, when present, has no unit in the guide and
is kept raw. The GSM and WCDMA layouts of #RFSTS are not read (see
_rfsts). ``^RFSTS`` (LN940) carries the same leading fields, on the same
line or on the line after its header (a collectd script for the LN940
reads RSRP, RSSI and RSRQ as fields 3, 4 and 5 there).

``#MONI`` on LTE is "label:value" tokens (``RSRP:-92 RSRQ:-17 TAC:8B1E
Id:... EARFCN:800 PWR:-54dbm``), read by label; only used when #RFSTS
gave no serving cell. "Id" is a cell id on some firmware and a PCI on
others, so it is not read.

``#TEMPSENS=2`` lists ``#TEMPSENS: <sensor>,<celsius>`` per sensor.
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
from fiveg.vendors.fields import celsius, split_fields, split_plmn, to_hex, to_int

NAME = "telit"

# Where a record starts: a line holding one of these past its start is two glued records.
PREFIXES: tuple[str, ...] = ("#RFSTS:", "^RFSTS:", "#MONI:", "#TEMPSENS:")

_COMMANDS = CommandSet(
    info=(
        *generic.IDENTITY_COMMANDS,
        "AT+COPS?",
        "AT+CSQ",
        "AT+CESQ",
        "AT+CEREG?",
        "AT#RFSTS",
        "AT#MONI",
        "AT#TEMPSENS=2",
    ),
    # +CESQ rides along: #RFSTS reads only the LTE layout, so an FN980's NR leg comes from it
    fast=("AT#RFSTS", "AT+CESQ"),
    slow=("AT+COPS?", "AT+CSQ", "AT+CEREG?", "AT#MONI", "AT#TEMPSENS=2"),
)
# The LN940 (a Foxconn T77W968 inside) answers ^RFSTS? rather than #RFSTS.
_LN940 = CommandSet(
    info=tuple(c if c != "AT#RFSTS" else "AT^RFSTS?" for c in _COMMANDS.info),
    fast=("AT^RFSTS?", "AT+CESQ"),
    slow=_COMMANDS.slow,
)


def commands(model: str | None) -> CommandSet:
    return _LN940 if model and model.upper().startswith("LN940") else _COMMANDS


_IMSI = re.compile(r"^\d{14,15}$")


def _rfsts(f: list[str]) -> ServingCell | None:
    """The LTE layout only: the GSM and WCDMA layouts of #RFSTS put LAC, RAC or a PSC where
    LTE has RSRP, RSSI and RSRQ, and carry fewer fields before the IMSI. A line that is not
    (negative RSRP, RSSI and RSRQ ints, at least 11 fields before the IMSI) is left alone."""
    if len(f) < 6:
        return None
    imsi = next((i for i, v in enumerate(f) if _IMSI.match(v)), None)
    rsrp, rssi, rsrq = (to_int(v) for v in f[2:5])
    if rsrp is None or rssi is None or rsrq is None or rsrp >= 0 or rsrq > 0:
        return None
    if imsi is not None and imsi < 11:
        return None
    mcc, mnc = split_plmn(f[0].replace(" ", ""))
    earfcn = to_int(f[1])
    band = to_int(f[imsi + 3]) if imsi is not None and len(f) > imsi + 3 else None
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
        sinr_raw=to_int(f[imsi + 6]) if imsi is not None and len(f) > imsi + 6 else None,
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
        if state.pop("row_next", False) and not line.startswith(("#", "^", "+")):
            cell = _rfsts(split_fields(line))  # the values line after a bare ^RFSTS: header
            cells.setdefault("rfsts", cell) if cell else None
            return cell is not None
        prefix, _, payload = line.partition(":")
        if prefix in ("#RFSTS", "^RFSTS"):
            if not payload.strip():
                state["row_next"] = True
                return True
            cell = _rfsts(split_fields(payload))
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

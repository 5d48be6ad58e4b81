"""SIMCom dialect (SIM7600/SIM7500, SIM82xx): AT+CPSI? and AT+CPMUTEMP.

Field orders (SIM7500_SIM7600 Series AT Command Manual, AT+CPSI; SIM7000
Series AT Command Manual, AT+CPSI, quoted in full in a public SIM7000
driver; SIM8200 Series AT Command Manual v1.01 as quoted by the netalyze
tool, whose README also holds a real SIM8262 NR5G_SA reply):

- ``+CPSI: LTE,<Operation Mode>,<MCC>-<MNC>,<TAC>,<SCellID>,<PCellID>,
  <Frequency Band>,<earfcn>,<dlbw>,<ulbw>,<RSRQ>,<RSRP>,<RSSI>,<RSSNR>``
- ``+CPSI: NR5G_SA,<Operation Mode>,<MCC>-<MNC>,<TAC>,<SCellID>,<PCellID>,
  <Frequency Band>,<earfcn>,<RSRP>,<RSRQ>,<SINR>``
- ``+CPSI: NR5G_NSA,<PCellID>,<Frequency Band>,<earfcn>,<RSRP>,<RSRQ>,<SINR>``
  (beside the LTE line when on EN-DC)
- ``+CPSI: NO SERVICE,<Operation Mode>``

Scales differ by model, as the manuals' own examples show: SIM7600 and
SIM82xx print RSRQ/RSRP/RSSI (and NR SINR) in tenths (-850 is -85.0 dBm),
SIM7000 in whole units. RSRP settles which: a value below -200 can only be
tenths, since RSRP never reads below -156 dBm. LTE <RSSNR> is not a dB
value on any of them: SINR = 2 * <RSSNR> - 20 (SIM7000 manual, the same
field in the same place). <TAC> is hex with 0x; the cell ids are decimal.
An earlier SIM82xx firmware (manual v1.00.01) printed a six-field NR5G
line in another order; it is kept unparsed rather than guessed at.
``+CPMUTEMP: <temp>`` is whole degrees Celsius.
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
from fiveg.vendors.fields import celsius, number, split_fields, split_plmn, to_int, within

NAME = "simcom"

# Where a record starts: a line holding one of these past its start is two glued records.
PREFIXES: tuple[str, ...] = ("+CPSI:", "+CPMUTEMP:")

_COMMANDS = CommandSet(
    info=(
        *generic.IDENTITY_COMMANDS,
        "AT+COPS?",
        "AT+CSQ",
        "AT+CEREG?",
        "AT+C5GREG?",
        "AT+CPSI?",
        "AT+CPMUTEMP",
    ),
    fast=("AT+CPSI?",),
    slow=("AT+COPS?", "AT+CSQ", "AT+CEREG?", "AT+C5GREG?", "AT+CPMUTEMP"),
)


def commands(model: str | None) -> CommandSet:
    return _COMMANDS


_BAND = re.compile(r"BAND\s*(\d+)$", re.IGNORECASE)


def _band(text: str) -> int | None:
    m = _BAND.search(text.strip())
    return int(m.group(1)) if m else None


def _scaled(values: list[int | None]) -> list[float | None]:
    """RSRP-led units: all of a line's values in tenths, or all whole (see module notes)."""
    if values[0] is None or values[0] >= -200:
        return list(values)
    return [None if v is None else number(round(v / 10, 1)) for v in values]


def _plmn(text: str) -> tuple[str | None, str | None]:
    return split_plmn(text.replace("-", ""))


def _tac(text: str) -> int | None:
    try:
        return int(text, 16) if text.lower().startswith("0x") else None
    except ValueError:
        return None


def _lte(f: list[str]) -> ServingCell:
    mcc, mnc = _plmn(f[2])
    band = _band(f[6])
    earfcn = to_int(f[7])
    rsrp, rsrq, rssi = _scaled([to_int(f[11]), to_int(f[10]), to_int(f[12])])
    rssnr = to_int(f[13])
    return ServingCell(
        rat=Rat.LTE,
        mcc=mcc,
        mnc=mnc,
        tac=_tac(f[3]),
        **radio.lte_cell_ids(to_int(f[4])),
        pci=within(to_int(f[5]), 0, 503),
        band=band,
        arfcn=earfcn,
        frequency_mhz=radio.earfcn_to_mhz(earfcn, band),
        rsrp=plausible("rsrp", rsrp),
        rsrq=plausible("rsrq", rsrq),
        rssi=plausible("rssi", rssi),
        sinr_raw=rssnr,
        sinr=plausible("sinr", 2.0 * rssnr - 20) if rssnr is not None else None,
    )


def _nr(f: list[str], sa: bool) -> ServingCell:
    # SA: fields 1..10 as in the module notes; NSA: PCellID, band, earfcn, RSRP, RSRQ, SINR.
    if sa:
        mcc, mnc = _plmn(f[2])
        tac, cell_id, pci, band, arfcn, signal = _tac(f[3]), to_int(f[4]), f[5], f[6], f[7], f[8:11]
    else:
        mcc = mnc = tac = cell_id = None
        pci, band, arfcn, signal = f[1], f[2], f[3], f[4:7]
    rsrp, rsrq, sinr = _scaled([to_int(v) for v in signal])
    channel = to_int(arfcn)
    return ServingCell(
        rat=Rat.NR5G_SA if sa else Rat.NR5G_NSA,
        mcc=mcc,
        mnc=mnc,
        tac=tac,
        cell_id=cell_id,
        pci=within(to_int(pci), 0, 1007),
        band=_band(band),
        arfcn=channel,
        frequency_mhz=radio.nrarfcn_to_mhz(channel),
        rsrp=plausible("rsrp", rsrp),
        rsrq=plausible("rsrq", rsrq),
        sinr=plausible("sinr", sinr),
        sinr_raw=to_int(signal[2]),
    )


def _cpsi(f: list[str]) -> ServingCell | str | None:
    mode = f[0].upper()
    if mode == "LTE" and len(f) >= 14:
        return _lte(f)
    if mode == "NR5G_SA" and len(f) >= 11:
        return _nr(f, sa=True)
    if mode == "NR5G_NSA" and len(f) >= 7 and _band(f[2]) is not None:
        return _nr(f, sa=False)
    if mode == "NO SERVICE":
        return "NO SERVICE"
    return None


def parse_snapshot(
    answers: Mapping[str, Sequence[str]],
    *,
    time: datetime,
    model: str | None = None,
    errors: Sequence[CommandFailure] = (),
) -> Snapshot:
    base = generic.Base(answers, model)

    def take(command: str, line: str, state: dict) -> bool:
        prefix, _, payload = line.partition(":")
        f = split_fields(payload)
        if prefix == "+CPSI":
            value = _cpsi(f)
            if isinstance(value, ServingCell):
                base.serving.append(value)
            elif value is not None:
                base.state = value
            return value is not None
        if prefix == "+CPMUTEMP" and f and to_int(f[0]) is not None:
            base.temperatures.append(
                Temperature(sensor="module", celsius=celsius(to_int(f[0])), raw=f[0])
            )
            return True
        return False

    base.read(answers, take)
    return base.snapshot(time=time, errors=errors, dialect=NAME)

"""SIMCom dialect (SIM7000/SIM7070/SIM7080, SIM7600/SIM7500, SIM82xx): AT+CPSI? and AT+CPMUTEMP.

Field orders (SIM7500_SIM7600 Series AT Command Manual, AT+CPSI; SIM7000
Series AT Command Manual, AT+CPSI, quoted in tmshlvck/micropython-sim7000
sim.py; SIM7070_SIM7080_SIM7090 Series AT Command Manual, quoted in
Kampi/ESP32-SIM70XX sim7080_info_defs.h; SIM8200 Series AT Command Manual
v1.01 as quoted by ditek/Netalyze, whose README also holds a real SIM8262
NR5G_SA reply):

- ``+CPSI: LTE,<Operation Mode>,<MCC>-<MNC>,<TAC>,<SCellID>,<PCellID>,
  <Frequency Band>,<earfcn>,<dlbw>,<ulbw>,<RSRQ>,<RSRP>,<RSSI>,<RSSNR>``;
  SIM7000/SIM7080 print the same fields after ``LTE CAT-M1`` or ``LTE NB-IOT``
- ``+CPSI: GSM,<Operation Mode>,<MCC>-<MNC>,<LAC>,<Cell ID>,
  <Absolute RF Ch Num>,<RxLev>,<Track LO Adjust>,<C1-C2>`` (SIM7000 manual;
  real SIM7000 and SIM7600G captures print it so, the channel with its band
  name: ``754 DCS 1800``)
- ``+CPSI: WCDMA,<Operation Mode>,<MCC>-<MNC>,<LAC>,<Cell ID>,<Frequency Band>,
  <PSC>,<Freq>,<SSC>,<EC/IO>,<RSCP>,<Qual>,<RxLev>,<TXPWR>`` (the SIM7500/SIM7600
  manual as quoted in FUjr/QModem vendor/simcom.sh, with its example; the
  SIMCom SIM5320 AT Command Set, quoted in public SIM5320 drivers, agrees)
- ``+CPSI: NR5G_SA,<Operation Mode>,<MCC>-<MNC>,<TAC>,<SCellID>,<PCellID>,
  <Frequency Band>,<earfcn>,<RSRP>,<RSRQ>,<SINR>``
- ``+CPSI: NR5G_NSA,<PCellID>,<Frequency Band>,<earfcn>,<RSRP>,<RSRQ>,<SINR>``
  (beside the LTE line when on EN-DC)
- ``+CPSI: NO SERVICE,<Operation Mode>``

Scales differ by model, as the manuals' own examples show: SIM7600 and
SIM82xx print RSRQ/RSRP/RSSI (and NR SINR) in tenths (-850 is -85.0 dBm);
the SIM7000/SIM7080 manuals give no unit, and their captures read whole units
(RSRP -113 on Cat-M1, -77 on NB-IoT). RSRP settles which: a value below -200 can
only be tenths, since RSRP never reads below -156 dBm. <TAC> and <LAC> are hex
with 0x; the cell ids are decimal (a SIM7000 capture shows ``+CREG: ...,"22DE"``
beside ``+CPSI: GSM,...,8926``: 0x22DE = 8926).

LTE <RSSNR> is not dB. The SIM7000 and SIM7070/SIM7080/SIM7090 manuals give
SINR = 2 * <RSSNR> - 20 (range -20..30); no SIMCom source found gives it for
the SIM7500/SIM7600, SIM79xx or the SIM82xx LTE line (their manual text only
names the field), so there only ``sinr_raw`` is kept: see ``LTE_RSSNR_SCALE``.
(An OpenWrt script, fildunsky/luci-app-5gmodem modem/usb/1e0e9001, reports
2x-20 agreeing with QMI on one SIM7100E: a field note, not a manual.)
<dlbw>/<ulbw> are "Transmission bandwidth configuration of the serving cell"
with no code table in any SIMCom source found (and NB-IoT cells report 0,
which a 0 = 1.4 MHz reading would get wrong): the bandwidths stay None.

GSM and WCDMA fill only what has a home in ServingCell: the cell id, the
channel (the GSM ARFCN; the WCDMA <Freq>, whose values are downlink UARFCNs,
e.g. 10663 in Band I's 10562-10838, TS 25.101 5.4.4) and the WCDMA <TXPWR>
("UE TX power in dBm. If no TX, the value is 500", the SIMCom SIM5320 AT
Command Set's text for this same line, quoted in public SIM5320 drivers).
The GSM/WCDMA band is a name (``EGSM 900``, ``WCDMA IMT 2000``), not a band
number: it goes, with the system mode and channel, into ``Snapshot.network``,
as the Cat-M1/NB-IoT mode does. Left None on purpose: the LAC (not a TAC),
<RxLev> (defined only as "RX level value for base station selection", with no
dBm conversion), RSCP (not RSRP), Ec/Io (not RSRQ), the PSC (not an LTE/NR
PCI) and <Qual>. An earlier SIM82xx firmware (manual v1.00.01) printed a
six-field NR5G line in another order; it is kept unparsed rather than guessed at.
``+CPMUTEMP: <temp>`` is whole degrees Celsius.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime

from fiveg import radio
from fiveg.quality import plausible
from fiveg.records import (
    CommandFailure,
    NetworkInfo,
    Rat,
    ServingCell,
    Snapshot,
    Temperature,
)
from fiveg.vendors import generic
from fiveg.vendors.dialect import CommandSet
from fiveg.vendors.fields import celsius, number, split_fields, split_plmn, to_int, within

NAME = "simcom"

# Where a record starts: a line holding one of these past its start is two glued records.
# Commands that feed one section only (see quectel.SECTION_ONLY).
SECTION_ONLY: dict[str, str] = {"AT+CPMUTEMP": "temperatures"}

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


# LTE <RSSNR> to SINR in dB, per model (+CGMM / ATI model, e.g. SIMCOM_SIM7000G): a
# model matching no row, or an unknown model, keeps only sinr_raw.
LTE_RSSNR_SCALE: tuple[tuple[re.Pattern[str], str], ...] = (
    # SIM7000 Series AT Command Manual, AT+CPSI <RSSNR>: "SINR = 2 * <RSSNR> - 20, the
    # range of SINR is from -20 to 30" (quoted in tmshlvck/micropython-sim7000 sim.py).
    (re.compile(r"^(?:SIMCOM[_ ])?SIM7000", re.IGNORECASE), "2x-20"),
    # SIM7070_SIM7080_SIM7090 Series AT Command Manual, the same text (quoted in
    # Kampi/ESP32-SIM70XX include/SIM7080/Definitions/Misc/sim7080_info_defs.h).
    (re.compile(r"^(?:SIMCOM[_ ])?SIM70[789]0", re.IGNORECASE), "2x-20"),
)


def lte_sinr_db(raw: int | None, model: str | None) -> float | None:
    if raw is None or model is None:
        return None
    for pattern, rule in LTE_RSSNR_SCALE:
        if pattern.match(model.strip()) and rule == "2x-20":
            return plausible("sinr", 2.0 * raw - 20)
    return None


_BAND = re.compile(r"BAND\s*(\d+)$", re.IGNORECASE)
# GSM <Absolute RF Ch Num> comes with its band name: "754 DCS 1800", "6 EGSM 900".
_CHANNEL = re.compile(r"^\s*(\d+)\s*(.*)$")

# <System Mode> of the E-UTRA lines, and the name each gets in Snapshot.network.
_LTE_MODES = {"LTE": None, "LTE CAT-M1": "LTE CAT-M1", "LTE NB-IOT": "LTE NB-IoT"}


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


def _lte(f: list[str], model: str | None) -> tuple[ServingCell, NetworkInfo | None]:
    mode = _LTE_MODES[f[0].upper()]
    mcc, mnc = _plmn(f[2])
    band = _band(f[6])
    earfcn = to_int(f[7])
    rsrp, rsrq, rssi = _scaled([to_int(f[11]), to_int(f[10]), to_int(f[12])])
    rssnr = to_int(f[13])
    # An NB-IoT carrier sits 0.0025 * (2 * M_DL + 1) MHz off the EARFCN's raster point
    # (TS 36.101 5.7.3), and +CPSI does not print M_DL: no frequency rather than a near one.
    frequency = None if mode == "LTE NB-IoT" else radio.earfcn_to_mhz(earfcn, band)
    cell = ServingCell(
        rat=Rat.LTE,
        mcc=mcc,
        mnc=mnc,
        tac=_tac(f[3]),
        **radio.lte_cell_ids(to_int(f[4])),
        pci=within(to_int(f[5]), 0, 503),
        band=band,
        arfcn=earfcn,
        frequency_mhz=frequency,
        rsrp=plausible("rsrp", rsrp),
        rsrq=plausible("rsrq", rsrq),
        rssi=plausible("rssi", rssi),
        sinr_raw=rssnr,
        sinr=lte_sinr_db(rssnr, model),
    )
    if mode is None:
        return cell, None
    info = NetworkInfo(access_technology=mode, mcc=mcc, mnc=mnc, band=f[6] or None, arfcn=earfcn)
    return cell, info


def _gsm(f: list[str]) -> tuple[ServingCell, NetworkInfo]:
    mcc, mnc = _plmn(f[2])
    channel = _CHANNEL.match(f[5])
    arfcn = within(int(channel.group(1)), 0, 1023) if channel else None
    cell = ServingCell(rat=Rat.GSM, mcc=mcc, mnc=mnc, cell_id=to_int(f[4]), arfcn=arfcn)
    band = channel.group(2).strip() if channel else f[5]
    return cell, NetworkInfo(
        access_technology="GSM", mcc=mcc, mnc=mnc, band=band or None, arfcn=arfcn
    )


def _wcdma(f: list[str]) -> tuple[ServingCell, NetworkInfo]:
    mcc, mnc = _plmn(f[2])
    uarfcn = within(to_int(f[7]), 0, 16383)
    txpwr = to_int(f[13])
    if txpwr == 500:  # "If no TX, the value is 500"
        txpwr = None
    cell = ServingCell(
        rat=Rat.WCDMA,
        mcc=mcc,
        mnc=mnc,
        cell_id=to_int(f[4]),
        arfcn=uarfcn,
        tx_power_dbm=within(txpwr, -60, 40),
        tx_power_raw=txpwr,
    )
    info = NetworkInfo(access_technology="WCDMA", mcc=mcc, mnc=mnc, band=f[5] or None, arfcn=uarfcn)
    return cell, info


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


def _cpsi(
    f: list[str], model: str | None
) -> tuple[ServingCell | None, NetworkInfo | None, str | None]:
    """One +CPSI line as (serving cell, network summary, state); all None: a shape unknown here."""
    mode = f[0].upper()
    if mode in _LTE_MODES and len(f) >= 14:
        cell, info = _lte(f, model)
        return cell, info, None
    if mode == "GSM" and len(f) >= 9:
        return (*_gsm(f), None)
    if mode == "WCDMA" and len(f) >= 14:
        return (*_wcdma(f), None)
    if mode == "NR5G_SA" and len(f) >= 11:
        return _nr(f, sa=True), None, None
    if mode == "NR5G_NSA" and len(f) >= 7 and _band(f[2]) is not None:
        return _nr(f, sa=False), None, None
    if mode == "NO SERVICE":
        return None, None, "NO SERVICE"
    return None, None, None


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
            cell, info, word = _cpsi(f, base.model)
            if cell is not None:
                base.serving.append(cell)
            if info is not None:
                base.network.append(info)
            if word is not None:
                base.state = word
            return cell is not None or word is not None
        if prefix == "+CPMUTEMP" and f and to_int(f[0]) is not None:
            base.temperatures.append(
                Temperature(sensor="module", celsius=celsius(to_int(f[0])), raw=f[0])
            )
            return True
        return False

    base.read(answers, take)
    return base.snapshot(time=time, errors=errors, dialect=NAME)

"""Quectel dialect: RM5xx / RG5xx (RM500Q, RM502Q, RM520N, RM521F, RM551E, RG50xQ) and the
LTE families (EC2x, EG25-G, EG06/EP06/EM06, EM12, EC200x) that share its commands.

Field orders, units and codes come from the Quectel "RG50xQ&RM5xxQ Series
Network Application Note" (section 3.2.1 AT+QNWINFO, 3.2.2 AT+QENG, 3.2.3
AT+QCAINFO, 3.3.1 AT+CSQ, 3.3.3-3.3.5 AT+QRSRP/AT+QRSRQ/AT+QSINR); AT+QSPN
and AT+QTEMP from the series AT Commands Manual. Lines are dispatched by their
prefix, never by position in the reply, because firmware has answered chained
commands out of order. A line whose shape the manual does not give is kept as
``Unparsed`` and never guessed at.

The LTE modules print AT+QENG in their own layouts (a shorter LTE line, GSM
serving and neighbour rows, WCDMA rows in other orders). Those layouts come
from the AT+QENG section of a Quectel LTE-module AT manual that lists 2G/3G/4G
modes (a Chinese edition, §6.17, seen through the search index without its
repository or model name) and agree with the RG50xQ&RM5xxQ note wherever both
give a form; the English EC25/EG25-G/EP06 manuals themselves were not found,
so no value of theirs is converted on the strength of them (see
``LTE_QENG_SINR_SCALE``). Each parser below names its layout.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from functools import lru_cache

from fiveg import radio
from fiveg.quality import PHYSICAL_RANGE, plausible
from fiveg.records import (
    AntennaPort,
    Carrier,
    CommandFailure,
    Neighbour,
    NetworkInfo,
    Operator,
    Rat,
    Role,
    ServingCell,
    SignalQuality,
    Snapshot,
    Temperature,
    Unparsed,
)
from fiveg.vendors import generic, quectel_settings
from fiveg.vendors.dialect import CommandSet
from fiveg.vendors.fields import (
    decode_ucs2,
    split_fields,
    split_plmn,
    to_hex,
    to_int,
    ucs2_digits,
    within,
)

NAME = "quectel"

# Where a record starts: a line holding one of these past its start is two glued records.
PREFIXES: tuple[str, ...] = (
    "+QENG:",
    "+QCAINFO:",
    "+QRSRP:",
    "+QRSRQ:",
    "+QSINR:",
    "+QTEMP:",
    "+QSPN:",
    "+QNWINFO:",
    "+QNWPREFCFG:",
    "+QNWLOCK:",
)

# What 5g-info asks, in order; every one is on the read-only allowlist.
INFO_COMMANDS: tuple[str, ...] = (
    "ATI",
    "AT+CGSN",
    "AT+QSPN",
    "AT+COPS?",
    "AT+CSQ",
    "AT+QNWINFO",
    'AT+QENG="servingcell"',
    "AT+QCAINFO",
    'AT+QENG="neighbourcell"',
    "AT+QRSRP",
    "AT+QRSRQ",
    "AT+QSINR",
    "AT+QTEMP",
)
# The 5G modules' band preferences and cell locks (fiveg.vendors.quectel_settings): asked
# of the RM5xx/RG5xx only, as the LTE modules set bands another way (AT+QCFG="band").
BAND_COMMANDS: tuple[str, ...] = tuple(quectel_settings.READS)
FIVE_G_MODULE = re.compile(r"^R[GM]5\d\d", re.IGNORECASE)

# The serving cell (every followed metric) and per-port RSRP (the imbalance
# warning) come every poll; the rest one per poll.
# Commands that feed one section only: `5g-info --section` leaves out those of the
# sections not shown (tests/test_chained.py holds each table to it on every fixture).
SECTION_ONLY: dict[str, str] = {
    'AT+QENG="neighbourcell"': "neighbours",
    "AT+QCAINFO": "carriers",
    "AT+QRSRP": "antennas",
    "AT+QRSRQ": "antennas",
    "AT+QSINR": "antennas",
    "AT+QTEMP": "temperatures",
    **dict.fromkeys(BAND_COMMANDS, "bands"),
}

# Lines of commands that share a prefix, told apart by how they begin, so that one
# chain can carry both (fiveg.at.chain). Every AT+QENG="neighbourcell" row begins
# with its "neighbourcell[ intra|inter]" head; no "servingcell" line does, its rows
# being headed "servingcell" or by a RAT ("LTE", "NR5G-NSA", ...) (the layouts cited
# at _neighbour and _serving below).
LINE_HEADS: dict[str, str] = {
    'AT+QENG="NEIGHBOURCELL"': '+QENG: "neighbourcell',
    **quectel_settings.LINE_HEADS,
}

FAST_COMMANDS: tuple[str, ...] = ('AT+QENG="servingcell"', "AT+QRSRP")
SLOW_COMMANDS: tuple[str, ...] = (
    "AT+QSPN",
    "AT+COPS?",
    "AT+QNWINFO",
    "AT+QCAINFO",
    'AT+QENG="neighbourcell"',
    "AT+QRSRQ",
    "AT+QSINR",
    "AT+QTEMP",
)


# the monitor shows a cell lock on its status line
LOCK_COMMANDS: tuple[str, ...] = ('AT+QNWLOCK="common/4g"', 'AT+QNWLOCK="common/5g"')


def commands(model: str | None) -> CommandSet:
    """A model that is not an RM5xx/RG5xx (an EC25, say) is not asked its band settings;
    an unknown one is: at worst the queries are refused, and said so."""
    if model is not None and not FIVE_G_MODULE.match(model):
        return CommandSet(info=INFO_COMMANDS, fast=FAST_COMMANDS, slow=SLOW_COMMANDS)
    return CommandSet(
        info=(*INFO_COMMANDS, *BAND_COMMANDS),
        fast=FAST_COMMANDS,
        slow=(*SLOW_COMMANDS, *LOCK_COMMANDS),
    )


# LTE <SINR> of AT+QENG, per model: (model pattern, rule, source). A model no row
# covers keeps only ``sinr_raw``; parsers never pick a scale for it.
#
# "2x-20": dB = (1/5) * X * 10 - 20 = 2X - 20, X in 0..25 (RG50xQ&RM5xxQ Series
# Network Application Note 3.2.2, <SINR> "In LTE mode"). The note's title covers
# RG50xQ and RM5xxQ. Early RM500Q firmware prints the shorter LTE line with the
# same scale: in freedesktop/libqmi pull request #2 its QENG <SINR> 25 sits beside
# the QMI LTE SNR of 30.0 dB read at the same moment (2 * 25 - 20).
# RM520N, RM521F, RM551E and RG520N (the "N"/"F"/"E" generations) print the RM5xxQ
# layout, but no text of their own manual ("RG520N&RM5x0N Series AT Commands
# Manual") was found: the rule is extended to them as the same family, and the one
# real RM520N-GL capture with both readings (fixtures/at_transcripts/
# rm520n_nsa_ca_tim.at) agrees better with it (QENG 7 -> -6 dB beside QCAINFO PCC
# <RSSNR> -4 dB) than with reading X as dB.
# Not covered, raw only: EC2x, EG25-G, EG06/EP06/EM06, EM12 and EC200x. Their
# sources disagree: the LTE-module manual above calls <sinr> dB (-20..+30); a user
# of an EC200T says "no conversion" (4IceG/luci-app-3ginfo-lite issue #43); that
# project's EP06 script applies X * 0.2 - 20 and an EP06-E user disputes it (issue
# #108); an EC200 example in ArduPilot's LTE_modem.lua reads 53 beside RSRQ -14 dB,
# which cannot be dB; and a MikroTik log of an unnamed Quectel LTE module
# (pastebin.com/2a9WR5hT) prints the 18-field line with <SINR> 18 beside AT+QCAINFO
# <RSSNR> 18 dB, i.e. dB, not 2X - 20.
SHAPE_5G = "RM5xx/RG5xx"  # the "model" of a reply with an NR5G line but no ATI
LTE_QENG_SINR_SCALE: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"^R[GM]50\dQ", re.I), "2x-20", "RG50xQ&RM5xxQ Network Application Note 3.2.2"),
    (re.compile(r"^RM5\d\dQ", re.I), "2x-20", "RG50xQ&RM5xxQ Network Application Note 3.2.2"),
    (re.compile(r"^R[GM]5\d0N", re.I), "2x-20", "RM5xxQ family rule, RM5x0N manual unseen"),
    (re.compile(r"^RM521F", re.I), "2x-20", "RM5xxQ family rule, RM521F manual unseen"),
    (re.compile(r"^RM551E", re.I), "2x-20", "RM5xxQ family rule, RM551E manual unseen"),
    (re.compile(r"^RM5xx/RG5xx$"), "2x-20", "no ATI, but an NR5G-NSA/SA line: a 5G RM5xx/RG5xx"),
)


def lte_sinr_rule(model: str | None) -> str | None:
    if model is None:
        return None
    for pattern, rule, _source in LTE_QENG_SINR_SCALE:
        if pattern.match(model):
            return rule
    return None


def lte_sinr_db(raw: int | None, model: str | None) -> float | None:
    if raw is None or lte_sinr_rule(model) != "2x-20":
        return None
    return plausible("sinr", 2.0 * raw - 20.0)


def _ranged(metric: str):
    low, high = PHYSICAL_RANGE[metric]

    def parse(text: str) -> int | None:
        value = to_int(text)
        return value if value is not None and low <= value <= high else None

    parse.__name__ = f"_{metric}"
    return parse


# Field parsers that drop anything outside the metric's physical range.
_rsrp, _rsrq, _rssi, _sinr = (_ranged(m) for m in ("rsrp", "rsrq", "rssi", "sinr"))


def _tx_power(raw: int | None) -> float | None:
    # <tx_power> is in 1/10 dBm (3.2.2); a UE transmits at most ~+33 dBm.
    if raw is None or not -600 <= raw <= 400:
        return None
    return raw / 10.0


@lru_cache(maxsize=256)
def _band_number(text: str) -> tuple[str | None, int | None]:
    """'LTE BAND 3' -> ('LTE', 3); 'NR5G BAND 78' -> ('NR5G', 78)."""
    m = re.match(r"^(LTE|NR5G)\s*BAND\s*(\d+)$", text.strip(), re.IGNORECASE)
    if not m:
        return None, None
    return m.group(1).upper(), int(m.group(2))


# ---------------------------------------------------------------- AT+QENG servingcell


def _lte_cell(f: list[str], state: str | None, model: str | None) -> ServingCell:
    """Both LTE layouts: RM5xx's, and the LTE modules' without <CQI>,<tx_power>.

    RM5xx (Network Application Note 3.2.2, 18 fields with "LTE"):
      "LTE",<is_tdd>,<MCC>,<MNC>,<cellID>,<PCID>,<earfcn>,<freq_band_ind>,<UL_bandwidth>,
      <DL_bandwidth>,<TAC>,<RSRP>,<RSRQ>,<RSSI>,<SINR>,<CQI>,<tx_power>,<srxlev>
    LTE modules (LTE-module manual §6.17 "LTE mode", 16 fields; seen from EC200T, EG25-G,
    EP06-E, EM06-A and, inside its EN-DC reply, early RM500Q firmware):
      "LTE",<is_tdd>,<mcc>,<mnc>,<cellID>,<pcid>,<earfcn>,<freq_band_ind>,<ul_bandwidth>,
      <dl_bandwidth>,<tac>,<rsrp>,<rsrq>,<rssi>,<sinr>,<srxlev>
    """
    full = len(f) >= 18
    cell_id = to_hex(f[4])
    enb, sector = radio.split_eci(cell_id)
    earfcn = to_int(f[6])
    band = to_int(f[7])
    sinr_raw = to_int(f[14])
    tx_raw = to_int(f[16]) if full else None
    return ServingCell(
        rat=Rat.LTE,
        state=state,
        duplex=f[1] or None,
        mcc=f[2] or None,
        mnc=f[3] or None,
        cell_id=cell_id,
        enodeb_id=enb,
        sector_id=sector,
        pci=within(to_int(f[5]), 0, 503),
        arfcn=earfcn,
        band=band,
        frequency_mhz=radio.earfcn_to_mhz(earfcn, band),
        ul_bandwidth_mhz=radio.LTE_BANDWIDTH_CODE_MHZ.get(to_int(f[8])),
        dl_bandwidth_mhz=radio.LTE_BANDWIDTH_CODE_MHZ.get(to_int(f[9])),
        tac=to_hex(f[10]),
        rsrp=_rsrp(f[11]),
        rsrq=_rsrq(f[12]),
        rssi=_rssi(f[13]),
        sinr_raw=sinr_raw,
        sinr=lte_sinr_db(sinr_raw, model),
        cqi=within(to_int(f[15]), 0, 30) if full else None,
        tx_power_raw=tx_raw,
        tx_power_dbm=_tx_power(tx_raw),
        srxlev=to_int(f[17] if full else f[15]),
    )


def _wcdma_cell(f: list[str], state: str | None) -> ServingCell:
    """The WCDMA serving cell (Network Application Note 3.2.2 "In WCDMA mode").

    "WCDMA",<MCC>,<MNC>,<LAC>,<cellID>,<uarfcn>,<PSC>,<RAC>,<RSCP>,<ecio>,<phych>,<SF>,
    <slot>,<speech_code>,<comMod>
    Only what a ServingCell field means is kept: the UARFCN as ``arfcn`` and the
    28-bit UMTS cell id (hex, as captured). <LAC> is no TAC, <PSC> no PCI, <RSCP> no
    RSRP and <ecio> no RSRQ, so those stay out (records.py has no field for them);
    no band comes with the line, so no frequency either.
    """
    return ServingCell(
        rat=Rat.WCDMA,
        state=state,
        mcc=f[1] or None,
        mnc=f[2] or None,
        cell_id=to_hex(f[4]),
        arfcn=within(to_int(f[5]), 0, 16383),
    )


def _gsm_cell(f: list[str], state: str | None) -> ServingCell:
    """The GSM serving cell (LTE-module manual §6.17 "GSM mode"; not in the RM5xx note).

    "GSM",<mcc>,<mnc>,<LAC>,<cellID>,<BSIC>,<arfcn>,<band>,<rxlev>,<txp>,<rla>,<drx>,<c1>,
    <c2>,<gprs>,<tch>,<ts>,<ta>,<maio>,<hsn>,<rxlevsub>,<rxlevfull>,<rxqualsub>,
    <rxqualfull>,<voicecodec>
    Kept: MCC, MNC, the 16-bit cell id (hex) and the ARFCN (0..1023). <band> is a
    code (0 DCS 1800, 1 PCS 1900), not a band number. <rxlev> is left out: the manual
    calls it 0..63 (dBm = X - 111) while its own examples and captures print dBm
    (-52, -67), so its unit is unsettled.
    """
    return ServingCell(
        rat=Rat.GSM,
        state=state,
        mcc=f[1] or None,
        mnc=f[2] or None,
        cell_id=to_hex(f[4]),
        arfcn=within(to_int(f[6]), 0, 1023),
    )


def _sa_cell(f: list[str], state: str | None) -> ServingCell:
    # "NR5G-SA",<duplex_mode>,<MCC>,<MNC>,<cellID>,<PCID>,<TAC>,<ARFCN>,<band>,
    # <NR_DL_bandwidth>,<RSRP>,<RSRQ>,<SINR>,<scs>,<srxlev>
    arfcn = to_int(f[7])
    sinr = to_int(f[12])
    return ServingCell(
        rat=Rat.NR5G_SA,
        state=state,
        duplex=f[1] or None,
        mcc=f[2] or None,
        mnc=f[3] or None,
        cell_id=to_hex(f[4]),
        pci=within(to_int(f[5]), 0, 1007),
        tac=to_hex(f[6]),
        arfcn=arfcn,
        band=to_int(f[8]),
        frequency_mhz=radio.nrarfcn_to_mhz(arfcn),
        dl_bandwidth_mhz=radio.NR_BANDWIDTH_CODE_MHZ.get(to_int(f[9])),
        rsrp=_rsrp(f[10]),
        rsrq=_rsrq(f[11]),
        sinr_raw=sinr,
        sinr=plausible("sinr", sinr),
        scs_khz=radio.SCS_CODE_KHZ.get(to_int(f[13])),
        srxlev=to_int(f[14]),
    )


def _nsa_cell(f: list[str], state: str | None) -> ServingCell:
    # "NR5G-NSA",<MCC>,<MNC>,<PCID>,<RSRP>,<SINR>,<RSRQ>,<ARFCN>,<band>,<NR_DL_bandwidth>,<scs>
    # Early RM500Q firmware stops after <RSRQ>; its <SINR> scale is undocumented,
    # so that short form keeps the raw SINR only. (In freedesktop/libqmi pull
    # request #2 an RM500Q printed 180 beside a QMI NR SNR of 18.5 dB: tenths of a
    # dB, perhaps, but one pair is no definition.)
    full = len(f) >= 11
    sinr_raw = to_int(f[5])
    arfcn = to_int(f[7]) if full else None
    return ServingCell(
        rat=Rat.NR5G_NSA,
        state=state,
        mcc=f[1] or None,
        mnc=f[2] or None,
        pci=within(to_int(f[3]), 0, 1007),
        rsrp=_rsrp(f[4]),
        sinr_raw=sinr_raw,
        sinr=plausible("sinr", sinr_raw) if full else None,
        rsrq=_rsrq(f[6]),
        arfcn=arfcn,
        band=to_int(f[8]) if full else None,
        frequency_mhz=radio.nrarfcn_to_mhz(arfcn),
        dl_bandwidth_mhz=radio.NR_BANDWIDTH_CODE_MHZ.get(to_int(f[9])) if full else None,
        scs_khz=radio.SCS_CODE_KHZ.get(to_int(f[10])) if full else None,
    )


def _serving(f: list[str], state: str | None, model: str | None) -> ServingCell | None:
    if not f:
        return None
    rat = f[0].upper()
    if rat == "LTE" and (len(f) == 16 or len(f) >= 18):
        return _lte_cell(f, state, model)
    if rat == "WCDMA" and len(f) == 15:
        return _wcdma_cell(f, state)
    if rat == "GSM" and len(f) == 25:
        return _gsm_cell(f, state)
    if rat == "NR5G-SA" and len(f) >= 15:
        return _sa_cell(f, state)
    if rat == "NR5G-NSA" and (len(f) == 7 or len(f) >= 11):
        return _nsa_cell(f, state)
    return None


# ---------------------------------------------------------------- AT+QENG neighbourcell


# Quectel's non-Qualcomm modules (Unisoc RG200U/RG500U/RM500U, and the EC200 family on
# Unisoc/ASR chips) are not assumed to share the Qualcomm row order: the RGx00U&RM500U
# AT manual, as quoted in a third-party Rust parser found by the search index, gives
# their LTE rows as <EARFCN>,<PCID>,<RSRP>,<RSRQ>,<srxlev>,<SINR>,... Read in the
# order below, <srxlev> and <cell_resel_priority> would land in RSSI and srxlev. No
# text of either manual was seen, so their LTE neighbour rows stay raw.
OTHER_PLATFORM = re.compile(r"^(EC200|R[GM]\d00U)", re.IGNORECASE)


def _neighbour(f: list[str], model: str | None) -> Neighbour | None:
    """One AT+QENG="neighbourcell" row, by its head and RAT and then its field count.

    Layouts: RG50xQ&RM5xxQ Network Application Note 3.2.2 (LTE and WCDMA modes) and
    the LTE-module manual §6.17 (GSM, WCDMA and LTE modes). Fields without a home in
    ``Neighbour`` are dropped, never put in a look-alike: a WCDMA <PSC> is no PCI,
    <RSCP>/<ecno> are no RSRP/RSRQ, a GSM <rxlev>/<rssi> has no unit the manual
    settles. NR5G rows stay raw: the RM5xx note lists neighbour rows for "3G/4G"
    only, no manual section for an NR row was found, and the parsers that read one
    disagree on its order (ARFCN first, PCI first, or MCC/MNC first).
    """
    head = f[0].lower().split()
    rat = f[1].upper() if len(f) > 1 else ""
    kind = head[-1] if len(head) == 2 else None
    if head[0] != "neighbourcell" or kind not in (None, "intra", "inter"):
        return None
    if rat == "LTE" and model is not None and OTHER_PLATFORM.match(model):
        return None
    if rat == "LTE" and kind is not None and len(f) >= 9:
        # "neighbourcell intra"|"neighbourcell inter","LTE",<earfcn>,<PCID>,<RSRQ>,<RSRP>,
        #   <RSSI>,<SINR>,<srxlev>,...   (LTE mode, both sources)
        earfcn = to_int(f[2])
        sinr_raw = to_int(f[7])
        return Neighbour(
            rat=Rat.LTE,
            kind=kind,
            arfcn=earfcn,
            frequency_mhz=radio.earfcn_to_mhz(earfcn),
            pci=within(to_int(f[3]), 0, 503),
            rsrq=_rsrq(f[4]),
            rsrp=_rsrp(f[5]),
            rssi=_rssi(f[6]),
            sinr_raw=sinr_raw,
            sinr=lte_sinr_db(sinr_raw, model),
            srxlev=to_int(f[8]),
        )
    if kind is not None:
        return None
    if rat == "LTE" and len(f) in (6, 7):
        # "neighbourcell","LTE",<earfcn>,<PCID>,<RSRP>,<RSRQ>[,<s_rxlev>]
        #   (WCDMA mode, with <s_rxlev>; GSM mode, without) - RSRP before RSRQ here
        earfcn = to_int(f[2])
        return Neighbour(
            rat=Rat.LTE,
            arfcn=earfcn,
            frequency_mhz=radio.earfcn_to_mhz(earfcn),
            pci=within(to_int(f[3]), 0, 503),
            rsrp=_rsrp(f[4]),
            rsrq=_rsrq(f[5]),
            srxlev=to_int(f[6]) if len(f) == 7 else None,
        )
    if rat == "WCDMA" and len(f) in (6, 10):
        # LTE mode: "WCDMA",<uarfcn>,<cell_resel_priority>,<thresh_Xhigh>,<thresh_Xlow>,
        #   <PSC>,<RSCP>,<ecno>,<srxlev>;  WCDMA mode: "WCDMA",<uarfcn>,<srxqual>,<PSC>,
        #   <RSCP>,<ecno>,<set>,<rank>,<srxlev>  (both 10 fields: <uarfcn> first and
        #   <srxlev> last in each, which is all that is kept);
        # GSM mode: "WCDMA",<uarfcn>,<psc>,<rscp>,<ecno>  (6 fields, no <srxlev>)
        return Neighbour(
            rat=Rat.WCDMA,
            arfcn=within(to_int(f[2]), 0, 16383),
            srxlev=to_int(f[9]) if len(f) == 10 else None,
        )
    if rat == "GSM" and len(f) in (11, 13):
        # LTE mode (11): "GSM",<arfcn>,<cell_resel_priority>,<thresh_gsm_high>,
        #   <thresh_gsm_low>,<ncc_permitted>,<band>,<bsic_id>,<rssi>,<srxlev>
        # GSM mode (13): "GSM",<mcc>,<mnc>,<LAC>,<cellID>,<BSIC>,<arfcn>,<rxlev>,<c1>,<c2>,
        #   <c31>,<c32>
        # (The WCDMA-mode GSM row, "GSM",<BSIC>,<rssi>,<rxlev>,<rank>, has no ARFCN: raw.)
        lte_mode = len(f) == 11
        return Neighbour(
            rat=Rat.GSM,
            arfcn=within(to_int(f[2] if lte_mode else f[7]), 0, 1023),
            srxlev=to_int(f[10]) if lte_mode else None,
        )
    return None


# ---------------------------------------------------------------- AT+QCAINFO


def _carrier(f: list[str]) -> Carrier | None:
    if len(f) < 5:
        return None
    role_text = f[0].upper()
    if role_text not in ("PCC", "SCC"):
        return None
    role = Role(role_text)
    kind, band = _band_number(f[3])
    arfcn = to_int(f[1])
    if kind == "LTE" and len(f) >= 10:
        # "PCC"|"SCC",<freq>,<bandwidth RBs>,<band>,<state>,<PCID>,<RSRP>,<RSRQ>,<RSSI>,<RSSNR>
        #   [,<UL_configured>,<UL_bandwidth RBs>,<UL_EARFCN>]   (SCC only)
        has_ul = len(f) >= 13
        rb = to_int(f[2])
        ul_configured = to_int(f[10]) if has_ul else None
        return Carrier(
            rat=Rat.LTE,
            role=role,
            arfcn=arfcn,
            band=band,
            frequency_mhz=radio.earfcn_to_mhz(arfcn, band),
            bandwidth_raw=rb,
            bandwidth_mhz=radio.LTE_RB_MHZ.get(rb),
            state=to_int(f[4]),
            pci=within(to_int(f[5]), 0, 503),
            rsrp=_rsrp(f[6]),
            rsrq=_rsrq(f[7]),
            rssi=_rssi(f[8]),
            sinr=_sinr(f[9]),
            ul_configured=None if ul_configured is None else bool(ul_configured),
            ul_bandwidth_mhz=radio.LTE_RB_MHZ.get(to_int(f[11])) if has_ul else None,
            ul_arfcn=to_int(f[12]) if has_ul else None,
            extra=tuple(f[13:] if has_ul else f[10:]),
        )
    if kind != "NR5G":
        return None
    code = to_int(f[2])
    common = dict(
        rat=Rat.NR5G,
        role=role,
        arfcn=arfcn,
        band=band,
        frequency_mhz=radio.nrarfcn_to_mhz(arfcn),
        bandwidth_raw=code,
        bandwidth_mhz=radio.NR_BANDWIDTH_CODE_MHZ.get(code),
    )
    if role is Role.PCC or len(f) == 5:
        # "PCC"|"SCC",<freq>,<NR_DL_bandwidth>,<NR_band>,<PCID>
        return Carrier(**common, pci=within(to_int(f[4]), 0, 1007), extra=tuple(f[5:]))
    if len(f) in (9, 11) or len(f) > 11:
        # "SCC",<freq>,<NR_DL_bandwidth>,<NR_band>,<state>,<PCID>,<UL_configured>,
        #   <NR_UL_bandwidth>,<UL_ARFCN>[,<NR_RSRP>,<NR_RSRQ>]
        with_signal = len(f) >= 11
        ul_configured = to_int(f[6])
        return Carrier(
            **common,
            state=to_int(f[4]),
            pci=within(to_int(f[5]), 0, 1007),
            ul_configured=None if ul_configured is None else bool(ul_configured),
            ul_bandwidth_mhz=radio.NR_BANDWIDTH_CODE_MHZ.get(to_int(f[7])),
            ul_arfcn=to_int(f[8]),
            rsrp=_rsrp(f[9]) if with_signal else None,
            rsrq=_rsrq(f[10]) if with_signal else None,
            extra=tuple(f[11:]),
        )
    return None


# ---------------------------------------------------------------- per-antenna readings

PORT_NAMES = ("PRX", "DRX", "RX2", "RX3")
_PORT_METRIC = {"+QRSRP:": "rsrp", "+QRSRQ:": "rsrq", "+QSINR:": "sinr"}
# A port that is not fitted reports the floor of the range as well as -32768.
_RSRP_FLOOR = -140


def _port_values(f: list[str]) -> tuple[Rat | None, tuple[int | None, ...]] | None:
    # <PRX>,<DRX>,<RX2>,<RX3>[,<sysmode>]
    if len(f) not in (4, 5):
        return None
    rat = None
    if len(f) == 5:
        mode = f[4].upper()
        rat = Rat.LTE if mode == "LTE" else Rat.NR5G if mode in ("NR5G", "NR") else None
        if rat is None:
            return None
    return rat, tuple(to_int(v) for v in f[:4])


_NO_PORTS = (None, None, None, None)


@lru_cache(maxsize=2048)
def _port(rat: Rat | None, i: int, rsrp: int | None, rsrq: int | None, sinr: int | None):
    # A path at the -140 dBm floor is not fitted: none of its readings count.
    fitted = rsrp is None or rsrp > _RSRP_FLOOR
    return AntennaPort(
        rat=rat,
        port=i,
        name=PORT_NAMES[i],
        rsrp=plausible("rsrp", rsrp) if fitted else None,
        rsrq=plausible("rsrq", rsrq) if fitted else None,
        sinr=plausible("sinr", sinr) if fitted else None,
        rsrp_raw=rsrp,
        rsrq_raw=rsrq,
        sinr_raw=sinr,
    )


def _antennas(readings: dict[tuple[Rat | None, str], tuple]) -> list[AntennaPort]:
    ports: list[AntennaPort] = []
    for rat in dict.fromkeys(r for r, _ in readings):
        rsrp = readings.get((rat, "rsrp"), _NO_PORTS)
        rsrq = readings.get((rat, "rsrq"), _NO_PORTS)
        sinr = readings.get((rat, "sinr"), _NO_PORTS)
        ports += [_port(rat, i, rsrp[i], rsrq[i], sinr[i]) for i in range(4)]
    return ports


# ---------------------------------------------------------------- the rest


# The LTE modules' AT+QTEMP: +QTEMP: <pmic_temp>,<xo_temp>,<pa_temp>, three bare
# numbers in °C. The order is known only from drivers quoting the manual (the
# "EM12/EG25 family" comment of a PowerShell modem tool found by the search index;
# koshev-msk/modemfeed pull request #55 reads the chip temperature from the second
# field on EP06/EM160), not from a manual text of ours. 255 (EC200T: "+QTEMP:
# 38,255,255", 4IceG/luci-app-3ginfo-lite issue #43) is the "no sensor" value.
BARE_SENSORS = ("pmic", "xo", "pa")


def _celsius(value: int | None) -> int | None:
    return None if value is None or value in (-273, 255) or not -60 <= value <= 150 else value


def _temperature(f: list[str]) -> Temperature | tuple[Temperature, ...] | None:
    # +QTEMP:"<sensor>","<celsius>" (RM5xx); -273 or 255 mean no sensor.
    if len(f) == 3 and all(v.lstrip("-").isdigit() for v in f):
        return tuple(
            Temperature(sensor=name, celsius=_celsius(to_int(v)), raw=v)
            for name, v in zip(BARE_SENSORS, f, strict=True)
        )
    if len(f) != 2 or not f[0] or f[0].lstrip("-").isdigit():
        return None
    return Temperature(sensor=f[0], celsius=_celsius(to_int(f[1])), raw=f[1])


def _qspn(f: list[str]) -> Operator | None:
    """+QSPN: <FNN>,<SNN>,<SPN>,<alphabet>,<RPLMN> (series AT Commands Manual).

    The names are UCS2 hex when the modem says so (<alphabet> 1), as in a Quectel 5G
    module's reply on China Telecom (fixtures/at_transcripts/rm520n_qspn_ucs2.at):
    "00430048004E002D00430054","00430054","4E2D56FD75354FE1",1,"46011" is CHN-CT, CT,
    中国电信. They are UCS2 too when the RPLMN, digits only, comes as UCS2 hex: a modem
    left in AT+CSCS="UCS2" by another program prints every string so (27.007 5.5).
    Otherwise a name is kept as printed, even one that looks like hex: fiveg never asks
    +CSCS, and "1234" is a possible name. A name that does not decode is kept raw.
    """
    if len(f) < 5:
        return None
    fnn, snn, spn, alphabet, rplmn = f[:5]
    plmn = ucs2_digits(rplmn) or rplmn
    if alphabet == "1" or plmn != rplmn:
        fnn, snn, spn = (decode_ucs2(name) or name for name in (fnn, snn, spn))
    mcc, mnc = split_plmn(plmn)
    return Operator(name=fnn or spn or None, short_name=snn or None, mcc=mcc, mnc=mnc)


def _qnwinfo(f: list[str]) -> NetworkInfo | None:
    # <Act>,<oper>,<band>,<channel>
    if len(f) != 4:
        return None
    mcc, mnc = split_plmn(f[1])
    return NetworkInfo(
        access_technology=f[0] or None, mcc=mcc, mnc=mnc, band=f[2] or None, arfcn=to_int(f[3])
    )


@lru_cache(maxsize=4096)
def _parse_line(line: str, cell_state: str | None, model: str | None) -> tuple[str, object] | None:
    """One information line as (kind, value), or None when its shape is unknown.

    Pure, and its values immutable, so it is cached: a modem refreshes its
    measurements in steps and polls repeat most lines word for word. A line
    too short or malformed for the shape its prefix promises is unknown too
    (kept raw by the caller), never an exception.
    """
    try:
        return _dispatch(line, cell_state, model)
    except (IndexError, ValueError):
        return None


def _dispatch(line: str, cell_state: str | None, model: str | None) -> tuple[str, object] | None:
    prefix, _, payload = line.partition(":")
    prefix += ":"
    f = split_fields(payload)
    value: object
    if prefix == "+QENG:":
        head = f[0].lower()
        if head == "servingcell":
            state = f[1] if len(f) > 1 else None
            if len(f) == 2:
                return "state", state
            value = _serving(f[2:], state, model)
            return ("head", value) if value is not None else ("state-unparsed", state)
        if head.startswith("neighbourcell"):
            value = _neighbour(f, model)
            return None if value is None else ("neighbour", value)
        value = _serving(f, cell_state, model)
        return None if value is None else ("serving", value)
    if prefix == "+QCAINFO:":
        value = _carrier(f)
        return None if value is None else ("carrier", value)
    if prefix in _PORT_METRIC:
        values = _port_values(f)
        return None if values is None else ("port", (values[0], _PORT_METRIC[prefix], values[1]))
    if prefix == "+QTEMP:":
        value = _temperature(f)
        if isinstance(value, tuple):
            return "temperatures", value
        return None if value is None else ("temperature", value)
    if prefix == "+QSPN:":
        value = _qspn(f)
        return None if value is None else ("qspn", value)
    if prefix == "+COPS:":
        return "cops", generic.parse_cops(payload)
    if prefix == "+CSQ:":
        return "csq", generic.parse_csq(payload)
    if prefix in ("+QNWPREFCFG:", "+QNWLOCK:"):
        setting = quectel_settings.parse_line(line)
        return None if setting is None else ("setting", setting)
    if prefix == "+QNWINFO:":
        if payload.strip().lower() == "no service":
            return "no-service", None
        value = _qnwinfo(f)
        return None if value is None else ("network", value)
    return None


def clear_caches() -> None:
    """Forget every parsed line (for benchmarks measuring the uncached path)."""
    for cached in (_parse_line, _port, _band_number, generic._ati):
        cached.cache_clear()


def _reply_shape_model(answers: Mapping[str, Sequence[str]]) -> str | None:
    """``SHAPE_5G`` when a +QENG serving line is NR5G-NSA or NR5G-SA, else None."""
    for lines in answers.values():
        for line in lines:
            prefix, _, payload = line.partition(":")
            if prefix.strip() != "+QENG" or "NR5G-" not in payload:
                continue
            f = [x.upper() for x in split_fields(payload)[:3]]
            if f[0] == "NR5G-NSA" or (f[0] == "SERVINGCELL" and f[2:3] == ["NR5G-SA"]):
                return SHAPE_5G
    return None


_BAND_QUERIES = frozenset(c.upper() for c in BAND_COMMANDS)
_LISTED = ("serving", "neighbour", "carrier", "temperature", "network")


def parse_snapshot(
    answers: Mapping[str, Sequence[str]],
    *,
    time: datetime,
    model: str | None = None,
    errors: Sequence[CommandFailure] = (),
) -> Snapshot:
    """Build one Snapshot from each command's information lines.

    ``model`` (from an earlier ATI) is used when this poll did not ask ATI; it
    selects the per-model LTE SINR scale. With no model at all, a serving-cell
    reply holding an NR5G-NSA or NR5G-SA line still names the family: only the
    5G RM5xx/RG5xx modules print those, so their rule applies (``SHAPE_5G``).
    """
    device = generic.identity(answers)
    model = device.model or model or _reply_shape_model(answers)
    imei = None
    operator = Operator()
    cops = None
    state = None
    signal: SignalQuality | None = None
    listed: dict[str, list] = {kind: [] for kind in _LISTED}
    readings: dict[tuple[Rat | None, str], tuple] = {}
    unparsed: list[Unparsed] = []
    settings: list[tuple[str, object]] = []

    for command, lines in answers.items():
        if generic.Base.owns(command) and command != "AT+CGSN":
            continue
        if command == "AT+CGSN":
            imei = generic.parse_cgsn(list(lines))
            continue
        cell_state = None
        for line in lines:
            parsed = _parse_line(line, cell_state, model)
            if parsed is None:
                unparsed.append(Unparsed(command=command, line=line))
                continue
            kind, value = parsed
            if kind in listed:
                listed[kind].append(value)
            elif kind == "temperatures":
                listed["temperature"].extend(value)
            elif kind == "port":
                rat, metric, values = value
                readings[(rat, metric)] = values
            elif kind == "head":
                listed["serving"].append(value)
                state = cell_state = value.state
            elif kind == "state" or kind == "state-unparsed":
                state = cell_state = value
                if kind == "state-unparsed":
                    unparsed.append(Unparsed(command=command, line=line))
            elif kind == "qspn":
                operator = generic.merge_operator(value, operator)
            elif kind == "cops":
                cops = value
            elif kind == "csq":
                signal = value
            elif kind == "no-service":
                state = state or "NO SERVICE"
            elif kind == "setting" and command.upper() in _BAND_QUERIES:
                settings.append(value)

    if imei:
        device = replace(device, imei=imei)
    return Snapshot(
        time=time,
        device=device,
        operator=generic.merge_operator(operator, cops),
        state=state,
        network=tuple(listed["network"]),
        signal=signal,
        serving=tuple(listed["serving"]),
        carriers=tuple(listed["carrier"]),
        neighbours=tuple(listed["neighbour"]),
        antennas=tuple(_antennas(readings)),
        temperatures=tuple(listed["temperature"]),
        unparsed=tuple(unparsed),
        errors=tuple(errors),
        dialect=NAME,
        bands=quectel_settings.settings(settings),
    )

"""Fibocom dialect: the +GT commands of FM150/FM160/FM190/FM350, the +X commands of L850/L860.

Sources (field orders; no scale is taken on faith):

- ``+GTCCINFO?``: one row per cell after a ``+GTCCINFO:`` line. Serving
  (1): ``<IsServiceCell>,<rat>,<mcc>,<mnc>,<tac>,<cellid>,<arfcn>,<pci>,
  <band>,<bandwidth>,<rssnr_value or ss_sinr>,<rxlev>,<rsrp>,<rsrq>``;
  neighbour (2): ``...,<pci>,<bandwidth (LTE) or ss_sinr (NR)>,<rxlev>,
  <rsrp>,<rsrq>``: FM350 AT Commands manual V2.10 section 11.1.15 (page
  excerpt in jasper33977296/uav-system reference/fibocom-fm160/GTCCINFO-
  excerpt.txt; the same in sebastianspicker/fm350-usb and Siriling
  fibocom.sh). <rat> 4 is LTE, 9 is NR; other RATs (2 UMTS, eMTC...) have
  other layouts and stay raw. <band> is 100 + the LTE band or "50" + the NR
  band (103 = B3, 5078 = n78); an LTE <bandwidth> is in resource blocks
  (real FM350-GL: 100 on a 20 MHz carrier). <rsrp>/<rsrq> are the 3GPP
  reporting indices (TS 36.133 / 38.133, the +CESQ scale: manual 11.1.2).
  No source cites a scale for <rssnr_value>, so it is kept raw
  (``sinr_raw``); NR SINR comes from +CESQ <ss_sinr>. All-F fillers (FFFF,
  00FFFFFFF) mean "no value". TAC and cell id are hex in every capture.
- Channels and PCIs in two radixes. MediaTek FM350 firmware prints them in
  decimal and no "<RAT> service cell:" headers (francesco-stimola/fibocom-
  fm350-gl-windows-gui tests/fixtures/device: EARFCN 1850 under band 103,
  NR-ARFCN 645312 under 5078). Qualcomm FM160 firmware prints the headers
  and hex (Beaverfffan/openwrt-fm160 docs/HARDWARE-PROBE.md: EARFCN "672"
  under band 103, 0x672 = 1650 in B3; PCI 1E4; jasper33977296/uav-system
  apps/backend/app/modem_raw.py: NR-ARFCN AFDA0 under 5079, PCI 8D and 85).
  FM150/FM190 (Qualcomm too) are reported to print hex on some firmware; no
  published capture was found. So the radix is decided per reply, never
  assumed (``_radix``); undecided, channels and PCIs are None and the rows
  are kept raw.
- ``+GTCAINFO?``: a ``PCC:`` row per RAT (EN-DC: NR first, then LTE) and
  ``SCC <n>:`` rows, per the FM350 manual V2.10 section 11.1.16 as quoted in
  francesco-stimola/fibocom-fm350-gl-windows-gui docs/AT-COMMANDS.md 4.2
  (a third-party quote) and read alike by 4IceG/luci-app-3ginfo-lite
  (0e8d7127): ``PCC:<band>,<pci>,<arfcn>,<dl_bw>,<dl_mimo>,<ul_mimo>,
  <dl_mod>,<ul_mod>,<rsrp>`` in the manual, with ``<ul_bw>`` after
  ``<dl_bw>`` on real FM350-GL firmware (ten fields); ``SCC <n>:<state>,
  <ul_ca>,<band>,<pci>,<arfcn>,<dl_bw>,<ul_bw>,<dl_mimo>,<ul_mimo>,<dl_mod>,
  <ul_mod>,<rsrp>``. Bandwidth codes are MHz x 5 (6 = 1.4 MHz; same
  sources), 255 "not configured"; the trailing RSRP is dBm on the FM350-GL
  (-96 beside +GTCCINFO's index 44). MIMO layers and modulation codes go to
  ``Carrier.extra``. Other field counts: the shared head is read, the rest
  kept in ``extra``.
- ``+GTSENRDTEMP=1``: ``+GTSENRDTEMP: <sensor>,<value>``; the manual says
  only "integer type"; thousandths of a degree is what every published
  FM350 value (36500) can only mean for a module, so it is read so.
- L850/L860 (FIBOCOM L860 AT Commands User Manual V3.2.3, as read and
  checked against a live L860-GL by yuu61/wwan-probe docs/neighbor-cells.md:
  4.2.4 +MTSM, 9.1.13 +XMCI, 9.1.14 +XCCINFO, 9.1.16 +XLEC, 9.1.19 +XCESQ):
  ``+XCESQ: <n>,<rxlev>,<ber>,<rscp>,<ecno>,<rsrq>,<rsrp>,<rssnr>,...``
  (3GPP indices; <rssnr> -100..100 with no unit given: kept raw);
  ``+XCCINFO: <mode>,<mcc>,<mnc>,<ci>,<rat>,<band_info>,<lac>,<area_type>,
  <rac>,<tac>,...``; ``+XLEC: <n>,<no_of_cells>,<bandwidth>...`` with
  bandwidth codes 0..5 = 1.4..20 MHz, 255 invalid; ``+MTSM: <temp>`` in °C.
  ``+XMCI: 4|5,<mcc>,<mnc>,<tac>,<ci>,<pci>,<dl_earfcn>,<ul_earfcn>,
  <pathloss>,<rsrp>,<rsrq>,<rssnr>,<ta>,<cqi>`` (4 serving, 5 neighbour;
  hex fields as quoted "0x..."; <rsrp>/<rsrq> 36.133 indices, checked by
  that author against Windows' own cell readings; 0xFFFFFFFF, TAC 0xFFFE and
  <rssnr> 255 where a neighbour has no value). Types 0-3 (GSM, UMTS) have
  other layouts and no published capture: kept raw. ``AT+XMCI=1`` measures
  the serving cell anew and can take over 10 s on a weak cell, ``=0``
  returns the last measurements at once (manual p.168 and timings, same
  source): 5g-info asks ``=1``, the monitor's slow loop ``=0``.
- ``+RSRP?``/``+RSRQ?``: no manual section or published L8x0 capture was
  found, so they are neither asked nor parsed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import NamedTuple

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
# Commands that feed one section only (see quectel.SECTION_ONLY).
SECTION_ONLY: dict[str, str] = {
    "AT+GTCAINFO?": "carriers",
    "AT+GTSENRDTEMP=1": "temperatures",
    "AT+MTSM=1": "temperatures",
}

PREFIXES: tuple[str, ...] = (
    "+GTCCINFO:",
    "+GTCAINFO:",
    "+GTSENRDTEMP:",
    "+XCESQ:",
    "+XCCINFO:",
    "+XLEC:",
    "+XMCI:",
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
        "AT+XMCI=1",
        "AT+MTSM=1",
    ),
    fast=("AT+XCESQ?",),
    slow=("AT+COPS?", "AT+CSQ", "AT+CEREG?", "AT+XCCINFO?", "AT+XLEC?", "AT+XMCI=0", "AT+MTSM=1"),
)
# No model (ATI refused or, as on a real L860-GL, only a build date; +CGMM refused):
# both lists. The set the modem refuses answers ERROR at once, and the monitor moves a
# fast command refused three polls running to the slow loop (poller.DEMOTE_AFTER).
EITHER = CommandSet(
    info=(*GT.info, *(c for c in XMM.info if c not in GT.info)),
    fast=(*GT.fast, *(c for c in XMM.fast if c not in GT.fast)),
    slow=(*GT.slow, *(c for c in XMM.slow if c not in GT.slow)),
)
_XMM_MODEL = re.compile(r"^L8[56]0", re.IGNORECASE)
_MEDIATEK_MODEL = re.compile(r"^FM350", re.IGNORECASE)


def commands(model: str | None) -> CommandSet:
    if not model:
        return EITHER
    return XMM if _XMM_MODEL.match(model) else GT


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


# ---------------------------------------------------------------- decimal or hex


class Channel(NamedTuple):
    """A row's channel and PCI as printed, with the band that can tell their radix."""

    nr: bool
    arfcn: str
    pci: str
    band: int | None


_HEX_DIGIT = re.compile(r"[A-Fa-f]")


def _fits(nr: bool, band: int, arfcn: int) -> bool:
    """Whether a downlink channel lies in the band (TS 36.101 5.7.3 / 38.104 5.4.2)."""
    if nr:
        mhz = radio.nrarfcn_to_mhz(arfcn)
        return mhz is not None and radio.nr_band_holds(band, mhz) is True
    b = radio.LTE_BANDS.get(band)
    return b is not None and b.dl_first <= arfcn <= b.dl_last


def _radix(channels: Sequence[Channel], decimal_firmware: bool) -> int | None:
    """16 or 10 for the channels and PCIs of one reply, or None when nothing tells.

    A digit A-F settles hex. Else each row whose channel lies in its band in one
    reading only votes for it (EARFCN "672" under B3 can only be 0x672 = 1650);
    rows that disagree leave it open. Else only firmware known to print decimal
    (the MediaTek FM350's) is read so: an all-digit channel may be hex elsewhere.
    """
    texts = [t for c in channels for t in (c.arfcn, c.pci)]
    if any(_HEX_DIGIT.search(t) for t in texts):
        return 16
    votes = set()
    for c in channels:
        if c.band is None or not (c.arfcn.isascii() and c.arfcn.isdigit()):
            continue
        decimal, hexadecimal = (
            _fits(c.nr, c.band, int(c.arfcn)),
            _fits(c.nr, c.band, int(c.arfcn, 16)),
        )
        if decimal != hexadecimal:
            votes.add(10 if decimal else 16)
    if votes:
        return votes.pop() if len(votes) == 1 else None
    return 10 if decimal_firmware else None


def _number(text: str, radix: int | None) -> int | None:
    if radix == 16:
        return _hex(text)
    return to_int(text) if radix == 10 else None


# ---------------------------------------------------------------- +GTCCINFO


def _serving(f: list[str], rat: int, nsa: bool, radix: int | None) -> ServingCell:
    nr = rat == 9
    arfcn = _number(f[6], radix)
    band = _band(rat, f[8])
    cell_id = _hex(f[5])
    return ServingCell(
        rat=(Rat.NR5G_NSA if nsa else Rat.NR5G_SA) if nr else Rat.LTE,
        mcc=f[2] or None,
        mnc=f[3] or None,
        tac=_hex(f[4]),
        **({"cell_id": cell_id} if nr else radio.lte_cell_ids(cell_id)),
        arfcn=arfcn,
        pci=within(_number(f[7], radix), 0, 1007 if nr else 503),
        band=band,
        frequency_mhz=radio.nrarfcn_to_mhz(arfcn) if nr else radio.earfcn_to_mhz(arfcn, band),
        dl_bandwidth_mhz=None if nr else radio.LTE_RB_MHZ.get(to_int(f[9])),
        sinr_raw=to_int(f[10]),
        rsrp=_rsrp(rat, f[12]),
        rsrq=_rsrq(rat, f[13]),
    )


def _neighbour(f: list[str], rat: int, radix: int | None) -> Neighbour:
    arfcn = _number(f[6], radix)
    nr = rat == 9
    return Neighbour(
        rat=Rat.NR5G if nr else Rat.LTE,
        arfcn=arfcn,
        frequency_mhz=radio.nrarfcn_to_mhz(arfcn) if nr else radio.earfcn_to_mhz(arfcn),
        pci=within(_number(f[7], radix), 0, 1007 if nr else 503),
        rsrp=_rsrp(rat, f[10]),
        rsrq=_rsrq(rat, f[11]),
        sinr_raw=to_int(f[8]) if nr else None,  # an NR neighbour's <ss_sinr>; LTE: bandwidth
    )


def _cc_channel(f: list[str]) -> Channel:
    rat = to_int(f[1])
    return Channel(rat == 9, f[6], f[7], _band(rat, f[8]) if f[0] == "1" else None)


def _gtccinfo(rows: list[tuple[str, str, list[str]]], radix: int | None, base: generic.Base):
    lte_anchor = any(f[0] == "1" and f[1] == "4" for _, _, f in rows)
    for command, line, f in rows:
        if radix is None and (f[6] or f[7]):
            base.keep(command, line)  # its channel and PCI stay unread: the raw row shows them
        if f[0] == "1":
            base.serving.append(_serving(f, int(f[1]), lte_anchor, radix))
    channels = {(generic.is_nr(c.rat), c.arfcn) for c in base.serving}
    for _, _, f in rows:
        if f[0] == "2":
            cell = _neighbour(f, int(f[1]), radix)
            if cell.arfcn is not None:  # an unread channel says neither
                same = (generic.is_nr(cell.rat), cell.arfcn) in channels
                cell = replace(cell, kind="intra" if same else "inter")
            base.neighbours.append(cell)


# ---------------------------------------------------------------- +GTCAINFO

_CA_ROW = re.compile(r"^(PCC|SCC)\s*\d*\s*:\s*(.*)$")
# Bandwidth codes, MHz x 5 (FM350 manual 11.1.16, as quoted; 3ginfo-lite convert_bw).
CA_BANDWIDTH_MHZ = {
    6: 1.4,
    15: 3.0,
    25: 5.0,
    50: 10.0,
    75: 15.0,
    100: 20.0,
    125: 25.0,
    150: 30.0,
    200: 40.0,
    250: 50.0,
    300: 60.0,
    400: 80.0,
    450: 90.0,
    500: 100.0,
    1000: 200.0,
    2000: 400.0,
}
_PCC_FIELDS = {
    9: ("band", "pci", "arfcn", "dl_bw", "dl_mimo", "ul_mimo", "dl_mod", "ul_mod", "rsrp"),
    10: (
        "band",
        "pci",
        "arfcn",
        "dl_bw",
        "ul_bw",
        "dl_mimo",
        "ul_mimo",
        "dl_mod",
        "ul_mod",
        "rsrp",
    ),
}
_SCC_FIELDS = (
    "state",
    "ul_ca",
    "band",
    "pci",
    "arfcn",
    "dl_bw",
    "ul_bw",
    "dl_mimo",
    "ul_mimo",
    "dl_mod",
    "ul_mod",
    "rsrp",
)
_EXTRA = ("dl_mimo", "ul_mimo", "dl_mod", "ul_mod")


def _ca_band(code: str | None) -> tuple[Rat | None, int | None]:
    """The +GTACT band code: 100 + an LTE band, "50" + an NR band."""
    value = to_int(code)
    if value is None or code is None:
        return None, None
    if 101 <= value <= 199:
        return Rat.LTE, value - 100
    if code.startswith("50") and (band := to_int(code[2:])) is not None:
        return Rat.NR5G, band
    return None, None


def _ca_fields(kind: str, f: list[str]) -> tuple[dict[str, str], tuple[str, ...]]:
    """The row's named fields, and what is left over (an unknown tail, verbatim)."""
    if kind == "PCC":
        names = _PCC_FIELDS.get(len(f), _PCC_FIELDS[9][:4])
    else:
        names = _SCC_FIELDS if len(f) == len(_SCC_FIELDS) else _SCC_FIELDS[:6]
    return dict(zip(names, f, strict=False)), tuple(f[len(names) :])


def _ca_channel(kind: str, f: list[str]) -> Channel:
    named, _ = _ca_fields(kind, f)
    rat, band = _ca_band(named.get("band"))
    return Channel(rat is Rat.NR5G, named.get("arfcn", ""), named.get("pci", ""), band)


def _carrier(kind: str, f: list[str], radix: int | None, nr_codes: bool) -> Carrier | None:
    named, rest = _ca_fields(kind, f)
    rat, band = _ca_band(named.get("band"))
    if rat is None:
        return None
    nr = rat is Rat.NR5G
    arfcn = _number(named.get("arfcn", ""), radix)

    def mhz(code: int | None) -> float | None:
        return CA_BANDWIDTH_MHZ.get(code) if (nr_codes or not nr) and code is not None else None

    dl_bw, ul_bw = to_int(named.get("dl_bw")), to_int(named.get("ul_bw"))
    rsrp = to_int(named.get("rsrp"))
    extra = [f"{n}={named[n]}" for n in _EXTRA if n in named]
    if rsrp is not None and not -156 <= rsrp <= -31:
        extra.append(f"rsrp={named['rsrp']}")  # not dBm: an index on other firmware?
        rsrp = None
    ul_ca = named.get("ul_ca")
    return Carrier(
        rat=rat,
        role=Role.PCC if kind == "PCC" else Role.SCC,
        arfcn=arfcn,
        band=band,
        frequency_mhz=radio.nrarfcn_to_mhz(arfcn) if nr else radio.earfcn_to_mhz(arfcn, band),
        bandwidth_mhz=mhz(dl_bw),
        bandwidth_raw=dl_bw,
        ul_bandwidth_mhz=mhz(ul_bw),
        ul_configured={"1": True, "0": False}.get(ul_ca or ""),
        pci=within(_number(named.get("pci", ""), radix), 0, 1007 if nr else 503),
        state=to_int(named.get("state")),
        rsrp=rsrp,
        extra=(*extra, *rest),
    )


def _gtcainfo(rows: list[tuple[str, str, str, list[str]]], radix: int | None, nr_codes: bool, base):
    for command, line, kind, f in rows:
        carrier = _carrier(kind, f, radix, nr_codes)
        if carrier is None:
            base.keep(command, line)
            continue
        if radix is None:
            base.keep(command, line)
        base.carriers.append(carrier)


# ---------------------------------------------------------------- L850/L860


def _xnum(text: str) -> int | None:
    """An +XMCI field: "0x..." hex (all-F fillers: None) or plain decimal."""
    if text[:2].lower() == "0x":
        return _hex(text[2:])
    return to_int(text)


def _xmci(f: list[str]) -> ServingCell | Neighbour | None:
    kind = f[0]
    earfcn = _xnum(f[6])
    common = {
        "arfcn": earfcn,
        "frequency_mhz": radio.earfcn_to_mhz(earfcn),
        "pci": within(_xnum(f[5]), 0, 503),
        "rsrp": generic.lte_rsrp(to_int(f[9])),
        "rsrq": generic.lte_rsrq(to_int(f[10])),
        "sinr_raw": within(to_int(f[11]), -100, 100),
    }
    if kind == "5":
        return Neighbour(rat=Rat.LTE, **common)
    if kind != "4":
        return None
    tac = _xnum(f[3])
    return ServingCell(
        rat=Rat.LTE,
        mcc=f[1] if f[1] not in ("", "000") else None,
        mnc=f[2] if f[2] not in ("", "000") else None,
        tac=tac if tac not in (0xFFFE, 0xFFFF) else None,
        **radio.lte_cell_ids(_xnum(f[4])),
        **common,
    )


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


# ---------------------------------------------------------------- the snapshot


def parse_snapshot(
    answers: Mapping[str, Sequence[str]],
    *,
    time: datetime,
    model: str | None = None,
    errors: Sequence[CommandFailure] = (),
) -> Snapshot:
    base = generic.Base(answers, model)
    cc_rows: list[tuple[str, str, list[str]]] = []
    ca_rows: list[tuple[str, str, str, list[str]]] = []
    headers: list[str] = []
    found: dict[str, list[str]] = {}
    xmci: list[ServingCell | Neighbour] = []

    def take(command: str, line: str, state: dict) -> bool:
        ca = _CA_ROW.match(line)
        if ca and (state.get("block") == "+GTCAINFO" or "GTCAINFO" in command):
            ca_rows.append((command, line, ca.group(1), split_fields(ca.group(2))))
            return True
        if line.startswith("+"):
            prefix, _, payload = line.partition(":")
            state["block"] = prefix  # rows without a prefix belong to the last one seen
            f = split_fields(payload)
            if prefix in ("+GTCCINFO", "+GTCAINFO"):
                return not payload.strip()  # the header line of a multi-row reply
            if prefix in ("+XCESQ", "+XCCINFO") and len(f) >= (8 if prefix == "+XCESQ" else 10):
                found[prefix] = f
                return True
            if prefix == "+XMCI" and len(f) >= 14 and (cell := _xmci(f)) is not None:
                xmci.append(cell)
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
        # "LTE service cell:" and the like: headers between the rows, not data
        if line.endswith(":") and "," not in line:
            headers.append(line)
            return True
        f = split_fields(line)
        if len(f) == (14 if f[0] == "1" else 12) and f[0] in ("1", "2") and f[1] in ("4", "9"):
            cc_rows.append((command, line, f))
            return True
        return False

    base.read(answers, take)
    # MediaTek firmware prints decimal and no section headers; Qualcomm prints both
    mediatek = bool(_MEDIATEK_MODEL.match(base.model or model or "")) or (
        bool(cc_rows) and not headers
    )
    _gtccinfo(cc_rows, _radix([_cc_channel(f) for _, _, f in cc_rows], mediatek), base)
    ca_radix = _radix([_ca_channel(k, f) for _, _, k, f in ca_rows], mediatek)
    _gtcainfo(ca_rows, ca_radix, mediatek, base)

    serving = next((c for c in xmci if isinstance(c, ServingCell)), None)
    cell = _xmm_cell(found.get("+XCESQ"), found.get("+XCCINFO"))
    cell = generic.fill(cell, serving) if cell is not None else serving  # +XCESQ is the fresher
    if cell is not None:
        base.serving.append(cell)
        if base.carriers and base.carriers[0].role is Role.PCC and base.carriers[0].band is None:
            # +XLEC's first carrier is the PCell, which is the serving cell
            base.carriers[0] = replace(
                base.carriers[0],
                band=cell.band,
                arfcn=cell.arfcn,
                pci=cell.pci,
                frequency_mhz=radio.earfcn_to_mhz(cell.arfcn, cell.band),
            )
    for n in (c for c in xmci if isinstance(c, Neighbour)):
        if n.arfcn is not None and cell is not None and cell.arfcn is not None:
            n = replace(n, kind="intra" if n.arfcn == cell.arfcn else "inter")
        base.neighbours.append(n)
    return base.snapshot(time=time, errors=errors, dialect=NAME)

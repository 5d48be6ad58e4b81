"""3GPP TS 27.007 and V.250 replies every modem gives: identity, +CSQ, +COPS."""

from __future__ import annotations

import re

from fiveg.records import Device, Operator, SignalQuality
from fiveg.vendors.fields import split_fields, split_plmn, to_int

_IMEI = re.compile(r"\b(\d{14,17})\b")


def parse_ati(lines: list[str]) -> Device:
    """ATI (V.250 6.1.3): free text; Quectel gives manufacturer, model, 'Revision: ...'."""
    revision = None
    rest = []
    for line in lines:
        if line.lower().startswith("revision:"):
            revision = line.split(":", 1)[1].strip() or None
        else:
            rest.append(line)
    return Device(
        manufacturer=rest[0] if rest else None,
        model=rest[1] if len(rest) > 1 else None,
        revision=revision,
    )


def parse_cgsn(lines: list[str]) -> str | None:
    """AT+CGSN (27.007 5.4): the IMEI, bare or as +CGSN: "<sn>"."""
    for line in lines:
        m = _IMEI.search(line)
        if m:
            return m.group(1)
    return None


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


def parse_cops(payload: str) -> Operator | None:
    """+COPS: <mode>[,<format>,<oper>[,<AcT>]] (27.007 7.3)."""
    f = split_fields(payload)
    if len(f) < 3 or not f[2]:
        return None
    fmt = to_int(f[1])
    if fmt == 2:
        mcc, mnc = split_plmn(f[2])
        return Operator(mcc=mcc, mnc=mnc)
    if fmt == 0:
        return Operator(name=f[2])
    if fmt == 1:
        return Operator(short_name=f[2])
    return None

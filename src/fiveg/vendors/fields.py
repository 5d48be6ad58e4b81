"""Small helpers every dialect uses to cut an information line into typed values."""

from __future__ import annotations

import itertools
import re

# Markers modems use for "no value". Out-of-range fillers (65535 for a PCI, 255 for
# a sensor) are caught by each field's own range check instead, since the same
# digits can be a valid value elsewhere (a hex cell id, an EARFCN).
NO_VALUE = frozenset({"", "-", "--", "-32768", "NA", "N/A"})
_HEX = frozenset("0123456789abcdefABCDEF")


def split_fields(payload: str) -> list[str]:
    """Comma-separated fields with surrounding spaces and quotes removed.

    Commas inside quotes are honoured (an operator name may hold one).
    """
    if '"' not in payload:
        return [f.strip() for f in payload.split(",")]
    if "," not in "".join(payload.split('"')[1::2]):  # no comma inside quotes: the usual case
        return [f.strip() for f in payload.replace('"', "").split(",")]
    fields, current, quoted = [], [], False
    for ch in payload:
        if ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            fields.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    fields.append("".join(current).strip())
    return fields


def to_int(text: str | None) -> int | None:
    """A decimal integer, or None for a no-value marker or anything that is not one."""
    if text is None or text in NO_VALUE:
        return None
    try:
        return int(text)
    except ValueError:
        return None


def to_hex(text: str | None) -> int | None:
    if text is None or text in NO_VALUE:
        return None
    try:
        return int(text, 16)
    except ValueError:
        return None


def within(value: int | None, low: int, high: int) -> int | None:
    return value if value is not None and low <= value <= high else None


def split_plmn(plmn: str | None) -> tuple[str | None, str | None]:
    """'22201' -> ('222', '01'); '310260' -> ('310', '260'); anything else -> (None, None)."""
    if not plmn:
        return None, None
    digits = plmn.replace(" ", "")
    if digits.isdigit() and len(digits) in (5, 6):
        return digits[:3], digits[3:]
    return None, None


def decode_ucs2(text: str) -> str | None:
    """A UCS2 hex string decoded, or None when ``text`` is not one.

    3GPP TS 27.007 5.5 (+CSCS "UCS2"): each 16-bit character is printed as four hex
    digits, "004100620063" for "Abc". Only the caller knows whether a string is in
    that form (a modem's own flag, or a field that can hold nothing else); this only
    refuses what cannot be one: not groups of four hex digits, a lone surrogate, a
    control character.
    """
    if not text or len(text) % 4 or not all(c in _HEX for c in text):
        return None
    try:
        decoded = bytes.fromhex(text).decode("utf-16-be")
    except UnicodeDecodeError:
        return None
    return decoded if decoded.isprintable() else None


def ucs2_digits(text: str | None) -> str | None:
    """A PLMN printed in UCS2 ("003200360032003000320030" for "262020"), else None.

    A numeric <oper> is digits only (27.007 7.3: 3 MCC and 2 or 3 MNC digits), so the
    same digits as UCS2 hex can be nothing else: the one UCS2 form fiveg can tell from
    a reply alone, without asking +CSCS.
    """
    decoded = decode_ucs2(text) if text and len(text) in (20, 24) else None
    return decoded if decoded is not None and decoded.isdigit() and decoded.isascii() else None


def number(value: float) -> float:
    """-85.0 as -85: a whole reading prints the same whichever unit step it came in."""
    return int(value) if float(value).is_integer() else value


def celsius(value: float | None) -> float | None:
    """A module temperature, or None outside what a modem survives (-40..125 °C)."""
    return value if value is not None and -40 <= value <= 125 else None


def glue_splitter(prefixes: tuple[str, ...]):
    """A function cutting one line into the records glued onto it.

    Some front ends and firmware deliver two records on one line
    (``+QCAINFO: "PCC",... +QCAINFO: "SCC",...``); read as one, the second
    record's fields would land in the first's. A record starts wherever one of
    the dialect's ``prefixes`` stands outside quotes (an operator name may hold
    any text); a line with no prefix past its start is returned as it is.
    """
    if not prefixes:
        return lambda line: [line]
    pattern = re.compile("|".join(re.escape(p) for p in sorted(set(prefixes), key=len)[::-1]))

    def split(line: str) -> list[str]:
        cuts = [m.start() for m in pattern.finditer(line, 1)]
        if not cuts:
            return [line]
        cuts = [c for c in cuts if line.count('"', 0, c) % 2 == 0]
        bounds = [0, *cuts, len(line)]
        pieces = (line[a:b].strip() for a, b in itertools.pairwise(bounds))
        return [p for p in pieces if p]

    return split

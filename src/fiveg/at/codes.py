"""Final result codes and unsolicited result codes, each as one closed set in one place.

A reply ends at exactly one final result code (ITU-T V.250 5.7.1, 3GPP TS 27.007
9.2 and TS 27.005 3.2.5). A line that merely contains ERROR is not one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fiveg.at.errors import CmeError, CmsError, CommandRejected

# Whole-line final codes. "COMMAND NOT SUPPORT" is Quectel's own (seen on EC2x/RM5xx).
SUCCESS_CODES = frozenset({"OK"})
FAILURE_CODES = frozenset(
    {"ERROR", "NO CARRIER", "NO DIALTONE", "BUSY", "NO ANSWER", "COMMAND NOT SUPPORT"}
)
_CME = re.compile(r"^\+(CME|CMS) ERROR:\s*(.*)$")

# The commonest +CME ERROR codes of 3GPP TS 27.007 9.2.1, so a numeric error reads well.
CME_TEXT = {
    0: "phone failure",
    1: "no connection to phone",
    3: "operation not allowed",
    4: "operation not supported",
    10: "SIM not inserted",
    11: "SIM PIN required",
    12: "SIM PUK required",
    13: "SIM failure",
    14: "SIM busy",
    15: "SIM wrong",
    16: "incorrect password",
    30: "no network service",
    31: "network timeout",
    32: "network not allowed - emergency calls only",
    50: "incorrect parameters",
    100: "unknown",
}


@dataclass(frozen=True, slots=True)
class Final:
    """A final result code as it appeared on the line."""

    line: str

    @property
    def ok(self) -> bool:
        return self.line in SUCCESS_CODES

    def error(self, command: str, lines: tuple[str, ...] = ()) -> CommandRejected:
        m = _CME.match(self.line)
        if m is None:
            return CommandRejected(command, self.line, lines)
        kind, detail = m.groups()
        detail = detail.strip().strip('"')
        code = int(detail) if detail.isdigit() else None
        text = CME_TEXT.get(code) if code is not None and kind == "CME" else None
        if code is None:
            text = detail or None
        cls = CmeError if kind == "CME" else CmsError
        return cls(command, self.line, code, text, lines)


def final_code(line: str) -> Final | None:
    """The final result code ``line`` is, or None if it is any other line."""
    if line in SUCCESS_CODES or line in FAILURE_CODES or _CME.match(line):
        return Final(line)
    return None


# Unsolicited result codes: prefixes (or whole lines) a modem may send at any time.
URC_PREFIXES = (
    "+QIND:",
    "+CEREG:",
    "+C5GREG:",
    "+CREG:",
    "+CGREG:",
    "+QUSIM:",
    "+CPIN:",
    "+QNETDEVSTATUS:",
    "+QSTAT:",
    "+CTZE:",
    "+CTZV:",
    "+CGEV:",
    "+QENDC:",
    "+QCSQ:",
    "+CMTI:",
    "+CRING:",
    "^RSSI:",
    "^HCSQ:",
    "^SYSINFOEX:",
    "^MODE:",
    "^SRVST:",
    "^SIMST:",
    "^DSFLOWRPT:",
    "^BOOT:",
    "^NWTIME:",
    "^HFREQINFO:",
)
URC_LINES = frozenset({"RDY", "POWERED DOWN", "RING", "+CFUN: 1"})


def is_urc(line: str) -> bool:
    return line in URC_LINES or line.startswith(URC_PREFIXES)


def command_prefixes(command: str) -> tuple[str, ...]:
    """Response prefixes a command's own information lines start with.

    ``AT+CEREG?`` answers ``+CEREG: ...``, which would otherwise look like the
    URC of the same name; chained commands give one prefix per part.
    """
    body = command.strip()
    if body[:2].upper() == "AT":
        body = body[2:]
    prefixes = []
    for part in split_chain(body):
        m = re.match(r"([+^$#!][A-Za-z0-9]+)", part)
        if m:
            prefixes.append(m.group(1).upper() + ":")
    return tuple(prefixes)


def split_chain(body: str) -> list[str]:
    """Split the part after ``AT`` at the ``;`` outside quotes."""
    parts, current, quoted = [], [], False
    for ch in body:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]

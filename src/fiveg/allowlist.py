"""The read-only allowlist: the only commands 5g-info and the monitor may send.

Anything that changes modem state (ATE0, AT+CFUN=..., AT+QCFG=..., set forms of
AT+QCAINFO or AT+COPS, AT#MONI=1, AT^HFREQINFO=1) is absent on purpose and
needs its own command and an explicit user action. Chained commands pass only if every part does.
"""

from __future__ import annotations

from fiveg.at.codes import split_chain

READ_ONLY: frozenset[str] = frozenset(
    {
        "",  # plain "AT": an attention check
        "I",
        "+CGMI",
        "+CGMM",
        "+CGMR",
        "+CGSN",
        "+CSQ",
        "+CESQ",
        "+COPS?",
        "+CEREG?",
        "+C5GREG?",
        "+CREG?",
        "+QSPN",
        "+QNWINFO",
        '+QENG="SERVINGCELL"',
        '+QENG="NEIGHBOURCELL"',
        "+QCAINFO",
        "+QRSRP",
        "+QRSRQ",
        "+QSINR",
        "+QRSSI",
        "+QTEMP",
        # Fibocom (+GT: FM150/FM350; +X and +MTSM: L850/L860). "=1" here names a sensor
        # or asks for one report: nothing is set.
        "+GTCCINFO?",
        "+GTCAINFO?",
        "+GTSENRDTEMP=1",
        "+XCCINFO?",
        "+XLEC?",
        "+XCESQ?",
        "+MTSM=1",
        # Sierra Wireless
        "!GSTATUS?",
        "!LTEINFO?",
        # SIMCom
        "+CPSI?",
        "+CPMUTEMP",
        # Telit (#TEMPSENS=2 reads every sensor once)
        "#RFSTS",
        "^RFSTS?",
        "#MONI",
        "#TEMPSENS=2",
        # Huawei
        "^HCSQ?",
        "^MONSC",
        "^MONSSC",
        "^MONNC",
        "^HFREQINFO?",
        "^SYSINFOEX",
        "^CHIPTEMP?",
    }
)


def _canonical(part: str) -> str:
    out, quoted = [], False
    for ch in part:
        if ch == '"':
            quoted = not quoted
        if ch.isspace() and not quoted:
            continue
        out.append(ch)
    return "".join(out).upper()


def is_read_only(command: str) -> bool:
    body = command.strip()
    if body[:2].upper() != "AT":
        return False
    parts = split_chain(body[2:])
    if not parts:
        return True
    return all(_canonical(p) in READ_ONLY for p in parts)

"""The read-only allowlist: the only commands 5g-info and the monitor may send.

Anything that changes modem state (ATE0, AT+CFUN=..., AT+QCFG=..., set forms of
AT+QCAINFO or AT+COPS, AT#MONI=1, AT^HFREQINFO=1, the band and cell-lock writes
of AT+QNWPREFCFG and AT+QNWLOCK) is absent on purpose: the only writes are
5g-lock's, on their own list (fiveg.lock.writes), after a preview and a yes.
Chained commands pass only if every part does.
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
        # AT+QNWPREFCFG="<item>" with no value is the item's query ("If the optional
        # parameter is omitted, query the current setting": RG520N&RM5x0N AT Commands
        # Manual V1.1 5.24; policy_band is query only, 5.24.10); the AT+QNWLOCK forms
        # without values are queries too (RG50xQ&RM5xxQ Network Application Note V1.0.0
        # 3.6). Every form with a value writes: 5g-lock's own list (fiveg.lock.writes).
        '+QNWPREFCFG="MODE_PREF"',
        '+QNWPREFCFG="LTE_BAND"',
        '+QNWPREFCFG="NSA_NR5G_BAND"',
        '+QNWPREFCFG="NR5G_BAND"',
        '+QNWPREFCFG="POLICY_BAND"',
        '+QNWLOCK="COMMON/4G"',
        '+QNWLOCK="COMMON/5G"',
        '+QNWLOCK="SAVE_CTRL"',
        # Fibocom (+GT: FM150/FM350; +X and +MTSM: L850/L860). "=1" here names a sensor
        # or asks for one report: nothing is set.
        "+GTCCINFO?",
        "+GTCAINFO?",
        "+GTSENRDTEMP=1",
        "+XCCINFO?",
        "+XLEC?",
        "+XCESQ?",
        "+MTSM=1",
        # +XMCI=<meas> (L860 manual V3.2.3 9.1.13, as read by yuu61/wwan-probe): a report of
        # the measured cells, 0 = the last measurements, 1 = the serving cell measured anew;
        # the test form lists only (0,1). Nothing is stored.
        "+XMCI=0",
        "+XMCI=1",
        # Sierra Wireless
        "!GSTATUS?",
        "!LTEINFO?",
        # !NRINFO? reports the NR serving cell (EM919x/EM929x: a real EM9291 reply prints only
        # "Label: value" status; the EM9 Series AT Command Reference r14 lists it, as quoted in a
        # public command table); the "?" form is its read form, nothing is set.
        "!NRINFO?",
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
        # ^VERSION? reads the version strings (BDT, EXTS, EXTH, EXTU...; real E3372 and MT5700M
        # replies are lists of ^VERSION:<item>:<text> lines); the "?" form sets nothing.
        "^VERSION?",
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

"""Build fixtures/at_transcripts/rm520n_sweep_demo.at: a constructed antenna sweep.

The transcript has the shape 5g-monitor records (identity first, then the
chained fast poll every 0.5 s, one slow command per poll) and the line
shapes of a real RM520N-GL in EN-DC; only the values are synthetic. The
signal rises to a peak, falls, the NR leg drops and comes back on another
cell, and the signal rises again, so a replay shows peak hold, events and
the cadence. Run: python tools/make_sweep_transcript.py
"""

from __future__ import annotations

import math
from pathlib import Path

from fiveg.at.transcript import MAGIC, escape

OUT = Path(__file__).resolve().parents[1] / "fixtures/at_transcripts/rm520n_sweep_demo.at"
PERIOD = 0.5
DURATION = 60.0
THINK = 0.03  # the modem's think time per command

SOURCES = {
    "ATI": "real RM520N-GL capture (TIM Italy, GL-X3000), github.com/vjt/quectel-5g-tools "
    "developer notes, 'Sample AT Command Outputs'",
    "QENG": "Quectel RG50xQ&RM5xxQ Network Application Note 3.2.2 (EN-DC: servingcell, LTE "
    "and NR5G-NSA lines; LTE <SINR> raw, dB = 2X-20); line shapes as in the TIM capture above",
    "QRSRP": "Network Application Note 3.3.3 (<PRX>,<DRX>,<RX2>,<RX3>,<sysmode>)",
}

SLOW = [
    ("AT+QSPN", ['+QSPN: "I TIM","TIM","",0,"22201"']),
    ("AT+COPS?", ['+COPS: 0,0,"I TIM",13']),
    ("AT+QNWINFO", ['+QNWINFO: "FDD LTE","22201","LTE BAND 1",275']),
    (
        "AT+QCAINFO",
        [
            '+QCAINFO: "PCC",275,75,"LTE BAND 1",1,280,-99,-14,-67,-4',
            '+QCAINFO: "SCC",1350,100,"LTE BAND 3",1,240,-95,-18,-68,-10,0,-,-',
            '+QCAINFO: "SCC",648768,10,"NR5G BAND 78",{nr_pci}',
        ],
    ),
    (
        'AT+QENG="neighbourcell"',
        [
            '+QENG: "neighbourcell intra","LTE",275,34,-20,-105,-76,-,-,-,-,-,-',
            '+QENG: "neighbourcell inter","LTE",1350,240,-18,-95,-68,-,-,-,-,-',
            '+QENG: "neighbourcell inter","LTE",1350,427,-14,-94,-69,-,-,-,-,-',
        ],
    ),
    ("AT+QRSRQ", ["+QRSRQ: -16,-19,-19,-15,LTE", "+QRSRQ: -11,-12,-13,-11,NR5G"]),
    ("AT+QSINR", ["+QSINR: 3,1,-20,-20,LTE", "+QSINR: {sinr},{sinr_drx},{sinr_rx2},14,NR5G"]),
    ("AT+QTEMP", ['+QTEMP:"modem-lte-sub6-pa1","43"', '+QTEMP:"cpuss-0-usr","45"']),
]


def gain(t: float) -> float:
    """How well the antenna points at time t (0..1): a sweep past the best bearing and back."""
    first = math.exp(-(((t - 22.0) / 7.0) ** 2))
    second = 0.85 * math.exp(-(((t - 52.0) / 5.0) ** 2))
    return max(first, second)


def nr_pci(t: float) -> int | None:
    if 36.0 <= t < 40.0:
        return None  # NR leg dropped while pointing away
    return 920 if t < 36.0 else 921


def values(t: float) -> dict[str, int | None]:
    g = gain(t)
    return {
        "lte_rsrp": round(-108 + 14 * g),
        "lte_rsrq": round(-15 + 5 * g),
        "lte_rssi": round(-80 + 14 * g),
        "lte_sinr_raw": round((-2 + 16 * g + 20) / 2),
        "nr_rsrp": round(-112 + 24 * g),
        "nr_rsrq": round(-14 + 5 * g),
        "sinr": round(-5 + 29 * g),
        "nr_pci": nr_pci(t),
    }


def reply(lines: list[str]) -> list[str]:
    return ["\r\n", *(f"{ln}\r\n" for ln in lines), "\r\n", "OK\r\n"]


def fast_lines(v: dict) -> list[str]:
    lte = (
        f'+QENG: "LTE","FDD",222,01,328261F,280,275,1,4,4,BE3,{v["lte_rsrp"]},{v["lte_rsrq"]},'
        f"{v['lte_rssi']},{v['lte_sinr_raw']},4,30,-"
    )
    lines = ['+QENG: "servingcell","NOCONN"', lte]
    ports = [f"+QRSRP: {v['lte_rsrp'] - 1},{v['lte_rsrp'] + 1},-140,-140,LTE"]
    if v["nr_pci"] is not None:
        lines.append(
            f'+QENG: "NR5G-NSA",222,01,{v["nr_pci"]},{v["nr_rsrp"]},{v["sinr"]},'
            f"{v['nr_rsrq']},648768,78,10,1"
        )
        r = v["nr_rsrp"]
        ports.append(f"+QRSRP: {r},{r - 2},{r - 11},{r - 1},NR5G")
    return lines + ports


def main() -> None:
    out = [
        MAGIC,
        "@ model: RM520N-GL",
        "@ scenario: constructed antenna sweep, EN-DC B1 + n78: NR SINR rises to 24 dB at 22 s, "
        "falls, the NR leg drops at 36 s and returns on PCI 921 at 40 s, a second peak at 52 s",
        "# Constructed by tools/make_sweep_transcript.py in the shape 5g-monitor records.",
        f"# ATI: {SOURCES['ATI']}.",
        f"# QENG: {SOURCES['QENG']}.",
        f"# QRSRP/QRSRQ/QSINR: {SOURCES['QRSRP']}.",
        "# The slow replies copy tests' rm520n_nsa_ca_tim.at (real capture) where it has them.",
        "",
    ]

    def exchange(t: float, command: str, lines: list[str]) -> None:
        out.append(f"> {t:.3f} {escape((command + chr(13)).encode())}")
        for piece in reply(lines):
            out.append(f"< {t + THINK:.3f} {escape(piece.encode())}")

    exchange(0.0, "ATI", ["Quectel", "RM520N-GL", "Revision: RM520NGLAAR03A03M4G"])
    exchange(0.04, "AT+CGSN", ["860000000000000"])
    t, slow = 0.1, 0
    while t < DURATION:
        v = values(t)
        exchange(t, 'AT+QENG="servingcell";+QRSRP', fast_lines(v))
        command, lines = SLOW[slow % len(SLOW)]
        fill = {
            "nr_pci": v["nr_pci"] or 920,
            "sinr": v["sinr"],
            "sinr_drx": v["sinr"] - 1,
            "sinr_rx2": v["sinr"] - 9,
        }
        exchange(t + 0.06, command, [ln.format(**fill) for ln in lines])
        slow += 1
        t = round(t + PERIOD, 3)
    OUT.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(out)} lines)")


if __name__ == "__main__":
    main()

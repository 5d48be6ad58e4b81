"""Sierra Wireless dialect (EM7455/MC7455, EM7565, EM919x, EM929x): !GSTATUS?, !LTEINFO?, !NRINFO?.

Neither reply has a field order to get wrong: ``!GSTATUS:`` is followed by
"Label: value" pairs, two to a line, separated by tabs or runs of spaces;
``!LTEINFO:`` by sections whose header line names the columns of the rows
under it. So both are read by name. Shapes from the AirPrime EM74xx/MC74xx
AT Command Reference as captured in danielewood/sierra-wireless-modems
(README, EM7455) and from the EM74xx/EM919x replies quoted in Digi's
ModemManager Sierra MBIM plugin (mm-broadband-modem-mbim-sierra.c,
"GSTATUS Possible Responses") and a published EM9190 NR5G SA reply.

Values are plain units (dBm, dB, MHz, °C). "--" and "---" mean no value.
Older firmware labels the per-port RSRP "RSRP (dBm)" beside "PCC RxM RSSI";
newer firmware says "PCC RxM RSRP": both are read as that port's RSRP.
The receive paths RxM (main) and RxD (diversity) are reported as the PRX
and DRX antenna ports.

``!NRINFO?`` (EM919x/EM929x; listed with !GSTATUS? for the EM91 and EM92
families in a public table of the EM9 Series AT Command Reference r14) is
"Label: value" pairs in the !GSTATUS NR5G labels, after a "Connectivity
Mode: SA" line (a real EM9291 reply in a published VOXL 2 bring-up log):
band, dl/ul bw, Rx chan, cell id, RSRP, RSRQ, SINR. It fills what
!GSTATUS leaves empty for the NR leg. "NR5G ul bw" (in both replies on the
EM9291, and in a Sierra forum EM9291 !GSTATUS) is the UL bandwidth in MHz.
Not read, for want of a source: "NR5G Tx Power" (no unit in the label and
no manual text found), and the per-path "NR5G(sub6) RxN RSSI (dBm)" values
(RSSI, where AntennaPort holds RSRP/RSRQ/SINR only).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime

from fiveg import radio
from fiveg.quality import plausible
from fiveg.records import (
    AntennaPort,
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
from fiveg.vendors.fields import celsius, number, split_plmn, to_hex, to_int, within

NAME = "sierra"

# Where a record starts: a line holding one of these past its start is two glued records.
PREFIXES: tuple[str, ...] = ("!GSTATUS:", "!LTEINFO:", "!NRINFO:")

_INFO = (
    *generic.IDENTITY_COMMANDS,
    "AT+COPS?",
    "AT+CSQ",
    "AT+CEREG?",
    "AT+C5GREG?",
    "AT!GSTATUS?",
    "AT!LTEINFO?",
)
_SLOW = ("AT+COPS?", "AT+CSQ", "AT+CEREG?", "AT+C5GREG?")
_LTE = CommandSet(info=_INFO, fast=("AT!GSTATUS?", "AT!LTEINFO?"), slow=_SLOW)
# !NRINFO? carries the NR SINR, so it is fast; an EM919x in LTE only, or a module that
# refuses it, moves it to the slow loop after three refusals (Poller._demote).
_NR = CommandSet(
    info=(*_INFO, "AT!NRINFO?"),
    fast=("AT!GSTATUS?", "AT!LTEINFO?", "AT!NRINFO?"),
    slow=_SLOW,
)
# The LTE-only families, which have no NR leg to ask about.
_LTE_ONLY = ("EM73", "MC73", "EM74", "MC74", "EM75", "MC75")


def commands(model: str | None) -> CommandSet:
    return _LTE if model and model.upper().startswith(_LTE_ONLY) else _NR


# ---------------------------------------------------------------- !GSTATUS label pairs

_LABEL = r"[A-Za-z][A-Za-z0-9 ()/\-]*?"
_PAIR = re.compile(rf"({_LABEL})\s*:[ \t]*(.*?)[ \t]*(?=(?:\t|[ ]{{2,}}){_LABEL}\s*:|$)")
_PORT_RSSI = re.compile(r"^(PCC|SCC) Rx([MD]) RSSI$")
_NONE = frozenset({"", "-", "--", "---", "N/A"})
_LONGEST = 300


def label_pairs(line: str) -> list[tuple[str, str]]:
    """Label/value pairs of one !GSTATUS line, RSRP named after its port.

    'PCC RxM RSSI:  -45<tab><tab>RSRP (dBm):  -81' gives ('PCC RxM RSSI', '-45')
    and ('PCC RxM RSRP', '-81').
    """
    if len(line) > _LONGEST:
        return []  # no !GSTATUS line is this long: noise, kept raw (and the scan is quadratic)
    pairs = []
    for m in _PAIR.finditer(line.strip()):
        label = " ".join(m.group(1).split())
        value = " ".join(m.group(2).split())
        if label == "RSRP (dBm)" and pairs:
            port = _PORT_RSSI.match(pairs[0][0])
            if port:
                label = f"{port.group(1)} Rx{port.group(2)} RSRP"
        pairs.append((label, value))
    return pairs


def _number(text: str | None) -> float | None:
    if text is None or text in _NONE:
        return None
    m = re.match(r"^(-?\d+(?:\.\d+)?)", text)
    if not m:
        return None
    return number(float(m.group(1)))


def _identifier(text: str | None) -> int | None:
    """'8C65 (35941)' -> 35941 (the decimal the modem prints); '0001' -> 1 (hex alone)."""
    if text is None or text in _NONE:
        return None
    m = re.match(r"^([0-9A-Fa-f]+)(?:\s*\((\d+)\))?$", text)
    if not m:
        return None
    return int(m.group(2)) if m.group(2) else to_hex(m.group(1))


def _band(text: str | None, prefix: str) -> int | None:
    if not text or not text.upper().startswith(prefix):
        return None
    return to_int(text[len(prefix) :])


def _gstatus(values: dict[str, str], base: generic.Base) -> dict:
    """The !GSTATUS label values as records; returns the LTE fields LTEINFO may complete."""
    g = values.get
    if g("RRC state"):
        base.state = g("RRC state")
    temperature = _number(g("Temperature"))
    if g("Temperature") is not None:
        base.temperatures.append(
            Temperature(
                sensor="modem",
                celsius=celsius(temperature),
                raw=g("Temperature"),
            )
        )
    mode = (g("System mode") or "").upper()
    lte: dict = {}
    band = _band(g("LTE band"), "B")
    if band is not None or mode in ("LTE", "ENDC"):
        arfcn = to_int(g("LTE Rx chan"))
        cell_id = _identifier(g("Cell ID"))
        lte = dict(
            band=band,
            arfcn=arfcn,
            frequency_mhz=radio.earfcn_to_mhz(arfcn, band),
            dl_bandwidth_mhz=_number(g("LTE bw")),
            rsrq=plausible("rsrq", _number(g("RSRQ (dB)"))),
            sinr=plausible("sinr", _number(g("SINR (dB)"))),
            tac=_identifier(g("TAC")),
            cell_id=cell_id,
        )
        scell_band = _band(g("LTE Scell band"), "B")
        if scell_band is not None:
            scell_chan = to_int(g("LTE Scell chan"))
            base.carriers += [
                Carrier(
                    rat=Rat.LTE,
                    role=Role.PCC,
                    band=band,
                    arfcn=arfcn,
                    frequency_mhz=radio.earfcn_to_mhz(arfcn, band),
                    bandwidth_mhz=lte["dl_bandwidth_mhz"],
                ),
                Carrier(
                    rat=Rat.LTE,
                    role=Role.SCC,
                    band=scell_band,
                    arfcn=scell_chan,
                    frequency_mhz=radio.earfcn_to_mhz(scell_chan, scell_band),
                    bandwidth_mhz=_number(g("LTE Scell bw")),
                ),
            ]
        for i, path in enumerate(("M", "D")):
            rsrp = _number(g(f"PCC Rx{path} RSRP"))
            if g(f"PCC Rx{path} RSRP") is not None:
                base.antennas.append(
                    AntennaPort(
                        rat=Rat.LTE,
                        port=i,
                        name=("PRX", "DRX")[i],
                        rsrp=plausible("rsrp", rsrp),
                        rsrp_raw=rsrp if isinstance(rsrp, int) else None,
                    )
                )
    nr = _nr_cell(values, sa=mode == "NR5G")
    if nr is not None:
        base.serving.append(nr)
    return lte


def _nr_cell(values: dict[str, str], sa: bool) -> ServingCell | None:
    """The NR leg from the NR5G labels (!GSTATUS and !NRINFO share them); None without a band."""
    g = values.get
    band = _band(g("NR5G band"), "N")
    if band is None:
        return None
    arfcn = to_int(g("NR5G Rx chan"))
    mcc, mnc = split_plmn((g("NR5G MCC-MNC") or "").replace("-", ""))
    return ServingCell(
        rat=Rat.NR5G_SA if sa else Rat.NR5G_NSA,
        mcc=mcc,
        mnc=mnc,
        band=band,
        arfcn=arfcn,
        frequency_mhz=radio.nrarfcn_to_mhz(arfcn),
        dl_bandwidth_mhz=_number(g("NR5G dl bw") or g("NR5G bw")),
        ul_bandwidth_mhz=_number(g("NR5G ul bw")),
        rsrp=plausible("rsrp", _number(g("NR5G RSRP (dBm)"))),
        rsrq=plausible("rsrq", _number(g("NR5G RSRQ (dB)"))),
        sinr=plausible("sinr", _number(g("NR5G SINR (dB)"))),
        tac=_identifier(g("NR5G TAC")),
        cell_id=_identifier(g("NR5G Cell ID")),
    )


def _nrinfo(nr_values: dict[str, str], system_mode: str, base: generic.Base) -> None:
    """!NRINFO's NR leg: it fills the !GSTATUS NR cell's gaps, or stands alone.

    "Connectivity Mode" says SA or not; without it, !GSTATUS's System mode decides.
    """
    connectivity = (nr_values.get("Connectivity Mode") or "").upper()
    sa = connectivity == "SA" if connectivity else system_mode == "NR5G"
    cell = _nr_cell(nr_values, sa=sa)
    if cell is None:
        return
    for i, known in enumerate(base.serving):
        if generic.is_nr(known.rat):
            base.serving[i] = generic.fill(known, cell)
            return
    base.serving.append(cell)


# ---------------------------------------------------------------- !LTEINFO column tables

_SECTION = re.compile(r"^(Serving|IntraFreq|InterFreq|WCDMA|GSM)\s*:\s*(.*)$")


def _lteinfo(rows: list[tuple[str, dict[str, str]]], lte: dict, base: generic.Base) -> None:
    serving = next((r for s, r in rows if s == "Serving"), None)
    serving_pci = None
    if serving is not None:
        band = to_int(serving.get("Bd"))
        arfcn = to_int(serving.get("EARFCN"))
        serving_pci = within(to_int(serving.get("PCI")), 0, 503)
        mcc, mnc = serving.get("MCC"), serving.get("MNC")
        fill = dict(
            mcc=mcc if mcc and mcc.isdigit() else None,
            mnc=mnc if mnc and mnc.isdigit() else None,
            tac=to_int(serving.get("TAC")),
            cell_id=to_hex(serving.get("CID")),
            band=band,
            arfcn=arfcn,
            frequency_mhz=radio.earfcn_to_mhz(arfcn, band),
            pci=serving_pci,
            rsrp=plausible("rsrp", _number(serving.get("RSRP"))),
            rsrq=plausible("rsrq", _number(serving.get("RSRQ"))),
            rssi=plausible("rssi", _number(serving.get("RSSI"))),
        )
        for key, value in fill.items():
            if lte.get(key) is None:
                lte[key] = value
    for section, row in rows:
        if section not in ("IntraFreq", "InterFreq"):
            continue
        pci = within(to_int(row.get("PCI")), 0, 503)
        arfcn = to_int(row.get("EARFCN")) if section == "InterFreq" else lte.get("arfcn")
        if section == "IntraFreq" and pci is not None and pci == serving_pci:
            continue  # the serving cell, listed again among its own frequency's cells
        base.neighbours.append(
            Neighbour(
                rat=Rat.LTE,
                kind="intra" if section == "IntraFreq" else "inter",
                arfcn=arfcn,
                frequency_mhz=radio.earfcn_to_mhz(arfcn),
                pci=pci,
                rsrp=plausible("rsrp", _number(row.get("RSRP"))),
                rsrq=plausible("rsrq", _number(row.get("RSRQ"))),
                rssi=plausible("rssi", _number(row.get("RSSI"))),
            )
        )


def parse_snapshot(
    answers: Mapping[str, Sequence[str]],
    *,
    time: datetime,
    model: str | None = None,
    errors: Sequence[CommandFailure] = (),
) -> Snapshot:
    base = generic.Base(answers, model)
    values: dict[str, str] = {}
    nr_values: dict[str, str] = {}
    rows: list[tuple[str, dict[str, str]]] = []

    def take(command: str, line: str, state: dict) -> bool:
        block = next((p for p in PREFIXES if line.startswith(p)), None)
        if block is not None:
            state["block"], state["columns"] = block, None
            return True
        if line.startswith("+"):
            return False
        if state.get("block") in ("!GSTATUS:", "!NRINFO:"):
            pairs = label_pairs(line)
            into = values if state["block"] == "!GSTATUS:" else nr_values
            for label, value in pairs:
                into.setdefault(label, value)
            return bool(pairs)
        if state.get("block") == "!LTEINFO:":
            header = _SECTION.match(line)
            if header:
                state["columns"] = (header.group(1), header.group(2).split())
                return True
            columns, cells = state.get("columns"), line.split()
            if columns and len(cells) == len(columns[1]):
                rows.append((columns[0], dict(zip(columns[1], cells, strict=True))))
                return True
        return False

    base.read(answers, take)
    lte = _gstatus(values, base) if values else {}
    if nr_values:
        _nrinfo(nr_values, (values.get("System mode") or "").upper(), base)
    _lteinfo(rows, lte, base)
    if lte:
        lte.update(radio.lte_cell_ids(lte.get("cell_id")))
        base.serving.insert(0, ServingCell(rat=Rat.LTE, **lte))
    return base.snapshot(time=time, errors=errors, dialect=NAME)

"""Quectel RM5xx/RG5xx band preferences and cell locks: the queries, their replies, the writes.

Pure: 5g-info and the monitor read these settings through the Quectel dialect,
5g-lock builds its writes here, and the simulator's modem model answers in the
same shapes.

``AT+QNWPREFCFG="<item>"`` without a value queries that item and answers one
line, ``+QNWPREFCFG: "<item>",<value>``: band lists colon-joined (``1:3:7``),
``mode_pref`` the RATs colon-joined (AUTO, WCDMA, LTE, NR5G). A write "takes
effect immediately" and "is saved automatically" (to NVM); a bad one answers
plain ``ERROR``. ``="policy_band"`` (query only) prints the bands "configured in
the carrier policy", one line per item (gw_band, lte_band, nsa_nr5g_band,
nr5g_band) in the same shape: the widest list a preference can take. Sources:
Quectel RG520N&RG525F&RG5x0F&RM5x0N Series AT Commands Manual V1.1 (2025-02-20)
5.24.2-5.24.5 and 5.24.10; RG50xQ&RM5xxQ Series Network Application Note
V1.0.0 (2023-10-19) 3.8.2-3.8.5 and 3.8.10.

``AT+QNWLOCK`` (the Network Application Note 3.6; not in the RM5x0N manual):
``"common/4g",<num_of_cells>[,<freq>,<pci>...]`` locks up to 10 LTE cells (0
unlocks) and its query answers in the same form; ``"common/5g",<pci>,<freq>,
<scs>,<band>`` locks one NR SA cell (NSA cells cannot be locked; pci 0
unlocks), scs in kHz (15 for FR1 FDD, 30 for FR1 TDD); it may answer ``+CME
ERROR: <text>`` ("band not support", "freq not in band"). Both take effect
immediately; whether a lock outlives a reboot is set by ``"save_ctrl"``
(``+QNWLOCK: "save_ctrl",<lte_ctrl>,<nr5g_ctrl>``, 0 not saved, 1 saved).
Real replies are in fixtures/at_transcripts/rm520n_bands_locked.at, each cited there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from fiveg.records import BandSettings, CellLock, Rat
from fiveg.vendors.fields import split_fields, to_int

# the queries, to the BandSettings field each answers
READS: dict[str, str] = {
    'AT+QNWPREFCFG="mode_pref"': "mode",
    'AT+QNWPREFCFG="lte_band"': "lte",
    'AT+QNWPREFCFG="nsa_nr5g_band"': "nsa_nr5g",
    'AT+QNWPREFCFG="nr5g_band"': "nr5g",
    'AT+QNWLOCK="common/4g"': "lte_locks",
    'AT+QNWLOCK="common/5g"': "nr_locks",
}
# the bands of the carrier policy (one line per item, in the shape of the band queries)
SUPPORTED = 'AT+QNWPREFCFG="policy_band"'
# whether cell locks are kept over a reboot
SAVE_CTRL = 'AT+QNWLOCK="save_ctrl"'
MAX_LTE_CELLS = 10

# How each query's lines begin (+QNWPREFCFG: "lte_band",...), so that they share one
# chained command (fiveg.at.chain): upper-case command to the start of its lines.
LINE_HEADS: dict[str, str] = {
    command.upper(): "+" + command[3:].replace('="', ': "', 1) for command in READS
}

ITEMS: dict[str, str] = {"lte_band": "lte", "nsa_nr5g_band": "nsa_nr5g", "nr5g_band": "nr5g"}
ITEM_OF: dict[str, str] = {field: item for item, field in ITEMS.items()}
MODES = ("AUTO", "WCDMA", "LTE", "NR5G")
# NR subcarrier spacings a cell lock takes, in kHz (15 for FR1 FDD, 30 for FR1 TDD)
NR_SCS_KHZ = (15, 30, 60, 120)

PCI_LTE = (0, 503)  # 3GPP TS 36.211 6.11
PCI_NR = (0, 1007)  # 3GPP TS 38.211 7.4.2.1
EARFCN = (0, 262143)  # TS 36.101 5.7.3
NR_ARFCN = (0, 3279165)  # TS 38.104 5.4.2.1

_BANDS = re.compile(r"\d{1,3}(?::\d{1,3})*")
_MODE = re.compile(r"[A-Z0-9-]+(?::[A-Z0-9-]+)*")


def band_list(text: str) -> tuple[int, ...] | None:
    """``1:3:7`` as (1, 3, 7); None when it is not a list of band numbers."""
    if not _BANDS.fullmatch(text):
        return None
    bands = tuple(int(b) for b in text.split(":"))
    return bands if all(bands) else None


def _lte_locks(values: list[str]) -> tuple[CellLock, ...] | None:
    count = to_int(values[0]) if values else None
    numbers = [to_int(v) for v in values[1:]]
    if count is None or len(numbers) != 2 * count or None in numbers:
        return None
    pairs = zip(numbers[0::2], numbers[1::2], strict=True)
    return tuple(CellLock(rat=Rat.LTE, arfcn=arfcn, pci=pci) for arfcn, pci in pairs)


def _nr_locks(values: list[str]) -> tuple[CellLock, ...] | None:
    if values == ["0"]:
        return ()
    numbers = [to_int(v) for v in values]
    if len(numbers) != 4 or None in numbers:
        return None
    pci, arfcn, scs, band = numbers
    return (CellLock(rat=Rat.NR5G_SA, pci=pci, arfcn=arfcn, scs_khz=scs, band=band),)


def parse_line(line: str) -> tuple[str, object] | None:
    """A +QNWPREFCFG: or +QNWLOCK: line as (BandSettings field, value), ("other", item) for
    an item fiveg does not follow (gw_band, nrdc_nr5g_band), or None when it is malformed."""
    prefix, _, payload = line.partition(":")
    fields = split_fields(payload)
    item, values = fields[0].lower(), fields[1:]
    if prefix.strip().upper() == "+QNWPREFCFG":
        if item == "mode_pref":
            mode = values[0].upper() if len(values) == 1 else ""
            return ("mode", mode) if _MODE.fullmatch(mode) else None
        if item in ITEMS:
            bands = band_list(values[0]) if len(values) == 1 else None
            return None if bands is None else (ITEMS[item], bands)
        return ("other", item)
    if prefix.strip().upper() == "+QNWLOCK":
        if item == "common/4g":
            locks = _lte_locks(values)
            return None if locks is None else ("lte_locks", locks)
        if item == "common/5g":
            locks = _nr_locks(values)
            return None if locks is None else ("nr_locks", locks)
        if item == "save_ctrl":
            flags = [to_int(v) for v in values]
            if len(flags) != 2 or not {*flags} <= {0, 1}:
                return None
            return ("save_ctrl", (flags[0] == 1, flags[1] == 1))
        return ("other", item)
    return None


_FIELDS = frozenset(READS.values())


def settings(pieces: Iterable[tuple[str, object]]) -> BandSettings | None:
    """The settings the parsed lines give (later lines win); None when they give none."""
    found = {field: value for field, value in pieces if field in _FIELDS}
    return BandSettings(**found) if found else None


# ---------------------------------------------------------------- the write forms


def band_command(field: str, bands: Iterable[int]) -> str:
    """``AT+QNWPREFCFG="lte_band",1:3:7`` for the field "lte" (nsa_nr5g, nr5g)."""
    return f'AT+QNWPREFCFG="{ITEM_OF[field]}",' + ":".join(str(b) for b in bands)


def mode_command(mode: str) -> str:
    return f'AT+QNWPREFCFG="mode_pref",{mode}'


def lte_lock_command(cells: Iterable[CellLock]) -> str:
    """The LTE cell lock of ``cells`` (EARFCN, PCI each); none at all unlocks."""
    cells = list(cells)
    pairs = "".join(f",{c.arfcn},{c.pci}" for c in cells)
    return f'AT+QNWLOCK="common/4g",{len(cells)}{pairs}'


def nr_lock_command(cell: CellLock | None) -> str:
    """The NR (SA) cell lock; None unlocks."""
    if cell is None:
        return 'AT+QNWLOCK="common/5g",0'
    return f'AT+QNWLOCK="common/5g",{cell.pci},{cell.arfcn},{cell.scs_khz},{cell.band}'

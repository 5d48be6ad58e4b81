"""What a 5g-lock request means: checked values, the commands, the settings they should leave.

Pure. A target is a ``BandSettings`` whose ``None`` fields are left as they
are. Everything is checked before anything is sent: a value that is not well
formed, a band the carrier policy does not list, a cell outside the bands it
would be searched on. Only fields that change are written; unlocks go first
and locks last, so a lock is never set on a band about to be removed.
"""

from __future__ import annotations

from dataclasses import replace

from fiveg import radio
from fiveg.at.errors import Refused
from fiveg.records import BandSettings, CellLock, Rat
from fiveg.vendors import quectel_settings as q

BAND_FIELDS = ("lte", "nsa_nr5g", "nr5g")
FIELDS = ("mode", *BAND_FIELDS, "lte_locks", "nr_locks")
LABELS = {
    "mode": "mode",
    "lte": "LTE bands",
    "nsa_nr5g": "NR NSA bands",
    "nr5g": "NR SA bands",
    "lte_locks": "LTE cell lock",
    "nr_locks": "NR cell lock",
}
OPTIONS = {
    "mode": "--mode",
    "lte": "--lte-bands",
    "nsa_nr5g": "--nsa-bands",
    "nr5g": "--sa-bands",
    "lte_locks": "--lte-cell",
    "nr_locks": "--nr-cell",
}
NONE = "none"  # the option value that unlocks


class LockRefused(Refused):
    """A request 5g-lock will not send: malformed, or outside what the modem supports."""


# ---------------------------------------------------------------- reading the options


def parse_bands(text: str, option: str) -> tuple[int, ...]:
    bands = q.band_list(text.strip())
    if bands is None:
        raise LockRefused(f"{option} {text!r} is not a list of band numbers such as 1:3:7")
    return tuple(dict.fromkeys(bands))  # a band named twice is one band


def parse_mode(text: str) -> str:
    words = text.strip().upper().split(":")
    rats = set(q.MODES[1:])
    if words == ["AUTO"] or (set(words) <= rats and len(set(words)) == len(words)):
        return ":".join(words)
    raise LockRefused(f"--mode {text!r} is not AUTO or a colon-joined list of WCDMA, LTE and NR5G")


def _numbers(text: str, count: int, option: str, shape: str) -> list[int]:
    parts = text.strip().split(":")
    if len(parts) != count or not all(p.isdigit() for p in parts):
        raise LockRefused(f"{option} {text!r} is not {shape} (or {NONE})")
    return [int(p) for p in parts]


def _within(value: int, bounds: tuple[int, int], what: str, option: str) -> int:
    low, high = bounds
    if not low <= value <= high:
        raise LockRefused(f"{option}: {what} {value} is outside {low}..{high}")
    return value


def parse_lte_cells(texts: tuple[str, ...]) -> tuple[CellLock, ...] | None:
    """``--lte-cell EARFCN:PCI`` (repeatable), ``none`` to unlock; None when not given."""
    if not texts:
        return None
    if [t.strip().lower() for t in texts] == [NONE]:
        return ()
    cells = []
    for text in texts:
        earfcn, pci = _numbers(text, 2, "--lte-cell", "EARFCN:PCI")
        cells.append(
            CellLock(
                rat=Rat.LTE,
                arfcn=_within(earfcn, q.EARFCN, "EARFCN", "--lte-cell"),
                pci=_within(pci, q.PCI_LTE, "PCI", "--lte-cell"),
            )
        )
    if len(cells) > q.MAX_LTE_CELLS:
        raise LockRefused(f"--lte-cell: at most {q.MAX_LTE_CELLS} cells can be locked")
    return tuple(dict.fromkeys(cells))


def parse_nr_cell(text: str | None) -> tuple[CellLock, ...] | None:
    """``--nr-cell PCI:ARFCN:SCS:BAND`` (an SA cell), ``none`` to unlock; None when not given."""
    if text is None:
        return None
    if text.strip().lower() == NONE:
        return ()
    pci, arfcn, scs, band = _numbers(text, 4, "--nr-cell", "PCI:ARFCN:SCS:BAND")
    if scs not in q.NR_SCS_KHZ:
        raise LockRefused(
            f"--nr-cell: subcarrier spacing {scs} kHz is not one of "
            + ", ".join(map(str, q.NR_SCS_KHZ))
            + " (15 for an FDD band, 30 for a TDD band below 6 GHz)"
        )
    cell = CellLock(
        rat=Rat.NR5G_SA,
        # PCI 0 is the manual's "unlock": a cell with PCI 0 cannot be locked this way
        pci=_within(pci, (1, q.PCI_NR[1]), "PCI", "--nr-cell"),
        arfcn=_within(arfcn, q.NR_ARFCN, "NR-ARFCN", "--nr-cell"),
        scs_khz=scs,
        band=_within(band, (1, 999), "band", "--nr-cell"),
    )
    return (cell,)


# ---------------------------------------------------------------- checking and planning


def after(current: BandSettings, target: BandSettings) -> BandSettings:
    """The settings the target leaves: the current ones with the target's fields in."""
    given = {f: getattr(target, f) for f in FIELDS if getattr(target, f) is not None}
    return replace(current, **given)


def changed(current: BandSettings, target: BandSettings) -> list[str]:
    """The fields the target sets to something else than they are."""
    return [
        f
        for f in FIELDS
        if getattr(target, f) is not None and not same(f, getattr(current, f), getattr(target, f))
    ]


def same(field: str, a, b) -> bool:
    """Equal as the modem means them: band lists and LTE cells in any order, mode in any case."""
    if a is None or b is None:
        return a is b
    if field == "mode":
        return a.upper() == b.upper()
    if field in BAND_FIELDS or field == "lte_locks":
        return sorted(a, key=str) == sorted(b, key=str)
    return tuple(a) == tuple(b)


def check(current: BandSettings, target: BandSettings, supported: BandSettings | None) -> list[str]:
    """Refuse (``LockRefused``) what the modem would not take or could not use; return
    warnings for what cannot be checked."""
    warnings = []
    final = after(current, target)
    for field in BAND_FIELDS:
        asked = getattr(target, field)
        if asked is None:
            continue
        allowed = getattr(supported, field) if supported else None
        if allowed is None:
            warnings.append(
                f"the modem did not list the {LABELS[field]} its carrier policy allows; "
                "it will judge the list itself"
            )
            continue
        outside = [b for b in asked if b not in allowed]
        if outside:
            raise LockRefused(
                f"{OPTIONS[field]}: band {', '.join(map(str, outside))} is not one this modem "
                f"supports (its carrier policy lists {':'.join(map(str, allowed))})"
            )
    for cell in target.lte_locks or ():
        band = radio.lte_band_for_earfcn(cell.arfcn)
        if band is None:
            raise LockRefused(f"--lte-cell: EARFCN {cell.arfcn} is in no LTE band")
        if final.lte is not None and band not in final.lte:
            raise LockRefused(
                f"--lte-cell: EARFCN {cell.arfcn} is in band {band}, which the LTE band list "
                f"({':'.join(map(str, final.lte))}) leaves out"
            )
    for cell in target.nr_locks or ():
        mhz = radio.nrarfcn_to_mhz(cell.arfcn)
        if mhz is None or radio.nr_band_holds(cell.band, mhz) is False:
            where = "" if mhz is None else f" ({mhz:g} MHz)"
            raise LockRefused(f"--nr-cell: NR-ARFCN {cell.arfcn}{where} is not in n{cell.band}")
        if final.nr5g is not None and cell.band not in final.nr5g:
            raise LockRefused(
                f"--nr-cell: band n{cell.band} is not in the NR SA band list "
                f"({':'.join(map(str, final.nr5g))}); a cell lock is for SA cells only"
            )
    return warnings


def commands(current: BandSettings, target: BandSettings) -> list[str]:
    """The writes that take ``current`` to the target, unlocks first and locks last."""
    todo = changed(current, target)
    first, middle, last = [], [], []
    for field in todo:
        value = getattr(target, field)
        if field == "mode":
            middle.append(q.mode_command(value))
        elif field in BAND_FIELDS:
            middle.append(q.band_command(field, value))
        elif field == "lte_locks":
            (last if value else first).append(q.lte_lock_command(value))
        else:
            (last if value else first).append(q.nr_lock_command(value[0] if value else None))
    return [*first, *middle, *last]


def differences(expected: BandSettings, actual: BandSettings, fields: list[str]) -> list[str]:
    """How the read-back differs from what was asked, one sentence per field."""
    return [
        f"{LABELS[f]}: asked {show(f, getattr(expected, f))}, the modem reads "
        f"{show(f, getattr(actual, f))}"
        for f in fields
        if not same(f, getattr(expected, f), getattr(actual, f))
    ]


# ---------------------------------------------------------------- words for people


def show(field: str, value) -> str:
    if value is None:
        return "not answered"
    if field == "mode":
        return value
    if field in BAND_FIELDS:
        return ":".join(map(str, value))
    if not value:
        return "none"
    return ", ".join(map(str, value))


def option_value(field: str, value) -> list[str]:
    """The 5g-lock options that set ``field`` to ``value``."""
    if field == "mode":
        return [OPTIONS[field], value]
    if field in BAND_FIELDS:
        return [OPTIONS[field], ":".join(map(str, value))]
    if not value:
        return [OPTIONS[field], NONE]
    if field == "lte_locks":
        return [w for c in value for w in (OPTIONS[field], f"{c.arfcn}:{c.pci}")]
    c = value[0]
    return [OPTIONS[field], f"{c.pci}:{c.arfcn}:{c.scs_khz}:{c.band}"]


def restore_words(current: BandSettings, fields: list[str]) -> list[str]:
    """The 5g-lock set arguments that put ``fields`` back as they are now."""
    return [w for f in fields for w in option_value(f, getattr(current, f))]


def persistence(saved: tuple[bool, bool] | None, fields: list[str]) -> list[str]:
    """What outlives a reboot, per the manuals (see fiveg.vendors.quectel_settings)."""
    notes = []
    if any(f in ("mode", *BAND_FIELDS) for f in fields):
        notes.append(
            "Band and mode preferences take effect at once and the modem saves them: "
            "they stay after a reboot."
        )
    locks = [f for f in fields if f in ("lte_locks", "nr_locks")]
    for field in locks:
        rat = "LTE" if field == "lte_locks" else "NR"
        if saved is None:
            notes.append(
                f"The {rat} cell lock takes effect at once; whether it stays after a reboot "
                'is set by AT+QNWLOCK="save_ctrl", which the modem did not answer.'
            )
        else:
            kept = saved[0] if field == "lte_locks" else saved[1]
            notes.append(
                f"The {rat} cell lock takes effect at once; this modem "
                + (
                    "saves it: it stays after a reboot."
                    if kept
                    else 'does not save it (AT+QNWLOCK="save_ctrl"): a reboot clears it.'
                )
            )
    return notes

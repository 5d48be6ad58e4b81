"""The --json form of a Snapshot: an API with stable, documented keys (see README)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from fiveg.records import BandSettings, Snapshot

SCHEMA_VERSION = 1


def bands_dict(bands: BandSettings | None) -> dict[str, Any] | None:
    """The band settings as README documents them: the cell locks in one list."""
    if bands is None:
        return None
    locks = bands.locks
    return {
        "mode": bands.mode,
        "lte": None if bands.lte is None else list(bands.lte),
        "nsa_nr5g": None if bands.nsa_nr5g is None else list(bands.nsa_nr5g),
        "nr5g": None if bands.nr5g is None else list(bands.nr5g),
        "locks": None if locks is None else [asdict(lock) for lock in locks],
    }


def snapshot_dict(snapshot: Snapshot) -> dict[str, Any]:
    data = asdict(snapshot)
    data["time"] = snapshot.time.isoformat().replace("+00:00", "Z")
    data["bands"] = bands_dict(snapshot.bands)
    return {"schema": SCHEMA_VERSION, **data}


def dumps(snapshot: Snapshot, indent: int | None = 2) -> str:
    return json.dumps(snapshot_dict(snapshot), indent=indent, ensure_ascii=False)

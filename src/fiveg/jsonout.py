"""The --json form of a Snapshot: an API with stable, documented keys (see README)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from fiveg.records import Snapshot

SCHEMA_VERSION = 1


def snapshot_dict(snapshot: Snapshot) -> dict[str, Any]:
    data = asdict(snapshot)
    data["time"] = snapshot.time.isoformat().replace("+00:00", "Z")
    return {"schema": SCHEMA_VERSION, **data}


def dumps(snapshot: Snapshot, indent: int | None = 2) -> str:
    return json.dumps(snapshot_dict(snapshot), indent=indent, ensure_ascii=False)

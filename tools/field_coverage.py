"""How much of what each vendor's modems print fiveg reads: filled, raw-only and unparsed.

Run:  python tools/field_coverage.py [--per-fixture] [FIXTURE ...]

Runs the installed ``5g-info --json --replay`` over every bundled transcript
(or the ones named) and prints, per dialect, the fields of the records it
built that hold a value ("filled"), the ones left empty ("empty": the modem
did not report them, or fiveg does not read them), the values kept only as
the modem printed them ("raw": a ``*_raw`` whose converted field is empty,
a carrier's undocumented ``extra`` fields, a temperature with no reading) and
the reply lines no parser took ("unparsed"). The gap stays visible: a parser
that reads more moves counts from empty or unparsed to filled.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "at_transcripts"
RECORDS = ("serving", "carriers", "neighbours", "antennas", "temperatures", "network")
# A raw field and the converted one it stands in for when that is empty.
RAW_OF = {
    "sinr_raw": "sinr",
    "tx_power_raw": "tx_power_dbm",
    "bandwidth_raw": "bandwidth_mhz",
    "rsrp_raw": "rsrp",
    "rsrq_raw": "rsrq",
    "rssi_raw": "rssi",
    "raw": "celsius",
}
# Identity of a record, not a reading: not counted as filled or empty.
KEYS = frozenset({"rat", "role", "kind", "port", "name", "sensor"})


def count(doc: dict) -> Counter:
    """Filled, empty, raw and unparsed counts of one 5g-info --json document."""
    counts: Counter = Counter()
    items = [(doc.get("device") or {}, ()), (doc.get("operator") or {}, ())]
    if doc.get("signal"):
        items.append((doc["signal"], ()))
    for key in RECORDS:
        items += [(item, KEYS) for item in doc.get(key) or []]
    for item, keys in items:
        for name, value in item.items():
            if name in keys or name in RAW_OF:
                continue
            if name == "extra":
                counts["raw"] += len(value)
            else:
                counts["filled" if value is not None else "empty"] += 1
        for raw, converted in RAW_OF.items():
            if item.get(raw) is not None and converted in item and item[converted] is None:
                counts["raw"] += 1
    counts["unparsed"] += len(doc.get("unparsed") or [])
    counts["records"] += sum(len(doc.get(key) or []) for key in RECORDS)
    return counts


def info_json(path: Path) -> tuple[dict | None, str]:
    exe = Path(sys.executable).with_name("5g-info")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "fiveg"]
    run = subprocess.run(
        [*command, "--replay", str(path), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    try:
        return json.loads(run.stdout), run.stderr.strip()
    except json.JSONDecodeError:
        return None, run.stderr.strip() or f"exit {run.returncode}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("fixtures", nargs="*", type=Path)
    parser.add_argument("--per-fixture", action="store_true", help="a row per transcript too")
    args = parser.parse_args(argv)
    paths = args.fixtures or sorted(FIXTURES.glob("*.at"))
    per_dialect: dict[str, Counter] = {}
    columns = ("fixtures", "records", "filled", "empty", "raw", "unparsed")
    print(f"{'':34} " + " ".join(f"{c:>8}" for c in columns))
    failed = 0
    for path in paths:
        doc, err = info_json(path)
        if doc is None:
            print(f"{path.name:34} no JSON: {err}")
            failed += 1
            continue
        counts = count(doc)
        counts["fixtures"] = 1
        per_dialect.setdefault(doc.get("dialect") or "?", Counter()).update(counts)
        if args.per_fixture:
            print(f"  {path.name:32} " + " ".join(f"{counts[c]:>8}" for c in columns))
    total: Counter = Counter()
    for dialect, counts in sorted(per_dialect.items()):
        total.update(counts)
        print(f"{dialect:34} " + " ".join(f"{counts[c]:>8}" for c in columns))
    print(f"{'all':34} " + " ".join(f"{total[c]:>8}" for c in columns))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""tools/field_coverage.py: the per-vendor gap report counts what it says it counts."""

from __future__ import annotations

import importlib.util
import json

from tests.conftest import FIXTURES, ROOT, run_installed

spec = importlib.util.spec_from_file_location("field_coverage", ROOT / "tools/field_coverage.py")
field_coverage = importlib.util.module_from_spec(spec)
spec.loader.exec_module(field_coverage)


def test_counts_filled_empty_raw_and_unparsed():
    doc = {
        "device": {"manufacturer": "Q", "model": None, "revision": None, "imei": None},
        "operator": {"name": None, "short_name": None, "mcc": "222", "mnc": "01"},
        "signal": None,
        "serving": [{"rat": "LTE", "pci": 1, "rsrp": -90, "sinr": None, "sinr_raw": 7}],
        "carriers": [{"rat": "LTE", "role": "PCC", "arfcn": 1850, "extra": ["x", "y"]}],
        "temperatures": [{"sensor": "a", "celsius": None, "raw": "255"}],
        "unparsed": [{"command": "AT+X", "line": "+X: 1"}],
    }
    counts = field_coverage.count(doc)
    # device 1 filled / 3 empty; operator 2 / 2; serving pci, rsrp filled, sinr empty;
    # carrier arfcn; temperature celsius empty
    assert (counts["filled"], counts["empty"]) == (1 + 2 + 2 + 1, 3 + 2 + 1 + 1)
    assert counts["raw"] == 1 + 2 + 1  # sinr_raw without sinr, two extra, a raw temperature
    assert (counts["unparsed"], counts["records"]) == (1, 3)


def test_the_script_reports_every_dialect_of_the_fixtures():
    out = run_installed("python", str(ROOT / "tools/field_coverage.py"))
    assert out.returncode == 0, out.stdout + out.stderr
    rows = {line.split()[0]: line.split()[1:] for line in out.stdout.splitlines()[1:]}
    dialects = {
        json.loads(run_installed("5g-info", "--replay", str(p), "--json").stdout)["dialect"]
        for p in sorted(FIXTURES.glob("*.at"))[:3]
    }
    assert dialects <= set(rows)
    assert int(rows["all"][0]) == len(list(FIXTURES.glob("*.at")))

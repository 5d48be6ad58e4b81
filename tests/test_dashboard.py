"""The Grafana dashboard and the alert rules name only metrics the exporter serves, and the
dashboard file is what tools/make_dashboard.py makes (Grafana itself is not in Debian: its
JSON model is checked for the parts an import needs)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from fiveg.export.samples import FAMILIES
from tests.conftest import ROOT

DASHBOARD = ROOT / "contrib" / "grafana" / "fiveg.json"
ALERTS = ROOT / "contrib" / "prometheus" / "fiveg-alerts.yml"
SERVED = {n + "_total" if f.kind == "counter" else n for n, f in FAMILIES.items()}


def names(expr: str) -> set[str]:
    return set(re.findall(r"\bfiveg_[a-z0-9_]+", expr))


def test_the_dashboard_file_is_what_the_generator_makes():
    check = subprocess.run([sys.executable, str(ROOT / "tools" / "make_dashboard.py"), "--check"])
    assert check.returncode == 0, "run python tools/make_dashboard.py"


def test_every_query_names_a_metric_the_exporter_serves():
    board = json.loads(DASHBOARD.read_text())
    exprs = [t["expr"] for p in board["panels"] for t in p["targets"]]
    exprs.append(board["templating"]["list"][0]["definition"])
    assert len(exprs) > 10
    used = set().union(*map(names, exprs))
    assert used and used <= SERVED, used - SERVED
    # the signal series the issue names are all shown
    assert {"fiveg_serving_sinr_db", "fiveg_nr_leg_up", "fiveg_rx_port_rsrp_dbm"} <= used


def test_the_dashboard_imports_as_a_grafana_dashboard():
    board = json.loads(DASHBOARD.read_text())
    assert board["schemaVersion"] >= 36 and board["uid"] and board["title"]
    assert board["__inputs"][0]["name"] == "DS_PROMETHEUS"
    ids = [p["id"] for p in board["panels"]]
    assert len(ids) == len(set(ids))
    for panel in board["panels"]:
        assert panel["datasource"]["uid"] == "${DS_PROMETHEUS}"
        assert all(t["refId"] for t in panel["targets"])
        g = panel["gridPos"]
        assert g["x"] + g["w"] <= 24  # Grafana's grid is 24 wide
    assert board["templating"]["list"][0]["query"]["query"] == "label_values(fiveg_up, instance)"


def test_every_alert_names_a_metric_the_exporter_serves():
    exprs = re.findall(r"^\s+expr: (.+)$", ALERTS.read_text(), re.MULTILINE)
    assert len(exprs) == 3
    used = set().union(*map(names, exprs))
    assert used == {"fiveg_up", "fiveg_nr_leg_up"} and used <= SERVED

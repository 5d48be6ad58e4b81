"""Write contrib/grafana/fiveg.json, the Grafana dashboard of 5g-exporter's metrics.

Generated, not hand-edited: tests/test_dashboard.py regenerates it and checks the
file is the same, that it parses, and that every query names a metric the exporter
serves (fiveg.export.samples.FAMILIES). Import it in Grafana (Dashboards > Import):
it asks for the Prometheus data source (``__inputs``) and offers every exporter
(``instance``) it finds, so one dashboard watches a fleet.

    python tools/make_dashboard.py [--check]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "contrib" / "grafana" / "fiveg.json"
DS = {"type": "prometheus", "uid": "${DS_PROMETHEUS}"}
SEL = '{instance=~"$instance"}'


def _target(expr: str, legend: str, ref: str) -> dict:
    return {"datasource": DS, "expr": expr, "legendFormat": legend, "refId": ref}


def _panel(
    pid: int, title: str, kind: str, grid: tuple[int, int, int, int], targets, unit=None, extra=None
) -> dict:
    x, y, w, h = grid
    panel = {
        "id": pid,
        "title": title,
        "type": kind,
        "datasource": DS,
        "gridPos": {"x": x, "y": y, "w": w, "h": h},
        "targets": [_target(e, legend, chr(ord("A") + i)) for i, (e, legend) in enumerate(targets)],
        "fieldConfig": {"defaults": {"unit": unit} if unit else {}, "overrides": []},
        "options": {},
    }
    if kind == "table":  # a table shows the latest sample of each series, as rows
        for target in panel["targets"]:
            target.update(format="table", instant=True)
    panel.update(extra or {})
    return panel


def dashboard() -> dict:
    by_leg = "{{instance}} {{rat}} {{band}}"
    panels = [
        _panel(
            1,
            "Modem answering",
            "stat",
            (0, 0, 4, 4),
            [(f"fiveg_up{SEL}", "{{instance}}")],
            extra={"options": {"colorMode": "background", "graphMode": "none"}},
        ),
        _panel(
            2,
            "NR leg (EN-DC)",
            "state-timeline",
            (4, 0, 20, 4),
            [(f"fiveg_nr_leg_up{SEL}", "{{instance}}")],
        ),
        _panel(
            3,
            "SINR",
            "timeseries",
            (0, 4, 12, 8),
            [(f"fiveg_serving_sinr_db{SEL}", by_leg)],
            unit="dB",
        ),
        _panel(
            4,
            "RSRP",
            "timeseries",
            (12, 4, 12, 8),
            [(f"fiveg_serving_rsrp_dbm{SEL}", by_leg)],
            unit="dBm",
        ),
        _panel(
            5,
            "RSRQ",
            "timeseries",
            (0, 12, 12, 8),
            [(f"fiveg_serving_rsrq_db{SEL}", by_leg)],
            unit="dB",
        ),
        _panel(
            6,
            "Rx ports RSRP (a port far below the others: cable, connector, polarisation)",
            "timeseries",
            (12, 12, 12, 8),
            [(f"fiveg_rx_port_rsrp_dbm{SEL}", "{{instance}} {{rat}} {{port}}")],
            unit="dBm",
        ),
        _panel(
            7,
            "Carriers RSRP",
            "timeseries",
            (0, 20, 12, 8),
            [(f"fiveg_carrier_rsrp_dbm{SEL}", "{{instance}} {{role}}{{index}} {{rat}} {{band}}")],
            unit="dBm",
        ),
        _panel(
            8,
            "Carrier bandwidth",
            "timeseries",
            (12, 20, 12, 8),
            [
                (
                    'sum by (instance) (fiveg_carrier_bandwidth_hertz{instance=~"$instance",'
                    'direction="downlink"})',
                    "{{instance}} downlink",
                )
            ],
            unit="hertz",
        ),
        _panel(
            9,
            "Serving cells",
            "table",
            (0, 28, 24, 6),
            [(f"fiveg_serving_cell_info{SEL}", "")],
        ),
        _panel(
            10,
            "Temperatures",
            "timeseries",
            (0, 34, 12, 8),
            [(f"fiveg_temperature_celsius{SEL}", "{{instance}} {{sensor}}")],
            unit="celsius",
        ),
        _panel(
            11,
            "Poll time and errors",
            "timeseries",
            (12, 34, 12, 8),
            [
                (f"fiveg_poll_seconds{SEL}", "{{instance}} poll seconds"),
                (f"rate(fiveg_poll_errors_total{SEL}[5m])", "{{instance}} {{command}} errors/s"),
            ],
        ),
    ]
    return {
        "__inputs": [
            {
                "name": "DS_PROMETHEUS",
                "label": "Prometheus",
                "description": "The Prometheus that scrapes 5g-exporter",
                "type": "datasource",
                "pluginId": "prometheus",
                "pluginName": "Prometheus",
            }
        ],
        "__requires": [
            {"type": "grafana", "id": "grafana", "name": "Grafana", "version": "10.0.0"},
            {"type": "datasource", "id": "prometheus", "name": "Prometheus", "version": "1.0.0"},
        ],
        "title": "fiveg: 5G/LTE modem",
        "uid": "fiveg-modem",
        "description": "5g-exporter's metrics: signal per leg, NR leg, Rx ports, carriers, "
        "temperatures (generated by tools/make_dashboard.py)",
        "tags": ["fiveg", "lte", "5g"],
        "schemaVersion": 38,
        "version": 1,
        "editable": True,
        "time": {"from": "now-24h", "to": "now"},
        "refresh": "30s",
        "templating": {
            "list": [
                {
                    "name": "instance",
                    "label": "Modem",
                    "type": "query",
                    "datasource": DS,
                    "query": {"query": "label_values(fiveg_up, instance)", "refId": "instance"},
                    "definition": "label_values(fiveg_up, instance)",
                    "refresh": 2,
                    "multi": True,
                    "includeAll": True,
                    "current": {},
                }
            ]
        },
        "annotations": {"list": []},
        "panels": panels,
    }


def render() -> str:
    return json.dumps(dashboard(), indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is out of date")
    args = parser.parse_args()
    text = render()
    if args.check:
        sys.exit(0 if OUT.exists() and OUT.read_text() == text else 1)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text)
    print(OUT)


if __name__ == "__main__":
    main()

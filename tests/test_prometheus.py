"""A real Prometheus (Debian's prometheus package) scrapes the installed 5g-exporter on
loopback; its HTTP API must hold the simulated modem's SINR, and the alert rules load.
promtool checks the rules and runs their unit tests. Required in CI
(FIVEG_REQUIRE_PROMETHEUS=1), skipped elsewhere when prometheus is not installed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import urllib.parse
import urllib.request

import pytest

from fiveg.at.replay import Responder
from fiveg.at.transcript import load
from fiveg.sim import TcpSimulator
from tests.conftest import ROOT, fixture_path, free_port
from tests.test_exporter import Exporter

CONTRIB = ROOT / "contrib" / "prometheus"


def _need(program: str) -> str:
    path = shutil.which(program) or (
        f"/usr/bin/{program}" if os.path.exists(f"/usr/bin/{program}") else None
    )
    if path is None:
        if os.environ.get("FIVEG_REQUIRE_PROMETHEUS") == "1":
            pytest.fail(
                f"{program} is required here (FIVEG_REQUIRE_PROMETHEUS=1) but not installed"
            )
        pytest.skip(f"{program} is not installed (apt-get install prometheus)")
    return path


def _api(base: str, path: str, **params) -> dict:
    url = f"{base}{path}?{urllib.parse.urlencode(params)}" if params else base + path
    with urllib.request.urlopen(url, timeout=10) as reply:
        return json.loads(reply.read())


@pytest.mark.parametrize(
    "args",
    [
        ("check", "rules", "fiveg-alerts.yml"),
        ("test", "rules", "fiveg-alerts.test.yml"),  # the rules' own unit tests
        ("check", "config", "prometheus.yml"),
    ],
)
def test_promtool_checks_and_unit_tests_the_alert_rules(args):
    run = subprocess.run(
        [_need("promtool"), *args], cwd=CONTRIB, capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_a_real_prometheus_scrapes_the_exporter(tmp_path):
    prometheus = _need("prometheus")
    responder = Responder(load(fixture_path("rm520n_nsa_ca_complete.at")))
    with TcpSimulator(responder) as sim:
        exporter = Exporter(sim.url, "--every", "1")
        target = exporter.url.removeprefix("http://").removesuffix("/metrics")
        shutil.copy(CONTRIB / "fiveg-alerts.yml", tmp_path / "fiveg-alerts.yml")
        (tmp_path / "prometheus.yml").write_text(
            "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
            "rule_files:\n  - fiveg-alerts.yml\n"
            "scrape_configs:\n  - job_name: fiveg\n"
            f"    static_configs:\n      - targets: ['{target}']\n"
        )
        web = f"127.0.0.1:{free_port()}"
        server = subprocess.Popen(
            [
                prometheus,
                f"--config.file={tmp_path / 'prometheus.yml'}",
                f"--storage.tsdb.path={tmp_path / 'data'}",
                f"--web.listen-address={web}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
        )
        base = f"http://{web}"
        try:
            deadline = time.monotonic() + 60
            result = []
            while not result:
                if server.poll() is not None:
                    raise AssertionError(server.stderr.read().decode()[-2000:])
                if time.monotonic() > deadline:
                    raise AssertionError("Prometheus never held fiveg_serving_sinr_db")
                time.sleep(0.25)
                try:
                    reply = _api(
                        base, "/api/v1/query", query='fiveg_serving_sinr_db{rat="NR5G-NSA"}'
                    )
                except OSError:
                    continue  # not listening yet
                result = reply["data"]["result"]
            (series,) = result
            assert float(series["value"][1]) == 14.0  # the simulated modem's NR SINR
            assert series["metric"]["band"] == "n78" and series["metric"]["job"] == "fiveg"
            targets = _api(base, "/api/v1/targets")["data"]["activeTargets"]
            assert [t["health"] for t in targets] == ["up"]
            rules = _api(base, "/api/v1/rules")["data"]["groups"][0]["rules"]
            assert {r["name"] for r in rules} == {
                "FivegModemNotAnswering",
                "FivegExporterDown",
                "FivegNrLegDown",
            }
            assert all(r["health"] in ("ok", "unknown") for r in rules)
            up = _api(base, "/api/v1/query", query="fiveg_nr_leg_up")["data"]["result"]
            assert up and float(up[0]["value"][1]) == 1.0
        finally:
            server.terminate()
            server.wait(timeout=30)
            exporter.stop()

"""5g-exporter: the samples of every dialect's fixture, the exposition prometheus_client writes
(read back with its own parser), and the installed exporter against the simulator: values,
failure, a port held by another program, scrapes that never queue polls."""

from __future__ import annotations

import os
import re
import subprocess
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from prometheus_client import generate_latest
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.registry import CollectorRegistry

from fiveg.allowlist import is_read_only
from fiveg.at.replay import Responder
from fiveg.at.transcript import load
from fiveg.export.collector import FivegCollector
from fiveg.export.polling import ExportPoller
from fiveg.export.samples import FAMILIES, signal_samples
from fiveg.poll import InfoPoll
from fiveg.ports.transport import open_port
from fiveg.records import Snapshot
from fiveg.sim import PtySimulator, TcpSimulator
from fiveg.sim_settings import SettingsResponder
from tests.conftest import FIXTURES, T0, fixture_path, poll_fixture
from tests.test_cli_monitor import BIN

ALL = sorted(p.name for p in FIXTURES.glob("*.at") if p.name != "transcript_v1.at")
IDENTITY = {"pci", "arfcn", "cell_id", "tac", "mcc", "mnc", "imei", "imsi", "iccid"}


def exposition(snapshot: Snapshot) -> dict[str, list]:
    """The text prometheus_client writes for one answered poll, parsed by its own parser."""
    poller = ExportPoller(lambda: InfoPoll(snapshot=snapshot, asked=99, chosen_by="test"))
    poller.poll_once()
    registry = CollectorRegistry()
    registry.register(FivegCollector(poller.samples))
    text = generate_latest(registry).decode()
    return {f.name: f.samples for f in text_string_to_metric_families(text)} | {"_text": text}


@pytest.mark.parametrize("name", ALL)
def test_every_fixture_exports_named_typed_samples_without_identity(name):
    snapshot = poll_fixture(name)[0].snapshot
    for sample in signal_samples(snapshot):
        family = FAMILIES[sample.name]
        assert len(sample.labels) == len(family.labels), sample
        if not sample.name.endswith("_info"):
            assert not IDENTITY & set(family.labels), sample.name
    text = exposition(snapshot)["_text"]
    imei = snapshot.device.imei
    if imei:
        assert imei not in text
    assert "imei" not in text.lower()


@pytest.mark.parametrize("name", ALL)
def test_every_value_is_the_snapshots_and_nothing_is_made_up(name):
    snapshot = poll_fixture(name)[0].snapshot
    served = {(s.name, s.labels): s.value for s in signal_samples(snapshot)}
    for cell in snapshot.serving:
        for metric, value in (("rsrp_dbm", cell.rsrp), ("sinr_db", cell.sinr)):
            key = [k for k in served if k[0] == f"fiveg_serving_{metric}" and k[1][0] == cell.rat]
            if value is None:
                assert not key, (metric, cell.rat)  # a gap, never a zero
            else:
                assert served[key[0]] == value


def test_the_exposition_of_an_nsa_modem():
    snapshot = poll_fixture("rm520n_nsa_ca_complete.at")[0].snapshot
    families = exposition(snapshot)
    (nr,) = [s for s in families["fiveg_serving_sinr_db"] if s.labels["rat"] == "NR5G-NSA"]
    assert nr.labels == {"rat": "NR5G-NSA", "band": "n78"} and nr.value == 14
    assert families["fiveg_up"][0].value == 1
    assert families["fiveg_nr_leg_up"][0].value == 1
    (info,) = [s for s in families["fiveg_serving_cell_info"] if s.labels["rat"] == "LTE"]
    assert info.name == "fiveg_serving_cell_info" and info.labels["pci"] == "281"
    assert {s.labels["port"] for s in families["fiveg_rx_port_rsrp_dbm"]} == {
        "PRX",
        "DRX",
        "RX2",
        "RX3",
    }
    freq = [s.value for s in families["fiveg_serving_frequency_hertz"]]
    assert 2_655_000_000 in freq  # B7 EARFCN 3100: 2655.0 MHz, in hertz
    assert families["fiveg_modem_info"][0].labels["model"] == "RM520N-GL"
    assert "fiveg_poll_errors" not in families  # every command answered: no error counted


def test_a_failed_poll_is_up_0_with_no_stale_signal():
    snapshot = poll_fixture("rm520n_nsa_ca_complete.at")[0].snapshot
    outcomes = [InfoPoll(snapshot=snapshot, asked=19, chosen_by="t"), OSError("gone")]

    def open_and_poll():
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    lines: list[str] = []
    poller = ExportPoller(open_and_poll, log=lines.append)
    poller.poll_once()
    assert any(s.name == "fiveg_serving_sinr_db" for s in poller.samples())
    poller.poll_once()
    names = {s.name for s in poller.samples()}
    assert "fiveg_up" in names and not {n for n in names if n.startswith("fiveg_serving")}
    assert [s.value for s in poller.samples() if s.name == "fiveg_up"] == [0.0]
    assert {s.labels: s.value for s in poller.samples() if s.name == "fiveg_poll_errors"} == {
        ("port",): 1.0
    }
    assert "fiveg_last_success_timestamp_seconds" in names  # when it last answered stays
    assert lines == ["fiveg_up 0: gone"]
    registry = CollectorRegistry()
    registry.register(FivegCollector(poller.samples))
    text = generate_latest(registry).decode()
    assert "# TYPE fiveg_poll_errors_total counter" in text  # a counter, ending in _total
    assert 'fiveg_poll_errors_total{command="port"} 1.0' in text


def test_a_scrape_never_starts_or_waits_for_a_poll():
    release = threading.Event()
    calls = []
    snapshot = Snapshot(time=T0)

    def slow_poll():
        calls.append(1)
        release.wait(10)
        return InfoPoll(snapshot=snapshot, asked=1, chosen_by="t")

    poller = ExportPoller(slow_poll, every=3600).start()
    try:
        while not calls:
            time.sleep(0.01)
        with ThreadPoolExecutor(8) as pool:  # scrapes while the poll is in flight
            results = list(pool.map(lambda _: poller.samples(), range(40)))
        assert len(calls) == 1 and all(r[0].name == "fiveg_up" for r in results)
        assert all(r[0].value == 0.0 for r in results)  # no poll has finished yet
    finally:
        release.set()
        poller.stop()


# --- the installed exporter against the simulator ---------------------------------------


class Exporter:
    """``5g-exporter`` as a user runs it; ``url`` is the /metrics it printed."""

    def __init__(self, port: str, *args: str) -> None:
        self.proc = subprocess.Popen(
            [str(BIN / "5g-exporter"), "--port", port, "--listen", "127.0.0.1:0", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
        )
        self.url = self.proc.stdout.readline().strip()
        assert self.url.startswith("http://127.0.0.1:"), self.proc.stderr.read()

    def scrape(self) -> dict:
        with urllib.request.urlopen(self.url, timeout=10) as reply:
            text = reply.read().decode()
        return {f.name: f.samples for f in text_string_to_metric_families(text)}

    def until(self, condition, timeout: float = 20.0) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            families = self.scrape()
            if condition(families):
                return families
            if time.monotonic() > deadline:
                raise AssertionError(f"gave up waiting; last scrape: {sorted(families)}")
            time.sleep(0.05)

    def stop(self) -> str:
        self.proc.terminate()
        _out, err = self.proc.communicate(timeout=10)
        assert self.proc.returncode == 0, err
        return err


def up(families) -> float | None:
    return families["fiveg_up"][0].value if "fiveg_up" in families else None


def test_the_exporter_serves_the_simulated_modem_then_says_when_it_is_gone():
    responder = Responder(load(fixture_path("rm520n_nsa_ca_complete.at")))
    with TcpSimulator(responder) as sim:
        exporter = Exporter(sim.url, "--every", "1")
        try:
            families = exporter.until(lambda f: up(f) == 1)
            (nr,) = [s for s in families["fiveg_serving_sinr_db"] if s.labels["band"] == "n78"]
            assert nr.value == 14
            sim.vanish()  # the router reboots
            families = exporter.until(lambda f: up(f) == 0)
            assert not [n for n in families if n.startswith(("fiveg_serving", "fiveg_carrier"))]
            errors = {s.labels["command"]: s.value for s in families["fiveg_poll_errors"]}
            assert errors.get("port", 0) >= 1
            sim.reappear()
            exporter.until(lambda f: up(f) == 1)
        finally:
            log = exporter.stop()
    assert "fiveg_up 0:" in log and "the modem answers again" in log
    assert log.count("fiveg_up 0:") == 1  # said once, not at every failed poll


def test_many_scrapes_make_no_extra_polls_and_the_modem_hears_only_reads():
    responder = SettingsResponder(load(fixture_path("rm520n_nsa_ca_complete.at")))
    with TcpSimulator(responder) as sim:
        exporter = Exporter(sim.url, "--every", "3600")
        try:
            exporter.until(lambda f: up(f) == 1)
            heard = len(responder.received)
            with ThreadPoolExecutor(8) as pool:
                list(pool.map(lambda _: exporter.scrape(), range(50)))
            assert len(responder.received) == heard  # the modem heard nothing more
            assert responder.received.count("ATI;+COPS?;+CSQ") == 1
        finally:
            exporter.stop()
    assert [c for c in responder.received if not is_read_only(c)] == []
    assert responder.model.writes == []


def test_a_port_another_program_holds_is_up_0_with_the_holder_named():
    responder = Responder(load(fixture_path("rm520n_nsa_ca_complete.at")))
    with PtySimulator(responder) as sim:
        held = open_port(sim.path)  # as 5g-monitor holds it: lock file and open device
        exporter = Exporter(sim.path, "--every", "1")
        try:
            families = exporter.until(lambda f: "fiveg_poll_errors" in f)
            assert up(families) == 0
            assert responder.received == []  # it never wrote to a port it did not hold
            held.close()
            exporter.until(lambda f: up(f) == 1)
        finally:
            log = exporter.stop()
    assert re.search(rf"fiveg_up 0: .*busy.*\(pid {os.getpid()}\)", log), log


def test_a_bad_listen_address_is_a_usage_error():
    result = subprocess.run(
        [str(BIN / "5g-exporter"), "--listen", "nowhere"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2 and "is not HOST:PORT" in result.stderr


@pytest.mark.parametrize(
    "dialect", ["quectel", "fibocom", "sierra", "simcom", "telit", "huawei", "generic"]
)
def test_the_exporter_serves_every_dialects_modem(dialect):
    from tests.test_read_only import BY_DIALECT

    name = BY_DIALECT[dialect]
    snapshot = poll_fixture(name)[0].snapshot
    responder = Responder(load(fixture_path(name)))
    with TcpSimulator(responder) as sim:
        exporter = Exporter(sim.url, "--every", "3600")
        try:
            families = exporter.until(lambda f: up(f) == 1)
        finally:
            exporter.stop()
    assert families["fiveg_modem_info"][0].labels["dialect"] == dialect
    served = {
        (f.removeprefix("fiveg_serving_"), s.labels["rat"]): s.value
        for f in ("fiveg_serving_rsrp_dbm", "fiveg_serving_sinr_db")
        for s in families.get(f, [])
    }
    expected = {
        (metric, str(cell.rat)): getattr(cell, attr)
        for cell in snapshot.serving
        for metric, attr in (("rsrp_dbm", "rsrp"), ("sinr_db", "sinr"))
        if getattr(cell, attr) is not None
    }
    assert expected and served == expected  # the same values, and no sample for a gap

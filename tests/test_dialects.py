"""Every dialect end to end: detection, 5g-info through the simulator, one JSON schema,
read-only commands, and the monitor following a metric (or showing it absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from fiveg.allowlist import is_read_only
from fiveg.at.replay import ReplayPort, Responder
from fiveg.at.session import AtSession
from fiveg.at.transcript import load, parse
from fiveg.cli.info import info
from fiveg.jsonout import dumps
from fiveg.metrics import Metric, read
from fiveg.poll import poll
from fiveg.poller import Poller
from fiveg.ports.usbid import usb_vendor
from fiveg.sim import PtySimulator
from fiveg.vendors import detect, fibocom, telit
from fiveg.vendors.registry import DIALECTS, NAMES, by_name
from tests.conftest import FIXTURES, T0, fixture_path, poll_fixture, run_installed

ROOT = Path(__file__).resolve().parent.parent

# fixture -> the dialect auto-detection must choose (the Quectel ones all say quectel)
VENDOR_FIXTURES = {
    "generic_t99w175_endc.at": "generic",
    "fibocom_fm350_lte.at": "fibocom",
    "fibocom_fm150_endc.at": "fibocom",
    "fibocom_l860_lte_ca.at": "fibocom",
    "sierra_em7455_lte_ca.at": "sierra",
    "sierra_em9190_nr_sa.at": "sierra",
    "simcom_sim7600_lte.at": "simcom",
    "simcom_sim8262_sa.at": "simcom",
    "simcom_sim8200_nsa.at": "simcom",
    "telit_lm960_lte.at": "telit",
    "telit_ln940_rfsts.at": "telit",
    "huawei_me909s_lte.at": "huawei",
    "huawei_mt5700_nr_sa.at": "huawei",
    "huawei_mt5700_nsa.at": "huawei",
}
QUECTEL_FIXTURES = sorted(
    p.name for p in FIXTURES.glob("*.at") if load(p).meta.get("dialect") == "quectel"
)


# Every fixture and the dialect it is read in: the recorded one, else the table above.
EXPECTED = {
    p.name: load(p).meta.get("dialect") or VENDOR_FIXTURES[p.name]
    for p in sorted(FIXTURES.glob("*.at"))
}
# Fixtures whose modem names no maker fiveg knows (ATI refused, absent or a chip maker's):
# without the recorded dialect, what decides instead.
UNNAMED = {
    "fibocom_l860_ati_build_date.at": "reply shape",  # ATI gives a build date only
    "quectel_em06a_wcdma_serving.at": "reply shape",  # captures without ATI
    "quectel_rm500q_early_endc.at": "reply shape",
    "rm5xx_sa_fdd_tmobile.at": "reply shape",
    "rm5xx_sa_tdd_tmobile.at": "reply shape",
    "urc_mid_reply.at": "reply shape",
    "simcom_sim7000_gsm_chained.at": "reply shape",
    "rm551e_qcainfo_extended.at": "fallback",  # only AT+QCAINFO was captured: no probe answers
    "rm551e_qcainfo_extended_distinct.at": "fallback",  # its constructed variant, likewise
    "telit_ln940_rfsts_decimals.at": "fallback",  # ATI: "QUALCOMM INCORPORATED", model 4105
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_auto_detection_from_what_the_modem_says(name):
    """The identity alone decides (no recorded dialect handed in), or the reply shape."""
    result, _ = poll_fixture(name, recorded=None)
    how = UNNAMED.get(name, "fallback" if EXPECTED[name] == "generic" else "identity")
    assert result.chosen_by == how
    if how != "fallback":
        assert result.snapshot.dialect == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_with_its_recording_every_fixture_is_read_in_its_dialect(name):
    assert poll_fixture(name)[0].snapshot.dialect == EXPECTED[name]


@pytest.mark.parametrize("name", QUECTEL_FIXTURES)
def test_quectel_fixtures_detect_quectel(name):
    result, _ = poll_fixture(name)
    assert result.snapshot.dialect == "quectel"
    has_ati = any(ex.command_text == "ATI" for ex in load(fixture_path(name)).exchanges())
    assert result.chosen_by == ("identity" if has_ati else "recording")


def test_detection_order_and_hints():
    quectel = by_name("quectel")
    assert detect.from_text(["Sierra Wireless, Incorporated"]).name == "sierra"
    assert detect.from_text(["SIMCOM INCORPORATED"]).name == "simcom"
    assert detect.from_text(["TD Tech Ltd."]).name == "huawei"
    assert detect.from_text(["Qualcomm", None, ""]) is None
    assert detect.choose([], usb_vendor=0x2C7C) == (quectel, "USB vendor 2c7c")
    assert detect.choose([], recorded="quectel") == (quectel, "recording")
    assert detect.choose([], usb_vendor=0x1234, recorded="nonsense")[1] == "fallback"
    # the modem's own words beat the USB id
    assert detect.choose(["Telit"], usb_vendor=0x2C7C)[0].name == "telit"


def test_usb_vendor_from_sysfs(tmp_path):
    interface = tmp_path / "devices" / "pci0000:00" / "usb2" / "2-1" / "2-1:1.3"
    interface.mkdir(parents=True)
    (interface.parent / "idVendor").write_text("1199\n")
    tty = tmp_path / "class" / "tty" / "ttyUSB2"
    tty.mkdir(parents=True)
    (tty / "device").symlink_to(interface)
    assert usb_vendor("/dev/ttyUSB2", sys_root=tmp_path) == 0x1199
    assert usb_vendor("/dev/ttyUSB9", sys_root=tmp_path) is None  # no such tty
    assert usb_vendor("socket://127.0.0.1:4000", sys_root=tmp_path) is None
    assert usb_vendor("ssh://router/dev/ttyUSB2", sys_root=tmp_path) is None


UNKNOWN_ATI = parse(
    "fiveg-transcript 1\n"
    "# constructed: a modem whose ATI and +CGMI name no maker fiveg knows\n"
    "> 0.0 ATI\\r\n< 0.0 \\r\\nModem Co.\\r\\nX1\\r\\n\\r\\nOK\\r\\n\n"
    "> 0.1 AT+CGMI\\r\n< 0.1 \\r\\nModem Co.\\r\\n\\r\\nOK\\r\\n\n"
    "> 0.2 AT!GSTATUS?\\r\n< 0.2 \\r\\n!GSTATUS: \\r\\nLTE band:      B7"
    "     \\t\\tLTE bw:      20 MHz\\r\\n\\r\\nOK\\r\\n\n"
)


def test_the_usb_vendor_decides_when_the_modem_does_not_say():
    port = ReplayPort(UNKNOWN_ATI)
    result = poll(AtSession(port), usb_vendor=0x1199, now=lambda: T0)
    assert (result.snapshot.dialect, result.chosen_by) == ("sierra", "USB vendor 1199")
    assert result.snapshot.serving[0].band == 7
    heard = port.responder.received
    assert heard[0] == "ATI;+COPS?;+CSQ"  # ATI names no maker: +CGMI, +CGMM next
    assert heard.index("AT+CGMI") + 1 == heard.index("AT+CGMM")


def test_a_named_dialect_is_kept_whatever_the_modem_says():
    port = ReplayPort(load(fixture_path("sierra_em7455_lte_ca.at")))
    result = poll(AtSession(port), by_name("generic"), now=lambda: T0)
    assert (result.snapshot.dialect, result.chosen_by) == ("generic", "--dialect")
    assert "AT+CGMI" in port.responder.received  # the generic list, not Sierra's
    assert "AT!GSTATUS?" not in port.responder.received


def test_every_dialect_asks_only_read_only_commands():
    for dialect in DIALECTS:
        for model in (None, "L860-GL", "LN940A9", "RM520N-GL"):
            commands = dialect.commands(model)
            for command in (*commands.info, *commands.fast, *commands.slow):
                assert is_read_only(command), (dialect.name, command)
            if len(commands.fast) > 1:  # the monitor chains them
                assert is_read_only(commands.fast[0] + ";" + commands.fast[1][2:])
    assert fibocom.commands("L860-GL").fast == ("AT+XCESQ?",)
    assert telit.commands("LN940A9").fast == ("AT^RFSTS?", "AT+CESQ")


# README's JSON schema, key by key: every object of every list of every fixture has
# exactly these keys (a missing key, an extra one or a renamed one fails).
SCHEMA = {
    "device": {"manufacturer", "model", "revision", "imei"},
    "operator": {"name", "short_name", "mcc", "mnc"},
    "network": {"access_technology", "mcc", "mnc", "band", "arfcn"},
    "signal": {"rssi", "rssi_raw", "ber"},
    "serving": {
        *("rat", "state", "duplex", "mcc", "mnc", "cell_id", "enodeb_id", "sector_id", "tac"),
        *("pci", "arfcn", "band", "frequency_mhz", "dl_bandwidth_mhz", "ul_bandwidth_mhz"),
        *("scs_khz", "rsrp", "rsrq", "rssi", "sinr", "sinr_raw", "cqi", "tx_power_dbm"),
        *("tx_power_raw", "srxlev"),
    },
    "carriers": {
        *("rat", "role", "arfcn", "band", "frequency_mhz", "bandwidth_mhz", "bandwidth_raw"),
        *("ul_bandwidth_mhz", "ul_arfcn", "ul_configured", "pci", "state", "rsrp", "rsrq"),
        *("rssi", "sinr", "extra"),
    },
    "neighbours": {
        *("rat", "kind", "arfcn", "frequency_mhz", "pci", "rsrp", "rsrq", "rssi", "sinr"),
        *("sinr_raw", "srxlev"),
    },
    "antennas": {"rat", "port", "name", "rsrp", "rsrq", "sinr", "rsrp_raw", "rsrq_raw", "sinr_raw"},
    "temperatures": {"sensor", "celsius", "raw"},
    "unparsed": {"command", "line"},
    "errors": {"command", "error"},
    "bands": {"mode", "lte", "nsa_nr5g", "nr5g", "locks"},
}
TOP = {"schema", "time", "dialect", "state", *SCHEMA}


def test_readme_documents_every_key_of_the_schema():
    block = (ROOT / "README.md").read_text().split("## JSON schema", 1)[1].split("```", 2)[1]
    for section, keys in SCHEMA.items():
        assert f'"{section}"' in block, section
        for key in keys:
            assert f'"{key}"' in block, (section, key)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_one_json_schema_for_every_dialect(name):
    data = json.loads(dumps(poll_fixture(name)[0].snapshot))
    assert set(data) == TOP
    for section, keys in SCHEMA.items():
        value = data[section]
        if value is None:
            # the objects a modem may not report
            assert section in ("signal", "bands"), section
            continue
        items = value if isinstance(value, list) else [value]
        for item in items:
            assert set(item) == keys, (section, set(item) ^ keys)


# One serving value per fixture, worked out in the parser tests: enough to show the
# whole path (pty, session, framer, detection, vendor parser, JSON) carried it.
E2E = {
    "generic_t99w175_endc.at": ("NR5G-NSA", "sinr", 5),
    "fibocom_fm350_lte.at": ("LTE", "rsrp", -112),
    "fibocom_l860_lte_ca.at": ("LTE", "rsrq", -10.5),
    "sierra_em7455_lte_ca.at": ("LTE", "sinr", 23.8),
    "sierra_em9190_nr_sa.at": ("NR5G-SA", "sinr", 0.5),
    "simcom_sim7600_lte.at": ("LTE", "rsrp", -85),
    "simcom_sim8262_sa.at": ("NR5G-SA", "sinr", 29),
    "telit_lm960_lte.at": ("LTE", "rsrq", -14),
    "huawei_me909s_lte.at": ("LTE", "sinr", 0.8),
    "huawei_mt5700_nr_sa.at": ("NR5G-SA", "rsrp", -94),
    # the families of issue 10, each from its own test file's worked values
    "quectel_eg25g_lte_neighbours.at": ("LTE", "rsrp", -104),  # the 16-field LTE line
    "quectel_rm500q_early_endc.at": ("LTE", "sinr", 30),  # no ATI: 2*25-20 by the NR5G shape
    "quectel_em06a_wcdma_serving.at": ("WCDMA", "arfcn", 4385),
    "fibocom_fm350_ltea_ca.at": ("LTE", "rsrp", -97),
    "fibocom_l850_xmci_neighbours.at": ("LTE", "rsrq", -11.5),  # no model: both lists
    "fibocom_fm160_hex_nr_sa.at": ("NR5G-SA", "arfcn", 0xAFDA0),  # printed in hex
    "simcom_sim7000g_catm1.at": ("LTE", "sinr", 0),  # 2*10-20
    "simcom_sim7000e_nbiot.at": ("LTE", "rsrp", -77),
    "simcom_sim7600g_gsm.at": ("GSM", "arfcn", 6),
    "sierra_em9291_nrinfo_sa.at": ("NR5G-SA", "sinr", 12),
    "telit_lm960_rfsts_redacted.at": ("LTE", "rsrq", -14),
}
# a modem no identity names: the user names the dialect
E2E_OPTIONS = {"telit_ln940_rfsts_decimals.at": ["--dialect", "telit"]}
E2E["telit_ln940_rfsts_decimals.at"] = ("LTE", "rsrp", -103.7)


@pytest.mark.parametrize("name", sorted(E2E))
def test_installed_5g_info_json_through_the_simulator(name):
    responder = Responder(load(fixture_path(name)))
    with PtySimulator(responder) as server:
        result = run_installed(
            "5g-info", "--json", "--port", server.path, *E2E_OPTIONS.get(name, [])
        )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == 1 and data["dialect"] == EXPECTED[name]
    rat, key, expected = E2E[name]
    cell = next(c for c in data["serving"] if c["rat"] == rat)
    assert cell[key] == expected
    assert all(is_read_only(c) for c in responder.received)


def test_dialect_option_and_listing():
    runner = CliRunner()
    listing = runner.invoke(info, ["--dialect", "list"])
    assert listing.exit_code == 0
    for dialect in DIALECTS:
        assert f"{dialect.name:<8} {dialect.label}: {dialect.models}" in listing.output
    forced = runner.invoke(
        info,
        ["--replay", str(fixture_path("huawei_me909s_lte.at")), "--dialect", "generic", "--json"],
    )
    assert forced.exit_code == 0 and json.loads(forced.stdout)["dialect"] == "generic"
    bad = runner.invoke(info, ["--dialect", "nokia"])
    assert bad.exit_code == 2 and "nokia" in bad.output
    table = runner.invoke(info, ["--replay", str(fixture_path("telit_lm960_lte.at"))])
    assert "telit (identity)" in table.output


def test_readme_lists_every_dialect_and_its_modems():
    readme = (ROOT / "README.md").read_text()
    for dialect in DIALECTS:
        assert f"| `{dialect.name}` |" in readme, dialect.name
    assert set(NAMES) == {d.name for d in DIALECTS}


# ---------------------------------------------------------------- the monitor's polls

FOLLOWED = {
    # fixture: (the NR SINR the monitor follows, after falling back to LTE when need be)
    "generic_t99w175_endc.at": (Metric.NR_SINR, 5),
    "fibocom_fm350_lte.at": (Metric.NR_SINR, 5),
    "fibocom_l860_lte_ca.at": (Metric.NR_SINR, None),  # LTE SINR has no cited scale: absent
    "sierra_em7455_lte_ca.at": (Metric.LTE_SINR, 23.8),
    "sierra_em9190_nr_sa.at": (Metric.NR_SINR, 0.5),
    "simcom_sim7600_lte.at": (Metric.NR_SINR, None),  # SIM7600 <RSSNR>: no cited scale
    "simcom_sim8262_sa.at": (Metric.NR_SINR, 29),
    "simcom_sim8200_nsa.at": (Metric.NR_SINR, 9.5),
    "telit_lm960_lte.at": (Metric.NR_SINR, None),
    "huawei_me909s_lte.at": (Metric.LTE_SINR, 0.8),
    "huawei_mt5700_nr_sa.at": (Metric.NR_SINR, 30),
    "huawei_mt5700_nsa.at": (Metric.NR_SINR, 14),  # the ^MONSSC leg
}


@pytest.mark.parametrize("name", sorted(FOLLOWED))
def test_the_monitor_follows_every_dialect_with_one_fast_round_trip(name):
    port = ReplayPort(load(fixture_path(name)))
    poller = Poller(lambda: AtSession(port), slow=())
    result = poller.poll_fast()
    assert result.snapshot is not None, result.error
    assert result.snapshot.dialect == VENDOR_FIXTURES[name]
    source, value = FOLLOWED[name]
    reading = read(result.snapshot, Metric.NR_SINR)
    assert (reading.source, reading.value) == (source, value)
    identity = ("ATI", "AT+CGSN", "AT+CGMI", "AT+CGMM")
    heard = [c for c in port.responder.received if c not in identity]
    whole = (poller.fast[0] + "".join(";" + c[2:] for c in poller.fast[1:])).upper()
    if name in REFUSED_CHAIN:  # the chain fails, then one by one
        assert heard == [whole, *(c.upper() for c in poller.fast)] and poller.chained is False
    else:
        assert heard == [whole]  # chained when there are two: one round trip
        assert poller.chained is (len(poller.fast) > 1)


# the capture lacks !LTEINFO / the LTE-only module refuses ^MONSSC
REFUSED_CHAIN = {"sierra_em9190_nr_sa.at", "huawei_me909s_lte.at"}


def test_a_fast_command_the_modem_keeps_refusing_moves_to_the_slow_loop():
    port = ReplayPort(load(fixture_path("huawei_me909s_lte.at")))
    poller = Poller(lambda: AtSession(port), slow_every=60)
    for _ in range(3):  # refused three polls running
        assert poller.poll_fast().snapshot is not None
    assert poller.fast == ("AT^HCSQ?", "AT^MONSC")
    assert poller.slow[-1] == "AT^MONSSC"  # still asked, now and then
    port.responder.received.clear()
    result = poller.poll_fast()
    assert port.responder.received == ["AT^HCSQ?;^MONSC"]  # one round trip again
    assert read(result.snapshot, Metric.NR_SINR).value == 0.8  # LTE SINR, by fallback


def test_a_recording_keeps_its_dialect_for_the_replay(tmp_path):
    """A modem that refuses ATI, read with --dialect: the recording says so, and its
    replay is read in that dialect without being told."""
    rec = tmp_path / "session.at"
    source = str(fixture_path("rm5xx_sa_fdd_tmobile.at"))  # no ATI in this capture
    runner = CliRunner()
    first = runner.invoke(info, ["--replay", source, "--dialect", "quectel", "--record", str(rec)])
    assert first.exit_code == 0 and "quectel (--dialect)" in first.output
    assert load(rec).meta["dialect"] == "quectel"
    again = runner.invoke(info, ["--replay", str(rec)])
    assert again.exit_code == 0 and "quectel (recording)" in again.output


def test_plus_cgmi_names_the_maker_when_ati_is_refused():
    transcript = parse(
        "fiveg-transcript 1\n"
        "# constructed: ATI refused, +CGMI answered (27.007 5.1 bare text)\n"
        "> 0.0 ATI\\r\n< 0.0 \\r\\nERROR\\r\\n\n"
        "> 0.1 AT+CGMI\\r\n< 0.1 \\r\\nQuectel\\r\\n\\r\\nOK\\r\\n\n"
    )
    result = poll(AtSession(ReplayPort(transcript)), now=lambda: T0)
    assert (result.snapshot.dialect, result.chosen_by) == ("quectel", "identity")
    assert result.snapshot.device.manufacturer == "Quectel"


def test_the_monitor_takes_the_same_dialect_option():
    from fiveg.cli.monitor import monitor

    listing = CliRunner().invoke(monitor, ["--dialect", "list"])
    assert listing.exit_code == 0 and "sierra   Sierra Wireless:" in listing.output
    bad = CliRunner().invoke(monitor, ["--dialect", "nokia"])
    assert bad.exit_code == 2


@pytest.mark.parametrize("name", ["sierra_em7455_lte_ca.at", "fibocom_fm150_endc.at"])
def test_what_the_monitor_records_5g_info_replays(name, tmp_path):
    """The monitor records its chained poll (!GSTATUS?;!LTEINFO?, +GTCCINFO?;+CESQ);
    5g-info asks the parts one by one. The rows under a part's header line
    (label lines, cell rows) must follow it, or the replay loses the cell."""
    from fiveg.at.transcript import Recorder

    rec = tmp_path / "monitor.at"
    recorder = Recorder.to_path(rec)
    source = ReplayPort(load(fixture_path(name)))
    poller = Poller(lambda: AtSession(source, recorder=recorder), slow=())
    live = poller.poll_fast().snapshot
    recorder.meta("dialect", poller.dialect.name)
    recorder.close()
    assert poller.chained is True  # the recording holds the chain, not its parts
    replayed = poll_fixture(str(rec))[0].snapshot  # an absolute path joins as itself
    assert replayed.serving == live.serving and replayed.neighbours == live.neighbours

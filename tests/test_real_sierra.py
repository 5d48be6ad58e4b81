"""Sierra EM929x on published captures: !NRINFO?, the NR5G UL bandwidth, limited service."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from fiveg.cli.info import info
from fiveg.records import Rat
from fiveg.vendors import sierra
from tests.conftest import T0, fixture_path, poll_fixture, reply_lines


def test_em9291_sa_gstatus_first_nrinfo_asked_beside_it():
    result, heard = poll_fixture("sierra_em9291_nrinfo_sa.at")
    s = result.snapshot
    assert (s.dialect, s.device.model) == ("sierra", "EM9291")
    assert "AT!NRINFO?" in heard
    (nr,) = s.serving
    assert (nr.rat, nr.band, nr.arfcn) == (Rat.NR5G_SA, 78, 627340)
    assert nr.frequency_mhz == 3410.1  # TS 38.104 5.4.2.1: 3000 + 0.015 * (627340 - 600000)
    assert (nr.dl_bandwidth_mhz, nr.ul_bandwidth_mhz) == (20, 20)  # "NR5G dl bw", "NR5G ul bw"
    assert (nr.tac, nr.cell_id) == (0x000001, 6576)  # "000001"; "19B0 (6576)"
    # !GSTATUS's readings stand (-111); !NRINFO's, read minutes apart (-110), only fill gaps
    assert (nr.rsrp, nr.rsrq, nr.sinr) == (-111, -11, 12)
    assert nr.tx_power_dbm is None  # "NR5G Tx Power" has no documented unit
    assert s.antennas == ()  # the per-path values are RSSI; AntennaPort has no RSSI
    assert s.state == "RRC Connected" and [(t.sensor, t.celsius) for t in s.temperatures] == [
        ("modem", 40)
    ]
    assert s.unparsed == ()


def test_nrinfo_alone_gives_the_nr_leg():
    lines = reply_lines("sierra_em9291_nrinfo_sa.at", "AT!NRINFO?")
    s = sierra.parse_snapshot({"AT!NRINFO?": lines}, time=T0)
    (nr,) = s.serving
    assert nr.rat == Rat.NR5G_SA  # "Connectivity Mode: SA"
    assert (nr.band, nr.arfcn, nr.cell_id, nr.tac) == (78, 627340, 6576, None)  # no TAC there
    assert (nr.dl_bandwidth_mhz, nr.ul_bandwidth_mhz) == (20, 20)
    assert (nr.rsrp, nr.rsrq, nr.sinr) == (-110, -11, 12)
    assert s.unparsed == ()


def test_nrinfo_fills_what_an_older_gstatus_lacks():
    # constructed pairing: the EM9190 !GSTATUS (no "NR5G ul bw") with the EM9291 !NRINFO lines
    gstatus = reply_lines("sierra_em9190_nr_sa.at", "AT!GSTATUS?")
    nrinfo = reply_lines("sierra_em9291_nrinfo_sa.at", "AT!NRINFO?")
    (nr,) = sierra.parse_snapshot({"AT!GSTATUS?": gstatus, "AT!NRINFO?": nrinfo}, time=T0).serving
    assert (nr.band, nr.rsrp, nr.dl_bandwidth_mhz) == (41, -104, 20)  # !GSTATUS's own
    assert nr.ul_bandwidth_mhz == 20  # only !NRINFO has it


def test_nrinfo_without_connectivity_mode_follows_the_system_mode():
    # constructed: an ENDC !GSTATUS without NR labels, and NR labels without "Connectivity Mode"
    gstatus = ["!GSTATUS: ", "System mode:   ENDC        \tPS state:    Attached     "]
    nrinfo = ["!NRINFO: ", "NR5G band:       n78", "NR5G RSRP (dBm): -97\t\t\tNR5G RSRQ (dB):  -12"]
    s = sierra.parse_snapshot({"AT!GSTATUS?": gstatus, "AT!NRINFO?": nrinfo}, time=T0)
    nr = next(c for c in s.serving if c.band == 78)
    assert (nr.rat, nr.rsrp, nr.rsrq) == (Rat.NR5G_NSA, -97, -12)


def test_em9291_limited_service_80_mhz_up_and_down():
    s = poll_fixture("sierra_em9291_gstatus_limited.at")[0].snapshot
    (nr,) = s.serving
    assert (nr.rat, nr.band, nr.arfcn) == (Rat.NR5G_SA, 78, 629262)
    assert nr.frequency_mhz == 3438.93  # 3000 + 0.015 * (629262 - 600000)
    assert (nr.dl_bandwidth_mhz, nr.ul_bandwidth_mhz) == (80, 80)
    assert (nr.tac, nr.cell_id) == (0x004E21, 18050908295)  # 0x4E21 = 20001
    assert (nr.rsrp, nr.rsrq, nr.sinr) == (-92, -11, 11.5)
    assert s.state == "RRC Idle"
    assert [e.command for e in s.errors][-2:] == ["AT!LTEINFO?", "AT!NRINFO?"]  # not captured
    assert s.unparsed == ()


@pytest.mark.parametrize(
    ("model", "asked"),
    [("EM7455", False), ("MC7455", False), ("EM7565", False), ("EM9190", True), (None, True)],
)
def test_nrinfo_is_asked_of_all_but_the_lte_only_families(model, asked):
    cs = sierra.commands(model)
    assert ("AT!NRINFO?" in cs.info, "AT!NRINFO?" in cs.fast) == (asked, asked)


def test_em9291_distinct_dl_and_ul_bandwidth_and_gstatus_over_nrinfo():
    """sierra_em9291_nrinfo_sa_distinct.at: dl and ul bw apart, !GSTATUS's reading apart
    from !NRINFO's, a hex-only TAC of decimal digits."""
    s = poll_fixture("sierra_em9291_nrinfo_sa_distinct.at")[0].snapshot
    (nr,) = s.serving
    assert (nr.rat, nr.band, nr.arfcn, nr.frequency_mhz) == (Rat.NR5G_SA, 78, 632628, 3489.42)
    assert (nr.dl_bandwidth_mhz, nr.ul_bandwidth_mhz) == (100, 40)  # "NR5G dl bw", "NR5G ul bw"
    assert (nr.tac, nr.cell_id) == (0x3039, 3022682)  # "003039" hex alone; "2E1F5A (3022682)"
    assert (nr.rsrp, nr.rsrq, nr.sinr) == (-103, -12, 7.5)  # !GSTATUS's, not !NRINFO's
    assert [(t.sensor, t.celsius) for t in s.temperatures] == [("modem", 46)]
    assert s.unparsed == ()
    # !NRINFO? alone: its own readings
    lines = reply_lines("sierra_em9291_nrinfo_sa_distinct.at", "AT!NRINFO?")
    (alone,) = sierra.parse_snapshot({"AT!NRINFO?": lines}, time=T0).serving
    assert (alone.rsrp, alone.rsrq, alone.sinr) == (-101, -13, 8)
    assert (alone.dl_bandwidth_mhz, alone.ul_bandwidth_mhz, alone.tac) == (100, 40, None)


def test_em9191_endc_gives_the_lte_anchor_and_the_nr_leg():
    result, heard = poll_fixture("sierra_em9191_endc.at")
    s = result.snapshot
    assert (s.dialect, s.device.model, result.chosen_by) == ("sierra", "EM9191", "identity")
    assert "AT!NRINFO?" in heard  # an EM919x: NR commands asked
    lte, nr = s.serving
    # System mode ENDC: the LTE labels make the anchor ...
    assert (lte.rat, lte.band, lte.arfcn, lte.frequency_mhz) == (Rat.LTE, 3, 1700, 1855.0)
    assert (lte.dl_bandwidth_mhz, lte.rsrq, lte.sinr) == (20, -13.5, 6.2)
    assert (lte.tac, lte.cell_id) == (4614, 27150851)  # "1206 (4614)", "019E4A03 (27150851)"
    assert (lte.enodeb_id, lte.sector_id) == (0x19E4A, 0x03)
    assert (lte.mcc, lte.mnc) == ("202", "01")  # +COPS numeric (27.007 7.3)
    # ... and the NR5G labels the NSA leg (not SA: the system mode is ENDC)
    assert (nr.rat, nr.band, nr.arfcn, nr.frequency_mhz) == (Rat.NR5G_NSA, 78, 636576, 3548.64)
    assert (nr.dl_bandwidth_mhz, nr.rsrp, nr.rsrq, nr.sinr) == (100, -94, -11, 14.5)
    assert (nr.tac, nr.cell_id) == (None, None)  # an NSA leg has no TAC of its own
    # the new firmware's "PCC RxM RSRP"/"PCC RxD RSRP" labels
    assert [(a.name, a.rsrp) for a in s.antennas] == [("PRX", -99), ("DRX", -122)]
    assert s.state == "RRC Connected"
    assert [n.access_technology for n in s.network] == ["LTE-NR EN-DC"]  # +COPS <AcT> 13
    assert (s.signal.rssi, [(t.sensor, t.celsius) for t in s.temperatures]) == (
        -71,
        [("modem", 43)],
    )
    assert s.unparsed == ()


def test_em9191_endc_json_has_both_legs():
    out = CliRunner().invoke(
        info, ["--replay", str(fixture_path("sierra_em9191_endc.at")), "--json"]
    )
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    legs = {c["rat"]: c for c in data["serving"]}
    assert set(legs) == {"LTE", "NR5G-NSA"}
    assert (legs["LTE"]["band"], legs["LTE"]["arfcn"], legs["LTE"]["tac"]) == (3, 1700, 4614)
    assert (legs["NR5G-NSA"]["band"], legs["NR5G-NSA"]["sinr"]) == (78, 14.5)
    assert legs["NR5G-NSA"]["rsrp"] == -94 and legs["LTE"]["sinr"] == 6.2

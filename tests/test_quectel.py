"""Quectel dialect on every fixture, with exact expected values.

Field orders and units: Quectel RG50xQ&RM5xxQ Series Network Application Note,
3.2.1 (QNWINFO), 3.2.2 (QENG), 3.2.3 (QCAINFO), 3.3.1 (CSQ), 3.3.3-3.3.5
(QRSRP/QRSRQ/QSINR). Each fixture cites where its replies come from.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fiveg.records import Rat, Role
from fiveg.vendors import quectel

from .conftest import FIXTURES, snapshot_of


def test_nsa_with_three_carriers_tim():
    s = snapshot_of("rm520n_nsa_ca_tim.at")
    assert (s.device.manufacturer, s.device.model, s.device.revision) == (
        "Quectel",
        "RM520N-GL",
        "RM520NGLAAR03A03M4G",
    )
    assert (s.operator.name, s.operator.short_name, s.operator.mcc, s.operator.mnc) == (
        "I TIM",
        "TIM",
        "222",
        "01",
    )
    assert s.state == "NOCONN"
    lte, nr = s.serving
    assert lte.rat is Rat.LTE and nr.rat is Rat.NR5G_NSA
    # "LTE","FDD",222,01,328261F,280,275,1,4,4,BE3,-99,-14,-66,7,4,30,-
    assert (lte.duplex, lte.mcc, lte.mnc) == ("FDD", "222", "01")
    assert lte.cell_id == 0x328261F and (lte.enodeb_id, lte.sector_id) == (0x328261F >> 8, 0x1F)
    assert (lte.pci, lte.arfcn, lte.band, lte.tac) == (280, 275, 1, 0xBE3)
    assert lte.frequency_mhz == 2137.5  # 2110 + 0.1 * (275 - 0), TS 36.101 Table 5.7.3-1
    assert (lte.ul_bandwidth_mhz, lte.dl_bandwidth_mhz) == (15.0, 15.0)  # code 4
    assert (lte.rsrp, lte.rsrq, lte.rssi) == (-99, -14, -66)
    assert (lte.sinr_raw, lte.sinr) == (7, -6.0)  # 2 * 7 - 20 (3.2.2 <SINR>)
    assert (lte.cqi, lte.tx_power_raw, lte.tx_power_dbm, lte.srxlev) == (4, 30, 3.0, None)
    # "NR5G-NSA",222,01,920,-96,18,-10,648768,78,10,1
    assert (nr.pci, nr.rsrp, nr.sinr, nr.rsrq, nr.arfcn, nr.band) == (920, -96, 18, -10, 648768, 78)
    assert nr.frequency_mhz == 3731.52  # 3000 + 0.015 * (648768 - 600000), TS 38.104
    assert (nr.dl_bandwidth_mhz, nr.scs_khz) == (80.0, 30)
    pcc, scc_lte, scc_nr = s.carriers
    assert (pcc.role, pcc.rat, pcc.arfcn, pcc.band, pcc.bandwidth_mhz, pcc.pci) == (
        Role.PCC,
        Rat.LTE,
        275,
        1,
        15.0,
        280,
    )
    assert (pcc.rsrp, pcc.rsrq, pcc.rssi, pcc.sinr, pcc.state) == (-99, -14, -67, -4, 1)
    assert (scc_lte.band, scc_lte.bandwidth_mhz, scc_lte.sinr, scc_lte.ul_configured) == (
        3,
        20.0,
        -10,
        False,
    )
    assert (scc_lte.ul_bandwidth_mhz, scc_lte.ul_arfcn, scc_lte.frequency_mhz) == (
        None,
        None,
        1820.0,
    )
    assert (scc_nr.rat, scc_nr.band, scc_nr.bandwidth_mhz, scc_nr.pci, scc_nr.rsrp) == (
        Rat.NR5G,
        78,
        80.0,
        920,
        None,
    )
    assert len(s.neighbours) == 8
    first = s.neighbours[0]
    assert (first.kind, first.arfcn, first.pci, first.rsrq, first.rsrp, first.rssi) == (
        "intra",
        275,
        280,
        -14,
        -99,
        -67,
    )
    assert (first.sinr, first.srxlev) == (None, None)
    assert [a.rsrp for a in s.antennas] == [-101, -105, -105, -99]
    assert [a.sinr for a in s.antennas] == [-3, -7, -1, -2]
    assert {a.rat for a in s.antennas} == {Rat.LTE}
    assert s.signal.rssi == -57 and s.signal.ber is None  # CSQ 28: -113 + 2*28
    assert [(t.sensor, t.celsius) for t in s.temperatures] == [
        ("modem-lte-sub6-pa1", 43),
        ("cpuss-0-usr", 43),
        ("modem-ambient-usr", 43),
    ]
    assert s.unparsed == ()
    # what the capture lacks is an error, the band settings too (so the snapshot has none)
    assert {e.command for e in s.errors} == {
        "AT+CGSN",
        "AT+COPS?",
        "AT+QNWINFO",
        *quectel.BAND_COMMANDS,
    }
    assert s.bands is None


def test_lte_only_application_note_examples():
    s = snapshot_of("rm5xx_lte_appnote.at")
    (cell,) = s.serving
    # "servingcell","NOCONN","LTE","FDD",460,01,5F1EA15,12,1650,3,5,5,DE10,
    #   -100,-12,-68,11,0,-32768,27
    assert (cell.rat, cell.state, cell.pci, cell.arfcn, cell.band) == (
        Rat.LTE,
        "NOCONN",
        12,
        1650,
        3,
    )
    assert cell.frequency_mhz == 1850.0
    assert (cell.dl_bandwidth_mhz, cell.tac) == (20.0, 0xDE10)
    assert (cell.rsrp, cell.rsrq, cell.rssi, cell.sinr_raw, cell.sinr) == (-100, -12, -68, 11, 2.0)
    assert (cell.cqi, cell.tx_power_raw, cell.tx_power_dbm, cell.srxlev) == (0, None, None, 27)
    assert [(n.access_technology, n.mcc, n.mnc, n.band, n.arfcn) for n in s.network] == [
        ("FDD LTE", "460", "01", "LTE BAND 3", 1650)
    ]
    pcc, scc = s.carriers
    assert (pcc.arfcn, pcc.bandwidth_mhz, pcc.pci, pcc.rsrp, pcc.sinr) == (300, 20.0, 23, -66, 30)
    assert (scc.arfcn, scc.band, scc.state, scc.pci, scc.rsrq, scc.rssi) == (
        1575,
        3,
        2,
        43,
        -7,
        -24,
    )
    intra, inter1, inter2 = s.neighbours
    assert (intra.kind, intra.arfcn, intra.pci, intra.rsrq, intra.rsrp, intra.rssi) == (
        "intra",
        38950,
        276,
        -3,
        -88,
        -65,
    )
    assert (intra.sinr_raw, intra.sinr, intra.srxlev) == (0, -20.0, 37)
    assert intra.frequency_mhz == 2330.0  # band 40: 2300 + 0.1 * (38950 - 38650)
    assert (inter1.arfcn, inter1.pci, inter1.rsrp, inter1.srxlev) == (39148, None, None, 37)
    assert inter2.arfcn == 37900


def test_sa_tdd_from_a_chained_capture():
    s = snapshot_of("rm5xx_sa_tdd_tmobile.at")
    (cell,) = s.serving
    # "NR5G-SA","TDD",310,260,14758F12F,271,59E700,521310,41,10,-89,-11,19,1,-
    assert (cell.rat, cell.duplex, cell.mcc, cell.mnc) == (Rat.NR5G_SA, "TDD", "310", "260")
    assert (cell.cell_id, cell.pci, cell.tac) == (0x14758F12F, 271, 0x59E700)
    assert (cell.arfcn, cell.band, cell.frequency_mhz) == (521310, 41, 2606.55)
    assert (cell.dl_bandwidth_mhz, cell.rsrp, cell.rsrq, cell.sinr, cell.scs_khz) == (
        80.0,
        -89,
        -11,
        19,
        30,
    )
    assert cell.enodeb_id is None  # an NR cell id's split is operator-chosen
    pcc, scc = s.carriers
    assert (pcc.rat, pcc.role, pcc.arfcn, pcc.bandwidth_mhz, pcc.pci) == (
        Rat.NR5G,
        Role.PCC,
        521310,
        80.0,
        271,
    )
    assert (scc.arfcn, scc.bandwidth_mhz, scc.state, scc.pci, scc.ul_configured) == (
        501870,
        20.0,
        1,
        271,
        False,
    )
    assert scc.frequency_mhz == 2509.35
    assert s.operator.name == "T-Mobile" and (s.operator.mcc, s.operator.mnc) == ("310", "260")


def test_sa_fdd_low_band():
    s = snapshot_of("rm5xx_sa_fdd_tmobile.at")
    (cell,) = s.serving
    assert (cell.duplex, cell.band, cell.arfcn, cell.frequency_mhz) == ("FDD", 71, 126490, 632.45)
    assert (cell.dl_bandwidth_mhz, cell.scs_khz, cell.sinr, cell.tac) == (10.0, 15, 11, 0x60AA00)
    assert [c.band for c in s.carriers] == [71, 41]
    assert s.carriers[1].bandwidth_mhz == 100.0


def test_searching_has_no_invented_cell():
    s = snapshot_of("rm520n_searching.at")
    assert s.state == "SEARCH"
    assert s.serving == () and s.carriers == () and s.network == ()
    assert (s.signal.rssi, s.signal.rssi_raw) == (None, 99)
    assert s.operator.name is None
    assert s.unparsed == ()


def test_cme_errors_are_recorded_and_the_rest_still_parses():
    s = snapshot_of("cme_error_no_sim.at")
    errors = {e.command: e.error for e in s.errors}
    assert errors["AT+QSPN"] == "+CME ERROR: 10"
    assert errors["AT+COPS?"] == "+CME ERROR: SIM not inserted"
    assert s.device.imei == "860000000000000"
    assert s.state == "LIMSRV"


def test_echo_on_parses_like_echo_off():
    echo = snapshot_of("echo_on.at")
    plain = snapshot_of("rm520n_nsa_ca_tim.at")
    assert echo.serving == plain.serving
    assert echo.device == plain.device
    assert echo.operator == plain.operator
    assert echo.unparsed == ()


def test_urcs_mid_reply_do_not_leak_into_records():
    s = snapshot_of("urc_mid_reply.at")
    lte, nr = s.serving
    assert (lte.rsrp, lte.sinr_raw, lte.tac) == (-89, 16, 0x4AA3)
    # No ATI in this capture, but its NR5G-NSA line makes it a 5G RM5xx/RG5xx:
    # that family's rule applies, 2 * 16 - 20 (Network Application Note 3.2.2 <SINR>)
    assert lte.sinr == 12.0
    assert (nr.rsrp, nr.sinr, nr.rsrq, nr.band, nr.dl_bandwidth_mhz) == (-76, 21, -11, 41, 60.0)
    (pcc,) = s.carriers
    assert (pcc.band, pcc.rsrp, pcc.sinr) == (1, -89, 15)
    assert [n.band for n in s.network] == ["LTE BAND 1", "NR5G BAND 41"]
    assert s.unparsed == ()


def test_no_value_markers_become_none():
    s = snapshot_of("no_value_32768.at")
    lte, nr = s.serving
    assert (lte.tac, lte.rsrp, lte.tx_power_raw, lte.tx_power_dbm) == (1, -55, None, None)
    assert (lte.sinr_raw, lte.sinr) == (19, 18.0)
    # "NR5G-NSA",460,00,65535,-32768,-32768,-32768: the short early-firmware form
    assert (nr.pci, nr.rsrp, nr.sinr, nr.sinr_raw, nr.rsrq, nr.arfcn) == (
        None,
        None,
        None,
        None,
        None,
        None,
    )
    assert [a.rsrp for a in s.antennas] == [-111, -90, None, None]
    assert [a.sinr for a in s.antennas] == [12, 9, None, None]
    assert [a.rsrp_raw for a in s.antennas][2:] == [None, None]


def test_antenna_ports_floor_and_imbalance():
    s = snapshot_of("antennas_4x4.at")
    lte = [a for a in s.antennas if a.rat is Rat.LTE]
    nr = [a for a in s.antennas if a.rat is Rat.NR5G]
    assert [a.name for a in nr] == ["PRX", "DRX", "RX2", "RX3"]
    assert [(a.rsrp, a.rsrq, a.sinr) for a in lte] == [
        (-91, -11, 21),
        (-88, -12, 19),
        (None, None, None),
        (None, None, None),
    ]
    assert [a.rsrp_raw for a in lte] == [-91, -88, -140, -140]
    assert [a.rsrp for a in nr] == [-120, -98, -101, -99]
    assert [a.rsrq for a in nr] == [-17, -10, -13, -14]  # <PRX>,<DRX>,<RX2>,<RX3> (3.3.4)
    assert [a.sinr for a in nr] == [-2, 17, 15, 16]


def test_nsa_ca_with_every_field_distinct():
    """rm520n_nsa_ca_tim_distinct.at: no two fields that could be confused hold one value,
    so each expected value below can come from one field only (Network Application Note
    3.2.2 for QENG, 3.2.3 QCAINFO, 3.3.3-3.3.5 QRSRP/QRSRQ/QSINR, 3.3.1 CSQ)."""
    s = snapshot_of("rm520n_nsa_ca_tim_distinct.at")
    assert (s.operator.name, s.operator.short_name) == ("I TIM", "TIM")  # <FNN>, <SNN>, not <SPN>
    assert (s.operator.mcc, s.operator.mnc, s.state) == ("222", "01", "CONNECT")
    lte, nr = s.serving
    # "LTE","FDD",222,01,328261F,281,3100,7,4,5,BE4,-97,-13,-64,9,11,-52,43
    assert (lte.rat, lte.duplex, lte.mcc, lte.mnc) == (Rat.LTE, "FDD", "222", "01")
    assert lte.cell_id == 0x328261F and (lte.enodeb_id, lte.sector_id) == (0x32826, 0x1F)
    assert (lte.pci, lte.tac, lte.arfcn, lte.band) == (281, 0xBE4, 3100, 7)
    assert lte.frequency_mhz == 2655.0  # band 7: 2620 + 0.1 * (3100 - 2750), TS 36.101 5.7.3-1
    # <UL_bandwidth> 4 and <DL_bandwidth> 5: codes 0..5 = 1.4, 3, 5, 10, 15, 20 MHz
    assert (lte.ul_bandwidth_mhz, lte.dl_bandwidth_mhz) == (15.0, 20.0)
    assert (lte.rsrp, lte.rsrq, lte.rssi) == (-97, -13, -64)
    assert (lte.sinr_raw, lte.sinr, lte.cqi) == (9, -2.0, 11)  # 2 * 9 - 20
    assert (lte.tx_power_raw, lte.tx_power_dbm, lte.srxlev) == (-52, -5.2, 43)  # 0.1 dBm
    # "NR5G-NSA",222,01,921,-91,14,-11,643296,78,12,1: <PCID>,<RSRP>,<SINR>,<RSRQ>,...
    assert (nr.rat, nr.pci, nr.rsrp, nr.sinr, nr.rsrq) == (Rat.NR5G_NSA, 921, -91, 14, -11)
    assert (nr.arfcn, nr.band, nr.frequency_mhz) == (643296, 78, 3649.44)  # 3000 + 0.015 * 43296
    assert (nr.dl_bandwidth_mhz, nr.scs_khz) == (100.0, 30)  # codes 12 and 1
    pcc, scc, scc_nr = s.carriers
    # "PCC",3100,100,"LTE BAND 7",1,281,-96,-12,-65,-3: its own readings, not QENG's
    assert (pcc.role, pcc.arfcn, pcc.band, pcc.bandwidth_raw, pcc.bandwidth_mhz) == (
        Role.PCC,
        3100,
        7,
        100,
        20.0,
    )
    assert (pcc.state, pcc.pci, pcc.rsrp, pcc.rsrq, pcc.rssi, pcc.sinr) == (
        1,
        281,
        -96,
        -12,
        -65,
        -3,
    )
    assert (pcc.ul_configured, pcc.ul_bandwidth_mhz, pcc.ul_arfcn) == (None, None, None)
    # "SCC",1350,75,"LTE BAND 3",2,152,-101,-15,-70,4,1,50,19350
    assert (scc.arfcn, scc.band, scc.frequency_mhz, scc.bandwidth_mhz) == (1350, 3, 1820.0, 15.0)
    assert (scc.state, scc.pci, scc.rsrp, scc.rsrq, scc.rssi, scc.sinr) == (
        2,
        152,
        -101,
        -15,
        -70,
        4,
    )
    assert (scc.ul_configured, scc.ul_bandwidth_mhz, scc.ul_arfcn) == (True, 10.0, 19350)
    assert (scc_nr.rat, scc_nr.band, scc_nr.bandwidth_mhz, scc_nr.pci) == (Rat.NR5G, 78, 100.0, 921)
    intra, inter = s.neighbours
    # <earfcn>,<PCID>,<RSRQ>,<RSRP>,<RSSI>,<SINR>,<srxlev>: RSRQ before RSRP in LTE mode
    assert (intra.kind, intra.arfcn, intra.pci, intra.rsrq, intra.rsrp, intra.rssi) == (
        "intra",
        3100,
        17,
        -16,
        -104,
        -72,
    )
    assert (intra.sinr_raw, intra.sinr, intra.srxlev) == (4, -12.0, 31)
    assert (inter.kind, inter.arfcn, inter.pci, inter.rsrq, inter.rsrp, inter.rssi) == (
        "inter",
        1350,
        240,
        -18,
        -108,
        -77,
    )
    assert (inter.sinr_raw, inter.srxlev, inter.frequency_mhz) == (3, 25, 1820.0)
    assert [a.name for a in s.antennas] == ["PRX", "DRX", "RX2", "RX3"]
    assert [a.rsrp for a in s.antennas] == [-95, -99, -102, -106]
    assert [a.rsrq for a in s.antennas] == [-10, -14, -15, -17]
    assert [a.sinr for a in s.antennas] == [10, 6, 2, -1]
    assert (s.signal.rssi, s.signal.rssi_raw, s.signal.ber) == (-65, 24, 3)  # -113 + 2 * 24
    assert [(t.sensor, t.celsius) for t in s.temperatures] == [
        ("modem-lte-sub6-pa1", 47),
        ("cpuss-0-usr", 52),
        ("modem-ambient-usr", 39),
    ]
    assert s.unparsed == ()


def test_sa_line_with_dash_and_32768_has_none_there_and_values_elsewhere():
    s = snapshot_of("rm5xx_sa_no_value.at")
    (cell,) = s.serving
    # "NR5G-SA","TDD",310,260,14758F12F,271,59E700,521310,41,-,-97,-32768,-32768,1,-
    assert (cell.rat, cell.state, cell.duplex, cell.mcc, cell.mnc) == (
        Rat.NR5G_SA,
        "NOCONN",
        "TDD",
        "310",
        "260",
    )
    assert (cell.cell_id, cell.pci, cell.tac) == (0x14758F12F, 271, 0x59E700)
    assert (cell.arfcn, cell.band, cell.frequency_mhz) == (521310, 41, 2606.55)
    assert (cell.dl_bandwidth_mhz, cell.rsrp, cell.scs_khz) == (None, -97, 30)  # '-' bandwidth
    # -32768 is no reading: neither the dB value nor the raw one is made up
    assert (cell.rsrq, cell.sinr, cell.sinr_raw, cell.srxlev) == (None, None, None, None)
    assert s.unparsed == ()


def test_qspn_names_in_ucs2():
    s = snapshot_of("rm520n_qspn_ucs2.at")
    # <alphabet> 1: "00430048004E002D00430054" is C H N - C T (27.007 5.5: 4 hex digits a character)
    assert (s.operator.name, s.operator.short_name) == ("CHN-CT", "CT")
    assert (s.operator.mcc, s.operator.mnc) == ("460", "11")
    (cell,) = s.serving
    assert (cell.rat, cell.pci, cell.tac, cell.band, cell.rsrp) == (
        Rat.NR5G_SA,
        543,
        0x8EB001,
        78,
        -90,
    )
    assert s.unparsed == ()


def _qspn(line: str):
    answers = {"AT+QSPN": [line]}
    return quectel.parse_snapshot(answers, time=datetime.now(UTC), model="RM520N-GL").operator


def test_qspn_decodes_ucs2_only_on_evidence():
    # <alphabet> 1, <FNN> empty: the <SPN> stands in, decoded too (中国电信)
    assert _qspn('+QSPN: "","00430054","4E2D56FD75354FE1",1,"46011"').name == "中国电信"
    # the RPLMN in UCS2 ("310260"): the modem prints every string so (AT+CSCS="UCS2")
    left_in_ucs2 = _qspn(
        '+QSPN: "0054002D004D006F00620069006C0065","0054002D004D006F00620069006C0065",'
        '"",0,"003300310030003200360030"'
    )
    assert (left_in_ucs2.name, left_in_ucs2.mcc, left_in_ucs2.mnc) == ("T-Mobile", "310", "260")
    # no evidence: a hex-looking name is kept as printed, never guessed at
    plain = _qspn('+QSPN: "0054002D004D006F00620069006C0065","1234","",0,"310260"')
    assert (plain.name, plain.short_name, plain.mcc) == (
        "0054002D004D006F00620069006C0065",
        "1234",
        "310",
    )
    # <alphabet> 1 with a name that is no UCS2 (odd length, a control character): kept raw
    odd = _qspn('+QSPN: "00430048004","0007","",1,"46011"')
    assert (odd.name, odd.short_name) == ("00430048004", "0007")


def test_qspn_name_with_a_comma_stays_one_field():
    operator = _qspn('+QSPN: "Vodafone, DE","Vodafone","",0,"26202"')
    assert (operator.name, operator.short_name, operator.mcc, operator.mnc) == (
        "Vodafone, DE",
        "Vodafone",
        "262",
        "02",
    )


def test_extended_qcainfo_distinct_fields():
    """rm551e_qcainfo_extended_distinct.at: the documented SCC fields, each its own value."""
    s = snapshot_of("rm551e_qcainfo_extended_distinct.at")
    pcc, scc71, scc41 = s.carriers
    assert (pcc.arfcn, pcc.band, pcc.bandwidth_mhz, pcc.pci) == (501390, 41, 100.0, 153)
    assert pcc.extra == ("-9", "-14", "2577")  # past <PCID>: undocumented, raw
    # "SCC",126270,2,"NR5G BAND 71",2,93,1,1,135470: <state>,<PCID>,<UL_configured>,
    # <NR_UL_bandwidth>,<UL_ARFCN>
    assert (scc71.arfcn, scc71.frequency_mhz, scc71.bandwidth_mhz) == (126270, 631.35, 15.0)
    assert (scc71.state, scc71.pci, scc71.ul_configured) == (2, 93, True)
    assert (scc71.ul_bandwidth_mhz, scc71.ul_arfcn) == (10.0, 135470)  # code 1 = 10 MHz
    assert (scc71.rsrp, scc71.rsrq, scc71.extra) == (None, None, ())
    # "SCC",521310,11,"NR5G BAND 41",1,157,0,-,-,-97,-12,2549: <NR_RSRP>,<NR_RSRQ> then raw
    assert (scc41.state, scc41.pci, scc41.ul_configured, scc41.bandwidth_mhz) == (
        1,
        157,
        False,
        90.0,
    )
    assert (scc41.ul_bandwidth_mhz, scc41.ul_arfcn) == (None, None)
    assert (scc41.rsrp, scc41.rsrq, scc41.extra) == (-97, -12, ("2549",))
    assert s.unparsed == ()


def test_extended_qcainfo_keeps_unknown_fields_raw():
    s = snapshot_of("rm551e_qcainfo_extended.at")
    pcc, scc71, scc41 = s.carriers
    assert (pcc.arfcn, pcc.band, pcc.pci, pcc.extra) == (501390, 41, 153, ("-11", "-11", "2549"))
    assert (scc71.bandwidth_mhz, scc71.pci, scc71.state, scc71.extra) == (15.0, 93, 1, ())
    # documented <NR_RSRP>,<NR_RSRQ> positions hold -11,-11: -11 dBm is no RSRP
    assert (scc41.rsrp, scc41.rsrq, scc41.extra) == (None, -11, ("2549",))


def test_unknown_shapes_are_kept_not_guessed():
    answers = {
        'AT+QENG="servingcell"': [
            '+QENG: "servingcell","NOCONN","LTE","FDD",1,2,3',  # too short for any layout
            '+QENG: "servingcell","NOCONN","WCDMA",460,01,1,2,3',
        ],
        'AT+QENG="neighbourcell"': ['+QENG: "neighbourcell","NR5G",633984,123,-95,-11,15'],
        "AT+QTEMP": ["+QTEMP: 35,36"],  # neither the named nor the three-number form
        "AT+QCAINFO": ['+QCAINFO: "SCC",520110,12,"NR5G BAND 41",1,625,0'],
    }
    s = quectel.parse_snapshot(answers, time=datetime.now(UTC), model="RM520N-GL")
    assert s.serving == () and s.neighbours == () and s.temperatures == () and s.carriers == ()
    assert [u.line for u in s.unparsed] == [line for lines in answers.values() for line in lines]


def test_lte_sinr_scale_is_per_model():
    assert quectel.lte_sinr_db(7, "RM520N-GL") == -6.0
    assert quectel.lte_sinr_db(25, "RG502Q-EA") == 30.0
    assert quectel.lte_sinr_db(7, "EC25-E") is None  # not yet cited for EC2x: raw only
    assert quectel.lte_sinr_db(7, None) is None
    assert quectel.lte_sinr_db(40, "RM500Q-GL") is None  # 60 dB is not a reading


# Fixtures that hold lines on purpose that no manual documents (each says which in its
# header); the dialect tests name the very lines.
KEPT_RAW = {
    "generic_t99w175_endc.at": 1,  # +C5GREG with its mode alone
    "fibocom_fm350_lte.at": 1,  # the same
    "fibocom_fm350_lte_distinct.at": 1,  # its constructed variant (the Fibocom helper's), the same
    "simcom_sim8200_nsa.at": 1,  # an older firmware's NR5G line
}


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.at")), ids=lambda p: p.name)
def test_every_fixture_parses_keeping_raw_only_what_it_says(path):
    # where each fixture's replies come from: tests/test_fixture_sources.py
    s = snapshot_of(path.name)
    assert len(s.unparsed) == KEPT_RAW.get(path.name, 0), s.unparsed


def test_line_caches_change_nothing_but_speed():
    quectel.clear_caches()
    cold = snapshot_of("rm520n_nsa_ca_tim.at")
    warm = snapshot_of("rm520n_nsa_ca_tim.at")
    assert warm == cold
    assert warm.serving[0] is cold.serving[0]  # immutable records are shared, not rebuilt


def test_line_cache_is_keyed_by_model():
    line = (
        '+QENG: "servingcell","NOCONN","LTE","FDD",460,01,5F1EA15,12,1650,3,5,5,DE10,'
        "-100,-12,-68,11,0,-32768,27"
    )
    answers = {'AT+QENG="servingcell"': [line]}
    now = datetime.now(UTC)
    unknown = quectel.parse_snapshot(answers, time=now, model=None)
    rm5xx = quectel.parse_snapshot(answers, time=now, model="RM520N-GL")
    assert (unknown.serving[0].sinr, rm5xx.serving[0].sinr) == (None, 2.0)

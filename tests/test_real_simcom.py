"""SIMCom on real captures: SIM7000 LTE Cat-M1 / NB-IoT and GSM, SIM7600 on GSM and LTE, SIM7906.

Expected values are worked out from the cited definitions (see fiveg.vendors.simcom):
EARFCN to MHz by TS 36.101 table 5.7.3-1, ECI = eNodeB id << 8 | sector (TS 36.413),
+CSQ <rssi> as -113 + 2 * n dBm (TS 27.007 8.5), LTE SINR = 2 * <RSSNR> - 20 for
SIM7000/SIM7080 only.
"""

from __future__ import annotations

from fiveg.at.replay import ReplayPort
from fiveg.at.session import AtSession
from fiveg.at.transcript import load
from fiveg.poll import poll
from fiveg.records import NetworkInfo, Rat
from fiveg.vendors import simcom
from tests.conftest import T0, fixture_path, poll_fixture


def ids(cell):
    return (cell.mcc, cell.mnc, cell.tac, cell.cell_id, cell.enodeb_id, cell.sector_id, cell.pci)


def signal(cell):
    return (cell.rsrp, cell.rsrq, cell.rssi, cell.sinr, cell.sinr_raw)


def test_sim7000g_cat_m1_is_lte_with_its_mode_in_network():
    result, heard = poll_fixture("simcom_sim7000g_catm1.at")
    s = result.snapshot
    assert (s.dialect, result.chosen_by) == ("simcom", "identity")  # +CGMI: SIMCOM_Ltd
    assert s.device.model == "SIMCOM_SIM7000G"
    (lte,) = s.serving
    assert lte.rat is Rat.LTE
    # 111159055 = 434215 << 8 | 15
    assert ids(lte) == ("310", "410", 0x9709, 111159055, 434215, 15, 393)
    assert (111159055 >> 8, 111159055 & 0xFF) == (434215, 15)
    # B12: 729 + 0.1 * (5110 - 5010) MHz
    assert (lte.band, lte.arfcn, lte.frequency_mhz) == (12, 5110, 729 + 0.1 * (5110 - 5010))
    # whole units (RSRP -113 >= -200); SIM7000 manual: SINR = 2 * 10 - 20
    assert signal(lte) == (-113, -16, -83, 2 * 10 - 20, 10)
    assert (lte.dl_bandwidth_mhz, lte.ul_bandwidth_mhz) == (None, None)  # codes 3,3: no table
    assert s.network == (
        NetworkInfo(
            access_technology="LTE CAT-M1", mcc="310", mnc="410", band="EUTRAN-BAND12", arfcn=5110
        ),
    )
    assert (s.operator.name, s.signal.rssi, s.signal.rssi_raw) == (
        "AT&T Hologram",
        -113 + 2 * 17,
        17,
    )
    assert s.unparsed == ()
    assert [e.command for e in s.errors] == ["AT+CGSN", "AT+CEREG?", "AT+C5GREG?", "AT+CPMUTEMP"]
    assert "AT+CGMI" in heard  # ATI's bare "SIM7000G R1529" names no maker


def test_sim7000e_nb_iot_no_frequency_without_the_carrier_offset():
    s = poll_fixture("simcom_sim7000e_nbiot.at")[0].snapshot
    assert (s.dialect, s.device.model) == ("simcom", "SIMCOM_SIM7000E")
    (lte,) = s.serving
    assert lte.rat is Rat.LTE
    # 18460008 = 72109 << 8 | 104
    assert ids(lte) == ("242", "01", 0xA411, 18460008, 72109, 104, 457)
    assert (18460008 >> 8, 18460008 & 0xFF) == (72109, 104)
    # NB-IoT: TS 36.101 5.7.3 adds 0.0025 * (2 * M_DL + 1) MHz, and +CPSI has no M_DL
    assert (lte.band, lte.arfcn, lte.frequency_mhz) == (20, 6352, None)
    assert signal(lte) == (-77, -7, -70, 2 * 14 - 20, 14)
    assert s.network == (
        NetworkInfo(
            access_technology="LTE NB-IoT", mcc="242", mnc="01", band="EUTRAN-BAND20", arfcn=6352
        ),
    )
    # +CEREG: 0,1 is registered (what +CREG: 0,0 says is not read)
    assert (s.state, s.operator.name) == ("REGISTERED", "242 01 Telenor")
    assert s.unparsed == ()


def test_sim7000c_moves_from_gsm_through_no_service_to_nb_iot():
    """Three polls of one modem get the guide's three +CPSI replies in turn."""
    port = ReplayPort(load(fixture_path("simcom_sim7000c_gsm_to_nbiot.at")))
    session = AtSession(port)
    gsm, lost, nbiot = (poll(session, now=lambda: T0, recorded="simcom").snapshot for _ in range(3))
    assert {s.dialect for s in (gsm, lost, nbiot)} == {"simcom"}
    assert gsm.device.model == "SIMCOM_SIM7000C"

    (cell,) = gsm.serving
    assert cell.rat is Rat.GSM
    # LAC 0x1054 is no TAC; the ARFCN is the number before the band name "DCS 1800"
    assert (cell.mcc, cell.mnc, cell.cell_id, cell.arfcn, cell.tac, cell.band) == (
        "502",
        "12",
        62168,
        512,
        None,
        None,
    )
    # <RxLev> -71 has no dBm definition in the manuals: not an RSSI
    assert (cell.rssi, cell.rsrp, cell.rsrq, cell.pci) == (None, None, None, None)
    # the band name has a home in the network summary, not in ServingCell.band (a number)
    assert gsm.network == (
        NetworkInfo(access_technology="GSM", mcc="502", mnc="12", band="DCS 1800", arfcn=512),
    )
    assert (gsm.signal.rssi, gsm.unparsed) == (-113 + 2 * 23, ())

    assert (lost.state, lost.serving, lost.unparsed) == ("NO SERVICE", (), ())

    (lte,) = nbiot.serving
    # 28185722 = 110100 << 8 | 122
    assert ids(lte) == ("502", "12", 0x74CE, 28185722, 110100, 122, 12)
    assert (lte.band, lte.arfcn, lte.frequency_mhz) == (8, 3702, None)
    assert signal(lte) == (-82, -10, -72, 2 * 15 - 20, 15)
    assert [n.access_technology for n in nbiot.network] == ["LTE NB-IoT"]


def test_sim7000_gsm_from_a_chained_capture_cell_id_in_decimal():
    result, _ = poll_fixture("simcom_sim7000_gsm_chained.at")
    s = result.snapshot
    assert (s.dialect, result.chosen_by) == ("simcom", "recording")  # no identity captured
    (cell,) = s.serving
    # +CREG's hex "22DE" and +CPSI's decimal 8926 are the same cell
    assert (cell.rat, cell.cell_id, cell.arfcn, cell.tac) == (Rat.GSM, 0x22DE, 754, None)
    assert (cell.mcc, cell.mnc) == ("262", "03")
    # +COPS: 0,2,"26203",0 (AcT 0 is GSM); +CPSI's own summary carries the band name
    assert (s.operator.mcc, s.operator.mnc) == ("262", "03")
    assert s.network == (
        NetworkInfo(access_technology="GSM", mcc="262", mnc="03", band="DCS 1800", arfcn=754),
    )
    assert s.unparsed == ()


def test_sim7600g_on_gsm_after_a_cold_boot():
    s = poll_fixture("simcom_sim7600g_gsm.at")[0].snapshot
    assert (s.dialect, s.device.model) == ("simcom", "SIMCOM_SIM7600G")
    (cell,) = s.serving
    # "6 EGSM 900": ARFCN 6; LAC 0x011f and <RxLev> -67 have no home
    assert (cell.rat, cell.mcc, cell.mnc, cell.cell_id, cell.arfcn) == (
        Rat.GSM,
        "262",
        "02",
        18121,
        6,
    )
    assert (cell.tac, cell.rssi, cell.band) == (None, None, None)
    assert [(n.access_technology, n.band, n.arfcn) for n in s.network] == [("GSM", "EGSM 900", 6)]
    assert s.unparsed == ()


def test_sim7600g_lte_in_tenths_bandwidth_codes_and_rssnr_kept_raw():
    s = poll_fixture("simcom_sim7600g_lte.at")[0].snapshot
    (lte,) = s.serving
    assert lte.rat is Rat.LTE
    # 13250579 = 51760 << 8 | 19
    assert ids(lte) == ("262", "02", 0xB092, 13250579, 51760, 19, 154)
    assert (13250579 >> 8, 13250579 & 0xFF) == (51760, 19)
    # B1: 2110 + 0.1 * (100 - 0) MHz
    assert (lte.band, lte.arfcn, lte.frequency_mhz) == (1, 100, 2110 + 0.1 * 100)
    # tenths (RSRP -1056 < -200): -1056/10, -149/10, -709/10; no SIMCom source gives
    # the SIM7600 <RSSNR> scale, so 8 stays raw
    assert signal(lte) == (-105.6, -14.9, -70.9, None, 8)
    # <dlbw>,<ulbw> 5,5: no SIMCom source gives the code table
    assert (lte.dl_bandwidth_mhz, lte.ul_bandwidth_mhz) == (None, None)
    assert s.network == ()  # plain LTE: nothing to add to +COPS (not answered here)


def test_sim7906_lte_in_tenths_rssnr_kept_raw():
    s = poll_fixture("simcom_sim7906_lte.at")[0].snapshot
    assert (s.dialect, s.device.model) == ("simcom", "SIMCOM_SIM7906")
    (lte,) = s.serving
    # 22060 = 86 << 8 | 44; the +CMGRMI dump beside it gives TAC 3832 = 0x0EF8 and PCI 58
    assert ids(lte) == ("250", "02", 0x0EF8, 22060, 86, 44, 58)
    assert (22060 >> 8, 22060 & 0xFF, 0x0EF8) == (86, 44, 3832)
    # B3: 1805 + 0.1 * (1725 - 1200) MHz
    assert (lte.band, lte.arfcn, lte.frequency_mhz) == (3, 1725, 1805 + 0.1 * (1725 - 1200))
    # -889/10, -108/10, -614/10; SIM79xx <RSSNR>: no SIMCom source for its scale
    assert signal(lte) == (-88.9, -10.8, -61.4, None, 19)
    assert (lte.dl_bandwidth_mhz, lte.ul_bandwidth_mhz) == (None, None)
    assert s.unparsed == ()  # AT+CMGRMI=4 is never asked


def test_wcdma_manual_example_maps_only_the_fields_with_a_home():
    # SIM7500/SIM7600 manual example as quoted in FUjr/QModem
    # application/qmodem/files/usr/share/qmodem/vendor/simcom.sh (spaces lost in the band name)
    line = "+CPSI: WCDMA,Online,460-01,0xA809,11122855,WCDMAIMT2000,279,10663,0,1.5,62,33,52,500"
    s = simcom.parse_snapshot({"AT+CPSI?": [line]}, time=T0)
    (cell,) = s.serving
    assert (cell.rat, cell.mcc, cell.mnc, cell.cell_id, cell.arfcn) == (
        Rat.WCDMA,
        "460",
        "01",
        11122855,
        10663,  # a Band I downlink UARFCN (10562..10838), not MHz
    )
    # LAC is no TAC, PSC 279 no PCI, RSCP 62 no RSRP, Ec/Io 1.5 no RSRQ; TXPWR 500 is "no TX"
    assert (cell.tac, cell.pci, cell.rsrp, cell.rsrq, cell.sinr) == (None,) * 5
    assert (cell.tx_power_dbm, cell.tx_power_raw) == (None, None)
    assert s.network == (
        NetworkInfo(
            access_technology="WCDMA", mcc="460", mnc="01", band="WCDMAIMT2000", arfcn=10663
        ),
    )
    assert s.unparsed == ()


def test_wcdma_tx_power_in_dbm():
    # constructed: the example above with a transmitting UE (TXPWR 12 dBm), other values distinct
    line = "+CPSI: WCDMA,Online,460-01,0xA809,11122855,WCDMA IMT 2000,279,10663,0,1.5,62,33,52,12"
    (cell,) = simcom.parse_snapshot({"AT+CPSI?": [line]}, time=T0).serving
    assert (cell.tx_power_dbm, cell.tx_power_raw, cell.arfcn) == (12, 12, 10663)


def test_rssnr_scale_is_a_per_model_fact():
    # SIM7000 and SIM7070/SIM7080/SIM7090 manuals: SINR = 2 * <RSSNR> - 20
    assert simcom.lte_sinr_db(25, "SIMCOM_SIM7000G") == 2 * 25 - 20
    assert simcom.lte_sinr_db(3, "SIM7080G") == 2 * 3 - 20
    assert simcom.lte_sinr_db(7, "SIMCOM_SIM7070G") == 2 * 7 - 20
    # no SIMCom source for these, or no model at all: raw only
    for model in ("SIMCOM_SIM7600E-H", "SIMCOM_SIM7906E", "SIMCOM_SIM8200EA-M2", "SIM7020E", None):
        assert simcom.lte_sinr_db(15, model) is None, model


def test_short_gsm_and_wcdma_lines_are_kept_raw():
    lines = ["+CPSI: GSM,Online,262-02,0x011f", "+CPSI: WCDMA,Online,460-01,0xA809,11122855"]
    s = simcom.parse_snapshot({"AT+CPSI?": lines}, time=T0)
    assert s.serving == () and [u.line for u in s.unparsed] == lines


def test_malformed_gsm_channel_loses_only_that_field():
    line = "+CPSI: GSM,Online,262-02,0x011f,18121,EGSM 900,-67,0,0-0"
    s = simcom.parse_snapshot({"AT+CPSI?": [line]}, time=T0)
    (cell,) = s.serving
    assert (cell.rat, cell.cell_id, cell.arfcn) == (Rat.GSM, 18121, None)
    assert [(n.band, n.arfcn) for n in s.network] == [("EGSM 900", None)]


def test_a_gsm_cell_takes_nothing_from_an_lte_registration():
    # constructed: the SIM7600G GSM line beside a +CEREG read with <n>=2 (TAC and ECI of
    # the LTE line in simcom_sim7600g_lte.at): neither belongs to the GSM cell
    answers = {
        "AT+CPSI?": ["+CPSI: GSM,Online,262-02,0x011f,18121,6 EGSM 900,-67,0,0-0"],
        "AT+CEREG?": ['+CEREG: 2,1,"B092","CA3013",7'],
    }
    (cell, *_) = simcom.parse_snapshot(answers, time=T0).serving
    assert (cell.rat, cell.tac, cell.enodeb_id, cell.sector_id) == (Rat.GSM, None, None, None)

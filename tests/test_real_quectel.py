"""Quectel LTE families and early RM500Q firmware on published real captures, exact values.

Layouts: RG50xQ&RM5xxQ Series Network Application Note 3.2.2 (AT+QENG: LTE, EN-DC,
WCDMA serving; LTE/WCDMA neighbour rows) and the AT+QENG section (§6.17) of a Quectel
LTE-module AT manual with 2G/3G/4G modes (short LTE line, GSM serving, GSM/WCDMA/LTE
neighbour rows). Bandwidth codes 0..5 = 1.4, 3, 5, 10, 15, 20 MHz (3.2.2); EARFCN to
MHz per TS 36.101 Table 5.7.3-1. Each fixture cites where its replies come from.
"""

from __future__ import annotations

from datetime import UTC, datetime

from fiveg.records import Rat
from fiveg.vendors import quectel

from .conftest import poll_fixture, snapshot_of

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def parse(answers, model=None):
    return quectel.parse_snapshot(answers, time=NOW, model=model)


def test_ec200t_short_lte_line_and_bare_qtemp():
    s = snapshot_of("quectel_ec200t_lte_qtemp.at")
    assert (s.device.manufacturer, s.device.model, s.state) == ("Quectel", "EC200T", "NOCONN")
    (cell,) = s.serving
    # "LTE","FDD",123,01,43300C,348,1802,3,5,5,5443,-87,-16,-69,5,34
    assert (cell.rat, cell.duplex, cell.mcc, cell.mnc) == (Rat.LTE, "FDD", "123", "01")
    assert cell.cell_id == 0x43300C and (cell.enodeb_id, cell.sector_id) == (0x4330, 0x0C)
    assert (cell.pci, cell.arfcn, cell.band, cell.tac) == (348, 1802, 3, 0x5443)
    assert cell.frequency_mhz == 1865.2  # 1805 + 0.1 * (1802 - 1200)
    assert (cell.ul_bandwidth_mhz, cell.dl_bandwidth_mhz) == (20.0, 20.0)  # code 5
    assert (cell.rsrp, cell.rsrq, cell.rssi, cell.srxlev) == (-87, -16, -69, 34)
    # EC200x is not in LTE_QENG_SINR_SCALE (its sources disagree): raw only
    assert (cell.sinr_raw, cell.sinr) == (5, None)
    # the short layout has no <CQI>/<tx_power>: nothing is read from elsewhere
    assert (cell.cqi, cell.tx_power_raw, cell.tx_power_dbm) == (None, None, None)
    # +QTEMP: 38,255,255 = <pmic_temp>,<xo_temp>,<pa_temp>; 255 is "no sensor"
    assert [(t.sensor, t.celsius, t.raw) for t in s.temperatures] == [
        ("pmic", 38, "38"),
        ("xo", None, "255"),
        ("pa", None, "255"),
    ]
    assert [(n.access_technology, n.mcc, n.mnc, n.band, n.arfcn) for n in s.network] == [
        ("FDD LTE", "123", "01", "LTE BAND 3", 1802)
    ]
    assert s.unparsed == ()


def test_ep06e_srxlev_filler_and_operator():
    s = snapshot_of("quectel_ep06e_lte_spusu.at")
    assert (s.device.model, s.device.revision) == ("EP06", "EP06ELAR03A08M4G")
    (cell,) = s.serving
    # "LTE","FDD",222,88,243800E,20,3350,7,5,5,3AC9,-86,-13,-52,15,-
    assert cell.cell_id == 0x243800E and (cell.enodeb_id, cell.sector_id) == (0x24380, 0x0E)
    assert (cell.pci, cell.arfcn, cell.band, cell.tac) == (20, 3350, 7, 0x3AC9)
    assert cell.frequency_mhz == 2680.0  # 2620 + 0.1 * (3350 - 2750)
    assert (cell.rsrp, cell.rsrq, cell.rssi) == (-86, -13, -52)
    assert (cell.sinr_raw, cell.sinr, cell.srxlev) == (15, None, None)  # '-' is no value
    assert (s.operator.name, s.operator.mcc, s.operator.mnc) == ("spusu", "222", "88")
    assert s.unparsed == ()


def test_ep06e_disputed_sinr_stays_raw():
    s = snapshot_of("quectel_ep06e_lte_sinr.at")
    (cell,) = s.serving
    # "LTE","FDD",222,88,4CAA71F,28,1500,3,3,3,77B8,-84,-9,-56,21,35
    assert (cell.pci, cell.arfcn, cell.band, cell.tac) == (28, 1500, 3, 0x77B8)
    assert cell.frequency_mhz == 1835.0  # 1805 + 0.1 * (1500 - 1200)
    assert (cell.ul_bandwidth_mhz, cell.dl_bandwidth_mhz) == (10.0, 10.0)  # code 3
    assert (cell.rsrp, cell.rsrq, cell.rssi, cell.srxlev) == (-84, -9, -56, 35)
    # the reporter reads 21 as dB, the project's script as 21 * 0.2 - 20: raw only
    assert (cell.sinr_raw, cell.sinr) == (21, None)


def test_eg25g_lte_and_wcdma_neighbours():
    s = snapshot_of("quectel_eg25g_lte_neighbours.at")
    (cell,) = s.serving
    # "LTE","FDD",214,01,7676A09,188,6300,20,3,3,603,-104,-9,-78,11,23
    assert (cell.mcc, cell.mnc, cell.pci, cell.arfcn, cell.band) == ("214", "01", 188, 6300, 20)
    assert cell.frequency_mhz == 806.0  # 791 + 0.1 * (6300 - 6150)
    assert (cell.tac, cell.rsrp, cell.rsrq, cell.rssi) == (0x603, -104, -9, -78)
    assert (cell.sinr_raw, cell.sinr, cell.srxlev) == (11, None, 23)
    intra, inter1, inter2, w1, w2 = s.neighbours
    # "neighbourcell intra","LTE",6300,188,-12,-105,-75,-20,23,4,12,10,62
    assert (intra.rat, intra.kind, intra.arfcn, intra.pci) == (Rat.LTE, "intra", 6300, 188)
    assert (intra.rsrq, intra.rsrp, intra.rssi, intra.srxlev) == (-12, -105, -75, 23)
    assert (intra.sinr_raw, intra.sinr) == (-20, None)
    # "neighbourcell inter","LTE",1501,-,-,-,-,-,-,0,10,7: a frequency, nothing measured
    assert (inter1.kind, inter1.arfcn, inter1.pci, inter1.rsrp, inter1.srxlev) == (
        "inter",
        1501,
        None,
        None,
        None,
    )
    assert inter1.frequency_mhz == 1835.1  # band 3: 1805 + 0.1 * (1501 - 1200)
    assert inter2.frequency_mhz == 2670.0  # band 7: 2620 + 0.1 * (3250 - 2750)
    # "neighbourcell","WCDMA",3062,3,16,2,-,-,-,-  (LTE mode: <uarfcn>,<cell_resel_priority>,
    # <thresh_Xhigh>,<thresh_Xlow>,<PSC>,<RSCP>,<ecno>,<srxlev>)
    assert (w1.rat, w1.kind, w1.arfcn, w1.pci, w1.rsrp, w1.rsrq, w1.srxlev) == (
        Rat.WCDMA,
        None,
        3062,
        None,
        None,
        None,
        None,
    )
    assert (w2.rat, w2.arfcn) == (Rat.WCDMA, 10713)
    assert s.unparsed == ()


def test_em06a_wcdma_row_keeps_uarfcn_and_srxlev_only():
    s = snapshot_of("quectel_em06a_lte_wcdma_neighbours.at")
    assert (s.device.model, s.device.revision) == ("EM06", "EM06ALAR03A05M4G")
    assert s.operator.name == "AT&T" and s.signal.rssi == -77  # CSQ 18: -113 + 2 * 18
    (cell,) = s.serving
    # "LTE","FDD",310,410,A1FBF0A,310,800,2,5,5,8B1E,-115,-14,-80,10,8
    assert (cell.pci, cell.arfcn, cell.band, cell.tac) == (310, 800, 2, 0x8B1E)
    assert cell.frequency_mhz == 1950.0  # 1930 + 0.1 * (800 - 600)
    assert (cell.rsrp, cell.rsrq, cell.rssi, cell.sinr_raw, cell.srxlev) == (
        -115,
        -14,
        -80,
        10,
        8,
    )
    assert cell.sinr is None  # EM06 is not covered by a cited scale
    _intra, inter, inter_b66, w_empty, w = s.neighbours
    assert (inter.arfcn, inter.pci, inter.rsrq, inter.rsrp, inter.rssi) == (
        5110,
        263,
        -11,
        -102,
        -82,
    )
    assert inter.frequency_mhz == 739.0  # band 12: 729 + 0.1 * (5110 - 5010)
    # "neighbourcell inter","LTE",66986,-,-,-,-,-,0,...: <srxlev> 0 after five fillers
    assert (inter_b66.arfcn, inter_b66.pci, inter_b66.srxlev) == (66986, None, 0)
    assert inter_b66.frequency_mhz == 2165.0  # band 66: 2110 + 0.1 * (66986 - 66436)
    assert (w_empty.arfcn, w_empty.srxlev) == (512, None)
    # "neighbourcell","WCDMA",4385,0,14,62,84,-1030,-110,15: <PSC> 84 is no PCI and
    # <RSCP> -1030 (dBm x 10) no RSRP, so neither is kept; <srxlev> 15 is
    assert (w.rat, w.arfcn, w.pci, w.rsrp, w.rsrq, w.rssi, w.srxlev) == (
        Rat.WCDMA,
        4385,
        None,
        None,
        None,
        None,
        15,
    )
    assert s.unparsed == ()


def test_wcdma_serving_cell():
    s = snapshot_of("quectel_em06a_wcdma_serving.at")
    assert s.state == "LIMSRV"
    (cell,) = s.serving
    # "WCDMA",310,410,DEA6,2883C,4385,84,254,-102,-10,-,-,-,-,-
    assert (cell.rat, cell.state, cell.mcc, cell.mnc) == (Rat.WCDMA, "LIMSRV", "310", "410")
    assert (cell.cell_id, cell.arfcn) == (0x2883C, 4385)
    # LAC DEA6, PSC 84, RSCP -102 and Ec/Io -10 have no ServingCell field: not kept
    assert (cell.tac, cell.pci, cell.rsrp, cell.rsrq, cell.sinr) == (None, None, None, None, None)
    assert (cell.enodeb_id, cell.band, cell.frequency_mhz) == (None, None, None)
    assert s.unparsed == ()


def test_early_rm500q_endc_without_ati_uses_the_family_rule():
    s, heard = poll_fixture("quectel_rm500q_early_endc.at")
    s = s.snapshot
    assert s.device.model is None and "ATI" in heard
    lte, nr = s.serving
    # "LTE","FDD",1,01,1A2D001,1,1575,3,3,3,1,-70,-9,-46,25,-
    assert (lte.rat, lte.state, lte.pci, lte.arfcn, lte.band, lte.tac) == (
        Rat.LTE,
        "NOCONN",
        1,
        1575,
        3,
        1,
    )
    assert lte.frequency_mhz == 1842.5  # 1805 + 0.1 * (1575 - 1200)
    assert (lte.rsrp, lte.rsrq, lte.rssi, lte.srxlev) == (-70, -9, -46, None)
    # no ATI, but the NR5G-NSA line makes it an RM5xx: 2 * 25 - 20 = 30, which is
    # what QMI read at the same moment (LTE SNR 30.0 dB, libqmi pull request #2)
    assert (lte.sinr_raw, lte.sinr) == (25, 30.0)
    # "NR5G-NSA",1,01,500,-75,180,-11: the 7-field form; QMI read 5G RSRP -75, RSRQ -11
    assert (nr.rat, nr.pci, nr.rsrp, nr.rsrq) == (Rat.NR5G_NSA, 500, -75, -11)
    assert (nr.sinr_raw, nr.sinr, nr.arfcn, nr.band) == (180, None, None, None)
    assert s.unparsed == ()


def test_short_lte_line_with_distinct_fields():
    # constructed (captures repeat UL and DL codes): every field distinct, short layout
    line = (
        '+QENG: "servingcell","CONNECT","LTE","TDD",262,03,1A2B3C4,77,38950,40,2,4,ABCD,'
        "-97,-11,-66,13,29"
    )
    (cell,) = parse({'AT+QENG="servingcell"': [line]}, model="EG25").serving
    assert (cell.state, cell.duplex, cell.mcc, cell.mnc, cell.pci) == (
        "CONNECT",
        "TDD",
        "262",
        "03",
        77,
    )
    assert (cell.arfcn, cell.band, cell.tac) == (38950, 40, 0xABCD)
    assert (cell.ul_bandwidth_mhz, cell.dl_bandwidth_mhz) == (5.0, 15.0)  # codes 2 and 4
    assert cell.frequency_mhz == 2330.0  # 2300 + 0.1 * (38950 - 38650)
    assert (cell.rsrp, cell.rsrq, cell.rssi, cell.sinr_raw, cell.srxlev) == (-97, -11, -66, 13, 29)
    assert cell.sinr is None


def test_gsm_serving_and_gsm_mode_neighbours():
    # real GSM-mode replies quoted in a tracker firmware's source comment (found with
    # find_string; the index names no repository): GSM serving, then GSM neighbours
    # <mcc>,<mnc>,<LAC>,<cellID>,<BSIC>,<arfcn>,<rxlev>,<c1>,<c2>,<c31>,<c32>
    answers = {
        'AT+QENG="servingcell"': [
            '+QENG: "servingcell","NOCONN","GSM",460,00,247C,1327,35,82,-,-52,255,255,0,53,179,'
            '1,-,-,-,-,-,-,-,-,-,"-"'
        ],
        'AT+QENG="neighbourcell"': [
            '+QENG: "neighbourcell","GSM",460,00,24A5,1241,33,33,-83,22,146,0,0',
            '+QENG: "neighbourcell","GSM",460,00,2495,11C8,60,614,-87,12,128,0,0',
        ],
    }
    s = parse(answers, model="EC20")
    (cell,) = s.serving
    assert (cell.rat, cell.state, cell.mcc, cell.mnc) == (Rat.GSM, "NOCONN", "460", "00")
    assert (cell.cell_id, cell.arfcn) == (0x1327, 82)
    assert (cell.rssi, cell.band, cell.tac) == (None, None, None)  # <rxlev> unit unsettled
    first, second = s.neighbours
    assert (first.rat, first.arfcn, first.pci, first.rssi) == (Rat.GSM, 33, None, None)
    assert second.arfcn == 614  # <BSIC> 60 sits before it
    assert s.unparsed == ()


def test_lte_mode_gsm_and_other_mode_rows():
    answers = {
        'AT+QENG="neighbourcell"': [
            # LTE-module manual §6.17 example (LTE mode): <arfcn>,<cell_resel_priority>,
            # <thresh_gsm_high>,<thresh_gsm_low>,<ncc_permitted>,<band>,<bsic_id>,<rssi>,<srxlev>
            '+QENG: "neighbourcell","GSM",94,3,14,50,255,0,0,-1920,0',
            # same manual's WCDMA-mode example: <uarfcn>,<srxqual>,<psc>,<rscp>,<ecno>,<set>,
            # <rank>,<srxlev>
            '+QENG: "neighbourcell","WCDMA",10713,-723,398,-880,-155,6,-32768,-',
            # constructed, distinct values: LTE row in WCDMA mode, <earfcn>,<PCID>,<RSRP>,
            # <RSRQ>,<s_rxlev> (RG50xQ&RM5xxQ note 3.2.2: RSRP before RSRQ here)
            '+QENG: "neighbourcell","LTE",1300,211,-101,-13,17',
            # constructed: WCDMA row in GSM mode, <uarfcn>,<psc>,<rscp>,<ecno>
            '+QENG: "neighbourcell","WCDMA",2988,47,-95,-12',
            # manual's WCDMA-mode GSM row <BSIC>,<rssi>,<rxlev>,<rank> has no ARFCN: raw
            '+QENG: "neighbourcell","GSM",52,-98,12,-5',
            # NR5G rows: no documented layout (see _neighbour): raw
            '+QENG: "neighbourcell","NR5G",633984,123,-95,-11,15',
        ]
    }
    s = parse(answers, model="EC25")
    gsm, wcdma, lte, wcdma_gsm_mode = s.neighbours
    assert (gsm.rat, gsm.arfcn, gsm.srxlev, gsm.rssi) == (Rat.GSM, 94, 0, None)
    assert (wcdma.rat, wcdma.arfcn, wcdma.srxlev, wcdma.pci) == (Rat.WCDMA, 10713, None, None)
    assert (lte.rat, lte.kind, lte.arfcn, lte.pci, lte.rsrp, lte.rsrq, lte.srxlev) == (
        Rat.LTE,
        None,
        1300,
        211,
        -101,
        -13,
        17,
    )
    assert lte.frequency_mhz == 1815.0  # 1805 + 0.1 * (1300 - 1200)
    assert (wcdma_gsm_mode.arfcn, wcdma_gsm_mode.srxlev) == (2988, None)
    assert [u.line for u in s.unparsed] == answers['AT+QENG="neighbourcell"'][4:]


def test_sinr_scale_table_per_model():
    # 2 * 7 - 20 = -6 (RG50xQ&RM5xxQ Network Application Note 3.2.2 <SINR>)
    for model in ("RM500Q-GL", "RM502Q-AE", "RG502Q-EA", "RM520N-GL", "RG520N-EU", "RM551E-GL"):
        assert quectel.lte_sinr_db(7, model) == -6.0, model
    assert quectel.lte_sinr_db(7, "RM521F-GL") == -6.0
    for model in ("EC25-E", "EG25", "EP06", "EM06", "EM12", "EC200T", "RG500U-CN", None):
        assert quectel.lte_sinr_db(7, model) is None, model
    assert quectel.lte_sinr_db(7, quectel.SHAPE_5G) == -6.0


def test_reply_shape_names_the_family_only_for_nr_serving_lines():
    # the SA line of rm5xx_sa_tdd_tmobile.at and the LTE line of quectel_ep06e_lte_sinr.at
    sa = (
        '+QENG: "servingcell","NOCONN","NR5G-SA","TDD",310,260,14758F12F,271,59E700,521310,'
        "41,10,-89,-11,19,1,-"
    )
    lte = (
        '+QENG: "servingcell","NOCONN","LTE","FDD",222,88,4CAA71F,28,1500,3,3,3,77B8,'
        "-84,-9,-56,21,35"
    )
    nr_row = '+QENG: "neighbourcell","NR5G",633984,123,-95,-11,15'
    shape = quectel._reply_shape_model
    assert shape({'AT+QENG="servingcell"': [sa]}) == quectel.SHAPE_5G
    assert shape({'AT+QENG="servingcell"': [lte], 'AT+QENG="neighbourcell"': [nr_row]}) is None
    # an LTE-only reply without ATI keeps its SINR raw
    (cell,) = parse({'AT+QENG="servingcell"': [lte]}).serving
    assert (cell.sinr_raw, cell.sinr) == (21, None)


def test_other_platforms_keep_lte_neighbour_rows_raw():
    # the EG25-G row of quectel_eg25g_lte_neighbours.at, as an EC200U or RM500U would be
    # read: their manual's order (RSRP first, per a third-party quote) is unconfirmed
    row = '+QENG: "neighbourcell intra","LTE",6300,188,-12,-105,-75,-20,23,4,12,10,62'
    answers = {'AT+QENG="neighbourcell"': [row]}
    for model in ("EC200U-CN", "EC200T-EU", "RM500U-CN", "RG200U-CN"):
        s = parse(answers, model=model)
        assert s.neighbours == () and [u.line for u in s.unparsed] == [row], model
    assert parse(answers, model="EG25").neighbours[0].rsrp == -105


def test_short_lte_line_and_neighbours_with_distinct_fields_from_a_fixture():
    """quectel_eg25g_lte_neighbours_distinct.at: the 16-field LTE line and the LTE/WCDMA
    neighbour rows through the whole replay path, no two confusable fields alike."""
    s = snapshot_of("quectel_eg25g_lte_neighbours_distinct.at")
    assert s.device.model == "EG25"
    (cell,) = s.serving
    # "LTE","FDD",214,03,7676A0B,221,1501,3,2,3,6A3,-98,-11,-71,14,19
    assert (cell.rat, cell.duplex, cell.mcc, cell.mnc) == (Rat.LTE, "FDD", "214", "03")
    assert cell.cell_id == 0x7676A0B and (cell.enodeb_id, cell.sector_id) == (0x7676A, 0x0B)
    assert (cell.pci, cell.arfcn, cell.band, cell.tac) == (221, 1501, 3, 0x6A3)
    assert cell.frequency_mhz == 1835.1  # 1805 + 0.1 * (1501 - 1200)
    assert (cell.ul_bandwidth_mhz, cell.dl_bandwidth_mhz) == (5.0, 10.0)  # codes 2 and 3
    assert (cell.rsrp, cell.rsrq, cell.rssi, cell.srxlev) == (-98, -11, -71, 19)
    assert (cell.sinr_raw, cell.sinr) == (14, None)  # EG25-G: no cited scale
    assert (cell.cqi, cell.tx_power_raw) == (None, None)  # not in the short layout
    intra, inter, wcdma = s.neighbours
    # "neighbourcell intra","LTE",1501,96,-14,-103,-76,-6,17,...
    assert (intra.kind, intra.arfcn, intra.pci) == ("intra", 1501, 96)
    assert (intra.rsrq, intra.rsrp, intra.rssi, intra.sinr_raw, intra.srxlev) == (
        -14,
        -103,
        -76,
        -6,
        17,
    )
    # "neighbourcell inter","LTE",6300,188,-10,-109,-81,2,8,...
    assert (inter.kind, inter.arfcn, inter.pci, inter.frequency_mhz) == ("inter", 6300, 188, 806.0)
    assert (inter.rsrq, inter.rsrp, inter.rssi, inter.sinr_raw, inter.srxlev) == (
        -10,
        -109,
        -81,
        2,
        8,
    )
    # "neighbourcell","WCDMA",10713,5,14,4,211,-95,-9,11: <uarfcn> and <srxlev> only;
    # <PSC> 211 is no PCI, <RSCP> -95 no RSRP, <ecno> -9 no RSRQ
    assert (wcdma.rat, wcdma.arfcn, wcdma.srxlev) == (Rat.WCDMA, 10713, 11)
    assert (wcdma.pci, wcdma.rsrp, wcdma.rsrq) == (None, None, None)
    assert s.unparsed == ()

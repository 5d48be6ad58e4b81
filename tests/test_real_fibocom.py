"""Fibocom on published real captures: +XMCI (L850/L860), +GTCAINFO (FM350), hex +GTCCINFO (FM160).

Expected values are worked out from the field definitions cited in
fiveg/vendors/fibocom.py (3GPP indices: RSRP = i - 141 dBm, RSRQ = i/2 - 20 dB
for LTE; SS-RSRP = i - 157, SS-RSRQ = i/2 - 43.5 for NR; EARFCN to MHz per
TS 36.101 table 5.7.3-1), not read back from the parser. Answers built inside a
test are constructed variants and say so.
"""

from __future__ import annotations

from fiveg.records import Rat, Role
from fiveg.vendors import fibocom
from tests.conftest import T0, poll_fixture

GT_COMMANDS = {"AT+GTCCINFO?", "AT+GTCAINFO?", "AT+GTSENRDTEMP=1"}
XMM_COMMANDS = {"AT+XCCINFO?", "AT+XLEC?", "AT+XCESQ?", "AT+XMCI=1", "AT+MTSM=1"}


def parse(answers, model=None):
    return fibocom.parse_snapshot(answers, time=T0, model=model)


# ---------------------------------------------------------------- L850 / L860


def test_l860_whose_ati_is_a_build_date_gets_both_command_lists():
    result, heard = poll_fixture("fibocom_l860_ati_build_date.at")
    s = result.snapshot
    assert (result.chosen_by, s.dialect, s.device.model) == ("recording", "fibocom", None)
    assert set(heard) >= GT_COMMANDS | XMM_COMMANDS  # no model: +GT and +X lists both asked
    assert {e.command for e in s.errors} >= GT_COMMANDS  # refused, as the capture shows
    (cell,) = s.serving
    # +XCCINFO: 440-51, ci 0558E901, band_info 118; +XCESQ: rsrq 19, rsrp 58, rssnr 11
    assert (cell.mcc, cell.mnc, cell.cell_id, cell.tac, cell.band) == (
        "440",
        "51",
        0x0558E901,
        0x8AA8,
        18,
    )
    assert (cell.rsrp, cell.rsrq, cell.sinr_raw) == (58 - 141, -20 + 0.5 * 19, 11)
    # +XMCI fills what +XCESQ/+XCCINFO lack: PCI 0x019F, EARFCN 0x170C
    assert (cell.pci, cell.arfcn) == (0x019F, 0x170C) == (415, 5900)
    assert cell.frequency_mhz == 865.0  # B18: 860 + 0.1 * (5900 - 5850)
    (n,) = s.neighbours  # TAC 0xFFFE, CI 0xFFFFFFFF and RSSNR 255 carry no value
    assert (n.kind, n.pci, n.arfcn) == ("inter", 0x0184, 0x9F8A) == ("inter", 388, 40842)
    assert n.frequency_mhz == 2615.2  # B41: 2496 + 0.1 * (40842 - 39650)
    assert (n.rsrp, n.rsrq, n.sinr_raw) == (31 - 141, -20 + 0.5 * 15, None)
    pcc, scc = s.carriers  # +XLEC: codes 3 and 5; the PCC is the serving cell
    assert (pcc.role, pcc.band, pcc.arfcn, pcc.pci, pcc.bandwidth_mhz) == (
        Role.PCC,
        18,
        5900,
        415,
        10.0,
    )
    assert (scc.role, scc.band, scc.bandwidth_mhz) == (Role.SCC, None, 20.0)
    assert [t.celsius for t in s.temperatures] == [52]
    assert s.unparsed == ()


def test_l850_xmci_serving_row_and_intra_frequency_neighbours():
    result, heard = poll_fixture("fibocom_l850_xmci_neighbours.at")
    s = result.snapshot
    # +CGMI names the maker; no model (the capture's +FMM is not asked): both lists
    assert (result.chosen_by, s.device.manufacturer, s.device.model) == (
        "identity",
        "Fibocom",
        None,
    )
    assert set(heard) >= GT_COMMANDS | XMM_COMMANDS
    (cell,) = s.serving
    assert (cell.mcc, cell.mnc, cell.cell_id, cell.tac, cell.band) == (
        "220",
        "03",
        0x9C03,
        0x4E91,
        3,
    )
    # no +XCESQ answer: every radio value is the +XMCI row's (49, 17, -4)
    assert (cell.pci, cell.arfcn, cell.frequency_mhz) == (0x62, 0x5DC, 1835.0)  # 1805 + 0.1*300
    assert (cell.rsrp, cell.rsrq, cell.sinr_raw) == (49 - 141, -20 + 0.5 * 17, -4)
    assert [(n.kind, n.pci, n.arfcn, n.rsrp, n.rsrq, n.sinr_raw) for n in s.neighbours] == [
        ("intra", 0x61, 1500, 42 - 141, -20 + 0.5 * 2, None),
        ("intra", 0x6A, 1500, 43 - 141, -20 + 0.5 * 8, None),
    ]
    assert [(c.role, c.band, c.arfcn, c.pci, c.bandwidth_mhz) for c in s.carriers] == [
        (Role.PCC, 3, 1500, 98, 20.0),  # +XLEC 0,2,5,3: code 5, then code 3
        (Role.SCC, None, None, None, 10.0),
    ]
    assert (s.operator.name, s.signal.rssi, s.signal.ber) == ("mt:s", -113 + 2 * 11, 2)


def test_xmci_rows_of_other_rats_and_malformed_fields():
    # constructed: a GSM (type 0) row has another layout and no capture: kept raw;
    # a malformed PCI loses the PCI only
    answers = {
        "AT+XMCI=1": [
            '+XMCI: 0,262,01,"0x1234","0x00005678",23,40,0,"0x0000007A",1,0',
            '+XMCI: 4,262,01,"0x1A2B","0x012345AB","0xZZ","0x00000064",'
            '"0x00004C2C","0xFFFFFFFF",47,12,30,"0x00000001","0x00000000"',
        ]
    }
    s = parse(answers, model="L860-GL")
    (cell,) = s.serving
    assert (cell.pci, cell.arfcn, cell.tac, cell.cell_id) == (None, 100, 0x1A2B, 0x012345AB)
    assert (cell.rsrp, cell.rsrq, cell.sinr_raw) == (47 - 141, -20 + 0.5 * 12, 30)
    assert [u.line[:9] for u in s.unparsed] == ["+XMCI: 0,"]


# ---------------------------------------------------------------- FM350 +GTCAINFO


def test_fm350_lte_a_carriers():
    result, heard = poll_fixture("fibocom_fm350_ltea_ca.at")
    s = result.snapshot
    assert "AT+XMCI=1" not in heard  # the model says +GT
    pcc, *sccs = s.carriers
    # PCC:103,123,1850,100,100,2,1,1,3,-96 (ten fields: UL bandwidth after DL)
    assert (pcc.rat, pcc.role, pcc.band, pcc.pci, pcc.arfcn) == (Rat.LTE, Role.PCC, 3, 123, 1850)
    assert (pcc.bandwidth_raw, pcc.bandwidth_mhz, pcc.ul_bandwidth_mhz) == (100, 20.0, 20.0)
    assert (pcc.frequency_mhz, pcc.rsrp, pcc.state) == (1870.0, -96, None)  # 1805 + 0.1 * 650
    assert pcc.extra == ("dl_mimo=2", "ul_mimo=1", "dl_mod=1", "ul_mod=3")
    assert [
        (c.role, c.state, c.ul_configured, c.band, c.pci, c.arfcn, c.frequency_mhz) for c in sccs
    ] == [
        (Role.SCC, 2, True, 7, 137, 3025, 2647.5),  # B7: 2620 + 0.1 * (3025 - 2750)
        (Role.SCC, 2, False, 1, 144, 525, 2162.5),  # B1: 2110 + 0.1 * 525
        (Role.SCC, 2, False, 20, 151, 6400, 816.0),  # B20: 791 + 0.1 * (6400 - 6150)
    ]
    # codes are MHz x 5; 255 is an SCC without uplink
    assert [(c.bandwidth_mhz, c.ul_bandwidth_mhz) for c in sccs] == [
        (75 / 5, 50 / 5),
        (75 / 5, None),
        (50 / 5, None),
    ]
    (lte,) = s.serving
    assert (lte.rsrp, lte.rsrq, lte.sinr_raw) == (44 - 141, -20 + 0.5 * 14, 4)
    (n,) = s.neighbours
    assert (n.kind, n.pci, n.rsrp, n.rsrq) == ("intra", 130, 42 - 141, -20 + 0.5 * 10)
    assert s.unparsed == ()


def test_fm350_endc_nr_pcc_then_lte_pcc():
    s = poll_fixture("fibocom_fm350_endc_ca.at")[0].snapshot
    nr_pcc, lte_pcc, *sccs = s.carriers
    assert (nr_pcc.rat, nr_pcc.role, nr_pcc.band, nr_pcc.pci, nr_pcc.arfcn) == (
        Rat.NR5G,
        Role.PCC,
        78,
        130,
        645312,
    )
    # code 400 is 80 MHz; NR-ARFCN 645312: 3000 + 0.015 * (645312 - 600000)
    assert (nr_pcc.bandwidth_mhz, nr_pcc.frequency_mhz, nr_pcc.rsrp) == (80.0, 3679.68, -107)
    assert (lte_pcc.rat, lte_pcc.role, lte_pcc.band, lte_pcc.rsrp) == (Rat.LTE, Role.PCC, 3, -95)
    assert [(c.band, c.pci, c.ul_configured) for c in sccs] == [
        (1, 144, True),
        (7, 151, False),
        (20, 158, False),
    ]
    _, nr = s.serving
    assert (nr.rat, nr.band, nr.pci) == (Rat.NR5G_NSA, 78, 130)
    assert (nr.rsrp, nr.rsrq) == (49 - 157, -43.5 + 0.5 * 69)
    (n,) = s.neighbours
    assert (n.rsrp, n.rsrq) == (41 - 141, None)  # RSRQ index 71 is past 0..34: no reading


def test_fm350_connected_pcc_alone_and_an_out_of_range_rsrq():
    s = poll_fixture("fibocom_fm350_connected.at")[0].snapshot
    (pcc,) = s.carriers
    assert (pcc.role, pcc.band, pcc.bandwidth_mhz, pcc.ul_bandwidth_mhz, pcc.rsrp) == (
        Role.PCC,
        3,
        20.0,
        20.0,
        -96,
    )
    assert pcc.extra == ("dl_mimo=1", "ul_mimo=1", "dl_mod=2", "ul_mod=1")
    (lte,) = s.serving
    assert (lte.rsrq, lte.sinr_raw) == (-20 + 0.5 * 12, 1)
    (n,) = s.neighbours
    assert (n.pci, n.rsrp, n.rsrq) == (100, 42 - 141, None)  # index 82: out of range


def test_fm350_lte_a_distinct_variant_reads_each_carrier_on_its_own():
    # constructed from the capture's layout (the real rows give all four carriers RSRP -96)
    s = poll_fixture("fibocom_fm350_ltea_ca_distinct.at")[0].snapshot
    pcc, *sccs = s.carriers
    # PCC:103,123,1850,100,75,2,1,1,3,-95: DL code 100 (20 MHz), UL code 75 (15 MHz)
    assert (pcc.band, pcc.pci, pcc.arfcn, pcc.bandwidth_mhz, pcc.ul_bandwidth_mhz, pcc.rsrp) == (
        3,
        123,
        1850,
        20.0,
        15.0,
        -95,
    )
    assert pcc.extra == ("dl_mimo=2", "ul_mimo=1", "dl_mod=1", "ul_mod=3")
    assert [
        (c.state, c.ul_configured, c.band, c.pci, c.arfcn, c.bandwidth_mhz, c.ul_bandwidth_mhz)
        for c in sccs
    ] == [
        (2, True, 7, 137, 3025, 75 / 5, 50 / 5),
        (2, False, 1, 144, 525, 25 / 5, None),
        (2, False, 20, 151, 6400, 50 / 5, None),
    ]
    assert [c.rsrp for c in sccs] == [-99, -101, -104]
    assert sccs[0].extra == ("dl_mimo=4", "ul_mimo=1", "dl_mod=2", "ul_mod=3")
    (lte,) = s.serving
    # <rsrp> 44, not <rxlev> 46; not the PCC's -95 dBm either
    assert (lte.rsrp, lte.rsrq, lte.sinr_raw, lte.dl_bandwidth_mhz) == (
        44 - 141,
        -20 + 0.5 * 14,
        5,
        20.0,
    )
    (n,) = s.neighbours
    assert (n.kind, n.pci, n.rsrp, n.rsrq) == ("intra", 130, 42 - 141, -20 + 0.5 * 10)  # not 39
    assert s.unparsed == ()


def test_fm350_endc_distinct_variant_field_by_field():
    # constructed from the capture's layout: <rxlev> off <rsrp>, every carrier's RSRP its own
    s = poll_fixture("fibocom_fm350_endc_ca_distinct.at")[0].snapshot
    lte, nr = s.serving
    assert (lte.rsrp, lte.rsrq, lte.sinr_raw) == (44 - 141, -20 + 0.5 * 13, 6)  # not <rxlev> 47
    assert (nr.rat, nr.band, nr.arfcn, nr.pci) == (Rat.NR5G_NSA, 78, 645312, 130)
    assert (nr.rsrp, nr.rsrq, nr.sinr_raw) == (49 - 157, -43.5 + 0.5 * 69, 2)  # not <rxlev> 52
    nr_pcc, lte_pcc, *sccs = s.carriers
    assert (nr_pcc.rat, nr_pcc.role, nr_pcc.bandwidth_mhz, nr_pcc.ul_bandwidth_mhz) == (
        Rat.NR5G,
        Role.PCC,
        80.0,
        80.0,
    )
    assert (nr_pcc.rsrp, nr_pcc.extra) == (-106, ("dl_mimo=4", "ul_mimo=1", "dl_mod=3", "ul_mod=2"))
    assert (lte_pcc.rat, lte_pcc.bandwidth_mhz, lte_pcc.ul_bandwidth_mhz, lte_pcc.rsrp) == (
        Rat.LTE,
        20.0,
        15.0,
        -96,
    )
    assert [
        (c.band, c.pci, c.arfcn, c.ul_configured, c.bandwidth_mhz, c.ul_bandwidth_mhz, c.rsrp)
        for c in sccs
    ] == [
        (1, 144, 525, True, 15.0, 10.0, -98),
        (7, 151, 3025, False, 20.0, None, -101),
        (20, 158, 6400, False, 10.0, None, -103),
    ]
    (n,) = s.neighbours
    assert (n.pci, n.rsrp, n.rsrq) == (137, 41 - 141, -20 + 0.5 * 21)  # not <rxlev> 38
    assert s.unparsed == ()


def test_fm350_connected_distinct_variant_field_by_field():
    s = poll_fixture("fibocom_fm350_connected_distinct.at")[0].snapshot
    (pcc,) = s.carriers
    # PCC:103,123,1850,100,50,4,1,3,2,-95
    assert (pcc.band, pcc.pci, pcc.arfcn, pcc.bandwidth_mhz, pcc.ul_bandwidth_mhz, pcc.rsrp) == (
        3,
        123,
        1850,
        20.0,
        10.0,
        -95,
    )
    assert pcc.extra == ("dl_mimo=4", "ul_mimo=1", "dl_mod=3", "ul_mod=2")
    (lte,) = s.serving
    assert (lte.pci, lte.rsrp, lte.rsrq, lte.sinr_raw) == (123, 44 - 141, -20 + 0.5 * 12, 3)
    (n,) = s.neighbours
    # PCI 211 (not the bandwidth 100), <rsrp> 38 (not <rxlev> 40), <rsrq> 9
    assert (n.kind, n.pci, n.rsrp, n.rsrq) == ("intra", 211, 38 - 141, -20 + 0.5 * 9)


def test_pcc_layouts_with_distinct_values():
    # constructed: the real PCC rows repeat DL and UL bandwidth (100,100) and the serving
    # rows <rxlev> and <rsrp> (44,44); here every field differs
    answers = {
        "AT+GTCCINFO?": ["+GTCCINFO:", "1,4,001,01,ABCD,00ABCDEF0,1850,123,103,75,4,40,46,14"],
        "AT+GTCAINFO?": [
            "+GTCAINFO:",
            "PCC:103,123,1850,100,50,2,1,1,3,-96",  # ten fields: DL 20 MHz, UL 10 MHz
            "PCC:5078,130,645312,400,2,1,4,3,-107",  # nine (the manual's): no UL bandwidth
        ],
    }
    s = parse(answers, model="FM350-GL")
    (lte,) = s.serving
    assert (lte.rsrp, lte.dl_bandwidth_mhz) == (46 - 141, 15.0)  # <rsrp>, not <rxlev>; 75 RB
    ten, nine = s.carriers
    assert (ten.bandwidth_mhz, ten.ul_bandwidth_mhz, ten.rsrp) == (20.0, 10.0, -96)
    assert (nine.bandwidth_mhz, nine.ul_bandwidth_mhz, nine.rsrp) == (80.0, None, -107)
    assert nine.extra == ("dl_mimo=2", "ul_mimo=1", "dl_mod=4", "ul_mod=3")


def test_gtcainfo_rows_fiveg_cannot_read():
    # constructed: an unknown band code stays raw; a malformed channel loses the channel only;
    # a positive trailing RSRP is no dBm value and stays in extra; a short SCC keeps its tail
    answers = {
        "AT+GTCAINFO?": [
            "+GTCAINFO:",
            "PCC:999,1,2,3,4,5,6,7,8,9",
            "PCC: 141,18,40936,100,2,1,0,3,45",
            "SCC1:2,1,103,12,1x00,100,50",
        ]
    }
    s = parse(answers, model="FM350-GL")
    pcc, scc = s.carriers
    assert (pcc.band, pcc.arfcn, pcc.pci, pcc.rsrp) == (41, 40936, 18, None)
    assert pcc.extra[-1] == "rsrp=45"
    assert (scc.band, scc.pci, scc.arfcn, scc.bandwidth_mhz, scc.state) == (3, 12, None, 20.0, 2)
    assert scc.extra == ("50",)
    assert [u.line for u in s.unparsed] == ["PCC:999,1,2,3,4,5,6,7,8,9"]


# ---------------------------------------------------------------- FM160: channels in hex


def test_fm160_lte_channel_and_pci_in_hex():
    result, _ = poll_fixture("fibocom_fm160_hex_lte_nosim.at")
    s = result.snapshot
    (cell,) = s.serving
    # 1,4,460,01,4F50,52BF337,672,1E4,103,...: read as decimal, 672 would be a B2 channel
    assert (cell.arfcn, cell.pci, cell.band) == (0x672, 0x1E4, 3) == (1650, 484, 3)
    assert cell.frequency_mhz == 1850.0  # B3: 1805 + 0.1 * (1650 - 1200)
    assert (cell.tac, cell.cell_id) == (0x4F50, 0x52BF337)
    assert (cell.rsrp, cell.rsrq, cell.sinr_raw, cell.dl_bandwidth_mhz) == (
        63 - 141,
        -20 + 0.5 * 24,
        44,
        20.0,
    )
    assert (s.carriers, s.neighbours, s.unparsed) == ((), (), ())
    assert s.state == "SEARCHING"  # +CEREG: 0,2 without a SIM


def test_fm160_nr_sa_in_hex():
    s = poll_fixture("fibocom_fm160_hex_nr_sa.at")[0].snapshot
    (nr,) = s.serving
    assert nr.rat is Rat.NR5G_SA
    assert (nr.mcc, nr.mnc, nr.tac, nr.cell_id) == ("999", "66", 0x8D, 0x234001)
    assert (nr.arfcn, nr.pci, nr.band) == (0xAFDA0, 0x8D, 79) == (720288, 141, 79)
    assert nr.frequency_mhz == 4804.32  # 3000 + 0.015 * (720288 - 600000)
    assert (nr.rsrp, nr.rsrq, nr.sinr_raw) == (53 - 157, -43.5 + 0.5 * 64, 85)


def test_fm160_hex_distinct_variants_field_by_field():
    # constructed from the captures' layouts: <rxlev> off <rsrp>, the NR TAC off its PCI
    (lte,) = poll_fixture("fibocom_fm160_hex_lte_nosim_distinct.at")[0].snapshot.serving
    assert (lte.arfcn, lte.pci, lte.tac, lte.cell_id) == (0x672, 0x1E4, 0x4F50, 0x52BF337)
    # <rsrp> 63 and <rsrq> 24: not <rxlev> 60, not +CESQ's 64 and 22
    assert (lte.rsrp, lte.rsrq, lte.sinr_raw) == (63 - 141, -20 + 0.5 * 24, 44)
    (nr,) = poll_fixture("fibocom_fm160_hex_nr_sa_distinct.at")[0].snapshot.serving
    assert (nr.tac, nr.pci, nr.arfcn, nr.cell_id) == (0x3A7, 0x8D, 0xAFDA0, 0x234001)
    assert (nr.rsrp, nr.rsrq, nr.sinr_raw) == (53 - 157, -43.5 + 0.5 * 64, 85)  # not <rxlev> 57


def test_an_all_digit_pci_in_a_hex_reply_is_hex():
    # the project's second real sample (jasper33977296/uav-system modem_raw.py): PCI "85"
    answers = {
        "AT+GTCCINFO?": [
            "+GTCCINFO:",
            "NR service cell:",
            "1,9,999,66,8D,214001,AFDA0,85,5079,100,105,91,91,64",
        ]
    }
    (nr,) = parse(answers, model="FM160-JK").serving
    assert (nr.pci, nr.cell_id) == (0x85, 0x214001) == (133, 2179073)


def test_the_band_decides_when_every_digit_is_decimal():
    # constructed from the FM160-CN row, its PCI 1E4 changed to 129: only the band tells
    row = "1,4,460,01,4F50,52BF337,672,129,103,100,44,63,63,24"
    (cell,) = parse({"AT+GTCCINFO?": ["+GTCCINFO:", "LTE service cell:", row]}).serving
    assert (cell.arfcn, cell.pci) == (0x672, 0x129)  # 672 is no B3 channel, 0x672 = 1650 is


def test_undecidable_channels_are_none_and_the_row_is_kept():
    # constructed: Qualcomm headers, all digits, no band: 672 or 0x672, 129 or 0x129
    row, other = "1,4,460,01,4F50,52BF337,672,129,,100,44,63,63,24", "2,4,,,,,994,12,,38,37,2"
    lines = ["+GTCCINFO:", "LTE service cell:", row, "LTE neighbor cell:", other]
    answers = {"AT+GTCCINFO?": lines}
    s = parse(answers, model="FM150-AE")
    (cell,) = s.serving
    assert (cell.arfcn, cell.pci, cell.frequency_mhz) == (None, None, None)
    assert (cell.rsrp, cell.tac) == (63 - 141, 0x4F50)  # the rest of the row still read
    (n,) = s.neighbours
    assert (n.kind, n.arfcn, n.pci, n.rsrp, n.rsrq) == (None, None, None, 37 - 141, -20 + 0.5 * 2)
    assert [u.line for u in s.unparsed] == [row, other]


def test_rows_that_disagree_leave_the_radix_open():
    # constructed: 1850 fits B3 only as decimal, 672 only as hex
    rows = [
        "1,4,460,01,4F50,52BF337,1850,12,103,100,44,63,63,24",
        "1,4,460,01,4F50,52BF337,672,12,103,100,44,63,63,24",
    ]
    s = parse({"AT+GTCCINFO?": ["+GTCCINFO:", "LTE service cell:", *rows]})
    assert [c.arfcn for c in s.serving] == [None, None]
    assert len(s.unparsed) == 2


def test_mediatek_form_without_headers_is_decimal():
    # constructed: no header lines (the FM350's form), no band, no model
    row = "1,4,001,01,ABCD,00ABCDEF0,100,42,,,-7,29,29,4"
    (cell,) = parse({"AT+GTCCINFO?": ["+GTCCINFO:", row]}).serving
    assert (cell.arfcn, cell.pci) == (100, 42)


def test_nr_neighbour_keeps_its_ss_sinr_raw():
    # constructed after the manual's NR neighbour layout (11.1.15): <pci>,<ss_sinr>,<rxlev>,...
    answers = {
        "AT+GTCCINFO?": [
            "+GTCCINFO:",
            "1,9,,,FFFFFFF,00FFFFFFF,645312,130,5078,400,2,49,49,69",
            "2,9,,,FFFFFFF,00FFFFFFF,645312,131,60,48,47,68",
        ]
    }
    (n,) = parse(answers, model="FM350-GL").neighbours
    assert (n.rat, n.kind, n.pci, n.sinr_raw) == (Rat.NR5G, "intra", 131, 60)
    assert (n.rsrp, n.rsrq) == (47 - 157, -43.5 + 0.5 * 68)


def test_command_sets():
    assert fibocom.commands(None) is fibocom.EITHER
    assert set(fibocom.GT.info) | set(fibocom.XMM.info) == set(fibocom.EITHER.info)
    assert fibocom.EITHER.fast == ("AT+GTCCINFO?", "AT+CESQ", "AT+XCESQ?")
    assert "AT+XMCI=0" in fibocom.XMM.slow and "AT+XMCI=1" in fibocom.XMM.info
    assert fibocom.commands("L850 LTE Module") is fibocom.XMM

"""Fibocom: +GTCCINFO/+GTSENRDTEMP (FM150, FM350) and +X commands (L860), on the fixtures.

Expected values are worked out from the field definitions cited in
fiveg/vendors/fibocom.py, not read back from the parser.
"""

from __future__ import annotations

from fiveg.records import Rat, Role
from fiveg.vendors import fibocom
from tests.conftest import T0, poll_fixture


def test_fm350_lte_with_fillers_and_a_blank_line_between_rows():
    result, heard = poll_fixture("fibocom_fm350_lte.at")
    s = result.snapshot
    assert (s.dialect, result.chosen_by) == ("fibocom", "identity")
    assert "AT+GTCCINFO?" in heard and "AT+XCESQ?" not in heard
    lte, nr = s.serving
    assert lte.rat is Rat.LTE
    assert (lte.mcc, lte.mnc, lte.tac, lte.cell_id) == ("262", "2", 0x1A2B, 0x12345AB)
    assert (lte.enodeb_id, lte.sector_id) == (0x12345, 0xAB)
    assert (lte.arfcn, lte.pci, lte.band) == (100, 42, None)  # <band> blank on this firmware
    assert lte.frequency_mhz == 2120.0  # EARFCN 100 is B1: 2110 + 0.1 * 100
    assert (lte.rsrp, lte.rsrq) == (29 - 141, -20 + 0.5 * 4)
    assert (lte.sinr, lte.sinr_raw) == (None, -7)  # <rssnr_value> has no cited scale
    assert (nr.rat, nr.rsrp, nr.rsrq, nr.sinr) == (Rat.NR5G_NSA, -105, -6, 5)  # from +CESQ
    (neighbour,) = s.neighbours  # the row of FFFF/00FFFFFFF fillers still has its radio values
    assert (neighbour.kind, neighbour.arfcn, neighbour.pci) == ("inter", 9460, 71)
    assert (neighbour.rsrp, neighbour.rsrq, neighbour.frequency_mhz) == (-98, -15, 783.0)
    assert [(t.sensor, t.celsius) for t in s.temperatures] == [("sensor 1", 36.5)]
    assert [e.command for e in s.errors] == ["AT+GTCAINFO?"]


def test_fm150_endc_rows_under_header_lines():
    s = poll_fixture("fibocom_fm150_endc.at")[0].snapshot
    lte, nr = s.serving
    assert (lte.band, lte.arfcn, lte.frequency_mhz, lte.pci) == (3, 1850, 1870.0, 123)
    assert lte.dl_bandwidth_mhz == 20.0  # 100 resource blocks
    assert (lte.enodeb_id, lte.sector_id) == (0xABCDE, 0xF0)
    # the row's <rsrp> 44 and <rsrq> 13, not its <rxlev> 46 nor +CESQ's 45 and 14
    assert (lte.rsrp, lte.rsrq, lte.sinr_raw) == (44 - 141, -20 + 0.5 * 13, 6) == (-97, -13.5, 6)
    assert nr.rat is Rat.NR5G_NSA
    assert (nr.band, nr.arfcn, nr.frequency_mhz, nr.pci) == (78, 645312, 3679.68, 130)
    # <ss_rsrp> 49 and <ss_rsrq> 69, not <rxlev> 51 nor +CESQ's 50 and 70
    assert (nr.rsrp, nr.rsrq) == (49 - 157, -43.5 + 0.5 * 69) == (-108, -9)
    assert (nr.sinr, nr.sinr_raw) == (16.5, 2)  # SINR from +CESQ <ss_sinr> 80, raw kept
    (neighbour,) = s.neighbours
    # <rsrp> 41, not <rxlev> 39
    assert (neighbour.kind, neighbour.pci, neighbour.rsrp, neighbour.rsrq) == (
        "intra",
        137,
        41 - 141,
        -20 + 0.5 * 21,
    )
    # +GTCAINFO (FM350 manual 11.1.16): NR PCC, LTE PCC, one SCC. NR bandwidth code 400 is
    # 80 MHz on MediaTek firmware; with Qualcomm-style headers it is kept raw only.
    assert [
        (c.rat, c.role, c.band, c.bandwidth_raw, c.bandwidth_mhz, c.ul_bandwidth_mhz, c.rsrp)
        for c in s.carriers
    ] == [
        (Rat.NR5G, Role.PCC, 78, 400, None, None, -107),
        (Rat.LTE, Role.PCC, 3, 100, 20.0, 15.0, -95),  # codes are MHz x 5: DL 100, UL 75
        (Rat.LTE, Role.SCC, 1, 75, 15.0, 10.0, -99),
    ]
    assert [c.extra for c in s.carriers] == [
        ("dl_mimo=2", "ul_mimo=1", "dl_mod=1", "ul_mod=3"),
        ("dl_mimo=2", "ul_mimo=1", "dl_mod=3", "ul_mod=1"),
        ("dl_mimo=2", "ul_mimo=1", "dl_mod=3", "ul_mod=2"),
    ]
    assert [(c.state, c.ul_configured, c.pci, c.arfcn) for c in s.carriers] == [
        (None, None, 130, 645312),
        (None, None, 123, 1850),
        (2, True, 144, 525),
    ]
    assert s.unparsed == ()
    assert s.temperatures[0].celsius == 41.0


def test_fm350_lte_distinct_variant_field_by_field():
    # constructed from the real dump's layout: <rxlev> off <rsrp>, +CESQ off +GTCCINFO
    s = poll_fixture("fibocom_fm350_lte_distinct.at")[0].snapshot
    lte, nr = s.serving
    assert (lte.rat, lte.mcc, lte.mnc, lte.tac, lte.cell_id) == (
        Rat.LTE,
        "262",
        "2",
        0x1A2B,
        0x12345AB,
    )
    assert (lte.arfcn, lte.pci, lte.band, lte.dl_bandwidth_mhz) == (100, 42, None, None)
    # <rsrp> 27 and <rsrq> 6: not <rxlev> 31, not +CESQ's <rsrp> 29 and <rsrq> 5
    assert (lte.rsrp, lte.rsrq, lte.sinr_raw, lte.sinr) == (27 - 141, -20 + 0.5 * 6, -7, None)
    # the NR leg from +CESQ: <ss_rsrq> 75, <ss_rsrp> 52, <ss_sinr> 57
    assert (nr.rat, nr.rsrq, nr.rsrp, nr.sinr) == (
        Rat.NR5G_NSA,
        -43.5 + 0.5 * 75,
        52 - 157,
        -23.5 + 0.5 * 57,
    )
    (n,) = s.neighbours
    assert (n.kind, n.arfcn, n.pci, n.rsrp, n.rsrq) == ("inter", 9460, 71, 43 - 141, -20 + 0.5 * 10)
    assert (s.signal.rssi, s.signal.rssi_raw) == (-113 + 2 * 18, 18)
    assert s.unparsed[0].line == "+C5GREG: 0" and len(s.unparsed) == 1


def test_l860_uses_the_x_commands():
    result, heard = poll_fixture("fibocom_l860_lte_ca.at")
    assert {"AT+XCESQ?", "AT+XCCINFO?", "AT+XLEC?", "AT+MTSM=1"} <= set(heard)
    assert not any(c.startswith("AT+GT") for c in heard)
    s = result.snapshot
    (cell,) = s.serving
    assert (cell.mcc, cell.mnc, cell.cell_id, cell.tac) == ("440", "51", 0x0558E901, 0x8AA8)
    assert (cell.enodeb_id, cell.sector_id, cell.band) == (0x0558E9, 1, 18)
    assert (cell.rsrq, cell.rsrp, cell.sinr, cell.sinr_raw) == (-10.5, -83, None, 11)
    assert s.state == "REGISTERED"
    # +XLEC gives bandwidths only; the PCC is the serving cell, so it has its band
    assert [(c.role, c.band, c.bandwidth_mhz) for c in s.carriers] == [
        (Role.PCC, 18, 10.0),
        (Role.SCC, None, 20.0),
    ]
    assert [(t.sensor, t.celsius) for t in s.temperatures] == [("modem", 52)]


def test_command_sets_follow_the_model():
    assert fibocom.commands("L860-GL") is fibocom.XMM
    assert fibocom.commands("L850-GL") is fibocom.XMM
    assert fibocom.commands("FM350-GL") is fibocom.GT
    assert fibocom.commands(None) is fibocom.EITHER  # no model: both lists


def test_malformed_rows_are_kept_not_guessed():
    answers = {
        "AT+GTCCINFO?": ["+GTCCINFO:", "1,4,262,2,1A2B", "2,4,,,FFFF,00FFFFFFF,9460,71,,43,43,10"],
        "AT+XCESQ?": ["+XCESQ: -120,-18,-3"],  # a three-field form no manual gives
    }
    s = fibocom.parse_snapshot(answers, time=T0)
    assert [u.line for u in s.unparsed] == ["1,4,262,2,1A2B", "+XCESQ: -120,-18,-3"]
    assert len(s.neighbours) == 1 and s.serving == ()

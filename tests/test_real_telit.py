"""Telit on published captures: redacted #RFSTS, identity from +CGMM/+CGMR, ^RFSTS with decimals."""

from __future__ import annotations

import pytest

from fiveg.records import Rat
from fiveg.vendors import telit
from tests.conftest import T0, poll_fixture


def test_lm960_rfsts_as_published_with_imsi_and_cell_id_cut_short():
    result, heard = poll_fixture("telit_lm960_rfsts_redacted.at")
    s = result.snapshot
    assert (s.dialect, heard.count("AT#RFSTS"), "AT^RFSTS?" in heard) == ("telit", 1, False)
    (lte,) = s.serving
    assert (lte.rat, lte.mcc, lte.mnc, lte.arfcn) == (Rat.LTE, "310", "410", 800)
    assert (lte.rsrp, lte.rssi, lte.rsrq, lte.tac) == (-93, -59, -14, 0x8B1E)
    # "310410..." is no IMSI; "AT&T", the last quoted field, is <NetNameAsc>: <ABND> two after
    # it (field 16) gives B2, and 1930 + 0.1 * (800 - 600) MHz (TS 36.101 table 5.7.3-1)
    assert (lte.band, lte.frequency_mhz) == (2, 1950.0)
    assert (lte.cell_id, lte.enodeb_id, lte.sector_id) == (None, None, None)  # "A20..." is cut
    assert lte.sinr_raw is None  # this firmware stops at <ABND>
    assert s.unparsed == ()


def test_lm960a18_names_only_its_maker_so_cgmm_and_cgmr_fill_model_and_revision():
    result, heard = poll_fixture("telit_lm960a18_tmobile_b66.at")
    s = result.snapshot
    assert (s.device.manufacturer, s.device.model, s.device.revision) == (
        "Telit",
        "LM960A18",
        "32.01.150",
    )
    # no model from ATI when the commands were chosen: both forms are asked, ^RFSTS? refused
    assert "AT#RFSTS" in heard and "AT^RFSTS?" in heard
    assert "AT^RFSTS?" in [e.command for e in s.errors]
    (lte,) = s.serving
    assert (lte.mcc, lte.mnc, lte.arfcn, lte.band) == ("310", "260", 66786, 66)
    assert lte.frequency_mhz == 2145.0  # B66: 2110 + 0.1 * (66786 - 66436)
    assert (lte.rsrp, lte.rssi, lte.rsrq) == (-101, -68, -13)  # #RFSTS, not #MONI's rows
    assert (lte.tac, lte.cell_id, lte.enodeb_id, lte.sector_id) == (
        0x2D18,
        0x3089F02,
        0x3089F,
        0x02,
    )
    assert s.unparsed == ()


def test_ln940_refuses_rfsts_and_answers_caret_rfsts_with_decimals():
    result, heard = poll_fixture("telit_ln940_rfsts_decimals.at")
    s = result.snapshot
    assert (s.dialect, result.chosen_by) == ("telit", "recording")  # ATI names Qualcomm
    assert (s.device.manufacturer, s.device.model) == ("QUALCOMM INCORPORATED", "4105")
    assert heard.index("AT#RFSTS") < heard.index("AT^RFSTS?")
    assert [e.command for e in s.errors if "RFSTS" in e.command] == ["AT#RFSTS"]
    (lte,) = s.serving
    assert (lte.rsrp, lte.rssi, lte.rsrq) == (-103.7, -73.5, -10.4)  # as printed
    assert (lte.mcc, lte.mnc, lte.arfcn, lte.band) == ("510", "11", 1850, 3)
    assert lte.frequency_mhz == 1870.0  # B3: 1805 + 0.1 * (1850 - 1200)
    assert (lte.tac, lte.cell_id, lte.enodeb_id, lte.sector_id) == (
        0x2B3C,
        0x7CA2803,
        0x7CA28,
        0x03,
    )
    # <SINR> 13.4 has a decimal: sinr_raw holds integers only, and no source gives its scale
    assert (lte.sinr, lte.sinr_raw) == (None, None)
    assert s.operator.name == "XL Axiata XL Axiata" and s.unparsed == ()


def test_rfsts_decimals_on_the_hash_form_too():
    # constructed: the LM960 line of telit_lm960_lte.at with decimal readings
    line = (
        '#RFSTS: "310 410",800,-93.5,-59.2,-14.5,8B1E,255,-5,1280,19,2,A204B1C,'
        '"310410000000000","AT&T",3,2'
    )
    (lte,) = telit.parse_snapshot({"AT#RFSTS": [line]}, time=T0).serving
    assert (lte.rsrp, lte.rssi, lte.rsrq, lte.band, lte.cell_id) == (
        -93.5,
        -59.2,
        -14.5,
        2,
        0xA204B1C,
    )


def test_the_network_name_anchors_a_redacted_imsi_even_with_a_comma_in_it():
    # constructed: IMSI redacted, a comma inside the quoted network name
    line = (
        '#RFSTS: "310 410",5110,-95,-61,-12,8B1E,255,-5,1280,19,2,A204B1C,"xxxxx","AT&T, Inc",3,12'
    )
    (lte,) = telit.parse_snapshot({"AT#RFSTS": [line]}, time=T0).serving
    assert (lte.band, lte.arfcn, lte.cell_id) == (12, 5110, 0xA204B1C)
    assert lte.frequency_mhz == 739.0  # B12: 729 + 0.1 * (5110 - 5010)


def test_caret_rfsts_on_one_line_keeps_sinr_raw_after_the_band():
    # constructed: ^RFSTS on the header line, sixteen fields; <SINR> is field 16 as both LN940
    # scripts read it (collectd-Telit-LN940-wwan, RooterSource telitdata.sh)
    line = (
        '^RFSTS: "286 01",1795,-101,-67,-15,2242,,128,3,1,0B5D121,'
        '"286016339612498","Turkcell",3,3,167'
    )
    (lte,) = telit.parse_snapshot({"AT^RFSTS?": [line]}, time=T0).serving
    assert (lte.band, lte.sinr, lte.sinr_raw) == (3, None, 167)


@pytest.mark.parametrize(
    ("model", "rfsts"),
    [
        ("LN940A9", ("AT^RFSTS?",)),
        ("LM960A18", ("AT#RFSTS",)),
        ("LE910C1-EUX", ("AT#RFSTS",)),
        ("FN980", ("AT#RFSTS",)),
        (None, ("AT#RFSTS", "AT^RFSTS?")),
        ("4105", ("AT#RFSTS", "AT^RFSTS?")),  # the LN940's own ATI model
    ],
)
def test_which_rfsts_each_model_is_asked(model, rfsts):
    cs = telit.commands(model)
    assert tuple(c for c in cs.info if "RFSTS" in c) == rfsts
    assert tuple(c for c in cs.fast if "RFSTS" in c) == rfsts
    assert "AT+CGMM" in cs.info and "AT+CGMR" in cs.info

"""Telit: #RFSTS (anchored on the IMSI), ^RFSTS? (values on the next line), #MONI, #TEMPSENS."""

from __future__ import annotations

from fiveg.records import Rat
from fiveg.vendors import telit
from tests.conftest import T0, poll_fixture


def test_lm960_rfsts_and_temperatures():
    result, heard = poll_fixture("telit_lm960_lte.at")
    s = result.snapshot
    assert s.dialect == "telit" and "AT#RFSTS" in heard
    (lte,) = s.serving
    assert (lte.rat, lte.mcc, lte.mnc, lte.arfcn, lte.band) == (Rat.LTE, "310", "410", 800, 2)
    assert (lte.rsrp, lte.rssi, lte.rsrq, lte.frequency_mhz) == (-93, -59, -14, 1950.0)
    assert (lte.tac, lte.cell_id, lte.enodeb_id, lte.sector_id) == (
        0x8B1E,
        0xA204B1C,
        0xA204B,
        0x1C,
    )
    assert (lte.sinr, lte.sinr_raw) == (None, None)  # this firmware stops at <ABND>
    assert [(t.sensor, t.celsius) for t in s.temperatures] == [
        ("TSENS", 26),
        ("PA_THERM1", 24),
        ("PA_THERM2", 24),
        ("PA_THERM3", 24),
    ]
    assert s.unparsed == ()


def test_ln940_values_on_the_line_after_the_header():
    result, heard = poll_fixture("telit_ln940_rfsts.at")
    assert "AT^RFSTS?" in heard and "AT#RFSTS" not in heard
    (lte,) = result.snapshot.serving
    assert (lte.mcc, lte.mnc, lte.arfcn, lte.band) == ("286", "01", 1795, 3)
    assert (lte.rsrp, lte.rssi, lte.rsrq) == (-101, -67, -15)
    assert (lte.tac, lte.cell_id) == (0x2242, 0x0B5D121)
    # <SINR> is the row's field 16 (1-based) in both public LN940 scripts the fixture cites
    # (collectd-Telit-LN940-wwan, RooterSource telitdata.sh): 108 in this constructed row,
    # kept raw (their scales disagree)
    assert (lte.sinr, lte.sinr_raw) == (None, 108)


def test_moni_stands_in_when_rfsts_is_refused():
    answers = {
        "AT#MONI": [
            "#MONI: AT&T RSRP:-92 RSRQ:-17 TAC:8B1E Id:A204B1C EARFCN:800 PWR:-54dbm DRX:1280"
        ]
    }
    (lte,) = telit.parse_snapshot(answers, time=T0).serving
    assert (lte.rsrp, lte.rsrq, lte.rssi, lte.tac, lte.arfcn) == (-92, -17, -54, 0x8B1E, 800)
    assert lte.cell_id is None and lte.pci is None  # "Id" means different things per firmware


def test_another_rats_layout_is_not_read_as_lte():
    answers = {
        "AT#RFSTS": [
            '#RFSTS: "000 00",-1,-47,FFFF,FF,255,19,27,,FFFF,"204086527040379","NL KPN",1,2'
        ]
    }
    # a GSM #RFSTS (ARFCN, dBm, LAC, RAC...), as an LE910 reports with no LTE cell
    s = telit.parse_snapshot(answers, time=T0)
    assert s.serving == () and len(s.unparsed) == 1

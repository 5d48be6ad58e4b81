"""Telit: #RFSTS (anchored on the IMSI), ^RFSTS? (values on the next line), #MONI, #TEMPSENS."""

from __future__ import annotations

import pytest

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


def test_moni_cell_is_an_lte_cell_on_the_earfcns_frequency():
    # the #MONI row of the LM960 fixture's cell: EARFCN 800 is band 2's downlink,
    # 1930 + 0.1 * (800 - 600) = 1950.0 MHz (3GPP TS 36.101 table 5.7.3-1), as #RFSTS gives it
    row = "#MONI: AT&T RSRP:-92 RSRQ:-17 TAC:8B1E Id:A204B1C EARFCN:800 PWR:-54dbm"
    s = telit.parse_snapshot({"AT#MONI": [row]}, time=T0)
    (lte,) = s.serving
    assert (lte.rat, lte.frequency_mhz) == (Rat.LTE, 1950.0)
    assert s.unparsed == ()


def test_moni_without_rsrp_is_not_a_cell():
    row = "#MONI: AT&T TAC:8B1E EARFCN:800"
    s = telit.parse_snapshot({"AT#MONI": [row]}, time=T0)
    assert s.serving == ()
    assert [(u.command, u.line) for u in s.unparsed] == [("AT#MONI", row)]


# The LM960 fixture's #RFSTS row (a MikroTik forum capture, completed as the fixture says), in
# the guide's order <PLMN>,<EARFCN>,<RSRP>,<RSSI>,<RSRQ>,<TAC>,<RAC>,[<TXPWR>],<DRX>,<MM>,<RRC>,
# <CID>,<IMSI>,[<NetNameAsc>],<SD>,<ABND>[,<T3402>,<T3412>,<SINR>] (see fiveg.vendors.telit);
# the tests below change one field of it at a time.
ROW = [
    '"310 410"', "800", "-93", "-59", "-14", "8B1E", "255", "-5", "1280", "19", "2",
    "A204B1C", '"310410000000000"', '"AT&T"', "3", "2",
]  # fmt: skip


def rfsts(fields: list[str]):
    return telit.parse_snapshot({"AT#RFSTS": ["#RFSTS: " + ",".join(fields)]}, time=T0)


def with_field(i: int, value: str) -> list[str]:
    return [value if n == i else v for n, v in enumerate(ROW)]


def test_rfsts_sinr_is_the_third_field_after_abnd():
    (lte,) = rfsts([*ROW, "12", "54", "17"]).serving
    assert (lte.sinr_raw, lte.sinr) == (17, None)


def test_rfsts_without_net_name_is_anchored_on_the_imsi_itself():
    # [<NetNameAsc>] is optional: left empty, the IMSI is the last quoted field
    (lte,) = rfsts(with_field(13, "")).serving
    assert (lte.cell_id, lte.band) == (0xA204B1C, 2)


def test_rfsts_with_no_quotes_and_no_imsi_still_gives_its_leading_fields():
    fields = [v.strip('"') for v in ROW[:12]]  # up to <CID>: nothing to anchor on
    (lte,) = rfsts(fields).serving
    assert (lte.mcc, lte.mnc, lte.arfcn, lte.rsrp, lte.rssi, lte.rsrq, lte.tac) == (
        "310",
        "410",
        800,
        -93,
        -59,
        -14,
        0x8B1E,
    )
    assert (lte.cell_id, lte.band) == (None, None)
    (six,) = rfsts(fields[:6]).serving  # the leading five and <TAC> are enough
    assert (six.rsrp, six.tac) == (-93, 0x8B1E)
    assert rfsts(fields[:5]).serving == ()


def test_rfsts_ending_before_abnd_has_no_band():
    (lte,) = rfsts(ROW[:15]).serving
    assert (lte.cell_id, lte.band) == (0xA204B1C, None)


@pytest.mark.parametrize(("i", "value"), [(2, "x"), (3, "x"), (4, "x"), (2, "0"), (2, "12")])
def test_rfsts_without_negative_signal_readings_is_left_alone(i, value):
    # a non-numeric or non-negative RSRP (or RSSI, RSRQ): another RAT's layout, kept raw
    s = rfsts(with_field(i, value))
    assert s.serving == () and len(s.unparsed) == 1


def test_rfsts_earfcn_and_band_at_the_bottom_of_their_ranges():
    # EARFCN 0 is band 1's lowest downlink channel: 2110 + 0.1 * (0 - 0) MHz (TS 36.101
    # table 5.7.3-1), and band 1 a band like any other
    band_1 = with_field(15, "1")
    (lte,) = rfsts([band_1[0], "0", *band_1[2:]]).serving
    assert (lte.arfcn, lte.band, lte.frequency_mhz) == (0, 1, 2110.0)
    (odd,) = rfsts(with_field(1, "x")).serving
    assert (odd.arfcn, odd.frequency_mhz, odd.rsrp) == (None, None, -93)
    (no_band,) = rfsts(with_field(15, "x")).serving
    assert no_band.band is None


@pytest.mark.parametrize(
    ("payload", "flags"),
    [
        ('"a",b,"c"', [True, False, True]),
        ("a,,b", [False, False, False]),
        (' "a" , b', [True, False]),
        ('"a,b",c', [True, False]),
        ("a,", [False, False]),
        ("", [False]),
    ],
)
def test_quoted_says_which_fields_were_written_in_quotes(payload, flags):
    assert telit._quoted(payload) == flags


def test_rfsts_tac_filler_and_a_filler_elsewhere():
    # FFFF where the TAC stands is no TAC, in either case; FFFF in <RAC> leaves the TAC alone
    for filler in ("FFFF", "ffff"):
        (lte,) = rfsts(with_field(5, filler)).serving
        assert lte.tac is None
    (lte,) = rfsts(with_field(6, "FFFF")).serving
    assert lte.tac == 0x8B1E


def test_rfsts_band_255_is_no_band():
    # no E-UTRA operating band is numbered 255 (3GPP TS 36.101 table 5.5-1)
    (lte,) = rfsts(with_field(15, "255")).serving
    assert lte.band is None


def test_a_caret_row_is_read_only_right_after_its_header():
    row = ",".join(ROW)
    s = telit.parse_snapshot({"AT^RFSTS?": ["^RFSTS:", row]}, time=T0)
    assert [c.arfcn for c in s.serving] == [800]
    # a row with no header before it is a stray line, not a cell
    stray = telit.parse_snapshot({"AT^RFSTS?": [row]}, time=T0)
    assert stray.serving == () and [u.line for u in stray.unparsed] == [row]
    # after the header, another command's line is not taken for the row
    for other in ("+CSQ: 20,99", "#MONI: x", "^FOO: 1"):
        s = telit.parse_snapshot({"AT^RFSTS?": ["^RFSTS:", other, row]}, time=T0)
        assert s.serving == (), other


def test_temperatures_keep_their_raw_text_and_a_bad_one_is_kept_unparsed():
    answers = {"AT#TEMPSENS=2": ["#TEMPSENS: TSENS,26", "#TEMPSENS: PA_THERM1", "#TEMPSENS: X,hot"]}
    s = telit.parse_snapshot(answers, time=T0, model="LM960A18")
    assert [(t.sensor, t.celsius, t.raw) for t in s.temperatures] == [("TSENS", 26, "26")]
    assert [u.line for u in s.unparsed] == ["#TEMPSENS: PA_THERM1", "#TEMPSENS: X,hot"]
    assert (s.time, s.dialect) == (T0, "telit")
    assert s.device.model == "LM960A18"  # the model named by the caller when none answered

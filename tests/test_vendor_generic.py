"""The 3GPP TS 27.007 base: index scales, registration, identity, and the generic dialect.

Scales are 27.007 8.69 (+CESQ), which takes them from TS 36.133 9.1.4/9.1.7
(LTE RSRP/RSRQ) and TS 38.133 10.1.6/10.1.11/10.1.16 (SS-RSRP/RSRQ/SINR):
each index names a range, read as its lower edge.
"""

from __future__ import annotations

import pytest

from fiveg.records import Rat
from fiveg.vendors import generic
from tests.conftest import T0, poll_fixture


@pytest.mark.parametrize(
    ("convert", "index", "expected"),
    [
        (generic.lte_rsrp, 0, -140),  # "rsrp < -140": the open bin reads as its one edge
        (generic.lte_rsrp, 1, -140),  # -140 <= rsrp < -139
        (generic.lte_rsrp, 97, -44),  # -44 <= rsrp
        (generic.lte_rsrp, 98, None),
        (generic.lte_rsrp, 255, None),  # not known or not detectable
        (generic.lte_rsrq, 0, -19.5),  # "rsrq < -19.5 dB", not -20: no bin names -20
        (generic.lte_rsrq, 1, -19.5),
        (generic.nr_rsrp, 0, -156),  # "ss_rsrp < -156"
        (generic.nr_rsrq, 0, -43),
        (generic.nr_sinr, 0, -23),
        (generic.lte_rsrq, 34, -3),
        (generic.lte_rsrq, 35, None),
        (generic.nr_rsrp, 1, -156),
        (generic.nr_rsrp, 126, -31),
        (generic.nr_rsrp, 127, None),
        (generic.nr_rsrq, 1, -43),
        (generic.nr_rsrq, 127, 20),
        (generic.nr_sinr, 1, -23),
        (generic.nr_sinr, 57, 5),
        (generic.nr_sinr, 127, 40),
        (generic.nr_sinr, 255, None),
        (generic.nr_sinr, None, None),
    ],
)
def test_cesq_index_scales(convert, index, expected):
    assert convert(index) == expected


def test_cesq_with_and_without_the_nr_fields():
    both = generic.parse_cesq(" 17,99,255,255,4,29,75,52,57")
    assert (both.lte_rsrq, both.lte_rsrp) == (-18, -112)
    assert (both.nr_rsrq, both.nr_rsrp, both.nr_sinr) == (-6, -105, 5)
    lte_only = generic.parse_cesq(" 99,99,255,255,12,48")
    assert (lte_only.lte_rsrq, lte_only.lte_rsrp, lte_only.nr_sinr) == (-14, -93, None)
    assert generic.parse_cesq(" 99,99") is None


def test_registration_with_and_without_location():
    assert generic.parse_registration(" 0,1") == generic.Registration(stat=1)
    full = generic.parse_registration(' 2,1,"1A2B","0012345A",7')
    assert (full.stat, full.tac, full.cell_id, full.act) == (1, 0x1A2B, 0x12345A, 7)
    assert generic.parse_registration(" 0") is None  # the mode alone, as an FM350 answers


def test_ati_in_both_shapes():
    labelled = generic.parse_ati(
        ["Manufacturer: Qualcomm", "Model: T99W175", "Revision: X 1", "IMEI:", "+GCAP: +CGSM"]
    )
    assert (labelled.manufacturer, labelled.model, labelled.revision) == (
        "Qualcomm",
        "T99W175",
        "X 1",
    )
    assert labelled.imei is None  # an empty IMEI line is no IMEI
    bare = generic.parse_ati(["Quectel", "RM520N-GL", "Revision: RM520NGLAAR03A03M4G"])
    assert (bare.manufacturer, bare.model, bare.revision) == (
        "Quectel",
        "RM520N-GL",
        "RM520NGLAAR03A03M4G",
    )


def test_plus_cgmx_bare_or_prefixed():
    assert generic.parse_value(["Qualcomm"]) == "Qualcomm"
    assert generic.parse_value(['+CGMI: "Telit"']) == "Telit"
    assert generic.parse_value([]) is None


def test_generic_fixture_exact_values():
    result, heard = poll_fixture("generic_t99w175_endc.at")
    s = result.snapshot
    assert (s.dialect, result.chosen_by) == ("generic", "fallback")
    # ATI named no maker fiveg knows, so +CGMI/+CGMM were asked before falling back
    assert heard[:4] == ["ATI", "AT+CGSN", "AT+CGMI", "AT+CGMM"]
    assert s.device.manufacturer == "Qualcomm" and s.device.model == "T99W175"
    assert s.device.imei == "490154203237518"  # ATI's IMEI line is empty; +CGSN has it
    assert (s.operator.mcc, s.operator.mnc) == ("262", "02")  # '+COPS:0,2,...' (no space)
    assert s.signal.rssi == -79
    assert s.state == "REGISTERED"
    assert s.network[0].access_technology == "LTE-NR EN-DC"  # +COPS <AcT> 13
    lte, nr = s.serving
    assert (lte.rat, lte.rsrp, lte.rsrq, lte.sinr) == (Rat.LTE, -112, -18, None)
    assert (lte.tac, lte.cell_id, lte.enodeb_id, lte.sector_id) == (0x1A2B, 0x12345A, 4660, 90)
    assert (nr.rat, nr.rsrp, nr.rsrq, nr.sinr) == (Rat.NR5G_NSA, -105, -6, 5)
    assert [u.line for u in s.unparsed] == ["+C5GREG: 0"]
    assert s.errors == ()


def test_an_sa_modem_on_cesq_alone_is_nr_sa():
    answers = {
        "AT+COPS?": ['+COPS: 0,2,"310260",11'],
        "AT+CESQ": ["+CESQ: 99,99,255,255,255,255,80,60,70"],
    }
    s = generic.parse_snapshot(answers, time=T0)
    (cell,) = s.serving
    assert (cell.rat, cell.rsrp, cell.rsrq, cell.sinr) == (Rat.NR5G_SA, -97, -3.5, 11.5)
    assert s.network[0].access_technology == "NR (5GC)"

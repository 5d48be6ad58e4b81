"""The 3GPP TS 27.007 base: index scales, registration, identity, and the generic dialect.

Scales are 27.007 8.69 (+CESQ), which takes them from TS 36.133 9.1.4/9.1.7
(LTE RSRP/RSRQ) and TS 38.133 10.1.6/10.1.11/10.1.16 (SS-RSRP/RSRQ/SINR):
each index names a range, read as its lower edge.
"""

from __future__ import annotations

import json

import pytest

from fiveg.at.replay import Responder
from fiveg.at.transcript import load
from fiveg.records import Operator, Rat
from fiveg.sim import PtySimulator
from fiveg.vendors import generic
from fiveg.vendors.fields import decode_ucs2, split_fields, ucs2_digits
from tests.conftest import T0, fixture_path, poll_fixture, run_installed


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
    assert heard[:5] == ["ATI", "AT+COPS?", "AT+CSQ", "AT+CGMI", "AT+CGMM"]
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


# ---------------------------------------------------------------- fields: quotes and UCS2


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (' 0,0,"Vodafone, DE",7', ["0", "0", "Vodafone, DE", "7"]),  # a comma inside quotes
        (' 0,0,"AT&T",7', ["0", "0", "AT&T", "7"]),  # no comma inside: the quick path
        (' "a,b","c,d",1', ["a,b", "c,d", "1"]),  # two quoted commas
        (' "",0,"x"', ["", "0", "x"]),  # an empty string stays a field
        (" 28,99", ["28", "99"]),  # no quotes at all
        (' "one, two, three"', ["one, two, three"]),
    ],
)
def test_split_fields_keeps_quoted_commas_in_one_field(payload, expected):
    assert split_fields(payload) == expected


def test_cops_name_with_a_comma_is_one_name_and_the_act_stays_the_act():
    assert generic.parse_cops(' 0,0,"Vodafone, DE",7') == Operator(name="Vodafone, DE")
    assert generic.cops_act(' 0,0,"Vodafone, DE",7') == 7  # not "DE"


def test_ucs2_decoding_refuses_what_cannot_be_ucs2():
    # 27.007 5.5: "004100620063" is "Abc"
    assert decode_ucs2("004100620063") == "Abc"
    assert decode_ucs2("4E2D56FD75354FE1") == "中国电信"
    for text in ("", "00410", "T-Mobile", "0041 0042", "D800", "0007", "0041000A"):
        assert decode_ucs2(text) is None, text  # odd, not hex, a lone surrogate, controls
    assert ucs2_digits("003300310030003200360030") == "310260"
    assert ucs2_digits("0032003600320030003100") is None  # 22 digits: no PLMN
    assert ucs2_digits("0054002D004D006F00620069") is None  # "T-Mobi": not digits
    assert ucs2_digits("310260") is None


def test_cops_in_ucs2_decodes_the_numeric_form_only():
    # a modem left in AT+CSCS="UCS2" prints <oper> as UCS2 hex (27.007 5.5, 7.3)
    numeric = generic.parse_cops(' 0,2,"003300310030003200360030",7')
    assert (numeric.mcc, numeric.mnc) == ("310", "260")
    # the long form: nothing in the line says UCS2, so the name is kept as printed
    alpha = generic.parse_cops(' 0,0,"0054002D004D006F00620069006C0065",7')
    assert alpha == Operator(name="0054002D004D006F00620069006C0065")
    assert generic.parse_cops(' 0,1,"1234",7') == Operator(short_name="1234")


def test_cops_ucs2_through_the_generic_dialect_keeps_the_raw_name():
    answers = {"AT+COPS?": ['+COPS: 0,0,"0054002D004D006F00620069006C0065",7']}
    s = generic.parse_snapshot(answers, time=T0)
    assert s.operator.name == "0054002D004D006F00620069006C0065"
    assert s.network[0].access_technology == "LTE" and s.unparsed == ()


@pytest.mark.parametrize(
    ("name", "operator"),
    [
        # constructed: +COPS: 0,0,"Vodafone, DE",7, no +QSPN
        ("rm520n_cops_quoted_comma.at", {"name": "Vodafone, DE", "short_name": None}),
        # real +QSPN in UCS2 (<alphabet> 1): the names decoded; +COPS's hex name stands behind
        ("rm520n_qspn_ucs2.at", {"name": "CHN-CT", "short_name": "CT", "mcc": "460", "mnc": "11"}),
    ],
)
def test_installed_5g_info_json_operator_names(name, operator):
    """The whole path (pty, session, framer, detection, parser, JSON) keeps the name whole."""
    responder = Responder(load(fixture_path(name)))
    with PtySimulator(responder) as server:
        result = run_installed("5g-info", "--json", "--port", server.path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {k: data["operator"][k] for k in operator} == operator
    (cell,) = data["serving"]
    if name == "rm520n_cops_quoted_comma.at":
        # the serving line after it is read in full: "LTE","FDD",262,02,1B2F00C,412,6300,20,2,3,...
        assert (cell["pci"], cell["band"], cell["ul_bandwidth_mhz"], cell["dl_bandwidth_mhz"]) == (
            412,
            20,
            5.0,
            10.0,
        )
    assert data["unparsed"] == []

"""What every dialect stands on: field helpers, glued records, detection and the registry."""

from __future__ import annotations

import pytest

from fiveg.records import Device, Rat
from fiveg.vendors import detect, generic
from fiveg.vendors.dialect import CommandSet, Dialect, reply_prefix, unglue
from fiveg.vendors.fields import (
    NO_VALUE,
    celsius,
    glue_splitter,
    number,
    split_fields,
    split_plmn,
    to_hex,
    to_int,
    within,
)
from fiveg.vendors.registry import DIALECTS, GENERIC, NAMES, by_name
from tests.conftest import T0

# --- fields ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        (" 28,99", ["28", "99"]),
        ("1,,2,", ["1", "", "2", ""]),  # empty fields keep their place
        ('"servingcell","NOCONN","LTE"', ["servingcell", "NOCONN", "LTE"]),
        (' 0,0,"Vodafone, IT",7', ["0", "0", "Vodafone, IT", "7"]),  # a comma inside quotes
        ('"a,b" , "c" ,d', ["a,b", "c", "d"]),
        ('"x","a,b"', ["x", "a,b"]),  # quotes without a comma before the one with
        ("", [""]),
    ],
)
def test_split_fields(payload, fields):
    assert split_fields(payload) == fields


@pytest.mark.parametrize("marker", sorted(NO_VALUE))
def test_every_no_value_marker_reads_as_none(marker):
    assert to_int(marker) is None
    assert to_hex(marker) is None


def test_to_int_and_to_hex_read_only_what_they_are_given_as():
    assert (to_int("12"), to_int("-85"), to_int("0")) == (12, -85, 0)
    assert to_int(None) is None
    assert (to_int("1.5"), to_int("0x1A"), to_int("FF")) == (None, None, None)
    assert (to_hex("1A2B"), to_hex("ff"), to_hex("0")) == (0x1A2B, 255, 0)
    assert to_hex(None) is None
    assert to_hex("XYZ") is None


def test_within_keeps_both_ends():
    assert (within(0, 0, 503), within(503, 0, 503), within(250, 0, 503)) == (0, 503, 250)
    assert (within(-1, 0, 503), within(504, 0, 503), within(None, 0, 503)) == (None, None, None)


@pytest.mark.parametrize(
    ("plmn", "parts"),
    [
        ("22201", ("222", "01")),  # two-digit MNC
        ("310260", ("310", "260")),  # three-digit MNC
        ("222 01", ("222", "01")),
        ("2220", (None, None)),
        ("3102601", (None, None)),
        ("ABCDE", (None, None)),
        ("", (None, None)),
        (None, (None, None)),
    ],
)
def test_split_plmn(plmn, parts):
    assert split_plmn(plmn) == parts


def test_number_prints_a_whole_reading_as_an_integer():
    assert number(-85.0) == -85 and type(number(-85.0)) is int
    assert number(-85.5) == -85.5
    assert type(number(3)) is int


def test_celsius_keeps_what_a_module_survives():
    assert (celsius(-40), celsius(125), celsius(41.5)) == (-40, 125, 41.5)
    assert (celsius(-41), celsius(126), celsius(-273), celsius(None)) == (None,) * 4


def test_glue_splitter_cuts_at_every_prefix_outside_quotes():
    split = glue_splitter(("+QCAINFO:", "+CSQ:"))
    pcc, scc = '+QCAINFO: "PCC",1', '+QCAINFO: "SCC",2'
    assert split(f"{pcc} {scc}") == [pcc, scc]
    assert split("+CSQ: 28,99+QCAINFO: x") == ["+CSQ: 28,99", "+QCAINFO: x"]
    # a prefix inside an operator name is text, and the line's own prefix is not a cut
    line = '+QSPN: "+CSQ: net","x",0'
    assert split(line) == [line]
    assert split(line)[0] is line  # nothing glued: handed on as it is
    assert split("plain text") == ["plain text"]


def test_glue_splitter_cuts_at_every_one_of_its_prefixes():
    split = glue_splitter(("+A:", "+BB:", "+CCC:", "^DDDD:"))
    assert split("+A: 1 +BB: 2 +CCC: 3 ^DDDD: 4 +A: 5") == [
        "+A: 1",
        "+BB: 2",
        "+CCC: 3",
        "^DDDD: 4",
        "+A: 5",
    ]
    assert split("x+A: 1") == ["x", "+A: 1"]  # anywhere past the line's first character


def test_glue_splitter_counts_quotes_from_the_start_of_the_line():
    split = glue_splitter(("+CSQ:",))
    # a quote opened at the very start, or left open, hides every prefix after it
    assert split('"NR5G +CSQ: 2"') == ['"NR5G +CSQ: 2"']
    assert split('+COPS: 0,0,"open +CSQ: 2') == ['+COPS: 0,0,"open +CSQ: 2']
    assert split('"a","b" +CSQ: 2') == ['"a","b"', "+CSQ: 2"]


def test_glue_splitter_without_prefixes_cuts_nothing():
    assert glue_splitter(())("+CSQ: 1 +CSQ: 2") == ["+CSQ: 1 +CSQ: 2"]


# --- dialect ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "prefix"),
    [
        ("AT+CSQ", "+CSQ:"),
        ("AT+COPS?", "+COPS:"),
        ('AT+QNWPREFCFG="mode_pref"', "+QNWPREFCFG:"),
        ("AT+CSQ;+CESQ", "+CSQ:"),
        ("AT^MONSC", "^MONSC:"),
        ("+CPSI?", "+CPSI:"),  # already without AT
    ],
)
def test_reply_prefix_of_more_commands(command, prefix):
    assert reply_prefix(command) == prefix


def test_unglue_hands_clean_answers_on_and_cuts_glued_ones():
    split = glue_splitter(("+QCAINFO:",))
    clean = ['+QCAINFO: "PCC",1', '+QCAINFO: "SCC",2']
    glued = ["head", '+QCAINFO: "PCC",1 +QCAINFO: "SCC",2', "tail"]
    out = unglue({"AT+QCAINFO": clean, "AT+X": glued, "AT+NONE": []}, split)
    assert out["AT+QCAINFO"] is clean
    assert out["AT+X"] == ["head", '+QCAINFO: "PCC",1', '+QCAINFO: "SCC",2', "tail"]
    assert out["AT+NONE"] == []
    assert glued[1].count("+QCAINFO:") == 2  # the caller's list is not changed


def test_a_dialect_asks_and_parses_through_its_own_module():
    simcom = by_name("simcom")
    assert isinstance(simcom.commands(None), CommandSet)
    assert "AT+CPSI?" in simcom.commands(None).fast
    # +CPSI: LTE,<Operation Mode>,<MCC>-<MNC>,<TAC>,<SCellID>,<PCellID>,<Frequency Band>,
    # <earfcn>,<dlbw>,<ulbw>,<RSRQ>,<RSRP>,<RSSI>,<RSSNR> (SIM7500_SIM7600 Series AT Command
    # Manual, AT+CPSI, as cited in fiveg.vendors.simcom), with "+CPSI: NO SERVICE,<Operation
    # Mode>" glued onto it
    lte = "+CPSI: LTE,Online,262-02,0x1A2B,12345678,246,EUTRAN-BAND3,1300,5,5,-100,-900,-600,15"
    answers = {"AT+CPSI?": [lte + " +CPSI: NO SERVICE,Online"]}
    snap = simcom.parse(answers, time=T0)
    assert snap.dialect == "simcom" and snap.time == T0
    # the glued second record was cut off before the parser saw it: it did not end up in the LTE
    # cell, and it set the state, as a record of its own does
    assert [c.rat for c in snap.serving] == [Rat.LTE]
    assert snap.state == "NO SERVICE"


# --- registry ----------------------------------------------------------------------------


def test_by_name_finds_every_dialect_and_refuses_others():
    assert [by_name(n) for n in NAMES] == list(DIALECTS)
    assert by_name("generic") is GENERIC
    with pytest.raises(KeyError):
        by_name("nokia")
    with pytest.raises(KeyError):
        by_name("")


# --- detect -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texts", "name"),
    [
        (["Quectel"], "quectel"),
        (["Manufacturer: Fibocom Wireless Inc."], "fibocom"),
        (["Sierra Wireless, Incorporated"], "sierra"),
        (["SIMCOM INCORPORATED"], "simcom"),
        (["Telit"], "telit"),
        (["Huawei Technologies Co., Ltd."], "huawei"),
        (["TD Tech Ltd."], "huawei"),
        ([None, "", "Quectel"], "quectel"),  # missing texts are skipped, not an end
        (["Foxconn", "Telit LM960"], "telit"),
        (["Quectel", "Telit"], "quectel"),  # the first text that names a maker wins
    ],
)
def test_from_text_names_the_maker(texts, name):
    assert detect.from_text(texts) is by_name(name)


def test_from_text_without_a_known_maker_is_none():
    assert detect.from_text(["Foxconn", "T99W175"]) is None
    assert detect.from_text([None, ""]) is None
    assert detect.from_text([]) is None
    assert detect.from_text(["sierra"]) is None  # Sierra's maker words are "sierra wireless"


def test_from_usb_vendor_and_from_recording():
    assert detect.from_usb_vendor(0x2C7C) is by_name("quectel")
    assert detect.from_usb_vendor(0x1199) is by_name("sierra")
    assert detect.from_usb_vendor(0x12D1) is by_name("huawei")
    assert detect.from_usb_vendor(0x0000) is None
    assert detect.from_usb_vendor(None) is None
    assert detect.from_recording("telit") is by_name("telit")
    assert detect.from_recording("nokia") is None
    assert detect.from_recording("") is None
    assert detect.from_recording(None) is None


def test_choose_says_what_decided():
    assert detect.choose(["Quectel"], usb_vendor=0x1199, recorded="telit") == (
        by_name("quectel"),
        "identity",
    )
    assert detect.choose(["Foxconn"], usb_vendor=0x1199, recorded="telit") == (
        by_name("sierra"),
        "USB vendor 1199",
    )
    assert detect.choose([], usb_vendor=0x12D1)[1] == "USB vendor 12d1"
    assert detect.choose([None], usb_vendor=0x9999, recorded="telit") == (
        by_name("telit"),
        "recording",
    )
    assert detect.choose([], recorded="nokia") == (GENERIC, "fallback")
    assert detect.choose(iter(["Telit"])) == (by_name("telit"), "identity")  # any iterable


class Modem:
    """Answers probes as a modem would: each command's lines, or a refusal (False)."""

    def __init__(self, replies: dict[str, list[str] | None]):
        self.replies = replies
        self.asked: list[str] = []

    def __call__(self, answers):
        def probe(command: str) -> bool:
            self.asked.append(command)
            lines = self.replies.get(command)
            if lines is None:
                return False
            answers[command] = lines
            return True

        return probe


def test_from_replies_takes_the_first_probe_answered_in_its_own_shape():
    answers: dict[str, list[str]] = {}
    modem = Modem(
        {
            'AT+QENG="servingcell"': ["ERROR?"],  # answered, but not as +QENG: an echo or noise
            "AT+CPSI?": ["+CPSI: LTE,Online,262-02"],
        }
    )
    found = detect.from_replies(modem(answers), answers)
    assert found is by_name("simcom")
    # every probe up to SIMCom's was asked, in the registry's order, and none after it
    order = [c for d in DIALECTS for c in d.probes]
    assert modem.asked == order[: order.index("AT+CPSI?") + 1]
    # the answer that showed nothing is dropped, the one that decided is kept for the parser
    assert answers == {"AT+CPSI?": ["+CPSI: LTE,Online,262-02"]}


def test_from_replies_skips_probes_already_answered_and_may_find_nothing():
    answers = {'AT+QENG="servingcell"': ["+QENG: x"]}  # asked before: not asked again
    modem = Modem({})
    assert detect.from_replies(modem(answers), answers) is None
    assert 'AT+QENG="servingcell"' not in modem.asked
    assert modem.asked == [c for d in DIALECTS for c in d.probes][1:]
    assert answers == {'AT+QENG="servingcell"': ["+QENG: x"]}


def test_a_dialect_is_a_plain_named_tuple_with_empty_defaults():
    d = Dialect(name="x", label="X", models="", reports="")
    assert (d.makers, d.usb_vendors, d.module, d.probes) == ((), (), "", ())


# --- generic: the 27.007 base --------------------------------------------------------------


def test_the_generic_dialect_polls_cesq_fast_and_the_rest_slowly():
    c = generic.commands(None)
    assert c.fast == ("AT+CESQ",)
    assert c.slow == ("AT+COPS?", "AT+CSQ", "AT+CEREG?", "AT+C5GREG?")
    assert set(c.fast) | set(c.slow) <= set(c.info)


def test_a_line_nobody_reads_is_kept_with_its_command():
    s = generic.parse_snapshot({"AT+CSQ": ["+CSQ: 28,99", "what is this"]}, time=T0)
    assert [(u.command, u.line) for u in s.unparsed] == [("AT+CSQ", "what is this")]
    assert (s.time, s.dialect, s.signal.rssi) == (T0, "generic", -113 + 2 * 28)


def test_the_callers_model_stands_when_the_modem_names_none():
    s = generic.parse_snapshot({"AT+CSQ": ["+CSQ: 28,99"]}, time=T0, model="T99W175")
    assert s.device.model == "T99W175"


@pytest.mark.parametrize("convert", [generic.nr_rsrq, generic.nr_sinr])
def test_nr_rsrq_and_sinr_indices_stop_at_127(convert):
    # 27.007 8.69: <ss_rsrq> and <ss_sinr> are 0..127, 255 "not known or not detectable"
    assert convert(127) is not None
    assert convert(128) is None


def test_labelled_ati_with_only_a_model_or_only_a_maker():
    # Sierra and Fibocom print "Label: value" lines (see generic.parse_ati)
    assert generic.parse_ati(["Model: EM7455", "Revision: SWI9X30C_02.24.05.06"]) == Device(
        model="EM7455", revision="SWI9X30C_02.24.05.06"
    )
    assert generic.parse_ati(["Manufacturer: Sierra Wireless, Incorporated"]) == Device(
        manufacturer="Sierra Wireless, Incorporated"
    )


def test_labelled_ati_keeps_an_imei_only_when_it_is_one():
    # an IMEI is 15 digits (3GPP TS 23.003 6.2.1), 16 with the software version (IMEISV)
    lines = ["Manufacturer: Sierra Wireless, Incorporated", "Model: EM7455"]
    assert generic.parse_ati([*lines, "IMEI: 359072060123456"]).imei == "359072060123456"
    assert generic.parse_ati([*lines, "IMEI: 12345"]).imei is None
    assert generic.parse_ati(lines).imei is None


def test_a_numeric_operator_in_ucs2_is_read_and_a_malformed_one_kept_raw():
    # 27.007 7.3 numeric <oper> (3 MCC and 2 or 3 MNC digits), here printed as UCS2 hex
    # (27.007 5.5, +CSCS="UCS2"): "003200360032003000320030" is "262020"
    s = generic.parse_snapshot({"AT+COPS?": ['+COPS: 0,2,"003200360032003000320030",7']}, time=T0)
    assert (s.operator.mcc, s.operator.mnc, s.unparsed) == ("262", "020", ())
    bad = generic.parse_snapshot({"AT+COPS?": ['+COPS: 0,2,"ABCDE",7']}, time=T0)
    assert (bad.operator.mcc, [u.line for u in bad.unparsed]) == (None, ['+COPS: 0,2,"ABCDE",7'])

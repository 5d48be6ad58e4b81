"""Edges of the Fibocom, generic 3GPP and field helpers that other tests leave open.

Expected values come from the definitions cited in fiveg/vendors/fibocom.py,
generic.py and fields.py (Fibocom FM350 manual V2.10 11.1.15/11.1.16, L860 manual
V3.2.3, 3GPP TS 27.007, TS 36.101/36.133, TS 38.104/38.133) and the fixtures'
own citations, worked out by hand, not read back from the parser.
"""

from __future__ import annotations

import pytest

from fiveg.records import Carrier, Device, Neighbour, NetworkInfo, Rat, Role, ServingCell, Unparsed
from fiveg.vendors import fibocom, generic, registry
from fiveg.vendors.dialect import unglue
from fiveg.vendors.fields import glue_splitter, ucs2_digits
from tests.conftest import T0, reply_lines, snapshot_of


def fibocom_parse(answers, model=None):
    return fibocom.parse_snapshot(answers, time=T0, model=model)


# ---------------------------------------------------------------- Fibocom +GTCCINFO


def test_gtccinfo_neighbour_pci_edges_lte_0_503_nr_0_1007():
    # No "<RAT> service cell:" headers: MediaTek firmware, decimal (module docstring);
    # EARFCN 1850 lies in B3 (DL 1200..1949) read as decimal only, so the reply votes 10.
    # Neighbour rows: ...,<arfcn>,<pci>,<bandwidth (LTE) or ss_sinr (NR)>,<rxlev>,<rsrp>,<rsrq>.
    rows = [
        "1,4,262,03,1A2B,12345AB,1850,123,103,100,-7,46,44,13",
        "2,4,262,03,1A2C,12345AC,1850,0,100,50,40,20",
        "2,4,262,03,1A2D,12345AD,1850,503,100,51,42,22",
        "2,4,262,03,1A2E,12345AE,1850,504,100,52,43,23",
        "2,9,262,03,1A2F,123456789,645312,0,84,53,59,69",
        "2,9,262,03,1A30,12345678A,645312,1007,85,54,60,71",
        "2,9,262,03,1A31,12345678B,645312,1008,86,55,61,72",
    ]
    s = fibocom_parse({"AT+GTCCINFO?": ["+GTCCINFO:", *rows]})
    (lte,) = s.serving
    assert lte == ServingCell(
        rat=Rat.LTE,
        mcc="262",
        mnc="03",
        tac=0x1A2B,
        cell_id=0x12345AB,
        enodeb_id=0x12345,
        sector_id=0xAB,
        arfcn=1850,
        pci=123,
        band=3,  # <band> 103 = 100 + 3
        frequency_mhz=1870.0,  # 1805 + 0.1 * (1850 - 1200), TS 36.101 5.7.3
        dl_bandwidth_mhz=20.0,  # 100 resource blocks
        sinr_raw=-7,
        rsrp=44 - 141,
        rsrq=-20 + 0.5 * 13,
    )
    lte_mhz, nr_mhz = 1870.0, 3679.68  # NR-ARFCN 645312: 3000 + 0.015 * (645312 - 600000)

    def lte_n(pci, rsrp, rsrq):
        return Neighbour(
            rat=Rat.LTE,
            kind="intra",
            arfcn=1850,
            frequency_mhz=lte_mhz,
            pci=pci,
            rsrp=rsrp - 141,
            rsrq=-20 + 0.5 * rsrq,
        )

    def nr_n(pci, sinr_raw, rsrp, rsrq):
        return Neighbour(
            rat=Rat.NR5G,
            kind="inter",  # no NR serving cell on 645312
            arfcn=645312,
            frequency_mhz=nr_mhz,
            pci=pci,
            rsrp=rsrp - 157,
            rsrq=-43.5 + 0.5 * rsrq,
            sinr_raw=sinr_raw,
        )

    assert list(s.neighbours) == [
        lte_n(0, 40, 20),
        lte_n(503, 42, 22),
        lte_n(None, 43, 23),  # 504: past the LTE range 0..503
        nr_n(0, 84, 59, 69),
        nr_n(1007, 85, 60, 71),
        nr_n(None, 86, 61, 72),  # 1008: past the NR range 0..1007
    ]
    assert s.unparsed == ()


def test_gtccinfo_qualcomm_nr_sa_decimal_by_band_and_ffff_tac_filler():
    # Qualcomm firmware (headers): the radix comes from the rows. NR-ARFCN 645312 read as
    # decimal is 3679.68 MHz, inside n78 (<band> 5078); as hex (6574866) it is no NR-ARFCN
    # at all (TS 38.104 5.4.2.1 ends at 3279165), so the reply is decimal. TAC FFFF is
    # Fibocom's all-F "no value".
    row = "1,9,262,03,FFFF,123456789,645312,500,5078,100,85,53,60,70"
    s = fibocom_parse({"AT+GTCCINFO?": ["+GTCCINFO:", "NR service cell:", row]})
    assert s.serving == (
        ServingCell(
            rat=Rat.NR5G_SA,  # no LTE serving row: no anchor
            mcc="262",
            mnc="03",
            tac=None,
            cell_id=0x123456789,
            arfcn=645312,
            pci=500,
            band=78,
            frequency_mhz=3679.68,
            sinr_raw=85,
            rsrp=60 - 157,
            rsrq=-43.5 + 0.5 * 70,
        ),
    )
    assert s.unparsed == ()


def test_gtccinfo_undecided_radix_keeps_a_row_with_channel_but_no_pci_raw():
    # Headers (not MediaTek), no A-F digit and no <band> to vote: the radix stays open,
    # so a row whose channel is printed is kept raw, even when its <pci> is blank.
    row = "1,4,262,03,1A2B,12345AB,100,,,100,-7,46,44,13"
    s = fibocom_parse({"AT+GTCCINFO?": ["+GTCCINFO:", "LTE service cell:", row]})
    (lte,) = s.serving
    assert (lte.arfcn, lte.pci, lte.band, lte.frequency_mhz) == (None, None, None, None)
    assert s.unparsed == (Unparsed(command="AT+GTCCINFO?", line=row),)


def test_gtccinfo_truncated_row_without_comma_is_kept_raw_not_taken_for_a_header():
    # Only "<RAT> service cell:"-style lines (ending in ':', no comma) are headers.
    row = "1,4,262,03,1A2B,12345AB,1850,123,103,100,-7,46,44,13"
    s = fibocom_parse({"AT+GTCCINFO?": ["+GTCCINFO:", row, "1"]})
    assert s.serving[0].arfcn == 1850
    assert s.unparsed == (Unparsed(command="AT+GTCCINFO?", line="1"),)


# ---------------------------------------------------------------- Fibocom +GTCAINFO


def test_gtcainfo_hex_pcc_and_a_short_scc_row():
    # FM160 (Qualcomm) prints hex: PCI 1E4, EARFCN 672 under band 103 is 0x672 = 1650 in B3.
    # PCC (real FM350-GL, ten fields): band,pci,arfcn,dl_bw,ul_bw,dl_mimo,ul_mimo,dl_mod,
    # ul_mod,rsrp; an SCC row of another length reads its shared head only (state,ul_ca,band).
    s = fibocom_parse(
        {"AT+GTCAINFO?": ["+GTCAINFO:", "PCC:103,1E4,672,100,75,2,1,3,1,-95", "SCC 1:2,1,101"]}
    )
    assert list(s.carriers) == [
        Carrier(
            rat=Rat.LTE,
            role=Role.PCC,
            arfcn=0x672,
            band=3,
            frequency_mhz=1850.0,  # 1805 + 0.1 * (1650 - 1200)
            bandwidth_mhz=20.0,  # code 100 = MHz x 5
            bandwidth_raw=100,
            ul_bandwidth_mhz=15.0,
            pci=0x1E4,
            rsrp=-95,
            extra=("dl_mimo=2", "ul_mimo=1", "dl_mod=3", "ul_mod=1"),
        ),
        Carrier(rat=Rat.LTE, role=Role.SCC, band=1, ul_configured=True, state=2),
    ]
    assert s.unparsed == ()


# ---------------------------------------------------------------- Fibocom L8x0


def test_xccinfo_of_ten_fields_and_xcesq_of_eight_are_read():
    # L860 manual 9.1.14/9.1.19 name ten +XCCINFO and eight +XCESQ fields before "...";
    # heads as in fibocom_l860_lte_ca.at (440-51, ci 0558E901, band_info 118, tac 8AA8).
    s = fibocom_parse(
        {
            "AT+XCCINFO?": ['+XCCINFO: 0,440,51,"0558E901",3,118,"FFFF",1,"FF","8AA8"'],
            "AT+XCESQ?": ["+XCESQ: 0,99,99,255,255,19,58,11"],
        }
    )
    assert s.serving == (
        ServingCell(
            rat=Rat.LTE,
            mcc="440",
            mnc="51",
            cell_id=0x0558E901,
            enodeb_id=0x0558E9,
            sector_id=0x01,
            tac=0x8AA8,
            band=18,
            rsrq=-20 + 0.5 * 19,
            rsrp=58 - 141,
            sinr_raw=11,
        ),
    )
    assert s.unparsed == ()


def test_xmci_serving_row_alone_gives_its_plmn():
    # fibocom_l850_xmci_neighbours.at's serving row (type 4): 220-03, TAC 0x4E91, ci 0x9C03,
    # PCI 0x62, EARFCN 0x5DC = 1500 (B3: 1805 + 0.1 * 300), <rsrp> 49, <rsrq> 17, <rssnr> -4.
    line = reply_lines("fibocom_l850_xmci_neighbours.at", "AT+XCCINFO?; +XLEC?; +XMCI=1")[3]
    assert line.startswith("+XMCI: 4,")
    s = fibocom_parse({"AT+XMCI=1": [line]})
    assert s.serving == (
        ServingCell(
            rat=Rat.LTE,
            mcc="220",
            mnc="03",
            tac=0x4E91,
            cell_id=0x9C03,
            enodeb_id=0x9C,
            sector_id=0x03,
            pci=0x62,
            arfcn=1500,
            frequency_mhz=1835.0,
            rsrp=49 - 141,
            rsrq=-20 + 0.5 * 17,
            sinr_raw=-4,
        ),
    )


def test_xlec_pcell_takes_the_serving_cells_channel_and_frequency():
    # +XLEC: 0,2,5,3: two carriers, codes 5 = 20 MHz and 3 = 10 MHz (L860 9.1.16); the first
    # is the PCell, i.e. the +XMCI serving cell: EARFCN 1500, B3 (band_info 103), PCI 98.
    s = snapshot_of("fibocom_l850_xmci_neighbours.at")
    assert list(s.carriers) == [
        Carrier(
            rat=Rat.LTE,
            role=Role.PCC,
            arfcn=1500,
            band=3,
            frequency_mhz=1835.0,
            bandwidth_mhz=20.0,
            bandwidth_raw=5,
            pci=98,
        ),
        Carrier(rat=Rat.LTE, role=Role.SCC, bandwidth_mhz=10.0, bandwidth_raw=3),
    ]


def test_a_second_xlec_record_adds_carriers_and_erases_none():
    s = fibocom_parse({"AT+XLEC?": ["+XLEC: 0,1,5", "+XLEC: 0,1,3"]})
    assert list(s.carriers) == [
        Carrier(rat=Rat.LTE, role=Role.PCC, bandwidth_mhz=20.0, bandwidth_raw=5),
        Carrier(rat=Rat.LTE, role=Role.PCC, bandwidth_mhz=10.0, bandwidth_raw=3),
    ]


# ---------------------------------------------------------------- generic


def test_ati_build_date_alone_names_nothing():
    # real L860-GL: ATI answers only '".Built@Aug-27-2024:18:22:53"' (a line with ':' is not
    # a bare manufacturer or model line)
    lines = reply_lines("fibocom_l860_ati_build_date.at", "ATI")
    assert lines == ['".Built@Aug-27-2024:18:22:53"']
    assert generic.parse_ati(lines) == Device()


def test_csq_rssi_edges():
    # 27.007 8.5: 0 is -113 dBm or less, 2 dBm steps, 31 is -51 dBm or more, 99 not known
    assert [generic.csq_rssi_dbm(i) for i in (-1, 0, 1, 30, 31, 32, 99)] == [
        None,
        -113,
        -111,
        -53,
        -51,
        None,
        None,
    ]


def test_csq_ber_edges():
    # 27.007 8.5 <ber> 0..7, 99 not known
    assert [generic.parse_csq(f"15,{b}").ber for b in (0, 7, 8, 99)] == [0, 7, None, None]


@pytest.mark.parametrize(
    ("kind", "payload", "ok"),
    [
        ("cops", "0", True),
        ("cops", "4", True),
        ("cops", "5", False),  # <mode> 0..4 (27.007 7.3)
        ("cops", '4,0,"Op"', True),
        ("cops", '5,0,"Op"', False),
        ("cops", '0,0,"Op",13', True),
        ("cops", '0,0,"Op",1', False),  # <AcT> 1 is in no table
        ("cops", '0,0,"Op",14', False),
        ("cesq", "63,7,96,49,34,97", True),
        ("cesq", "99,99,255,255,255,255", True),
        ("cesq", "64,7,96,49,34,97", False),  # <rxlev> 0..63, 99
        ("cesq", "63,8,96,49,34,97", False),  # <ber> 0..7, 99
        ("cesq", "63,7,96,49,35,97", False),  # <rsrq> 0..34, 255
        ("cesq", "63,7,96,49,34,97,127,126,127", True),
        ("cesq", "63,7,96,49,34,97,127,127,127", False),  # <ss_rsrp> 0..126, 255
        ("cereg", "1", False),  # <n>,<stat> at least
        ("cereg", "0,1", True),
        ("cereg", "5,8", True),
        ("cereg", "6,1", False),  # <n> 0..5
        ("cereg", "0,6", False),  # <stat> 6 is in no table
    ],
)
def test_well_formed_ranges(kind, payload, ok):
    assert generic.well_formed(kind, payload) is ok


def test_network_info_carries_the_cops_plmn():
    # fibocom_l860_lte_ca.at: +COPS: 0,2,"44051",7: numeric 440-51 on LTE (<AcT> 7)
    s = snapshot_of("fibocom_l860_lte_ca.at")
    assert s.network == (NetworkInfo(access_technology="LTE", mcc="440", mnc="51"),)


def test_network_info_from_cereg_act_without_cops():
    # +CEREG: <n>,<stat>,<tac>,<ci>,<AcT> (27.007 10.1.22): no +COPS, so <AcT> 7 names LTE
    s = generic.parse_snapshot({"AT+CEREG?": ['+CEREG: 2,1,"1A2B","12345AB",7']}, time=T0)
    assert s.network == (NetworkInfo(access_technology="LTE"),)
    assert s.state == "REGISTERED"
    assert s.serving == (
        ServingCell(rat=Rat.LTE, tac=0x1A2B, cell_id=0x12345AB, enodeb_id=0x12345, sector_id=0xAB),
    )


# ---------------------------------------------------------------- fields, dialect, registry


def test_ucs2_digits_only_five_or_six_digit_plmns():
    # 27.007 7.3: 3 MCC and 2 or 3 MNC digits; UCS2 prints each as four hex digits
    def ucs2(digits):
        return "".join(f"{ord(c):04X}" for c in digits)

    assert ucs2_digits(ucs2("26202")) == "26202"
    assert ucs2_digits(ucs2("262020")) == "262020"
    assert ucs2_digits(ucs2("2620")) is None
    assert ucs2_digits(ucs2("2620201")) is None
    assert ucs2_digits(None) is None
    assert ucs2_digits("") is None


def test_glue_splitter_returns_a_line_with_its_prefix_only_at_the_start_as_it_is():
    line = "+CSQ: 20,99 "
    pieces = glue_splitter(("+CSQ:", "+CESQ:"))(line)
    assert pieces == [line]
    assert pieces[0] is line


def test_unglue_hands_on_what_split_makes_of_a_line_even_one_piece():
    answers = {"AT+X": ["a ", "b"]}
    assert unglue(answers, lambda line: [line.strip().upper()]) == {"AT+X": ["A", "B"]}
    same = {"AT+X": ["a", "b"]}
    assert unglue(same, lambda line: [line])["AT+X"] is same["AT+X"]


def test_dialect_parse_passes_the_model_on():
    s = registry.by_name("generic").parse({}, time=T0, model="RM500Q-GL")
    assert s.device.model == "RM500Q-GL"


def test_by_name_unknown_names_the_name():
    with pytest.raises(KeyError) as e:
        registry.by_name("nokia")
    assert e.value.args == ("nokia",)

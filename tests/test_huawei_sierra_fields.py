"""Whole records and range edges for the Huawei, Sierra, SIMCom and Telit parsers.

Every expected value is worked out from the definition the parser's module notes cite (Huawei's
Balong AT code and command tables, the Sierra !GSTATUS/!LTEINFO shapes, the SIMCom +CPSI notes,
the Telit #RFSTS layout, TS 36.101 / TS 38.104 for channel to frequency), not read back from the
parser. Constructed lines give each field a value no other field of the record shares.
"""

from __future__ import annotations

import pytest

from fiveg.records import Neighbour, NetworkInfo, Rat, ServingCell, Temperature, Unparsed
from fiveg.vendors import huawei, sierra, simcom, telit
from fiveg.vendors.fields import split_fields
from tests.conftest import T0, snapshot_of

# ---------------------------------------------------------------- Huawei ^HCSQ


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # <rsrp> 0..97, 1 is -140 <= RSRP < -139: 97 is -44 dBm (-141 + 97), its top bin open
        ('"LTE",59,97,105,20', ("LTE", {"rssi": -62, "rsrp": -44, "sinr": 0.8, "rsrq": -10})),
        # 98 is past the range: no reading (the other three fields still read)
        ('"LTE",59,98,105,20', ("LTE", {"rssi": -62, "rsrp": None, "sinr": 0.8, "rsrq": -10})),
        # 0 is the open bottom bin, "below -140": it reads as that bound, as index 1 does
        ('"LTE",59,0,105,20', ("LTE", {"rssi": -62, "rsrp": -140, "sinr": 0.8, "rsrq": -10})),
        # NR: <rsrp>,<sinr>,<rsrq>, the same RSRP scale; 211 is -20.2 + 0.2 * 211 = 22 dB
        ('"NR",97,211,31', ("NR", {"rssi": None, "rsrp": -44, "sinr": 22, "rsrq": -9})),
        ('"NR",98,211,31', ("NR", {"rssi": None, "rsrp": None, "sinr": 22, "rsrq": -9})),
    ],
)
def test_hcsq_rsrp_range_edges(line, expected):
    assert huawei.hcsq(split_fields(line)) == expected


# ---------------------------------------------------------------- Huawei ^MONSC


def test_monsc_lte_whole_record():
    # ",%u,%X,%X,%X,%d,%d,%d": cell id, PCI and TAC in hex. EARFCN 6350 is B20:
    # TS 36.101 791 + 0.1 * (6350 - 6150) = 811 MHz; ECI 0x1A2B3C is eNodeB 0x1A2B, sector 0x3C
    cell = huawei.monsc(split_fields("LTE,250,02,6350,1A2B3C,131,ABCD,-88,-11,-60"))
    assert cell == ServingCell(
        rat=Rat.LTE,
        mcc="250",
        mnc="02",
        arfcn=6350,
        frequency_mhz=811.0,
        cell_id=0x1A2B3C,
        enodeb_id=0x1A2B,
        sector_id=0x3C,
        pci=0x131,
        tac=0xABCD,
        rsrp=-88,
        rsrq=-11,
        rssi=-60,
    )


def _nr_monsc(pci_hex: str) -> ServingCell | None:
    # <scs> 1 is 30 kHz; NR-ARFCN 633984: TS 38.104 3000 + 0.015 * (633984 - 600000) MHz
    return huawei.monsc(split_fields(f"NR,460,11,633984,1,A1234500C,{pci_hex},ABCDEF,-94,-10,30"))


@pytest.mark.parametrize(("pci_hex", "pci"), [("0", 0), ("3EF", 1007), ("3F0", None)])
def test_monsc_nr_whole_record_and_pci_edges(pci_hex, pci):
    assert _nr_monsc(pci_hex) == ServingCell(
        rat=Rat.NR5G_SA,
        mcc="460",
        mnc="11",
        arfcn=633984,
        frequency_mhz=3509.76,
        scs_khz=30,
        cell_id=0xA1234500C,
        pci=pci,
        tac=0xABCDEF,
        rsrp=-94,
        rsrq=-10,
        sinr=30,
    )


# ---------------------------------------------------------------- Huawei snapshots


def test_hcsq_alone_gives_the_rat_it_names():
    # no ^MONSC: the ^HCSQ reading is the serving cell, of the RAT its line names
    (lte,) = huawei.parse_snapshot({"AT^HCSQ?": ['^HCSQ: "LTE",59,55,105,20']}, time=T0).serving
    assert lte == ServingCell(rat=Rat.LTE, rssi=-62, rsrp=-86, sinr=0.8, rsrq=-10)
    (nr,) = huawei.parse_snapshot({"AT^HCSQ?": ['^HCSQ: "NR",68,211,31']}, time=T0).serving
    assert nr == ServingCell(rat=Rat.NR5G_SA, rsrp=-73, sinr=22, rsrq=-9)


def test_monssc_gaps_are_filled_from_the_hcsq_nr_line():
    # EN-DC: ^MONSSC is the NR leg; its RSRP is empty here, so ^HCSQ's "NR" line (printed after
    # the master node's "LTE" line) gives it: 50 is -141 + 50 = -91 dBm
    answers = {
        "AT^HCSQ?": ['^HCSQ: "LTE",59,55,105,20', '^HCSQ: "NR",50,176,28'],
        "AT^MONSC": ["^MONSC: LTE,460,00,1300,0A1B2C3E,128,5F1D,-72,-7,-45"],
        "AT^MONSSC": ["^MONSSC: NR,504990,1F4,,-11,14,0"],
    }
    s = huawei.parse_snapshot(answers, time=T0)
    lte, nr = s.serving
    assert lte.rat is Rat.LTE
    # SSB 504990: 0.005 * 504990 = 2524.95 MHz; PCI 0x1F4; RSRQ and SINR ^MONSSC's own
    assert nr == ServingCell(
        rat=Rat.NR5G_NSA,
        arfcn=504990,
        frequency_mhz=2524.95,
        pci=0x1F4,
        rsrp=-91,
        rsrq=-11,
        sinr=14,
    )
    assert s.unparsed == ()


def test_sysinfoex_without_submode_name_takes_the_sysmode_name():
    # <srv_status>,<srv_domain>,<roam_status>,<sim_state>,<lock_state>,<sysmode>,
    # <sysmode_name>,<submode>,<submode_name>: sysmode 6 is LTE; the submode name is empty
    answers = {"AT^SYSINFOEX": ["^SYSINFOEX: 2,3,0,1,,6,LTE,101,"]}
    s = huawei.parse_snapshot(answers, time=T0)
    assert s.network == (NetworkInfo(access_technology="LTE"),)
    assert s.unparsed == ()


def _nr_cell_beside_a_20mhz_carrier(ssb: int) -> ServingCell:
    answers = {
        "AT^MONSC": [f"^MONSC: NR,460,00,{ssb},1,C027F5065,114,14225C,-73,-9,23"],
        # a 20 MHz n41 carrier centred on 528960 (2644.8 MHz): 2634.8..2654.8 MHz
        "AT^HFREQINFO?": ["^HFREQINFO: 0,7,41,528960,2644800,20000,528960,2644800,20000"],
    }
    (nr,) = huawei.parse_snapshot(answers, time=T0).serving
    return nr


@pytest.mark.parametrize(
    ("ssb", "mhz", "inside"),
    [
        (526962, 2634.81, True),  # 0.01 MHz inside the carrier's lower edge
        (526958, 2634.79, False),  # 0.01 MHz below it
        (524910, 2624.55, False),  # 20.25 MHz from the centre: within 2 widths, not 1/2
    ],
)
def test_a_cell_is_on_a_carrier_only_within_half_its_bandwidth(ssb, mhz, inside):
    nr = _nr_cell_beside_a_20mhz_carrier(ssb)
    # the cell's frequency is its own channel's (0.005 MHz steps below 3 GHz, TS 38.104)
    assert (nr.arfcn, nr.frequency_mhz) == (ssb, mhz)
    assert (nr.band, nr.dl_bandwidth_mhz) == ((41, 20) if inside else (None, None))


# ---------------------------------------------------------------- Sierra !GSTATUS


def test_gstatus_temperature_record_keeps_the_printed_text():
    # the EM7455 capture's "Temperature: 40" (degrees Celsius)
    s = snapshot_of("sierra_em7455_lte_ca.at")
    assert s.temperatures == (Temperature(sensor="modem", celsius=40, raw="40"),)


def test_gstatus_lte_mode_without_a_band_still_gives_the_lte_cell():
    # System mode LTE, the band line missing: the LTE leg is still read from its labels;
    # EARFCN 800 is B2: 1930 + 0.1 * (800 - 600) = 1950 MHz (TS 36.101)
    lines = [
        "!GSTATUS: ",
        "Current Time:  22016\t\tTemperature: 41",
        "System mode:   LTE        \tPS state:    Attached     ",
        "LTE Rx chan:   800\t\tLTE Tx chan: 18800",
        "Tx Power:      15\t\tTAC:         8B52 (35666)",
        "RSRQ (dB):     -14.0\t\tCell ID:     0A14666A (169109098)",
        "SINR (dB):     23.8",
    ]
    (lte,) = sierra.parse_snapshot({"AT!GSTATUS?": lines}, time=T0).serving
    assert lte == ServingCell(
        rat=Rat.LTE,
        arfcn=800,
        frequency_mhz=1950.0,
        rsrq=-14,
        sinr=23.8,
        tac=35666,
        cell_id=169109098,
        enodeb_id=169109098 >> 8,
        sector_id=169109098 & 0xFF,
    )


def test_nrinfo_without_connectivity_mode_follows_the_gstatus_system_mode():
    # !GSTATUS says NR5G (SA) but names no NR band; !NRINFO has no "Connectivity Mode" line:
    # the System mode decides, so the !NRINFO cell is SA. NR-ARFCN 627340:
    # 3000 + 0.015 * 27340 = 3410.1 MHz (TS 38.104)
    answers = {
        "AT!GSTATUS?": [
            "!GSTATUS: ",
            "Current Time:  2146\t\tTemperature: 40",
            "System mode:   NR5G       \tPS state:    Attached     ",
        ],
        "AT!NRINFO?": [
            "!NRINFO: ",
            "NR5G Cell ID:    19B0 (6576)",
            "NR5G band:       n78       \t\tNR5G Carrier ID: 0",
            "NR5G dl bw:      20 MHz    \t\tNR5G ul bw:      10 MHz    ",
            "NR5G Rx chan:    627340",
            "NR5G RSRP (dBm): -110\t\t\tNR5G RSRQ (dB):  -11",
            "NR5G SINR (dB):  12.5",
        ],
    }
    (nr,) = sierra.parse_snapshot(answers, time=T0).serving
    assert nr == ServingCell(
        rat=Rat.NR5G_SA,
        band=78,
        arfcn=627340,
        frequency_mhz=3410.1,
        dl_bandwidth_mhz=20,
        ul_bandwidth_mhz=10,
        rsrp=-110,
        rsrq=-11,
        sinr=12.5,
        cell_id=6576,
    )


# ---------------------------------------------------------------- Sierra !LTEINFO

_SERVING_HEADER = "Serving:   EARFCN MCC MNC   TAC      CID Bd D U SNR PCI  RSRQ   RSRP   RSSI RXLV"


def _lteinfo_serving(row: str) -> ServingCell:
    lines = ["!LTEINFO: ", _SERVING_HEADER, row]
    (lte,) = sierra.parse_snapshot({"AT!LTEINFO?": lines}, time=T0).serving
    return lte


@pytest.mark.parametrize(("pci_text", "pci"), [("0", 0), ("503", 503), ("504", None)])
def test_lteinfo_serving_whole_record_and_pci_edges(pci_text, pci):
    # columns by name; TAC decimal, CID hex; EARFCN 800 in B2 is 1950 MHz; PCI 0..503
    lte = _lteinfo_serving(f"800 310 410 35666 0A14666A 2 5 5 22 {pci_text} -14.1 -79.6 -45.5 --")
    assert lte == ServingCell(
        rat=Rat.LTE,
        mcc="310",
        mnc="410",
        tac=35666,
        cell_id=0x0A14666A,
        enodeb_id=0x0A1466,
        sector_id=0x6A,
        band=2,
        arfcn=800,
        frequency_mhz=1950.0,
        pci=pci,
        rsrp=-79.6,
        rsrq=-14.1,
        rssi=-45.5,
    )


def test_lteinfo_no_value_plmn_is_no_plmn():
    # "--"/"---" mean no value: not an MCC or MNC
    lte = _lteinfo_serving("800 --- --- 35666 0A14666A 2 5 5 22 404 -14.1 -79.6 -45.5 --")
    assert (lte.mcc, lte.mnc, lte.pci, lte.tac) == (None, None, 404, 35666)


def test_a_new_lteinfo_block_forgets_the_previous_columns():
    # a second "!LTEINFO:" starts afresh: a row before its first section header has no columns
    # to be read under, so it is kept raw rather than read as the earlier IntraFreq row shape
    lines = [
        "!LTEINFO: ",
        "IntraFreq:                                          PCI  RSRQ   RSRP   RSSI RXLV",
        "                                                    402 -20.0  -89.3  -57.6 --",
        "!LTEINFO: ",
        "                                                    272 -12.1  -80.9  -50.6 --",
    ]
    s = sierra.parse_snapshot({"AT!LTEINFO?": lines}, time=T0)
    assert s.neighbours == (
        Neighbour(rat=Rat.LTE, kind="intra", pci=402, rsrp=-89.3, rsrq=-20, rssi=-57.6),
    )
    assert s.unparsed == (Unparsed(command="AT!LTEINFO?", line=lines[-1]),)


# ---------------------------------------------------------------- SIMCom and Telit


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # RSRP never reads below -156 dBm: a value below -200 can only be tenths (all of them)
        ([-201, -105, -650], [-20.1, -10.5, -65]),
        ([-200, -105, -650], [-200, -105, -650]),  # -200 is not below -200: whole units
        ([-113, -14, -77], [-113, -14, -77]),
    ],
)
def test_simcom_rsrp_decides_the_scale_at_minus_200(values, expected):
    assert simcom._scaled(values) == expected


@pytest.mark.parametrize(
    ("quoted", "imsi"),
    [
        # <IMSI> is the field before <NetNameAsc>, the last quoted field; field 0 is <PLMN>
        ([True, False, True], 1),
        ([True, False, False, True], 2),
        ([True, True, False], None),  # the last quoted is field 1: field 0 is no IMSI
    ],
)
def test_telit_anchor_is_the_field_before_the_last_quoted(quoted, imsi):
    f = ["310410", "800", "x", "y"][: len(quoted)]
    assert telit._anchor(f, quoted) == imsi

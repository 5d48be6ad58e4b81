"""Huawei (and TD Tech Balong modules): ^HCSQ indices, ^MONSC, ^HFREQINFO, ^CHIPTEMP.

Expected values are worked out from the definitions cited in fiveg/vendors/huawei.py (Huawei's
Balong AT code and command tables), not read back from the parser. The constructed fixtures give
each field a value no other field of the record, and no other command reporting the same
quantity, shares: a parser reading the wrong field or the wrong command fails here.
"""

from __future__ import annotations

import pytest

from fiveg import radio
from fiveg.at.replay import ReplayPort
from fiveg.at.session import AtSession
from fiveg.at.transcript import load
from fiveg.metrics import Metric, read
from fiveg.poller import Poller
from fiveg.records import Rat, Role
from fiveg.vendors import huawei
from fiveg.vendors.fields import split_fields
from tests.conftest import T0, fixture_path, poll_fixture


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # LTE: <rssi>,<rsrp>,<sinr>,<rsrq>; -121+n, -141+n, -20.2+0.2n, -20+0.5n
        ('"LTE",59,55,105,20', ("LTE", {"rssi": -62, "rsrp": -86, "sinr": 0.8, "rsrq": -10})),
        # NR: <rsrp>,<sinr>,<rsrq> - SINR second, not third; RSRQ in whole dB, n - 40 (a real
        # MT5700M-CN line, whose ^MONSC beside it read -73 dBm, -9 dB, 23 dB:
        # woshinibabao1/MT5700-Console tests/mock-modem/real-samples.txt)
        ('"NR",68,211,31', ("NR", {"rssi": None, "rsrp": -73, "sinr": 22, "rsrq": -9})),
        # the NR RSRQ bins' ends: 0 is below -39 dB, 34 is -6 dB or more (AT_ConvertCerssiRsrq)
        ('"NR",45,236,0', ("NR", {"rssi": None, "rsrp": -96, "sinr": 27, "rsrq": -39})),
        ('"NR",45,236,34', ("NR", {"rssi": None, "rsrp": -96, "sinr": 27, "rsrq": -6})),
        (
            '"LTE",255,255,255,255',
            ("LTE", {"rssi": None, "rsrp": None, "sinr": None, "rsrq": None}),
        ),
        ('"LTE",54,24,45,155', ("LTE", {"rssi": -67, "rsrp": -117, "sinr": -11.2, "rsrq": None})),
    ],
)
def test_hcsq_indices(line, expected):
    assert huawei.hcsq(split_fields(line)) == expected


def test_me909s_lte():
    s = poll_fixture("huawei_me909s_lte.at")[0].snapshot
    assert s.dialect == "huawei"
    (lte,) = s.serving
    # PCI, cell id and TAC in hex, as Huawei's AT code prints them (%X)
    assert (lte.rat, lte.mcc, lte.mnc, lte.arfcn, lte.pci) == (Rat.LTE, "250", "02", 6350, 0x131)
    assert (lte.cell_id, lte.enodeb_id, lte.sector_id, lte.tac) == (0x1A2B3C, 0x1A2B, 0x3C, 0xABCD)
    # ^MONSC's dBm values, not ^HCSQ's (-86 dBm, -10 dB, -62 dBm) nor the ^HCSQ URC's
    assert (lte.rsrp, lte.rsrq, lte.rssi) == (-88, -11, -60)
    assert lte.sinr == 0.8  # ^HCSQ 105: -20.2 + 0.2 * 105, which ^MONSC lacks
    assert (lte.band, lte.dl_bandwidth_mhz, lte.frequency_mhz) == (20, 10, 811.0)  # ^HFREQINFO
    (pcc,) = s.carriers
    assert (pcc.role, pcc.rat, pcc.band, pcc.arfcn, pcc.ul_arfcn) == (
        Role.PCC,
        Rat.LTE,
        20,
        6350,
        24350,
    )
    # <dl_freq> 8110 in 100 kHz: TS 36.101's 791 + 0.1 * (6350 - 6150) MHz
    assert pcc.frequency_mhz == radio.earfcn_to_mhz(6350) == 811.0
    assert (pcc.bandwidth_mhz, pcc.ul_bandwidth_mhz) == (10, 10)
    # URCs (^HCSQ, ^RSSI) in the +COPS reply are set aside
    assert s.operator.name == "MegaFon" and s.unparsed == ()
    assert [(t.sensor, t.celsius) for t in s.temperatures] == [
        ("gpa", 43.1),
        ("wpa", 43.1),
        ("lpa", None),  # 65535: no sensor
    ]
    assert s.state == "REGISTERED" and s.network[0].access_technology == "LTE FDD"
    assert [(n.kind, n.arfcn, n.pci, n.rsrp, n.rsrq, n.rssi) for n in s.neighbours] == [
        ("intra", 6350, 0x12A, -93, -12, -65),
        ("inter", 1300, 0x64, -101, -15, -70),
    ]
    # LTE only: no EN-DC leg to report; +CGMR and ^VERSION? are not in the capture
    assert [e.command for e in s.errors] == ["AT+CGMR", "AT^VERSION?", "AT^MONSSC"]


def test_td_tech_mt5700_nr_sa():
    result, _ = poll_fixture("huawei_mt5700_nr_sa.at")
    s = result.snapshot
    assert (s.dialect, result.chosen_by, s.device.manufacturer) == (
        "huawei",
        "identity",
        "TD Tech Ltd.",
    )
    (nr,) = s.serving
    assert (nr.rat, nr.mcc, nr.mnc, nr.arfcn, nr.scs_khz) == (Rat.NR5G_SA, "460", "11", 633984, 30)
    assert (nr.cell_id, nr.pci, nr.tac) == (0xA1234500C, 0xF9, 0xABCDEF)  # NR PCI in hex
    # ^MONSC's values, not ^HCSQ's (-96 dBm, -11 dB, 27 dB)
    assert (nr.rsrp, nr.rsrq, nr.sinr) == (-94, -10, 30)
    # the band and width of the ^HFREQINFO carrier whose 100 MHz hold the SSB (3509.76 MHz);
    # the cell's frequency stays its own channel's, not the carrier centre
    assert (nr.band, nr.dl_bandwidth_mhz, nr.frequency_mhz) == (78, 100, 3509.76)
    (pcc,) = s.carriers
    # ^HFREQINFO's kHz agree with TS 38.104 for the NR-ARFCN: 3000 + 0.015 * 36648 MHz
    assert (
        (pcc.arfcn, pcc.frequency_mhz)
        == (636648, radio.nrarfcn_to_mhz(636648))
        == (
            636648,
            3549.72,
        )
    )
    assert s.network[0].access_technology == "NR-5GC"  # ^SYSINFOEX's <submode_name>
    assert [t.celsius for t in s.temperatures][:4] == [33.6, 33.1, 33.0, 33.9]
    assert len(s.temperatures) == 12
    # ^MONSSC: NONE on SA is no cell, not an unknown line
    assert s.unparsed == () and len(s.serving) == 1
    assert [(n.rat, n.kind, n.arfcn, n.pci, n.rsrp, n.rsrq, n.sinr) for n in s.neighbours] == [
        (Rat.NR5G, "intra", 633984, 0x1A, -101, -13, 9),
        (Rat.NR5G, "inter", 627264, 0x39, -98, -11, 12),
    ]


def test_td_tech_mt5700_endc_nr_leg_from_monssc():
    s = poll_fixture("huawei_mt5700_nsa.at")[0].snapshot
    lte, nr = s.serving
    assert (lte.rat, lte.band, lte.arfcn, lte.pci, lte.dl_bandwidth_mhz) == (
        Rat.LTE,
        3,
        1300,
        0x128,
        20,
    )
    assert (lte.cell_id, lte.enodeb_id, lte.sector_id, lte.tac) == (
        0xA1B2C3E,
        0xA1B2C,
        0x3E,
        0xA1B2C,
    )
    # ^MONSC's values (not ^HCSQ's -73 dBm, -6.5 dB, -46 dBm); SINR 9.8 from ^HCSQ's LTE line
    assert (lte.rsrp, lte.rsrq, lte.rssi, lte.sinr) == (-70, -6, -44, 9.8)
    assert lte.frequency_mhz == 1815.0  # B3: 1805 + 0.1 * (1300 - 1200)
    # the leg is ^MONSSC's (not ^HCSQ's NR line: -89 dBm, -12 dB, 19.8 dB)
    assert (nr.rat, nr.arfcn, nr.pci, nr.rsrp, nr.rsrq, nr.sinr) == (
        Rat.NR5G_NSA,
        504990,
        0x1F4,
        -88,
        -11,
        14,
    )
    # SSB 504990 (2524.95 MHz) lies in the 100 MHz n41 carrier centred on 513000 (2565 MHz)
    assert (nr.band, nr.dl_bandwidth_mhz, nr.frequency_mhz) == (41, 100, 2524.95)
    # <dl_freq>: 100 kHz units for LTE (18150), kHz for NR (2565000)
    assert [
        (c.rat, c.band, c.arfcn, c.frequency_mhz, c.bandwidth_mhz, c.ul_arfcn) for c in s.carriers
    ] == [
        (Rat.LTE, 3, 1300, 1815.0, 20, 19300),
        (Rat.NR5G, 41, 513000, 2565.0, 100, 513000),
    ]
    assert s.neighbours == () and s.unparsed == ()


def test_endc_without_monssc_takes_the_nr_leg_from_hcsq():
    """EN-DC on firmware that lacks ^MONSSC: the leg is ^HCSQ's NR line, nothing invented."""
    s = poll_fixture("huawei_mt5700_endc_no_monssc.at")[0].snapshot
    assert ("AT^MONSSC", "COMMAND NOT SUPPORT") in {(e.command, e.error) for e in s.errors}
    lte, nr = s.serving
    # the anchor: ^MONSC's hex fields and dBm values; SINR from ^HCSQ's LTE line (160)
    assert (lte.rat, lte.arfcn, lte.pci, lte.tac) == (Rat.LTE, 1300, 0x128, 0x5F1D)
    assert (lte.cell_id, lte.enodeb_id, lte.sector_id) == (0x0A1B2C3E, 0xA1B2C, 0x3E)
    assert (lte.rsrp, lte.rsrq, lte.rssi, lte.sinr) == (-72, -7, -45, 11.8)
    assert (lte.band, lte.dl_bandwidth_mhz, lte.frequency_mhz) == (3, 20, 1815.0)
    # the NR leg: ^HCSQ "NR",50,176,28 -> -91 dBm, (176 - 1) / 5 - 20 = 15 dB, 28 - 40 = -12 dB;
    # band and width from ^HFREQINFO's NR primary; no channel, PCI or frequency was reported
    assert nr.rat is Rat.NR5G_NSA
    assert (nr.rsrp, nr.sinr, nr.rsrq, nr.rssi) == (-91, 15, -12, None)
    assert (nr.arfcn, nr.pci, nr.frequency_mhz, nr.cell_id) == (None, None, None, None)
    assert (nr.band, nr.dl_bandwidth_mhz) == (41, 100)
    assert [(c.rat, c.role, c.band, c.frequency_mhz) for c in s.carriers] == [
        (Rat.LTE, Role.PCC, 3, 1815.0),
        (Rat.NR5G, Role.PCC, 41, 2565.0),
    ]
    assert s.unparsed == () and s.neighbours == ()


def test_the_monitor_follows_the_hcsq_nr_leg_when_monssc_is_refused():
    port = ReplayPort(load(fixture_path("huawei_mt5700_endc_no_monssc.at")))
    poller = Poller(lambda: AtSession(port), slow=())
    result = poller.poll_fast()
    reading = read(result.snapshot, Metric.NR_SINR)
    assert (reading.source, reading.value) == (Metric.NR_SINR, 15)  # not the anchor's 11.8
    assert poller.chained is False  # the chain failed on ^MONSSC: asked one by one


def test_no_service_claims_no_cell():
    s = poll_fixture("huawei_me909s_no_service.at")[0].snapshot
    assert s.state == "NO SERVICE"  # ^SYSINFOEX <srv_status> 0 (+CEREG says searching)
    assert s.network == ()  # <sysmode> 0 "NO SERVICE" is no access technology
    assert (s.serving, s.carriers, s.neighbours) == ((), (), ())
    assert s.unparsed == ()  # ^HCSQ: "NOSERVICE" and the NONE lines are understood
    assert (s.signal.rssi, s.operator.name) == (None, None)  # +CSQ 99, +COPS mode only
    assert {e.command for e in s.errors} >= {"AT^HFREQINFO?", "AT^MONSSC"}  # refused
    assert [(t.sensor, t.celsius) for t in s.temperatures] == [
        ("gpa", 40.2),
        ("wpa", 38.9),
        ("lpa", None),
    ]


def test_monssc_lists_the_pscell_first():
    # the ^MONSSC command table's 2CC example (at_custom_as_cmd_tbl.c): PSCell, then an SCell
    answers = {
        "AT^MONSC": ["^MONSC: LTE,460,00,1300,0A1B2C3E,128,5F1D,-72,-7,-45"],
        "AT^MONSSC": ["^MONSSC: NR,633988,1,-70,-20,-10,0", "^MONSSC: NR,633400,2,-68,-10,1,0"],
    }
    _, nr = huawei.parse_snapshot(answers, time=T0).serving
    assert (nr.arfcn, nr.pci, nr.rsrp, nr.rsrq, nr.sinr) == (633988, 1, -70, -20, -10)


def test_an_nr_cell_is_on_the_carrier_that_holds_its_ssb():
    # real MT5700M-CN SA replies (woshinibabao1/MT5700-Console tests/mock-modem/real-samples.txt):
    # SSB 524910 = 2624.55 MHz lies in the 60 MHz carrier centred on 528960 (2614.8..2674.8 MHz),
    # not in the 100 MHz one on 513000 (2515..2615 MHz)
    answers = {
        "AT^MONSC": ["^MONSC: NR,460,00,524910,1,C027F5065,114,14225C,-73,-9,23"],
        "AT^HFREQINFO?": [
            "^HFREQINFO: 0,7,41,528960,2644800,60000,528960,2644800,60000,"
            "41,513000,2565000,100000,0,0,1400"
        ],
    }
    s = huawei.parse_snapshot(answers, time=T0)
    (nr,) = s.serving
    assert (nr.arfcn, nr.frequency_mhz, nr.band, nr.dl_bandwidth_mhz) == (524910, 2624.55, 41, 60)
    assert (nr.pci, nr.tac, nr.cell_id) == (0x114, 0x14225C, 0xC027F5065)
    pcc, scc = s.carriers
    assert (pcc.role, pcc.arfcn, pcc.frequency_mhz, pcc.bandwidth_mhz) == (
        Role.PCC,
        528960,
        2644.8,
        60,
    )
    assert (pcc.ul_arfcn, pcc.ul_bandwidth_mhz) == (528960, 60)
    # the SCell's <ul_fcn> and <ul_freq> 0 are "invalid" (the command table): no uplink, so its
    # <ul_bw> 1400 (enum 0's filler) is no width; the downlink is 100 MHz
    assert (scc.role, scc.arfcn, scc.frequency_mhz, scc.bandwidth_mhz) == (
        Role.SCC,
        513000,
        2565.0,
        100,
    )
    assert (scc.ul_arfcn, scc.ul_bandwidth_mhz) == (None, None)


def test_a_cell_outside_every_carrier_takes_no_band():
    # constructed: an SSB at 2524.95 MHz and only a 20 MHz carrier at 2644.8 MHz
    answers = {
        "AT^MONSC": ["^MONSC: NR,460,00,504990,1,C027F5065,114,14225C,-73,-9,23"],
        "AT^HFREQINFO?": ["^HFREQINFO: 0,7,41,528960,2644800,20000,528960,2644800,20000"],
    }
    (nr,) = huawei.parse_snapshot(answers, time=T0).serving
    assert (nr.band, nr.dl_bandwidth_mhz, nr.frequency_mhz) == (None, None, 2524.95)

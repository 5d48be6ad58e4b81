"""Huawei (and TD Tech Balong modules): ^HCSQ indices, ^MONSC, ^HFREQINFO, ^CHIPTEMP."""

from __future__ import annotations

import pytest

from fiveg import radio
from fiveg.records import Rat, Role
from fiveg.vendors import huawei
from fiveg.vendors.fields import split_fields
from tests.conftest import poll_fixture


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # LTE: <rssi>,<rsrp>,<sinr>,<rsrq>; -121+n, -141+n, -20.2+0.2n, -20+0.5n
        ('"LTE",59,55,105,20', ("LTE", {"rssi": -62, "rsrp": -86, "sinr": 0.8, "rsrq": -10})),
        # NR: <rsrp>,<sinr>,<rsrq> - SINR second, not third
        ('"NR",58,165,22', ("NR", {"rssi": None, "rsrp": -83, "sinr": 12.8, "rsrq": -9})),
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
    assert (lte.rsrp, lte.rsrq, lte.rssi) == (-86, -10, -62)  # ^MONSC
    assert lte.sinr == 0.8  # ^HCSQ, which ^MONSC lacks
    assert (lte.band, lte.dl_bandwidth_mhz, lte.frequency_mhz) == (20, 10, 811.0)  # ^HFREQINFO
    (pcc,) = s.carriers
    assert (pcc.role, pcc.rat, pcc.band, pcc.arfcn, pcc.ul_arfcn) == (
        Role.PCC,
        Rat.LTE,
        20,
        6350,
        24350,
    )
    assert pcc.frequency_mhz == radio.earfcn_to_mhz(6350) == 811.0
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
    assert (nr.rsrp, nr.rsrq, nr.sinr) == (-94, -10, 30)
    assert (nr.band, nr.dl_bandwidth_mhz) == (78, 100)
    # ^HFREQINFO's kHz agree with TS 38.104 for the NR-ARFCN
    assert s.carriers[0].frequency_mhz == radio.nrarfcn_to_mhz(633984) == 3509.76
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
    assert (lte.rsrp, lte.rsrq, lte.rssi, lte.sinr) == (-70, -6, -44, 9.8)  # SINR from ^HCSQ
    assert (nr.rat, nr.arfcn, nr.pci, nr.rsrp, nr.rsrq, nr.sinr) == (
        Rat.NR5G_NSA,
        504990,
        0x1F4,
        -88,
        -11,
        14,
    )
    assert (nr.band, nr.dl_bandwidth_mhz, nr.frequency_mhz) == (41, 100, 2524.95)
    assert [(c.rat, c.band, c.bandwidth_mhz) for c in s.carriers] == [
        (Rat.LTE, 3, 20),
        (Rat.NR5G, 41, 100),
    ]
    assert s.neighbours == () and s.unparsed == ()

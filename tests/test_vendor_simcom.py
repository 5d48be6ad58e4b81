"""SIMCom: AT+CPSI? in its LTE, NR5G_SA and NR5G_NSA forms, and AT+CPMUTEMP."""

from __future__ import annotations

from fiveg.records import Rat
from fiveg.vendors import simcom
from tests.conftest import T0, poll_fixture


def test_sim7600_lte_in_tenths_with_rssnr_kept_raw():
    s = poll_fixture("simcom_sim7600_lte.at")[0].snapshot
    assert s.dialect == "simcom"
    (lte,) = s.serving
    assert lte.rat is Rat.LTE
    assert (lte.mcc, lte.mnc, lte.tac, lte.cell_id, lte.pci) == (
        "460",
        "11",
        0x5A1E,
        187214780,
        257,
    )
    assert (lte.enodeb_id, lte.sector_id) == (187214780 >> 8, 187214780 & 0xFF)
    assert (lte.band, lte.arfcn, lte.frequency_mhz) == (3, 1850, 1870.0)
    assert (lte.rsrp, lte.rsrq, lte.rssi) == (-85, -9.4, -54.5)  # -850, -94, -545 tenths
    # 2x-20 is the SIM7000/SIM7080 manuals' formula; no SIMCom source gives it for the
    # SIM7600 (its manual only names <RSSNR>), so only the raw value is kept (issue 10)
    assert (lte.sinr, lte.sinr_raw) == (None, 15)
    # the +CEREG URC inside the +CPSI reply is set aside, not parsed as data
    assert s.unparsed == () and s.state == "REGISTERED"
    assert [(t.sensor, t.celsius) for t in s.temperatures] == [("module", 38)]
    assert [e.command for e in s.errors] == ["AT+C5GREG?"]


def test_sim8262_nr_sa_in_tenths():
    s = poll_fixture("simcom_sim8262_sa.at")[0].snapshot
    (nr,) = s.serving
    assert (nr.rat, nr.mcc, nr.mnc, nr.tac, nr.cell_id, nr.pci) == (
        Rat.NR5G_SA,
        "242",
        "12",
        0x765D,
        4955280,
        0,
    )
    assert (nr.band, nr.arfcn, nr.frequency_mhz) == (78, 640704, 3610.56)
    assert (nr.rsrp, nr.rsrq, nr.sinr, nr.sinr_raw) == (-77, -11, 29, 290)


def test_sim8200_endc_two_lines_and_an_old_firmware_line_kept_raw():
    s = poll_fixture("simcom_sim8200_nsa.at")[0].snapshot
    lte, nr = s.serving
    assert (lte.rat, lte.band, lte.arfcn, lte.rsrp, lte.rsrq, lte.rssi) == (
        Rat.LTE,
        3,
        1650,
        -90.5,
        -11,
        -61.2,
    )
    # no SIMCom source gives the SIM82xx LTE <RSSNR> scale: raw only (was 2 * 18 - 20)
    assert (lte.sinr, lte.sinr_raw) == (None, 18)
    assert (nr.rat, nr.pci, nr.band, nr.arfcn, nr.frequency_mhz) == (
        Rat.NR5G_NSA,
        644,
        78,
        627264,
        3408.96,
    )
    assert (nr.rsrp, nr.rsrq, nr.sinr) == (-96, -12, 9.5)
    assert [u.line for u in s.unparsed] == ["+CPSI: NR5G,58,643296,-12,-86,8.5"]


def test_whole_units_when_rsrp_says_so():
    # SIM7000-style whole units: an RSRP of -85 can only be dBm, so RSRQ -9 is dB
    line = "+CPSI: LTE,Online,460-00,0x5A1E,187214780,257,EUTRAN-BAND3,1850,5,5,-9,-85,-55,15"
    (lte,) = simcom.parse_snapshot({"AT+CPSI?": [line]}, time=T0).serving
    assert (lte.rsrp, lte.rsrq, lte.rssi) == (-85, -9, -55)
    # model unknown: the <RSSNR> scale is a per-model fact, so only the raw value
    assert (lte.sinr, lte.sinr_raw) == (None, 15)


def test_no_service():
    s = simcom.parse_snapshot({"AT+CPSI?": ["+CPSI: NO SERVICE,Online"]}, time=T0)
    assert s.state == "NO SERVICE" and s.serving == () and s.unparsed == ()

"""SIMCom: AT+CPSI? in its LTE, NR5G_SA and NR5G_NSA forms, and AT+CPMUTEMP."""

from __future__ import annotations

import pytest

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


def cpsi(line: str):
    return simcom.parse_snapshot({"AT+CPSI?": [line]}, time=T0)


# The channel and PCI ranges the parser keeps are those of the specs: a GSM ARFCN is 0..1023
# (3GPP TS 45.005 clause 2: E-GSM 900 uses 0..124 and 975..1023), a UTRA UARFCN 0..16383
# (TS 25.331 A.3, "UARFCN downlink (Nd) Integer(0 .. 16383)"), an NR PCI 0..1007
# (TS 38.211 7.4.2.1: 3 * N_ID(1) + N_ID(2), N_ID(1) < 336, N_ID(2) < 3). Lines in the
# manuals' field orders (see fiveg.vendors.simcom), values constructed at the edges.
@pytest.mark.parametrize(("channel", "arfcn"), [("0", 0), ("1023", 1023), ("1024", None)])
def test_gsm_arfcn_range(channel, arfcn):
    s = cpsi(f"+CPSI: GSM,Online,262-02,0x011f,18121,{channel} EGSM 900,-67,0,0-0")
    assert s.serving[0].arfcn == arfcn
    assert s.network[0].arfcn == arfcn


@pytest.mark.parametrize(("freq", "uarfcn"), [("0", 0), ("16383", 16383), ("16384", None)])
def test_wcdma_uarfcn_range(freq, uarfcn):
    line = f"+CPSI: WCDMA,Online,460-01,0xA809,11122855,WCDMA IMT 2000,279,{freq},0,1.5,62,33,52,12"
    assert cpsi(line).serving[0].arfcn == uarfcn


@pytest.mark.parametrize(("pci", "expected"), [("0", 0), ("1007", 1007), ("1008", None)])
def test_nr_pci_range(pci, expected):
    sa = cpsi(f"+CPSI: NR5G_SA,Online,242-12,0x765D,4955280,{pci},NR5G_BAND78,640704,-770,-110,290")
    nsa = cpsi(f"+CPSI: NR5G_NSA,{pci},NR5G_BAND78,627264,-960,-120,95")
    assert sa.serving[0].pci == expected and nsa.serving[0].pci == expected


def test_nr_lines_with_more_fields_at_the_end_still_read_their_own():
    # the SIM8262 SA line and the SIM8200 NSA line of the fixtures, with one field added
    # after <SINR>: the documented fields keep their places
    (sa,) = cpsi(
        "+CPSI: NR5G_SA,Online,242-12,0x765D,4955280,0,NR5G_BAND78,640704,-770,-110,290,7"
    ).serving
    assert (sa.rsrp, sa.rsrq, sa.sinr, sa.sinr_raw) == (-77, -11, 29, 290)
    (nsa,) = cpsi("+CPSI: NR5G_NSA,644,NR5G_BAND78,627264,-960,-120,95,7").serving
    assert (nsa.rsrp, nsa.rsrq, nsa.sinr, nsa.sinr_raw) == (-96, -12, 9.5, 95)


def test_the_nsa_leg_reports_no_plmn_tac_or_cell_id():
    # +CPSI: NR5G_NSA,<PCellID>,<Frequency Band>,<earfcn>,<RSRP>,<RSRQ>,<SINR>: none of them
    (nr,) = cpsi("+CPSI: NR5G_NSA,644,NR5G_BAND78,627264,-960,-120,95").serving
    assert (nr.mcc, nr.mnc, nr.tac, nr.cell_id) == (None, None, None, None)


# the +CPSI line of simcom_sim7000g_catm1.at
CATM1 = (
    "+CPSI: LTE CAT-M1,Online,310-410,0x9709,111159055,393,EUTRAN-BAND12,5110,3,3,-16,-113,-83,10"
)


def test_the_callers_model_decides_the_rssnr_scale_when_the_modem_names_none():
    # the SIM7000G Cat-M1 line of the fixture, with no ATI or +CGMM answered: the model the
    # caller knows (here a SIM7000G) is used, and its manual gives SINR = 2 * <RSSNR> - 20
    s = simcom.parse_snapshot({"AT+CPSI?": [CATM1]}, time=T0, model="SIMCOM_SIM7000G")
    assert s.device.model == "SIMCOM_SIM7000G"
    assert (s.serving[0].sinr, s.serving[0].sinr_raw) == (2 * 10 - 20, 10)
    assert (s.time, s.dialect) == (T0, "simcom")


@pytest.mark.parametrize(("pci", "expected"), [("0", 0), ("503", 503), ("504", None)])
def test_lte_pci_range(pci, expected):
    # an E-UTRA PCI is 3 * N_ID(1) + N_ID(2), N_ID(1) < 168, N_ID(2) < 3: 0..503 (TS 36.211 6.11)
    fields = CATM1.split(",")
    fields[5] = pci
    assert cpsi(",".join(fields)).serving[0].pci == expected


def test_a_missing_rsrq_does_not_change_the_scale_of_the_rest():
    # SIM7600 tenths (the simcom_sim7600_lte.at line), RSRQ given as "-": RSRP still leads
    line = "+CPSI: LTE,Online,460-11,0x5A1E,187214780,257,EUTRAN-BAND3,1850,5,5,-,-850,-545,15"
    (lte,) = cpsi(line).serving
    assert (lte.rsrp, lte.rsrq, lte.rssi) == (-85, None, -54.5)


def test_the_temperature_keeps_its_raw_text():
    s = simcom.parse_snapshot({"AT+CPMUTEMP": ["+CPMUTEMP: 38"]}, time=T0)
    assert [(t.sensor, t.celsius, t.raw) for t in s.temperatures] == [("module", 38, "38")]


def test_a_system_mode_the_parser_does_not_know_is_kept_raw_whatever_its_length():
    # as many fields as an LTE line, and a band name where the NSA line has one
    line = "+CPSI: CDMA,Online,NR5G_BAND78,1,2,3,4,5,6,7,8,9,10,11"
    s = cpsi(line)
    assert s.serving == () and [u.line for u in s.unparsed] == [line]

"""Quectel dialect: whole records, every field, on real fixture lines and on constructed
lines whose fields all differ, plus range edges.

Layouts: Quectel RG50xQ&RM5xxQ Series Network Application Note 3.2.1 (AT+QNWINFO),
3.2.2 (AT+QENG), 3.2.3 (AT+QCAINFO), 3.3.3-3.3.5 (AT+QRSRP/AT+QRSRQ/AT+QSINR); the
AT+QENG section (§6.17) of the Quectel LTE-module manual for the GSM forms; AT+QSPN
and AT+QTEMP as cited in fiveg/vendors/quectel.py. Codes: LTE bandwidth codes 0..5 =
1.4, 3, 5, 10, 15, 20 MHz and NR <NR_DL_bandwidth> codes 0..14 = 5..400 MHz (3.2.2),
<scs> 0..4 = 15..240 kHz (TS 38.211 mu); RBs to MHz per TS 36.101 Table 5.6-1.
EARFCN to MHz per TS 36.101 Table 5.7.3-1; NR-ARFCN to MHz per TS 38.104 5.4.2.1
(5 kHz steps below 600000, 3000 MHz + 15 kHz steps from 600000). Ranges: LTE PCI
0..503 (TS 36.211 6.11, 504 identities), NR PCI 0..1007 (TS 38.211 7.4.2.1, 1008),
UARFCN 0..16383 (14 bits, TS 25.101/25.331), GSM ARFCN 0..1023 (TS 45.005 2);
metric windows from fiveg.quality.PHYSICAL_RANGE.
"""

from __future__ import annotations

import pytest

from fiveg.records import (
    AntennaPort,
    Carrier,
    Neighbour,
    NetworkInfo,
    Operator,
    Rat,
    Role,
    ServingCell,
    Temperature,
    Unparsed,
)
from fiveg.vendors import quectel

from .conftest import T0, snapshot_of

SERVING = 'AT+QENG="servingcell"'
NEIGHBOURS = 'AT+QENG="neighbourcell"'


def parse(answers, model=None):
    return quectel.parse_snapshot(answers, time=T0, model=model)


# ---------------------------------------------------------------- WCDMA serving


def test_wcdma_serving_whole_record():
    # quectel_em06a_wcdma_serving.at (real):
    # "WCDMA",310,410,DEA6,2883C,4385,84,254,-102,-10,-,-,-,-,-
    # = "WCDMA",<MCC>,<MNC>,<LAC>,<cellID>,<uarfcn>,<PSC>,<RAC>,<RSCP>,<ecio>,... (3.2.2)
    s = snapshot_of("quectel_em06a_wcdma_serving.at")
    assert s.serving == (
        ServingCell(
            rat=Rat.WCDMA, state="LIMSRV", mcc="310", mnc="410", cell_id=0x2883C, arfcn=4385
        ),
    )


@pytest.mark.parametrize(("uarfcn", "expected"), [(0, 0), (16383, 16383), (16384, None)])
def test_wcdma_serving_uarfcn_edges(uarfcn, expected):
    line = (
        f'+QENG: "servingcell","NOCONN","WCDMA",311,480,1B2C,3D4E5F,{uarfcn},'
        "101,77,-95,-7,-,-,-,-,-"
    )
    (cell,) = parse({SERVING: [line]}).serving
    assert cell == ServingCell(
        rat=Rat.WCDMA, state="NOCONN", mcc="311", mnc="480", cell_id=0x3D4E5F, arfcn=expected
    )


# ---------------------------------------------------------------- GSM serving

# Real GSM-mode serving line (as in tests/test_real_quectel.py): "GSM",<mcc>,<mnc>,<LAC>,
# <cellID>,<BSIC>,<arfcn>,<band>,<rxlev>,... (LTE-module manual §6.17, 25 fields)
GSM_SERVING = (
    '+QENG: "servingcell","NOCONN","GSM",460,00,247C,1327,35,{arfcn},-,-52,255,255,0,53,179,'
    '1,-,-,-,-,-,-,-,-,-,"-"'
)


def test_gsm_serving_whole_record():
    s = parse({SERVING: [GSM_SERVING.format(arfcn=82)]}, model="EC20")
    assert s.serving == (
        ServingCell(rat=Rat.GSM, state="NOCONN", mcc="460", mnc="00", cell_id=0x1327, arfcn=82),
    )
    assert s.state == "NOCONN" and s.unparsed == ()


@pytest.mark.parametrize(("arfcn", "expected"), [(0, 0), (1023, 1023), (1024, None)])
def test_gsm_serving_arfcn_edges(arfcn, expected):
    (cell,) = parse({SERVING: [GSM_SERVING.format(arfcn=arfcn)]}, model="EC20").serving
    assert (cell.rat, cell.cell_id, cell.arfcn) == (Rat.GSM, 0x1327, expected)


# ---------------------------------------------------------------- NR5G-SA serving
# "NR5G-SA",<duplex_mode>,<MCC>,<MNC>,<cellID>,<PCID>,<TAC>,<ARFCN>,<band>,
# <NR_DL_bandwidth>,<RSRP>,<RSRQ>,<SINR>,<scs>,<srxlev>  (3.2.2)


def test_sa_serving_real_tdd_whole_record():
    # rm5xx_sa_tdd_tmobile.at (real): "NR5G-SA","TDD",310,260,14758F12F,271,59E700,521310,
    #   41,10,-89,-11,19,1,-
    s = snapshot_of("rm5xx_sa_tdd_tmobile.at")
    assert s.serving == (
        ServingCell(
            rat=Rat.NR5G_SA,
            state="NOCONN",
            duplex="TDD",
            mcc="310",
            mnc="260",
            cell_id=0x14758F12F,
            pci=271,
            tac=0x59E700,
            arfcn=521310,
            band=41,
            frequency_mhz=2606.55,  # 0.005 * 521310
            dl_bandwidth_mhz=80.0,  # code 10
            rsrp=-89,
            rsrq=-11,
            sinr_raw=19,
            sinr=19,
            scs_khz=30,  # code 1
            srxlev=None,  # "-"
        ),
    )
    # +QNWINFO: "TDD NR5G","310260","NR5G BAND 41",521310 = <Act>,<oper>,<band>,<channel>
    assert s.network == (
        NetworkInfo(
            access_technology="TDD NR5G", mcc="310", mnc="260", band="NR5G BAND 41", arfcn=521310
        ),
    )


@pytest.mark.parametrize(("pci", "expected"), [(0, 0), (1007, 1007), (1008, None)])
def test_sa_serving_constructed_distinct_fields(pci, expected):
    line = (
        f'+QENG: "servingcell","CONNECT","NR5G-SA","FDD",311,480,1A2B3C4D5,{pci},ABC123,'
        "126490,71,2,-104,-13,9,0,37"
    )
    (cell,) = parse({SERVING: [line]}).serving
    assert cell == ServingCell(
        rat=Rat.NR5G_SA,
        state="CONNECT",
        duplex="FDD",
        mcc="311",
        mnc="480",
        cell_id=0x1A2B3C4D5,
        pci=expected,
        tac=0xABC123,
        arfcn=126490,
        band=71,
        frequency_mhz=632.45,  # 0.005 * 126490
        dl_bandwidth_mhz=15.0,  # code 2
        rsrp=-104,
        rsrq=-13,
        sinr_raw=9,
        sinr=9,
        scs_khz=15,  # code 0
        srxlev=37,
    )


# ---------------------------------------------------------------- neighbour rows


@pytest.mark.parametrize(("pci", "expected"), [(0, 0), (503, 503), (504, None)])
def test_lte_neighbour_other_mode_row_pci_edges(pci, expected):
    # "neighbourcell","LTE",<earfcn>,<PCID>,<RSRP>,<RSRQ>[,<s_rxlev>] - RSRP before RSRQ
    rows = [
        f'+QENG: "neighbourcell","LTE",1300,{pci},-101,-13,17',
        f'+QENG: "neighbourcell","LTE",1850,{pci},-97,-8',
    ]
    s = parse({NEIGHBOURS: rows}, model="EC25")
    assert s.neighbours == (
        # EARFCN 1300 and 1850 are band 3: 1805 + 0.1 * (N - 1200)
        Neighbour(
            rat=Rat.LTE,
            arfcn=1300,
            frequency_mhz=1815.0,
            pci=expected,
            rsrp=-101,
            rsrq=-13,
            srxlev=17,
        ),
        Neighbour(rat=Rat.LTE, arfcn=1850, frequency_mhz=1870.0, pci=expected, rsrp=-97, rsrq=-8),
    )
    assert s.unparsed == ()


def test_rows_of_no_known_shape_stay_raw():
    rows = [
        # WCDMA-mode GSM row <BSIC>,<rssi>,<rxlev>,<rank>: 6 fields, no ARFCN (§6.17)
        '+QENG: "neighbourcell","GSM",52,-98,12,-5',
        # an LTE row without intra/inter of 10 fields: no layout has it
        '+QENG: "neighbourcell","LTE",1300,211,-101,-13,17,5,6,7',
    ]
    s = parse({NEIGHBOURS: rows}, model="EC25")
    assert s.neighbours == ()
    assert s.unparsed == tuple(Unparsed(command=NEIGHBOURS, line=r) for r in rows)


def test_gsm_neighbour_rows_whole_records():
    rows = [
        # §6.17 LTE-mode example: <arfcn>,<cell_resel_priority>,<thresh_gsm_high>,
        # <thresh_gsm_low>,<ncc_permitted>,<band>,<bsic_id>,<rssi>,<srxlev>
        '+QENG: "neighbourcell","GSM",94,3,14,50,255,0,0,-1920,0',
        # real GSM-mode row: <mcc>,<mnc>,<LAC>,<cellID>,<BSIC>,<arfcn>,<rxlev>,<c1>,<c2>,...
        '+QENG: "neighbourcell","GSM",460,00,2495,11C8,60,614,-87,12,128,0,0',
    ]
    s = parse({NEIGHBOURS: rows}, model="EC20")
    assert s.neighbours == (
        Neighbour(rat=Rat.GSM, arfcn=94, srxlev=0),
        Neighbour(rat=Rat.GSM, arfcn=614),
    )


@pytest.mark.parametrize(("arfcn", "expected"), [(0, 0), (1023, 1023), (1024, None)])
def test_gsm_neighbour_arfcn_edges(arfcn, expected):
    rows = [
        f'+QENG: "neighbourcell","GSM",{arfcn},3,14,50,255,0,21,-1920,9',
        f'+QENG: "neighbourcell","GSM",460,00,2495,11C8,60,{arfcn},-87,12,128,0,0',
    ]
    s = parse({NEIGHBOURS: rows}, model="EC20")
    assert s.neighbours == (
        Neighbour(rat=Rat.GSM, arfcn=expected, srxlev=9),
        Neighbour(rat=Rat.GSM, arfcn=expected),
    )


# ---------------------------------------------------------------- AT+QCAINFO


def test_nr_scc_with_signal_and_nothing_after():
    # "SCC",<freq>,<NR_DL_bandwidth>,<NR_band>,<state>,<PCID>,<UL_configured>,
    #   <NR_UL_bandwidth>,<UL_ARFCN>,<NR_RSRP>,<NR_RSRQ>  (3.2.3; 11 fields exactly)
    line = '+QCAINFO: "SCC",521310,11,"NR5G BAND 41",1,157,0,-,-,-97,-12'
    (carrier,) = parse({"AT+QCAINFO": [line]}).carriers
    assert carrier == Carrier(
        rat=Rat.NR5G,
        role=Role.SCC,
        arfcn=521310,
        band=41,
        frequency_mhz=2606.55,  # 0.005 * 521310
        bandwidth_raw=11,
        bandwidth_mhz=90.0,  # code 11
        state=1,
        pci=157,
        ul_configured=False,
        rsrp=-97,
        rsrq=-12,
    )


@pytest.mark.parametrize(
    ("rsrp", "rsrq", "rssi", "sinr", "expected"),
    [
        # PHYSICAL_RANGE: rsrp -156..-31, rsrq -43..20, rssi -130..0, sinr -23..40
        (-31, 20, 0, 40, (-31, 20, 0, 40)),
        (-156, -43, -130, -23, (-156, -43, -130, -23)),
        (-30, 21, 1, 41, (None, None, None, None)),
        (-157, -44, -131, -24, (None, None, None, None)),
    ],
)
def test_lte_pcc_metric_edges(rsrp, rsrq, rssi, sinr, expected):
    # "PCC",<freq>,<bandwidth RBs>,<band>,<state>,<PCID>,<RSRP>,<RSRQ>,<RSSI>,<RSSNR> (3.2.3)
    line = f'+QCAINFO: "PCC",1300,100,"LTE BAND 3",1,503,{rsrp},{rsrq},{rssi},{sinr}'
    (carrier,) = parse({"AT+QCAINFO": [line]}).carriers
    e_rsrp, e_rsrq, e_rssi, e_sinr = expected
    assert carrier == Carrier(
        rat=Rat.LTE,
        role=Role.PCC,
        arfcn=1300,
        band=3,
        frequency_mhz=1815.0,  # 1805 + 0.1 * (1300 - 1200)
        bandwidth_raw=100,
        bandwidth_mhz=20.0,  # 100 RBs
        state=1,
        pci=503,
        rsrp=e_rsrp,
        rsrq=e_rsrq,
        rssi=e_rssi,
        sinr=e_sinr,
    )


# ---------------------------------------------------------------- per-antenna readings


def test_antennas_4x4_every_port():
    # antennas_4x4.at: <PRX>,<DRX>,<RX2>,<RX3>,<sysmode> (3.3.3-3.3.5); a path at the
    # -140 floor is not fitted (quectel._RSRP_FLOOR), its raw readings are still kept
    s = snapshot_of("antennas_4x4.at")
    lte = [(-91, -11, 21), (-88, -12, 19), (-140, -20, -20), (-140, -20, -20)]
    nr = [(-120, -17, -2), (-98, -10, 17), (-101, -13, 15), (-99, -14, 16)]
    names = ("PRX", "DRX", "RX2", "RX3")
    expected = []
    for rat, rows in ((Rat.LTE, lte), (Rat.NR5G, nr)):
        for i, (rsrp, rsrq, sinr) in enumerate(rows):
            fitted = rsrp > -140
            expected.append(
                AntennaPort(
                    rat=rat,
                    port=i,
                    name=names[i],
                    rsrp=rsrp if fitted else None,
                    rsrq=rsrq if fitted else None,
                    sinr=sinr if fitted else None,
                    rsrp_raw=rsrp,
                    rsrq_raw=rsrq,
                    sinr_raw=sinr,
                )
            )
    assert s.antennas == tuple(expected)


def test_antenna_line_of_unknown_sysmode_stays_raw():
    lines = ["+QRSRP: -90,-91,-92,-93,WCDMA"]
    s = parse({"AT+QRSRP": lines})
    assert s.antennas == ()
    assert s.unparsed == (Unparsed(command="AT+QRSRP", line=lines[0]),)


# ---------------------------------------------------------------- AT+QTEMP


def test_bare_qtemp_whole_records():
    # quectel_ec200t_lte_qtemp.at: +QTEMP: 38,255,255 = <pmic>,<xo>,<pa>; 255 = no sensor
    s = snapshot_of("quectel_ec200t_lte_qtemp.at")
    assert s.temperatures == (
        Temperature(sensor="pmic", celsius=38, raw="38"),
        Temperature(sensor="xo", celsius=None, raw="255"),
        Temperature(sensor="pa", celsius=None, raw="255"),
    )


def test_named_qtemp_whole_records():
    # rm520n_nsa_ca_tim.at (real): +QTEMP:"<sensor>","<celsius>"
    s = snapshot_of("rm520n_nsa_ca_tim.at")
    assert s.temperatures == (
        Temperature(sensor="modem-lte-sub6-pa1", celsius=43, raw="43"),
        Temperature(sensor="cpuss-0-usr", celsius=43, raw="43"),
        Temperature(sensor="modem-ambient-usr", celsius=43, raw="43"),
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    # the parser's window -60..150 °C, and -273 / 255 as "no sensor"
    [("-60", -60), ("150", 150), ("-61", None), ("151", None), ("-273", None), ("255", None)],
)
def test_named_qtemp_celsius_edges(raw, expected):
    s = parse({"AT+QTEMP": [f'+QTEMP:"cpu0-a7-usr","{raw}"']})
    assert s.temperatures == (Temperature(sensor="cpu0-a7-usr", celsius=expected, raw=raw),)


@pytest.mark.parametrize(
    "line",
    [
        "+QTEMP: 38,40",  # two fields, but the first is a number, not a sensor name
        '+QTEMP: "","40"',  # no sensor name
        '+QTEMP: "pa","xo","pmic"',  # three fields that are not three numbers
    ],
)
def test_qtemp_lines_of_no_known_shape_stay_raw(line):
    s = parse({"AT+QTEMP": [line]})
    assert s.temperatures == ()
    assert s.unparsed == (Unparsed(command="AT+QTEMP", line=line),)


# ---------------------------------------------------------------- AT+QSPN, AT+QNWINFO


def test_qnwinfo_whole_record():
    # rm5xx_sa_fdd_tmobile.at (real): +QNWINFO: "FDD NR5G","310260","NR5G BAND 71",126490
    s = snapshot_of("rm5xx_sa_fdd_tmobile.at")
    assert s.network == (
        NetworkInfo(
            access_technology="FDD NR5G", mcc="310", mnc="260", band="NR5G BAND 71", arfcn=126490
        ),
    )


def test_second_qspn_keeps_what_the_first_gave():
    # +QSPN: <FNN>,<SNN>,<SPN>,<alphabet>,<RPLMN>; a later reply lacking the names keeps
    # those of an earlier one (generic.merge_operator: what one lacks taken from the other)
    answers = {
        "AT+QSPN": ['+QSPN: "T-Mobile","TMO","",0,""'],
        "AT+QNWINFO;+QSPN": ['+QSPN: "","","",0,"310260"'],
    }
    s = parse(answers)
    assert s.operator == Operator(name="T-Mobile", short_name="TMO", mcc="310", mnc="260")

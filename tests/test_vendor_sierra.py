"""Sierra Wireless: !GSTATUS? label pairs and !LTEINFO? tables, on the fixtures."""

from __future__ import annotations

from fiveg.records import Rat, Role
from fiveg.vendors import sierra
from tests.conftest import T0, poll_fixture, reply_lines


def test_label_pairs_split_on_tabs_and_runs_of_spaces():
    assert sierra.label_pairs("Current Time:  22016\t\tTemperature: 40") == [
        ("Current Time", "22016"),
        ("Temperature", "40"),
    ]
    assert sierra.label_pairs("NR5G RSRP (dBm): -104        NR5G RSRQ (dB):  -15") == [
        ("NR5G RSRP (dBm)", "-104"),
        ("NR5G RSRQ (dB)", "-15"),
    ]
    # old firmware: the port's RSRP under a bare "RSRP (dBm)" label
    assert sierra.label_pairs("PCC RxD RSSI:  -44\t\tRSRP (dBm):  -79") == [
        ("PCC RxD RSSI", "-44"),
        ("PCC RxD RSRP", "-79"),
    ]
    assert sierra.label_pairs("LTE Scell band:B12    ") == [("LTE Scell band", "B12")]
    # a value with a space and no colon after it is one value
    assert sierra.label_pairs("EMM state:     Registered     \tNormal Service ") == [
        ("EMM state", "Registered Normal Service")
    ]


def test_em7455_lte_ca_with_echo():
    result, _ = poll_fixture("sierra_em7455_lte_ca.at")
    s = result.snapshot
    assert (s.dialect, s.device.model) == ("sierra", "EM7455")
    assert s.state == "RRC Connected"
    (lte,) = s.serving
    assert (lte.rat, lte.band, lte.arfcn, lte.frequency_mhz) == (Rat.LTE, 2, 800, 1950.0)
    assert lte.dl_bandwidth_mhz == 20
    assert (lte.rsrq, lte.sinr) == (-14, 23.8)  # !GSTATUS
    assert (lte.rsrp, lte.rssi, lte.pci) == (-79.6, -45.5, 404)  # !LTEINFO serving row
    assert (lte.mcc, lte.mnc, lte.tac, lte.cell_id) == ("310", "410", 35666, 0x0A14666A)
    assert (lte.enodeb_id, lte.sector_id) == (0x0A1466, 0x6A)
    assert [(c.role, c.band, c.arfcn, c.bandwidth_mhz, c.frequency_mhz) for c in s.carriers] == [
        (Role.PCC, 2, 800, 20, 1950.0),
        (Role.SCC, 12, 5110, 10, 739.0),
    ]
    assert [(a.name, a.rsrp) for a in s.antennas] == [("PRX", -81), ("DRX", -79)]
    assert [(n.kind, n.arfcn, n.pci, n.rsrp, n.rsrq, n.rssi) for n in s.neighbours] == [
        ("intra", 800, 402, -89.3, -20, -57.6),  # the serving PCI 404 is not its own neighbour
        ("inter", 5110, 272, -80.9, -12.1, -50.6),
    ]
    assert [(t.sensor, t.celsius) for t in s.temperatures] == [("modem", 40)]
    assert s.unparsed == ()


def test_em9190_nr_sa_and_its_no_value_markers():
    s = poll_fixture("sierra_em9190_nr_sa.at")[0].snapshot
    (nr,) = s.serving
    assert (nr.rat, nr.band, nr.arfcn, nr.frequency_mhz) == (Rat.NR5G_SA, 41, 521232, 2606.16)
    assert (nr.rsrp, nr.rsrq, nr.sinr, nr.dl_bandwidth_mhz) == (-104, -15, 0.5, 20)
    assert (nr.mcc, nr.mnc, nr.tac, nr.cell_id) == ("310", "260", 0x2D6600, 7621693752)
    assert s.state == "REGISTERED"  # +C5GREG; the LTE registration says 0
    # neither !LTEINFO? nor !NRINFO? is in that capture: the replay refuses both
    assert [e.command for e in s.errors] == ["AT!LTEINFO?", "AT!NRINFO?"]


def test_dashes_are_no_value():
    lines = [
        "!GSTATUS: ",
        "System mode:   LTE              PS state:    Attached",
        "LTE band:      B7               LTE bw:      20 MHz",
        "PCC RxM RSSI:  -46              PCC RxM RSRP:  -72",
        "Tx Power:      --               TAC:         0001 (1)",
        "SINR (dB):     25.4",
        "NR5G band:       ---            NR5G bw:         ---",
        "NR5G RSRP (dBm): ---            NR5G RSRQ (dB):  ---",
    ]
    s = sierra.parse_snapshot({"AT!GSTATUS?": lines}, time=T0)
    (lte,) = s.serving  # no NR5G cell from a block of "---"
    assert (lte.band, lte.tac, lte.sinr) == (7, 1, 25.4)
    assert [(a.name, a.rsrp) for a in s.antennas] == [("PRX", -72)]


def test_em7455_with_every_field_distinct():
    """sierra_em7455_lte_ca_distinct.at: each expected value can come from one place only."""
    s = poll_fixture("sierra_em7455_lte_ca_distinct.at")[0].snapshot
    (lte,) = s.serving
    assert (lte.band, lte.arfcn, lte.frequency_mhz) == (4, 2175, 2132.5)  # 2110 + 0.1 * 225
    assert lte.dl_bandwidth_mhz == 15  # "LTE bw", not the Scell's 10
    # "TAC: 5208 (21000)": the decimal the modem prints beside the hex, 0x5208 = 21000
    assert (lte.tac, lte.cell_id) == (21000, 187452949)  # "0B2C4E15 (187452949)"
    assert (lte.enodeb_id, lte.sector_id) == (0x0B2C4E, 0x15)
    assert (lte.rsrq, lte.sinr) == (-11, 17.4)  # !GSTATUS's -11.0, not !LTEINFO's -11.3
    assert (lte.rsrp, lte.rssi, lte.pci) == (-84.7, -50.1, 318)  # the !LTEINFO serving row
    assert (lte.mcc, lte.mnc) == ("310", "410")
    assert [(c.role, c.band, c.arfcn, c.bandwidth_mhz, c.frequency_mhz) for c in s.carriers] == [
        (Role.PCC, 4, 2175, 15, 2132.5),
        (Role.SCC, 2, 900, 10, 1960.0),  # 1930 + 0.1 * (900 - 600)
    ]
    # the PCC ports, not the SCC's (-90, -93), RxM before RxD
    assert [(a.name, a.rsrp) for a in s.antennas] == [("PRX", -86), ("DRX", -83)]
    assert [(n.kind, n.arfcn, n.pci, n.rsrp, n.rsrq, n.rssi) for n in s.neighbours] == [
        ("intra", 2175, 77, -95.2, -17.5, -63.4),
        ("inter", 900, 430, -91.8, -13.6, -57.9),
    ]
    assert [(t.sensor, t.celsius) for t in s.temperatures] == [("modem", 44)]
    assert s.unparsed == ()


def test_lteinfo_alone_reads_its_decimal_tac_and_hex_cid():
    # the !LTEINFO? of sierra_em7455_lte_ca_distinct.at without !GSTATUS?: its serving row
    # gives TAC in decimal (21000) and CID in hex (0B2C4E15)
    lines = reply_lines("sierra_em7455_lte_ca_distinct.at", "AT!LTEINFO?")
    (lte,) = sierra.parse_snapshot({"AT!LTEINFO?": lines}, time=T0).serving
    assert (lte.tac, lte.cell_id, lte.pci) == (21000, 0x0B2C4E15, 318)
    assert (lte.band, lte.arfcn, lte.mcc, lte.mnc) == (4, 2175, "310", "410")
    assert (lte.rsrp, lte.rsrq, lte.rssi) == (-84.7, -11.3, -50.1)


def test_identifier_takes_the_printed_decimal_and_reads_hex_alone_as_hex():
    assert sierra._identifier("5208 (21000)") == 21000
    assert sierra._identifier("003039") == 0x3039  # hex digits only: 12345, not 3039
    assert sierra._identifier("2d6600") == 0x2D6600
    assert sierra._identifier("---") is None

"""Radio tables against values that follow directly from the 3GPP tables."""

from __future__ import annotations

import pytest

from fiveg import radio


@pytest.mark.parametrize(
    ("earfcn", "band", "mhz"),
    [
        (0, 1, 2110.0),  # TS 36.101 Table 5.7.3-1: N_DL low of each band is F_DL_low
        (300, 1, 2140.0),
        (1200, 3, 1805.0),
        (1650, 3, 1850.0),
        (1949, 3, 1879.9),
        (3450, 8, 925.0),
        (6300, 20, 806.0),
        (9210, 28, 758.0),
        (38950, 40, 2330.0),
        (39650, 41, 2496.0),
        (66436, 66, 2110.0),
        (68586, 71, 617.0),
    ],
)
def test_earfcn_to_mhz(earfcn, band, mhz):
    assert radio.earfcn_to_mhz(earfcn, band) == mhz
    assert radio.lte_band_for_earfcn(earfcn) == band


def test_earfcn_out_of_every_band_is_none():
    assert radio.earfcn_to_mhz(10400) is None
    assert radio.earfcn_to_mhz(None) is None


def test_reported_band_wins_but_a_wrong_one_falls_back_to_the_table():
    assert radio.earfcn_to_mhz(1650, 3) == 1850.0
    assert radio.earfcn_to_mhz(1650, 7) == 1850.0  # 1650 is not band 7; table says band 3


@pytest.mark.parametrize(
    ("nrarfcn", "mhz"),
    [
        (0, 0.0),  # TS 38.104 Table 5.4.2.1-1 range boundaries
        (599999, 2999.995),
        (600000, 3000.0),
        (620000, 3300.0),
        (636666, 3549.99),
        (2016666, 24249.99),
        (2016667, 24250.08),
        (2229167, 37000.08),
        (126490, 632.45),
        (521310, 2606.55),
    ],
)
def test_nrarfcn_global_raster(nrarfcn, mhz):
    assert radio.nrarfcn_to_mhz(nrarfcn) == mhz


def test_nrarfcn_outside_raster():
    assert radio.nrarfcn_to_mhz(3279166) is None
    assert radio.nrarfcn_to_mhz(-1) is None


def test_nr_bands_hold_their_frequencies():
    assert radio.nr_band_holds(78, 3731.52)
    assert not radio.nr_band_holds(78, 3900.0)
    assert radio.nr_band_holds(77, 3900.0)
    assert radio.nr_band_holds(80, 1750.0) is None  # SUL: no downlink
    assert radio.nr_band_holds(999, 1.0) is None
    assert radio.NR_BANDS[71].dl_low_mhz == 617 and radio.NR_BANDS[71].ul_low_mhz == 663


def test_bandwidth_tables():
    assert [radio.LTE_BANDWIDTH_CODE_MHZ[i] for i in range(6)] == [1.4, 3, 5, 10, 15, 20]
    assert radio.LTE_RB_MHZ[100] == 20.0 and radio.LTE_RB_MHZ[6] == 1.4
    assert radio.NR_BANDWIDTH_CODE_MHZ[12] == 100.0 and radio.NR_BANDWIDTH_CODE_MHZ[14] == 400.0
    assert radio.SCS_CODE_KHZ[1] == 30


def test_cell_id_splits():
    assert radio.split_eci(0x328261F) == (0x32826, 0x1F)
    assert radio.split_eci(1 << 28) == (None, None)
    assert radio.split_nci(0x14758F12F, 24) == (0x14758F12F >> 12, 0x12F)
    assert radio.split_nci(0x14758F12F, 40) == (None, None)


def test_band_labels_follow_3gpp_naming():
    from fiveg.radio import band_label

    assert band_label("LTE", 3) == "B3"
    assert band_label("NR5G-NSA", 78) == "n78"
    assert band_label("NR5G", 41) == "n41"
    assert band_label("LTE", None) is None


def test_the_first_and_last_channel_of_a_band_are_in_it_and_one_beyond_is_not():
    # TS 36.101 Table 5.7.3-1, band 3: N_DL 1200..1949, F_DL_low 1805 MHz
    assert radio.earfcn_to_mhz(1200, 3) == 1805.0
    assert radio.earfcn_to_mhz(1949, 3) == 1879.9
    # one below is band 2's last channel (1930 + 0.1 x (1199 - 600)): band 3 is not
    # believed for it, the table's row is used
    assert radio.earfcn_to_mhz(1199, 3) == 1989.9
    assert radio.lte_band_for_earfcn(1199) == 2
    assert radio.lte_band_for_earfcn(1950) == 4  # band 4 starts at 1950
    # band 1 starts at channel 0: the lower edge itself is a channel
    assert radio.earfcn_to_mhz(0) == 2110.0 and radio.lte_band_for_earfcn(0) == 1
    # a frequency is kept to the channel raster's 100 kHz, not to a rounding artefact
    assert radio.earfcn_to_mhz(1201, 3) == 1805.1
    assert radio.nrarfcn_to_mhz(620001) == 3300.015  # 15 kHz raster above 3 GHz


def test_every_band_row_gives_its_edges_and_nothing_outside():
    for b in radio.LTE_BANDS.values():
        assert radio.earfcn_to_mhz(b.dl_first, b.band) == round(b.dl_low_mhz, 3)
        last = round(b.dl_low_mhz + 0.1 * (b.dl_last - b.dl_offset), 3)
        assert radio.earfcn_to_mhz(b.dl_last, b.band) == last


def test_cell_identity_ranges_are_the_specs_bit_widths():
    # ECI: 28 bits (TS 36.413 9.2.1.38); 0 and the largest are cells too
    assert radio.split_eci(0) == (0, 0)
    assert radio.split_eci((1 << 28) - 1) == ((1 << 20) - 1, 0xFF)
    assert radio.split_eci(-1) == (None, None) and radio.split_eci(None) == (None, None)
    # NCI: 36 bits, gNB id 22..32 bits (TS 38.413 9.3.1.7)
    assert radio.split_nci(0, 22) == (0, 0)
    assert radio.split_nci((1 << 36) - 1, 32) == ((1 << 32) - 1, 0xF)
    assert radio.split_nci(1 << 36, 24) == (None, None)
    assert radio.split_nci(1 << 35, 22) == (1 << 21, 0)
    assert radio.split_nci(5, 21) == (None, None) and radio.split_nci(5, 33) == (None, None)
    assert radio.split_nci(-1, 24) == (None, None) and radio.split_nci(None, 24) == (None, None)


def test_utra_bands_are_roman_and_gsm_bands_plain():
    from fiveg.radio import band_label

    # TS 25.101 Table 5.0: UTRA bands I..XXXII
    assert band_label("WCDMA", 1) == "Band I"
    assert band_label("WCDMA", 4) == "Band IV"
    assert band_label("WCDMA", 8) == "Band VIII"
    assert band_label("WCDMA", 9) == "Band IX"
    assert band_label("WCDMA", 19) == "Band XIX"
    assert band_label("WCDMA", 39) == "Band XXXIX"
    assert band_label("WCDMA", 40) == "40" and band_label("WCDMA", 0) == "0"
    assert band_label("GSM", 900) == "900"

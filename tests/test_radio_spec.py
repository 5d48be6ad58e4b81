"""radio.py against the 3GPP tables, transcribed here by hand as literal data.

The tables below are copied from the specifications (not from radio.py), and
every expected frequency is computed from these transcribed constants with the
spec's own formula in exact decimal arithmetic, never by calling radio.py.

Sources read:
- TS 36.104 V19.2.0 (2025-12, Rel-19) Table 5.5-1 "E-UTRA frequency bands" and
  Table 5.7.3-1 "E-UTRA channel numbers" (3GPP Word text converted to markdown,
  stored copy). Table 5.7.3-1 is the same table TS 36.101 5.7.3 carries; the BS
  spec lacks only the UE-only V2X band 47.
- Band 47 (TS 36.101 Table 5.5-1 / 5.7.3-1): the copy of TS 36.101 v16.18.0
  Table 5.7.3-1 in navytux/xlte earfcn.py, agreeing with a TS 36.101 V18.7.0
  table (EutraBands, a JS bundle in the code index) and srsran/srsRAN_4G
  lib/src/phy/common/phy_common.c (5855 MHz, N_Offs-DL 54540).
- TS 38.101-1 Table 5.2-1 "NR operating bands in FR1", Rel-19 text (stored
  markdown copy of clauses 1-5; it prints no version number but has n110 and
  the r19 items), cross-checked against a TS 38.104 V19.4.0 band table (JS in
  the code index; it lacks the UE-only n47) and srsran/srsRAN_Project
  lib/ran/band_helper.cpp (ARFCN ranges, TS 38.104 V17.8.0).
- TS 38.101-2 Table 5.2-1 "NR operating bands in FR2", Rel-17
  (https://itecspec.com/spec/3gpp-38-101-2-5-operating-bands-and-channel-arrangement/).
- NR-ARFCN global raster Table 5.4.2.1-1: rows 1-2 from TS 38.101-1 (same Rel-19
  copy, and https://itecspec.com/spec/3gpp-38-101-1-5-4-channel-arrangement/),
  row 3 from TS 38.521-2 Rel-17 Table 5.4.2.1-1
  (https://itecspec.com/spec/3gpp-38-521-2-5-4-channel-arrangement); all three
  rows agree with srsRAN_Project band_helper.cpp (TS 38.104 V17.8.0).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from fiveg import radio

# ---------------------------------------------------------------- LTE

# TS 36.104 V19.2.0 Table 5.5-1 (F_low-F_high, duplex) joined with Table 5.7.3-1
# (F_low, N_Offs, N range) per band; band 47 from TS 36.101 (see the module doc).
# band: (F_DL_low, F_DL_high, N_Offs-DL, N_DL first, N_DL last,
#        F_UL_low, F_UL_high, N_Offs-UL, N_UL first, N_UL last, Table 5.5-1 duplex)
# A row whose uplink is N/A is written "FDD" in Table 5.5-1 with NOTE 2
# ("restricted to E-UTRA operation when carrier aggregation is configured").
# Every row follows Rel-19; bands 1-88 read the same in TS 36.101 v16.18.0
# (navytux/xlte earfcn.py) and V18.7.0, so the band 24/65/66/85-88 rows did not
# change between Rel-16 and Rel-19 (band 24 gained only Table 5.5-1 NOTE 9,
# restricting operation within the band, not the channel numbers).
NA = None
LTE_SPEC = {
    1: ("2110", "2170", 0, 0, 599, "1920", "1980", 18000, 18000, 18599, "FDD"),
    2: ("1930", "1990", 600, 600, 1199, "1850", "1910", 18600, 18600, 19199, "FDD"),
    3: ("1805", "1880", 1200, 1200, 1949, "1710", "1785", 19200, 19200, 19949, "FDD"),
    4: ("2110", "2155", 1950, 1950, 2399, "1710", "1755", 19950, 19950, 20399, "FDD"),
    5: ("869", "894", 2400, 2400, 2649, "824", "849", 20400, 20400, 20649, "FDD"),
    6: ("875", "885", 2650, 2650, 2749, "830", "840", 20650, 20650, 20749, "FDD"),
    7: ("2620", "2690", 2750, 2750, 3449, "2500", "2570", 20750, 20750, 21449, "FDD"),
    8: ("925", "960", 3450, 3450, 3799, "880", "915", 21450, 21450, 21799, "FDD"),
    9: ("1844.9", "1879.9", 3800, 3800, 4149, "1749.9", "1784.9", 21800, 21800, 22149, "FDD"),
    10: ("2110", "2170", 4150, 4150, 4749, "1710", "1770", 22150, 22150, 22749, "FDD"),
    11: ("1475.9", "1495.9", 4750, 4750, 4949, "1427.9", "1447.9", 22750, 22750, 22949, "FDD"),
    12: ("729", "746", 5010, 5010, 5179, "699", "716", 23010, 23010, 23179, "FDD"),
    13: ("746", "756", 5180, 5180, 5279, "777", "787", 23180, 23180, 23279, "FDD"),
    14: ("758", "768", 5280, 5280, 5379, "788", "798", 23280, 23280, 23379, "FDD"),
    17: ("734", "746", 5730, 5730, 5849, "704", "716", 23730, 23730, 23849, "FDD"),
    18: ("860", "875", 5850, 5850, 5999, "815", "830", 23850, 23850, 23999, "FDD"),
    19: ("875", "890", 6000, 6000, 6149, "830", "845", 24000, 24000, 24149, "FDD"),
    20: ("791", "821", 6150, 6150, 6449, "832", "862", 24150, 24150, 24449, "FDD"),
    21: ("1495.9", "1510.9", 6450, 6450, 6599, "1447.9", "1462.9", 24450, 24450, 24599, "FDD"),
    22: ("3510", "3590", 6600, 6600, 7399, "3410", "3490", 24600, 24600, 25399, "FDD"),
    23: ("2180", "2200", 7500, 7500, 7699, "2000", "2020", 25500, 25500, 25699, "FDD"),
    24: ("1525", "1559", 7700, 7700, 8039, "1626.5", "1660.5", 25700, 25700, 26039, "FDD"),
    25: ("1930", "1995", 8040, 8040, 8689, "1850", "1915", 26040, 26040, 26689, "FDD"),
    26: ("859", "894", 8690, 8690, 9039, "814", "849", 26690, 26690, 27039, "FDD"),
    27: ("852", "869", 9040, 9040, 9209, "807", "824", 27040, 27040, 27209, "FDD"),
    28: ("758", "803", 9210, 9210, 9659, "703", "748", 27210, 27210, 27659, "FDD"),
    29: ("717", "728", 9660, 9660, 9769, NA, NA, NA, NA, NA, "FDD"),
    30: ("2350", "2360", 9770, 9770, 9869, "2305", "2315", 27660, 27660, 27759, "FDD"),
    31: ("462.5", "467.5", 9870, 9870, 9919, "452.5", "457.5", 27760, 27760, 27809, "FDD"),
    32: ("1452", "1496", 9920, 9920, 10359, NA, NA, NA, NA, NA, "FDD"),
    33: ("1900", "1920", 36000, 36000, 36199, "1900", "1920", 36000, 36000, 36199, "TDD"),
    34: ("2010", "2025", 36200, 36200, 36349, "2010", "2025", 36200, 36200, 36349, "TDD"),
    35: ("1850", "1910", 36350, 36350, 36949, "1850", "1910", 36350, 36350, 36949, "TDD"),
    36: ("1930", "1990", 36950, 36950, 37549, "1930", "1990", 36950, 36950, 37549, "TDD"),
    37: ("1910", "1930", 37550, 37550, 37749, "1910", "1930", 37550, 37550, 37749, "TDD"),
    38: ("2570", "2620", 37750, 37750, 38249, "2570", "2620", 37750, 37750, 38249, "TDD"),
    39: ("1880", "1920", 38250, 38250, 38649, "1880", "1920", 38250, 38250, 38649, "TDD"),
    40: ("2300", "2400", 38650, 38650, 39649, "2300", "2400", 38650, 38650, 39649, "TDD"),
    41: ("2496", "2690", 39650, 39650, 41589, "2496", "2690", 39650, 39650, 41589, "TDD"),
    42: ("3400", "3600", 41590, 41590, 43589, "3400", "3600", 41590, 41590, 43589, "TDD"),
    43: ("3600", "3800", 43590, 43590, 45589, "3600", "3800", 43590, 43590, 45589, "TDD"),
    44: ("703", "803", 45590, 45590, 46589, "703", "803", 45590, 45590, 46589, "TDD"),
    45: ("1447", "1467", 46590, 46590, 46789, "1447", "1467", 46590, 46590, 46789, "TDD"),
    46: ("5150", "5925", 46790, 46790, 54539, "5150", "5925", 46790, 46790, 54539, "TDD"),
    47: ("5855", "5925", 54540, 54540, 55239, "5855", "5925", 54540, 54540, 55239, "TDD"),
    48: ("3550", "3700", 55240, 55240, 56739, "3550", "3700", 55240, 55240, 56739, "TDD"),
    49: ("3550", "3700", 56740, 56740, 58239, "3550", "3700", 56740, 56740, 58239, "TDD"),
    50: ("1432", "1517", 58240, 58240, 59089, "1432", "1517", 58240, 58240, 59089, "TDD"),
    51: ("1427", "1432", 59090, 59090, 59139, "1427", "1432", 59090, 59090, 59139, "TDD"),
    52: ("3300", "3400", 59140, 59140, 60139, "3300", "3400", 59140, 59140, 60139, "TDD"),
    53: ("2483.5", "2495", 60140, 60140, 60254, "2483.5", "2495", 60140, 60140, 60254, "TDD"),
    54: ("1670", "1675", 60255, 60255, 60304, "1670", "1675", 60255, 60255, 60304, "TDD"),
    65: ("2110", "2200", 65536, 65536, 66435, "1920", "2010", 131072, 131072, 131971, "FDD"),
    66: ("2110", "2200", 66436, 66436, 67335, "1710", "1780", 131972, 131972, 132671, "FDD"),
    67: ("738", "758", 67336, 67336, 67535, NA, NA, NA, NA, NA, "FDD"),
    68: ("753", "783", 67536, 67536, 67835, "698", "728", 132672, 132672, 132971, "FDD"),
    69: ("2570", "2620", 67836, 67836, 68335, NA, NA, NA, NA, NA, "FDD"),
    70: ("1995", "2020", 68336, 68336, 68585, "1695", "1710", 132972, 132972, 133121, "FDD"),
    71: ("617", "652", 68586, 68586, 68935, "663", "698", 133122, 133122, 133471, "FDD"),
    72: ("461", "466", 68936, 68936, 68985, "451", "456", 133472, 133472, 133521, "FDD"),
    73: ("460", "465", 68986, 68986, 69035, "450", "455", 133522, 133522, 133571, "FDD"),
    74: ("1475", "1518", 69036, 69036, 69465, "1427", "1470", 133572, 133572, 134001, "FDD"),
    75: ("1432", "1517", 69466, 69466, 70315, NA, NA, NA, NA, NA, "FDD"),
    76: ("1427", "1432", 70316, 70316, 70365, NA, NA, NA, NA, NA, "FDD"),
    85: ("728", "746", 70366, 70366, 70545, "698", "716", 134002, 134002, 134181, "FDD"),
    87: ("420", "425", 70546, 70546, 70595, "410", "415", 134182, 134182, 134231, "FDD"),
    88: ("422", "427", 70596, 70596, 70645, "412", "417", 134232, 134232, 134281, "FDD"),
    103: ("757", "758", 70646, 70646, 70655, "787", "788", 134282, 134282, 134291, "FDD"),
    106: ("935", "940", 70656, 70656, 70705, "896", "901", 134292, 134292, 134341, "FDD"),
    111: ("1820", "1830", 73386, 73386, 73485, "1800", "1810", 134342, 134342, 134441, "FDD"),
}

# Rows of the same tables that fiveg leaves out on purpose: LTE-based 5G terrestrial
# broadcast only (Table 5.5-1 NOTE 11, duplex "SDO"); no modem camps on them.
# band: (F_DL_low, N_Offs-DL, N_DL first, N_DL last)
LTE_BROADCAST_ONLY = {
    107: ("612", 70706, 70706, 71105),
    108: ("470", 71106, 71106, 73385),
    112: ("470", 73486, 73486, 74865),
    113: ("606", 74866, 74866, 75785),
}


def _dl_mhz(band: int, n: int) -> float:
    """TS 36.101 5.7.3: F_DL = F_DL_low + 0.1 (N_DL - N_Offs-DL), exactly."""
    f_low, _, n_offs = LTE_SPEC[band][:3]
    return float(Decimal(f_low) + Decimal("0.1") * (n - n_offs))


def _dec(v: str | None) -> Decimal | None:
    return None if v is None else Decimal(v)


def test_the_transcription_is_consistent_with_itself():
    """Table 5.7.3-1's channel ranges end 100 kHz below Table 5.5-1's band edges."""
    for band, row in LTE_SPEC.items():
        f_dl, f_dl_hi, n_dl, dl_first, dl_last, f_ul, f_ul_hi, n_ul, ul_first, ul_last, dup = row
        assert n_dl == dl_first, band
        assert Decimal(f_dl) + Decimal("0.1") * (dl_last - n_dl) == Decimal(f_dl_hi) - Decimal(
            "0.1"
        ), band
        if f_ul is None:
            assert (f_ul_hi, n_ul, ul_first, ul_last, dup) == (None, None, None, None, "FDD")
            continue
        assert n_ul == ul_first, band
        assert Decimal(f_ul) + Decimal("0.1") * (ul_last - n_ul) == Decimal(f_ul_hi) - Decimal(
            "0.1"
        ), band
        assert (dup == "TDD") == ((f_dl, dl_first, dl_last) == (f_ul, ul_first, ul_last)), band


def test_lte_band_set_is_the_spec_set():
    assert sorted(radio.LTE_BANDS) == sorted(LTE_SPEC)


@pytest.mark.parametrize("band", sorted(LTE_SPEC))
def test_lte_row_matches_table_5_7_3_1(band):
    f_dl, _, n_dl, dl_first, dl_last, f_ul, _, n_ul, _, _, dup = LTE_SPEC[band]
    row = radio.LTE_BANDS[band]
    assert row.band == band
    assert (Decimal(str(row.dl_low_mhz)), row.dl_offset) == (Decimal(f_dl), n_dl)
    assert (row.dl_first, row.dl_last) == (dl_first, dl_last)
    ul = None if row.ul_low_mhz is None else Decimal(str(row.ul_low_mhz))
    assert (ul, row.ul_offset) == (_dec(f_ul), n_ul)
    assert row.duplex == ("SDL" if f_ul is None else dup)


@pytest.mark.parametrize("band", sorted(LTE_SPEC))
def test_earfcn_to_mhz_at_both_ends_of_the_downlink_range(band):
    first, last = LTE_SPEC[band][3], LTE_SPEC[band][4]
    for n in (first, last):
        assert radio.earfcn_to_mhz(n, band) == _dl_mhz(band, n)
        assert radio.earfcn_to_mhz(n) == _dl_mhz(band, n)  # band looked up from the table


def _band_starting_at(n: int) -> int | None:
    return next((b for b, r in LTE_SPEC.items() if r[3] == n), None)


def _band_ending_at(n: int) -> int | None:
    return next((b for b, r in LTE_SPEC.items() if r[4] == n), None)


@pytest.mark.parametrize("band", sorted(LTE_SPEC))
def test_lte_band_for_earfcn_at_and_past_the_edges(band):
    first, last = LTE_SPEC[band][3], LTE_SPEC[band][4]
    assert radio.lte_band_for_earfcn(first) == band
    assert radio.lte_band_for_earfcn(last) == band
    assert radio.lte_band_for_earfcn(last + 1) == _band_starting_at(last + 1)
    assert radio.lte_band_for_earfcn(first - 1) == _band_ending_at(first - 1)


def test_earfcn_between_bands_is_none():
    # Values computed by hand from Table 5.7.3-1: 5009 is between band 11 (last 4949)
    # and band 12 (first 5010); 10360 is past band 32; 65535 is below band 65.
    for n in (4950, 5009, 10360, 35999, 65535):
        assert radio.lte_band_for_earfcn(n) is None
        assert radio.earfcn_to_mhz(n) is None


@pytest.mark.parametrize(
    ("earfcn", "mhz"),
    [
        (9, 2110.9),
        (3800, 1844.9),
        (4149, 1879.8),  # band 9: 1844.9 + 0.1 * 349
        (60254, 2494.9),
        (66435, 2199.9),
        (67335, 2199.9),
        (70655, 757.9),
        (73485, 1829.9),
    ],
)
def test_earfcn_literals_worked_by_hand(earfcn, mhz):
    # e.g. band 66: 2110 + 0.1 (67335 - 66436) = 2199.9; band 111: 1820 + 0.1 * 99 = 1829.9
    assert radio.earfcn_to_mhz(earfcn) == mhz


@pytest.mark.parametrize("band", sorted(LTE_BROADCAST_ONLY))
def test_broadcast_only_bands_are_left_out(band):
    _f_low, n_offs, first, last = LTE_BROADCAST_ONLY[band]
    assert band not in radio.LTE_BANDS
    assert n_offs == first
    assert radio.lte_band_for_earfcn(first) is None
    assert radio.lte_band_for_earfcn(last) is None


# ---------------------------------------------------------------- NR bands

# TS 38.101-1 Table 5.2-1 (FR1, Rel-19) and TS 38.101-2 Table 5.2-1 (FR2, Rel-17).
# band: (F_UL_low, F_UL_high, F_DL_low, F_DL_high, duplex); N/A is None.
NR_SPEC = {
    1: ("1920", "1980", "2110", "2170", "FDD"),
    2: ("1850", "1910", "1930", "1990", "FDD"),
    3: ("1710", "1785", "1805", "1880", "FDD"),
    5: ("824", "849", "869", "894", "FDD"),
    7: ("2500", "2570", "2620", "2690", "FDD"),
    8: ("880", "915", "925", "960", "FDD"),
    12: ("699", "716", "729", "746", "FDD"),
    13: ("777", "787", "746", "756", "FDD"),
    14: ("788", "798", "758", "768", "FDD"),
    18: ("815", "830", "860", "875", "FDD"),
    20: ("832", "862", "791", "821", "FDD"),
    24: ("1626.5", "1660.5", "1525", "1559", "FDD"),
    25: ("1850", "1915", "1930", "1995", "FDD"),
    26: ("814", "849", "859", "894", "FDD"),
    28: ("703", "748", "758", "803", "FDD"),
    29: (NA, NA, "717", "728", "SDL"),
    30: ("2305", "2315", "2350", "2360", "FDD"),
    31: ("452.5", "457.5", "462.5", "467.5", "FDD"),
    34: ("2010", "2025", "2010", "2025", "TDD"),
    38: ("2570", "2620", "2570", "2620", "TDD"),
    39: ("1880", "1920", "1880", "1920", "TDD"),
    40: ("2300", "2400", "2300", "2400", "TDD"),
    41: ("2496", "2690", "2496", "2690", "TDD"),
    46: ("5150", "5925", "5150", "5925", "TDD"),
    47: ("5855", "5925", "5855", "5925", "TDD"),
    48: ("3550", "3700", "3550", "3700", "TDD"),
    50: ("1432", "1517", "1432", "1517", "TDD"),
    51: ("1427", "1432", "1427", "1432", "TDD"),
    53: ("2483.5", "2495", "2483.5", "2495", "TDD"),
    54: ("1670", "1675", "1670", "1675", "TDD"),
    65: ("1920", "2010", "2110", "2200", "FDD"),
    66: ("1710", "1780", "2110", "2200", "FDD"),
    67: (NA, NA, "738", "758", "SDL"),
    68: ("698", "728", "753", "783", "FDD"),
    70: ("1695", "1710", "1995", "2020", "FDD"),
    71: ("663", "698", "617", "652", "FDD"),
    72: ("451", "456", "461", "466", "FDD"),
    74: ("1427", "1470", "1475", "1518", "FDD"),
    75: (NA, NA, "1432", "1517", "SDL"),
    76: (NA, NA, "1427", "1432", "SDL"),
    77: ("3300", "4200", "3300", "4200", "TDD"),
    78: ("3300", "3800", "3300", "3800", "TDD"),
    79: ("4400", "5000", "4400", "5000", "TDD"),
    80: ("1710", "1785", NA, NA, "SUL"),
    81: ("880", "915", NA, NA, "SUL"),
    82: ("832", "862", NA, NA, "SUL"),
    83: ("703", "748", NA, NA, "SUL"),
    84: ("1920", "1980", NA, NA, "SUL"),
    85: ("698", "716", "728", "746", "FDD"),
    86: ("1710", "1780", NA, NA, "SUL"),
    87: ("410", "415", "420", "425", "FDD"),
    88: ("412", "417", "422", "427", "FDD"),
    89: ("824", "849", NA, NA, "SUL"),
    90: ("2496", "2690", "2496", "2690", "TDD"),
    91: ("832", "862", "1427", "1432", "FDD"),
    92: ("832", "862", "1432", "1517", "FDD"),
    93: ("880", "915", "1427", "1432", "FDD"),
    94: ("880", "915", "1432", "1517", "FDD"),
    95: ("2010", "2025", NA, NA, "SUL"),
    96: ("5925", "7125", "5925", "7125", "TDD"),
    97: ("2300", "2400", NA, NA, "SUL"),
    98: ("1880", "1920", NA, NA, "SUL"),
    99: ("1626.5", "1660.5", NA, NA, "SUL"),
    100: ("874.4", "880", "919.4", "925", "FDD"),
    101: ("1900", "1910", "1900", "1910", "TDD"),
    102: ("5925", "6425", "5925", "6425", "TDD"),
    104: ("6425", "7125", "6425", "7125", "TDD"),
    105: ("663", "703", "612", "652", "FDD"),
    106: ("896", "901", "935", "940", "FDD"),
    109: ("703", "733", "1432", "1517", "FDD"),
    110: ("1390", "1395", "1432", "1435", "FDD"),
    # FR2, TS 38.101-2 Table 5.2-1
    257: ("26500", "29500", "26500", "29500", "TDD"),
    258: ("24250", "27500", "24250", "27500", "TDD"),
    259: ("39500", "43500", "39500", "43500", "TDD"),
    260: ("37000", "40000", "37000", "40000", "TDD"),
    261: ("27500", "28350", "27500", "28350", "TDD"),
    262: ("47200", "48200", "47200", "48200", "TDD"),
    263: ("57000", "71000", "57000", "71000", "TDD"),
}


def _d(v: float | None) -> Decimal | None:
    return None if v is None else Decimal(str(v))


def test_nr_band_set_is_the_spec_set():
    assert sorted(radio.NR_BANDS) == sorted(NR_SPEC)


@pytest.mark.parametrize("band", sorted(NR_SPEC))
def test_nr_row_matches_table_5_2_1(band):
    ul_lo, ul_hi, dl_lo, dl_hi, dup = NR_SPEC[band]
    row = radio.NR_BANDS[band]
    assert (row.band, row.duplex) == (band, dup)
    assert (_d(row.ul_low_mhz), _d(row.ul_high_mhz)) == (_dec(ul_lo), _dec(ul_hi))
    assert (_d(row.dl_low_mhz), _d(row.dl_high_mhz)) == (_dec(dl_lo), _dec(dl_hi))


@pytest.mark.parametrize("band", sorted(NR_SPEC))
def test_nr_band_holds_at_and_just_outside_the_downlink_edges(band):
    _, _, dl_lo, dl_hi, _ = NR_SPEC[band]
    if dl_lo is None:  # SUL: no downlink to hold
        assert radio.nr_band_holds(band, 1000.0) is None
        return
    step = Decimal("0.005")  # one 5 kHz NR-ARFCN step below 3 GHz
    assert radio.nr_band_holds(band, float(Decimal(dl_lo))) is True
    assert radio.nr_band_holds(band, float(Decimal(dl_hi))) is True
    assert radio.nr_band_holds(band, float(Decimal(dl_lo) - step)) is False
    assert radio.nr_band_holds(band, float(Decimal(dl_hi) + step)) is False


def test_nr_band_holds_unknown_band_is_none():
    assert radio.nr_band_holds(3, 1842.5) is True
    assert radio.nr_band_holds(200, 1842.5) is None  # n200: reserved (Table 5.2-1 NOTE 20)


# ---------------------------------------------------------------- NR-ARFCN raster

# Table 5.4.2.1-1: (N_REF first, N_REF last, dF_Global kHz, F_REF-Offs MHz, N_REF-Offs)
NR_RASTER_SPEC = (
    (0, 599999, 5, "0", 0),
    (600000, 2016666, 15, "3000", 600000),
    (2016667, 3279165, 60, "24250.08", 2016667),
)


def _f_ref(n: int) -> float:
    """F_REF = F_REF-Offs + dF_Global (N_REF - N_REF-Offs), from the transcribed rows."""
    for first, last, step_khz, f_offs, n_offs in NR_RASTER_SPEC:
        if first <= n <= last:
            return float(Decimal(f_offs) + Decimal(step_khz) / 1000 * (n - n_offs))
    raise ValueError(n)


def test_raster_table_matches_table_5_4_2_1_1():
    got = [(a, b, s, Decimal(str(f)), o) for a, b, s, f, o in radio._NR_RASTER]
    assert got == [(a, b, s, Decimal(f), o) for a, b, s, f, o in NR_RASTER_SPEC]


@pytest.mark.parametrize(
    ("nrarfcn", "mhz"),
    [
        (0, 0.0),  # 0 + 5 kHz * 0
        (599999, 2999.995),  # 0 + 0.005 * 599999
        (600000, 3000.0),  # 3000 + 0.015 * 0
        (2016666, 24249.99),  # 3000 + 0.015 * 1416666
        (2016667, 24250.08),  # 24250.08 + 0.06 * 0
        (3279165, 99999.96),  # 24250.08 + 0.06 * 1262498
        (3279166, None),  # past the last N_REF
        (-1, None),
    ],
)
def test_nrarfcn_raster_edges(nrarfcn, mhz):
    assert radio.nrarfcn_to_mhz(nrarfcn) == mhz
    if mhz is not None:
        assert _f_ref(nrarfcn) == mhz


@pytest.mark.parametrize(
    "n", [1, 422000, 434000, 599998, 600001, 620000, 653333, 2016665, 2016668, 2070833, 3279164]
)
def test_nrarfcn_inside_each_raster_row(n):
    assert radio.nrarfcn_to_mhz(n) == _f_ref(n)


# ---------------------------------------------------------------- bandwidths, SCS

# TS 36.104 V19.2.0 Table 5.6-1 (same as TS 36.101 Table 5.6-1): N_RB per channel
# bandwidth. LTE_BANDWIDTH_CODE_MHZ and NR_BANDWIDTH_CODE_MHZ are Quectel codes, not
# 3GPP tables, and are not checked here.
LTE_NRB_SPEC = {6: "1.4", 15: "3", 25: "5", 50: "10", 75: "15", 100: "20"}


def test_lte_resource_blocks_to_channel_bandwidth():
    assert {rb: Decimal(str(mhz)) for rb, mhz in radio.LTE_RB_MHZ.items()} == {
        rb: Decimal(mhz) for rb, mhz in LTE_NRB_SPEC.items()
    }


# TS 38.211 V18.7.0 Table 4.2-1: numerology mu -> subcarrier spacing 2^mu * 15 kHz
# (mu 0..6). That the vendor <scs> code is mu is the vendors' claim, not 3GPP's;
# fiveg maps only the codes 0..4 its manuals document.
SCS_SPEC = {0: 15, 1: 30, 2: 60, 3: 120, 4: 240, 5: 480, 6: 960}


def test_scs_codes_are_numerologies():
    assert radio.SCS_CODE_KHZ
    for mu, khz in radio.SCS_CODE_KHZ.items():
        assert SCS_SPEC[mu] == khz

"""3GPP radio tables: channel numbers to MHz, bands, bandwidth codes, cell ids.

Sources:
- EARFCN: 3GPP TS 36.101 Table 5.7.3-1 (E-UTRA channel numbers),
  F_DL = F_DL_low + 0.1 (N_DL - N_Offs-DL), likewise for the uplink.
- NR-ARFCN: 3GPP TS 38.104 Table 5.4.2.1-1 (global frequency raster),
  F_REF = F_REF-Offs + dF_Global (N_REF - N_REF-Offs).
- NR operating bands: 3GPP TS 38.101-1 Table 5.2-1 (FR1) and
  TS 38.101-2 Table 5.2-1 (FR2). NR bands overlap, so the band always comes
  from the modem; these ranges only name and sanity-check it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class LteBand:
    """One row of TS 36.101 Table 5.7.3-1."""

    band: int
    dl_low_mhz: float
    dl_offset: int
    dl_first: int
    dl_last: int
    ul_low_mhz: float | None = None
    ul_offset: int | None = None

    @property
    def duplex(self) -> str:
        # A TDD row of Table 5.7.3-1 gives one channel range for both directions
        # (N_Offs-UL = N_Offs-DL, bands 33..54); a row without an uplink is
        # downlink-only (Table 5.5-1 "FDD" with NOTE 2: only as a CA SCell).
        if self.ul_low_mhz is None:
            return "SDL"
        return "TDD" if self.ul_offset == self.dl_offset else "FDD"


# A row of the table below: (band, F_DL_low, N_Offs-DL, first N_DL, last N_DL[, F_UL_low,
# N_Offs-UL]), in the table's column order.
_b = LteBand


# TS 36.101 Table 5.7.3-1 (rows as in Rel-19; the same table is TS 36.104 V19.2.0
# Table 5.7.3-1, which lacks only the UE-only V2X band 47). TDD bands have one range
# that serves both directions. Not here: the LTE-based 5G terrestrial broadcast bands
# 107, 108, 112 and 113 (Table 5.5-1 NOTE 11, "SDO"), on which no modem camps.
LTE_BANDS: dict[int, LteBand] = {
    b.band: b
    for b in (
        _b(1, 2110, 0, 0, 599, 1920, 18000),
        _b(2, 1930, 600, 600, 1199, 1850, 18600),
        _b(3, 1805, 1200, 1200, 1949, 1710, 19200),
        _b(4, 2110, 1950, 1950, 2399, 1710, 19950),
        _b(5, 869, 2400, 2400, 2649, 824, 20400),
        _b(6, 875, 2650, 2650, 2749, 830, 20650),
        _b(7, 2620, 2750, 2750, 3449, 2500, 20750),
        _b(8, 925, 3450, 3450, 3799, 880, 21450),
        _b(9, 1844.9, 3800, 3800, 4149, 1749.9, 21800),
        _b(10, 2110, 4150, 4150, 4749, 1710, 22150),
        _b(11, 1475.9, 4750, 4750, 4949, 1427.9, 22750),
        _b(12, 729, 5010, 5010, 5179, 699, 23010),
        _b(13, 746, 5180, 5180, 5279, 777, 23180),
        _b(14, 758, 5280, 5280, 5379, 788, 23280),
        _b(17, 734, 5730, 5730, 5849, 704, 23730),
        _b(18, 860, 5850, 5850, 5999, 815, 23850),
        _b(19, 875, 6000, 6000, 6149, 830, 24000),
        _b(20, 791, 6150, 6150, 6449, 832, 24150),
        _b(21, 1495.9, 6450, 6450, 6599, 1447.9, 24450),
        _b(22, 3510, 6600, 6600, 7399, 3410, 24600),
        _b(23, 2180, 7500, 7500, 7699, 2000, 25500),
        _b(24, 1525, 7700, 7700, 8039, 1626.5, 25700),
        _b(25, 1930, 8040, 8040, 8689, 1850, 26040),
        _b(26, 859, 8690, 8690, 9039, 814, 26690),
        _b(27, 852, 9040, 9040, 9209, 807, 27040),
        _b(28, 758, 9210, 9210, 9659, 703, 27210),
        _b(29, 717, 9660, 9660, 9769),
        _b(30, 2350, 9770, 9770, 9869, 2305, 27660),
        _b(31, 462.5, 9870, 9870, 9919, 452.5, 27760),
        _b(32, 1452, 9920, 9920, 10359),
        _b(33, 1900, 36000, 36000, 36199, 1900, 36000),
        _b(34, 2010, 36200, 36200, 36349, 2010, 36200),
        _b(35, 1850, 36350, 36350, 36949, 1850, 36350),
        _b(36, 1930, 36950, 36950, 37549, 1930, 36950),
        _b(37, 1910, 37550, 37550, 37749, 1910, 37550),
        _b(38, 2570, 37750, 37750, 38249, 2570, 37750),
        _b(39, 1880, 38250, 38250, 38649, 1880, 38250),
        _b(40, 2300, 38650, 38650, 39649, 2300, 38650),
        _b(41, 2496, 39650, 39650, 41589, 2496, 39650),
        _b(42, 3400, 41590, 41590, 43589, 3400, 41590),
        _b(43, 3600, 43590, 43590, 45589, 3600, 43590),
        _b(44, 703, 45590, 45590, 46589, 703, 45590),
        _b(45, 1447, 46590, 46590, 46789, 1447, 46590),
        _b(46, 5150, 46790, 46790, 54539, 5150, 46790),
        _b(47, 5855, 54540, 54540, 55239, 5855, 54540),
        _b(48, 3550, 55240, 55240, 56739, 3550, 55240),
        _b(49, 3550, 56740, 56740, 58239, 3550, 56740),
        _b(50, 1432, 58240, 58240, 59089, 1432, 58240),
        _b(51, 1427, 59090, 59090, 59139, 1427, 59090),
        _b(52, 3300, 59140, 59140, 60139, 3300, 59140),
        _b(53, 2483.5, 60140, 60140, 60254, 2483.5, 60140),
        _b(54, 1670, 60255, 60255, 60304, 1670, 60255),
        _b(65, 2110, 65536, 65536, 66435, 1920, 131072),
        _b(66, 2110, 66436, 66436, 67335, 1710, 131972),
        _b(67, 738, 67336, 67336, 67535),
        _b(68, 753, 67536, 67536, 67835, 698, 132672),
        _b(69, 2570, 67836, 67836, 68335),
        _b(70, 1995, 68336, 68336, 68585, 1695, 132972),
        _b(71, 617, 68586, 68586, 68935, 663, 133122),
        _b(72, 461, 68936, 68936, 68985, 451, 133472),
        _b(73, 460, 68986, 68986, 69035, 450, 133522),
        _b(74, 1475, 69036, 69036, 69465, 1427, 133572),
        _b(75, 1432, 69466, 69466, 70315),
        _b(76, 1427, 70316, 70316, 70365),
        _b(85, 728, 70366, 70366, 70545, 698, 134002),
        _b(87, 420, 70546, 70546, 70595, 410, 134182),
        _b(88, 422, 70596, 70596, 70645, 412, 134232),
        _b(103, 757, 70646, 70646, 70655, 787, 134282),  # NB-IoT standalone only
        _b(106, 935, 70656, 70656, 70705, 896, 134292),
        _b(111, 1820, 73386, 73386, 73485, 1800, 134342),
    )
}

_LTE_BY_FIRST = sorted(LTE_BANDS.values(), key=lambda b: b.dl_first)


@lru_cache(maxsize=4096)
def lte_band_for_earfcn(earfcn: int) -> int | None:
    """The band whose downlink range holds ``earfcn`` (DL ranges do not overlap)."""
    for b in _LTE_BY_FIRST:
        if b.dl_first <= earfcn <= b.dl_last:
            return b.band
    return None


def earfcn_to_mhz(earfcn: int | None, band: int | None = None) -> float | None:
    """Downlink centre frequency of an EARFCN, or None when no band holds it."""
    if earfcn is None:
        return None
    b = LTE_BANDS.get(band) if band is not None else None
    if b is None or not b.dl_first <= earfcn <= b.dl_last:
        found = lte_band_for_earfcn(earfcn)
        if found is None:
            return None
        b = LTE_BANDS[found]
    return round(b.dl_low_mhz + 0.1 * (earfcn - b.dl_offset), 3)


# TS 38.104 Table 5.4.2.1-1: (first N, last N, dF_Global kHz, F_REF-Offs MHz, N_REF-Offs)
_NR_RASTER = (
    (0, 599999, 5, 0.0, 0),
    (600000, 2016666, 15, 3000.0, 600000),
    (2016667, 3279165, 60, 24250.08, 2016667),
)


def nrarfcn_to_mhz(nrarfcn: int | None) -> float | None:
    if nrarfcn is None:
        return None
    for first, last, step_khz, f_offs, n_offs in _NR_RASTER:
        if first <= nrarfcn <= last:
            return round(f_offs + step_khz * (nrarfcn - n_offs) / 1000.0, 3)
    return None


@dataclass(frozen=True, slots=True)
class NrBand:
    """One row of TS 38.101-1/-2 Table 5.2-1."""

    band: int
    duplex: str  # FDD, TDD, SDL, SUL
    dl_low_mhz: float | None
    dl_high_mhz: float | None
    ul_low_mhz: float | None = None
    ul_high_mhz: float | None = None


# Run only while the module is imported, which mutation testing does before it switches a
# mutant on (mutmut 3 forks its test runs from an imported process): a mutant here could
# never be live, so none is made ("pragma: no mutate"). The table is checked row by row
# against the spec in tests/test_radio_spec.py.
def _n(band, duplex, ul=None, dl=None) -> NrBand:
    if duplex == "TDD":  # pragma: no mutate
        dl = ul  # pragma: no mutate
    return NrBand(  # pragma: no mutate
        band,  # pragma: no mutate
        duplex,  # pragma: no mutate
        dl[0] if dl else None,  # pragma: no mutate
        dl[1] if dl else None,  # pragma: no mutate
        ul[0] if ul else None,  # pragma: no mutate
        ul[1] if ul else None,  # pragma: no mutate
    )  # pragma: no mutate


# TS 38.101-1 Table 5.2-1 (FR1, Rel-19) and TS 38.101-2 Table 5.2-1 (FR2), in MHz.
# _n(band, duplex, uplink, downlink); a TDD row's one range serves both directions, an
# SUL row has only its uplink, an SDL row only its downlink.
NR_BANDS: dict[int, NrBand] = {
    b.band: b
    for b in (
        _n(1, "FDD", (1920, 1980), (2110, 2170)),
        _n(2, "FDD", (1850, 1910), (1930, 1990)),
        _n(3, "FDD", (1710, 1785), (1805, 1880)),
        _n(5, "FDD", (824, 849), (869, 894)),
        _n(7, "FDD", (2500, 2570), (2620, 2690)),
        _n(8, "FDD", (880, 915), (925, 960)),
        _n(12, "FDD", (699, 716), (729, 746)),
        _n(13, "FDD", (777, 787), (746, 756)),
        _n(14, "FDD", (788, 798), (758, 768)),
        _n(18, "FDD", (815, 830), (860, 875)),
        _n(20, "FDD", (832, 862), (791, 821)),
        _n(24, "FDD", (1626.5, 1660.5), (1525, 1559)),
        _n(25, "FDD", (1850, 1915), (1930, 1995)),
        _n(26, "FDD", (814, 849), (859, 894)),
        _n(28, "FDD", (703, 748), (758, 803)),
        _n(29, "SDL", None, (717, 728)),
        _n(30, "FDD", (2305, 2315), (2350, 2360)),
        _n(31, "FDD", (452.5, 457.5), (462.5, 467.5)),
        _n(34, "TDD", (2010, 2025)),
        _n(38, "TDD", (2570, 2620)),
        _n(39, "TDD", (1880, 1920)),
        _n(40, "TDD", (2300, 2400)),
        _n(41, "TDD", (2496, 2690)),
        _n(46, "TDD", (5150, 5925)),
        _n(47, "TDD", (5855, 5925)),
        _n(48, "TDD", (3550, 3700)),
        _n(50, "TDD", (1432, 1517)),
        _n(51, "TDD", (1427, 1432)),
        _n(53, "TDD", (2483.5, 2495)),
        _n(54, "TDD", (1670, 1675)),
        _n(65, "FDD", (1920, 2010), (2110, 2200)),
        _n(66, "FDD", (1710, 1780), (2110, 2200)),
        _n(67, "SDL", None, (738, 758)),
        _n(68, "FDD", (698, 728), (753, 783)),
        _n(70, "FDD", (1695, 1710), (1995, 2020)),
        _n(71, "FDD", (663, 698), (617, 652)),
        _n(72, "FDD", (451, 456), (461, 466)),
        _n(74, "FDD", (1427, 1470), (1475, 1518)),
        _n(75, "SDL", None, (1432, 1517)),
        _n(76, "SDL", None, (1427, 1432)),
        _n(77, "TDD", (3300, 4200)),
        _n(78, "TDD", (3300, 3800)),
        _n(79, "TDD", (4400, 5000)),
        _n(80, "SUL", (1710, 1785)),
        _n(81, "SUL", (880, 915)),
        _n(82, "SUL", (832, 862)),
        _n(83, "SUL", (703, 748)),
        _n(84, "SUL", (1920, 1980)),
        _n(85, "FDD", (698, 716), (728, 746)),
        _n(86, "SUL", (1710, 1780)),
        _n(87, "FDD", (410, 415), (420, 425)),
        _n(88, "FDD", (412, 417), (422, 427)),
        _n(89, "SUL", (824, 849)),
        _n(90, "TDD", (2496, 2690)),
        _n(91, "FDD", (832, 862), (1427, 1432)),
        _n(92, "FDD", (832, 862), (1432, 1517)),
        _n(93, "FDD", (880, 915), (1427, 1432)),
        _n(94, "FDD", (880, 915), (1432, 1517)),
        _n(95, "SUL", (2010, 2025)),
        _n(96, "TDD", (5925, 7125)),
        _n(97, "SUL", (2300, 2400)),
        _n(98, "SUL", (1880, 1920)),
        _n(99, "SUL", (1626.5, 1660.5)),
        _n(100, "FDD", (874.4, 880), (919.4, 925)),
        _n(101, "TDD", (1900, 1910)),
        _n(102, "TDD", (5925, 6425)),
        _n(104, "TDD", (6425, 7125)),
        _n(105, "FDD", (663, 703), (612, 652)),
        _n(106, "FDD", (896, 901), (935, 940)),
        _n(109, "FDD", (703, 733), (1432, 1517)),
        _n(110, "FDD", (1390, 1395), (1432, 1435)),
        _n(257, "TDD", (26500, 29500)),
        _n(258, "TDD", (24250, 27500)),
        _n(259, "TDD", (39500, 43500)),
        _n(260, "TDD", (37000, 40000)),
        _n(261, "TDD", (27500, 28350)),
        _n(262, "TDD", (47200, 48200)),
        _n(263, "TDD", (57000, 71000)),
    )
}


def nr_band_holds(band: int, frequency_mhz: float) -> bool | None:
    """Whether a downlink frequency lies in ``band``; None for an unknown band."""
    b = NR_BANDS.get(band)
    if b is None or b.dl_low_mhz is None:
        return None
    return b.dl_low_mhz <= frequency_mhz <= b.dl_high_mhz


# Quectel AT+QENG LTE <UL_bandwidth>/<DL_bandwidth> codes (RG50xQ&RM5xxQ Series
# Network Application Note, 3.2.2), which are the E-UTRA channel bandwidths of
# TS 36.101 Table 5.6-1.
LTE_BANDWIDTH_CODE_MHZ = {0: 1.4, 1: 3.0, 2: 5.0, 3: 10.0, 4: 15.0, 5: 20.0}

# Resource blocks to channel bandwidth, TS 36.101 Table 5.6-1 (AT+QCAINFO LTE <bandwidth>).
LTE_RB_MHZ = {6: 1.4, 15: 3.0, 25: 5.0, 50: 10.0, 75: 15.0, 100: 20.0}

# Quectel <NR_DL_bandwidth> codes (same note, 3.2.2 and 3.2.3).
NR_BANDWIDTH_CODE_MHZ = {
    0: 5.0,
    1: 10.0,
    2: 15.0,
    3: 20.0,
    4: 25.0,
    5: 30.0,
    6: 40.0,
    7: 50.0,
    8: 60.0,
    9: 70.0,
    10: 80.0,
    11: 90.0,
    12: 100.0,
    13: 200.0,
    14: 400.0,
    15: 35.0,
    16: 45.0,
}

# <scs> code to subcarrier spacing, TS 38.211 numerology mu = 0..4.
SCS_CODE_KHZ = {0: 15, 1: 30, 2: 60, 3: 120, 4: 240}


def split_eci(eci: int | None) -> tuple[int | None, int | None]:
    """LTE E-UTRAN cell identity (28 bits) as (eNodeB id, sector), TS 36.413 9.2.1.38."""
    if eci is None or not 0 <= eci < 1 << 28:
        return None, None
    return eci >> 8, eci & 0xFF


def lte_cell_ids(eci: int | None) -> dict[str, int | None]:
    """An LTE cell's id fields for a ServingCell: the ECI and its eNodeB id and sector."""
    enb, sector = split_eci(eci)
    return {"cell_id": eci, "enodeb_id": enb, "sector_id": sector}


def split_nci(nci: int | None, gnb_id_bits: int) -> tuple[int | None, int | None]:
    """NR cell identity (36 bits) as (gNB id, cell); the split is operator-chosen (22..32)."""
    if nci is None or not 22 <= gnb_id_bits <= 32 or not 0 <= nci < 1 << 36:
        return None, None
    cell_bits = 36 - gnb_id_bits
    return nci >> cell_bits, nci & ((1 << cell_bits) - 1)


_ROMAN = (("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))


def _roman(n: int) -> str:
    out = ""
    for letters, value in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def band_label(rat: str, band: int | None) -> str | None:
    """A band as 3GPP names it: B1, B66 for LTE (TS 36.101), n78, n261 for NR (TS 38.101),
    Band I..XXII for UTRA (TS 25.101 table 5.0); a GSM band is named by its number only."""
    if band is None:
        return None
    rat = str(rat)
    if rat == "WCDMA":
        return f"Band {_roman(band)}" if 0 < band < 40 else str(band)
    if rat == "GSM":
        return str(band)
    return f"{'n' if rat.startswith('NR') else 'B'}{band}"

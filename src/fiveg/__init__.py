"""fiveg: aim 5G/LTE antennas and watch cellular modems from a terminal."""

__version__ = "0.1.0"

"""The sections of a snapshot that 5g-info can show, in display order."""

SECTIONS = (
    "device",
    "network",
    "serving",
    "carriers",
    "antennas",
    "neighbours",
    "temperatures",
    "bands",
)

"""The settings a recording kept: what 5g-lock read before its first write.

Every write 5g-lock makes is preceded by reading each setting, and a
``--record`` keeps those replies byte for byte, so the recording itself is the
backup: its answers to the queries before the first write, parsed by the same
parser as a live reply. A recording with no write (a dry run, a 5g-info
recording) gives the settings it read.
"""

from __future__ import annotations

from fiveg.at.framer import frame
from fiveg.at.transcript import Transcript
from fiveg.lock.writes import is_lock_write
from fiveg.records import BandSettings
from fiveg.vendors import quectel_settings as q

_QUERIES = {c.upper() for c in q.READS}


def recorded_settings(transcript: Transcript) -> tuple[BandSettings | None, bool]:
    """The settings read before the first write, and whether the recording holds a write."""
    pieces = []
    wrote = False
    for ex in transcript.exchanges():
        command = ex.command_text
        if is_lock_write(command):
            wrote = True
            break
        if command.upper() not in _QUERIES:
            continue
        reply = frame(command, ex.reply)
        if reply is None or not reply.ok:
            continue  # refused or cut off: this setting is not known from here
        pieces += [p for p in map(q.parse_line, reply.lines) if p is not None]
    return q.settings(pieces), wrote

"""Reading and writing a modem's band settings over an injected session.

The session (fiveg.at.session.AtSession) holds the allowlist: 5g-lock's
allows the read-only commands and the write forms (fiveg.lock.writes), so a
command outside both is refused before a byte goes out. Commands are asked one
at a time: a write must stand alone so a refusal names it.
"""

from __future__ import annotations

from collections.abc import Sequence

from fiveg.at.errors import AtTimeout, CommandRejected
from fiveg.poll import failure
from fiveg.records import BandSettings, CommandFailure, record
from fiveg.vendors import quectel_settings as q


@record
class Reading:
    """What the modem says of its settings: ``current`` (a field None where its query
    failed), the carrier policy's bands, whether cell locks are saved (LTE, NR)."""

    current: BandSettings
    supported: BandSettings | None = None
    saved: tuple[bool, bool] | None = None
    failures: tuple[CommandFailure, ...] = ()


def _ask(session, command: str, timeout: float, failures: list) -> list[str] | None:
    try:
        return list(session.command(command, timeout=timeout).lines)
    except (CommandRejected, AtTimeout) as exc:
        failures.append(failure(command, exc))
        return None


def read(session, timeout: float = 3.0) -> Reading:
    """Ask every settings query, the carrier policy's bands and the lock-saving switch."""
    failures: list[CommandFailure] = []
    pieces = []
    for command in q.READS:
        for line in _ask(session, command, timeout, failures) or ():
            parsed = q.parse_line(line)
            if parsed is not None:
                pieces.append(parsed)
    policy = [q.parse_line(line) for line in _ask(session, q.SUPPORTED, timeout, failures) or ()]
    saved = None
    for line in _ask(session, q.SAVE_CTRL, timeout, failures) or ():
        parsed = q.parse_line(line)
        if parsed is not None and parsed[0] == "save_ctrl":
            saved = parsed[1]
    return Reading(
        current=q.settings(pieces) or BandSettings(),
        supported=q.settings(p for p in policy if p is not None),
        saved=saved,
        failures=tuple(failures),
    )


def write(session, commands: Sequence[str], timeout: float = 3.0) -> CommandFailure | None:
    """Send each write in turn; stop at the first the modem refuses and return it."""
    for command in commands:
        try:
            session.command(command, timeout=timeout)
        except (CommandRejected, AtTimeout) as exc:
            return failure(command, exc)
    return None

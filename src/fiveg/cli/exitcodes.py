"""Exit codes, with the one mapping from error to code (documented in README)."""

from __future__ import annotations

from enum import IntEnum

from fiveg.at.errors import (
    AtError,
    NotAllowed,
    PortError,
    PortSpecError,
    Refused,
    TranscriptError,
)


class UsageProblem(Refused):
    """What the user asked cannot be done as asked (a file to write, an option's partner)."""


class Exit(IntEnum):
    OK = 0
    INTERNAL = 1
    USAGE = 2
    PORT = 3
    MODEM = 4


def exit_code(error: BaseException) -> Exit:
    if isinstance(error, PortError):
        return Exit.PORT
    if isinstance(error, AtError):
        return Exit.MODEM
    if isinstance(error, TranscriptError | NotAllowed | Refused | PortSpecError):
        return Exit.USAGE
    return Exit.INTERNAL

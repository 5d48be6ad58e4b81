"""One poll: send a dialect's commands through a session and parse what came back."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from fiveg.at.errors import AtTimeout, CommandRejected
from fiveg.at.session import AtSession
from fiveg.records import CommandFailure, Snapshot
from fiveg.vendors import quectel


def failure(command: str, exc: CommandRejected | AtTimeout) -> CommandFailure:
    """A refused or unanswered command as the record every poll reports it by."""
    text = exc.final if isinstance(exc, CommandRejected) else f"timeout after {exc.timeout:g} s"
    return CommandFailure(command=command, error=text)


def poll(
    session: AtSession,
    commands: Sequence[str] = quectel.INFO_COMMANDS,
    *,
    timeout: float = 3.0,
    model: str | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Snapshot:
    """Ask every command; a refused or silent command is recorded, not fatal.

    ``PortGone`` still propagates: with the port gone nothing else can answer.
    Two timeouts in a row mean the modem is not answering at all, and raise
    ``AtTimeout`` rather than wait out every remaining command.
    """
    taken = now()
    answers: dict[str, list[str]] = {}
    errors: list[CommandFailure] = []
    silent = 0
    for command in commands:
        try:
            answers[command] = list(session.command(command, timeout=timeout).lines)
            silent = 0
        except CommandRejected as exc:
            errors.append(failure(command, exc))
            silent = 0
        except AtTimeout as exc:
            silent += 1
            if silent == 2:
                raise
            errors.append(failure(command, exc))
    return quectel.parse_snapshot(answers, time=taken, model=model, errors=errors)

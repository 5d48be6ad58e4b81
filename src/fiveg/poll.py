"""One poll: find out which dialect the modem speaks, ask its commands, parse the answers."""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from datetime import UTC, datetime

from fiveg.at.errors import AtTimeout, CommandRejected
from fiveg.at.session import AtSession
from fiveg.records import CommandFailure, Snapshot, record
from fiveg.vendors import detect, generic
from fiveg.vendors.dialect import Dialect


def failure(command: str, exc: CommandRejected | AtTimeout) -> CommandFailure:
    """A refused or unanswered command as the record every poll reports it by."""
    text = exc.final if isinstance(exc, CommandRejected) else f"timeout after {exc.timeout:g} s"
    return CommandFailure(command=command, error=text)


def identify(
    ask: Callable[[str], object],
    answers: MutableMapping[str, list[str]],
    *,
    dialect: Dialect | None = None,
    usb_vendor: int | None = None,
    recorded: str | None = None,
    probe: Callable[[str], bool] | None = None,
) -> tuple[Dialect, str]:
    """Ask the identity commands and settle the dialect; returns it and what decided it.

    ``ask`` puts each answered command's lines into ``answers``. A chosen
    dialect is kept whatever the modem says. +CGMI/+CGMM are asked when ATI
    named no maker known here (or was refused: they are separate commands).
    When the modem says nothing of itself (no maker, no model), ``probe``
    (which asks without counting a refusal as the poll's failure) tries each
    dialect's own commands: the shape of a reply is then the evidence.
    """
    for command in generic.IDENTITY_COMMANDS:
        ask(command)
    if dialect is not None:
        return dialect, "--dialect"
    device = generic.identity(answers)
    found = detect.from_text([device.manufacturer, " ".join(answers.get("ATI", ()))])
    if found is None:
        for command in generic.MAKER_COMMANDS:
            ask(command)
        found = detect.from_text(
            [generic.parse_value(answers.get(c, ())) for c in generic.MAKER_COMMANDS]
        )
    if found is not None:
        return found, "identity"
    chosen = detect.choose((), usb_vendor=usb_vendor, recorded=recorded)
    named = generic.identity(answers)
    if chosen[0] is not detect.GENERIC or probe is None or named.manufacturer or named.model:
        return chosen  # a maker fiveg does not know is the generic dialect's, unprobed
    found = detect.from_replies(probe, answers)
    return (found, "reply shape") if found is not None else chosen


@record
class InfoPoll:
    """A one-shot poll: the snapshot, how many commands were asked, what chose the dialect."""

    snapshot: Snapshot
    asked: int
    chosen_by: str


def poll(
    session: AtSession,
    dialect: Dialect | None = None,
    *,
    timeout: float = 3.0,
    usb_vendor: int | None = None,
    recorded: str | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> InfoPoll:
    """Identify the dialect (unless given), then ask every command of its info list.

    A refused or silent command is recorded, not fatal. ``PortGone`` still
    propagates: with the port gone nothing else can answer. Two timeouts in
    a row mean the modem is not answering at all, and raise ``AtTimeout``
    rather than wait out every remaining command.
    """
    taken = now()
    answers: dict[str, list[str]] = {}
    errors: list[CommandFailure] = []
    silent = 0

    def ask(command: str) -> None:
        nonlocal silent
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

    def probe(command: str) -> bool:
        try:
            answers[command] = list(session.command(command, timeout=timeout).lines)
            return True
        except (CommandRejected, AtTimeout):
            return False

    chosen, chosen_by = identify(
        ask, answers, dialect=dialect, usb_vendor=usb_vendor, recorded=recorded, probe=probe
    )
    model = generic.identity(answers).model
    asked = set(answers) | {e.command for e in errors}
    for command in chosen.commands(model).info:
        if command not in asked:
            ask(command)
    snapshot = chosen.parse(answers, time=taken, model=model, errors=errors)
    return InfoPoll(snapshot=snapshot, asked=len(answers) + len(errors), chosen_by=chosen_by)

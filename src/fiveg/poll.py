"""One poll: find out which dialect the modem speaks, ask its commands, parse the answers."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, MutableMapping, Sequence
from datetime import UTC, datetime

from fiveg.at.chain import join, plan, split
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
    identity: Sequence[str] = generic.IDENTITY_COMMANDS,
) -> tuple[Dialect, str]:
    """Ask the identity commands and settle the dialect; returns it and what decided it.

    ``ask`` puts each answered command's lines into ``answers``. A chosen
    dialect is kept whatever the modem says. +CGMI/+CGMM are asked when ATI
    named no maker known here (or was refused: they are separate commands).
    When the modem says nothing of itself (no maker, no model), ``probe``
    (which asks without counting a refusal as the poll's failure) tries each
    dialect's own commands: the shape of a reply is then the evidence.
    """
    for command in identity:
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


# Commands whose successful answer may hold no line at all (an empty neighbour or
# carrier list): in a failed chain, a silent one of these may have answered, so it is
# asked again alone rather than taken for the one that failed.
MAY_BE_EMPTY = frozenset(
    {
        'AT+QENG="NEIGHBOURCELL"',  # Quectel: no neighbours measured
        "AT+QCAINFO",  # Quectel: not connected, no carriers
        "AT+GTCAINFO?",  # Fibocom
        "AT+XMCI=1",
        "AT^MONNC",  # Huawei
        "AT^MONSSC",
        "AT^HFREQINFO?",
        "AT#MONI",  # Telit
        "AT!LTEINFO?",  # Sierra
        "AT!NRINFO?",
    }
)
# Asked with ATI in the first chain: every dialect asks them, so they are safe before
# the dialect is known, and their answers carry their prefix.
WITH_IDENTITY = ("AT+COPS?", "AT+CSQ")


def poll(
    session: AtSession,
    dialect: Dialect | None = None,
    *,
    timeout: float = 3.0,
    usb_vendor: int | None = None,
    recorded: str | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    chained: bool = True,
    sections: Collection[str] | None = None,
) -> InfoPoll:
    """Identify the dialect (unless given), then ask every command of its info list.

    With ``chained`` (the default) the commands go out as few chained command
    lines as the modem takes (fiveg.at.chain): ATI with the standard commands
    every dialect asks, then the dialect's list. A chain the modem refuses is
    cut at the part that failed: the parts before it are answered, that one is
    refused and the rest are asked again, so the answers equal asking one by
    one. ``sections`` leaves out the dialect's commands that feed only other
    sections (``Dialect.section_of``); identity is always asked.

    A refused or silent command is recorded, not fatal. ``PortGone`` still
    propagates: with the port gone nothing else can answer. Two timeouts in
    a row mean the modem is not answering at all, and raise ``AtTimeout``
    rather than wait out every remaining command.
    """
    taken = now()
    answers: dict[str, list[str]] = {}
    errors: list[CommandFailure] = []
    silent = 0
    heads: Mapping[str, str] = {}  # the dialect's, once known (fiveg.at.chain)

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

    def ask_chain(parts: list[str]) -> None:
        """Ask ``parts`` as one command line; a failure is cut where it happened."""
        nonlocal silent
        while len(parts) > 1:
            try:
                reply = session.command(join(parts), timeout=timeout, check=False)
            except AtTimeout:
                silent += 1  # counts as one silence: one more and the modem is not answering
                break
            silent = 0
            cut = split(parts, reply.lines, heads)
            if reply.ok:
                answers.update(zip(parts, cut, strict=True))
                return
            printed = [i for i, lines in enumerate(cut) if lines]
            first_silent = printed[-1] + 1 if printed else 0
            answers.update(zip(parts[:first_silent], cut[:first_silent], strict=True))
            suspect = parts[first_silent]
            if first_silent == 0 or suspect.upper() in MAY_BE_EMPTY:
                ask(suspect)  # refused, or the modem would not take the chain: it says which
            else:  # it prints a line whenever it answers, and printed none: it failed
                errors.append(CommandFailure(command=suspect, error=reply.final.line))
            parts = parts[first_silent + 1 :]
        for command in parts:
            ask(command)

    def ask_all(commands: list[str]) -> None:
        pending = [c for c in commands if c not in answers and c not in failed()]
        for command in pending:
            if not session.allows(command):
                session.command(command)  # raises NotAllowed, naming it: never in a chain
        if not chained:
            for command in pending:
                ask(command)
            return
        for parts in plan(pending, heads=heads):
            ask_chain(parts)

    def failed() -> set[str]:
        return {e.command for e in errors}

    def probe(command: str) -> bool:
        try:
            answers[command] = list(session.command(command, timeout=timeout).lines)
            return True
        except (CommandRejected, AtTimeout):
            return False

    def ask_identity(command: str) -> None:
        if not chained:
            ask(command)
        elif command == "ATI":
            ask_all([command, *WITH_IDENTITY])
        elif command in generic.MAKER_COMMANDS:
            ask_all([command])
        # +CGSN is asked with the dialect's list, first in its chain

    chosen, chosen_by = identify(
        ask_identity,
        answers,
        dialect=dialect,
        usb_vendor=usb_vendor,
        recorded=recorded,
        probe=probe,
    )
    model = generic.identity(answers).model
    heads = chosen.line_heads()
    info = chosen.commands(model).info
    ask_all([c for c in info if sections is None or chosen.section_of(c) in (None, *sections)])
    # the answers in the order one-by-one asking gives them, whatever the chains were
    asked_order = (
        *generic.IDENTITY_COMMANDS,
        *generic.MAKER_COMMANDS,
        *(c for d in detect.DIALECTS for c in d.probes),
        *info,
    )
    order = {c: i for i, c in reversed(list(enumerate(asked_order)))}
    answers = dict(sorted(answers.items(), key=lambda kv: order.get(kv[0], len(order))))
    errors.sort(key=lambda e: order.get(e.command, len(order)))
    snapshot = chosen.parse(answers, time=taken, model=model, errors=errors)
    return InfoPoll(snapshot=snapshot, asked=len(answers) + len(errors), chosen_by=chosen_by)

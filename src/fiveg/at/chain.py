"""Several commands in one round trip: ``AT+A;+B;+C``, and its reply cut back into parts.

Over a router (ssh, ser2net) each round trip costs tens of milliseconds or
more, so asking a dozen commands one by one is most of 5g-info's time. V.250
5.4.1 lets one command line carry several commands, separated by ``;`` for
extended ones; the modem runs them in order and answers with one final result
code; at the first that fails it stops and gives that one's error, after the
lines of those before it. So a chain's reply is cut by response prefix (each
extended command's lines start with its own ``+NAME:``; lines without one,
such as the rows under ``+GTCCINFO:`` or the labels under ``!GSTATUS:``, go
with the part above), and on a failure the parts that printed are answered.

Two limits shape a chain. Commands whose answer carries no prefix (ATI, and
+CGSN/+CGMI/+CGMM/+CGMR, 27.007 5.1-5.4) can only lead one, where the lines
before any prefix are theirs. Two parts with one prefix (``AT+QENG="servingcell"``
and ``="neighbourcell"``) would be inseparable: they go in different chains.
A command line also has a length limit (V.250 5.2.1 asks for at least 40
characters; modems take far more): chains stay under ``MAX_LINE``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from fiveg.at.codes import command_prefixes, is_urc

MAX_LINE = 240  # characters after "AT", well inside what the supported modems take
BARE = frozenset({"ATI", "AT+CGSN", "AT+CGMI", "AT+CGMM", "AT+CGMR"})


def join(commands: Sequence[str]) -> str:
    """``AT+A`` and ``AT+B`` as the single command ``AT+A;+B``."""
    return commands[0] + "".join(";" + c[2:] for c in commands[1:])


def is_bare(command: str) -> bool:
    return command.strip().upper() in BARE


def _prefix(command: str) -> str | None:
    found = command_prefixes(command)
    return found[0] if found and not is_bare(command) else None


def plan(commands: Iterable[str], max_line: int = MAX_LINE) -> list[list[str]]:
    """Commands grouped into as few chains as the limits allow: a bare command only first,
    no two parts with one prefix, each line at most ``max_line`` characters after AT.
    A command joins the first chain it fits; within a chain the order is kept."""
    chains: list[list[str]] = []
    for command in commands:
        prefix = None if is_bare(command) else _prefix(command)
        home = next(
            (
                chain
                for chain in chains
                if prefix is not None
                and prefix not in {_prefix(c) for c in chain}
                and len(join([*chain, command])) - 2 <= max_line
            ),
            None,
        )
        if home is None:
            chains.append([command])
        else:
            home.append(command)
    return chains


def split(parts: Sequence[str], lines: Sequence[str]) -> list[list[str]]:
    """Each part's lines, cut from the chain's information lines by prefix.

    A line carrying a part's prefix starts that part; a line with none goes
    with the part above, and lines before any prefix with a bare first part.
    A line with another command's prefix or an unsolicited one is nobody's.
    """
    prefixes = [_prefix(p) for p in parts]
    own: list[list[str]] = [[] for _ in parts]
    current = 0 if parts and prefixes[0] is None else None
    for line in lines:
        mine = next((i for i, p in enumerate(prefixes) if p and line.startswith(p)), None)
        if mine is not None:
            current = mine
        elif line.startswith(("+", "^", "#", "!", "$")) and (current is None or is_urc(line)):
            continue
        if current is not None:
            own[current].append(line)
    return own

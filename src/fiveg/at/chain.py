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
before any prefix are theirs. Two parts with one prefix would be inseparable
and go in different chains, unless the dialect names how one's lines begin
(``heads``): Quectel's ``AT+QENG="neighbourcell"`` rows all begin
``+QENG: "neighbourcell``, which no ``="servingcell"`` line does, so the two
share a chain and each line goes to the part with the longest match.
A command line also has a length limit (V.250 5.2.1 asks for at least 40
characters; modems take far more): chains stay under ``MAX_LINE``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

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


def _key(command: str, heads: Mapping[str, str]) -> str | None:
    """How a part's lines begin: its head if the dialect names one, else its prefix."""
    return heads.get(command.upper()) or _prefix(command)


def plan(
    commands: Iterable[str], max_line: int = MAX_LINE, heads: Mapping[str, str] | None = None
) -> list[list[str]]:
    """Commands grouped into as few chains as the limits allow: a bare command only first,
    no two parts whose lines could not be told apart (one prefix, unless ``heads`` names
    how one's lines begin: upper-case command to the start of its lines), each line at
    most ``max_line`` characters after AT. A command joins the first chain it fits;
    within a chain the order is kept."""
    heads = heads or {}
    chains: list[list[str]] = []
    for command in commands:
        key = None if is_bare(command) else _key(command, heads)
        home = next(
            (
                chain
                for chain in chains
                if key is not None
                and key not in {_key(c, heads) for c in chain}
                and len(join([*chain, command])) - 2 <= max_line
            ),
            None,
        )
        if home is None:
            chains.append([command])
        else:
            home.append(command)
    return chains


def split(
    parts: Sequence[str], lines: Sequence[str], heads: Mapping[str, str] | None = None
) -> list[list[str]]:
    """Each part's lines, cut from the chain's information lines by prefix.

    A line carrying a part's prefix (or the head ``heads`` names for it, the
    longest match winning) starts that part; a line with none goes with the
    part above, and lines before any prefix with a bare first part. A line
    with another command's prefix or an unsolicited one is nobody's.
    """
    heads = heads or {}
    keys = [None if is_bare(p) else _key(p, heads) for p in parts]
    own: list[list[str]] = [[] for _ in parts]
    current = 0 if parts and keys[0] is None else None
    for line in lines:
        folded = line.casefold()
        matches = [(len(k), i) for i, k in enumerate(keys) if k and folded.startswith(k.casefold())]
        mine = max(matches)[1] if matches else None
        if mine is not None:
            current = mine
        elif line.startswith(("+", "^", "#", "!", "$")) and (current is None or is_urc(line)):
            continue
        if current is not None:
            own[current].append(line)
    return own

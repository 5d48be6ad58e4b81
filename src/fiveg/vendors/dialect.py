"""What a dialect is to the rest of fiveg: which commands to ask, and how to read the answers.

The monitor and 5g-info never name a vendor: they ask a ``Dialect`` for its
commands (which may depend on the model, as Fibocom's do) and hand it the
answers. Vendor modules are imported only when their dialect is used.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from functools import cache
from types import ModuleType
from typing import NamedTuple

from fiveg.records import CommandFailure, Snapshot
from fiveg.vendors.fields import glue_splitter

# Information-line prefixes of the standard commands, which every dialect reads.
STANDARD_PREFIXES: tuple[str, ...] = ("+COPS:", "+CSQ:", "+CESQ:", "+CEREG:", "+C5GREG:", "+CGSN:")


@cache
def _splitter(module: str) -> Callable[[str], list[str]]:
    prefixes = getattr(importlib.import_module(module), "PREFIXES", ())
    return glue_splitter((*STANDARD_PREFIXES, *prefixes))


def reply_prefix(command: str) -> str:
    """The prefix of a command's information lines: 'AT+QENG="servingcell"' -> '+QENG:'."""
    body = command[2:] if command[:2].upper() == "AT" else command
    return re.split(r'[=?";]', body, maxsplit=1)[0] + ":"


def unglue(answers: Mapping[str, Sequence[str]], split: Callable[[str], list[str]]):
    """Each command's lines with glued records cut apart (see ``glue_splitter``).

    Answers with nothing glued (nearly all) are handed on as they are.
    """
    out: dict[str, Sequence[str]] = {}
    for command, lines in answers.items():
        cut: list[str] | None = None
        for i, line in enumerate(lines):
            pieces = split(line)
            if cut is None and (len(pieces) != 1 or pieces[0] is not line):
                cut = list(lines[:i])
            if cut is not None:
                cut += pieces
        out[command] = lines if cut is None else cut
    return out


class CommandSet(NamedTuple):
    """``info``: 5g-info's whole list; ``fast``: the serving cell, asked every poll
    (chained into one round trip); ``slow``: the rest, one per poll."""

    info: tuple[str, ...]
    fast: tuple[str, ...]
    slow: tuple[str, ...]


class Dialect(NamedTuple):
    """A named tuple, not a dataclass: 5g-info builds seven of these at start-up."""

    name: str
    label: str
    models: str  # the modules it is written for, for README and --dialect list
    reports: str  # what it reports beyond the standard commands
    makers: tuple[str, ...] = ()  # lower-case words of the manufacturer an identity names
    usb_vendors: tuple[int, ...] = ()  # USB vendor ids of its modules
    module: str = ""
    # Commands whose answer, carrying the command's own prefix, shows the dialect when
    # the modem names no maker (asked in order, only then; each is in its info list).
    probes: tuple[str, ...] = ()

    def _module(self) -> ModuleType:
        return importlib.import_module(self.module)

    def commands(self, model: str | None = None) -> CommandSet:
        return self._module().commands(model)

    def section_of(self, command: str) -> str | None:
        """The one section a command feeds, when it feeds only one (else None)."""
        return getattr(self._module(), "SECTION_ONLY", {}).get(command)

    def line_heads(self) -> Mapping[str, str]:
        """How the lines of commands that share a prefix begin (see fiveg.at.chain)."""
        return getattr(self._module(), "LINE_HEADS", {})

    def parse(
        self,
        answers: Mapping[str, Sequence[str]],
        *,
        time: datetime,
        model: str | None = None,
        errors: Sequence[CommandFailure] = (),
    ) -> Snapshot:
        answers = unglue(answers, _splitter(self.module))
        return self._module().parse_snapshot(answers, time=time, model=model, errors=errors)

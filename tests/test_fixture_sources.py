"""Every bundled transcript says where its replies come from.

A fixture is evidence for a parser only as far as its replies are real or
built from a cited definition, so each one's header (the lines before its
first command) names its source: a published capture (a repository path
``owner/name`` or a URL), a document (a vendor manual, application note, AT
command reference or 3GPP TS), a named tool, or says what was constructed.
A fixture whose header says its sources are "cited per exchange" cites one
before every command.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import FIXTURES

SOURCE = re.compile(
    r"https?://|\b[\w-]+/[\w.-]+\b|manual|application note|\bnote\b|guide|reference|\bTS \d"
    r"|tools/\w+\.py|constructed|\breal\b",
    re.IGNORECASE,
)


def parts(text: str) -> tuple[str, list[str]]:
    """The header's text, and the comments standing before each command."""
    head: list[str] = []
    before: list[str] = []
    current: list[str] = []
    seen_command = False
    for line in text.splitlines():
        if line.startswith(">"):
            before.append(" ".join(current))
            current, seen_command = [], True
        elif line.startswith(("#", "@ scenario:")):
            (current if seen_command else head).append(line.lstrip("#@ ").strip())
            if not seen_command:
                current.append(line.lstrip("#@ ").strip())
    return " ".join(head), before


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.at")), ids=lambda p: p.name)
def test_every_fixture_names_its_sources(path):
    head, before = parts(path.read_text(encoding="utf-8"))
    assert SOURCE.search(head), f"the header names no capture, document or tool: {head[:200]}"
    if "cited per exchange" in head.lower():
        for i, comments in enumerate(before):
            assert SOURCE.search(comments), f"command {i + 1} cites nothing"


def test_the_check_refuses_what_cites_nothing():
    assert not SOURCE.search(parts("fiveg-transcript 1\n# some replies\n> 0 ATI\\r\n")[0])
    cited = "fiveg-transcript 1\n# real: 4IceG/luci-app-3ginfo-lite issue #47\n> 0 ATI\\r\n"
    assert SOURCE.search(parts(cited)[0])
    per = "# Sources are cited per exchange.\n# real: a/b\n> 0 ATI\\r\n< 0 OK\\r\\n\n> 1 AT\\r\n"
    _head, before = parts(per)
    assert [bool(SOURCE.search(c)) for c in before] == [True, False]

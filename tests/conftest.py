from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from fiveg.at.replay import ReplayPort
from fiveg.at.session import AtSession
from fiveg.at.transcript import load
from fiveg.poll import poll

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "at_transcripts"
T0 = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def fixture_path(name: str) -> Path:
    return FIXTURES / name


def snapshot_of(name: str):
    """Poll a fixture through ReplayPort -> AtSession -> framer -> parser."""
    session = AtSession(ReplayPort(load(fixture_path(name))))
    return poll(session, now=lambda: T0)


@pytest.fixture
def snap():
    return snapshot_of

"""Text from a modem, a user or a file is data, never markup: shown as it came, everywhere.

An operator name, a mark label or a file name holding ``[...]`` once crashed
5g-info (``[/]``: a traceback) and the monitor, or silently vanished
(``[roof]``). Each path below gets such text and must show it literally.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from fiveg.at.replay import ReplayPort
from fiveg.at.session import AtSession
from fiveg.at.transcript import parse
from fiveg.cli.info import info
from tests.conftest import fixture_path
from tests.test_monitor_app import SIZE, until
from tests.test_monitor_app import rig as rig  # the fixture

NAME = "[/]I [roof] TIM[b]"


def hostile(tmp_path):
    """The TIM capture with an operator name that is also markup."""
    text = fixture_path("rm520n_nsa_ca_tim.at").read_text()
    assert '"I TIM"' in text
    path = tmp_path / "[roof] tim.at"
    path.write_text(text.replace('"I TIM"', f'"{NAME}"'))
    return path


def test_5g_info_table_shows_markup_as_text(tmp_path):
    path = hostile(tmp_path)
    result = CliRunner().invoke(info, ["--replay", str(path), "--section", "network"])
    assert result.exit_code == 0, result.output
    assert NAME in result.output


def test_5g_info_unparsed_lines_and_errors_show_markup_as_text(tmp_path):
    path = tmp_path / "odd.at"
    path.write_text(
        "fiveg-transcript 1\n@ dialect: quectel\n"
        "> 0.0 ATI\\r\n"
        "< 0.0 \\r\\nQuectel\\r\\nRM520N-GL\\r\\nRevision: [red]R[/]\\r\\n\\r\\nOK\\r\\n\n"
        '> 0.1 AT+QSPN\\r\n< 0.1 \\r\\n+QSPN: "[/]"\\r\\n\\r\\nOK\\r\\n\n'
    )
    result = CliRunner().invoke(info, ["--replay", str(path)])
    assert result.exit_code == 0, result.output
    assert "[red]R[/]" in result.output  # the revision
    assert '+QSPN: "[/]"' in result.output  # kept raw, shown as the modem printed it


@pytest.mark.parametrize("size", [SIZE, (120, 40), (80, 24)])
async def test_monitor_shows_an_operator_and_a_mark_label_as_text(tmp_path, rig, size):
    transcript = parse(hostile(tmp_path).read_text())
    r = rig(lambda: AtSession(ReplayPort(transcript)), interval=0.1, slow_every=1.0)
    async with r.app.run_test(size=size) as pilot:
        await until(pilot, lambda: NAME in r.text("#status"))
        await pilot.press("m", *"[roof] [/]", "enter")
        await until(pilot, lambda: len(r.rows("marks")) == 1)
        assert "[roof] [/]" in r.rows("marks")[0][0]
        # the getter gives markup back (escaped); what is drawn is the stored Content
        assert r.app.query_one("#marks")._border_subtitle.plain == "best: [roof] [/]"
        assert "marked [roof] [/]" in r.text("#events")
        assert r.app.is_running  # no markup error ended it

"""The typed errors: what each one keeps and the one sentence it says."""

from __future__ import annotations

import pytest

from fiveg.at.errors import (
    AtError,
    AtTimeout,
    CmeError,
    CmsError,
    CommandRejected,
    FivegError,
    NotAllowed,
    PortBusy,
    PortError,
    PortGone,
)


def test_a_busy_port_names_its_holders_and_how():
    e = PortBusy("/dev/ttyUSB2", [(812, "ModemManager"), (999, "minicom")], how="lock file")
    assert (e.port, e.holders) == ("/dev/ttyUSB2", [(812, "ModemManager"), (999, "minicom")])
    assert str(e) == (
        "/dev/ttyUSB2 is busy: it is held by ModemManager (pid 812), minicom (pid 999) "
        "(lock file). Stop it (e.g. `systemctl stop ModemManager`) or use another AT port."
    )


def test_a_busy_port_without_a_known_holder_names_the_usual_suspect():
    e = PortBusy("/dev/ttyUSB2")
    assert e.holders == []
    assert str(e) == (
        "/dev/ttyUSB2 is busy: another program holds it; ModemManager is the usual suspect. "
        "Stop it (e.g. `systemctl stop ModemManager`) or use another AT port."
    )
    assert str(PortBusy("/dev/ttyUSB2", [(5, "socat")])).startswith(
        "/dev/ttyUSB2 is busy: it is held by socat (pid 5). Stop it"
    )


def test_a_timeout_keeps_the_command_its_limit_and_what_came():
    e = AtTimeout("AT+QSCAN=3,1", 2.5, ('+QSCAN: "LTE",460',))
    assert (e.command, e.timeout, e.partial) == ("AT+QSCAN=3,1", 2.5, ('+QSCAN: "LTE",460',))
    assert str(e) == "no final result code for AT+QSCAN=3,1 within 2.5 s"
    assert AtTimeout("AT", 3.0).partial == ()
    assert str(AtTimeout("AT", 3.0)) == "no final result code for AT within 3 s"


def test_a_rejected_command_keeps_its_final_code_and_lines():
    e = CommandRejected("AT+QSPN", "ERROR", ("+QSPN: x",))
    assert (e.command, e.final, e.lines) == ("AT+QSPN", "ERROR", ("+QSPN: x",))
    assert str(e) == "AT+QSPN failed: ERROR"
    assert CommandRejected("AT", "ERROR").lines == ()


def test_cme_and_cms_errors_keep_code_and_text_as_well():
    e = CmeError("AT+CPIN?", "+CME ERROR: 10", 10, "SIM not inserted", ("x",))
    assert (e.command, e.final, e.code, e.text, e.lines) == (
        "AT+CPIN?",
        "+CME ERROR: 10",
        10,
        "SIM not inserted",
        ("x",),
    )
    assert str(e) == "AT+CPIN? failed: +CME ERROR: 10"
    assert CmeError("AT", "+CME ERROR: 3", 3, None).lines == ()
    s = CmsError("AT+CMGL", "+CMS ERROR: 500", 500, None)
    assert (s.command, s.code, str(s)) == ("AT+CMGL", 500, "AT+CMGL failed: +CMS ERROR: 500")


def test_not_allowed_says_it_was_not_sent():
    e = NotAllowed("AT+CFUN=0")
    assert e.command == "AT+CFUN=0"
    assert str(e) == "AT+CFUN=0 is not on the read-only allowlist; it was not sent"


@pytest.mark.parametrize(
    ("error", "bases"),
    [
        (PortBusy("p"), (PortError, FivegError)),
        (PortGone("p"), (PortError, FivegError)),
        (AtTimeout("AT", 1), (AtError, FivegError)),
        (CmsError("AT", "+CMS ERROR: 1", 1, None), (CmeError, CommandRejected, AtError)),
        (NotAllowed("ATE0"), (FivegError,)),
    ],
)
def test_callers_can_catch_by_kind(error, bases):
    assert all(isinstance(error, b) for b in bases)

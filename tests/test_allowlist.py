"""The read-only allowlist: what may be sent, what is refused, and how a command is read."""

from __future__ import annotations

import pytest

from fiveg.allowlist import READ_ONLY, is_read_only


@pytest.mark.parametrize(
    "command",
    [
        "AT",  # the attention check: nothing after AT
        "  AT  ",
        "at",
        "ATI",
        "AT+CSQ",
        "at+csq",
        "AT+COPS?",
        'AT+QENG="servingcell"',
        'at+qeng="SERVINGCELL"',  # the argument's case does not matter to the modem either
        "AT#RFSTS",
        "AT^HCSQ?",
        "AT!GSTATUS?",
        "AT+CSQ;+QSPN",
        'AT+QENG="servingcell";+QCAINFO',
    ],
)
def test_read_only_commands_pass(command):
    assert is_read_only(command)


@pytest.mark.parametrize(
    "command",
    [
        # 3GPP TS 27.007 set forms and V.250 settings: each changes the modem's state
        "ATE0",
        "ATE1",
        "AT+CFUN=0",
        "AT+CFUN=1,1",
        "AT+COPS=0",
        "AT+CEREG=2",
        # Quectel RG50xQ/RM5xxQ AT manual: band preference and cell lock writes (DOMAIN.md, Locks)
        'AT+QNWPREFCFG="mode_pref",NR5G',
        'AT+QNWLOCK="common/4g",1,1300,246',
        'AT+QCFG="usbnet",1',
        "AT#MONI=1",
        "AT^HFREQINFO=1",
        "AT+QSCAN=3,1",
    ],
)
def test_commands_that_change_state_are_refused(command):
    assert not is_read_only(command)


@pytest.mark.parametrize("command", ["", "   ", "+CSQ", "I", "CSQ", "A", "TA+CSQ", "OK"])
def test_a_line_that_does_not_start_with_at_is_refused(command):
    # even when what follows would be read-only after "AT" ("+CSQ", "I", "")
    assert not is_read_only(command)


def test_a_chain_passes_only_if_every_part_does():
    assert is_read_only("AT+CSQ;+CESQ;+COPS?")
    assert not is_read_only("AT+CSQ;+CFUN=0")
    assert not is_read_only("AT+CFUN=0;+CSQ")
    assert not is_read_only("ATE0;+CSQ")


def test_empty_parts_of_a_chain_are_ignored():
    # "AT;" and "AT+CSQ;;" are the attention check and +CSQ: nothing else is asked
    assert is_read_only("AT;")
    assert is_read_only("AT+CSQ;;")
    assert not is_read_only("AT;+CFUN=0")


def test_whitespace_outside_quotes_is_ignored():
    assert is_read_only("AT +CSQ")
    assert is_read_only('AT+QENG = "servingcell"')
    assert is_read_only('AT+QENG="servingcell" ; +QCAINFO')
    assert is_read_only("AT+GTSENRDTEMP= 1")


def test_whitespace_inside_quotes_is_part_of_the_argument():
    # "serving cell" is not the "servingcell" the allowlist names
    assert not is_read_only('AT+QENG="serving cell"')
    assert not is_read_only('AT+QENG=" servingcell"')


def test_a_space_does_not_cut_off_what_follows_it():
    # read only as far as a space, these would look like +CSQ and +CGSN
    assert not is_read_only("AT+CSQ =1")
    assert not is_read_only("AT+CGSN =0")


def test_a_semicolon_inside_quotes_does_not_split_the_chain():
    # one part, '+QENG="servingcell;+CFUN=0"', which is not on the list
    assert not is_read_only('AT+QENG="servingcell;+CFUN=0"')
    assert not is_read_only('AT+QENG="x;+CSQ"')


def test_every_entry_is_in_the_canonical_form_it_is_compared_in():
    # upper case, no whitespace outside quotes: an entry in any other form would never match
    for entry in READ_ONLY:
        assert entry == entry.upper()
        assert " " not in entry
        assert is_read_only("AT" + entry)

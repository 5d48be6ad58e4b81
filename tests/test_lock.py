"""Band preferences and cell locks, the pure parts: replies, write forms, requests, undo, and
the simulated modem that keeps them.

Reply shapes per the Quectel RG520N&RM5x0N Series AT Commands Manual V1.1 5.24 and the
RG50xQ&RM5xxQ Series Network Application Note V1.0.0 3.6 and 3.8 (cited in
fiveg.vendors.quectel_settings); the real lines come from the fixtures, each cited there.
"""

from __future__ import annotations

import json

import pytest

from fiveg.at.transcript import parse
from fiveg.jsonout import dumps
from fiveg.lock import change
from fiveg.lock.change import LockRefused
from fiveg.lock.undo import recorded_settings
from fiveg.lock.writes import is_lock_write
from fiveg.records import BandSettings, CellLock, Rat
from fiveg.sim_settings import DEFAULT_POLICY, SettingsModel
from fiveg.vendors import quectel_settings as q
from tests.conftest import fixture_path, poll_fixture, reply_lines

LTE_1300 = CellLock(rat=Rat.LTE, arfcn=1300, pci=123)
NR_138 = CellLock(rat=Rat.NR5G_SA, pci=138, arfcn=628032, scs_khz=30, band=78)

# --- replies ---------------------------------------------------------------------------


def test_real_replies_parse_to_their_fields():
    name = "rm502q_cell_locks.at"
    (line,) = reply_lines(name, 'AT+QNWPREFCFG="lte_band"')
    assert q.parse_line(line) == (
        "lte",
        (1, 3, 5, 7, 8, 18, 19, 20, 26, 28, 32, 34, 38, 39, 40, 41, 42, 43),
    )
    (line,) = reply_lines(name, 'AT+QNWPREFCFG="mode_pref"')
    assert q.parse_line(line) == ("mode", "AUTO")
    (line,) = reply_lines(name, 'AT+QNWLOCK="common/4g"')
    assert q.parse_line(line) == ("lte_locks", (LTE_1300,))
    (line,) = reply_lines(name, 'AT+QNWLOCK="common/5g"')  # PCI first, then the channel
    assert q.parse_line(line) == ("nr_locks", (NR_138,))
    (line,) = reply_lines(name, 'AT+QNWLOCK="save_ctrl"')
    assert q.parse_line(line) == ("save_ctrl", (False, False))
    policy = [q.parse_line(ln) for ln in reply_lines(name, 'AT+QNWPREFCFG="policy_band"')]
    assert [p[0] for p in policy] == ["other", "lte", "nsa_nr5g", "nr5g"]  # gw_band not kept


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('+QNWLOCK: "common/4g",0', ("lte_locks", ())),
        ('+QNWLOCK: "common/5g",0', ("nr_locks", ())),
        (
            '+QNWLOCK: "common/4g",2,3050,448,1574,474',
            (
                "lte_locks",
                (
                    CellLock(rat=Rat.LTE, arfcn=3050, pci=448),
                    CellLock(rat=Rat.LTE, arfcn=1574, pci=474),
                ),
            ),
        ),
        ('+QNWPREFCFG: "mode_pref",LTE:NR5G', ("mode", "LTE:NR5G")),
        ('+QNWPREFCFG: "nrdc_nr5g_band",78', ("other", "nrdc_nr5g_band")),
        # malformed: kept as unparsed by the dialect, never half read
        ('+QNWLOCK: "common/4g",2,3050,448', None),  # the count says two cells, one given
        ('+QNWLOCK: "common/5g",138,628032,30', None),
        ('+QNWPREFCFG: "lte_band",', None),
        ('+QNWPREFCFG: "lte_band",1:x:3', None),
        ('+QNWPREFCFG: "lte_band",0', None),  # no band 0
        ('+QNWPREFCFG: "lte_band",1::3', None),
        ('+QNWLOCK: "save_ctrl",2,0', None),
    ],
)
def test_reply_shapes(line, expected):
    assert q.parse_line(line) == expected


def test_5g_info_bands_on_a_modem_with_locks():
    snapshot = poll_fixture("rm502q_cell_locks.at")[0].snapshot
    bands = snapshot.bands
    assert bands.mode == "AUTO"
    assert bands.nr5g == (41, 78)
    assert bands.nsa_nr5g == (1, 3, 5, 7, 8, 20, 28, 38, 40, 41, 77, 78, 79)
    assert bands.locks == (LTE_1300, NR_138)
    data = json.loads(dumps(snapshot))["bands"]
    assert data["locks"] == [
        {"rat": "LTE", "arfcn": 1300, "pci": 123, "scs_khz": None, "band": None},
        {"rat": "NR5G-SA", "arfcn": 628032, "pci": 138, "scs_khz": 30, "band": 78},
    ]
    assert data["nr5g"] == [41, 78] and data["mode"] == "AUTO"


def test_5g_info_bands_say_null_for_what_the_modem_did_not_answer():
    snapshot = poll_fixture("rm520n_bands_tim.at")[0].snapshot
    data = json.loads(dumps(snapshot))["bands"]
    assert data == {
        "mode": "AUTO",
        "lte": [1, 3, 7, 20],
        "nsa_nr5g": [78],
        "nr5g": None,
        "locks": None,
    }
    failed = {e.command for e in snapshot.errors}
    assert {'AT+QNWPREFCFG="nr5g_band"', 'AT+QNWLOCK="common/4g"'} <= failed


def test_an_lte_module_is_not_asked_its_band_settings():
    snapshot = poll_fixture("quectel_eg25g_lte_neighbours.at")[0].snapshot
    assert snapshot.bands is None
    assert not [e for e in snapshot.errors if e.command.startswith(("AT+QNWPREFCFG", "AT+QNWLOCK"))]


# --- write forms -----------------------------------------------------------------------


def test_every_built_write_is_on_the_write_list():
    built = [
        q.mode_command("AUTO"),
        q.mode_command("LTE:NR5G"),
        q.band_command("lte", (1, 3, 7)),
        q.band_command("nsa_nr5g", (78,)),
        q.band_command("nr5g", (41, 78)),
        q.lte_lock_command([LTE_1300]),
        q.lte_lock_command([LTE_1300, CellLock(rat=Rat.LTE, arfcn=3050, pci=448)]),
        q.lte_lock_command([]),
        q.nr_lock_command(NR_138),
        q.nr_lock_command(None),
    ]
    assert built[5] == 'AT+QNWLOCK="common/4g",1,1300,123'
    assert built[8] == 'AT+QNWLOCK="common/5g",138,628032,30,78'
    assert built[2] == 'AT+QNWPREFCFG="lte_band",1:3:7'
    assert all(is_lock_write(c) for c in built)


@pytest.mark.parametrize(
    "command",
    [
        'AT+QNWLOCK="common/4g",2,1300,123',  # the count does not match the cells
        'AT+QNWLOCK="common/4g",11' + ",1300,123" * 11,  # more than 10 cells
        'AT+QNWLOCK="common/5g",138,628032,45,78',  # no 45 kHz spacing
        'AT+QNWLOCK="save_ctrl",1,1',  # 5g-lock never changes what survives a reboot
        'AT+QNWPREFCFG="lte_band",0',
        'AT+QNWPREFCFG="mode_pref",GSM',
        'AT+QNWPREFCFG="all_band_reset"',
        'AT+QNWPREFCFG="lte_band",1:3;+CFUN=0',
        'AT+QNWPREFCFG="lte_band",1:3\rAT+CFUN=0',
        "AT+CFUN=1,1",
        'AT+QNWPREFCFG="lte_band"',  # a read is not a write
    ],
)
def test_other_forms_are_not_writes_5g_lock_may_send(command):
    assert not is_lock_write(command)


# --- requests --------------------------------------------------------------------------

NOW = BandSettings(
    mode="AUTO",
    lte=(1, 3, 7, 20),
    nsa_nr5g=(78,),
    nr5g=(41, 78),
    lte_locks=(),
    nr_locks=(NR_138,),
)


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda: change.parse_bands("1;3", "--lte-bands"), "'1;3' is not a list of band"),
        (lambda: change.parse_bands("", "--sa-bands"), "--sa-bands '' is not"),
        (lambda: change.parse_mode("GSM"), "not AUTO or a colon-joined"),
        (lambda: change.parse_mode("AUTO:LTE"), "not AUTO or a colon-joined"),
        (lambda: change.parse_lte_cells(("1300",)), "is not EARFCN:PCI"),
        (lambda: change.parse_lte_cells(("1300:504",)), "PCI 504 is outside 0..503"),
        (lambda: change.parse_lte_cells(("300000:1",)), "EARFCN 300000 is outside"),
        (lambda: change.parse_lte_cells(tuple(f"1300:{i}" for i in range(11))), "at most 10"),
        (lambda: change.parse_nr_cell("138:628032:45:78"), "45 kHz is not one of"),
        (lambda: change.parse_nr_cell("0:628032:30:78"), "PCI 0 is outside 1..1007"),
        (lambda: change.parse_nr_cell("138:628032:30"), "is not PCI:ARFCN:SCS:BAND"),
    ],
)
def test_malformed_options_are_refused_with_a_sentence(call, words):
    with pytest.raises(LockRefused, match=words.replace("(", r"\(").replace(")", r"\)")):
        call()


def test_option_values_read_as_records():
    assert change.parse_bands("78:41:78", "--sa-bands") == (78, 41)  # a repeat is one band
    assert change.parse_mode("lte:nr5g") == "LTE:NR5G"
    assert change.parse_lte_cells(("none",)) == ()
    assert change.parse_lte_cells(()) is None
    assert change.parse_lte_cells(("1300:123",)) == (LTE_1300,)
    assert change.parse_nr_cell("138:628032:30:78") == (NR_138,)
    assert change.parse_nr_cell("NONE") == ()


def test_bands_outside_the_carrier_policy_are_refused_before_anything_is_sent():
    with pytest.raises(LockRefused, match="band 99 is not one this modem supports"):
        change.check(NOW, BandSettings(lte=(1, 99)), DEFAULT_POLICY)
    # the policy unknown: the modem judges, and the user is told
    warnings = change.check(NOW, BandSettings(lte=(1, 99)), None)
    assert warnings and "will judge the list itself" in warnings[0]


def test_cells_must_lie_in_the_bands_they_will_be_searched_on():
    with pytest.raises(LockRefused, match=r"EARFCN 1300 is in band 3, which the LTE band list"):
        change.check(NOW, BandSettings(lte=(1,), lte_locks=(LTE_1300,)), DEFAULT_POLICY)
    with pytest.raises(LockRefused, match=r"NR-ARFCN 628032 \(3420.48 MHz\) is not in n41"):
        change.check(
            NOW,
            BandSettings(
                nr_locks=(
                    NR_138.__class__(rat=Rat.NR5G_SA, pci=138, arfcn=628032, scs_khz=30, band=41),
                )
            ),
            DEFAULT_POLICY,
        )
    with pytest.raises(LockRefused, match="band n78 is not in the NR SA band list"):
        change.check(NOW, BandSettings(nr5g=(41,), nr_locks=(NR_138,)), DEFAULT_POLICY)
    assert change.check(NOW, BandSettings(lte=(3,), lte_locks=(LTE_1300,)), DEFAULT_POLICY) == []


def test_only_changes_are_written_unlocks_first_locks_last():
    target = BandSettings(
        mode="auto",  # the same mode in another case: no write
        lte=(20, 7, 3, 1),  # the same bands in another order: no write
        nr5g=(78,),
        lte_locks=(LTE_1300,),
        nr_locks=(),
    )
    assert change.changed(NOW, target) == ["nr5g", "lte_locks", "nr_locks"]
    assert change.commands(NOW, target) == [
        'AT+QNWLOCK="common/5g",0',
        'AT+QNWPREFCFG="nr5g_band",78',
        'AT+QNWLOCK="common/4g",1,1300,123',
    ]
    assert change.commands(NOW, BandSettings(mode="AUTO")) == []


def test_the_restore_line_gives_back_what_was_there():
    target = BandSettings(nr5g=(78,), lte_locks=(LTE_1300,), nr_locks=())
    words = change.restore_words(NOW, change.changed(NOW, target))
    assert words == ["--sa-bands", "41:78", "--lte-cell", "none", "--nr-cell", "138:628032:30:78"]
    back = BandSettings(
        nr5g=change.parse_bands(words[1], words[0]),
        lte_locks=change.parse_lte_cells((words[3],)),
        nr_locks=change.parse_nr_cell(words[5]),
    )
    assert change.after(change.after(NOW, target), back) == NOW


def test_read_back_differences_name_each_setting():
    asked = change.after(NOW, BandSettings(nr5g=(78,)))
    assert change.differences(asked, NOW, ["nr5g"]) == [
        "NR SA bands: asked 78, the modem reads 41:78"
    ]
    assert change.differences(asked, asked, ["nr5g"]) == []


def test_persistence_follows_save_ctrl():
    notes = change.persistence((False, True), ["lte", "lte_locks", "nr_locks"])
    assert "saves them: they stay after a reboot" in notes[0]
    assert "LTE cell lock" in notes[1] and "a reboot clears it" in notes[1]
    assert "NR cell lock" in notes[2] and "saves it: it stays" in notes[2]
    assert "did not answer" in change.persistence(None, ["nr_locks"])[0]


# --- undo ------------------------------------------------------------------------------


def _recording(*exchanges: tuple[str, str]) -> str:
    lines = ["fiveg-transcript 1"]
    for i, (command, reply) in enumerate(exchanges):
        lines.append(f"> {i}.0 {command}\\r")
        lines.append(f"< {i}.1 {reply}")
    return "\n".join(lines) + "\n"


def test_undo_reads_the_settings_before_the_first_write():
    text = _recording(
        ("ATI", "Quectel\\r\\nRM520N-GL\\r\\nOK\\r\\n"),
        ('AT+QNWPREFCFG="nr5g_band"', '\\r\\n+QNWPREFCFG: "nr5g_band",41:78\\r\\n\\r\\nOK\\r\\n'),
        ('AT+QNWLOCK="common/4g"', '\\r\\n+QNWLOCK: "common/4g",0\\r\\n\\r\\nOK\\r\\n'),
        ('AT+QNWPREFCFG="lte_band"', "\\r\\nERROR\\r\\n"),  # refused: not known from here
        ('AT+QNWPREFCFG="nr5g_band",78', "\\r\\nOK\\r\\n"),
        ('AT+QNWPREFCFG="nr5g_band"', '\\r\\n+QNWPREFCFG: "nr5g_band",78\\r\\n\\r\\nOK\\r\\n'),
    )
    before, wrote = recorded_settings(parse(text))
    assert wrote
    assert before == BandSettings(nr5g=(41, 78), lte_locks=())
    assert recorded_settings(parse(_recording(("ATI", "OK\\r\\n")))) == (None, False)


# --- the simulated modem ---------------------------------------------------------------


def test_the_simulated_modem_keeps_what_it_takes_and_refuses_what_a_modem_refuses():
    model = SettingsModel(policy=DEFAULT_POLICY)
    assert model.answer('AT+QNWPREFCFG="NR5G_BAND",78') == b"\r\nOK\r\n"
    assert model.answer('AT+QNWPREFCFG="NR5G_BAND"') == (
        b'\r\n+QNWPREFCFG: "nr5g_band",78\r\n\r\nOK\r\n'
    )
    assert model.answer('AT+QNWPREFCFG="NR5G_BAND",99') == b"\r\nERROR\r\n"  # not in policy
    assert model.answer('AT+QNWPREFCFG="MODE_PREF",GSM') == b"\r\nERROR\r\n"
    # an NR lock on a band it does not search: the manual's +CME ERROR text
    assert b"band not support" in model.answer('AT+QNWLOCK="COMMON/5G",901,504990,30,41')
    assert model.answer('AT+QNWLOCK="COMMON/5G",138,628032,30,78') == b"\r\nOK\r\n"
    assert b'"common/5g",138,628032,30,78' in model.answer('AT+QNWLOCK="COMMON/5G"')
    assert model.answer('AT+QNWLOCK="COMMON/4G",2,1300,123') == b"\r\nERROR\r\n"
    assert model.settings.nr5g == (78,) and model.settings.nr_locks == (NR_138,)
    assert len(model.writes) == 2
    model.ignore_writes = True
    assert model.answer('AT+QNWPREFCFG="NR5G_BAND",41') == b"\r\nOK\r\n"
    assert model.settings.nr5g == (78,)


def test_the_simulated_modem_starts_from_what_its_transcript_read():
    from fiveg.at.transcript import load
    from fiveg.sim_settings import from_transcript

    model = from_transcript(load(fixture_path("rm502q_cell_locks.at")))
    assert model.settings.nr5g == (41, 78) and model.settings.lte_locks == (LTE_1300,)
    assert model.policy.lte[-1] == 71  # the transcript's own policy_band


# --- the exact words and every branch (written for the mutation survivors) --------------


@pytest.mark.parametrize(
    ("call", "sentence"),
    [
        (
            lambda: change.parse_lte_cells(("1300",)),
            "--lte-cell '1300' is not EARFCN:PCI (or none)",
        ),
        (lambda: change.parse_lte_cells(("1300:504",)), "--lte-cell: PCI 504 is outside 0..503"),
        (
            lambda: change.parse_lte_cells(("262144:1",)),
            "--lte-cell: EARFCN 262144 is outside 0..262143",
        ),
        (
            lambda: change.parse_nr_cell("138:628032:30"),
            "--nr-cell '138:628032:30' is not PCI:ARFCN:SCS:BAND (or none)",
        ),
        (
            lambda: change.parse_nr_cell("1008:628032:30:78"),
            "--nr-cell: PCI 1008 is outside 1..1007",
        ),
        (
            lambda: change.parse_nr_cell("138:3279166:30:78"),
            "--nr-cell: NR-ARFCN 3279166 is outside 0..3279165",
        ),
        (lambda: change.parse_nr_cell("138:628032:30:0"), "--nr-cell: band 0 is outside 1..999"),
        (
            lambda: change.parse_nr_cell("138:628032:30:1000"),
            "--nr-cell: band 1000 is outside 1..999",
        ),
        (
            lambda: change.parse_nr_cell("138:628032:45:78"),
            "--nr-cell: subcarrier spacing 45 kHz is not one of 15, 30, 60, 120 (15 for an FDD "
            "band, 30 for a TDD band below 6 GHz)",
        ),
        (
            lambda: change.check(NOW, BandSettings(lte=(1, 98, 99)), DEFAULT_POLICY),
            "--lte-bands: band 98, 99 is not one this modem supports (its carrier policy lists "
            "1:2:3:4:5:7:8:12:13:14:17:18:19:20:25:26:28:29:30:32:34:38:39:40:41:42:43:46:48:66:71)",
        ),
        (
            lambda: change.check(NOW, BandSettings(lte=(1, 7), lte_locks=(LTE_1300,)), None),
            "--lte-cell: EARFCN 1300 is in band 3, which the LTE band list (1:7) leaves out",
        ),
        (
            lambda: change.check(
                NOW, BandSettings(lte_locks=(CellLock(rat=Rat.LTE, arfcn=262000, pci=1),)), None
            ),
            "--lte-cell: EARFCN 262000 is in no LTE band",
        ),
        (
            lambda: change.check(NOW, BandSettings(nr5g=(41, 77), nr_locks=(NR_138,)), None),
            "--nr-cell: band n78 is not in the NR SA band list (41:77); a cell lock is for SA "
            "cells only",
        ),
    ],
)
def test_each_refusal_is_one_exact_sentence(call, sentence):
    with pytest.raises(LockRefused) as refused:
        call()
    assert str(refused.value) == sentence


def test_the_range_edges_are_taken():
    assert change.parse_lte_cells(("0:0", "262143:503"))[1].pci == 503
    assert change.parse_nr_cell("1007:3279165:120:999")[0].band == 999
    assert len(change.parse_lte_cells(tuple(f"1300:{i}" for i in range(10)))) == 10
    for mode in ("AUTO", "auto", "LTE", "NR5G", "WCDMA:LTE:NR5G"):
        assert change.parse_mode(mode) == mode.upper()
    with pytest.raises(LockRefused):
        change.parse_mode("LTE:LTE")


def test_checks_go_on_past_a_list_that_cannot_be_checked():
    partial = BandSettings(lte=DEFAULT_POLICY.lte, nsa_nr5g=None, nr5g=(78,))
    warnings = change.check(NOW, BandSettings(nsa_nr5g=(78,), nr5g=(78,)), partial)
    assert warnings == [
        "the modem did not list the NR NSA bands its carrier policy allows; it will judge "
        "the list itself"
    ]
    with pytest.raises(LockRefused, match="band 41 is not one this modem supports"):
        change.check(NOW, BandSettings(nsa_nr5g=(78,), nr5g=(41,)), partial)
    unknown = BandSettings(nr5g=None)  # the SA list not read: the cell's band is not judged
    assert change.check(unknown, BandSettings(nr_locks=(NR_138,)), None) == []


def test_same_as_the_modem_means_it():
    a, b = LTE_1300, CellLock(rat=Rat.LTE, arfcn=3050, pci=448)
    assert change.same("lte_locks", (a, b), (b, a))  # LTE cells in any order
    assert not change.same("nr_locks", (NR_138, NR_138), (NR_138,))
    assert change.same("mode", "auto", "AUTO") and not change.same("mode", "LTE", "AUTO")
    assert change.same("lte", (3, 1), (1, 3))
    assert change.same("lte", None, None) and not change.same("lte", None, (1,))
    assert not change.same("lte", (1,), None)


def test_a_mode_change_is_written_with_the_mode_form():
    assert change.commands(NOW, BandSettings(mode="LTE:NR5G")) == [
        'AT+QNWPREFCFG="mode_pref",LTE:NR5G'
    ]
    assert change.commands(NOW, BandSettings(nr_locks=(), lte_locks=())) == [
        'AT+QNWLOCK="common/5g",0'
    ]


def test_what_people_read_and_type_back():
    assert change.show("mode", "AUTO") == "AUTO"
    assert change.show("lte", (1, 3)) == "1:3"
    assert change.show("nr_locks", ()) == "none"
    assert change.show("lte_locks", None) == "not answered"
    assert change.show("lte_locks", (LTE_1300, LTE_1300)) == (
        "EARFCN 1300 PCI 123, EARFCN 1300 PCI 123"
    )
    assert change.option_value("mode", "LTE") == ["--mode", "LTE"]
    assert change.option_value("nsa_nr5g", (78, 41)) == ["--nsa-bands", "78:41"]
    assert change.option_value("lte_locks", (LTE_1300,)) == ["--lte-cell", "1300:123"]
    assert change.option_value("nr_locks", ()) == ["--nr-cell", "none"]
    assert change.differences(BandSettings(mode="LTE"), BandSettings(mode=None), ["mode"]) == [
        "mode: asked LTE, the modem reads not answered"
    ]


def test_persistence_in_the_exact_words():
    assert change.persistence((True, False), ["mode", "lte_locks", "nr_locks"]) == [
        "Band and mode preferences take effect at once and the modem saves them: they stay "
        "after a reboot.",
        "The LTE cell lock takes effect at once; this modem saves it: it stays after a reboot.",
        "The NR cell lock takes effect at once; this modem does not save it "
        '(AT+QNWLOCK="save_ctrl"): a reboot clears it.',
    ]
    assert change.persistence(None, ["nr_locks"]) == [
        "The NR cell lock takes effect at once; whether it stays after a reboot is set by "
        'AT+QNWLOCK="save_ctrl", which the modem did not answer.'
    ]
    assert change.persistence(None, ["nsa_nr5g"])[0].startswith("Band and mode preferences")
    assert change.persistence(None, []) == []


def test_an_nr_lock_is_written_with_its_cell_and_save_ctrl_reads_each_flag():
    unlocked = change.after(NOW, BandSettings(nr_locks=()))
    assert change.commands(unlocked, BandSettings(nr_locks=(NR_138,))) == [
        'AT+QNWLOCK="common/5g",138,628032,30,78'
    ]
    assert q.parse_line('+QNWLOCK: "save_ctrl",0,1') == ("save_ctrl", (False, True))
    assert q.parse_line('+QNWLOCK: "save_ctrl",1,0') == ("save_ctrl", (True, False))
    assert q.parse_line('+QNWLOCK: "save_ctrl",1,1') == ("save_ctrl", (True, True))
    # LTE cells read back in another order are the same lock: no difference reported
    two = (LTE_1300, CellLock(rat=Rat.LTE, arfcn=3050, pci=448))
    asked, read_back = BandSettings(lte_locks=two), BandSettings(lte_locks=two[::-1])
    assert change.differences(asked, read_back, ["lte_locks"]) == []

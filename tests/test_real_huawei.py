"""Huawei identity on published captures: labelled ATI, ^VERSION? standing in for it, +CGMR."""

from __future__ import annotations

from fiveg.records import Device
from fiveg.vendors import huawei
from tests.conftest import T0, poll_fixture


def test_e3372_ati_with_its_imei_blanked_and_the_version_block():
    result, heard = poll_fixture("huawei_e3372_version.at")
    s = result.snapshot
    assert (s.dialect, result.chosen_by) == ("huawei", "identity")
    assert "AT^VERSION?" in heard and "AT+CGMR" in heard
    # ATI's Model/Revision ("IMEI: XXX" is no IMEI); ^VERSION agrees and is not needed here
    assert s.device == Device(
        manufacturer="huawei", model="E3372", revision="21.180.01.00.00", imei=None
    )
    assert s.operator.name == "NAME OF MNO"  # the publisher's placeholder, kept as given
    # ^CHIPTEMP five-value form: tenths for the PA sensors, 65535 none (304 / 10 = 30.4)
    assert [(t.sensor, t.celsius) for t in s.temperatures] == [
        ("gpa", 30.4),
        ("wpa", 30.4),
        ("lpa", None),
    ]
    assert s.unparsed == ()


def test_e3372_distinct_variant_reads_each_field_from_its_own_place():
    # constructed from the tymodem capture's layout: ATI and ^VERSION disagree, three PA readings
    result, _ = poll_fixture("huawei_e3372_version_distinct.at")
    s = result.snapshot
    assert (s.dialect, result.chosen_by) == ("huawei", "identity")
    # ATI's Model and Revision, not ^VERSION's EXTU (E3372) and EXTS (21.180.01.00.00)
    assert (s.device.model, s.device.revision, s.device.imei) == (
        "E3372h-153",
        "22.200.15.00.00",
        None,
    )
    # ^CHIPTEMP 312,298,296,27,65535: the first three are gpa, wpa, lpa in tenths of a degree;
    # the fourth (a whole-degree reading) and the fifth are not read
    assert [(t.sensor, t.celsius, t.raw) for t in s.temperatures] == [
        ("gpa", 31.2, "312"),
        ("wpa", 29.8, "298"),
        ("lpa", 29.6, "296"),
    ]
    assert s.unparsed == ()


def test_version_names_model_and_firmware_when_ati_cgmm_and_cgmr_are_refused():
    result, _ = poll_fixture("huawei_e3372_version_no_ati.at")
    s = result.snapshot
    assert (s.dialect, result.chosen_by) == ("huawei", "identity")  # from +CGMI "huawei"
    # EXTU -> model, EXTS -> revision (in the capture they equal that stick's ATI fields)
    assert (s.device.manufacturer, s.device.model, s.device.revision) == (
        "huawei",
        "E3372",
        "22.329.63.00.74",
    )
    assert s.signal.rssi == -73  # +CSQ 20: -113 + 2 * 20
    assert s.unparsed == ()


def test_ati_fields_win_over_version():
    # constructed: distinct values, so the test knows which command each field came from
    answers = {
        "ATI": ["Manufacturer: huawei", "Model: E3372h-153", "Revision: 22.200.15.00.00"],
        "AT^VERSION?": ["^VERSION:EXTS:21.180.01.00.00", "^VERSION:EXTU:E3372"],
    }
    d = huawei.parse_snapshot(answers, time=T0).device
    assert (d.model, d.revision) == ("E3372h-153", "22.200.15.00.00")


def test_cgmr_fills_the_revision_a_bare_identity_lacks():
    # +CGMR as the MC509 AT Command Interface Specification's example prints it (3.4.4)
    answers = {"AT+CGMI": ["huawei"], "AT+CGMM": ["MC509"], "AT+CGMR": ["11.105.01.00.000"]}
    d = huawei.parse_snapshot(answers, time=T0).device
    assert (d.manufacturer, d.model, d.revision) == ("huawei", "MC509", "11.105.01.00.000")


def test_version_items():
    assert huawei.version_item("EXTS:21.180.01.00.00") == ("EXTS", "21.180.01.00.00")
    assert huawei.version_item("BDT:Sep 30 2014, 15:17:21") == ("BDT", "Sep 30 2014, 15:17:21")
    assert huawei.version_item("INTS:") == ("INTS", "")  # an empty item fills nothing
    assert huawei.version_item("garbage") is None
    empty = {"AT^VERSION?": ["^VERSION:EXTU:", "^VERSION:EXTS:"]}
    d = huawei.parse_snapshot(empty, time=T0).device
    assert (d.model, d.revision) == (None, None)

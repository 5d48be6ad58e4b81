"""5g-report: the plot geometry, the session read back from a recording, the page (parsed,
self-contained, escaped), the CLI, a real monitor recording, and a real browser."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser

import pytest

from fiveg.at.transcript import load
from fiveg.metrics import Metric
from fiveg.report import plots
from fiveg.report.page import render
from fiveg.report.recording import read_session
from tests.conftest import ROOT, fixture_path, run_installed

SWEEP = fixture_path("rm520n_sweep_marks.at")

# --- geometry ----------------------------------------------------------------------------


def test_a_scale_maps_ends_to_ends_and_may_run_backwards():
    y = plots.Scale(-10, 30, 270, 30)  # a y axis: larger values higher on the page
    assert (y(-10), y(30), y(10)) == (270, 30, 150)
    assert plots.Scale(5, 5, 0, 100)(5) == 50  # one value: the middle, not a division by 0


@pytest.mark.parametrize(
    ("lo", "hi", "expected"),
    [
        (-7, 26, [-10, 0, 10, 20, 30]),
        (0, 59.5, [0, 20, 40, 60]),
        (-112.5, -87.5, [-115, -110, -105, -100, -95, -90, -85]),
        (3, 3, [2, 2.5, 3, 3.5, 4]),
    ],
)
def test_ticks_are_round_and_cover_the_values(lo, hi, expected):
    got = plots.ticks(lo, hi, 5)
    assert got == expected
    assert got[0] <= lo and got[-1] >= hi


@pytest.mark.parametrize(
    ("label", "azimuth"),
    [
        ("az 120", 120),
        ("120", 120),
        ("120°", 120),
        ("120 deg", 120),
        ("Azimuth: 120.5", 120.5),
        ("az120", 120),
        ("360", 0),
        ("0", 0),
        ("NE", 45),
        ("az wsw", 247.5),
        ("N", 0),
        ("NNW", 337.5),
        ("400", None),
        ("#1", None),
        ("roof east", None),
        ("az", None),
        ("NEE", None),
        ("12 m", None),
    ],
)
def test_azimuths_are_read_from_what_people_type(label, azimuth):
    assert plots.parse_azimuth(label) == azimuth


def test_polar_positions_put_north_up_and_turn_clockwise():
    def at(az):
        return tuple(round(v, 6) for v in plots.polar_point(az, 10, 100, 100))

    assert at(0) == (100, 90)  # north: straight up
    assert at(90) == (110, 100)  # east: right
    assert at(180) == (100, 110)
    assert at(270) == (90, 100)


def test_marks_at_one_azimuth_are_one_bearing():
    class M:
        def __init__(self, label, median, low, high):
            self.label, self.median, self.low, self.high = label, median, low, high

    got = plots.bearings(
        [M("az 120", 20, 13, 24), M("#2", 5, 1, 9), M("120°", 16, 12, 18), M("NE", 3, 0, 5)]
    )
    assert [(b.azimuth, b.median, b.low, b.high) for b in got] == [(45, 3, 0, 5), (120, 18, 12, 24)]
    assert got[1].labels == ("az 120", "120°")


# --- the session -------------------------------------------------------------------------


def test_the_sweeps_marks_are_made_again_from_its_readings():
    transcript = load(SWEEP)
    session = read_session(transcript)
    assert len(session.readings) == 120 and session.dialect == "quectel"
    assert session.metric is Metric.NR_SINR and session.start_known
    assert [m.label for m in session.marks] == [
        "az 90",
        "az 105",
        "az 120",
        "az 135",
        "az 150",
        "az 165",
        "az 180",
    ]
    assert session.best().label == "az 120" and session.best().median == 20
    # the same numbers as the notes the recording holds (the monitor's path, made again)
    notes = [r.note for r in transcript.records if r.kind == "!"]
    for mark, note in zip(session.marks, notes, strict=True):
        assert f"median {mark.median:g} dB (min {mark.low:g}, max {mark.high:g}" in note
    assert {str(m.cell) for m in session.marks} == {"n78 PCI 920", "n78 PCI 921"}
    assert [e.kind for e in session.events if e.kind == "nr-leg"] == ["nr-leg", "nr-leg"]
    assert session.ports_at(session.best().time)  # QRSRP in the fast chain


def test_a_5g_info_recording_is_one_reading():
    session = read_session(load(fixture_path("rm520n_nsa_ca_complete.at")))
    assert len(session.readings) == 1 and session.marks == () and session.poll_rate is None
    assert session.readings[0].value(Metric.NR_SINR) == 14


# --- the page ----------------------------------------------------------------------------


class Page(HTMLParser):
    """Every tag, attribute and text of a page, and whether its tags close in order."""

    VOID = frozenset({"meta", "br", "img", "input", "link", "hr", "col", "wbr"})

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [(k, v or "") for k, v in attrs]
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [(k, v or "") for k, v in attrs]

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def test_the_report_of_the_sweep_parses_and_holds_what_it_must():
    html = render(read_session(load(SWEEP)), SWEEP.name)
    page = Page(html)
    assert page.errors == [] and page.stack == []
    assert page.tags.count("svg") >= 2  # the time series, the polar plot, the ports
    text = " ".join(page.text)
    for label in ("az 90", "az 120", "az 180"):
        assert label in text
    assert "Best position: az 120" in text
    assert "taken on different cells" in text
    assert "Rx ports at the best mark (az 120)" in text
    # nothing loaded from anywhere: no script, no external reference, a policy saying so
    assert "script" not in page.tags
    refs = [v for k, v in page.attrs if k in ("src", "href", "action", "srcset")]
    assert refs == []
    assert not [v for k, v in page.attrs if "http" in v and k != "xmlns"]
    assert "default-src 'none'" in html


def test_what_the_user_typed_is_data_never_markup(tmp_path):
    text = SWEEP.read_text().replace('mark "az 90"', 'mark "<script>alert(1)</script> & az"')
    rec = tmp_path / "hostile.at"
    rec.write_text(text)
    html = render(read_session(load(rec)), "<b>name</b>.at")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; az" in html
    assert "<b>name</b>" not in html
    assert Page(html).errors == []


# --- the CLI -----------------------------------------------------------------------------


def test_the_cli_writes_html_and_csv_and_never_overwrites(tmp_path):
    out, table = tmp_path / "roof.html", tmp_path / "roof.csv"
    result = run_installed("5g-report", str(SWEEP), "-o", str(out), "--csv", str(table))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out)
    rows = table.read_text().splitlines()
    assert len(rows) == 121 and rows[0].startswith("time,seconds,nr_sinr_db")
    again = run_installed("5g-report", str(SWEEP), "-o", str(out))
    assert again.returncode == 2 and "exists" in again.stderr
    forced = run_installed("5g-report", str(SWEEP), "-o", str(out), "--force")
    assert forced.returncode == 0


def test_a_recording_without_readings_is_a_usage_error(tmp_path):
    empty = tmp_path / "empty.at"
    empty.write_text("fiveg-transcript 1\n> 0.0 ATI\\r\n< 0.1 \\r\\nOK\\r\\n\n")
    result = run_installed("5g-report", str(empty))
    assert result.returncode == 2 and "no serving-cell reading" in result.stderr
    bad = tmp_path / "bad.at"
    bad.write_text("not a transcript\n")
    result = run_installed("5g-report", str(bad))
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_a_real_monitor_recording_reports_its_marks(tmp_path):
    from tests.test_recordings import marked_session, quit_session

    term, rec = marked_session(tmp_path)
    quit_session(term)
    transcript = load(rec)
    assert transcript.meta["metric"] == "nr-sinr" and transcript.meta["mark-window"] == "5"
    session = read_session(transcript)
    assert [m.label for m in session.marks] == ["#1"] and session.marks[0].window == 5
    out = tmp_path / "r.html"
    assert run_installed("5g-report", str(rec), "-o", str(out)).returncode == 0
    assert "#1" in out.read_text()


# --- in a real browser -------------------------------------------------------------------


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("FIVEG_REQUIRE_CHROMIUM") == "1":
            pytest.fail("chromium is required here (FIVEG_REQUIRE_CHROMIUM=1) but not installed")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return path


def _shoot(page, png, tmp_path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            _chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--window-size=1000,1800",
            f"--screenshot={png}",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


def _png(path) -> tuple[int, int, int]:
    """Width, height and how many distinct byte values the image data holds."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    idat, i = b"", 8
    while i < len(data):
        length = struct.unpack(">I", data[i : i + 4])[0]
        kind = data[i + 4 : i + 8]
        if kind == b"IDAT":
            idat += data[i + 8 : i + 8 + length]
        i += 12 + length
    return width, height, len(set(zlib.decompress(idat)))


def _console(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "CONSOLE" in line]


def test_the_report_renders_in_chromium(tmp_path):
    page, png = tmp_path / "report.html", tmp_path / "report.png"
    page.write_text(render(read_session(load(SWEEP)), SWEEP.name))
    result = _shoot(page, png, tmp_path)
    assert result.returncode == 0 and png.exists(), result.stderr[-2000:]
    width, height, distinct = _png(png)
    assert (width, height) == (1000, 1800)
    assert distinct > 50  # drawn: text, lines and colours, not a blank page
    assert _console(result.stderr) == []  # no script error, nothing the policy had to refuse


def test_the_browser_check_sees_what_a_page_gets_wrong(tmp_path):
    """The console check can fail: a page loading from the network under the report's policy
    and throwing an error is caught."""
    page, png = tmp_path / "bad.html", tmp_path / "bad.png"
    page.write_text(
        '<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; script-src 'unsafe-inline'\"></head><body>"
        "<img src='http://192.0.2.1/x.png'><script>undefinedFunction()</script></body></html>"
    )
    result = _shoot(page, png, tmp_path)
    assert _console(result.stderr), result.stderr[-2000:]
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><html><body></body></html>")
    _shoot(blank, png, tmp_path)
    assert _png(png)[2] <= 50  # a blank page is told from a drawn one


def test_readme_shows_a_report_png():
    text = (ROOT / "README.md").read_text()
    assert "docs/report.png" in text and (ROOT / "docs" / "report.png").exists()

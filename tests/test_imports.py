"""Import hygiene: 5g-info never loads Textual; importing fiveg never loads simpleaudio."""

from __future__ import annotations

import subprocess
import sys

from fiveg.vendors.registry import DIALECTS


def loaded_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_info_path_loads_no_textual_nor_simpleaudio():
    mods = loaded_after("import fiveg.cli.info")
    assert not any(m == "textual" or m.startswith("textual.") for m in mods)
    assert "simpleaudio" not in mods


def test_info_json_path_does_not_load_rich():
    mods = loaded_after("import fiveg.cli.info, fiveg.jsonout")
    assert "rich" not in mods


def test_package_import_is_light():
    mods = loaded_after("import fiveg")
    assert "simpleaudio" not in mods and "textual" not in mods and "serial" not in mods


def test_domain_code_imports_no_io_library():
    vendors = ", ".join(f"fiveg.vendors.{d.name}" for d in DIALECTS)
    mods = loaded_after(
        "import fiveg.records, fiveg.radio, fiveg.quality, fiveg.at.framer, "
        f"fiveg.vendors.detect, {vendors}"
    )
    assert not {"serial", "textual", "rich", "click"} & mods


def test_monitor_path_loads_simpleaudio_only_when_a_tone_backend_is_built():
    mods = loaded_after("import fiveg.cli.monitor, fiveg.tui.app, fiveg.audio, fiveg.beeper")
    assert "simpleaudio" not in mods
    assert "textual" in mods


def test_monitor_domain_is_pure():
    mods = loaded_after(
        "import fiveg.metrics, fiveg.cadence, fiveg.tracking, fiveg.poller, fiveg.tui.view"
    )
    assert not {"serial", "textual", "simpleaudio"} & mods


def test_lock_and_export_domain_code_is_pure():
    mods = loaded_after(
        "import fiveg.lock.change, fiveg.lock.writes, fiveg.lock.undo, fiveg.export.samples, "
        "fiveg.vendors.quectel_settings, fiveg.sim_settings"
    )
    assert not {"serial", "textual", "rich", "click", "prometheus_client"} & mods


def test_each_tool_loads_only_its_own_path():
    info = loaded_after("import fiveg.cli.info")
    assert not {m for m in info if m.startswith(("fiveg.lock", "fiveg.export", "prometheus"))}
    lock = loaded_after("import fiveg.cli.lock")
    assert not {m for m in lock if m.startswith(("textual", "prometheus", "fiveg.export"))}
    exporter = loaded_after("import fiveg.cli.exporter")
    assert not {m for m in exporter if m.startswith(("textual", "fiveg.lock", "simpleaudio"))}


def test_report_domain_code_is_pure_and_the_report_path_light():
    mods = loaded_after("import fiveg.report.plots, fiveg.report.recording")
    assert not {"serial", "textual", "rich", "click", "prometheus_client"} & mods
    report = loaded_after("import fiveg.cli.report, fiveg.report.page, fiveg.report.svg")
    assert not {m for m in report if m.startswith(("textual", "serial", "matplotlib"))}

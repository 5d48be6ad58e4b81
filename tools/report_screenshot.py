"""Write docs/report.png: the report of the bundled sweep with marks, as headless Chromium
draws it (README shows it).

    python tools/report_screenshot.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from fiveg.at.transcript import load  # noqa: E402
from fiveg.report.page import render  # noqa: E402
from fiveg.report.recording import read_session  # noqa: E402

SWEEP = ROOT / "fixtures" / "at_transcripts" / "rm520n_sweep_marks.at"
OUT = ROOT / "docs" / "report.png"


def main() -> None:
    browser = shutil.which("chromium") or sys.exit("needs chromium (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(render(read_session(load(SWEEP)), SWEEP.name))
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--user-data-dir={tmp}/profile",
                "--window-size=1000,2250",
                f"--screenshot={OUT}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    print(OUT)


if __name__ == "__main__":
    main()

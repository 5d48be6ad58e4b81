"""5g-report: an HTML report (and optionally a CSV) of an aiming session, from its recording."""

from __future__ import annotations

import csv
import os
import sys
from pathlib import Path

import click

from fiveg import __version__
from fiveg.cli.exitcodes import Exit


def _fail(text: str, code: Exit = Exit.USAGE) -> None:
    click.echo(f"5g-report: {text}", err=True)
    sys.exit(code)


def _write_new(path: Path, text: str, force: bool) -> None:
    """Write ``path``; an existing file (the user's) only with --force."""
    if path.exists() and not force:
        _fail(f"{path} exists; name a new file (-o/--csv), or add --force to overwrite it")
    if not path.parent.is_dir():
        _fail(f"the folder {path.parent} does not exist")
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)  # a half-written report never stands in the file's place


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("recording", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="The HTML file (default: the recording's name with .html).",
)
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Also write one row per reading to FILE.",
)
@click.option(
    "--metric",
    type=click.Choice(["nr-sinr", "lte-sinr", "nr-rsrp", "lte-rsrp"]),
    help="The metric the marks summarise (default: the recording's own).",
)
@click.option("--force", is_flag=True, help="Overwrite the output files if they exist.")
@click.version_option(__version__, prog_name="5g-report")
def report(recording, output, csv_path, metric, force) -> None:
    """Make a self-contained HTML report of RECORDING (a 5g-monitor or 5g-info --record
    file): the signal over time with the marks and cell changes, a polar plot when the
    marks are azimuths, the marks table with the best named, the Rx ports at the best
    mark, the session's facts. Exit codes: 0 written, 2 usage (a bad or empty
    recording, an output file that exists)."""
    from fiveg.at.errors import TranscriptError
    from fiveg.at.transcript import load
    from fiveg.metrics import Metric
    from fiveg.report.page import csv_rows, render
    from fiveg.report.recording import read_session

    source = Path(recording)
    out = Path(output) if output else source.with_suffix(".html")
    if out.resolve() == source.resolve() or (
        csv_path and Path(csv_path).resolve() == source.resolve()
    ):
        _fail("the output would overwrite the recording; name another file")
    try:
        session = read_session(load(source), Metric(metric) if metric else None)
    except TranscriptError as exc:
        _fail(str(exc))
    if not session.readings:
        _fail(f"{recording} holds no serving-cell reading to report on")
    _write_new(out, render(session, source.name), force)
    if csv_path:
        import io

        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(csv_rows(session))
        _write_new(Path(csv_path), buffer.getvalue(), force)
    click.echo(str(out))


def main() -> None:
    report(prog_name="5g-report")

"""5g-info: a one-shot dump of what the modem reports; a table for people, --json for scripts.

Imports no Textual, and rich only when it draws a table, to start fast.
"""

from __future__ import annotations

import sys

import click

from fiveg import __version__
from fiveg.allowlist import is_read_only
from fiveg.at.errors import FivegError
from fiveg.at.session import AtSession
from fiveg.cli.exitcodes import Exit, exit_code
from fiveg.cli.options import (
    check_recording,
    dialect_options,
    hints,
    only_with,
    open_recorder,
    port_options,
    record_options,
    timeout_option,
    warn_about,
)
from fiveg.poll import poll
from fiveg.sections import SECTIONS


def _fail(error: BaseException) -> None:
    click.echo(f"5g-info: {error}", err=True)
    sys.exit(exit_code(error))


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@port_options
@dialect_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON (schema in README) instead.")
@click.option(
    "-s",
    "--section",
    "sections",
    multiple=True,
    type=click.Choice(SECTIONS),
    help="Show only this section (repeatable).",
)
@click.option("--no-color", is_flag=True, help="Plain text without colours.")
@click.option(
    "--replay",
    type=click.Path(exists=True, dir_okay=False),
    help="Answer from this transcript instead of a port.",
)
@record_options("Record the AT conversation to this transcript file (a new file).")
@timeout_option
@click.option("--strict", is_flag=True, help="Exit 4 if any command fails, not only all.")
@click.option(
    "--jsonl",
    type=click.Path(dir_okay=False, allow_dash=True),
    metavar="FILE",
    help="Append the --json document as one line to FILE ('-': stdout), never overwriting it.",
)
@click.option(
    "--watch",
    type=click.FloatRange(0.5, 86400),
    metavar="SECONDS",
    help="With --jsonl: poll again every SECONDS until interrupted, a line per poll (a signal "
    "log; the port is held only while polling).",
)
@click.version_option(__version__, prog_name="5g-info")
def info(
    port,
    baud,
    share,
    dialect,
    as_json,
    sections,
    no_color,
    replay,
    record,
    force,
    timeout,
    strict,
    jsonl,
    watch,
) -> None:
    """Show the modem's device, network, serving cells, carrier aggregation,
    per-antenna readings, neighbours and temperatures.

    The dialect is detected from the modem's identity unless --dialect
    names it (--dialect list shows them). Sends only read-only commands
    from an explicit allowlist. Exit codes: 0 ok, 2 usage, 3 port cannot
    be opened or went away, 4 modem error or timeout.
    """
    only_with({"watch": "--watch"}, jsonl is not None, "--jsonl FILE")
    if watch is not None and record:
        raise click.BadParameter(
            "records one poll; leave it out with --watch", param_hint="--record"
        )
    if jsonl is not None:
        from fiveg.cli.signal_log import run_log

        sys.exit(
            run_log(
                jsonl,
                watch,
                lambda: _poll(port, baud, share, dialect, replay, timeout, sections),
                port=replay or port,
            )
        )
    check_recording(record, replay, force)
    source = replay or port
    recorder = None
    link = None
    try:
        link, known = _open(port, baud, share, replay)
        warn_about(link, "5g-info")
        if record:
            recorder = open_recorder(record, "5g-info", source, force=force)
        session = AtSession(link, recorder=recorder, allow=is_read_only, name=source)
        result = poll(session, dialect, timeout=timeout, sections=sections or None, **known)
        snapshot = result.snapshot
        if recorder:
            recorder.meta("dialect", snapshot.dialect or "")
            if snapshot.device.model:
                recorder.comment(f"model {snapshot.device.model} {snapshot.device.revision or ''}")
    except FivegError as exc:
        _fail(exc)
    except OSError as exc:
        _fail(FivegError(f"{source}: {exc}"))
    finally:
        if recorder:
            recorder.close()
        if link is not None:
            link.close()

    failed = len(snapshot.errors)
    if failed == result.asked:
        if as_json:  # a script still gets the document, its errors saying what failed
            from fiveg.jsonout import dumps

            click.echo(dumps(snapshot))
        click.echo(
            f"5g-info: the modem on {source} answered no command "
            f"({snapshot.errors[0].command}: {snapshot.errors[0].error})",
            err=True,
        )
        sys.exit(Exit.MODEM)

    if as_json:
        from fiveg.jsonout import dumps

        click.echo(dumps(snapshot))
    else:
        from rich.console import Console

        from fiveg.render import render

        plain = no_color or not sys.stdout.isatty()
        console = Console(
            no_color=plain,
            highlight=False,
            soft_wrap=False,
            width=None if sys.stdout.isatty() else 160,
        )
        render(snapshot, console, sections or SECTIONS, chosen_by=result.chosen_by)
    if snapshot.errors:
        listed = ", ".join(f"{e.command} ({e.error})" for e in snapshot.errors)
        click.echo(
            f"5g-info: warning: {failed} of {result.asked} commands failed: {listed}",
            err=True,
        )
    if failed and strict:
        sys.exit(Exit.MODEM)


def _open(port, baud, share, replay):
    """The link 5g-info asks (a port, or a transcript answering as one) and what it knows of
    the modem (a local port's USB vendor, a recording's dialect)."""
    if replay:
        from fiveg.at.replay import ReplayPort
        from fiveg.at.transcript import load

        transcript = load(replay)
        return ReplayPort(transcript, name=replay), hints(None, transcript)
    from fiveg.ports.transport import open_port

    return open_port(port, baud, share=share), hints(port)


def _poll(port, baud, share, dialect, replay, timeout, sections):
    """One poll for the signal log: open, ask, close (a replay is loaded each time)."""
    link, known = _open(port, baud, share, replay)
    try:
        session = AtSession(link, allow=is_read_only, name=replay or port)
        return poll(session, dialect, timeout=timeout, sections=sections or None, **known)
    finally:
        link.close()


def main() -> None:
    info(prog_name="5g-info")

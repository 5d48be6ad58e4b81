"""Options every command that talks to a modem shares, declared once."""

from __future__ import annotations

import click

DEFAULT_PORT = "/dev/ttyUSB2"  # the usual AT port of a Quectel RM5xx on USB (GL-X3000 too)
DEFAULT_BAUD = 115200


def port_options(command):
    """``-p/--port`` (also $FIVEG_PORT), ``--baud`` and ``--share``."""
    command = click.option(
        "--share",
        is_flag=True,
        help="Use a local port even while another program has it open (the two will take "
        "each other's replies); without it such a port is refused, naming the program.",
    )(command)
    command = click.option(
        "--baud",
        default=DEFAULT_BAUD,
        show_default=True,
        type=click.IntRange(50, 4_000_000),
        help="Baud rate for local ports.",
    )(command)
    return click.option(
        "-p",
        "--port",
        envvar="FIVEG_PORT",
        default=DEFAULT_PORT,
        show_default=True,
        help="AT port: a device path or a pyserial URL (socket://host:port, rfc2217://...). "
        "Also read from FIVEG_PORT.",
    )(command)


def timeout_option(command):
    """``--timeout SECONDS``: how long each command may take to its final result code."""
    return click.option(
        "--timeout",
        default=3.0,
        show_default=True,
        type=click.FloatRange(0.05, 120),
        help="Seconds to wait for each command's final result code.",
    )(command)


def only_with(names: dict[str, str], partner_given: bool, partner: str) -> None:
    """Refuse options given on the command line without the one they go with.

    ``names`` maps parameter names to their flags; defaults never count as given.
    """
    ctx = click.get_current_context()
    for name, flag in names.items():
        given = ctx.get_parameter_source(name) is not click.core.ParameterSource.DEFAULT
        if given and not partner_given:
            raise click.BadParameter(f"only goes with {partner}", param_hint=flag)


def record_options(help_text: str):
    """``--record FILE`` and ``--force`` (to overwrite an existing recording)."""

    def decorate(command):
        command = click.option(
            "--force", is_flag=True, help="With --record: overwrite the file if it exists."
        )(command)
        return click.option(
            "--record", type=click.Path(dir_okay=False), metavar="FILE", help=help_text
        )(command)

    return decorate


def check_recording(record: str | None, replay: str | None, force: bool) -> None:
    """Refuse, before anything is opened, a recording that would destroy the user's work.

    A recording is never the transcript being replayed, never an existing
    file unless --force, and never in a folder that is not there; the file
    itself is made only once the port is open (``open_recorder``).
    """
    import os

    if force and not record:
        raise click.BadParameter("needs --record FILE", param_hint="--force")
    if not record:
        return
    if replay and os.path.exists(record) and os.path.samefile(record, replay):
        raise click.BadParameter(
            f"{record} is the transcript being replayed; record to another file",
            param_hint="--record",
        )
    if os.path.exists(record) and not force:
        raise click.BadParameter(
            f"{record} exists; name a new file, or add --force to overwrite it",
            param_hint="--record",
        )
    folder = os.path.dirname(os.path.abspath(record))
    if not os.path.isdir(folder):
        raise click.BadParameter(f"the folder {folder} does not exist", param_hint="--record")


def open_recorder(path: str, tool: str, source: str, *, force: bool = False):
    """A transcript recorder whose header says which tool recorded what, and when."""
    from datetime import UTC, datetime

    from fiveg import __version__
    from fiveg.at.transcript import Recorder
    from fiveg.cli.exitcodes import UsageProblem

    meta = {
        "tool": f"{tool} {__version__}",
        "port": source,
        "recorded": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    try:
        return Recorder.to_path(path, meta, overwrite=force)
    except FileExistsError:
        raise UsageProblem(f"{path} exists; name a new file, or add --force") from None
    except OSError as exc:
        raise UsageProblem(f"cannot write the recording {path}: {exc.strerror}") from None


def _dialect(ctx: click.Context, _param, value: str):
    """The chosen Dialect, None for auto; ``list`` prints the supported modems and exits."""
    from fiveg.vendors.registry import DIALECTS, by_name

    if value != "list":
        return None if value == "auto" else by_name(value)
    if not ctx.resilient_parsing:
        for d in DIALECTS:
            click.echo(f"{d.name:<8} {d.label}: {d.models}")
            click.echo(f"{'':<8} reports: {d.reports}")
        ctx.exit()
    return None


def dialect_options(command):
    """``--dialect NAME|auto|list``."""
    from fiveg.vendors.registry import NAMES

    return click.option(
        "--dialect",
        type=click.Choice(["auto", "list", *NAMES]),
        default="auto",
        show_default=True,
        is_eager=True,
        callback=_dialect,
        help="The modem's AT dialect. auto reads ATI (then +CGMI/+CGMM), the USB vendor id of "
        "a local port, or the dialect a transcript was recorded with; list shows the "
        "supported modems and what each dialect reports.",
    )(command)


def hints(port: str | None, transcript=None) -> dict:
    """What the connection knows of the modem: a local port's USB vendor, a recording's dialect."""
    if transcript is not None:
        return {"recorded": transcript.meta.get("dialect")}
    from fiveg.ports.usbid import usb_vendor

    return {"usb_vendor": usb_vendor(port) if port else None}


def warn_about(link, tool: str) -> None:
    """What the user should know of an opened port (no UUCP lock could be taken)."""
    warning = getattr(link, "lock_warning", None)
    if warning:
        click.echo(f"{tool}: warning: {warning}; the port is not locked against others", err=True)

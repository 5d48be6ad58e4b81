"""Options every command that talks to a modem shares, declared once."""

from __future__ import annotations

import click

DEFAULT_PORT = "/dev/ttyUSB2"  # the usual AT port of a Quectel RM5xx on USB (GL-X3000 too)
DEFAULT_BAUD = 115200


def port_options(command):
    """``-p/--port`` (also $FIVEG_PORT) and ``--baud``."""
    command = click.option(
        "--baud", default=DEFAULT_BAUD, show_default=True, help="Baud rate for local ports."
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


def open_recorder(path: str, tool: str, source: str):
    """A transcript recorder whose header says which tool recorded what, and when."""
    from datetime import UTC, datetime

    from fiveg import __version__
    from fiveg.at.transcript import Recorder

    meta = {
        "tool": f"{tool} {__version__}",
        "port": source,
        "recorded": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    return Recorder.to_path(path, meta)

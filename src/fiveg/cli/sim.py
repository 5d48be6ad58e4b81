"""5g-sim: serve a transcript as a modem, on a pty or a loopback TCP port."""

from __future__ import annotations

import signal
import sys
import threading

import click

from fiveg.at.errors import TranscriptError
from fiveg.at.replay import Responder, Timeline
from fiveg.at.transcript import load
from fiveg.cli.options import only_with
from fiveg.faults import Fault
from fiveg.sim import SLOW_DEFAULT, PtySimulator, TcpSimulator
from fiveg.sim_settings import SettingsResponder, speaks_quectel


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("transcript", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--tcp",
    "tcp_port",
    type=click.IntRange(0, 65535),
    default=None,
    help="Listen on this TCP port (0 picks a free one) instead of a pty.",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on with --tcp (loopback unless you ask).",
)
@click.option(
    "--latency",
    default=0.0,
    show_default=True,
    type=click.FloatRange(0, 60_000),
    help="Milliseconds the simulated modem takes before each reply.",
)
@click.option(
    "--paced",
    is_flag=True,
    help="Answer as the modem did at the same moment of the recording (time runs from "
    "start-up), instead of each command's replies in turn.",
)
@click.option(
    "--speed",
    default=1.0,
    show_default=True,
    type=click.FloatRange(0.01, 1000),
    help="With --paced: play the recording this many times faster.",
)
@click.option("--loop", is_flag=True, help="With --paced: start again at the end.")
@click.option(
    "--fault",
    type=click.Choice([f.value for f in Fault]),
    default=None,
    help="Misbehave on every command, as a messy modem or link does (see README).",
)
@click.option(
    "--slow",
    "slow_seconds",
    type=click.FloatRange(0.01, 600),
    default=SLOW_DEFAULT,
    show_default=True,
    help="With --fault slow: seconds each reply comes late (set it above the client's --timeout).",
)
@click.option(
    "--ignore-writes",
    is_flag=True,
    help="Answer OK to band and cell-lock writes but keep the settings (a modem that does "
    "not take them).",
)
def sim(
    transcript, tcp_port, host, latency, paced, speed, loop, fault, slow_seconds, ignore_writes
) -> None:
    """Serve TRANSCRIPT as a modem. Prints the device path (pty) or socket:// URL,
    then answers each command with its recorded reply until interrupted. A
    Quectel transcript's modem also keeps band preferences and cell locks
    (AT+QNWPREFCFG, AT+QNWLOCK), starting from what the transcript read.
    Exit codes: 0 stopped, 2 usage (a bad transcript or option), 3 cannot listen."""
    only_with({"speed": "--speed", "loop": "--loop"}, paced, "--paced")
    only_with({"slow_seconds": "--slow"}, fault == Fault.SLOW.value, "--fault slow")
    try:
        recorded = load(transcript)
        if speaks_quectel(recorded):
            responder = SettingsResponder(recorded)
            responder.model.ignore_writes = ignore_writes
        else:
            only_with({"ignore_writes": "--ignore-writes"}, False, "a Quectel transcript")
            responder = Responder(recorded)
    except TranscriptError as exc:
        click.echo(f"5g-sim: {exc}", err=True)
        sys.exit(2)
    if tcp_port is None:
        server = PtySimulator(responder, latency / 1000)
    else:
        server = TcpSimulator(responder, latency / 1000, host=host, port=tcp_port)
    server.fault = Fault(fault) if fault else None
    server.slow = slow_seconds
    if paced:
        server.timeline = Timeline(recorded, speed, loop=loop, hold=True)
    try:
        server.start()
    except OSError as exc:
        where = "a pty" if tcp_port is None else f"{host} port {tcp_port}"
        click.echo(f"5g-sim: cannot listen on {where}: {exc.strerror or exc}", err=True)
        sys.exit(3)
    click.echo(server.path if tcp_port is None else server.url)
    sys.stdout.flush()
    done = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: done.set())
    done.wait()
    server.stop()


def main() -> None:
    sim(prog_name="5g-sim")

"""5g-monitor: a live screen that beeps faster as the signal improves, for aiming antennas."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading

import click

from fiveg import __version__
from fiveg.allowlist import is_read_only
from fiveg.at.errors import FivegError
from fiveg.at.session import AtSession
from fiveg.audio import BACKENDS, AudioUnavailable
from fiveg.cadence import DEFAULT_RANGES, Cadence
from fiveg.cli.exitcodes import Exit, exit_code
from fiveg.cli.options import (
    check_recording,
    dialect_options,
    hints,
    only_with,
    open_recorder,
    port_options,
    record_options,
    warn_about,
)
from fiveg.metrics import CYCLE, Metric
from fiveg.tracking import Mark, mark_note, note_label

SHUTDOWN_GRACE = 3.0  # seconds a signalled monitor may take to restore the terminal


def _fail(error: BaseException) -> None:
    click.echo(f"5g-monitor: {error}", err=True)
    sys.exit(exit_code(error))


def mark_lines(marks: list[Mark], best: Mark | None) -> list[str]:
    """The marks as plain lines, for the terminal after exit and for the transcript."""
    lines = []
    for m in marks:
        lines.append(
            f"{'*' if m is best else ' '} {m.label}: median {m.median:g} {m.metric.unit} "
            f"(min {m.low:g}, max {m.high:g}, spread {m.spread:.1f}, {m.samples} readings) "
            f"{m.metric.label} on {m.cell or 'unknown cell'} "
            f"at {m.time.isoformat(timespec='seconds')}"
        )
    return lines


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@port_options
@dialect_options
@click.option(
    "--replay",
    type=click.Path(exists=True, dir_okay=False),
    help="Play this transcript at its recorded pace instead of a port.",
)
@click.option(
    "--speed",
    default=1.0,
    show_default=True,
    type=click.FloatRange(0.1, 100),
    help="Replay this many times faster than recorded.",
)
@click.option("--loop", is_flag=True, help="Start the replay again when it ends.")
@record_options("Record the AT conversation and each mark, as it is made, to this new file.")
@click.option(
    "-i",
    "--interval",
    default=0.5,
    show_default=True,
    type=click.FloatRange(0.1, 5.0),
    help="Seconds between fast polls (serving cell and Rx ports).",
)
@click.option(
    "--slow-every",
    default=5.0,
    show_default=True,
    type=click.FloatRange(1.0, 300.0),
    help="Seconds between slow sweeps (operator, CA, neighbours, temperatures).",
)
@click.option(
    "--metric",
    type=click.Choice([m.value for m in CYCLE]),
    default=Metric.NR_SINR.value,
    show_default=True,
    help="The metric to follow by ear (NR falls back to LTE when there is no NR leg).",
)
@click.option(
    "--floor",
    type=float,
    default=DEFAULT_RANGES["sinr"][0],
    show_default=True,
    help="SINR (dB) below which the monitor is silent.",
)
@click.option(
    "--ceiling",
    type=float,
    default=DEFAULT_RANGES["sinr"][1],
    show_default=True,
    help="SINR (dB) at which the beeps are nearly continuous.",
)
@click.option(
    "--pitch/--no-pitch",
    default=True,
    show_default=True,
    help="Raise the pitch with the signal too, not only the pace.",
)
@click.option(
    "--mark-window",
    default=5.0,
    show_default=True,
    type=click.FloatRange(1.0, 120.0),
    help="Seconds of readings a mark summarises (hold the antenna still this long, then mark).",
)
@click.option(
    "--audio",
    type=click.Choice(BACKENDS),
    default="auto",
    show_default=True,
    help="tone: sine beeps (needs the 'audio' extra and a sound device); bell: the terminal "
    "bell, which reaches you over SSH; auto: tone if it works, else bell.",
)
@click.option(
    "--cue",
    type=click.Choice(["none", "trend"]),
    default="none",
    show_default=True,
    help="trend: a short cue when the trend turns rising (a quick step up) or falling "
    "(down), beside the cadence.",
)
@click.option(
    "--timeout",
    default=2.0,
    show_default=True,
    type=click.FloatRange(0.05, 60),
    help="Seconds to wait for each command's final result code.",
)
@click.version_option(__version__, prog_name="5g-monitor")
def monitor(
    port,
    baud,
    share,
    dialect,
    replay,
    speed,
    loop,
    record,
    force,
    interval,
    slow_every,
    metric,
    floor,
    ceiling,
    pitch,
    mark_window,
    audio,
    cue,
    timeout,
) -> None:
    """Watch the modem live and hear the signal: beeps come faster as it rises.

    Keys: s sound, m mark position, r reset peak, f next metric, p pause,
    +/- poll faster/slower, ? help, q quit. The dialect is detected unless
    --dialect names it. Sends only read-only commands from an explicit
    allowlist. Exit codes: 0 ok, 2 usage (also --audio
    tone when it cannot play), 3 port cannot be opened.
    """
    if ceiling <= floor:
        raise click.BadParameter("must be above --floor", param_hint="--ceiling")
    only_with({"speed": "--speed", "loop": "--loop"}, bool(replay), "--replay FILE")
    check_recording(record, replay, force)
    from fiveg import audio as audio_mod
    from fiveg.beeper import Beeper
    from fiveg.cadence import BeepScheduler
    from fiveg.poller import Poller
    from fiveg.tui.app import MonitorApp

    source = replay or port
    recorder = None
    links: list = []  # the replay's ports, to read its transcript time
    replayed_marks: list[tuple[float, str]] = []
    try:
        if replay:
            from fiveg.at.replay import PacedReplayPort
            from fiveg.at.transcript import load

            transcript = load(replay)

            def open_link():
                links.append(PacedReplayPort(transcript, speed=speed, loop=loop, name=replay))
                return links[-1]

            # the recording's marks, made again when the replay reaches them
            replayed_marks = [
                (r.t, label)
                for r in transcript.records
                if r.kind == "!" and (label := note_label(r.note)) is not None
            ]

            known = hints(None, transcript)
        else:
            from fiveg.ports.transport import open_port

            def open_link():
                return open_port(port, baud, share=share)

            known = hints(port)

        first = [open_link()]  # a wrong port fails here, before the screen takes over
        warn_about(first[0], "5g-monitor")
        if record:
            recorder = open_recorder(record, "5g-monitor", source, force=force)
            # what 5g-report needs to read the marks as they were made
            recorder.meta("metric", metric)
            recorder.meta("mark-window", f"{mark_window:g}")
    except FivegError as exc:
        _fail(exc)
    except OSError as exc:
        _fail(FivegError(f"{source}: {exc}"))

    def connect() -> AtSession:
        link = first.pop() if first else open_link()
        return AtSession(link, recorder=recorder, allow=is_read_only, name=source)

    app_ref: list[MonitorApp] = []
    try:
        backend, audio_why = audio_mod.choose(audio, ring=lambda: app_ref[0].bell())
    except AudioUnavailable as exc:
        click.echo(f"5g-monitor: --audio tone: {exc}; try --audio bell", err=True)
        sys.exit(Exit.USAGE)
    ranges = dict(DEFAULT_RANGES, sinr=(floor, ceiling))
    beeper = Beeper(backend, BeepScheduler(Cadence(ranges=ranges, rising_pitch=pitch)))
    poller = Poller(connect, dialect=dialect, slow_every=slow_every, timeout=timeout, **known)
    app = MonitorApp(
        poller,
        beeper,
        interval=interval,
        metric=Metric(metric),
        mark_seconds=mark_window,
        audio_label={"tone": "tones"}.get(backend.name, backend.name),
        audio_note=f"sound: {audio_why}",
        source_label=f"replay x{speed:g}" if replay else source,
        # each mark reaches the recording when it is made: a closed terminal loses none
        on_mark=(lambda mark: recorder.note(mark_note(mark), flush=True)) if recorder else None,
        replayed_marks=replayed_marks,
        replay_time=(lambda: links[-1].transcript_time()) if replay else None,
        trend_cue=cue == "trend",
    )
    app_ref.append(app)

    def quit_on_signal(signum, _frame) -> None:
        """A closed ssh session (SIGHUP) or a kill (SIGTERM) quits as "q" does.

        With the terminal gone, restoring it can hang: if the app has not ended
        in a few seconds the process ends anyway (the marks are in the recording
        already), and a second signal ends it at once.
        """
        signal.signal(signum, signal.SIG_DFL)
        app.exit()

        def hard_exit() -> None:
            if recorder:
                recorder.flush()
            os._exit(0)

        watchdog = threading.Timer(SHUTDOWN_GRACE, hard_exit)
        watchdog.daemon = True
        watchdog.start()

    for sig in (signal.SIGHUP, signal.SIGTERM):
        signal.signal(sig, quit_on_signal)
    beeper.start()
    try:
        app.run()
    finally:
        beeper.stop()
        poller.close()
        marks = mark_lines(app.tracker.marks, app.tracker.best_mark())
        if recorder:
            if poller.dialect is not None:
                recorder.meta("dialect", poller.dialect.name)
            recorder.close()
    if marks:
        with contextlib.suppress(OSError):  # the terminal may be gone (SIGHUP)
            click.echo("Marked positions (* = best):")
            for line in marks:
                click.echo(line)


def main() -> None:
    monitor(prog_name="5g-monitor")

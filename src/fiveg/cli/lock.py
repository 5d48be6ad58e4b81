"""5g-lock: show and change a Quectel RM5xx/RG5xx's band preferences and cell locks.

The one fiveg tool that writes. Every change reads the settings first,
prints the exact commands with the settings before and after, asks on the
terminal (``--yes`` skips; no terminal and no ``--yes``: refused, nothing
sent), sends only forms on the write allowlist, then reads back and checks.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable

import click

from fiveg import __version__
from fiveg.allowlist import is_read_only
from fiveg.at.errors import AtError, FivegError
from fiveg.cli.exitcodes import Exit, exit_code
from fiveg.cli.options import (
    check_recording,
    dialect_options,
    hints,
    open_recorder,
    port_options,
    record_options,
    timeout_option,
    warn_about,
)
from fiveg.lock import change
from fiveg.lock.change import LockRefused
from fiveg.lock.modem import Reading, read, write
from fiveg.lock.writes import is_lock_write
from fiveg.records import BandSettings
from fiveg.vendors import quectel_settings as q

SUPPORTED_DIALECT = "quectel"


class _ModemSilent(AtError):
    """The modem did not give what a change needs (exit 4)."""


def _fail(error: BaseException) -> None:
    click.echo(f"5g-lock: {error}", err=True)
    sys.exit(exit_code(error))


def _say(text: str = "") -> None:
    click.echo(text)


def modem_options(command):
    command = record_options(
        "Record the AT conversation to this new file (5g-lock undo reads it)."
    )(command)
    return port_options(dialect_options(timeout_option(command)))


def write_options(command):
    command = click.option(
        "--dry-run", is_flag=True, help="Read and print what would be sent; write nothing."
    )(command)
    return click.option(
        "-y", "--yes", is_flag=True, help="Send without asking (for scripts: no terminal needed)."
    )(command)


MODEM_OPTIONS = ("port", "baud", "share", "dialect", "timeout", "record", "force")


def _opts() -> dict:
    """The modem options of the running subcommand, as _Link takes them."""
    params = click.get_current_context().params
    return {name: params[name] for name in MODEM_OPTIONS}


class _Link:
    """An open port, a session and the modem's identity, for one 5g-lock run."""

    def __init__(self, port, baud, share, dialect, timeout, record, force, *, writes: bool):
        self.port, self.timeout = port, timeout
        self.recorder = None
        self.link = None
        from fiveg.at.session import AtSession
        from fiveg.ports.transport import open_port

        if dialect is not None and dialect.name != SUPPORTED_DIALECT:
            raise LockRefused(_unsupported(dialect.name, "--dialect"))
        check_recording(record, None, force)
        self.link = open_port(port, baud, share=share)
        try:
            warn_about(self.link, "5g-lock")
            if record:
                self.recorder = open_recorder(record, "5g-lock", port, force=force)
            allow = (lambda c: is_read_only(c) or is_lock_write(c)) if writes else is_read_only
            self.session = AtSession(self.link, recorder=self.recorder, allow=allow, name=port)
            self.model = self._identify(dialect)
            if self.recorder:
                self.recorder.meta("dialect", SUPPORTED_DIALECT)
                self.recorder.flush()
        except BaseException:
            self.close()  # refused (a modem 5g-lock does not write): the port and lock let go
            raise

    def _identify(self, dialect) -> str | None:
        from fiveg.at.errors import AtTimeout, CommandRejected
        from fiveg.poll import identify
        from fiveg.vendors import generic, quectel

        answers: dict[str, list[str]] = {}

        def ask(command: str) -> None:
            with contextlib.suppress(CommandRejected, AtTimeout):
                answers[command] = list(self.session.command(command, timeout=self.timeout).lines)

        chosen, chosen_by = identify(
            ask, answers, dialect=dialect, identity=("ATI",), **hints(self.port)
        )
        if chosen.name != SUPPORTED_DIALECT:
            raise LockRefused(_unsupported(chosen.name, chosen_by))
        model = generic.identity(answers).model
        if model and not quectel.FIVE_G_MODULE.match(model):
            raise LockRefused(
                f"the {model} is a Quectel LTE module, whose bands are set another way "
                '(AT+QCFG="band"); 5g-lock writes the RM5xx/RG5xx forms only'
            )
        return model

    def close(self) -> None:
        if self.recorder:
            self.recorder.close()
        if self.link is not None:
            self.link.close()


def _unsupported(name: str, chosen_by: str) -> str:
    return (
        f"5g-lock supports Quectel RM5xx/RG5xx modules only (AT+QNWPREFCFG, AT+QNWLOCK); "
        f"this modem speaks the {name} dialect ({chosen_by}), whose band settings it "
        "does not write"
    )


@contextlib.contextmanager
def _connected(opts: dict, *, writes: bool):
    link = None
    try:
        link = _Link(**opts, writes=writes)
        yield link
    except FivegError as exc:
        _fail(exc)
    except OSError as exc:
        _fail(FivegError(f"{opts['port']}: {exc}"))
    finally:
        if link is not None:
            link.close()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="5g-lock")
def lock() -> None:
    """Show and change the band preferences and cell locks of a Quectel RM5xx/RG5xx.

    Every change reads the settings first, prints the exact AT commands with
    the settings before and after, asks for a yes on the terminal (--yes to
    skip, --dry-run to send nothing), then reads back and checks. Exit codes:
    0 done (or nothing to do, or declined), 2 usage (a malformed or unsupported
    value, no terminal to confirm on, a modem 5g-lock does not write), 3 port,
    4 the modem refused, did not answer or did not take the change.
    """


# ---------------------------------------------------------------- show


def _settings_rows(current: BandSettings, supported: BandSettings | None) -> list[str]:
    rows = []
    for field in change.FIELDS:
        rows.append(f"  {change.LABELS[field]:<14} {change.show(field, getattr(current, field))}")
    if supported is not None:
        rows.append("  carrier policy (the bands the modem may use):")
        for field in change.BAND_FIELDS:
            rows.append(
                f"    {change.LABELS[field]:<12} {change.show(field, getattr(supported, field))}"
            )
    return rows


def _json(reading: Reading, model: str | None) -> str:
    from fiveg.jsonout import SCHEMA_VERSION, bands_dict

    supported = reading.supported
    doc = {
        "schema": SCHEMA_VERSION,
        "dialect": SUPPORTED_DIALECT,
        "model": model,
        "bands": bands_dict(reading.current),
        "supported": None
        if supported is None
        else {
            f: None if getattr(supported, f) is None else list(getattr(supported, f))
            for f in change.BAND_FIELDS
        },
        "locks_saved": None
        if reading.saved is None
        else {"lte": reading.saved[0], "nr": reading.saved[1]},
        "errors": [{"command": e.command, "error": e.error} for e in reading.failures],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False)


@lock.command()
@modem_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON (schema in README) instead.")
def show(as_json, **modem) -> None:
    """Print the band preferences, cell locks and the carrier policy's bands.

    Sends only read-only commands."""
    port = modem["port"]
    with _connected(_opts(), writes=False) as link:
        reading = read(link.session, modem["timeout"])
    if as_json:
        _say(_json(reading, link.model))
    else:
        _say(f"{link.model or 'Quectel modem'} on {port}")
        for row in _settings_rows(reading.current, reading.supported):
            _say(row)
    for e in reading.failures:
        click.echo(f"5g-lock: warning: {e.command} failed: {e.error}", err=True)
    if len(reading.failures) == len(change.FIELDS) + 2:
        sys.exit(Exit.MODEM)


# ---------------------------------------------------------------- changes


def _preview(current: BandSettings, target: BandSettings, commands: list[str]) -> None:
    """Each setting now and, where it changes, after: long band lists stay whole."""
    final = change.after(current, target)
    todo = set(change.changed(current, target))
    for field in change.FIELDS:
        now = change.show(field, getattr(current, field))
        if field in todo:
            _say(f"  {change.LABELS[field]:<14} now   {now}")
            _say(f"  {'':<14} after {change.show(field, getattr(final, field))}")
        else:
            _say(f"  {change.LABELS[field]:<14} {now}  (unchanged)")
    _say()
    _say("Commands to send:")
    for command in commands:
        _say(f"  {command}")
    _say()


def _apply(
    opts: dict,
    yes: bool,
    dry_run: bool,
    target_of: Callable[[Reading], BandSettings],
    what: str,
) -> None:
    """Read, check, preview, confirm, write, read back: every 5g-lock change."""
    if not (yes or dry_run or sys.stdin.isatty()):
        _fail(
            LockRefused(
                "there is no terminal to confirm on: add --yes to send without asking, or "
                "--dry-run to see what would be sent; nothing was sent"
            )
        )
    with _connected(opts, writes=True) as link:
        reading = read(link.session, opts["timeout"])
        # the settings themselves; the policy and save_ctrl only inform the checks and notes
        unread = [f for f in reading.failures if f.command in q.READS]
        if unread:
            listed = ", ".join(f"{e.command} ({e.error})" for e in unread)
            click.echo(
                f"5g-lock: the modem did not answer {listed}; 5g-lock changes nothing it "
                "cannot read first and read back",
                err=True,
            )
            sys.exit(Exit.MODEM)
        current = reading.current
        target = target_of(reading)
        for warning in change.check(current, target, reading.supported):
            click.echo(f"5g-lock: warning: {warning}", err=True)
        todo = change.changed(current, target)
        _say(f"{what} on {link.model or 'the modem'} ({opts['port']})")
        if not todo:
            _say("Nothing to change: the modem already has these settings. Nothing was sent.")
            return
        commands = change.commands(current, target)
        _preview(current, target, commands)
        for note in change.persistence(reading.saved, todo):
            _say(note)
        _say("To put it back: 5g-lock set " + " ".join(change.restore_words(current, todo)))
        if dry_run:
            _say("Dry run: the settings were read; nothing was written.")
            return
        if not yes and not _confirm(len(commands)):
            _say("Nothing was written.")
            return
        if link.recorder:
            link.recorder.comment(f"5g-lock: sending {len(commands)} command(s) after this point")
        refused = write(link.session, commands, opts["timeout"])
        back = read(link.session, opts["timeout"])
    expected = change.after(current, target)
    wrong = change.differences(expected, back.current, todo)
    if refused is not None:
        click.echo(
            f"5g-lock: the modem refused {refused.command} ({refused.error}); the commands "
            "after it were not sent",
            err=True,
        )
    if wrong:
        click.echo("5g-lock: the modem did not take every change:", err=True)
        for line in wrong:
            click.echo(f"  {line}", err=True)
    if refused is not None or wrong:
        if opts["record"]:
            click.echo(
                f"5g-lock: to restore what was there: 5g-lock undo {opts['record']}", err=True
            )
        sys.exit(Exit.MODEM)
    _say(f"Done: sent {len(commands)} command(s); the modem reads back every change.")
    if opts["record"]:
        _say(f"To undo: 5g-lock undo {opts['record']}")


def _confirm(count: int) -> bool:
    try:
        return click.confirm(
            f"Send {'this command' if count == 1 else f'these {count} commands'}?", default=False
        )
    except click.Abort:
        return False


@lock.command(name="set")
@modem_options
@write_options
@click.option("--mode", help="Network modes: AUTO, or a colon-joined list of WCDMA, LTE, NR5G.")
@click.option("--lte-bands", metavar="B:B:..", help="LTE bands to search, e.g. 1:3:7.")
@click.option("--nsa-bands", metavar="N:N:..", help="NR bands for NSA (EN-DC), e.g. 78.")
@click.option("--sa-bands", metavar="N:N:..", help="NR bands for SA, e.g. 78.")
@click.option(
    "--lte-cell",
    "lte_cells",
    multiple=True,
    metavar="EARFCN:PCI",
    help="Lock LTE to this cell (repeatable, up to 10); 'none' unlocks.",
)
@click.option(
    "--nr-cell",
    metavar="PCI:ARFCN:SCS:BAND",
    help="Lock NR SA to this cell (SCS in kHz: 15 FDD, 30 TDD); 'none' unlocks.",
)
def set_(
    yes,
    dry_run,
    mode,
    lte_bands,
    nsa_bands,
    sa_bands,
    lte_cells,
    nr_cell,
    **_modem,
) -> None:
    """Change band preferences and cell locks; what is not named is left as it is."""
    opts = _opts()
    try:
        target = BandSettings(
            mode=None if mode is None else change.parse_mode(mode),
            lte=None if lte_bands is None else change.parse_bands(lte_bands, "--lte-bands"),
            nsa_nr5g=None if nsa_bands is None else change.parse_bands(nsa_bands, "--nsa-bands"),
            nr5g=None if sa_bands is None else change.parse_bands(sa_bands, "--sa-bands"),
            lte_locks=change.parse_lte_cells(lte_cells),
            nr_locks=change.parse_nr_cell(nr_cell),
        )
    except LockRefused as exc:
        _fail(exc)
    if all(getattr(target, f) is None for f in change.FIELDS):
        _fail(LockRefused("name something to set (see 5g-lock set --help)"))
    _apply(opts, yes, dry_run, lambda _reading: target, "5g-lock set")


@lock.command()
@modem_options
@write_options
def reset(yes, dry_run, **_modem) -> None:
    """Every band of the carrier policy, no cell locks, mode AUTO."""
    opts = _opts()

    def target_of(reading: Reading) -> BandSettings:
        s = reading.supported
        if s is None or None in (s.lte, s.nsa_nr5g, s.nr5g):
            raise _ModemSilent(
                'the modem did not list its bands (AT+QNWPREFCFG="policy_band"), which a reset '
                "needs; nothing was sent"
            )
        return BandSettings(
            mode="AUTO", lte=s.lte, nsa_nr5g=s.nsa_nr5g, nr5g=s.nr5g, lte_locks=(), nr_locks=()
        )

    _apply(opts, yes, dry_run, target_of, "5g-lock reset")


@lock.command()
@modem_options
@write_options
@click.argument("recording", type=click.Path(exists=True, dir_okay=False))
def undo(yes, dry_run, recording, **_modem) -> None:
    """Put back the settings RECORDING (a 5g-lock --record file) read before it wrote."""
    from fiveg.at.errors import TranscriptError
    from fiveg.at.transcript import load
    from fiveg.lock.undo import recorded_settings

    opts = _opts()
    try:
        before, _wrote = recorded_settings(load(recording))
    except TranscriptError as exc:
        _fail(exc)
    if before is None:
        _fail(LockRefused(f"{recording} holds no band settings read from a modem"))
    _apply(opts, yes, dry_run, lambda _reading: before, f"5g-lock undo {recording}")


def main() -> None:
    lock(prog_name="5g-lock")

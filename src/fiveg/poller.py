"""The monitor's polling: a fast loop for the followed metric, a slow one for the rest.

The person aiming needs the serving-cell values as often as the modem
refreshes them, and can wait seconds for neighbours, carriers and
temperatures. So each poll asks the fast commands (chained into one round
trip when the modem accepts the chain) and then at most one slow command,
working through the slow list every ``slow_every`` seconds. A poll takes
as long as the modem needs and the caller re-arms only after it returns:
a slow modem lowers the rate and never builds a queue.

No Textual and no pyserial here: the session comes from an injected
``connect``, so a replay and a live modem take the same path.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from fiveg.at.errors import AtTimeout, CommandRejected, FivegError, PortError, TranscriptError
from fiveg.at.replay import ReplayEnded
from fiveg.at.session import AtSession
from fiveg.poll import failure, identify
from fiveg.records import CommandFailure, Snapshot, record
from fiveg.vendors import generic
from fiveg.vendors.dialect import Dialect

DEMOTE_AFTER = 3  # polls running a fast command is refused before it goes to the slow loop


def chain(commands: Sequence[str]) -> str:
    """``AT+A`` and ``AT+B`` as the single command ``AT+A;+B``."""
    return commands[0] + "".join(";" + c[2:] for c in commands[1:])


@record
class PollResult:
    kind: str  # "fast" or "slow"
    started: float  # clock seconds
    finished: float
    snapshot: Snapshot | None = None  # None when the poll got no fresh reading
    error: str | None = None
    lost: bool = False  # the port is gone (or could not be opened)
    ended: bool = False  # a replay reached its end


class Poller:
    def __init__(
        self,
        connect: Callable[[], AtSession],
        *,
        dialect: Dialect | None = None,
        usb_vendor: int | None = None,
        recorded: str | None = None,
        fast: Sequence[str] | None = None,
        slow: Sequence[str] | None = None,
        slow_every: float = 5.0,
        slow_per_poll: int = 1,
        timeout: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        """``dialect`` None means detect it on each connection (``usb_vendor`` and
        ``recorded`` are the hints for when the modem does not say); ``fast`` and
        ``slow`` override the dialect's own lists."""
        self._connect = connect
        self._chosen = dialect
        self._usb_vendor = usb_vendor
        self._recorded = recorded
        self._fast_override = None if fast is None else tuple(fast)
        self._slow_override = None if slow is None else tuple(slow)
        self.dialect: Dialect | None = None
        self.chosen_by: str | None = None
        # the dialect's lists, once the modem has said who it is (``_use``)
        self.fast: tuple[str, ...] = ()
        self.slow: tuple[str, ...] = ()
        self.slow_every = slow_every
        self.slow_per_poll = slow_per_poll
        self.timeout = timeout
        self._clock = clock
        self._now = now
        self.session: AtSession | None = None
        self._identified = False
        self.model: str | None = None
        self.chained: bool | None = None  # None: not yet tried (set per dialect)
        self._answers: dict[str, list[str]] = {}
        self._slow_errors: dict[str, CommandFailure] = {}
        self._refusals: dict[str, int] = {}  # fast command -> polls running it was refused
        # commands of the dialect's lists the session may not send (off its allowlist):
        # left out of the loops, never sent, and said once on screen
        self.not_sent: tuple[str, ...] = ()
        self._slow_next = 0
        self._slow_due = 0.0
        self.polls = 0

    # --- session -------------------------------------------------------------------------

    def _open(self) -> AtSession:
        """The session, connecting first if needed; identity is asked once per connection.

        Identity comes before the first fast poll: it settles the dialect (and
        so the commands), and the model can select a scale (Quectel's LTE SINR).
        """
        if self.session is None:
            self.session = self._connect()
            self._identified = False
        if not self._identified:
            session = self.session
            dialect, self.chosen_by = identify(
                lambda command: self._ask(session, command),
                self._answers,
                dialect=self._chosen,
                usb_vendor=self._usb_vendor,
                recorded=self._recorded,
                probe=lambda command: self._ask(session, command, keep_timeout=True) is None,
                identity=("ATI",),  # the IMEI waits for the slow loop: the first reading sooner
            )
            self.model = generic.identity(self._answers).model
            self._use(dialect)
            self._identified = True
        return self.session

    def _use(self, dialect: Dialect) -> None:
        """Take the dialect's command lists; a different dialect starts the loops afresh."""
        commands = dialect.commands(self.model)
        fast = self._fast_override or commands.fast
        slow = self._slow_override if self._slow_override is not None else commands.slow
        if self._slow_override is None and "AT+CGSN" not in slow:
            slow = (*slow, "AT+CGSN")  # the IMEI, asked once a slow sweep (not on screen)
        allows = self.session.allows if self.session is not None else lambda _command: True
        self.not_sent = tuple(c for c in (*fast, *slow) if not allows(c))
        fast = tuple(c for c in fast if allows(c))
        slow = tuple(c for c in slow if allows(c))
        if (dialect, fast, slow) != (self.dialect, self.fast, self.slow):
            # nothing asked with the old lists stands, identity aside
            self._answers = {c: v for c, v in self._answers.items() if generic.Base.owns(c)}
            self._slow_errors.clear()
            self._refusals.clear()
            self._slow_next = 0
            self._slow_due = 0.0
            self.chained = None
        self.dialect, self.fast, self.slow = dialect, fast, slow
        if len(self.fast) < 2:
            self.chained = False

    def close(self) -> None:
        session, self.session = self.session, None
        close = getattr(session.port, "close", None) if session else None
        if close:
            with contextlib.suppress(OSError):
                close()

    def _ask(
        self, session: AtSession, command: str, *, keep_timeout: bool = False
    ) -> CommandFailure | None:
        """Ask one command and keep its lines, or return how it failed.

        A refusal is returned, not raised; so is a timeout with
        ``keep_timeout`` (slow commands), else it propagates: a fast poll
        without an answer has no fresh reading.
        """
        try:
            self._answers[command] = list(session.command(command, timeout=self.timeout).lines)
            return None
        except CommandRejected as exc:
            self._answers.pop(command, None)
            return failure(command, exc)
        except AtTimeout as exc:
            if not keep_timeout:
                raise
            self._answers.pop(command, None)
            return failure(command, exc)

    # --- polls ---------------------------------------------------------------------------

    def poll_fast(self) -> PollResult:
        """The fast commands; a fresh snapshot only when they were answered."""
        return self._guarded("fast", self._fast)

    def poll_slow(self) -> PollResult | None:
        """The next slow command, when the slow loop is due; else None (nothing asked)."""
        if not self.slow or self.session is None or self._clock() < self._slow_due:
            return None
        return self._guarded("slow", self._slow)

    def _guarded(self, kind: str, step: Callable[[], Snapshot]) -> PollResult:
        started = self._clock()
        try:
            snapshot = step()
        except FivegError as exc:  # AtTimeout and other modem-side failures keep the port
            ended = isinstance(exc, ReplayEnded)
            lost = not ended and isinstance(exc, PortError | TranscriptError)
            if ended or lost:
                self.close()
            return PollResult(
                kind=kind,
                started=started,
                finished=self._clock(),
                error=str(exc),
                lost=lost,
                ended=ended,
            )
        self.polls += 1
        return PollResult(kind=kind, started=started, finished=self._clock(), snapshot=snapshot)

    def _fast(self) -> Snapshot:
        session = self._open()
        if not self.fast:
            raise FivegError(
                f"no serving-cell command may be sent: {', '.join(self.not_sent)} "
                "not on the read-only allowlist"
            )
        taken = self._now()
        whole = chain(self.fast)
        if self.chained is not False:
            try:
                reply = session.command(whole, timeout=self.timeout)
                self._answers[whole] = list(reply.lines)
                for command in self.fast:
                    self._answers.pop(command, None)
                self.chained = True
                return self._snapshot(taken, [])
            except CommandRejected as exc:
                if self.chained or exc.final.startswith(("+CME", "+CMS")):
                    raise  # the chain worked before, or the modem names a real error
                self.chained = False  # this modem will not chain these: ask one by one
        self._answers.pop(whole, None)
        errors = [f for f in (self._ask(session, c) for c in self.fast) if f is not None]
        if len(errors) == len(self.fast):
            raise CommandRejected(self.fast[0], errors[0].error)
        self._demote({f.command for f in errors if f.error == "ERROR"})
        return self._snapshot(taken, errors)

    def _demote(self, refused: set[str]) -> None:
        """Move a fast command the modem keeps refusing to the slow loop.

        Refused with a plain ERROR three polls running (an LTE-only module
        asked for its NR leg, a Sierra in SA asked for !LTEINFO), it costs a
        round trip per poll and answers nothing; asked in the slow loop it
        is still tried, and its error still shown.
        """
        for command in self.fast:
            self._refusals[command] = (
                self._refusals.get(command, 0) + 1 if command in refused else 0
            )
        stuck = [c for c in self.fast if self._refusals[c] >= DEMOTE_AFTER]
        if stuck and len(stuck) < len(self.fast):
            self.fast = tuple(c for c in self.fast if c not in stuck)
            self.slow = (*self.slow, *stuck)
            self.chained = None if len(self.fast) > 1 else False  # try the shorter chain

    def _slow(self) -> Snapshot:
        session = self._open()
        for _ in range(self.slow_per_poll):
            command = self.slow[self._slow_next]
            failed = self._ask(session, command, keep_timeout=True)
            if failed is None:
                self._slow_errors.pop(command, None)
            else:
                self._slow_errors[command] = failed
            self._slow_next = (self._slow_next + 1) % len(self.slow)
            if self._slow_next == 0:
                self._slow_due = self._clock() + self.slow_every
                break
        return self._snapshot(self._now(), [])

    def _snapshot(self, taken: datetime, errors: list[CommandFailure]) -> Snapshot:
        assert self.dialect is not None  # set by _open before any poll
        return self.dialect.parse(
            self._answers,
            time=taken,
            model=self.model,
            errors=[*errors, *self._slow_errors.values()],
        )


def rearm_delay(
    started: float, finished: float, interval: float, failures: int = 0, min_gap: float = 0.02
) -> float:
    """Seconds until the next poll starts, measured from when the last one finished.

    Polls start ``interval`` apart while the modem keeps up; a slower reply
    pushes the next poll back (the rate drops, nothing queues), and repeated
    failures back off up to 5 s so a lost port is not hammered.
    """
    if failures:
        return min(5.0, max(interval, 0.5 * 2 ** (failures - 1)))
    return max(min_gap, started + interval - finished)

"""A small hierarchy of typed errors, so callers can tell a busy port from a sulking modem."""

from __future__ import annotations


class FivegError(Exception):
    """Base of every error fiveg raises on purpose."""


class Refused(FivegError):
    """What was asked cannot be done as asked (a value, a file, an option): a usage error."""


class PortError(FivegError):
    """The port could not be opened or went away."""


class PortSpecError(FivegError):
    """The port is named in a form that cannot be a port (a usage error, not a missing port)."""


class PortBusy(PortError):
    """Another program holds the port."""

    def __init__(self, port: str, holders: list[tuple[int, str]] | None = None, how: str = ""):
        self.port = port
        self.holders = holders or []
        who = ", ".join(f"{name} (pid {pid})" for pid, name in self.holders)
        hint = (
            f"it is held by {who}{f' ({how})' if how else ''}"
            if who
            else "another program holds it; ModemManager is the usual suspect"
        )
        super().__init__(
            f"{port} is busy: {hint}. Stop it (e.g. `systemctl stop ModemManager`) "
            "or use another AT port."
        )


class PortGone(PortError):
    """The port disappeared mid-conversation (USB reset, TCP drop)."""


class AtError(FivegError):
    """The modem did not give a usable answer."""


class AtTimeout(AtError):
    def __init__(self, command: str, timeout: float, partial: tuple[str, ...] = ()):
        self.command = command
        self.timeout = timeout
        self.partial = partial
        super().__init__(f"no final result code for {command} within {timeout:g} s")


class CommandRejected(AtError):
    """The modem answered with a final code other than OK."""

    def __init__(self, command: str, final: str, lines: tuple[str, ...] = ()):
        self.command = command
        self.final = final
        self.lines = lines
        super().__init__(f"{command} failed: {final}")


class CmeError(CommandRejected):
    """+CME ERROR: equipment error (3GPP TS 27.007 9.2)."""

    def __init__(self, command, final, code: int | None, text: str | None, lines=()):
        self.code = code
        self.text = text
        super().__init__(command, final, lines)


class CmsError(CmeError):
    """+CMS ERROR: message service error (3GPP TS 27.005 3.2.5)."""


class NotAllowed(FivegError):
    """A command outside the read-only allowlist was asked of a read-only session."""

    def __init__(self, command: str):
        self.command = command
        super().__init__(f"{command} is not on the read-only allowlist; it was not sent")


class TranscriptError(FivegError):
    """A transcript file is not in the documented format."""

"""5g-info --jsonl [--watch]: a signal log without Prometheus, one JSON line per poll.

Each line is the whole --json document, written with one ``write`` to a file
opened for appending (never truncated), so a run that is killed leaves every
line it wrote whole, and a file the user already has is only ever added to.
A poll that fails (a port gone, busy) is said on stderr and the log goes on.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable

import click

from fiveg.at.errors import FivegError
from fiveg.cli.exitcodes import Exit, exit_code


def run_log(path: str, every: float | None, poll_once: Callable, *, port: str) -> int:
    """Append a line per poll to ``path`` ('-': stdout); with ``every``, until a signal."""
    from fiveg.jsonout import dumps

    try:
        fd = 1 if path == "-" else os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    except OSError as exc:
        click.echo(f"5g-info: cannot write the log {path}: {exc.strerror}", err=True)
        return Exit.USAGE
    done = threading.Event()
    if every is not None:
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, lambda *_: done.set())
    status = Exit.OK
    try:
        while True:
            try:
                result = poll_once()
            except (FivegError, OSError) as exc:
                error = exc if isinstance(exc, FivegError) else FivegError(f"{port}: {exc}")
                click.echo(f"5g-info: {error}", err=True)
                status = exit_code(error)
                if every is None:
                    return status
            else:
                os.write(fd, (dumps(result.snapshot, indent=None) + "\n").encode())
                answered = len(result.snapshot.errors) < result.asked
                status = Exit.OK if answered else Exit.MODEM
            if every is None or done.wait(every):
                return status if every is None else Exit.OK
    finally:
        if fd != 1:
            os.close(fd)
        sys.stdout.flush()

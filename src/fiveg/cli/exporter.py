"""5g-exporter: serve the modem's readings as Prometheus metrics on /metrics.

Polls in the background every --every seconds (the chained poll of 5g-info,
read-only allowlist), holding the port only while it polls; a scrape serves the
last result and never starts a poll.
"""

from __future__ import annotations

import signal
import sys
import threading

import click

from fiveg import __version__
from fiveg.cli.options import dialect_options, port_options, timeout_option

# Not on the Prometheus default port allocation list (see README, 5g-exporter).
DEFAULT_LISTEN_PORT = 10059
DEFAULT_LISTEN = f"127.0.0.1:{DEFAULT_LISTEN_PORT}"


def parse_listen(text: str) -> tuple[str, int]:
    """``HOST:PORT`` or ``[IPV6]:PORT``; a bad one is a usage error."""
    host, sep, port = text.rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise click.BadParameter(f"{text!r} is not HOST:PORT (e.g. {DEFAULT_LISTEN})")
    return host, int(port)


def _say(line: str) -> None:
    click.echo(f"5g-exporter: {line}", err=True)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@port_options
@dialect_options
@click.option(
    "--listen",
    default=DEFAULT_LISTEN,
    show_default=True,
    metavar="HOST:PORT",
    help="Where to serve /metrics (loopback unless you ask; port 0 picks a free one).",
)
@click.option(
    "--every",
    default=15.0,
    show_default=True,
    type=click.FloatRange(1, 3600),
    help="Seconds between polls (the next starts this long after the last one ended).",
)
@timeout_option
@click.version_option(__version__, prog_name="5g-exporter")
def exporter(port, baud, share, dialect, listen, every, timeout) -> None:
    """Serve the modem's signal, carriers, Rx ports and temperatures as Prometheus
    metrics (README lists them). Sends only read-only commands. Prints the
    /metrics URL, then serves until interrupted. Exit codes: 0 stopped, 2 usage
    (or prometheus-client missing), 3 cannot listen."""
    host, listen_port = parse_listen(listen)
    try:
        from prometheus_client.registry import CollectorRegistry
    except ImportError:
        _say("needs prometheus-client: pip install 'fiveg[exporter]'")
        sys.exit(2)
    from fiveg.export.collector import FivegCollector
    from fiveg.export.http import serve
    from fiveg.export.polling import ExportPoller

    poller = ExportPoller(
        _open_and_poll(port, baud, share, dialect, timeout),
        every=every,
        version=__version__,
        log=_say,
    )
    registry = CollectorRegistry()
    registry.register(FivegCollector(poller.samples))
    try:
        server = serve(registry, host, listen_port)
    except OSError as exc:
        _say(f"cannot listen on {listen}: {exc.strerror or exc}")
        sys.exit(3)
    bound = server.server_address[1]
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"http://{shown}:{bound}/metrics")
    sys.stdout.flush()
    _say(f"polling {port} every {every:g} s")
    poller.start()
    done = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda *_: done.set())
    done.wait()
    server.shutdown()
    poller.stop()


def _open_and_poll(port, baud, share, dialect, timeout):
    """One whole poll: open the port (taking its lock), ask, close; the dialect found by the
    first answered poll is kept, so later polls skip detection."""
    from fiveg.allowlist import is_read_only
    from fiveg.at.session import AtSession
    from fiveg.cli.options import hints
    from fiveg.poll import poll
    from fiveg.ports.transport import open_port
    from fiveg.vendors.registry import by_name

    known = {"dialect": dialect}
    warned = []

    def run():
        link = open_port(port, baud, share=share)
        try:
            warning = getattr(link, "lock_warning", None)
            if warning and not warned:
                warned.append(warning)
                _say(f"warning: {warning}; the port is not locked against others")
            session = AtSession(link, allow=is_read_only, name=port)
            result = poll(session, known["dialect"], timeout=timeout, **hints(port))
            if result.snapshot.dialect and len(result.snapshot.errors) < result.asked:
                known["dialect"] = known["dialect"] or by_name(result.snapshot.dialect)
            return result
        finally:
            link.close()

    return run


def main() -> None:
    exporter(prog_name="5g-exporter")

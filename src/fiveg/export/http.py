"""The /metrics HTTP server: prometheus_client's WSGI app in a threaded wsgiref server.

prometheus_client's own start_http_server listens with socketserver's default
backlog of 5 connections, so a burst of scrapes (a fleet's Prometheus pair, a
dashboard's refresh, curl in a loop) saw connections dropped and retried after
a second (benchmarks/bench_exporter.py measured a 1 s p99 at 8 at a time). The
same app, with a backlog that holds a burst.
"""

from __future__ import annotations

import socket
import threading
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from prometheus_client import make_wsgi_app

BACKLOG = 128


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True  # a request's thread never holds the exporter at exit
    request_queue_size = BACKLOG


class _Quiet(WSGIRequestHandler):
    def log_message(self, format, *args) -> None:  # a log line per scrape is noise
        pass


def serve(registry, host: str, port: int) -> WSGIServer:
    """Start serving in a daemon thread; ``server_address[1]`` is the port bound."""
    server_class = type("Server", (_Server,), {})
    server_class.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
    server = make_server(host, port, make_wsgi_app(registry), server_class, handler_class=_Quiet)
    threading.Thread(target=server.serve_forever, name="fiveg-metrics", daemon=True).start()
    return server

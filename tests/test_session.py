"""The session over real pyserial: a pty and a loopback socket served by the simulator."""

from __future__ import annotations

import socket
import threading

import pytest

from fiveg.allowlist import is_read_only
from fiveg.at.errors import AtTimeout, CmeError, NotAllowed, PortGone
from fiveg.at.replay import Responder
from fiveg.at.session import AtSession
from fiveg.at.transcript import load
from fiveg.ports.transport import open_port
from fiveg.sim import PtySimulator, TcpSimulator

from .conftest import fixture_path


def sim(kind, name, latency=0.0):
    responder = Responder(load(fixture_path(name)))
    return (PtySimulator if kind == "pty" else TcpSimulator)(responder, latency)


def where(server):
    return server.path if isinstance(server, PtySimulator) else server.url


@pytest.mark.parametrize("kind", ["pty", "tcp"])
def test_commands_over_real_pyserial(kind):
    with sim(kind, "urc_mid_reply.at") as server:
        port = open_port(where(server))
        try:
            session = AtSession(port)
            reply = session.command('AT+QENG="servingcell"')
            assert [ln.split(",")[0] for ln in reply.lines] == [
                '+QENG: "servingcell"',
                '+QENG: "LTE"',
                '+QENG:"NR5G-NSA"',
            ]
            assert '+CEREG: 1,"4AA3","3359966",7' in session.urcs
            assert session.command("AT+QSPN").lines == ('+QSPN: "SUN","SUN","SUN",0,"51503"',)
        finally:
            port.close()
    assert server.received == ['AT+QENG="SERVINGCELL"', "AT+QSPN"]


def test_tcp_preamble_urcs_are_kept_not_lost():
    with sim("tcp", "urc_mid_reply.at") as server:
        port = open_port(server.url)
        try:
            session = AtSession(port)
            session.command("AT+QSPN")
        finally:
            port.close()
    assert list(session.urcs)[:2] == ["RDY", "+QIND: PB DONE"]


def test_chained_command_one_round_trip():
    with sim("pty", "rm5xx_sa_tdd_tmobile.at") as server:
        port = open_port(server.path)
        try:
            reply = AtSession(port).command('at+qnwinfo;+qcainfo;+qeng="servingcell";+qspn')
        finally:
            port.close()
    prefixes = [ln.split(":")[0] for ln in reply.lines]
    assert prefixes == ["+QNWINFO", "+QCAINFO", "+QCAINFO", "+QENG", "+QSPN"]
    assert reply.echoed


def test_cme_error_is_typed():
    with sim("pty", "cme_error_no_sim.at") as server:
        port = open_port(server.path)
        try:
            with pytest.raises(CmeError) as info:
                AtSession(port).command("AT+QSPN")
        finally:
            port.close()
    assert (info.value.code, info.value.text) == (10, "SIM not inserted")


def test_timeout_is_per_command_and_the_next_command_still_works():
    with sim("tcp", "rm520n_nsa_ca_tim.at", latency=0.4) as server:
        port = open_port(server.url)
        try:
            session = AtSession(port)
            with pytest.raises(AtTimeout):
                session.command("AT+CSQ", timeout=0.1)
            # the late +CSQ reply must not be taken as the answer to ATI
            reply = session.command("ATI", timeout=2)
        finally:
            port.close()
    assert reply.lines[0] == "Quectel"
    assert "+CSQ: 28,99" in session.stray


def test_allowlist_refuses_before_anything_is_sent():
    with sim("pty", "rm520n_nsa_ca_tim.at") as server:
        port = open_port(server.path)
        try:
            session = AtSession(port, allow=is_read_only)
            for command in ("ATE0", "AT+CFUN=1,1", 'AT+QCFG="usbnet",1', "AT+CSQ;+CFUN=0"):
                with pytest.raises(NotAllowed):
                    session.command(command)
            session.command("AT+CSQ")
        finally:
            port.close()
    assert server.received == ["AT+CSQ"]
    assert session.commands_sent == 1


def test_peer_closing_mid_conversation_is_port_gone():
    server = socket.create_server(("127.0.0.1", 0))
    host, port_number = server.getsockname()

    def serve_once():
        conn, _ = server.accept()
        conn.recv(100)
        conn.sendall(b"\r\n+CSQ: 2")  # then vanish mid-reply
        conn.close()

    t = threading.Thread(target=serve_once, daemon=True)
    t.start()
    port = open_port(f"socket://{host}:{port_number}")
    try:
        with pytest.raises(PortGone):
            AtSession(port).command("AT+CSQ", timeout=2)
    finally:
        port.close()
        server.close()
        t.join(2)


def test_urcs_sent_the_moment_a_socket_connects_are_kept(monkeypatch):
    """pyserial's socket open() empties the input buffer last thing; URCs that a modem (or
    ser2net) sends at once on connect arrive before it on a busy machine, and were lost."""
    import socket as socket_mod
    import threading

    from serial.urlhandler import protocol_socket

    server = socket_mod.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    sent, done = threading.Event(), threading.Event()

    def modem():
        conn, _ = server.accept()
        with conn:
            conn.sendall(b"\r\nRDY\r\n\r\n+QIND: PB DONE\r\n")
            sent.set()
            conn.recv(100)
            conn.sendall(b"\r\nOK\r\n")
            done.wait(10)  # the link stays up until the test has its answer

    thread = threading.Thread(target=modem, daemon=True)
    thread.start()
    reset = protocol_socket.Serial.reset_input_buffer

    def after_the_urcs(self):
        assert sent.wait(10)  # the URCs are in the socket before open() empties it
        reset(self)

    monkeypatch.setattr(protocol_socket.Serial, "reset_input_buffer", after_the_urcs)
    port = open_port(f"socket://127.0.0.1:{server.getsockname()[1]}")
    try:
        assert sent.wait(10)
        session = AtSession(port)
        session.command("AT")
    finally:
        done.set()
        port.close()
        server.close()
    assert list(session.urcs) == ["RDY", "+QIND: PB DONE"]

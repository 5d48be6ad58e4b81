"""The monitor's poller over real pyserial (pty, TCP) and replays: chains, slow loop, faults."""

from __future__ import annotations

import pytest

from fiveg.allowlist import is_read_only
from fiveg.at.replay import PacedReplayPort, ReplayPort, Responder
from fiveg.at.session import AtSession
from fiveg.at.transcript import load, parse
from fiveg.metrics import Metric, read
from fiveg.poller import Poller, chain, rearm_delay
from fiveg.ports.transport import open_port
from fiveg.sim import PtySimulator, TcpSimulator
from fiveg.vendors import quectel
from fiveg.vendors.quectel import FAST_COMMANDS
from fiveg.vendors.registry import by_name
from tests.conftest import FakeClock, fixture_path

FAST_CHAIN = 'AT+QENG="SERVINGCELL";+QRSRP'


def live(where: str, opened: list):
    def connect() -> AtSession:
        port = open_port(where)
        opened.append(port)
        return AtSession(port, allow=is_read_only)

    return connect


def test_chain_joins_commands():
    assert chain(FAST_COMMANDS) == 'AT+QENG="servingcell";+QRSRP'
    assert chain(["ATI"]) == "ATI"


@pytest.mark.parametrize("kind", ["pty", "tcp"])
def test_fast_poll_is_one_round_trip_over_real_pyserial(kind):
    responder = Responder(load(fixture_path("rm520n_nsa_ca_tim.at")))
    sim_cls = PtySimulator if kind == "pty" else TcpSimulator
    opened: list = []
    with sim_cls(responder) as server:
        poller = Poller(live(server.path if kind == "pty" else server.url, opened), slow=())
        try:
            results = [poller.poll_fast() for _ in range(3)]
        finally:
            poller.close()
    # the first reading in two round trips: ATI, then the fast chain (the IMEI waits)
    assert server.received == ["ATI", FAST_CHAIN, FAST_CHAIN, FAST_CHAIN]
    snap = results[-1].snapshot
    assert poller.chained is True and poller.model == "RM520N-GL"
    assert read(snap, Metric.NR_SINR).value == 18
    assert read(snap, Metric.LTE_SINR).value == -6  # raw 7: 2*7-20 (model known from ATI)
    assert [p.rsrp for p in snap.antennas] == [-101, -105, -105, -99]


REFUSES_CHAINS = parse(
    "fiveg-transcript 1\n"
    "# constructed: a firmware that refuses these chained (DOMAIN.md: chaining is per modem)\n"
    '> 0.0 AT+QENG="servingcell";+QRSRP\\r\n< 0.0 \\r\\nERROR\\r\\n\n'
    '> 0.1 AT+QENG="servingcell"\\r\n'
    '< 0.1 \\r\\n+QENG: "servingcell","NOCONN","NR5G-SA","TDD",310,260,21D7C4001,'
    "92,3110B,501390,41,12,-86,-11,18,1,-\\r\\n\\r\\nOK\\r\\n\n"
    "> 0.2 AT+QRSRP\\r\n< 0.2 \\r\\n+QRSRP: -86,-88,-90,-87,NR5G\\r\\n\\r\\nOK\\r\\n\n"
)


def test_a_modem_refusing_the_chain_is_asked_one_by_one_from_then_on():
    port = ReplayPort(REFUSES_CHAINS)
    poller = Poller(lambda: AtSession(port), dialect=by_name("quectel"), slow=())
    first, second = poller.poll_fast(), poller.poll_fast()
    assert poller.chained is False
    assert first.snapshot is not None and second.snapshot is not None
    assert read(second.snapshot, Metric.NR_SINR).value == 18
    assert len(second.snapshot.antennas) == 4
    chains = [c for c in port.responder.received if ";" in c]
    assert len(chains) == 1  # tried once, never again


def test_slow_commands_trickle_one_per_poll_then_wait_for_the_next_sweep():
    clock = FakeClock()
    port = ReplayPort(load(fixture_path("rm520n_nsa_ca_tim.at")))
    poller = Poller(lambda: AtSession(port), slow_every=5.0, clock=clock)
    asked = []
    # the RM5xx's own slow list (the cell locks, for the status line), then the IMEI
    slow_list = (*quectel.commands("RM520N-GL").slow, "AT+CGSN")
    for _ in range(len(slow_list) + 3):
        poller.poll_fast()
        slow = poller.poll_slow()
        asked.append(slow is not None)
        clock.advance(0.25)
    assert asked == [True] * len(slow_list) + [False] * 3
    clock.advance(5.0)
    assert poller.poll_slow() is not None
    sent = [c for c in port.responder.received if c not in ("ATI", FAST_CHAIN)]
    assert sent == [c.upper() for c in slow_list] + [slow_list[0].upper()]
    # the merged snapshot carries the slow sections too
    merged = poller.poll_fast().snapshot
    assert merged.operator.name and merged.carriers and merged.neighbours and merged.temperatures
    # a command the capture lacks (AT+COPS?, AT+QNWINFO) is an error, not a stale answer
    assert {e.command for e in merged.errors} == {
        "AT+COPS?",
        "AT+QNWINFO",
        "AT+CGSN",
        *quectel.LOCK_COMMANDS,
    }


def test_silent_modem_gives_no_snapshot_and_an_error_not_old_values():
    responder = Responder(load(fixture_path("rm520n_nsa_ca_tim.at")))
    opened: list = []
    with TcpSimulator(responder) as server:
        poller = Poller(live(server.url, opened), slow=(), timeout=0.3)
        assert poller.poll_fast().snapshot is not None
        server.latency = 0.6  # the modem now answers after the timeout
        result = poller.poll_fast()
        poller.close()
    assert result.snapshot is None and not result.lost
    assert "no final result code" in result.error


def test_port_gone_is_lost_then_reconnects_by_itself():
    responder = Responder(load(fixture_path("rm520n_nsa_ca_tim.at")))
    opened: list = []
    first = TcpSimulator(responder).start()
    poller = Poller(live(first.url, opened), slow=())
    try:
        assert poller.poll_fast().snapshot is not None
        first.stop()  # ser2net restarted: the TCP link drops under the session
        lost = poller.poll_fast()
        with TcpSimulator(responder, port=first.port):
            back = poller.poll_fast()
    finally:
        poller.close()
    assert lost.lost and lost.snapshot is None and lost.error
    assert back.snapshot is not None and len(opened) == 2


def test_unopenable_port_is_lost_not_raised():
    poller = Poller(live("socket://127.0.0.1:1", []), slow=())
    result = poller.poll_fast()
    assert result.lost and result.snapshot is None and result.error


def test_replay_end_is_reported_as_ended():
    transcript = load(fixture_path("rm520n_sweep_demo.at"))
    port = PacedReplayPort(transcript, speed=300.0)  # 60 s of transcript in 0.2 s
    poller = Poller(lambda: AtSession(port), slow=())
    results = [poller.poll_fast()]
    while not results[-1].ended and len(results) < 10_000:
        results.append(poller.poll_fast())
    assert results[0].snapshot is not None
    assert results[-1].ended and "replay finished" in results[-1].error
    assert len(results) > 10


def test_rearm_delay_keeps_the_interval_and_never_queues():
    assert rearm_delay(started=10.0, finished=10.05, interval=0.25) == pytest.approx(0.2)
    # a 2 s reply: the next poll starts right after, never several at once
    assert rearm_delay(started=10.0, finished=12.0, interval=0.25) == pytest.approx(0.02)
    assert [rearm_delay(0, 0, 0.25, failures=n) for n in (1, 2, 3, 5, 9)] == [
        0.5,
        1.0,
        2.0,
        5.0,
        5.0,
    ]

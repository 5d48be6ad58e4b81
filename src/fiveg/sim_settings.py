"""The settings a simulated Quectel RM5xx keeps: band preferences and cell locks.

5g-sim answers every other command from its transcript; these it answers
from state, as a modem does: a query prints what was last written, a write
that the modem would refuse (a band outside the carrier policy, a malformed
list, an NR lock on a band it does not search) answers ``ERROR`` or ``+CME
ERROR`` and changes nothing (the forms and errors of
fiveg.vendors.quectel_settings). The first state is what the transcript's own
replies to the queries say, and where it has none, every band of its carrier
policy, mode AUTO and no lock. ``ignore_writes`` plays a modem that answers OK
and keeps its old settings, for testing 5g-lock's read-back.
"""

from __future__ import annotations

import re
import threading
from dataclasses import replace

from fiveg import radio
from fiveg.at.framer import frame
from fiveg.at.replay import Responder, normalize
from fiveg.at.transcript import Transcript
from fiveg.records import BandSettings
from fiveg.vendors import quectel_settings as q

# The carrier policy of a real RM5xx (samiemostafavi/advmobileinfo README, "policybands"),
# for a transcript that recorded none.
DEFAULT_POLICY = BandSettings(
    lte=q.band_list(
        "1:2:3:4:5:7:8:12:13:14:17:18:19:20:25:26:28:29:30:32:34:38:39:40:41:42:43:46:48:66:71"
    ),
    nsa_nr5g=q.band_list("1:2:3:5:7:8:12:14:20:25:28:38:40:41:48:66:71:77:78:79"),
    nr5g=q.band_list("1:2:3:5:7:8:12:14:20:25:28:38:40:41:48:66:71:77:78:79"),
)
_FORM = re.compile(r'AT\+(QNWPREFCFG|QNWLOCK)="([A-Z0-9_/]+)"(?:,(.*))?')
OK = b"\r\nOK\r\n"
ERROR = b"\r\nERROR\r\n"


def _lines(*lines: str) -> bytes:
    return b"".join(f"\r\n{ln}\r\n".encode() for ln in lines) + OK


class SettingsModel:
    """Band preferences and cell locks held in memory; ``answer`` takes an upper-case command."""

    def __init__(
        self,
        policy: BandSettings = DEFAULT_POLICY,
        current: BandSettings | None = None,
        saved: tuple[bool, bool] = (False, False),
    ) -> None:
        self.policy = policy
        start = BandSettings(
            mode="AUTO",
            lte=policy.lte,
            nsa_nr5g=policy.nsa_nr5g,
            nr5g=policy.nr5g,
            lte_locks=(),
            nr_locks=(),
        )
        given = (
            {}
            if current is None
            else {
                f: getattr(current, f) for f in q.READS.values() if getattr(current, f) is not None
            }
        )
        self.settings = replace(start, **given)
        self.saved = saved
        self.ignore_writes = False
        self.writes: list[str] = []  # every write taken, in order
        self._lock = threading.Lock()

    @staticmethod
    def handles(key: str) -> bool:
        return _FORM.fullmatch(key) is not None

    def answer(self, key: str) -> bytes:
        found = _FORM.fullmatch(key)
        if found is None:
            return ERROR
        command, item, value = found.groups()
        with self._lock:
            if command == "QNWPREFCFG":
                return self._prefcfg(item.lower(), value)
            return self._qnwlock(item.lower(), value)

    def _take(self, key: str, **change) -> bytes:
        self.writes.append(key)
        if not self.ignore_writes:
            self.settings = replace(self.settings, **change)
        return OK

    def _prefcfg(self, item: str, value: str | None) -> bytes:
        s = self.settings
        if item == "policy_band":
            if value is not None:
                return ERROR
            return _lines(
                *(
                    f'+QNWPREFCFG: "{i}",' + ":".join(map(str, getattr(self.policy, f)))
                    for i, f in q.ITEMS.items()
                )
            )
        if item == "mode_pref":
            if value is None:
                return _lines(f'+QNWPREFCFG: "mode_pref",{s.mode}')
            words = value.split(":")
            if words != ["AUTO"] and not (set(words) <= set(q.MODES[1:])):
                return ERROR
            return self._take(f"mode {value}", mode=value)
        if item in q.ITEMS:
            field = q.ITEMS[item]
            if value is None:
                return _lines(f'+QNWPREFCFG: "{item}",' + ":".join(map(str, getattr(s, field))))
            bands = q.band_list(value)
            if bands is None or not set(bands) <= set(getattr(self.policy, field)):
                return ERROR
            return self._take(f"{item} {value}", **{field: bands})
        return ERROR

    def _qnwlock(self, item: str, value: str | None) -> bytes:
        s = self.settings
        if item == "save_ctrl" and value is None:
            lte, nr = (int(x) for x in self.saved)
            return _lines(f'+QNWLOCK: "save_ctrl",{lte},{nr}')
        if item == "common/4g":
            if value is None:
                cells = "".join(f",{c.arfcn},{c.pci}" for c in s.lte_locks)
                return _lines(f'+QNWLOCK: "common/4g",{len(s.lte_locks)}{cells}')
            parsed = q.parse_line(f'+QNWLOCK: "common/4g",{value}')
            if parsed is None or len(parsed[1]) > q.MAX_LTE_CELLS:
                return ERROR
            for cell in parsed[1]:
                if radio.lte_band_for_earfcn(cell.arfcn) not in s.lte:
                    return b"\r\n+CME ERROR: band not support\r\n"
            return self._take(f"common/4g {value}", lte_locks=parsed[1])
        if item == "common/5g":
            if value is None:
                if not s.nr_locks:
                    return _lines('+QNWLOCK: "common/5g",0')
                c = s.nr_locks[0]
                return _lines(f'+QNWLOCK: "common/5g",{c.pci},{c.arfcn},{c.scs_khz},{c.band}')
            parsed = q.parse_line(f'+QNWLOCK: "common/5g",{value}')
            if parsed is None:
                return ERROR
            for cell in parsed[1]:
                if cell.scs_khz not in q.NR_SCS_KHZ:
                    return ERROR
                if cell.band not in s.nr5g:
                    return b"\r\n+CME ERROR: band not support\r\n"
            return self._take(f"common/5g {value}", nr_locks=parsed[1])
        return ERROR


def from_transcript(transcript: Transcript) -> SettingsModel:
    """A model whose first state is what the transcript's replies to the queries say."""
    pieces, policy = [], []
    for ex in transcript.exchanges():
        key = normalize(ex.command)
        if key not in _QUERIES and key != q.SUPPORTED.upper():
            continue
        reply = frame(ex.command_text, ex.reply)
        if reply is None or not reply.ok:
            continue
        parsed = [p for p in map(q.parse_line, reply.lines) if p is not None]
        (policy if key == q.SUPPORTED.upper() else pieces).extend(parsed)
    found = q.settings(policy)  # gw_band and the like are not settings: dropped
    if found is None or None in (found.lte, found.nsa_nr5g, found.nr5g):
        found = DEFAULT_POLICY
    return SettingsModel(policy=found, current=q.settings(pieces))


_QUERIES = frozenset(c.upper() for c in q.READS)


def speaks_quectel(transcript: Transcript) -> bool:
    """Whether a transcript is a Quectel modem's: its dialect, or a +QENG line in its replies."""
    if transcript.meta.get("dialect"):
        return transcript.meta["dialect"] == "quectel"
    return any(b"+QENG:" in ex.reply for ex in transcript.exchanges())


class SettingsResponder(Responder):
    """A transcript's replies, with the band and lock settings answered from ``model``."""

    def __init__(self, transcript: Transcript, model: SettingsModel | None = None) -> None:
        super().__init__(transcript)
        self.model = model or from_transcript(transcript)

    def _knows(self, key: str) -> bool:
        return SettingsModel.handles(key) or super()._knows(key)

    def _answer(self, key: str, at: float | None) -> tuple[bytes, float]:
        if SettingsModel.handles(key):
            self.ran.append(key)
            return self.model.answer(key), 0.0
        return super()._answer(key, at)

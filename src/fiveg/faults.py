"""What a misbehaving modem does to a reply: the simulator's fault modes (pure).

Each mode turns one command's proper reply into what a real, messy modem
or link delivers instead: bytes to write, pauses, and a dropped link. The
simulator plays the steps; tests assert that fiveg answers each with the
right typed error or screen state, invents nothing and recovers.
"""

from __future__ import annotations

from enum import StrEnum

# Noise as seen after a USB reset: high bytes, NULs, a stray escape.
GARBAGE = b"\xff\xfe\x00\x80\x1b[?\x9b\xc3(garbage\x07"
# Unsolicited lines a Quectel sends on its own (RG50xQ&RM5xxQ AT manual: +QIND,
# +CEREG/+C5GREG when registration reports are on, RDY after boot).
URC_BURST = b"".join(
    line
    for i in range(12)
    for line in (
        f'\r\n+QIND: "csq",{20 + i % 5},99\r\n'.encode(),
        b'\r\n+CEREG: 1,"4AA3","3359966",7\r\n',
        b"\r\n+C5GREG: 1\r\n",
    )
)
CME_UNKNOWN = b"\r\n+CME ERROR: 100\r\n"  # 3GPP TS 27.007 9.2.1: 100 unknown


class Fault(StrEnum):
    GARBAGE = "garbage"  # noise bytes before the reply
    STALL = "stall"  # part of a line, then silence: no final code
    URC_BURST = "urc-burst"  # a burst of URCs in the middle of the reply
    CME = "cme"  # +CME ERROR instead of the reply
    DISCONNECT = "disconnect"  # part of the reply, then the link drops
    ECHO = "echo"  # echo switched on: the command comes back before its reply
    SLOW = "slow"  # the reply comes only after a delay (longer than the client waits)
    WRONG = "wrong"  # the reply to another command


class Pause(float):
    """A step: wait this many seconds."""


DROP = object()  # a step: close the link


def inject(
    fault: Fault | None, command: bytes, reply: bytes, other: bytes, slow: float = 1.0
) -> list[bytes | Pause | object]:
    """The steps that deliver ``reply`` to ``command`` under ``fault``.

    ``other`` is a reply recorded for a different command (for ``WRONG``);
    ``slow`` is how late a ``SLOW`` reply comes.
    """
    if fault is None:
        return [reply]
    half = max(1, len(reply) // 2)
    if fault is Fault.GARBAGE:
        return [GARBAGE, reply]
    if fault is Fault.STALL:
        return [reply[:half].rstrip(b"\r\n")]
    if fault is Fault.URC_BURST:
        cut = reply.find(b"\n", reply.find(b"\n") + 1) + 1 or half  # after the first line
        return [reply[:cut], URC_BURST, reply[cut:]]
    if fault is Fault.CME:
        return [CME_UNKNOWN]
    if fault is Fault.DISCONNECT:
        return [reply[:half], DROP]
    if fault is Fault.ECHO:
        return [command + b"\r", reply]
    if fault is Fault.SLOW:
        return [Pause(slow), reply]
    if fault is Fault.WRONG:
        return [other]
    raise ValueError(fault)

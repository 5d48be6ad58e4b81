"""Which dialect a modem speaks, from what it says about itself.

Its own words come first (ATI, then +CGMI/+CGMM when ATI names no maker);
then what the connection knows (the USB vendor id of a local port, or the
dialect a transcript was recorded with); the generic 3GPP dialect last.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, MutableMapping

from fiveg.vendors.dialect import Dialect, reply_prefix
from fiveg.vendors.registry import DIALECTS, GENERIC, by_name


def from_text(texts: Iterable[str | None]) -> Dialect | None:
    """The dialect whose maker the identity text names, or None."""
    for text in texts:
        if not text:
            continue
        low = text.lower()
        for dialect in DIALECTS:
            if any(word in low for word in dialect.makers):
                return dialect
    return None


def from_usb_vendor(vendor: int | None) -> Dialect | None:
    if vendor is None:
        return None
    return next((d for d in DIALECTS if vendor in d.usb_vendors), None)


def from_recording(name: str | None) -> Dialect | None:
    try:
        return by_name(name) if name else None
    except KeyError:
        return None


def from_replies(
    probe: Callable[[str], bool], answers: MutableMapping[str, list[str]]
) -> Dialect | None:
    """The first dialect one of whose probes is answered with that command's own prefix.

    For a modem that names no maker (ATI refused or empty, no +CGMI): vendor
    commands are answered only by their vendor, so a reply in the command's
    own shape settles it. ``probe`` asks a command and puts its lines in
    ``answers``; an answer that shows nothing is dropped again, so no other
    dialect's parser sees it.
    """
    for dialect in DIALECTS:
        for command in dialect.probes:
            if command in answers or not probe(command):
                continue
            prefix = reply_prefix(command)
            if any(line.startswith(prefix) for line in answers.get(command, ())):
                return dialect
            answers.pop(command, None)
    return None


def choose(
    texts: Iterable[str | None],
    *,
    usb_vendor: int | None = None,
    recorded: str | None = None,
) -> tuple[Dialect, str]:
    """The dialect, and what decided it (shown to the user)."""
    texts = list(texts)
    found = from_text(texts)
    if found is not None:
        return found, "identity"
    found = from_usb_vendor(usb_vendor)
    if found is not None:
        return found, f"USB vendor {usb_vendor:04x}"
    found = from_recording(recorded)
    if found is not None:
        return found, "recording"
    return GENERIC, "fallback"

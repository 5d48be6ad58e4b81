"""Sound backends: sine tones through simpleaudio, the terminal bell, or nothing.

The tone backend needs the optional ``audio`` extra and a working output
device, so simpleaudio is imported only when a tone backend is built. The
bell reaches a laptop over SSH when local audio does not: the terminal on
the far end rings. Every backend's ``play`` returns at once (simpleaudio
plays on its own thread), so a sound never holds up a poll or a frame.
"""

from __future__ import annotations

import array
import contextlib
import math
import os
from collections import Counter
from collections.abc import Callable, Iterator
from functools import lru_cache

from fiveg.cadence import Beep, Sound

RATE = 44100  # samples per second, mono, signed 16-bit
BEEP_MS = 45
FADE_MS = 5  # raised-cosine ramps: a tone cut square clicks
AMPLITUDE = 0.5
# Cues are two-note patterns outside the cadence's single notes, so they are
# heard as different things: a rising fifth for a new peak, a falling fifth
# for a change of serving cell; with --cue trend, a short quick minor third up
# (or down) when the trend turns rising (or falling): shorter and between the
# other two in pitch, so it is not taken for either.
CUES: dict[Sound, tuple[tuple[float, int], ...]] = {
    Sound.PEAK: ((1320.0, 70), (1760.0, 110)),
    Sound.CHANGE: ((660.0, 110), (440.0, 140)),
    Sound.RISING: ((880.0, 45), (1046.5, 45)),
    Sound.FALLING: ((1046.5, 45), (880.0, 45)),
}
CUE_GAP_MS = 25  # silence between a cue's notes, so they are heard as two
BACKENDS = ("auto", "tone", "bell", "off")


class AudioUnavailable(Exception):
    """The tone backend cannot play here (no simpleaudio, or no output device)."""


def tone(hz: float, ms: int, rate: int = RATE) -> array.array:
    n = int(rate * ms / 1000)
    fade = max(1, int(rate * FADE_MS / 1000))
    peak = AMPLITUDE * 32767
    step = 2 * math.pi * hz / rate
    out = array.array("h", bytes(2 * n))
    for i in range(n):
        edge = min(i, n - 1 - i)
        gain = 0.5 - 0.5 * math.cos(math.pi * edge / fade) if edge < fade else 1.0
        out[i] = int(peak * gain * math.sin(step * i))
    return out


@lru_cache(maxsize=256)
def samples(beep_sound: Sound, pitch: int) -> bytes:
    """The PCM bytes for a sound (pitch rounded by the caller, so the cache stays small)."""
    if beep_sound is Sound.BEEP:
        return tone(pitch, BEEP_MS).tobytes()
    out = array.array("h")
    for i, (hz, ms) in enumerate(CUES[beep_sound]):
        if i:
            out.extend(array.array("h", bytes(2 * (RATE * CUE_GAP_MS // 1000))))
        out.extend(tone(hz, ms))
    return out.tobytes()


class Backend:
    name = "off"

    def __init__(self) -> None:
        self.played: Counter[Sound] = Counter()

    def play(self, beep: Beep) -> None:
        self.played[beep.sound] += 1

    def close(self) -> None:
        pass


class Silent(Backend):
    """``--audio off``: counts what it would have played."""


class Bell(Backend):
    """The terminal bell: one ring per sound (a bell has no pitch to vary)."""

    name = "bell"

    def __init__(self, ring: Callable[[], None]) -> None:
        super().__init__()
        self._ring = ring

    def play(self, beep: Beep) -> None:
        super().play(beep)
        self._ring()


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Silence alsa-lib's own stderr chatter while probing (it would land on the screen)."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


class Tone(Backend):
    """Short sine bursts generated in memory, played through simpleaudio."""

    name = "tone"

    def __init__(self) -> None:
        super().__init__()
        try:
            import simpleaudio
        except ImportError as exc:
            raise AudioUnavailable(
                "simpleaudio is not installed (pip install 'fiveg[audio]')"
            ) from exc
        self._sa = simpleaudio
        self._playing = None

    def probe(self) -> None:
        """Open the output device with a few ms of silence; raise if it cannot play."""
        with _quiet_stderr():
            try:
                self._sa.play_buffer(bytes(2 * (RATE // 200)), 1, 2, RATE).wait_done()
            except Exception as exc:  # simpleaudio raises its own SimpleaudioError
                raise AudioUnavailable(f"no audio output: {exc}") from exc

    def play(self, beep: Beep) -> None:
        super().play(beep)
        pitch = int(round(beep.pitch / 10.0) * 10)
        self._playing = self._sa.play_buffer(samples(beep.sound, pitch), 1, 2, RATE)

    def close(self) -> None:
        if self._playing is not None:
            self._playing.stop()


def choose(name: str, ring: Callable[[], None]) -> tuple[Backend, str]:
    """The backend for ``--audio NAME`` and a line saying why it was chosen.

    ``auto`` takes the tone backend when simpleaudio imports and the device
    plays, else the bell; ``tone`` asked for explicitly raises
    ``AudioUnavailable`` instead of quietly falling back.
    """
    if name == "off":
        return Silent(), "audio off"
    if name == "bell":
        return Bell(ring), "terminal bell"
    try:
        backend = Tone()
        backend.probe()
    except AudioUnavailable as exc:
        if name == "tone":
            raise
        return Bell(ring), f"terminal bell ({exc})"
    return backend, "tones"

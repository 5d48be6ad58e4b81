"""Audio backends for real: simpleaudio into an ALSA ``file`` PCM, and the bell counted.

The ALSA configuration (``ALSA_CONFIG_PATH``) makes the default PCM a
``file`` plugin over ``null``: samples are written to disk and paced in real
time, one file per playback (``truncate false`` numbers them), so a test
reads back what was played: how many beeps, how far apart, at what pitch.
"""

from __future__ import annotations

import array
import itertools
import os
import time

import pytest

from fiveg.audio import CUES, RATE, AudioUnavailable, Bell, Silent, Tone, choose
from fiveg.beeper import Beeper
from fiveg.cadence import Beep, BeepScheduler, Cadence, Sound

ASOUND = """
pcm.!default {{
    type file
    slave.pcm {{ type null }}
    file "{out}"
    format "raw"
    truncate false
}}
"""
BROKEN = "pcm.!default { type hw card 99 }\n"


def needs_simpleaudio():
    if os.environ.get("FIVEG_REQUIRE_AUDIO") == "1":
        import simpleaudio  # noqa: F401  (CI: a missing extra is a failure, not a skip)
    else:
        pytest.importorskip("simpleaudio")


@pytest.fixture
def alsa_file(tmp_path, monkeypatch):
    """Point ALSA's default PCM at files in tmp_path; return a reader of what was played."""
    needs_simpleaudio()
    conf = tmp_path / "asound.conf"
    conf.write_text(ASOUND.format(out=tmp_path / "played.raw"))
    monkeypatch.setenv("ALSA_CONFIG_PATH", str(conf))

    def played() -> list[tuple[float, array.array]]:
        files = sorted(tmp_path.glob("played.raw*"), key=lambda p: (len(p.name), p.name))
        out = []
        for f in files:
            samples = array.array("h")
            samples.frombytes(f.read_bytes())
            out.append((f.stat().st_mtime, samples))
        return out

    return played


def frequency(samples: array.array) -> float:
    """Estimate the pitch from the zero crossings of the steady middle of a tone."""
    mid = samples[len(samples) // 5 : -len(samples) // 5]
    crossings = sum(1 for a, b in itertools.pairwise(mid) if (a < 0) != (b < 0))
    return crossings / 2 / (len(mid) / RATE)


def bursts(samples: array.array, quiet: int = 200) -> list[array.array]:
    """Cut a recording into tones at the silent gaps between them (fades end near zero)."""
    out, current, silent = [], array.array("h"), 0
    for s in samples:
        if abs(s) < quiet:
            silent += 1
            if silent > RATE // 1000 * 3 and len(current) > RATE // 100:
                out.append(current)
                current = array.array("h")
            continue
        silent = 0
        current.append(s)
    if len(current) > RATE // 100:
        out.append(current)
    return out


def played_until_silent(beeper: Beeper, fresh_for: float, limit: float = 20.0) -> list[float]:
    """Run the beeper until its reading is no longer fresh; the times it chose to play.

    A deadline, not a fixed sleep: on a loaded machine the thread may run late, and
    the test waits for it rather than failing on the clock.
    """
    decided: list[float] = []
    beeper.on_play = lambda beep, now: decided.append(now)
    beeper.start()
    try:
        beeper.update("sinr", 15, fresh_for=fresh_for)
        start = time.monotonic()
        while time.monotonic() < start + fresh_for + 0.1:
            time.sleep(0.02)
        deadline = start + limit
        # until the beeper's own thread found the reading stale and went silent
        while beeper.scheduler.wait(time.monotonic()) is not None and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        beeper.stop()
    return decided


def test_tone_beeps_played_at_the_cadence_and_pitch(alsa_file):
    cadence = Cadence()
    backend = Tone()
    decided = played_until_silent(Beeper(backend, BeepScheduler(cadence)), fresh_for=1.3)
    played = alsa_file()
    interval = cadence.interval("sinr", 15)  # sqrt(1.0 * 0.08) = 0.283 s
    # every beep the beeper chose reached the device, each one whole and at the pitch
    assert len(played) == len(decided) == backend.played[Sound.BEEP]
    assert 2 <= len(played) <= 1 + int(1.3 / interval)  # never more than the cadence allows
    for _, samples in played:
        assert len(samples) == RATE * 45 // 1000  # 45 ms each
        assert frequency(samples) == pytest.approx(cadence.pitch("sinr", 15), rel=0.03)
    # never early: each beep at least one interval after the one before (the exact
    # schedule, with a fake clock, is test_cadence's; late beeps are a machine under load)
    gaps = [b - a for a, b in itertools.pairwise(decided)]
    assert all(g >= interval - 0.005 for g in gaps), gaps


def test_pitch_rises_with_the_signal(alsa_file):
    backend = Tone()
    for value in (2, 28):
        pitch = Cadence().pitch("sinr", value)
        backend.play(Beep(sound=Sound.BEEP, pitch=pitch))
        time.sleep(0.1)
    backend.close()
    low, high = (frequency(s) for _, s in alsa_file())
    assert high > low * 1.6


@pytest.mark.parametrize("sound", [Sound.PEAK, Sound.CHANGE, Sound.RISING, Sound.FALLING])
def test_cues_are_two_notes_apart_from_the_cadence(alsa_file, sound):
    backend = Tone()
    backend.play(Beep(sound=sound, pitch=800))
    time.sleep(0.4)
    (_, samples), *rest = alsa_file()
    assert rest == []
    notes = bursts(samples)
    assert len(notes) == 2
    expected = [hz for hz, _ in CUES[sound]]
    assert [frequency(n) for n in notes] == pytest.approx(expected, rel=0.03)
    rising = expected[1] > expected[0]
    assert rising is (sound in (Sound.PEAK, Sound.RISING))
    # the trend cues are short (under 60 ms a note, as played), the others long
    longest = max(len(n) for n in notes) / RATE
    assert (longest < 0.06) is (sound in (Sound.RISING, Sound.FALLING))


def test_the_trend_cues_share_no_note_with_the_peak_and_change_cues():
    trend = {hz for s in (Sound.RISING, Sound.FALLING) for hz, _ in CUES[s]}
    others = {hz for s in (Sound.PEAK, Sound.CHANGE) for hz, _ in CUES[s]}
    assert not trend & others
    assert CUES[Sound.RISING] == tuple(reversed(CUES[Sound.FALLING]))


def test_auto_takes_tones_when_the_device_plays(alsa_file):
    backend, why = choose("auto", ring=lambda: None)
    assert isinstance(backend, Tone) and why == "tones"


def test_auto_falls_back_to_the_bell_without_a_device(tmp_path, monkeypatch):
    needs_simpleaudio()
    conf = tmp_path / "asound.conf"
    conf.write_text(BROKEN)
    monkeypatch.setenv("ALSA_CONFIG_PATH", str(conf))
    backend, why = choose("auto", ring=lambda: None)
    assert isinstance(backend, Bell) and why.startswith("terminal bell (no audio output")
    with pytest.raises(AudioUnavailable):
        choose("tone", ring=lambda: None)


def test_off_and_bell_need_no_simpleaudio():
    assert isinstance(choose("off", ring=lambda: None)[0], Silent)
    assert isinstance(choose("bell", ring=lambda: None)[0], Bell)


def test_bell_rings_once_per_sound_at_the_cadence():
    rings: list[float] = []
    bell = Bell(ring=lambda: rings.append(time.monotonic()))
    beeper = Beeper(bell)
    decided: list[tuple[Sound, float]] = []
    beeper.on_play = lambda beep, now: decided.append((beep.sound, now))
    beeper.start()
    try:
        beeper.update("sinr", 30, fresh_for=0.5)  # fastest: 0.08 s apart
        deadline = time.monotonic() + 20
        while not decided and time.monotonic() < deadline:
            time.sleep(0.01)
        beeper.cue(Sound.PEAK)
        # until the cue played and the beeper's thread found the reading stale (silent)
        while time.monotonic() < deadline and (
            beeper.scheduler.wait(time.monotonic()) is not None
            or all(sound is not Sound.PEAK for sound, _ in decided)
        ):
            time.sleep(0.01)
    finally:
        beeper.stop()
    assert bell.played[Sound.PEAK] == 1
    assert bell.played[Sound.BEEP] == len(rings) - 1 == len(decided) - 1  # one ring each
    # 0.5 s of fresh reading at 0.08 s, less the 0.25 s the cue holds the cadence: at
    # most 5 beeps; none in the 0.25 s after the cue
    assert 1 <= bell.played[Sound.BEEP] <= 5
    cue_at = next(t for sound, t in decided if sound is Sound.PEAK)
    assert not [t for sound, t in decided if sound is Sound.BEEP and cue_at < t < cue_at + 0.25]


def test_a_backend_failing_mid_session_goes_silent_and_says_why():
    class Unplugged(Silent):
        name = "tone"

        def play(self, beep):
            raise OSError("device unplugged")

    beeper = Beeper(Unplugged()).start()
    try:
        beeper.update("sinr", 20, fresh_for=1.0)
        deadline = time.monotonic() + 2
        while beeper.failure is None and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        beeper.stop()
    assert beeper.failure == "tone failed: device unplugged"
    assert isinstance(beeper.backend, Silent)


def test_muted_beeper_keeps_time_but_plays_nothing():
    bell = Bell(ring=lambda: None)
    beeper = Beeper(bell)
    beeper.muted = True
    beeper.start()
    try:
        beeper.update("sinr", 30, fresh_for=0.3)
        time.sleep(0.4)
    finally:
        beeper.stop()
    assert sum(bell.played.values()) == 0


def test_samples_written_have_no_click_at_the_edges():
    from fiveg.audio import samples

    pcm = array.array("h")
    pcm.frombytes(samples(Sound.BEEP, 1000))
    assert abs(pcm[0]) < 50 and abs(pcm[-1]) < 300
    assert max(pcm) > 15000

"""Add marks to a recording, as 5g-monitor writes them, for a report to show.

    python tools/mark_recording.py IN OUT --mark 22 "az 120" [--mark T LABEL ...]
        [--window 5] [--recorded 2026-11-29T12:00:00+00:00]

Each mark is made by the monitor's own Tracker from the recording's readings
(fiveg.report.recording, the same path 5g-report takes) and written as the
monitor's note (``! t mark "label" median ...``) at that moment of the
recording. Used to build fixtures/at_transcripts/rm520n_sweep_marks.at from the
bundled sweep; OUT is never an existing file.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from fiveg.at.transcript import parse
from fiveg.report.recording import read_session
from fiveg.tracking import mark_note


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--mark", nargs=2, action="append", metavar=("T", "LABEL"), default=[])
    parser.add_argument("--window", type=float, default=5.0)
    parser.add_argument("--recorded", default="2026-11-29T12:00:00+00:00")
    parser.add_argument("--header", action="append", default=[], help="a comment line to add")
    args = parser.parse_args()
    if args.out.exists():
        sys.exit(f"{args.out} exists: name a new file")
    lines = args.source.read_text().splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.startswith(">"))
    head = [
        *lines[:at],
        f"@ recorded: {datetime.fromisoformat(args.recorded).isoformat()}",
        "@ metric: nr-sinr",
        f"@ mark-window: {args.window:g}",
        *(f"# {h}" for h in args.header),
    ]
    body = lines[at:]
    # the notes as the Tracker makes them from this recording's own readings
    draft = [*head, *body, *(f'! {t} mark "{label}"' for t, label in args.mark)]
    session = read_session(parse("\n".join(draft) + "\n"))
    notes = {}
    for (t, _label), mark in zip(args.mark, session.marks, strict=True):
        notes[float(t)] = f"! {float(t):.3f} {mark_note(mark)}"
    out, pending = list(head), sorted(notes.items())
    for line in body:
        if line.startswith(">") and pending and float(line.split()[1]) > pending[0][0]:
            out.append(pending.pop(0)[1])
        out.append(line)
    out += [note for _, note in pending]
    text = "\n".join(out) + "\n"
    load_check = parse(text)  # the result is a transcript fiveg reads
    assert len(read_session(load_check).marks) == len(args.mark)
    args.out.write_text(text)
    print(args.out)


if __name__ == "__main__":
    main()

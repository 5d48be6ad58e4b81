"""Modal screens: marking a position, and the key help."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static


class MarkScreen(ModalScreen[str | None]):
    """Ask for a label (an azimuth, "chimney left"...) for the current position."""

    BINDINGS: ClassVar[list[Binding]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, suggestion: str) -> None:
        super().__init__()
        self.suggestion = suggestion

    def compose(self) -> ComposeResult:
        with Vertical(id="mark-dialog"):
            yield Label("Mark this position: label (e.g. the azimuth), Enter to keep, Esc to drop")
            # offered as the placeholder: typing replaces it, Enter alone keeps it
            yield Input(placeholder=self.suggestion, id="mark-label", select_on_focus=False)

    def on_key(self, event: events.Key) -> None:
        """Keys that reach the screen before the field has focus (typed right after "m",
        on a busy machine) go into the field, not astray."""
        field = self.query_one("#mark-label", Input)
        if field.has_focus:
            return
        if event.key == "enter":
            self._keep(field.value)
        elif event.key == "backspace":
            field.action_delete_left()
        elif event.is_printable and event.character:
            field.insert_text_at_cursor(event.character)
        else:
            return
        event.stop()
        field.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._keep(event.value)

    def _keep(self, typed: str) -> None:
        self.dismiss(typed.strip() or self.suggestion)

    def action_cancel(self) -> None:
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[Binding]] = [Binding("escape,question_mark,q", "close", "Close")]

    def __init__(self, keys: list[tuple[str, str]], notes: str) -> None:
        super().__init__()
        self.keys = keys
        self.notes = notes

    def compose(self) -> ComposeResult:
        width = max(len(k) for k, _ in self.keys)
        text = "\n".join(f"{k:>{width}}  {what}" for k, what in self.keys)
        with Vertical(id="help-dialog"):
            yield Label("Keys", id="help-title")
            yield Static(text, id="help-keys")
            yield Static(self.notes, id="help-notes")

    def action_close(self) -> None:
        self.dismiss(None)

"""The Textual monitor (imported only by 5g-monitor, never by 5g-info)."""

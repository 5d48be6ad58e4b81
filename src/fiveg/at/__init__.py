"""The AT conversation: framing, sessions, errors and transcripts; no vendor knowledge."""

"""One module per AT dialect; each turns replies into the same records."""

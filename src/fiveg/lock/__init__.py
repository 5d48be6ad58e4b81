"""5g-lock: the one place fiveg writes to a modem (band preferences and cell locks).

Pure parts (``writes``: the write allowlist; ``change``: what a request means,
checked, as commands and the settings it should leave; ``undo``: the settings a
recording kept) and one part with I/O at its edge (``modem``: read, write,
read back over an injected session).
"""

"""5g-report: an aiming session, read back from its recording, as one HTML page.

``recording`` (a transcript as readings, marks and events, through the monitor's own
Tracker), ``plots`` (scales, ticks, azimuths, polar positions: pure geometry), ``svg``
(the pictures, inline), ``page`` (the self-contained page and the CSV rows).
"""

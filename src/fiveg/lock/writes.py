"""The write allowlist: the exact command forms 5g-lock may send, and nothing else may.

The read-only allowlist (fiveg.allowlist) of 5g-info, the monitor and the
exporter holds none of these; 5g-lock's session allows the union, and only
after a preview and a yes. Forms per the Quectel RG520N&RM5x0N Series AT
Commands Manual V1.1 5.24 (AT+QNWPREFCFG) and the RG50xQ&RM5xxQ Series Network
Application Note V1.0.0 3.6 (AT+QNWLOCK), exactly as fiveg.vendors.quectel_settings
builds them: one command per line, never chained.
"""

from __future__ import annotations

import re

_RAT = r"(?:WCDMA|LTE|NR5G)"
_BANDS = r"[1-9]\d{0,2}(?::[1-9]\d{0,2})*"
WRITE_FORMS: tuple[re.Pattern[str], ...] = (
    re.compile(rf'AT\+QNWPREFCFG="mode_pref",(?:AUTO|{_RAT}(?::{_RAT})*)'),
    re.compile(rf'AT\+QNWPREFCFG="(?:lte_band|nsa_nr5g_band|nr5g_band)",{_BANDS}'),
    re.compile(r'AT\+QNWLOCK="common/4g",(?P<count>0|[1-9]|10)(?P<cells>(?:,\d{1,6},\d{1,3})*)'),
    re.compile(r'AT\+QNWLOCK="common/5g",(?:0|[1-9]\d{0,3},\d{1,7},(?:15|30|60|120),[1-9]\d{0,2})'),
)


def is_lock_write(command: str) -> bool:
    """Whether ``command`` is one of 5g-lock's write forms (an LTE lock's count must match
    its cells)."""
    for form in WRITE_FORMS:
        found = form.fullmatch(command.strip())
        if found is None:
            continue
        if "count" in form.groupindex:
            return found["cells"].count(",") == 2 * int(found["count"])
        return True
    return False

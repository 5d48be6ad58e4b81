"""The USB vendor id behind a local serial port, read from sysfs.

/sys/class/tty/<name>/device points into the USB interface of the modem;
the device directory above it holds ``idVendor`` (four hex digits). Ports
that are not local USB devices (URLs, ssh://, ptys, on-board UARTs) have
none, and that is not an error: detection then goes by what the modem says.
"""

from __future__ import annotations

import os
from pathlib import Path


def usb_vendor(port: str, sys_root: str | Path = "/sys") -> int | None:
    if "://" in port or not port.startswith("/"):
        return None
    try:
        name = os.path.basename(os.path.realpath(port))
        device = (Path(sys_root) / "class" / "tty" / name / "device").resolve(strict=True)
    except OSError:
        return None
    for directory in (device, *device.parents):
        id_file = directory / "idVendor"
        if id_file.is_file():
            try:
                return int(id_file.read_text().strip(), 16)
            except (OSError, ValueError):
                return None
        if directory == Path(sys_root) or directory.parent == directory:
            break
    return None

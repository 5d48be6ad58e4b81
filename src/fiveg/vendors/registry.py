"""Every dialect fiveg speaks, in the order auto-detection tries them."""

from __future__ import annotations

from fiveg.vendors.dialect import Dialect

DIALECTS: tuple[Dialect, ...] = (
    Dialect(
        name="quectel",
        label="Quectel",
        models="RM500Q, RM502Q, RM520N, RM521F, RM551E, RG50xQ; LTE: EC2x, EG25-G, "
        "EG06/EP06/EM06, EM12, EC200x",
        reports="serving cell and EN-DC legs, CA carriers, neighbours, per-antenna "
        "RSRP/RSRQ/SINR, temperatures; LTE modules: GSM/WCDMA serving cells and neighbours, "
        "LTE SINR raw",
        makers=("quectel",),
        usb_vendors=(0x2C7C,),
        module="fiveg.vendors.quectel",
        probes=('AT+QENG="servingcell"',),
    ),
    Dialect(
        name="fibocom",
        label="Fibocom",
        models="FM150, FM160, FM190, FM350 (+GT commands); L850-GL, L860-GL (+X commands)",
        reports="serving cell and EN-DC legs, CA carriers (+GTCAINFO; L8x0: +XLEC "
        "bandwidths), neighbours (+GTCCINFO, +XMCI), temperature; NR SINR from +CESQ",
        makers=("fibocom",),
        usb_vendors=(0x2CB7,),
        module="fiveg.vendors.fibocom",
        probes=("AT+GTCCINFO?", "AT+XCESQ?"),
    ),
    Dialect(
        name="sierra",
        label="Sierra Wireless",
        models="EM7455/MC7455, EM7565, EM9190/EM9191, EM9291",
        reports="serving cell (LTE and NR5G, !NRINFO on 5G modules), LTE CA secondary cell, "
        "neighbours, per-antenna RSRP (main/diversity), temperature",
        makers=("sierra wireless",),
        usb_vendors=(0x1199,),
        module="fiveg.vendors.sierra",
        probes=("AT!GSTATUS?",),
    ),
    Dialect(
        name="simcom",
        label="SIMCom",
        models="SIM7000, SIM7070/SIM7080, SIM7600, SIM7500, SIM7906/SIM7912, "
        "SIM8200/SIM8262, SIM8230",
        reports="serving cell (LTE, Cat-M1, NB-IoT, GSM, WCDMA, NR5G SA and NSA legs), "
        "temperature; LTE SINR only where the manual gives the scale (SIM70x0)",
        makers=("simcom",),
        usb_vendors=(0x1E0E,),
        module="fiveg.vendors.simcom",
        probes=("AT+CPSI?",),
    ),
    Dialect(
        name="telit",
        label="Telit",
        models="LM940, LM960, FN980, LN940",
        reports="serving cell (LTE; an NR leg from +CESQ), model and revision from "
        "+CGMM/+CGMR, temperatures; SINR kept raw",
        makers=("telit",),
        usb_vendors=(0x1BC7,),
        module="fiveg.vendors.telit",
        probes=("AT#RFSTS", "AT^RFSTS?"),
    ),
    Dialect(
        name="huawei",
        label="Huawei",
        models="ME909s, ME936, E3372 (stick mode), TD Tech MT5700M and other Balong 5G modules",
        reports="serving cell (LTE, NR, the NR leg of EN-DC), carriers with frequencies and "
        "bandwidths, neighbours, temperatures",
        # TD Tech (a Huawei joint venture) ships Balong modules with Huawei's AT set.
        makers=("huawei", "td tech"),
        usb_vendors=(0x12D1,),
        module="fiveg.vendors.huawei",
        probes=("AT^HCSQ?",),
    ),
    Dialect(
        name="generic",
        label="Generic 3GPP",
        models="any modem (the fallback)",
        reports="identity, operator, registration, RSRP/RSRQ (LTE) and SS-RSRP/RSRQ/SINR "
        "(NR) from +CESQ",
        module="fiveg.vendors.generic",
    ),
)

NAMES: tuple[str, ...] = tuple(d.name for d in DIALECTS)
GENERIC = DIALECTS[-1]


def by_name(name: str) -> Dialect:
    for dialect in DIALECTS:
        if dialect.name == name:
            return dialect
    raise KeyError(name)

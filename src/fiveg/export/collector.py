"""The exporter's samples as prometheus_client metric families (a custom collector).

prometheus_client writes the exposition format; this module only maps
fiveg.export.samples onto its Gauge/Counter families, so every scrape builds
the families afresh from the last poll's result.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from fiveg.export.samples import FAMILIES, Sample


class FivegCollector(Collector):
    def __init__(self, samples: Callable[[], list[Sample]]) -> None:
        self._samples = samples

    def collect(self) -> Iterable[Metric]:
        grouped: dict[str, list[Sample]] = defaultdict(list)
        for sample in self._samples():
            grouped[sample.name].append(sample)
        for name, samples in grouped.items():
            family = FAMILIES[name]
            kind = CounterMetricFamily if family.kind == "counter" else GaugeMetricFamily
            metric = kind(name, family.help, labels=list(family.labels))
            for sample in samples:
                metric.add_metric(list(sample.labels), sample.value)
            yield metric

    def describe(self) -> Iterable[Metric]:
        return []  # the families vary with what the modem reports: nothing to check at register

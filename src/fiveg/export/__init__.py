"""5g-exporter: Prometheus metrics of a modem, polled in the background.

``samples`` (pure: a snapshot as named, labelled samples), ``polling`` (the
background poll, holding the port only while it asks, and the last result it
serves), ``collector`` (the samples as prometheus_client metric families).
"""

"""Reaching a modem's AT port: local devices, pyserial URLs, ssh:// to a router, locks, USB ids.

Imports nothing itself, so a tool loads only the port kind it opens.
"""

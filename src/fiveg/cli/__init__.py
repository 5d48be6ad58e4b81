"""Thin click shells over the library."""

"""Readers, validation, the all-or-nothing writer, and the roster generator."""

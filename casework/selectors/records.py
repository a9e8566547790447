"""Casework selectors: records."""

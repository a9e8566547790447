"""Casework selectors: cases."""

"""Casework selectors: aid."""

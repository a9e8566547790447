"""Casework selectors: people."""

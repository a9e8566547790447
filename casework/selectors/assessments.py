"""Casework selectors: assessments."""

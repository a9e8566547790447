"""Casework services: assessments."""

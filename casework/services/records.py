"""Casework services: records."""

"""Casework services: cases."""

"""Casework services: aid."""

"""Casework services: people."""

"""Casework models (centre schema): people, households, cases. Built by the Casework issue."""

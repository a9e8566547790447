"""Koinotita project package: settings, URL confs, Celery app and shared platform helpers.

Named ``platform_core`` rather than ``platform`` because a top-level ``platform`` package would
shadow Python's standard ``platform`` module, which Celery and pytest import.
"""

from .celery import app as celery_app

__all__ = ["celery_app"]

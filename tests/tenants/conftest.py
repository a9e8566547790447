"""Fixtures of the centre tests."""

import shutil
from pathlib import Path

import pytest


@pytest.fixture
def export_root(settings, tmp_path):
    """Archives of this test go to its own folder; media of centres restored here are removed after."""
    settings.CENTRE_EXPORT_ROOT = str(tmp_path / "exports")
    before = set((Path(settings.MEDIA_ROOT) / "centres").glob("*"))
    yield Path(settings.CENTRE_EXPORT_ROOT)
    for folder in set((Path(settings.MEDIA_ROOT) / "centres").glob("*")) - before:
        shutil.rmtree(folder, ignore_errors=True)

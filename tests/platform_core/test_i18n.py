"""The English catalogue is complete and compiled, and the staff UI follows the chosen language."""

import ast
import gettext
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PO_PATH = CATALOGUE / "django.po"
MO_PATH = CATALOGUE / "django.mo"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$')


@dataclass
class PoEntry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def is_fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def label(self) -> str:
        return f"{self.msgctxt}|{self.msgid}" if self.msgctxt else self.msgid


def read_po(path: Path) -> list[PoEntry]:
    """The live entries of a .po file (header included, obsolete `#~` entries left out)."""
    entries: list[PoEntry] = []
    current, obsolete, has_keyword, has_msgstr = PoEntry(), False, False, False
    target: tuple[str, int] | None = None

    def finish() -> None:
        nonlocal current, obsolete, has_keyword, has_msgstr, target
        if has_keyword and not obsolete:
            entries.append(current)
        current, obsolete, has_keyword, has_msgstr, target = PoEntry(), False, False, False, None

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            finish()
        elif line.startswith("#"):
            if has_keyword:
                finish()
            if line.startswith("#~"):
                obsolete = True
            elif line.startswith("#,"):
                current.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith('"'):
            name, index = target
            text = ast.literal_eval(line)
            if name == "msgstr":
                current.msgstr[index] += text
            else:
                setattr(current, name, getattr(current, name) + text)
        else:
            match = KEYWORD.match(line)
            assert match, f"{path}: cannot read line {line!r}"
            name, index, quoted = match.group(1), match.group(2), match.group(3)
            if has_msgstr and not name.startswith("msgstr"):
                finish()
            has_keyword = True
            text = ast.literal_eval(quoted)
            if name.startswith("msgstr"):
                has_msgstr = True
                target = ("msgstr", int(index or 0))
                current.msgstr[target[1]] = text
            else:
                target = (name, 0)
                setattr(current, name, text)
    finish()
    return entries


def messages(entries: list[PoEntry]) -> list[PoEntry]:
    return [entry for entry in entries if not entry.is_header]


def expected_catalog(entries: list[PoEntry]) -> dict:
    """What msgfmt puts in the .mo, keyed as `gettext.GNUTranslations` keys its catalogue."""
    catalog: dict = {}
    for entry in messages(entries):
        if entry.is_fuzzy or not all(entry.msgstr.values()):
            continue
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt is not None else entry.msgid
        if entry.msgid_plural is None:
            catalog[key] = entry.msgstr[0]
        else:
            catalog.update({(key, index): text for index, text in entry.msgstr.items()})
    return catalog


def test_every_message_has_an_english_translation():
    untranslated = [entry.label for entry in messages(read_po(PO_PATH)) if not all(entry.msgstr.values())]
    assert untranslated == []


def test_no_translation_is_left_fuzzy():
    assert [entry.label for entry in messages(read_po(PO_PATH)) if entry.is_fuzzy] == []


def test_translations_keep_every_placeholder_of_the_greek_text():
    mismatched = [
        entry.label for entry in messages(read_po(PO_PATH))
        if any(sorted(PLACEHOLDER.findall(entry.msgid)) != sorted(PLACEHOLDER.findall(text))
               for text in entry.msgstr.values())
    ]
    assert mismatched == []


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
def test_msgfmt_accepts_the_catalogue_with_nothing_untranslated_or_fuzzy():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(PO_PATH)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_compiled_catalogue_matches_the_po_file():
    with MO_PATH.open("rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)._catalog
    compiled = {key: text for key, text in compiled.items() if key != ""}
    assert compiled == expected_catalog(read_po(PO_PATH)), (
        "django.mo is out of date: run `manage.py compilemessages --ignore=.venv` and commit it"
    )


def test_centre_login_page_is_greek_by_default(world_a):
    response = world_a.client(None).get("/accounts/login/")

    assert response.status_code == 200
    assert '<html lang="el">' in response.text
    assert "Σύνδεση" in response.text


def test_centre_login_page_is_english_with_the_language_cookie(world_a):
    client = world_a.client(None)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get("/accounts/login/")

    assert '<html lang="en">' in response.text
    assert "Sign in" in response.text
    assert "Σύνδεση" not in response.text


def test_choosing_english_in_the_language_switch_turns_the_login_page_english(world_a):
    client = world_a.client(None)

    switch = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    response = client.get(switch["Location"])

    assert switch.status_code == 302
    assert '<html lang="en">' in response.text
    assert "Sign in" in response.text
    assert "Σύνδεση" not in response.text


PROJECT_ROOT = Path(settings.BASE_DIR)
SOURCE_DIRS = ["platform_core", "tenants", "regional", "partners", "casework", "programs", "notifications"]


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext's xgettext is not installed")
def test_every_text_in_the_source_is_in_the_catalogue(tmp_path):
    # makemessages on a copy of the source, so the committed catalogue is compared, not rewritten.
    for name in SOURCE_DIRS:
        shutil.copytree(PROJECT_ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT_ROOT / "manage.py", tmp_path / "manage.py")
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en"], cwd=tmp_path, capture_output=True, text=True,
        check=False, env={**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "platform_core.settings"},
    )
    assert result.returncode == 0, result.stderr

    in_source = {entry.label for entry in messages(read_po(tmp_path / PO_PATH.relative_to(PROJECT_ROOT)))}
    committed = {entry.label for entry in messages(read_po(PO_PATH))}
    assert sorted(in_source - committed) == [], "run makemessages, translate the new texts and compilemessages"

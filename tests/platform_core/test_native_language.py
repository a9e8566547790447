"""Greek and English as a native speaker writes them: the greeting in the vocative, 24-hour times,
one number format, one date format on the English side, each language named in itself, the
municipality named wholly in the page's language, and «;» never used as a semicolon in Greek."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from django_tenants.utils import schema_context

from platform_core.accounts.roles import Role
from platform_core.labels import day, moment, money
from regional.models import Municipality
from tests.platform_core.test_i18n import PO_PATH, messages, read_po

ROOT = Path(settings.BASE_DIR)
GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_home_page_greets_a_greek_first_name_in_the_vocative(world_a):
    user = world_a.users[Role.SOCIAL_WORKER]
    with schema_context(world_a.centre.schema_name):
        user.first_name = "Γιώργος"
        user.save(update_fields=["first_name"])

    page = world_a.client(Role.SOCIAL_WORKER).get("/").content.decode()

    assert "Καλώς ήρθατε, Γιώργο</h1>" in page


def test_the_english_greeting_keeps_the_name_as_written(world_a):
    user = world_a.users[Role.SOCIAL_WORKER]
    with schema_context(world_a.centre.schema_name):
        user.first_name = "Γιώργος"
        user.save(update_fields=["first_name"])

    page = english(world_a.client(Role.SOCIAL_WORKER)).get("/").content.decode()

    assert "Welcome, Γιώργος</h1>" in page


@pytest.mark.parametrize("language", ["el", "en"])
def test_the_language_menu_names_each_language_in_itself(world_a, language):
    client = world_a.client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    page = client.get("/").content.decode()

    assert re.search(r'<option value="el" lang="el"[^>]*>Ελληνικά</option>', page)
    assert re.search(r'<option value="en" lang="en"[^>]*>English</option>', page)


@pytest.mark.parametrize("language", ["el", "en"])
def test_amounts_read_the_same_in_both_languages(language):
    with translation.override(language):
        assert money(1200) == "1.200,00 €"
        assert money("1234.5") == "1.234,50 €"
        assert money(-3) == "-3,00 €"
        assert Template("{{ amount|money }}").render(Context({"amount": "1200"})) == "1.200,00 €"


@pytest.mark.parametrize("language", ["el", "en"])
def test_times_are_24_hour_in_both_languages(language):
    afternoon = timezone.make_aware(datetime.datetime(2026, 12, 4, 16, 30))
    with translation.override(language):
        assert time_format(afternoon.time()) == "16:30"
        assert moment(afternoon).endswith("16:30")
        assert date_format(afternoon, "DATETIME_FORMAT").endswith("16:30")


def test_greek_dates_are_day_month_year():
    with translation.override("el"):
        assert day(datetime.date(2026, 12, 4)) == "04/12/2026"


def test_english_dates_have_one_format_everywhere():
    with translation.override("en"):
        assert day(datetime.date(2026, 12, 4)) == "4 Dec 2026"
        shown = {date_format(datetime.date(2026, 12, 4), name) for name in ("DATE_FORMAT", "SHORT_DATE_FORMAT")}
        assert shown == {"4 Dec 2026"}


def test_templates_name_their_date_formats_instead_of_writing_a_greek_pattern():
    """A hard-coded «d/m/Y» would show a second date format on the English side."""
    offenders = [str(path.relative_to(ROOT)) for path in ROOT.glob("*/templates/**/*.*")
                 if re.search(r'\|date:"[dj]/m', path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_code_formats_dates_through_the_labels_not_its_own_pattern():
    """``platform_core.labels.day``/``moment`` give each language its one format; a ``%d/%m/%Y``
    written in code would show the Greek pattern on the English side."""
    apps = ("platform_core", "casework", "programs", "notifications", "regional", "tenants", "partners")
    offenders = [str(path.relative_to(ROOT)) for app in apps for path in (ROOT / app).rglob("*.py")
                 if "formats" not in path.parts and re.search(r"%d/%m|[\"']d/m/Y", path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_municipality_is_named_wholly_in_the_page_language(db):
    apokoronas = Municipality.objects.get(slug="apokoronas")
    with translation.override("el"):
        assert str(apokoronas) == "Δήμος Αποκορώνου"
    with translation.override("en"):
        assert str(apokoronas) == "Municipality of Apokoronas"
        assert Municipality.label("Αποκορώνου") == "Δήμος Αποκορώνου"  # no English name: Greek whole


def test_the_english_header_names_the_centre_and_municipality_in_english(world_a):
    page = english(world_a.client()).get("/").content.decode()
    header = page[page.index('<header'):page.index('</header>')]

    assert "Municipality of Apokoronas" in header
    assert "Αποκορώνου" not in header


def test_greek_texts_use_the_semicolon_only_as_a_question_mark():
    """«;» is the Greek question mark: a Greek text pausing with it (followed by more of the
    sentence) reads as a question. The ano teleia «·» or a comma is meant there."""
    wrong = [entry.msgid for entry in messages(read_po(PO_PATH))
             for text in (entry.msgid, entry.msgid_plural or "")
             if GREEK.search(text) and re.search(r"[;\u037e]\s+\S", text)]
    assert wrong == []


def test_greek_questions_end_with_the_greek_question_mark():
    latin = [entry.msgid for entry in messages(read_po(PO_PATH)) if GREEK.search(entry.msgid) and "?" in entry.msgid]
    assert latin == []


def test_english_texts_are_not_half_greek():
    """Greek in an English text only as a quoted example («Αποκορώνου») or as the language's own name."""
    mixed = [entry.msgid for entry in messages(read_po(PO_PATH)) for text in entry.msgstr.values()
             if GREEK.search(re.sub(r"«[^»]*»", "", text)) and text != "Ελληνικά"]
    assert mixed == []

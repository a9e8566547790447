"""Greece's 13 regions and 74 regional units in public; `load_geography FILE` loads or updates
municipalities from a CSV, all rows or none, and says why not with exit code 2."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from regional.geography import MUNICIPALITIES_CSV
from regional.models import Municipality, Region, RegionalUnit


def test_every_region_and_regional_unit_of_greece_is_loaded(db):
    assert Region.objects.count() == 13
    assert RegionalUnit.objects.count() == 74
    assert RegionalUnit.objects.filter(region__slug="crete").count() == 4
    assert Region.objects.filter(slug__in=["attica", "central-macedonia", "crete"]).count() == 3


def test_the_repositorys_csv_loads_cretes_24_municipalities_idempotently(db, capsys):
    call_command("load_geography", str(MUNICIPALITIES_CSV))
    call_command("load_geography", str(MUNICIPALITIES_CSV))

    assert Municipality.objects.filter(regional_unit__region__slug="crete").count() == 24
    assert "0 created, 24 updated" in capsys.readouterr().out


def test_a_new_municipality_is_added_and_a_name_updated(db, tmp_path):
    csv_file = tmp_path / "m.csv"
    csv_file.write_text("region,regional_unit,name,slug\nattica,piraeus,Πειραιώς,piraeus-city\n"
                        "crete,chania,Χανίων (νέο),chania-city\n", encoding="utf-8")

    call_command("load_geography", str(csv_file))

    assert Municipality.objects.get(slug="piraeus-city").regional_unit.region.slug == "attica"
    assert Municipality.objects.get(slug="chania-city").name == "Χανίων (νέο)"


def test_every_municipality_of_crete_has_its_english_name_from_the_migration(db):
    """Migration 0009 filled the English names of the CSV (a centre's English pages read them)."""
    assert not Municipality.objects.filter(regional_unit__region__slug="crete", name_en="").exists()
    assert Municipality.objects.get(slug="apokoronas").name_en == "Apokoronas"


def test_a_csv_with_english_names_sets_them_and_one_without_keeps_them(db, tmp_path):
    with_english = tmp_path / "en.csv"
    with_english.write_text("region,regional_unit,name,slug,name_en\nattica,piraeus,Πειραιώς,piraeus-city,Piraeus\n",
                            encoding="utf-8")
    without = tmp_path / "el.csv"
    without.write_text("region,regional_unit,name,slug\nattica,piraeus,Πειραιώς,piraeus-city\n", encoding="utf-8")

    call_command("load_geography", str(with_english))
    call_command("load_geography", str(without))

    assert Municipality.objects.get(slug="piraeus-city").name_en == "Piraeus"


@pytest.mark.parametrize("content", [
    "slug,name\nx,y\n",
    "region,regional_unit,name,slug\ncrete,chania,Χανίων\n",
    "region,regional_unit,name,slug\ncrete,atlantis,Κάτι,katti\n",
    "region,regional_unit,name,slug\nattica,chania,Κάτι,katti\n",
    "region,regional_unit,name,slug\ncrete,chania,,empty-name\n",
    "region,regional_unit,name,slug\ncrete,chania,Α,Bad Slug\n",
    "region,regional_unit,name,slug\ncrete,chania,Α,same\ncrete,chania,Β,same\n",
])
def test_a_malformed_file_exits_2_with_a_sentence_and_writes_nothing(db, tmp_path, content):
    csv_file = tmp_path / "bad.csv"
    csv_file.write_text("region,regional_unit,name,slug\nattica,piraeus,Πειραιώς,piraeus-city\n"
                        + content.split("\n", 1)[1] if content.startswith("region,") else content, encoding="utf-8")
    before = Municipality.objects.count()

    with pytest.raises(CommandError) as refused:
        call_command("load_geography", str(csv_file))

    assert refused.value.returncode == 2 and str(refused.value)
    assert Municipality.objects.count() == before


def test_a_file_without_municipalities_exits_2(db, tmp_path):
    csv_file = tmp_path / "empty.csv"
    csv_file.write_text("region,regional_unit,name,slug\n", encoding="utf-8")

    with pytest.raises(CommandError) as refused:
        call_command("load_geography", str(csv_file))

    assert refused.value.returncode == 2


def test_a_missing_file_exits_2(db, tmp_path):
    with pytest.raises(CommandError) as refused:
        call_command("load_geography", str(tmp_path / "nothing.csv"))

    assert refused.value.returncode == 2

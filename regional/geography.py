"""Greece's geography in public: 13 regions and 74 regional units (``data/regional_units.csv``,
loaded by a migration) and the municipalities of ``manage.py load_geography FILE`` (one row per
municipality: ``region,regional_unit,name,slug[,name_en]``, the name in the genitive as in «Δήμος
Αποκορώνου», the English one as in "Municipality of Apokoronas"; ``data/municipalities.csv`` holds
Crete's)."""

import csv
import io
import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

DATA = Path(__file__).resolve().parent / "data"
REGIONAL_UNITS_CSV = DATA / "regional_units.csv"
MUNICIPALITIES_CSV = DATA / "municipalities.csv"
MUNICIPALITY_COLUMNS = ["region", "regional_unit", "name", "slug"]
MUNICIPALITY_COLUMNS_EN = [*MUNICIPALITY_COLUMNS, "name_en"]
SLUG = re.compile(r"^[a-z][a-z0-9-]{0,49}$")


def regional_units_load(apps) -> None:
    """Every region and regional unit of the country; idempotent (a migration's historical
    models, or the live ones through ``django.apps.apps``)."""
    Region = apps.get_model("regional", "Region")
    RegionalUnit = apps.get_model("regional", "RegionalUnit")
    with REGIONAL_UNITS_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            region, _created = Region.objects.update_or_create(slug=row["region"],
                                                               defaults={"name": row["region_name"]})
            RegionalUnit.objects.update_or_create(slug=row["regional_unit"],
                                                  defaults={"name": row["regional_unit_name"], "region": region})


def municipality_english_names_load(apps) -> None:
    """Fills the English names of the municipalities of ``data/municipalities.csv`` that have
    none (a migration's historical models; a name set by hand is kept)."""
    Municipality = apps.get_model("regional", "Municipality")
    with MUNICIPALITIES_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            Municipality.objects.filter(slug=row["slug"], name_en="").update(name_en=row["name_en"])


def _parse_municipalities(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text))
    columns = [name.strip() for name in reader.fieldnames or []]
    if columns not in (MUNICIPALITY_COLUMNS, MUNICIPALITY_COLUMNS_EN):
        raise ValidationError({"file": [_("Η πρώτη γραμμή πρέπει να είναι «%(columns)s» ή «%(with_english)s».")
                                        % {"columns": ",".join(MUNICIPALITY_COLUMNS),
                                           "with_english": ",".join(MUNICIPALITY_COLUMNS_EN)}]})
    rows, errors, seen = [], [], set()
    for number, row in enumerate(reader, start=2):
        if None in row or any(value is None for value in row.values()):
            errors.append(_("Γραμμή %(n)d: χρειάζονται ακριβώς %(count)d στήλες.")
                          % {"n": number, "count": len(columns)})
            continue
        values = {key.strip(): value.strip() for key, value in row.items()}
        values.setdefault("name_en", "")
        if not values["name"]:
            errors.append(_("Γραμμή %(n)d: λείπει το όνομα του δήμου.") % {"n": number})
        for key in ("region", "regional_unit", "slug"):
            if not SLUG.match(values[key]):
                errors.append(_("Γραμμή %(n)d: μη έγκυρο αναγνωριστικό «%(value)s» στη στήλη %(column)s.")
                              % {"n": number, "value": values[key], "column": key})
        if values["slug"] in seen:
            errors.append(_("Γραμμή %(n)d: ο δήμος «%(slug)s» εμφανίζεται δεύτερη φορά.")
                          % {"n": number, "slug": values["slug"]})
        seen.add(values["slug"])
        rows.append(values)
    if not rows and not errors:
        errors.append(_("Το αρχείο δεν έχει κανέναν δήμο."))
    if errors:
        raise ValidationError({"file": errors})
    return rows


def municipalities_load(*, text: str) -> dict[str, int]:
    """Creates or updates the municipalities of a CSV; all of it or, on any error, nothing.
    Regions and regional units must exist (they are the country's, loaded by migration)."""
    from .models import Municipality, RegionalUnit

    rows = _parse_municipalities(text)
    units = {unit.slug: unit for unit in RegionalUnit.objects.select_related("region")}
    errors = []
    for number, row in enumerate(rows, start=2):
        unit = units.get(row["regional_unit"])
        if unit is None:
            errors.append(_("Γραμμή %(n)d: άγνωστη περιφερειακή ενότητα «%(unit)s».")
                          % {"n": number, "unit": row["regional_unit"]})
        elif unit.region.slug != row["region"]:
            errors.append(_("Γραμμή %(n)d: η περιφερειακή ενότητα «%(unit)s» δεν ανήκει στην περιφέρεια "
                            "«%(region)s».") % {"n": number, "unit": row["regional_unit"], "region": row["region"]})
    if errors:
        raise ValidationError({"file": errors})
    created = updated = 0
    with transaction.atomic():
        for row in rows:
            _municipality, was_created = Municipality.objects.update_or_create(
                slug=row["slug"], defaults={"name": row["name"], "regional_unit": units[row["regional_unit"]],
                                            **({"name_en": row["name_en"]} if row["name_en"] else {})})
            created += was_created
            updated += not was_created
    return {"created": created, "updated": updated}

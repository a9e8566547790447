"""Reference data: the Region of Crete, its 4 regional units and 24 municipalities (DOMAIN.md)."""

CRETE = {
    "slug": "crete",
    "name": "Περιφέρεια Κρήτης",
    "units": [
        ("chania", "Π.Ε. Χανίων", [
            ("chania-city", "Χανίων"), ("apokoronas", "Αποκορώνου"), ("kissamos", "Κισσάμου"),
            ("platanias", "Πλατανιά"), ("kantanos-selino", "Καντάνου-Σελίνου"), ("sfakia", "Σφακίων"),
            ("gavdos", "Γαύδου"),
        ]),
        ("rethymno", "Π.Ε. Ρεθύμνου", [
            ("rethymno-city", "Ρεθύμνης"), ("amari", "Αμαρίου"), ("anogeia", "Ανωγείων"),
            ("mylopotamos", "Μυλοποτάμου"), ("agios-vasileios", "Αγίου Βασιλείου"),
        ]),
        ("heraklion", "Π.Ε. Ηρακλείου", [
            ("heraklion-city", "Ηρακλείου"), ("archanes-asterousia", "Αρχανών-Αστερουσίων"),
            ("viannos", "Βιάννου"), ("gortyna", "Γόρτυνας"), ("malevizi", "Μαλεβιζίου"),
            ("minoa-pediada", "Μινώα Πεδιάδας"), ("phaistos", "Φαιστού"), ("hersonissos", "Χερσονήσου"),
        ]),
        ("lasithi", "Π.Ε. Λασιθίου", [
            ("agios-nikolaos", "Αγίου Νικολάου"), ("ierapetra", "Ιεράπετρας"),
            ("lasithi-plateau", "Οροπεδίου Λασιθίου"), ("sitia", "Σητείας"),
        ]),
    ],
}


def load_region(apps, data: dict) -> None:
    """Idempotent: usable from a migration (historical models) or at run time."""
    Region = apps.get_model("regional", "Region")
    RegionalUnit = apps.get_model("regional", "RegionalUnit")
    Municipality = apps.get_model("regional", "Municipality")
    region, _ = Region.objects.update_or_create(slug=data["slug"], defaults={"name": data["name"]})
    for unit_slug, unit_name, municipalities in data["units"]:
        unit, _ = RegionalUnit.objects.update_or_create(
            slug=unit_slug, defaults={"name": unit_name, "region": region}
        )
        for slug, name in municipalities:
            Municipality.objects.update_or_create(slug=slug, defaults={"name": name, "regional_unit": unit})

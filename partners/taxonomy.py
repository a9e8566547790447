"""The directory's Greek category taxonomy (HSDS ``taxonomy`` + ``taxonomy_term``). Migration
0003 writes these rows; their ids are fixed so that every installation, export and import agree."""

import uuid

TAXONOMY_ID = uuid.UUID("6f0c2f4e-7d1b-4c55-9a52-8b1f3f6f1a00")
TAXONOMY_NAME = "Κατηγορίες υπηρεσιών Koinotita"

# (code, Greek name): the order is the order of the directory's filters.
CATEGORIES: tuple[tuple[str, str], ...] = (
    ("health", "Υγεία"),
    ("mental_health", "Ψυχική υγεία"),
    ("addiction", "Εξαρτήσεις"),
    ("child_protection", "Προστασία παιδιού"),
    ("disability", "Αναπηρία"),
    ("education", "Εκπαίδευση"),
    ("employment", "Απασχόληση"),
    ("welfare_benefits", "Προνοιακές παροχές"),
    ("food_material_aid", "Επισιτιστική και υλική βοήθεια"),
    ("housing", "Στέγαση"),
    ("legal", "Νομική υποστήριξη"),
    ("migrants_refugees", "Μετανάστες και πρόσφυγες"),
    ("elderly_care", "Φροντίδα ηλικιωμένων"),
)


def term_id(code: str) -> uuid.UUID:
    """The fixed id of a category: the same on every installation."""
    return uuid.uuid5(TAXONOMY_ID, code)

"""Spreadsheets as a centre's staff make them, for the import tests."""

import csv
import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from casework.identifiers import synthetic_afm, synthetic_amka

HEADER = ["Επώνυμο", "Όνομα", "Ημερομηνία γέννησης", "ΑΜΚΑ", "ΑΦΜ", "Κωδικός νοικοκυριού", "Σχέση"]


def person_row(last: str, first: str, born: datetime.date, *, household: str = "", relation: str = "",
               afm: str | None = None, seed: int = 0) -> list[object]:
    import random

    rng = random.Random(f"{last}{first}{born}{seed}")
    return [last, first, born.strftime("%d/%m/%Y"), synthetic_amka(born, rng=rng),
            afm if afm is not None else synthetic_afm(rng=rng), household, relation]


def xlsx_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(header: list[str], rows: list[list[object]], *, encoding: str = "utf-8", delimiter: str = ";") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def upload(data: bytes, name: str = "mitroo.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)

"""The PDF helper prints any text the API accepts: a field too long for one page, or one very
long word, goes on across pages instead of fpdf2's "row too high"."""

from platform_core.pdf import PdfDocument

LONG_TEXT = "Η οικογένεια ζήτησε στήριξη για το ενοίκιο. " * 200  # about 9,000 characters
LONG_WORD = "α" * 6000


def _pages(document: PdfDocument) -> int:
    data = document.output()
    assert data.startswith(b"%PDF")
    return document._pdf.pages_count


def test_a_label_and_value_row_longer_than_a_page_is_split_across_pages():
    document = PdfDocument(title="Εξαγωγή")

    document.fields([("Παρατηρήσεις", LONG_TEXT), ("Τηλέφωνο", "2821000000")])

    assert _pages(document) >= 2


def test_a_very_long_word_in_a_narrow_column_is_broken_and_split():
    document = PdfDocument(title="Εξαγωγή")

    document.table(["α", "β", "γ", "δ", "ε", "στ"], [[LONG_WORD, "x", "y", "z", "w", "v"]])

    assert _pages(document) >= 2


def test_several_long_cells_of_one_row_are_split_together():
    document = PdfDocument(title="Εξαγωγή")

    document.table(["Σημείωση", "Σχόλιο"], [[LONG_TEXT, LONG_TEXT + LONG_WORD], ["σύντομο", "σύντομο"]])

    assert _pages(document) >= 3


def test_a_text_of_many_short_lines_is_split():
    document = PdfDocument(title="Εξαγωγή")

    document.fields([("Λίστα", "γραμμή\n" * 1500)])

    assert _pages(document) >= 10


def test_short_rows_stay_one_row_each():
    document = PdfDocument(title="Εξαγωγή")

    assert document._pieces(["Τηλέφωνο", "2821000000"], [60.0, 120.0]) == [["Τηλέφωνο", "2821000000"]]

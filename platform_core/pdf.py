"""Small PDF documents (reports, a person's data export) with Greek text, built with fpdf2 and
the DejaVu Sans font shipped in ``platform_core/fonts`` (no system fonts or libraries needed)."""

from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"
TABLE_LINE_HEIGHT = 5
# fpdf2 draws a table row on one page or refuses it ("row too high"). A cell taller than this
# share of the page is cut into pieces, each continued in a row of its own below.
ROW_MAX_PAGE_SHARE = 0.6


class PdfDocument:
    """A4 portrait document: a title, then headings, paragraphs, label/value rows and tables."""

    def __init__(self, *, title: str, subtitle: str = "", footer: str = "") -> None:
        self._pdf = _Pdf(footer=footer)
        self._pdf.set_title(title)
        self._pdf.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
        self._pdf.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self._pdf.set_auto_page_break(auto=True, margin=18)
        self._pdf.add_page()
        self._pdf.set_font(FAMILY, "B", 16)
        self._pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
        if subtitle:
            self._pdf.set_font(FAMILY, "", 10)
            self._pdf.multi_cell(0, 6, subtitle, new_x="LMARGIN", new_y="NEXT")
        self._pdf.ln(3)

    def heading(self, text: str) -> None:
        self._pdf.ln(2)
        self._pdf.set_font(FAMILY, "B", 12)
        self._pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")

    def paragraph(self, text: str) -> None:
        self._pdf.set_font(FAMILY, "", 10)
        self._pdf.multi_cell(0, 5, text or "—", new_x="LMARGIN", new_y="NEXT")
        self._pdf.ln(1)

    def fields(self, rows: list[tuple[str, object]]) -> None:
        """Label/value pairs, two columns."""
        self.table([], [[label, value] for label, value in rows], col_widths=(1, 2))

    def table(self, header: list[str], rows: list[list[object]], *, col_widths: tuple[int, ...] | None = None) -> None:
        """A table with borders; any text fits: a cell too tall for one page goes on in the rows
        below it (a very long word is broken), so a page break can fall between the pieces."""
        self._pdf.set_font(FAMILY, "", 9)
        if not rows and not header:
            return
        columns = len(header or rows[0])
        widths = self._column_widths(columns, col_widths)
        with self._pdf.table(col_widths=col_widths, first_row_as_headings=bool(header),
                             headings_style=FontFace(emphasis="BOLD", fill_color=(230, 236, 240)),
                             line_height=TABLE_LINE_HEIGHT, text_align="LEFT") as table:
            if header:
                self._row(table, header)
            for values in rows:
                for piece in self._pieces(["" if value is None else str(value) for value in values], widths):
                    self._row(table, piece)
        self._pdf.ln(2)

    @staticmethod
    def _row(table, values: list[str]) -> None:
        row = table.row()
        for value in values:
            row.cell(value)

    def _column_widths(self, columns: int, col_widths: tuple[int, ...] | None) -> list[float]:
        weights = list(col_widths) if col_widths else [1] * columns
        # A little narrower than drawn, so that the measured lines wrap no later than the table's.
        return [self._pdf.epw * weight / sum(weights) - 1 for weight in weights]

    def _pieces(self, texts: list[str], widths: list[float]) -> list[list[str]]:
        """The row's texts as one or more rows, each short enough for a page."""
        usable = self._pdf.h - self._pdf.t_margin - self._pdf.b_margin
        max_lines = max(1, int(usable * ROW_MAX_PAGE_SHARE // TABLE_LINE_HEIGHT))
        lines = [self._pdf.multi_cell(width, TABLE_LINE_HEIGHT, text, dry_run=True, output="LINES")
                 if text else [""] for text, width in zip(texts, widths, strict=False)]
        if max(len(cell) for cell in lines) <= max_lines:
            return [texts]
        count = max((len(cell) + max_lines - 1) // max_lines for cell in lines)
        return [["\n".join(cell[index * max_lines:(index + 1) * max_lines]) for cell in lines]
                for index in range(count)]

    def output(self) -> bytes:
        return bytes(self._pdf.output())


class _Pdf(FPDF):
    def __init__(self, *, footer: str) -> None:
        super().__init__(format="A4")
        self._footer_text = footer

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, "", 8)
        self.cell(0, 6, f"{self._footer_text}   {self.page_no()}/{{nb}}".strip(), align="C")

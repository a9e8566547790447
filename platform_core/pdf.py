"""Small PDF documents (reports, a person's data export) with Greek text, built with fpdf2 and
the DejaVu Sans font shipped in ``platform_core/fonts`` (no system fonts or libraries needed)."""

from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"


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
        self._pdf.set_font(FAMILY, "", 9)
        if not rows and not header:
            return
        with self._pdf.table(col_widths=col_widths, first_row_as_headings=bool(header),
                             headings_style=FontFace(emphasis="BOLD", fill_color=(230, 236, 240)),
                             line_height=5, text_align="LEFT") as table:
            for values in ([header] if header else []) + rows:
                row = table.row()
                for value in values:
                    row.cell("" if value is None else str(value))
        self._pdf.ln(2)

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

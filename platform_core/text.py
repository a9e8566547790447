"""Text helpers every app may use: the accent- and case-free form that searches compare."""

import unicodedata


def search_form(text: str) -> str:
    """Lower case without accents or diaeresis, final sigma folded: ``Παπαδόπουλος`` and
    ``παπαδοπουλος`` compare equal."""
    decomposed = unicodedata.normalize("NFD", (text or "").strip().lower())
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.replace("ς", "σ").split())

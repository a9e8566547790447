"""Greek as a native speaker writes it: the vocative of a first name for greetings.

The rule (the one school grammars give for given names):
- masculine in -ος: -ε when the accent is on the antepenultimate (Αλέξανδρος → Αλέξανδρε,
  Θεόδωρος → Θεόδωρε, Δημήτριος → Δημήτριε), -ο otherwise, which covers the common
  disyllabic and paroxytone ones (Γιώργος → Γιώργο, Νίκος → Νίκο, Κυριάκος → Κυριάκο);
  a few colloquial names pronounce -ιος as one syllable and keep -ο (Στέλιος → Στέλιο);
- -ας → -α (Κώστας → Κώστα), -ης → -η (Μανώλης → Μανώλη), -ής → -ή, -άς → -ά;
- everything else (feminine names, -ές, -ων, names in Latin script) is unchanged.
A name in -ος without an accent and of more than two syllables cannot be placed (ΑΛΕΞΑΝΔΡΟΣ or
ΧΡΗΣΤΟΣ typed in capitals look alike): it is returned as written rather than guessed.
"""

import re
import unicodedata

_VOWELS = set("αεηιουω")
# Two vowel letters read as one sound: the accent, if any, sits on the second (αί, ού, εύ).
_DIGRAPHS = {"αι", "ει", "οι", "ου", "υι", "αυ", "ευ", "ηυ"}
# -ιος said as one syllable in these everyday names, so the accent falls on the penultimate.
_SYNIZESIS = {"στελιος", "μανολιος", "μηνιος"}
_GREEK_LETTER = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


def _letters(word: str) -> list[tuple[str, bool, bool]]:
    """Each letter as (base lower-case letter, carries the accent, carries a dialytika)."""
    letters = []
    for char in word:
        decomposed = unicodedata.normalize("NFD", char.lower())
        base = decomposed[0]
        letters.append((base, "\u0301" in decomposed, "\u0308" in decomposed))
    return letters


def _accent_from_end(word: str) -> tuple[int | None, int]:
    """(Which syllable from the end bears the accent, 1 = the last; None without an accent,
    how many syllables), counting vowel groups with the digraphs as one."""
    groups: list[bool] = []  # one entry per vowel group: does it bear the accent?
    letters = _letters(word)
    i = 0
    while i < len(letters):
        base, accent, _ = letters[i]
        if base not in _VOWELS:
            i += 1
            continue
        if i + 1 < len(letters):
            next_base, next_accent, next_dialytika = letters[i + 1]
            if base + next_base in _DIGRAPHS and not accent and not next_dialytika:
                groups.append(next_accent)
                i += 2
                continue
        groups.append(accent)
        i += 1
    if True in groups:
        return len(groups) - groups.index(True), len(groups)
    return None, len(groups)


def _plain(word: str) -> str:
    """Lower case without accents, a closing sigma written as final (ΝΙΚΟΣ → νικος)."""
    plain = "".join(base for base, _, _ in _letters(word))
    return plain[:-1] + "ς" if plain.endswith("σ") else plain


def _replace_ending(word: str, keep: int, ending: str) -> str:
    """``word`` without its last ``len(word) - keep`` letters plus ``ending`` in the word's case."""
    stem = word[:keep]
    return stem + (ending.upper() if word[-1].isupper() else ending)


def vocative_word(word: str) -> str:
    if not _GREEK_LETTER.search(word) or _LATIN_LETTER.search(word) or len(word) < 3:
        return word
    plain = _plain(word)
    if plain.endswith("ος"):
        accent, syllables = _accent_from_end(word)
        if accent is None:
            if syllables > 2:
                return word
            accent = syllables
        if accent == 1:  # oxytone -ός: rare in given names, said like the others in -ο
            return _replace_ending(word, -1, "")
        if accent >= 3 and plain not in _SYNIZESIS:
            return _replace_ending(word, -2, "ε")
        return _replace_ending(word, -1, "")
    if plain.endswith(("ας", "ης")):
        return _replace_ending(word, -1, "")
    return word


def vocative(first_name: str) -> str:
    """The vocative of a Greek first name («Γιώργος» → «Γιώργο»); each part of a double name
    («Γιώργος-Αλέξανδρος», «Ιωάννης Παύλος») is declined on its own."""
    return re.sub(r"[^\s\-]+", lambda match: vocative_word(match.group(0)), first_name.strip())

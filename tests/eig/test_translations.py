"""The English catalogue is complete and its compiled form matches it."""

import ast
import gettext
from pathlib import Path

from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"


def read_po(path: Path) -> dict[str, str]:
    """msgid -> msgstr (the singular form) for each entry of a .po file, the header excluded."""
    entries, current, field = {}, {}, None
    for line in [*path.read_text().splitlines(), ""]:
        if line.startswith(("msgid ", "msgstr ", "msgstr[0] ")):
            field, _, literal = line.partition(" ")
            field = field.removesuffix("[0]")
            current[field] = ast.literal_eval(literal)
        elif line.startswith(("msgid_plural ", "msgstr[")):
            field = None
        elif line.startswith('"') and field:
            current[field] += ast.literal_eval(line)
        elif not line.strip():
            if current.get("msgid"):
                entries[current["msgid"]] = current.get("msgstr", "")
            current, field = {}, None
    return entries


def test_english_catalogue_translates_every_string():
    entries = read_po(CATALOGUE / "django.po")

    assert [msgid for msgid, msgstr in entries.items() if not msgstr] == []
    assert len(entries) > 100


def test_english_catalogue_is_compiled():
    entries = read_po(CATALOGUE / "django.po")
    with (CATALOGUE / "django.mo").open("rb") as compiled:
        translations = gettext.GNUTranslations(compiled)

    assert {msgid: translations.gettext(msgid) for msgid in entries} == entries

"""Translatable content text, carried with its gettext context.

Flow and directory text is written in English (the msgid) and translated at
render time with `pgettext(context, text)`, so a string read at start-up still
follows each request's language.
"""

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Msg:
    """English source text and the msgctxt it is catalogued under."""

    context: str
    text: str

    def __str__(self) -> str:
        return self.text


def printable(typed: str) -> str:
    """What a person typed, as it may be shown back: no control, format or bidi characters."""
    return "".join(c for c in typed if unicodedata.category(c)[0] not in "CZ" or c == " ")

"""How many SMS segments a text costs, counted the way a phone network counts.

GSM-7 (the `gsm0338` codec knows its alphabet, including the two-septet
escapes such as € [ ] { } ^ ~ \\ |): 160 septets in one message, 153 per
segment when split. One character outside it (ã, õ, ç, í…) turns the whole
message into UCS-2: 70 UTF-16 units in one message, 67 per segment when split.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import gsm0338  # noqa: F401  (registers the "gsm03.38" codec)

BUDGET = 3  # segments per reply (DESIGN.md, "Budgets, not hopes")


@dataclass(frozen=True)
class Cost:
    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets, or UTF-16 code units
    segments: int


def cost(text: str) -> Cost:
    """The encoding, length and segment count of `text` as one SMS reply."""
    try:
        units = len(text.encode("gsm03.38"))  # an escaped character is two bytes: two septets
        single, part, encoding = 160, 153, "GSM-7"
    except UnicodeEncodeError:
        units = len(text.encode("utf-16-le")) // 2
        single, part, encoding = 70, 67, "UCS-2"
    segments = 1 if units <= single else math.ceil(units / part)
    return Cost(encoding, units, segments)


def question_reply(text: str, options: list[str]) -> str:
    """A question as the SMS channel would send it: the text, then numbered options."""
    return "\n".join([text, *(f"{n} {label}" for n, label in enumerate(options, 1))])

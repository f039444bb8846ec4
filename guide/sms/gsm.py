"""Counting SMS segments the way a phone network does, and paging long text.

GSM-7 when every character is in the GSM 03.38 alphabet (the `gsm0338` codec
decides; its extension characters such as `€ [ ] { } ^ ~ \\ |` take two septets);
otherwise the whole message is UCS-2. One segment holds 160 septets or 70
UTF-16 units; a concatenated message 153 or 67 per segment, and an escape pair
or a surrogate pair is never split across two. Counted on the text itself, and
no character is ever replaced: what cannot be GSM-7 makes the message UCS-2.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import gsm0338  # noqa: F401  (registers the "gsm03.38" codec)

MAX_SEGMENTS = 3  # per reply, unless SMS_MAX_SEGMENTS says otherwise (DESIGN.md, "Budgets, not hopes")

GSM7, UCS2 = "GSM-7", "UCS-2"


@dataclass(frozen=True)
class Count:
    encoding: str
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2)
    segments: int


def _units(text: str) -> tuple[str, list[int]]:
    """The encoding, and the width of each character in it."""
    try:
        return GSM7, [len(ch.encode("gsm03.38")) for ch in text]
    except UnicodeEncodeError:
        return UCS2, [len(ch.encode("utf-16-le")) // 2 for ch in text]


def count(text: str) -> Count:
    encoding, widths = _units(text)
    single, multi = (160, 153) if encoding == GSM7 else (70, 67)
    total = sum(widths)
    if total <= single:
        return Count(encoding, total, 1 if text else 0)
    segments, used = 1, 0
    for width in widths:  # pack greedily: a two-unit character never straddles segments
        if used + width > multi:
            segments, used = segments + 1, 0
        used += width
    return Count(encoding, total, max(segments, math.ceil(total / multi)))


def paginate(text: str, max_segments: int, footer: Callable[[int, int], str]) -> list[str]:
    """Split `text` into as few pages as it takes, each at most `max_segments`.

    Each MORE costs the reader a message, so pages are filled: a line that does not
    fit is cut between words and continued on the next page, unless it fits whole on
    a page of its own and this one is already over half full. A phone number's digit
    groups and a list's dash stay with their words, and an address (a URL, an e-mail)
    is one word, never cut. Every page but the last ends with `footer(page, pages)`
    (how to get the next part), counted in the page.
    """
    if count(text).segments <= max_segments:
        return [text]
    widest = footer(99, 99)

    def fits(page: str) -> bool:
        return count(f"{page}\n{widest}").segments <= max_segments

    pages: list[str] = []
    current: str | None = None  # the page being filled

    def turn(line: str | None = None) -> None:
        nonlocal current
        if current is not None:
            pages.append(current.rstrip("\n"))  # no page ends with a blank line
        current = line

    for line in text.split("\n"):
        if current is None and not line:
            continue  # nor starts with one
        joined = line if current is None else f"{current}\n{line}"
        if fits(joined):
            current = joined
        elif fits(line) and _over_half(current, line, widest, max_segments):
            turn(line)
        else:
            separator = "\n"
            for word in _words(line):
                candidate = word if current is None else f"{current}{separator}{word}"
                if current is not None and not fits(candidate):
                    turn()
                    candidate = word
                current, separator = candidate, " "
    turn()
    return [page if n == len(pages) else f"{page}\n{footer(n, len(pages))}" for n, page in enumerate(pages, 1)]


def _over_half(page: str | None, line: str, footer: str, max_segments: int) -> bool:
    """Whether `page` fills over half of a page in the encoding it would have with `line`:
    a GSM-7 page that takes a line with a `ç` in it becomes UCS-2, and holds half as much."""
    if page is None:
        return False
    encoding = count(f"{page}\n{line}").encoding
    filled = f"{page}\n{footer}"
    units = count(filled).units if encoding == GSM7 else len(filled.encode("utf-16-le")) // 2
    return units * 2 > max_segments * (153 if encoding == GSM7 else 67)


_DIGIT_GAP = re.compile(r"(?<=\d) (?=\d)")  # "296 204 700": one word


def _words(line: str) -> list[str]:
    """The words a line may be cut between; an indent and a list's dash stay with the first."""
    indent = len(line) - len(line.lstrip(" -"))
    words = [word.replace("\0", " ") for word in _DIGIT_GAP.sub("\0", line[indent:]).split(" ")]
    words[0] = line[:indent] + words[0]
    return words

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
    """Split `text` at line (else word) boundaries into pages of at most `max_segments` each.

    Every page but the last ends with `footer(page, pages)` (how to get the next part),
    and the footer is counted in the page.
    """
    if count(text).segments <= max_segments:
        return [text]
    widest = footer(99, 99)
    pieces = _pieces(text, max_segments, widest)
    pages, current = [], ""
    for piece in pieces:
        candidate = f"{current}\n{piece}" if current else piece
        if current and count(f"{candidate}\n{widest}").segments > max_segments:
            pages.append(current)
            candidate = piece
        current = candidate
    pages.append(current)
    return [page if n == len(pages) else f"{page}\n{footer(n, len(pages))}" for n, page in enumerate(pages, 1)]


def _pieces(text: str, max_segments: int, widest: str) -> list[str]:
    """Lines, with any line too long for a page on its own cut between words."""
    pieces = []
    for line in text.split("\n"):
        if count(f"{line}\n{widest}").segments <= max_segments:
            pieces.append(line)
            continue
        current = ""
        for word in line.split(" "):
            candidate = f"{current} {word}" if current else word
            if current and count(f"{candidate}\n{widest}").segments > max_segments:
                pieces.append(current)
                candidate = word
            current = candidate
        pieces.append(current)
    return pieces

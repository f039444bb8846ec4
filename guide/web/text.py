"""Plain-text pages: any step or roadmap with `?format=txt` (a reserved parameter).

For a screen reader, a text-only browser, or to paste into an SMS: numbered
options, lines of at most 60 characters, no markup, `text/plain; charset=utf-8`.
"""

from __future__ import annotations

import re
import textwrap

from flask import make_response, request
from flask.wrappers import Response

WIDTH = 60


def wants_text() -> bool:
    return request.args.get("format") == "txt"


_ADDRESS_LINE = re.compile(r"\S*:? ?\S+://\S+")  # "3: https://…", "[3] https://…": kept whole
_BOUND = "\u00a0"  # holds words together while wrapping; a space again afterwards


def _bind(line: str) -> str:
    """Join what must be read on one line: a phone number's digit groups, a citation "[4: 2025-09-05]"."""
    line = re.sub(r"(?<=\d) (?=\d)", _BOUND, line)
    return re.sub(r"\[[^\]]*\]", lambda cited: cited.group().replace(" ", _BOUND), line)


def wrap(lines: list[str], width: int = WIDTH) -> str:
    """Wrap each line to `width`, keeping its indentation on the lines it breaks into.

    An address is never broken (it must still work when pasted): a line that is one is
    kept whole, and one inside a sentence goes on a line of its own.
    """
    out = []
    for line in lines:
        if _ADDRESS_LINE.fullmatch(line):
            out.append(line)
            continue
        indent = " " * (len(line) - len(line.lstrip(" -")))
        out += [part.replace(_BOUND, " ") for part in textwrap.wrap(
            _bind(line), width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False)] or [""]
    return "\n".join(out) + "\n"


def text_response(lines: list[str], status: int = 200) -> Response:
    response = make_response(wrap(lines), status)
    response.mimetype = "text/plain"
    response.headers["Cache-Control"] = "no-store"  # it carries the answers, like the page
    return response

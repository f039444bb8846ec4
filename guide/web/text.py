"""Plain-text pages: any step or roadmap with `?format=txt` (a reserved parameter).

For a screen reader, a text-only browser, or to paste into an SMS: numbered
options, lines of at most 60 characters, no markup, `text/plain; charset=utf-8`.
"""

from __future__ import annotations

import textwrap

from flask import make_response, request
from flask.wrappers import Response

WIDTH = 60


def wants_text() -> bool:
    return request.args.get("format") == "txt"


def wrap(lines: list[str], width: int = WIDTH) -> str:
    """Wrap each line to `width`, keeping its indentation on the lines it breaks into."""
    out = []
    for line in lines:
        if "://" in line:  # an address is never broken: it must still work when pasted
            out.append(line)
            continue
        indent = " " * (len(line) - len(line.lstrip(" -")))
        out += textwrap.wrap(line, width, subsequent_indent=indent, break_long_words=False,
                             break_on_hyphens=False) or [""]
    return "\n".join(out) + "\n"


def text_response(lines: list[str], status: int = 200) -> Response:
    response = make_response(wrap(lines), status)
    response.mimetype = "text/plain"
    response.headers["Cache-Control"] = "no-store"  # it carries the answers, like the page
    return response

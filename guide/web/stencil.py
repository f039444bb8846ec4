"""Templates rendered once with holes, and filled in per request.

Most of a page is the same for everyone who stands at the same step in the same
language: the frame (head with its inlined CSS, header, footer), a question's
legend and options, the outline of a roadmap. What differs between two people
there is small and known in advance: the walk's answers in hidden inputs and
links, a sensitive option's fresh token, an error's echoed value. A stencil is
such a template rendered with a marker in each hole and cut at the markers; a
request joins the pieces with its own values, escaped. That costs a few
microseconds where rendering costs about a hundred (docs/adr/0002).

A key must name everything a stencil's fixed text depends on; whatever else
varies is a hole. Stencils are kept per process, for the content being served:
reloaded flows or directory start afresh, and in development (templates
reloaded) none is kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache

from flask import current_app
from markupsafe import Markup, escape

_MARK = "\x00"  # never in rendered text: YAML refuses it, and holes are filled escaped
# Kept per process. Keys come from content, not from requests: every question, option and
# roadmap path in each language, about 4,000 for the eight flows in three languages.
LIMIT = 10_000
_NAME = re.compile(r"[a-z][a-z0-9_-]*")


@cache
def hole(name: str) -> Markup:
    """The marker to render in place of the value called `name`."""
    return Markup(f"{_MARK}{name}{_MARK}")


class Stencil:
    def __init__(self, html: str):
        self.pieces = html.split(_MARK)  # text, hole name, text, ..., text
        if len(self.pieces) % 2 == 0 or not all(map(_NAME.fullmatch, self.pieces[1::2])):
            raise ValueError("rendered text holds a NUL character of its own")

    def fill(self, values: Mapping[str, object]) -> Markup:
        """The page with each hole's value in place, escaped unless it is already Markup."""
        pieces = self.pieces[:]
        pieces[1::2] = [escape(values[name]) for name in pieces[1::2]]
        return Markup("".join(pieces))


def kept(key: tuple, render: Callable[[], str]) -> Stencil:
    """The stencil for `key`, cut from `render()` the first time it is asked for."""
    app = current_app._get_current_object()
    content = app.extensions.get("content")
    held = app.extensions.get("stencils")
    if held is None or held[0] is not content:
        held = app.extensions["stencils"] = (content, {})
    stencils = held[1]
    found = stencils.get(key)
    if found is None or app.jinja_env.auto_reload:
        if len(stencils) >= LIMIT:
            stencils.clear()
        found = stencils[key] = Stencil(render())
    return found

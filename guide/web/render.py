"""The one place that decides between a whole page and an htmx fragment.

The same URL answers both ways, so every response varies on the htmx headers:
a cache or a reopened tab must never show a bare fragment. History-restore
requests (Back after a cache miss) always get the whole page.
"""

from __future__ import annotations

from flask import make_response, render_template
from flask.wrappers import Response
from htmx_flask import request


def wants_fragment() -> bool:
    return bool(request.htmx) and not request.htmx.history_restore_request


def render_page(template: str, *, page: str, title: str, status: int = 200,
                carries_answers: bool = False, **context) -> Response:
    """Render `template` (a `_fragment`) inside the main region, alone or in the page."""
    layout = "_fragment.html" if wants_fragment() else "page.html"
    html = render_template(layout, body_template=template, page=page, title=title, **context)
    response = make_response(html, status)
    response.vary.update(("HX-Request", "HX-History-Restore-Request"))
    if carries_answers:
        response.headers["Cache-Control"] = "no-store"
    return response

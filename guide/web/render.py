"""The one place that decides between a whole page and an htmx fragment.

The same URL answers both ways, so every response varies on the htmx headers:
a cache or a reopened tab must never show a bare fragment. History-restore
requests (Back after a cache miss) always get the whole page.

A page is its main region inside a frame (`page.html`: head, header, footer; or
`_fragment.html`: a title for htmx). A frame is the same for every page in a
language, so it is a stencil (guide.web.stencil) with two holes, the title and
the main region. A main region is rendered per request, except on the steps of a
walk, where it is a stencil too, its holes the walk's answers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from flask import current_app, make_response, render_template, request
from flask.wrappers import Response
from htmx_flask import request as htmx_request
from markupsafe import Markup

from guide import i18n
from guide.web import stencil
from guide.web.assets import saves_data


def wants_fragment() -> bool:
    return bool(htmx_request.htmx) and not htmx_request.htmx.history_restore_request


def render_page(template: str, *, page: str, title: str, status: int = 200, **context) -> Response:
    """Render `template` (a `_fragment`) inside the main region, alone or in the page."""
    lang = i18n.current_language()
    main = render_template("_main.html", body_template=template, page=page, title=title, lang=lang, **context)
    return _respond(lang, title, Markup(main), status)


def render_walk_page(template: str, *, page: str, title: str, status: int = 200, key: tuple,
                     holes: Mapping[str, object], context: Callable[[], dict]) -> Response:
    """`render_page` for a step of a walk, its main region a stencil kept per `key`.

    `key` must name everything the region shows but its `holes`; `context()` gives the
    template the rest, and is only called when the stencil is drawn.
    """
    lang = i18n.current_language()

    def draw() -> str:
        markers = {name: stencil.hole(name) for name in holes}
        return render_template("_main.html", **{**context(), **markers},
                               body_template=template, page=page, title=title, lang=lang)

    main = stencil.kept(("main", template, lang, request.path, request.script_root, *key), draw).fill(holes)
    response = _respond(lang, title, main, status)
    response.headers["Cache-Control"] = "no-store"  # the answers are in it
    return response


def _respond(lang: str, title: str, main: Markup, status: int) -> Response:
    frame = _frame("_fragment.html" if wants_fragment() else "page.html", lang)
    response = make_response(frame.fill({"title": title, "main": main}), status)
    response.headers["Vary"] = "HX-Request, HX-History-Restore-Request"
    return response


def _frame(layout: str, lang: str) -> stencil.Stencil:
    """`layout` around a title and a main region, rendered once per language and variant."""
    content_error = current_app.extensions.get("content_error")  # shown by the frame in development
    key = ("frame", layout, lang, request.script_root, saves_data(), content_error)
    holes = {name: stencil.hole(name) for name in ("title", "main")}
    return stencil.kept(key, lambda: render_template(layout, **holes))

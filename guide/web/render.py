"""The one place that decides between a whole page and an htmx fragment.

The same URL answers both ways, so every response varies on the htmx headers:
a cache or a reopened tab must never show a bare fragment. History-restore
requests (Back after a cache miss) always get the whole page.

A page is its main region inside a frame (`page.html`: head, header, footer; or
`_fragment.html`: a title for htmx). The main region is rendered per request; a
frame is the same for every page in a language, so it is rendered once and kept,
cut where the title and the main region go.
"""

from __future__ import annotations

from flask import current_app, make_response, render_template, request
from flask.wrappers import Response
from htmx_flask import request as htmx_request
from markupsafe import Markup, escape

from guide import i18n
from guide.web.assets import saves_data

_TITLE, _MAIN = "\x00title\x00", "\x00main\x00"  # never in a template: rendered text is escaped


def wants_fragment() -> bool:
    return bool(htmx_request.htmx) and not htmx_request.htmx.history_restore_request


def render_page(template: str, *, page: str, title: str, status: int = 200,
                carries_answers: bool = False, **context) -> Response:
    """Render `template` (a `_fragment`) inside the main region, alone or in the page."""
    lang = i18n.current_language()
    main = render_template("_main.html", body_template=template, page=page, title=title, lang=lang, **context)
    before_title, before_main, after_main = _frame("_fragment.html" if wants_fragment() else "page.html", lang)
    html = f"{before_title}{escape(title)}{before_main}{main}{after_main}"
    response = make_response(html, status)
    response.vary.update(("HX-Request", "HX-History-Restore-Request"))
    if carries_answers:
        response.headers["Cache-Control"] = "no-store"
    return response


def _frame(layout: str, lang: str) -> tuple[str, str, str]:
    """`layout` around a title and a main region, rendered once per language and variant."""
    content_error = current_app.extensions.get("content_error")  # shown by the frame in development
    key = (layout, lang, request.script_root, saves_data(), content_error)
    frames = current_app.extensions.setdefault("page_frames", {})
    if key not in frames or current_app.jinja_env.auto_reload:  # development: templates change
        if len(frames) > 64:  # script roots come from trusted proxies and errors from authors: few
            frames.clear()
        html = render_template(layout, title=Markup(_TITLE), main=Markup(_MAIN))
        before_title, rest = html.split(_TITLE)
        before_main, after_main = rest.split(_MAIN)
        frames[key] = (before_title, before_main, after_main)
    return frames[key]

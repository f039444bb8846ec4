"""Languages: choosing one per request, and translating templates and content.

English is the source language of every string, templates and YAML content
alike; other languages come from the gettext catalogs in `translations/`.
Content text is looked up with its msgctxt at render time, so a string loaded
at start-up still follows each request's language.
"""

from __future__ import annotations

from urllib.parse import quote

from babel import negotiate_locale
from flask import Flask, current_app, g, request, url_for
from flask_babel import Babel, get_translations
from markupsafe import Markup

from guide.text import Msg

LANGUAGES = ("en", "pt", "ar")
UNREVIEWED_LANGUAGES = ("ar",)  # shown with a note; not yet held to complete translation
LANGUAGE_NAMES = {"en": "English", "pt": "Português", "ar": "العربية"}
RIGHT_TO_LEFT = {"ar", "fa", "he", "ur"}


def supported() -> tuple[str, ...]:
    return tuple(current_app.config["LANGUAGES"])


def negotiate() -> str:
    """The best supported language for Accept-Language; English when none fits.

    Werkzeug sorts the header by quality; Babel matches each tag exactly, then
    by its language part (`pt-BR` -> `pt`), so `pt-PT,en;q=0.3` gives `pt`.
    """
    preferred = [lang.replace("_", "-") for lang, quality in request.accept_languages if quality > 0]
    match = negotiate_locale(preferred, supported(), sep="-")
    return match.lower() if match else "en"


def current_language() -> str:
    """The language of this request: the URL's first segment, else negotiated.

    The segment counts even when no route matched (a 404, 405 or 413 under /pt/
    is in Portuguese), as long as it is a language this guide speaks.
    """
    if "lang" not in g:
        lang = (request.view_args or {}).get("lang") or request.path.split("/", 2)[1]
        g.lang = lang if lang in supported() else negotiate()
    return g.lang


def catalog():
    """This request's gettext catalog, looked up once per request rather than once per string.

    Catalogs do not change while the app runs, so each language's is kept after its first use.
    """
    found = g.get("catalog")
    if found is None:
        lang = current_language()
        kept = current_app.extensions.setdefault("catalogs", {})
        found = g.catalog = kept.get(lang) or kept.setdefault(lang, get_translations())
    return found


def translate(message: Msg | str | None) -> str:
    """Content text in the request's language; plain strings (names) pass through."""
    if message is None:
        return ""
    if not isinstance(message, Msg):
        return str(message)
    return catalog().upgettext(message.context, message.text)


def translate_marked(message: Msg | str | None):
    """`translate` for templates: text still in English on a page in another language
    is marked as English, so screen readers pronounce it and right-to-left pages lay it
    out left to right."""
    text = translate(message)
    if isinstance(message, Msg) and text == message.text and current_language() != "en":
        return Markup('<span lang="en" dir="ltr">{}</span>').format(text)
    return text


def language_links(query: str | None = None) -> list[tuple[str, str]]:
    """This very page in each language, with `query` (the walk's answers) kept.

    The language is the path's first segment (docs/adr/0001-url-grammar.md), so the
    page in another language is the same path with that segment swapped.
    """
    lang = (request.view_args or {}).get("lang") if request.url_rule is not None else None
    if lang is None:
        return [(code, url_for("web.home", lang=code)) for code in supported()]
    rest = quote(request.path[len(lang) + 1:])
    suffix = f"?{query}" if query else ""
    return [(code, f"{request.script_root}/{code}{rest}{suffix}") for code in supported()]


def init_app(app: Flask) -> None:
    Babel(app, locale_selector=current_language)
    # Flask-Babel's template callables find the catalog again for every string; a page
    # calls them dozens of times, so they use this request's catalog instead.
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: catalog().ugettext(s),
        ngettext=lambda s, p, n: catalog().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: catalog().upgettext(c, s),
        npgettext=lambda c, s, p, n: catalog().unpgettext(c, s, p, n),
    )
    app.jinja_env.globals.update(
        t=translate_marked,
        language_links=language_links,
        current_language=current_language,
        language_names=LANGUAGE_NAMES,
        text_direction=lambda: "rtl" if current_language() in RIGHT_TO_LEFT else "ltr",
        unreviewed=lambda: current_language() in current_app.config.get("UNREVIEWED_LANGUAGES", ()),
    )

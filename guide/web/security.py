"""Security headers on every response, and the hash that lets the inline CSS run.

The critical CSS is inlined so a page arrives in one round trip; the Content
Security Policy allows exactly that stylesheet by its SHA-256 and no inline
script at all.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from flask import Flask, abort, current_app, request
from markupsafe import Markup


def _load_css(app: Flask) -> None:
    css = (Path(app.template_folder) / "critical.css").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    app.jinja_env.globals["critical_css"] = Markup(css)
    app.config["CSP"] = "; ".join([
        "default-src 'none'",
        "script-src 'self'",
        f"style-src 'sha256-{digest}'",
        "img-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ])


def refuse_long_query() -> None:
    """A query string longer than any real walk is refused before any work."""
    if len(request.query_string) > current_app.config["MAX_QUERY_LENGTH"]:
        abort(414)


def add_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", current_app.config["CSP"])
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=(), interest-cohort=()")
    return response


def init_app(app: Flask) -> None:
    _load_css(app)
    app.before_request(refuse_long_query)
    app.after_request(add_headers)

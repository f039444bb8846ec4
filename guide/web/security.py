"""Security headers on every response, request limits, and the hash that lets the inline CSS run.

The critical CSS is inlined so a page arrives in one round trip; the Content
Security Policy allows exactly that stylesheet by its SHA-256 and no inline
script at all. Oversized requests are refused here with a translated page; the
limits sit below gunicorn's own (gunicorn.conf.py), so the app answers first,
and a Host header no link could be built from is refused.
Behind a reverse proxy, `PROXY_FIX = n` trusts n proxies' X-Forwarded-* headers.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from flask import Flask, abort, current_app, request
from markupsafe import Markup
from werkzeug.middleware.proxy_fix import ProxyFix


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


def refuse_oversized() -> None:
    """Too many or too large headers (431), or a body over MAX_CONTENT_LENGTH (413), even unread."""
    config = current_app.config
    if len(request.headers) > config["MAX_HEADER_COUNT"] or any(
            len(name) + len(value) > config["MAX_HEADER_BYTES"] for name, value in request.headers.items()):
        abort(431)
    if (request.content_length or 0) > config["MAX_CONTENT_LENGTH"]:
        abort(413)


# A host name or an IP address (v6 in brackets), with an optional port: nothing that would
# change the meaning of a link built from it ("evil.example/x?", "user@evil.example").
_HOST = re.compile(r"(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?")


def refuse_bad_host() -> None:
    """A Host no link can be built from gets a 400 (TRUSTED_HOSTS, in production, is stricter still)."""
    host = request.host
    if not _HOST.fullmatch(host):
        abort(400)
    if "xn--" in host.lower():  # punycode that does not decode ("xn--") breaks request.host_url
        try:
            host.rsplit(":", 1)[0].encode("ascii").decode("idna")
        except UnicodeError:
            abort(400)


def add_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", current_app.config["CSP"])
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=(), interest-cohort=()")
    headers.setdefault("X-Frame-Options", "DENY")  # frame-ancestors for browsers that predate CSP 2
    return response


def trust_proxies(app: Flask) -> None:
    """Read client address, scheme, host and prefix from `PROXY_FIX` trusted proxies (0: off)."""
    hops = int(app.config.get("PROXY_FIX") or 0)
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_prefix=hops)


def init_app(app: Flask) -> None:
    _load_css(app)
    app.before_request(refuse_oversized)
    app.before_request(refuse_bad_host)
    app.before_request(refuse_long_query)
    trust_proxies(app)
    app.after_request(add_headers)

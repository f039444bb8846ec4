"""Compression (brotli or gzip) of public responses, and the rule that turns it off.

Compressing a page that carries a secret next to text an attacker can inject
leaks the secret byte by byte (BREACH), so a response is never compressed when
its request made a CSRF token (Flask-WTF keeps it in `g.csrf_token`) or its
view asked for it with `@uncompressed`. Everything else that is text goes out
compressed: that is what keeps a first page within one TCP round trip.
"""

from __future__ import annotations

import functools

from flask import Flask, g
from flask_compress import Compress

compress = Compress()


def uncompressed(view):
    """Mark a view whose responses must never be compressed (a form with a secret in it)."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        g.uncompressed = True
        return view(*args, **kwargs)

    return wrapper


def may_compress() -> bool:
    return not g.get("uncompressed") and "csrf_token" not in g


def _after_request(response):
    if not may_compress():
        response.vary.add("Accept-Encoding")
        return response
    if response.is_streamed and response.direct_passthrough:
        # A static file: read it whole (it closes the file) rather than let Flask-Compress stream
        # it, which leaves the file open. Our files are small and cached for a year.
        response.direct_passthrough = False
        response.make_sequence()
    # Flask-Compress leaves 4xx/5xx alone, but an error page or a 422 step is a page
    # like any other here; hand it over as a 200 and give the status back.
    status = response.status_code
    if 400 <= status < 600:
        response.status_code = 200
        response = compress.after_request(response)
        response.status_code = status
        return response
    return compress.after_request(response)


def init_app(app: Flask) -> None:
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_BR_LEVEL", 5)
    app.config.setdefault("COMPRESS_REGISTER", False)
    compress.init_app(app)
    app.after_request(_after_request)

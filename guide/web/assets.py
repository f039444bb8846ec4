"""Static files under versioned URLs, cached for a year, and skipped under Save-Data.

Every asset's URL carries the first characters of its content hash (htmx's
name carries its version too), so a changed file is a new URL and browsers may
keep each one for a year without asking again. A browser that
sends `Save-Data: on` gets no script at all: every page works without one.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, current_app, request, url_for

YEAR = 365 * 24 * 3600


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()[:12] for p in folder.iterdir() if p.is_file()}


def asset_url(filename: str) -> str:
    """The static URL of `filename` with its content hash as the version.

    Built once per script root: every page's head asks for the same two URLs.
    """
    key = (request.script_root, filename)
    urls = current_app.extensions["asset_urls"]
    if key not in urls:
        version = current_app.extensions["asset_digests"].get(filename)
        urls[key] = url_for("static", filename=filename, v=version) if version else url_for("static", filename=filename)
    return urls[key]


def saves_data() -> bool:
    return request.headers.get("Save-Data", "").split(";")[0].strip().lower() == "on"  # "on; x" too


def _cache_headers(response):
    if request.endpoint == "static" and response.status_code == 200:
        response.cache_control.public = True
        response.cache_control.max_age = YEAR
        response.cache_control.immutable = True
    elif response.mimetype == "text/html":
        response.vary.add("Save-Data")
    return response


def init_app(app: Flask) -> None:
    app.extensions["asset_digests"] = _digests(Path(app.static_folder))
    app.extensions["asset_urls"] = {}
    app.jinja_env.globals.update(asset_url=asset_url, saves_data=saves_data)
    app.after_request(_cache_headers)

"""Reload flows and the directory in development when a YAML file changes.

Before each request the content files' modification times are compared with
the last load. On a change the content is loaded again: if it passes its
checks it replaces the old (and the directory is reloaded into the database);
if not, the last good version keeps serving and the problems are shown on
every page and logged. Off unless `CONTENT_RELOAD` is set (it follows
`flask run --debug`); in production content changes need a restart.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app

from guide import content, db
from guide.directory import store
from guide.yamlfile import ContentError


def _signature(app: Flask) -> tuple:
    files = [*Path(app.config["FLOWS_DIR"]).glob("*.yaml"), *Path(app.config["DIRECTORY_DIR"]).glob("*.yaml")]
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files))


def reload_if_changed() -> None:
    app = current_app._get_current_object()
    signature = _signature(app)
    if signature == app.extensions["content_signature"]:
        return
    app.extensions["content_signature"] = signature
    try:
        fresh = content.load(app)
    except ContentError as err:
        app.extensions["content_error"] = str(err)
        app.logger.error("content not reloaded, the last good version keeps serving:\n%s", err)
        return
    if fresh.directory != app.extensions["content"].directory:
        store.load(fresh.directory, db.engine())
    app.extensions["content"] = fresh
    app.extensions["content_error"] = None


def init_app(app: Flask) -> None:
    if not app.config.get("CONTENT_RELOAD", app.debug):
        return
    app.extensions["content_signature"] = _signature(app)
    app.extensions["content_error"] = None
    app.before_request(reload_if_changed)
    app.context_processor(lambda: {"content_error": current_app.extensions.get("content_error")})

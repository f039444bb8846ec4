"""Staff pages behind a login: check status, flow graphs with step previews, paths, stale facts.

Only these pages use a session, so only they may set a cookie: it is scoped
to /staff, HttpOnly and SameSite=Lax. Public pages stay cookie-free. Every
form carries a CSRF token (Flask-WTF); sign-in attempts are rate-limited per
address (the `limits` library). The count is kept where STAFF_LOGIN_LIMIT_STORAGE
says: in memory by default, where each gunicorn worker counts its own; point it
at a shared store (`redis://...`) to hold the limit across workers and servers.
Only staff requests are counted: public pages pay nothing for the limit.
"""

from __future__ import annotations

from flask import Flask
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

from guide.staff import views
from guide.staff.cli import staff_cli


def init_app(app: Flask) -> None:
    for key, value in (("SESSION_COOKIE_PATH", "/staff"), ("SESSION_COOKIE_SAMESITE", "Lax")):
        if app.config.get(key) is None:  # Flask's defaults are None
            app.config[key] = value
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config.setdefault("STAFF_LOGIN_LIMIT", "5 per minute")
    app.config.setdefault("STAFF_LOGIN_LIMIT_STORAGE", "memory://")
    app.extensions["staff_attempts"] = FixedWindowRateLimiter(
        storage_from_string(app.config["STAFF_LOGIN_LIMIT_STORAGE"]))
    app.register_blueprint(views.bp)
    app.cli.add_command(staff_cli)

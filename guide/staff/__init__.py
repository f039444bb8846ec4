"""Staff pages behind a login: check status, flow graphs with step previews, paths, stale facts.

Only these pages use a session, so only they may set a cookie: it is scoped
to /staff, HttpOnly and SameSite=Lax. Public pages stay cookie-free. Every
form carries a CSRF token (Flask-WTF); sign-in attempts are rate-limited per
address (Flask-Limiter, in memory: each process counts its own).
"""

from __future__ import annotations

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from guide.staff import views
from guide.staff.cli import staff_cli


def init_app(app: Flask) -> None:
    for key, value in (("SESSION_COOKIE_PATH", "/staff"), ("SESSION_COOKIE_SAMESITE", "Lax")):
        if app.config.get(key) is None:  # Flask's defaults are None
            app.config[key] = value
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config.setdefault("STAFF_LOGIN_LIMIT", "5 per minute")
    limiter = Limiter(get_remote_address, app=app, storage_uri="memory://", default_limits=[])
    limiter.limit(lambda: app.config["STAFF_LOGIN_LIMIT"], methods=["POST"])(views.bp)
    app.register_blueprint(views.bp)
    app.cli.add_command(staff_cli)

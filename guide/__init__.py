"""The Azores Migrant Guide: a Flask app over the flow engine and the directory."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from htmx_flask import Htmx

from guide.i18n import LANGUAGES, UNREVIEWED_LANGUAGES

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app; flows and the directory are loaded and checked here, once."""
    app = Flask(
        __name__,
        instance_path=str(ROOT / "instance"),
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.from_mapping(
        FLOWS_DIR=ROOT / "flows",
        DIRECTORY_DIR=ROOT / "flows" / "directory",
        DATABASE_URL=f"sqlite:///{ROOT / 'instance' / 'guide.db'}",
        BABEL_TRANSLATION_DIRECTORIES=str(ROOT / "translations"),
        LANGUAGES=LANGUAGES,
        UNREVIEWED_LANGUAGES=UNREVIEWED_LANGUAGES,
        MAX_CONTENT_LENGTH=16 * 1024,
        MAX_QUERY_LENGTH=4096,
        MAX_HEADER_COUNT=50,
        MAX_HEADER_BYTES=4096,
        PROXY_FIX=0,
        SEND_FILE_MAX_AGE_DEFAULT=365 * 24 * 3600,
        REPORT_EMAIL="atendimento.drc@azores.gov.pt",  # where "report wrong information" writes to
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("GUIDE")
    else:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        raise RuntimeError("No SECRET_KEY: run `python -m guide.instance_setup` (done by `make run`).")

    from guide import cli, content, db, i18n, sms, staff, web
    from guide.authoring import reload

    Htmx(app)
    db.init_app(app)
    i18n.init_app(app)
    content.init_app(app)
    web.init_app(app)
    staff.init_app(app)
    reload.init_app(app)
    cli.init_app(app)
    sms.init_app(app)
    return app

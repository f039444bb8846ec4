"""The database connection: one SQLAlchemy engine per app, sessions on demand.

SQLite in `instance/` by default; any SQLAlchemy URL (PostgreSQL at scale) in
`DATABASE_URL`. The database is only a runtime index of the YAML content.
"""

from flask import Flask, current_app
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine


def init_app(app: Flask) -> None:
    app.extensions["db_engine"] = create_engine(app.config["DATABASE_URL"])


def engine() -> Engine:
    return current_app.extensions["db_engine"]


def session() -> Session:
    return Session(engine())

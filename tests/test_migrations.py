"""Migrations: `flask db upgrade` brings the app's database (SQLite or PostgreSQL) to the head revision."""

from __future__ import annotations

import sqlmodel
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, text

from guide import db
from guide.directory import models
from guide.migrate import alembic_config


def test_db_upgrade_reaches_head_and_leaves_the_directory_alone(app):
    with app.app_context(), db.session() as session:
        before = session.exec(sqlmodel.select(func.count()).select_from(models.Location)).one()
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    head = ScriptDirectory.from_config(alembic_config(app.config["DATABASE_URL"])).get_current_head()
    with app.app_context(), db.engine().connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == head
        assert "directory_location" in inspect(connection).get_table_names()
    with app.app_context(), db.session() as session:
        assert session.exec(sqlmodel.select(func.count()).select_from(models.Location)).one() == before > 50


def test_the_migrations_make_the_sms_session_table_its_model_describes(app):
    """The tests' SMS sessions live in the table the migrations make: a model changed without one fails here."""
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output

    def sms_session(obj, name, type_, reflected, compare_to):
        return getattr(obj, "table", obj).name == "sms_session"

    with app.app_context(), db.engine().connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": sms_session})
        assert compare_metadata(context, sqlmodel.SQLModel.metadata) == []

"""Migrations: `flask db upgrade` brings the app's database (SQLite or PostgreSQL) to the head revision."""

from __future__ import annotations

from datetime import datetime, timezone

import sqlmodel
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, text

from guide import db
from guide.directory import models
from guide.migrate import alembic_config
from guide.staff.models import StaffUser


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


def test_the_migrations_make_every_table_they_own_as_its_model_describes(app):
    """Tables, columns, types and nullability: a model changed without a migration fails here.

    SQLite keeps no time zone in its schema, so a lost zone fails only the PostgreSQL run (CI).
    """
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    compared = set()

    def migration_owned(obj, name, type_, reflected, compare_to):
        """Every table but the directory's, which `flask directory load` rebuilds from YAML (as in env.py)."""
        table = getattr(obj, "table", obj).name
        if table.startswith("directory_"):
            return False
        compared.add(table)
        return True

    with app.app_context(), db.engine().connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": migration_owned, "compare_type": True})
        assert compare_metadata(context, sqlmodel.SQLModel.metadata) == []
    assert {"staff_user", "sms_session"} <= compared


def test_upgrading_past_0005_keeps_the_instant_each_staff_account_was_created(app, monkeypatch):
    """0002's naive values hold the session zone's wall-clock time: 0005 must read them in it, not as UTC."""
    monkeypatch.setenv("PGTZ", "Atlantic/Azores")  # libpq's session TimeZone, UTC-1 in January; SQLite ignores it
    created = datetime(2026, 1, 15, 12, 0, tzinfo=timezone.utc)
    config = alembic_config(app.config["DATABASE_URL"])
    with app.app_context():
        db.engine().dispose()  # new connections, in PGTZ
        command.downgrade(config, "0004")
        try:
            with db.session() as session:
                user = StaffUser(name="created-before-0005", password_hash="-", created_at=created)
                session.add(user)
                session.commit()
                user_id = user.id
        finally:
            command.upgrade(config, "head")
        with db.session() as session:
            user = session.get(StaffUser, user_id)
            stored = user.created_at
            session.delete(user)
            session.commit()
        db.engine().dispose()  # leave no connection in PGTZ to the tests that follow
    assert stored == created

"""alembic environment: the app's SQLModel metadata, minus the tables rebuilt from YAML."""

from alembic import context
from sqlalchemy import engine_from_config, pool
from sqlmodel import SQLModel

import guide.directory.models  # noqa: F401  (registers the directory tables, to leave them out)

REBUILT_FROM_YAML = "directory_"


def include_object(obj, name, type_, reflected, compare_to):
    """Leave the directory alone: `flask directory load` owns those tables."""
    table = obj if type_ == "table" else getattr(obj, "table", None)
    return table is None or not (table.name or "").startswith(REBUILT_FROM_YAML)


def run_migrations() -> None:
    config = context.config
    if context.is_offline_mode():
        context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=SQLModel.metadata,
                          include_object=include_object, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = engine_from_config(config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.",
                                poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=SQLModel.metadata, include_object=include_object)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations()
